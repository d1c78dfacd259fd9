// Writes one generated school: the school row, its roll (generate-roster.ts), its own
// copy of the default taxonomy, its staff with their accounts, memberships, classes and
// alert groups, and — when asked — five years of incident records
// (generate-incidents.ts). Runs inside the caller's owner transaction.
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import {
  accounts,
  agencies,
  agreementAcceptances,
  alertReads,
  alerts,
  categories,
  classes,
  classTeachers,
  contacts,
  groupMembers,
  groups,
  incidentCounters,
  incidentCurrent,
  incidentEvents,
  incidentRevisions,
  incidents,
  memberships,
  pupilSiblings,
  pupils,
  schools,
  yearGroups,
} from "../db/schema/index.ts";
import { type InstalledTaxonomy, installDefaultTaxonomy } from "../roster/install-taxonomy.ts";
import { DEFAULT_AGREEMENT } from "../roster/school-settings.ts";
import { deriveDesk } from "./derive-desk.ts";
import { generateIncidents } from "./generate-incidents.ts";
import { generateRoster, type Roster } from "./generate-roster.ts";
import type { StaffSeed } from "./generate-staff.ts";
import { analyze, insertMany, insertRows } from "./insert-rows.ts";
import type { SchoolPlan } from "./school-plan.ts";
import type { IsoDate } from "./school-year.ts";

/** Settings every demo and benchmark school starts with. */
export const DEMO_SCHOOL_SETTINGS = {
  idleLockMinutes: 10,
  pupilNoun: "pupil",
  hideScreenReturn: "click",
} as const;

export interface PopulateSchoolOptions {
  name: string;
  /** Settings on top of DEMO_SCHOOL_SETTINGS. */
  settings?: Partial<Record<keyof typeof DEMO_SCHOOL_SETTINGS, string | number>>;
  urn?: string | null;
  trustId?: string | null;
  seed: string | number;
  plan: SchoolPlan;
  schoolYear: number;
  asOf?: IsoDate;
  upn: { la: string; establishment: string };
  staff: readonly StaffSeed[];
  /** One hash for every generated account (hashing is deliberately slow). */
  passwordHash: string;
  totpSecret?: string | null;
  /** When the staff accepted the agreement and completed training; the clock for records. */
  now: Date;
  /**
   * Incident records over the last five years: a realistic number for the roll, or
   * exactly `count`. None when not given.
   */
  records?: { count?: number; years?: number };
}

export interface PopulatedSchool {
  schoolId: string;
  name: string;
  yearGroups: number;
  classes: number;
  pupils: number;
  siblingPairs: number;
  contacts: number;
  staff: { email: string; accountId: string; membershipId: string; roles: string[] }[];
  taxonomy: InstalledTaxonomy;
  /** Incident records written (the school's last incident number). */
  incidents: number;
}

export async function populateSchool(
  tx: Tx,
  options: PopulateSchoolOptions,
): Promise<PopulatedSchool> {
  const [school] = await tx
    .insert(schools)
    .values({
      name: options.name,
      urn: options.urn ?? null,
      trustId: options.trustId ?? null,
      settings: { ...DEMO_SCHOOL_SETTINGS, ...options.settings },
    })
    .returning({ id: schools.id });
  if (!school) throw new Error("the school was not created");
  const schoolId = school.id;

  const roster = generateRoster({
    schoolId,
    seed: options.seed,
    plan: options.plan,
    schoolYear: options.schoolYear,
    upn: options.upn,
    ...(options.asOf ? { asOf: options.asOf } : {}),
  });
  await insertRows(tx, yearGroups, roster.yearGroups);
  await insertRows(tx, classes, roster.classes);
  await insertRows(tx, pupils, roster.pupils);
  await analyze(tx, pupils);
  await insertRows(tx, pupilSiblings, roster.siblings);
  await insertRows(tx, contacts, roster.contacts);

  const taxonomy = await installDefaultTaxonomy(tx, schoolId);

  const people = options.staff.map((seed) => ({
    seed,
    accountId: randomUUID(),
    membershipId: randomUUID(),
  }));
  await insertRows(
    tx,
    accounts,
    people.map(({ seed, accountId }) => ({
      id: accountId,
      email: seed.email.toLowerCase(),
      name: seed.name,
      passwordHash: options.passwordHash,
      totpSecret: options.totpSecret ?? null,
      trainingCompletedAt: options.now,
    })),
  );
  await insertRows(
    tx,
    memberships,
    people.map(({ seed, accountId, membershipId }) => ({
      schoolId,
      id: membershipId,
      accountId,
      roles: seed.roles,
      jobTitle: seed.jobTitle,
    })),
  );

  // Demo and generated staff have already accepted the school's agreement (API.md).
  await insertRows(
    tx,
    agreementAcceptances,
    people.map(({ accountId }) => ({
      schoolId,
      accountId,
      version: DEFAULT_AGREEMENT.version,
      acceptedAt: options.now,
    })),
  );

  const classIds = new Map(roster.classes.map((c) => [c.name, c.id]));
  const teaching = people.flatMap(({ seed, membershipId }) =>
    (seed.teaches ?? []).map((name) => {
      const classId = classIds.get(name);
      if (!classId) throw new Error(`${seed.email} teaches ${name}, which is not a class`);
      return { schoolId, classId, membershipId };
    }),
  );
  await insertRows(tx, classTeachers, teaching);

  // The people holding a group's roles are its members.
  const members = taxonomy.groups.flatMap((group) =>
    people
      .filter(({ seed }) => seed.roles.some((role) => group.roles.includes(role)))
      .map(({ membershipId }) => ({ schoolId, groupId: group.id, membershipId })),
  );
  await insertRows(tx, groupMembers, members);

  const records = options.records
    ? await writeRecords(tx, schoolId, options, roster, people, members)
    : 0;

  return {
    schoolId,
    name: options.name,
    yearGroups: roster.yearGroups.length,
    classes: roster.classes.length,
    pupils: roster.pupils.length,
    siblingPairs: roster.siblings.length,
    contacts: roster.contacts.length,
    staff: people.map(({ seed, accountId, membershipId }) => ({
      email: seed.email.toLowerCase(),
      accountId,
      membershipId,
      roles: seed.roles,
    })),
    taxonomy,
    incidents: records,
  };
}

