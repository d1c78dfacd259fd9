// The demo's five years of records, without a database: the same seed gives the same
// rows, and the rows look like a real primary school's and keep the app's rules
// (gap-free numbers, current state = latest revision, staff never on DSL-only categories,
// nothing recorded before it happened or after now, the DSL team alerted to everything).
import { describe, expect, it } from "vitest";
import { DEMO_PRIMARY_PLAN, PRIMARY_PEOPLE } from "../src/demo/demo-school.ts";
import {
  type GeneratedIncidents,
  type GenerateIncidentsOptions,
  generateIncidents,
  type RecordCategory,
} from "../src/demo/generate-incidents.ts";
import { generateRoster } from "../src/demo/generate-roster.ts";
import { generateStaff } from "../src/demo/generate-staff.ts";
import { TEMPLATES } from "../src/demo/incident-templates.ts";
import { Random } from "../src/demo/random.ts";
import { wallClock } from "../src/demo/school-calendar.ts";
import { DEFAULT_TAXONOMY, groupRoleKeys } from "../src/roster/install-taxonomy.ts";

const SCHOOL = "0b7e2f4c-94a4-4d55-9b0e-6d0a3a1f0001";
const NOW = new Date("2026-11-23T17:30:00Z");
const DAY = 86_400_000;

function demoPrimary(): GenerateIncidentsOptions {
  const roster = generateRoster({
    schoolId: SCHOOL,
    seed: "tessera-demo/primary",
    plan: DEMO_PRIMARY_PLAN,
    schoolYear: 2026,
    asOf: "2026-11-23",
    upn: { la: "999", establishment: "2001" },
  });
  const random = new Random("fixture");
  const categories: RecordCategory[] = [];
  for (const c of DEFAULT_TAXONOMY.categories) {
    const id = random.uuid();
    const dslOnly = c.dslOnly ?? false;
    categories.push({ id, name: c.name, area: c.area, dslOnly, parentId: null });
    for (const name of c.subcategories)
      categories.push({ id: random.uuid(), name, area: c.area, dslOnly, parentId: id });
    for (const name of c.dslOnlySubcategories ?? [])
      categories.push({ id: random.uuid(), name, area: c.area, dslOnly: true, parentId: id });
  }
  const classId = new Map(roster.classes.map((c) => [c.name, c.id]));
  const seeds = [
    ...PRIMARY_PEOPLE,
    ...generateStaff(random.fork("staff"), {
      domain: "example.org",
      classTeachers: DEMO_PRIMARY_PLAN.classes.map((c) => c.name).filter((c) => c !== "Year 3 Oak"),
      teachingAssistants: 8,
      lunchtimeSupervisors: 4,
      used: new Set(),
    }),
  ];
  const staff = seeds.map((s) => ({
    accountId: s.email,
    name: s.name,
    roles: s.roles,
    jobTitle: s.jobTitle,
    teaches: (s.teaches ?? []).map((n) => classId.get(n)!),
    supports: (s.supports ?? []).map((n) => classId.get(n)!),
  }));
  const ncy = new Map(roster.yearGroups.map((y) => [y.id, y.ncy]));
  return {
    schoolId: SCHOOL,
    seed: "tessera-demo/primary/records",
    now: NOW,
    pupils: roster.pupils.map((p) => ({
      id: p.id,
      firstName: p.preferredFirstName ?? p.legalFirstName,
      sex: p.sex,
      ncy: ncy.get(p.yearGroupId!)!,
      classId: p.classId!,
      admittedOn: p.admittedOn!,
    })),
    siblings: roster.siblings,
    classes: roster.classes.map((c, i) => ({
      id: c.id,
      name: c.name,
      ncys: DEMO_PRIMARY_PLAN.classes[i]!.seats.map((s) => s.ncy),
    })),
    staff,
    categories,
    agencies: DEFAULT_TAXONOMY.agencies.map((name) => ({ id: random.uuid(), name })),
    groups: DEFAULT_TAXONOMY.defaultGroups.map((g) => {
      const roles = groupRoleKeys(g.roles);
      return {
        id: random.uuid(),
        name: g.name,
        alertedOnEveryIncident: g.alertedOn === "every incident",
        memberIds: seeds.filter((s) => s.roles.some((r) => roles.includes(r))).map((s) => s.email),
      };
    }),
  };
}

