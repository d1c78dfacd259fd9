// Checks that what an incident refers to exists in this school, and says which field
// is wrong when it does not.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { can } from "../access/permissions.ts";
import type { PupilPlace } from "../access/record.ts";
import type { SchoolRole } from "../access/roles.ts";
import type { Tx } from "../db/database.ts";
import {
  type Area,
  agencies,
  categories,
  groups,
  memberships,
  pupils,
} from "../db/schema/index.ts";
import type { FieldError } from "../http/problem.ts";

export interface CategoryRef {
  id: string;
  name: string;
  area: Area;
  dslOnly: boolean;
  notifiable: boolean;
  // Hidden itself or under a hidden category: not offered for new records.
  hidden: boolean;
}

export async function loadCategories(
  tx: Tx,
  schoolId: string,
  ids: string[],
): Promise<CategoryRef[]> {
  if (ids.length === 0) return [];
  const parent = alias(categories, "parent");
  const rows = await tx
    .select({
      id: categories.id,
      name: categories.name,
      area: categories.area,
      dslOnly: categories.dslOnly,
      notifiable: categories.notifiable,
      hidden: categories.hidden,
      parentHidden: parent.hidden,
    })
    .from(categories)
    .leftJoin(
      parent,
      and(eq(parent.schoolId, categories.schoolId), eq(parent.id, categories.parentId)),
    )
    .where(and(eq(categories.schoolId, schoolId), inArray(categories.id, ids)));
  return rows.map(({ parentHidden, ...c }) => ({ ...c, hidden: c.hidden || !!parentHidden }));
}

export async function checkCategories(
  tx: Tx,
  schoolId: string,
  ids: string[],
  roles: readonly SchoolRole[],
  errors: FieldError[],
  // Categories the record has already: they may stay though the school has since hidden them.
  alreadyFiled: readonly string[] = [],
): Promise<CategoryRef[]> {
  const found = await loadCategories(tx, schoolId, ids);
  const hidden = found.filter((c) => c.hidden && !alreadyFiled.includes(c.id));
  if (found.length !== new Set(ids).size) {
    errors.push({ path: "categoryIds", message: "Choose categories from this school's list." });
  } else if (hidden.length > 0) {
    errors.push({
      path: "categoryIds",
      message: `The school no longer uses ${hidden.map((c) => c.name).join(", ")}: choose another category.`,
    });
  } else if (found.some((c) => c.dslOnly) && !can(roles, "incident.assignDslOnly")) {
    errors.push({
      path: "categoryIds",
      message:
        "Only the designated safeguarding leads can choose these categories: choose another, and alert the DSL team.",
    });
  }
  return found;
}

export async function checkPupils(
  tx: Tx,
  schoolId: string,
  subjectId: string,
  linkedIds: string[],
  errors: FieldError[],
): Promise<PupilPlace[]> {
  const ids = [...new Set([subjectId, ...linkedIds])];
  const found = await tx
    .select({ id: pupils.id, yearGroupId: pupils.yearGroupId, classId: pupils.classId })
    .from(pupils)
    .where(and(eq(pupils.schoolId, schoolId), inArray(pupils.id, ids)));
  const known = new Set(found.map((p) => p.id));
  if (!known.has(subjectId))
    errors.push({ path: "pupilId", message: "Choose a pupil of this school." });
  if (linkedIds.some((id) => !known.has(id))) {
    errors.push({ path: "linkedPupilIds", message: "Choose linked pupils of this school." });
  }
  if (linkedIds.includes(subjectId)) {
    errors.push({
      path: "linkedPupilIds",
      message: "The pupil the incident is about cannot also be linked.",
    });
  }
  return found;
}

export async function checkAgencies(tx: Tx, schoolId: string, ids: string[], errors: FieldError[]) {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.schoolId, schoolId), inArray(agencies.id, ids)));
  if (found.length !== new Set(ids).size) {
    errors.push({ path: "agencyIds", message: "Choose agencies from this school's list." });
  }
}

/** Staff of this school (active members), by account id. */
export async function activeStaff(
  tx: Tx,
  schoolId: string,
  accountIds: string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const found = await tx
    .select({ accountId: memberships.accountId })
    .from(memberships)
    .where(
      and(
        eq(memberships.schoolId, schoolId),
        inArray(memberships.accountId, accountIds),
        isNull(memberships.deactivatedAt),
      ),
    );
  return new Set(found.map((m) => m.accountId));
}

export async function checkGroups(tx: Tx, schoolId: string, ids: string[], errors: FieldError[]) {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.schoolId, schoolId), inArray(groups.id, ids), eq(groups.active, true)));
  if (found.length !== new Set(ids).size) {
    errors.push({ path: "alertGroupIds", message: "Choose groups from this school's list." });
  }
}