/** Generates the school's records from what was just written, and writes them. */
async function writeRecords(
  tx: Tx,
  schoolId: string,
  options: PopulateSchoolOptions,
  roster: Roster,
  people: { seed: StaffSeed; accountId: string; membershipId: string }[],
  members: { groupId: string; membershipId: string }[],
): Promise<number> {
  const categoryRows = await tx
    .select({
      id: categories.id,
      name: categories.name,
      area: categories.area,
      dslOnly: categories.dslOnly,
      parentId: categories.parentId,
      hidden: categories.hidden,
    })
    .from(categories)
    .where(eq(categories.schoolId, schoolId))
    .orderBy(asc(categories.sortOrder), asc(categories.name), asc(categories.id));
  const agencyRows = await tx
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.schoolId, schoolId))
    .orderBy(asc(agencies.sortOrder));
  const groupRows = await tx
    .select({ id: groups.id, name: groups.name, preset: groups.alertedOnEveryIncident })
    .from(groups)
    .where(eq(groups.schoolId, schoolId))
    .orderBy(asc(groups.name));

  const accountOf = new Map(people.map((p) => [p.membershipId, p.accountId]));
  const ncyOf = new Map(roster.yearGroups.map((y) => [y.id, y.ncy]));
  const classIds = new Map(roster.classes.map((c) => [c.name, c.id]));
  const classesNamed = (names: readonly string[] | undefined) =>
    (names ?? []).flatMap((name) => {
      const id = classIds.get(name);
      return id ? [id] : [];
    });

  const generated = generateIncidents({
    schoolId,
    seed: `${options.seed}/records`,
    now: options.now,
    ...(options.records?.count === undefined ? {} : { count: options.records.count }),
    ...(options.records?.years === undefined ? {} : { years: options.records.years }),
    pupils: roster.pupils.map((p) => ({
      id: p.id,
      firstName: p.preferredFirstName ?? p.legalFirstName,
      sex: p.sex,
      ncy: (p.yearGroupId ? ncyOf.get(p.yearGroupId) : undefined) ?? 0,
      classId: p.classId ?? null,
      admittedOn: p.admittedOn ?? null,
    })),
    siblings: roster.siblings,
    classes: roster.classes.map((c, i) => ({
      id: c.id,
      name: c.name,
      ncys: options.plan.classes[i]?.seats.map((s) => s.ncy) ?? [],
    })),
    staff: people.map(({ seed, accountId }) => ({
      accountId,
      name: seed.name,
      roles: seed.roles,
      jobTitle: seed.jobTitle,
      teaches: classesNamed(seed.teaches),
      supports: classesNamed(seed.supports),
    })),
    categories: categoryRows,
    agencies: agencyRows,
    groups: groupRows.map((g) => ({
      id: g.id,
      name: g.name,
      alertedOnEveryIncident: g.preset,
      memberIds: members.flatMap((m) => {
        const accountId = m.groupId === g.id ? accountOf.get(m.membershipId) : undefined;
        return accountId ? [accountId] : [];
      }),
    })),
  });

  await insertMany(tx, incidents, generated.incidents);
  await analyze(tx, incidents, pupils);
  await insertMany(tx, incidentRevisions, generated.revisions);
  await insertMany(tx, incidentCurrent, generated.current);
  await insertMany(tx, incidentEvents, generated.events);
  await insertMany(tx, alerts, generated.alerts);
  await analyze(tx, alerts);
  await insertMany(tx, alertReads, generated.alertReads);
  await deriveDesk(tx, schoolId);
  if (generated.lastNumber > 0) {
    await tx.insert(incidentCounters).values({ schoolId, lastNumber: generated.lastNumber });
  }
  return generated.lastNumber;
}
