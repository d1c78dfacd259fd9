// One policy, two forms: for generated people and records, the single-record check
// (decideRead) and the SQL condition for lists (readableCondition) always agree.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideRead } from "../src/access/can-read.ts";
import type { Grant } from "../src/access/grants.ts";
import { effectiveGrants } from "../src/access/grants.ts";
import { readableCondition } from "../src/access/readable-condition.ts";
import type { PupilPlace, RecordFacts } from "../src/access/record.ts";
import { SCHOOL_ROLES } from "../src/access/roles.ts";
import type { AccessSubject } from "../src/access/subject.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { AREAS, classes, pupils, schools, yearGroups } from "../src/db/schema/index.ts";
import { freshDatabase } from "./databases.ts";

let db: Database;
let schoolId: string;
const otherSchoolId = randomUUID();
const yearIds = [randomUUID(), randomUUID()];
const classIds = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const people = Array.from({ length: 6 }, () => randomUUID());
let places: PupilPlace[] = [];

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await db.owner(async (tx) => {
    const [school] = await tx.insert(schools).values({ name: "Agreement School" }).returning();
    schoolId = school!.id;
    await tx.insert(schools).values({ id: otherSchoolId, name: "Elsewhere" });
    await tx
      .insert(yearGroups)
      .values(yearIds.map((id, i) => ({ schoolId, id, name: `Year ${i + 1}`, ncy: i + 1 })));
    await tx.insert(classes).values(
      classIds.map((id, i) => ({
        schoolId,
        id,
        name: `Class ${i}`,
        yearGroupId: yearIds[i % 2]!,
      })),
    );
    // Pupils in every kind of place, including none (a mixed class, a new arrival).
    places = [
      ...classIds.map((classId, i) => ({
        id: randomUUID(),
        yearGroupId: yearIds[i % 2]!,
        classId,
      })),
      { id: randomUUID(), yearGroupId: yearIds[0]!, classId: null },
      { id: randomUUID(), yearGroupId: null, classId: classIds[1]! },
      { id: randomUUID(), yearGroupId: null, classId: null },
    ];
    await tx.insert(pupils).values(
      places.map((p, i) => ({
        schoolId,
        id: p.id,
        legalFirstName: `Pupil${i}`,
        legalLastName: "Test",
        dateOfBirth: "2018-01-01",
        sex: "F" as const,
        yearGroupId: p.yearGroupId,
        classId: p.classId,
      })),
    );
    // Stands in for any record kind: exactly the record contract's columns.
    await tx.execute(sql`create table contract_records (
      school_id uuid not null, id uuid primary key, pupil_ids uuid[] not null, areas text[] not null,
      author_id uuid, alerted_ids uuid[] not null, excluded_ids uuid[] not null)`);
    await tx.execute(sql`grant select on contract_records to tessera_app`);
  });
});
afterAll(() => db.close());

const anyOf = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const someOf = <T>(xs: readonly T[], min = 0) =>
  fc.uniqueArray(anyOf(xs), { minLength: min, maxLength: xs.length });

const grantArb: fc.Arbitrary<Grant> = fc.oneof(
  someOf(AREAS, 1).map((areas) => ({ scope: "all" as const, scopeIds: [], areas })),
  fc.record({
    scope: fc.constant("year_groups" as const),
    scopeIds: someOf(yearIds, 1),
    areas: someOf(AREAS, 1),
  }),
  fc.record({
    scope: fc.constant("classes" as const),
    scopeIds: someOf(classIds, 1),
    areas: someOf(AREAS, 1),
  }),
  fc.record({
    scope: fc.constant("pupils" as const),
    scopeIds: fc.constant(null).chain(() =>
      someOf(
        places.map((p) => p.id),
        1,
      ),
    ),
    areas: someOf(AREAS, 1),
  }),
);

const subjectArb: fc.Arbitrary<AccessSubject> = fc
  .record({
    accountId: anyOf(people),
    roles: someOf(SCHOOL_ROLES),
    taught: someOf(classIds),
    explicit: fc.array(grantArb, { maxLength: 3 }),
    secondFactor: fc.boolean(),
  })
  .map((s) => ({
    accountId: s.accountId,
    schoolId,
    roles: s.roles,
    secondFactor: s.secondFactor,
    grants: effectiveGrants(s.roles, s.taught, s.explicit),
  }));

const recordArb: fc.Arbitrary<RecordFacts & { id: string }> = fc
  .record({
    id: fc.uuid(),
    schoolId: fc.oneof(
      { weight: 9, arbitrary: fc.constant("school") },
      { weight: 1, arbitrary: fc.constant("other") },
    ),
    pupils: fc.constant(null).chain(() => someOf(places, 1).map((ps) => ps.slice(0, 3))),
    areas: someOf(AREAS, 1),
    authorId: fc.option(anyOf(people), { nil: null }),
    alertedIds: someOf(people),
    excludedIds: fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: someOf(people, 1) },
    ),
  })
  .map((r) => ({ ...r, schoolId: r.schoolId === "school" ? schoolId : otherSchoolId }));

describe("the access engine's two forms", () => {
  it("agree on every generated person, record set and chronology", async () => {
    await fc.assert(
      fc.asyncProperty(
        subjectArb,
        fc.array(recordArb, { minLength: 1, maxLength: 12 }),
        fc.option(
          fc.constant(null).chain(() => anyOf(places.map((p) => p.id))),
          { nil: undefined },
        ),
        async (subject, records, inChronologyOf) => {
          const expected = records
            .filter((r) => decideRead(subject, r, inChronologyOf).allowed)
            .map((r) => r.id)
            .sort();
          const actual = await db.owner(async (tx) => {
            await tx.execute(sql`delete from contract_records`);
            for (const r of records) {
              await tx.execute(sql`insert into contract_records values (
                ${r.schoolId}, ${r.id}, ${`{${r.pupils.map((p) => p.id).join(",")}}`}::uuid[],
                ${`{${r.areas.join(",")}}`}::text[], ${r.authorId},
                ${`{${r.alertedIds.join(",")}}`}::uuid[], ${`{${r.excludedIds.join(",")}}`}::uuid[])`);
            }
            const condition = readableCondition(
              subject,
              {
                schoolId: sql`r.school_id`,
                pupilIds: sql`r.pupil_ids`,
                areas: sql`r.areas`,
                authorId: sql`r.author_id`,
                alertedIds: sql`r.alerted_ids`,
                excludedIds: sql`r.excluded_ids`,
              },
              inChronologyOf,
            );
            const rows = await queryRows<{ id: string }>(
              tx,
              sql`select r.id from contract_records r where ${condition} order by r.id`,
            );
            return rows.map((row) => row.id).sort();
          });
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
