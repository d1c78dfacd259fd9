// Writes one generated school: the school row, its roll (generate-roster.ts), its own
// copy of the default taxonomy, and its staff with their accounts, memberships, classes
// and alert groups. Runs inside the caller's owner transaction.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/database.ts";
import {
  accounts,
  agreementAcceptances,
  classes,
  classTeachers,
  contacts,
  groupMembers,
  memberships,
  pupilSiblings,
  pupils,
  schools,
  yearGroups,
} from "../db/schema/index.ts";
import { type InstalledTaxonomy, installDefaultTaxonomy } from "../roster/install-taxonomy.ts";
import { DEFAULT_AGREEMENT } from "../roster/school-settings.ts";
import { generateRoster } from "./generate-roster.ts";
import type { StaffSeed } from "./generate-staff.ts";
import { insertRows } from "./insert-rows.ts";
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
  /** When the staff accepted the agreement and completed training. */
  now: Date;
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
      settings: DEMO_SCHOOL_SETTINGS,
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
  };
}
