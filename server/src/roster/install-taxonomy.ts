// A new school's own copy of the default taxonomy (../taxonomy/default-categories.json):
// categories with their subcategories, agencies, thresholds and alert groups. From then
// on the school renames, hides, adds and reorders its copy; records keep the ids they
// were filed under.
import { randomUUID } from "node:crypto";
import { SCHOOL_ROLES, type SchoolRole } from "../access/roles.ts";
import type { Tx } from "../db/database.ts";
import {
  AREAS,
  type Area,
  agencies,
  agencyNames,
  alertRules,
  categories,
  categoryNames,
  documentTypeNames,
  documentTypes,
  flagTypeNames,
  flagTypes,
  groups,
  thresholdNames,
  thresholds,
} from "../db/schema/index.ts";
import taxonomy from "../taxonomy/default-categories.json" with { type: "json" };
import { DEFAULT_DOCUMENT_TYPES } from "../vault/document-types.ts";
import { DEFAULT_FLAGS } from "./default-flags.ts";

export interface DefaultTaxonomy {
  thresholds: readonly string[];
  categories: readonly {
    name: string;
    area: string;
    dslOnly?: boolean;
    notifiable?: boolean;
    transfers?: boolean;
    subcategories: readonly string[];
    dslOnlySubcategories?: readonly string[];
  }[];
  agencies: readonly string[];
  defaultGroups: readonly { name: string; roles: readonly string[]; alertedOn?: string }[];
}

export const DEFAULT_TAXONOMY: DefaultTaxonomy = taxonomy;

// How the taxonomy file names roles, in role keys. Holders of any of a group's roles are
// its members: the DSL team is the DSL and the deputies.
const GROUP_ROLES: Readonly<Record<string, readonly SchoolRole[]>> = {
  dsl: ["dsl", "deputy_dsl"],
  deputy: ["deputy_dsl"],
  headteacher: ["head"],
  senco: ["sendco"],
};

/** The role keys a taxonomy group role stands for; an unknown name is a mistake in the file. */
export function groupRoleKeys(names: readonly string[]): SchoolRole[] {
  const keys = new Set<SchoolRole>();
  for (const name of names) {
    const mapped =
      GROUP_ROLES[name] ??
      ((SCHOOL_ROLES as readonly string[]).includes(name) ? [name as SchoolRole] : undefined);
    if (!mapped) throw new Error(`The default taxonomy names an unknown role: ${name}`);
    for (const key of mapped) keys.add(key);
  }
  return [...keys];
}

function area(name: string, value: string): Area {
  if (!(AREAS as readonly string[]).includes(value))
    throw new Error(`Category ${name} has an unknown area: ${value}`);
  return value as Area;
}

export interface InstalledTaxonomy {
  categories: number;
  subcategories: number;
  agencies: number;
  thresholds: number;
  groups: { id: string; name: string; roles: SchoolRole[] }[];
  alertRules: number;
}