const options = demoPrimary();
const out: GeneratedIncidents = generateIncidents(options);
const category = new Map(options.categories.map((c) => [c.id, c]));
const pupil = new Map(options.pupils.map((p) => [p.id, p]));
const staffOf = new Map(options.staff.map((s) => [s.accountId, s]));
const isDslTeam = (id: string) =>
  (staffOf.get(id)?.roles ?? []).some((r) => r === "dsl" || r === "deputy_dsl");
const revision = new Map(out.revisions.map((r) => [r.id, r]));
const perPupil = new Map<string, number>();
for (const c of out.current)
  for (const id of c.pupilIds) perPupil.set(id, (perPupil.get(id) ?? 0) + 1);

describe("the demo's records", () => {
  it("are the same for the same seed, and different for another", () => {
    expect(generateIncidents(options)).toEqual(out);
    const other = generateIncidents({ ...options, seed: "another" });
    expect(other.revisions.map((r) => r.account)).not.toEqual(out.revisions.map((r) => r.account));
  });

  it("number a primary school's five years: two to three and a half thousand, gap-free in the order written", () => {
    expect(out.incidents.length).toBeGreaterThanOrEqual(2000);
    expect(out.incidents.length).toBeLessThanOrEqual(3500);
    expect(out.incidents.map((i) => i.number)).toEqual(out.incidents.map((_, i) => i + 1));
    expect(out.lastNumber).toBe(out.incidents.length);
    for (let i = 1; i < out.incidents.length; i++) {
      expect(out.incidents[i]!.recordedAt >= out.incidents[i - 1]!.recordedAt).toBe(true);
    }
    const years = new Set(out.current.map((c) => c.occurredAt.getUTCFullYear()));
    expect(years.size).toBeGreaterThanOrEqual(5);
    const oldest = Math.min(...out.current.map((c) => c.occurredAt.getTime()));
    expect(oldest).toBeLessThan(NOW.getTime() - 4.5 * 365 * DAY);
    expect(oldest).toBeGreaterThan(NOW.getTime() - 5 * 365.25 * DAY - 4 * DAY);
  });

  it("keep each incident's current state equal to its latest revision", () => {
    const latest = new Map<string, number>();
    for (const r of out.revisions)
      latest.set(r.incidentId, Math.max(latest.get(r.incidentId) ?? 0, r.revisionNo));
    expect(out.current).toHaveLength(out.incidents.length);
    for (const c of out.current) {
      const r = revision.get(c.revisionId)!;
      expect(r.incidentId).toBe(c.incidentId);
      expect(r.revisionNo).toBe(latest.get(c.incidentId));
      expect(c.revisionNo).toBe(r.revisionNo);
      expect(r.categoryIds).toEqual(c.categoryIds);
      expect(r.occurredAt).toEqual(c.occurredAt);
      expect(r.status).toBe(c.status);
      expect(c.pupilIds).toEqual([c.pupilId, ...r.linkedPupilIds]);
      expect(c.pupilIds).not.toContain(undefined);
      expect(new Set(c.pupilIds).size).toBe(c.pupilIds.length);
    }
    const edits = out.revisions.filter((r) => r.revisionNo === 2);
    expect(edits.length).toBeGreaterThan(50);
    for (const e of edits) {
      expect(e.reason).toBeTruthy();
      expect(e.baseRevisionId).toBeTruthy();
      expect(e.editedAt > out.incidents.find((i) => i.id === e.incidentId)!.recordedAt).toBe(true);
    }
  });

  it("record nothing before it happened, after now, or before the child joined", () => {
    for (const c of out.current) {
      expect(c.recordedAt >= c.occurredAt).toBe(true);
      expect(c.recordedAt <= NOW).toBe(true);
      const admitted = pupil.get(c.pupilId)!.admittedOn!;
      // Something from home happened the evening or weekend before it reached school.
      expect(c.occurredAt.getTime()).toBeGreaterThan(Date.parse(admitted) - 4 * DAY);
    }
    for (const r of out.revisions) expect(r.editedAt <= NOW).toBe(true);
    for (const e of out.events) expect(e.at <= NOW).toBe(true);
    for (const r of out.alertReads) expect(r.readAt <= NOW).toBe(true);
  });

  it("happen on school days in school hours, apart from home matters recorded on the next school day", () => {
    let inHours = 0;
    for (const c of out.current) {
      const at = wallClock(c.occurredAt);
      if (at.weekday >= 1 && at.weekday <= 5 && at.minutes >= 8 * 60 && at.minutes <= 16 * 60)
        inHours++;
    }
    expect(inHours / out.current.length).toBeGreaterThan(0.9);
    const weekend = out.current.filter((c) => [0, 6].includes(wallClock(c.occurredAt).weekday));
    expect(weekend.length).toBeGreaterThan(5);
    for (const c of weekend) expect(wallClock(c.recordedAt).weekday).toBe(1);
    const delays = out.current
      .map((c) => c.recordedAt.getTime() - c.occurredAt.getTime())
      .sort((a, b) => a - b);
    expect(delays[Math.floor(delays.length / 2)]!).toBeLessThan(3 * 3600_000);
    expect(delays.filter((d) => d > DAY).length).toBeGreaterThan(20);
  });

  it("give each incident the areas of its categories, and staff only the categories anyone may choose", () => {
    let dslOnlyByDsl = 0;
    for (const c of out.current) {
      const cats = c.categoryIds.map((id) => category.get(id)!);
      expect(cats.length).toBeGreaterThan(0);
      expect([...c.areas].sort()).toEqual([...new Set(cats.map((x) => x.area))].sort());
      if (!isDslTeam(c.authorId)) expect(cats.filter((x) => x.dslOnly)).toEqual([]);
      else if (cats.some((x) => x.dslOnly)) dslOnlyByDsl++;
    }
    expect(dslOnlyByDsl).toBeGreaterThan(100);
    const names = new Set(
      out.current.flatMap((c) => c.categoryIds.map((id) => category.get(id)!.name)),
    );
    for (const name of [
      "Behaviour",
      "Verbal",
      "Accident / injury in school",
      "Operation Encompass notification",
      "Early help assessment",
      "CIN meeting",
      "Child protection conference",
      "Core group meeting",
      "Neglect",
      "Attendance",
      "SEND",
    ])
      expect(names, name).toContain(name);
    // Usually the subcategory with its category.
    const withParent = out.current.filter((c) =>
      c.categoryIds.some((id) => category.get(id)!.parentId === null),
    );
    expect(withParent.length / out.current.length).toBeGreaterThan(0.6);
  });

  it("give most children none or a few, a few hundred several, and about twenty long histories", () => {
    const counts = options.pupils.map((p) => perPupil.get(p.id) ?? 0);
    const few = counts.filter((n) => n <= 3).length;
    const long = counts.filter((n) => n >= 20).length;
    expect(few / counts.length).toBeGreaterThan(0.5);
    expect(counts.filter((n) => n >= 4 && n < 20).length).toBeGreaterThan(80);
    expect(long).toBeGreaterThanOrEqual(15);
    expect(long).toBeLessThanOrEqual(30);
    expect(Math.max(...counts)).toBeLessThanOrEqual(90);
  });

  it("step long histories up: staff concerns first, the DSL's early help, CIN and CP records later", () => {
    const long = options.pupils.filter((p) => (perPupil.get(p.id) ?? 0) >= 20);
    let steppedUp = 0;
    for (const p of long) {
      const mine = out.current
        .filter((c) => c.pupilId === p.id)
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      const dslOnly = (c: (typeof mine)[number]) =>
        c.categoryIds.some((id) => category.get(id)!.dslOnly);
      const protection = mine.findIndex((c) =>
        c.categoryIds.some((id) =>
          ["Child in need", "Child protection", "Looked-after children"].includes(
            category.get(id)!.name,
          ),
        ),
      );
      if (protection > mine.length / 3 && mine.slice(0, 3).every((c) => !dslOnly(c))) steppedUp++;
    }
    expect(steppedUp / long.length).toBeGreaterThan(0.5);
  });

  it("let brothers and sisters share home matters", () => {
    const siblingsOf = new Map<string, Set<string>>();
    for (const s of options.siblings) {
      siblingsOf.set(s.pupilId, (siblingsOf.get(s.pupilId) ?? new Set()).add(s.siblingId));
      siblingsOf.set(s.siblingId, (siblingsOf.get(s.siblingId) ?? new Set()).add(s.pupilId));
    }
    const byMoment = new Map<string, typeof out.current>();
    for (const c of out.current) {
      const key = `${c.occurredAt.toISOString()} ${c.authorId}`;
      byMoment.set(key, [...(byMoment.get(key) ?? []), c]);
    }
    const shared = [...byMoment.values()].filter(
      (list) =>
        list.length > 1 &&
        list.some((a) => list.some((b) => siblingsOf.get(a.pupilId)?.has(b.pupilId))),
    );
    expect(shared.length).toBeGreaterThan(10);
  });

  it("are written from at least forty templates, as facts with the child's words in quotes", () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TEMPLATES.map((t) => t.key)).size).toBe(TEMPLATES.length);
    const openings = new Set(out.revisions.map((r) => r.account.slice(0, 18)));
    expect(openings.size).toBeGreaterThan(60);
    const accounts = out.revisions.map((r) => r.account);
    expect(accounts.filter((a) => /"[^"]+"/.test(a)).length / accounts.length).toBeGreaterThan(0.6);
    for (const a of accounts) {
      expect(a).not.toMatch(/\$\{|undefined|null|NaN|about about|\s{2}|!!/);
      expect(a).not.toMatch(/\b(aggressive|rude|stormed off|as per usual|really angry)\b/i);
    }
  });

  it("put body maps on injuries, and 'told a DSL' on concerns", () => {
    const maps = out.revisions.filter((r) => r.bodyMap !== null);
    expect(maps.length).toBeGreaterThan(20);
    for (const r of maps) {
      const map = r.bodyMap as {
        marks: { view: string; region: string; type: string; size: string }[];
        observerId: string;
        observedAt: string;
      };
      expect(map.marks.length).toBeGreaterThan(0);
      expect(map.observerId).toBeTruthy();
      expect(Date.parse(map.observedAt)).not.toBeNaN();
      for (const m of map.marks) expect(m.size).toMatch(/^about \d+ cm$/);
    }
    const told = out.revisions.filter(
      (r) => (r.toldDsl as { told?: boolean } | null)?.told === true,
    );
    expect(told.length).toBeGreaterThan(30);
    expect(out.revisions.some((r) => r.linkedPupilIds.length > 0)).toBe(true);
    expect(out.revisions.some((r) => r.agencyIds.length > 0)).toBe(true);
  });

  it("are reviewed when more than a few days old, closed when old, a handful entered in error", () => {
    const old = out.current.filter((c) => NOW.getTime() - c.recordedAt.getTime() > 4 * DAY);
    const reviewedOld = old.filter((c) => c.reviewedAt !== null || c.enteredInError);
    expect(reviewedOld.length / old.length).toBeGreaterThan(0.97);
    const recent = out.current.filter((c) => NOW.getTime() - c.recordedAt.getTime() < 2 * DAY);
    expect(recent.some((c) => c.reviewedAt === null)).toBe(true);
    const reviews = out.events.filter((e) => e.type === "reviewed");
    expect(reviews.length).toBe(out.current.filter((c) => c.reviewedAt).length);
    for (const e of reviews) expect(isDslTeam(e.byId)).toBe(true);
    const errors = out.events.filter((e) => e.type === "entered_in_error");
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.length).toBeLessThanOrEqual(15);
    expect(errors.map((e) => e.incidentId).sort()).toEqual(
      out.current
        .filter((c) => c.enteredInError)
        .map((c) => c.incidentId)
        .sort(),
    );
    const olderThanAYear = out.current.filter(
      (c) => NOW.getTime() - c.recordedAt.getTime() > 365 * DAY,
    );
    expect(
      olderThanAYear.filter((c) => c.status === "closed").length / olderThanAYear.length,
    ).toBeGreaterThan(0.75);
  });

  it("alert the DSL team to every incident, and sometimes others; old alerts have been read", () => {
    const incidentIds = new Set(out.incidents.map((i) => i.id));
    const dslTeam = options.groups.find((g) => g.alertedOnEveryIncident)!.memberIds;
    const alertsOf = new Map<string, typeof out.alerts>();
    for (const a of out.alerts) {
      expect(incidentIds.has(a.incidentId)).toBe(true);
      alertsOf.set(a.incidentId, [...(alertsOf.get(a.incidentId) ?? []), a]);
    }
    for (const i of out.incidents) {
      const mine = alertsOf.get(i.id) ?? [];
      expect(mine.map((a) => a.recipientId)).not.toContain(i.authorId);
      for (const member of dslTeam) {
        if (member !== i.authorId) expect(mine.map((a) => a.recipientId)).toContain(member);
      }
      for (const a of mine) {
        expect(a.sentAt).toEqual(i.recordedAt);
        expect(a.sentBy).toBe(i.recordedBy);
      }
    }
    expect(out.alerts.some((a) => a.via === "direct")).toBe(true);
    expect(out.alerts.some((a) => a.via === "preset")).toBe(true);
    const read = new Set(out.alertReads.map((r) => r.alertId));
    const sent = new Map(out.alerts.map((a) => [a.id, a]));
    for (const r of out.alertReads) expect(r.readAt >= sent.get(r.alertId)!.sentAt).toBe(true);
    const old = out.alerts.filter((a) => NOW.getTime() - a.sentAt.getTime() > 7 * DAY);
    expect(old.filter((a) => read.has(a.id)).length / old.length).toBeGreaterThan(0.9);
    const recent = out.alerts.filter((a) => NOW.getTime() - a.sentAt.getTime() < 7 * DAY);
    expect(recent.some((a) => !read.has(a.id))).toBe(true);
  });

  it("are written by the demo's people: teacher@ about Year 3 Oak, ta@ inside and outside it, never office@", () => {
    const by = (email: string) => out.incidents.filter((i) => i.authorId === email);
    for (const who of ["dsl", "deputy", "head", "sendco", "pastoral", "teacher", "ta"]) {
      expect(by(`${who}@demo.tessera.school`).length, who).toBeGreaterThan(5);
    }
    expect(by("office@demo.tessera.school")).toEqual([]);
    const oak = options.classes.find((c) => c.name === "Year 3 Oak")!.id;
    const subjectOf = new Map(out.current.map((c) => [c.incidentId, pupil.get(c.pupilId)!]));
    const teacher = by("teacher@demo.tessera.school").map((i) => subjectOf.get(i.id)!);
    expect(teacher.filter((p) => p.classId === oak).length).toBeGreaterThan(0);
    const ta = by("ta@demo.tessera.school").map((i) => subjectOf.get(i.id)!);
    expect(ta.filter((p) => p.classId === oak).length).toBeGreaterThan(0);
    expect(ta.filter((p) => p.classId !== oak).length).toBeGreaterThanOrEqual(3);
    // Staff-authored DSL-only categories never; DSL records on someone's behalf sometimes.
    expect(out.incidents.some((i) => i.recordedBy !== i.authorId)).toBe(true);
  });

  it("make exactly the number asked for", () => {
    for (const count of [24, 500, 4000]) {
      const some = generateIncidents({ ...options, count });
      expect(some.incidents).toHaveLength(count);
      expect(some.lastNumber).toBe(count);
      expect(some.current).toHaveLength(count);
    }
  });
});