/** Copies the default taxonomy into a school that has none yet (as the owner or the school). */
export async function installDefaultTaxonomy(
  tx: Tx,
  schoolId: string,
  source: DefaultTaxonomy = DEFAULT_TAXONOMY,
): Promise<InstalledTaxonomy> {
  const parents: (typeof categories.$inferInsert)[] = [];
  const children: (typeof categories.$inferInsert)[] = [];
  source.categories.forEach((category, index) => {
    const id = randomUUID();
    const dslOnly = category.dslOnly ?? false;
    const notifiable = category.notifiable ?? false;
    const transfers = category.transfers ?? true;
    const categoryArea = area(category.name, category.area);
    parents.push({
      schoolId,
      id,
      parentId: null,
      name: category.name,
      area: categoryArea,
      dslOnly,
      notifiable,
      transfers,
      sortOrder: index + 1,
    });
    const subcategories = [
      ...category.subcategories.map((name) => ({ name, dslOnly })),
      ...(category.dslOnlySubcategories ?? []).map((name) => ({ name, dslOnly: true })),
    ];
    subcategories.forEach((sub, subIndex) => {
      children.push({
        schoolId,
        id: randomUUID(),
        parentId: id,
        name: sub.name,
        area: categoryArea,
        dslOnly: sub.dslOnly,
        notifiable,
        transfers,
        sortOrder: subIndex + 1,
      });
    });
  });

  const groupRows = source.defaultGroups.map((group) => ({
    schoolId,
    id: randomUUID(),
    name: group.name,
    roles: groupRoleKeys(group.roles),
    // The pre-set alert of the taxonomy: "DSL team on every incident".
    alertedOnEveryIncident: group.alertedOn === "every incident",
  }));

  await tx.insert(categories).values(parents);
  if (children.length > 0) await tx.insert(categories).values(children);
  // Each category's name history starts with the name it was installed under.
  await tx
    .insert(categoryNames)
    .values(
      [...parents, ...children].flatMap((c) =>
        c.id ? [{ schoolId, categoryId: c.id, name: c.name }] : [],
      ),
    );
  // Each list's name history starts with the name it was installed under.
  if (source.agencies.length > 0) {
    const rows = await tx
      .insert(agencies)
      .values(source.agencies.map((name, i) => ({ schoolId, name, sortOrder: i + 1 })))
      .returning({ id: agencies.id, name: agencies.name });
    await tx
      .insert(agencyNames)
      .values(rows.map((r) => ({ schoolId, agencyId: r.id, name: r.name })));
  }
  if (source.thresholds.length > 0) {
    const rows = await tx
      .insert(thresholds)
      .values(
        source.thresholds.map((name, i) => ({
          schoolId,
          name,
          // Decisions at the child protection threshold need child protection access.
          area: /^child protection/i.test(name)
            ? ("child_protection" as const)
            : ("safeguarding" as const),
          sortOrder: i + 1,
        })),
      )
      .returning({ id: thresholds.id, name: thresholds.name });
    await tx
      .insert(thresholdNames)
      .values(rows.map((r) => ({ schoolId, thresholdId: r.id, name: r.name })));
  }
  const flagRows = await tx
    .insert(flagTypes)
    .values(DEFAULT_FLAGS.map((f, i) => ({ schoolId, ...f, sortOrder: i + 1 })))
    .returning({ id: flagTypes.id, name: flagTypes.name });
  await tx
    .insert(flagTypeNames)
    .values(flagRows.map((r) => ({ schoolId, flagTypeId: r.id, name: r.name })));
  const documentRows = await tx
    .insert(documentTypes)
    .values(DEFAULT_DOCUMENT_TYPES.map((d, i) => ({ schoolId, ...d, sortOrder: i + 1 })))
    .returning({ id: documentTypes.id, name: documentTypes.name });
  await tx
    .insert(documentTypeNames)
    .values(documentRows.map((r) => ({ schoolId, documentTypeId: r.id, name: r.name })));
  if (groupRows.length > 0) await tx.insert(groups).values(groupRows);
  const rules = defaultAlertRules(schoolId, groupRows);
  if (rules.length > 0) await tx.insert(alertRules).values(rules);

  return {
    categories: parents.length,
    subcategories: children.length,
    agencies: source.agencies.length,
    thresholds: source.thresholds.length,
    groups: groupRows.map(({ id, name, roles }) => ({ id, name, roles })),
    alertRules: rules.length,
  };
}

/**
 * The pre-set alert rules a school starts with (issue 9, seed 001 "Pre-set Alerts"): each
 * group the taxonomy alerts on every incident (the DSL team); the class teacher on their
 * pupils' incidents in areas that are not restricted; the head on notifiable incidents.
 */
function defaultAlertRules(
  schoolId: string,
  groupRows: readonly { id: string; alertedOnEveryIncident: boolean }[],
): (typeof alertRules.$inferInsert)[] {
  const rules: (typeof alertRules.$inferInsert)[] = [
    ...groupRows
      .filter((g) => g.alertedOnEveryIncident)
      .map((g) => ({
        schoolId,
        audience: "group" as const,
        groupId: g.id,
        condition: "every_incident" as const,
      })),
    { schoolId, audience: "class_teachers", condition: "non_restricted" },
    { schoolId, audience: "role", role: "head", condition: "notifiable" },
  ];
  // Listed oldest first: a millisecond apart keeps them in this order.
  const now = Date.now();
  return rules.map((rule, i) => ({ ...rule, createdAt: new Date(now + i) }));
}
