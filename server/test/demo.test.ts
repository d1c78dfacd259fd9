// The demo school as a user meets it: the sign-ins of API.md work with the roles they
// promise, Year 3 Oak has its teacher, the roll looks like a real primary school's, each
// school has its own copy of the default taxonomy, and five years of records keep the
// app's rules. On both databases.
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../src/auth/password.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import {
  DEMO_INFANT,
  DEMO_INFANT_RECORDS,
  DEMO_PASSWORD,
  DEMO_PRIMARY,
  DEMO_SIGN_INS,
  DEMO_TOTP_SECRET,
  DEMO_TRUST,
  ensureDemo,
} from "../src/demo/demo-school.ts";
import { generateSchool } from "../src/demo/generate-school.ts";
import { generateTrust } from "../src/demo/generate-trust.ts";
import { schoolYearOf } from "../src/demo/school-year.ts";
import { DEFAULT_TAXONOMY } from "../src/roster/install-taxonomy.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";

const rows = <T>(db: Database, query: SQL) => db.owner((tx) => queryRows<T>(tx, query));

// What API.md promises for each sign-in: the roles they hold in which school.
const EXPECTED_ROLES: Record<string, Record<string, string[]>> = {
  "dsl@demo.tessera.school": { [DEMO_PRIMARY]: ["staff", "dsl"] },
  "deputy@demo.tessera.school": { [DEMO_PRIMARY]: ["staff", "deputy_dsl"] },
  "head@demo.tessera.school": { [DEMO_PRIMARY]: ["staff", "head"] },
  "sendco@demo.tessera.school": { [DEMO_PRIMARY]: ["staff", "sendco"] },
  "pastoral@demo.tessera.school": { [DEMO_PRIMARY]: ["staff", "pastoral", "attendance"] },
  "teacher@demo.tessera.school": { [DEMO_PRIMARY]: ["staff", "class_teacher"] },
  "ta@demo.tessera.school": { [DEMO_PRIMARY]: ["staff"] },
  "office@demo.tessera.school": { [DEMO_PRIMARY]: ["staff", "administrator"] },
  "infant.dsl@demo.tessera.school": { [DEMO_INFANT]: ["staff", "dsl"] },
  "trust.dsl@demo.tessera.school": {},
};

async function counts(db: Database): Promise<Record<string, number>> {
  const tables = [
    "trusts",
    "schools",
    "accounts",
    "trust_memberships",
    "memberships",
    "year_groups",
    "classes",
    "class_teachers",
    "groups",
    "group_members",
    "pupils",
    "pupil_siblings",
    "contacts",
    "categories",
    "agencies",
    "thresholds",
    "incidents",
    "incident_revisions",
    "incident_current",
    "incident_events",
    "incident_counters",
    "alerts",
    "alert_reads",
  ];
  const [row] = await rows<Record<string, string>>(
    db,
    sql.raw(`select ${tables.map((t) => `(select count(*) from ${t}) as ${t}`).join(", ")}`),
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

describe.each(DRIVERS)("the demo on %s", (driver) => {
  let db: Database;
  let created: boolean;
  let primaryId: string;
  let infantId: string;
  let startedAt: Date;
  let finishedAt: Date;

  beforeAll(async () => {
    db = await freshDatabase(driver);
    const started = performance.now();
    startedAt = new Date();
    created = await ensureDemo(db);
    finishedAt = new Date();
    console.info(`ensureDemo on ${driver}: ${Math.round(performance.now() - started)} ms`);
    const schools = await rows<{ id: string; name: string }>(db, sql`select id, name from schools`);
    primaryId = schools.find((s) => s.name === DEMO_PRIMARY)!.id;
    infantId = schools.find((s) => s.name === DEMO_INFANT)!.id;
  });
  afterAll(() => db.close());

  it("creates Demo Primary School and Demo Infant School in Demo Trust", async () => {
    expect(created).toBe(true);
    const schools = await rows<{ school: string; trust: string; settings: unknown }>(
      db,
      sql`select s.name as school, t.name as trust, s.settings
          from schools s join trusts t on t.id = s.trust_id order by s.name`,
    );
    expect(schools.map((s) => [s.school, s.trust])).toEqual([
      [DEMO_INFANT, DEMO_TRUST],
      [DEMO_PRIMARY, DEMO_TRUST],
    ]);
    for (const s of schools) {
      expect(s.settings).toEqual({
        idleLockMinutes: 10,
        pupilNoun: "pupil",
        // The infant school brings a hidden screen back only with the password.
        hideScreenReturn: s.school === DEMO_INFANT ? "password" : "click",
      });
    }
  });

  it("has every sign-in of API.md, in its order, with the roles it promises", async () => {
    expect(DEMO_SIGN_INS.map((s) => s.email)).toEqual(Object.keys(EXPECTED_ROLES));
    const found = await rows<{ email: string; school: string | null; roles: string[] | null }>(
      db,
      sql`select a.email, s.name as school, m.roles
          from accounts a
          left join memberships m on m.account_id = a.id
          left join schools s on s.id = m.school_id
          where a.email like '%@demo.tessera.school'`,
    );
    for (const [email, expected] of Object.entries(EXPECTED_ROLES)) {
      const mine = found.filter((r) => r.email === email);
      expect(mine.length, email).toBeGreaterThan(0);
      const actual = Object.fromEntries(
        mine.filter((r) => r.school !== null).map((r) => [r.school, r.roles]),
      );
      expect(actual, email).toEqual(expected);
    }
    const trustRoles = await rows<{ email: string; trust: string; roles: string[] }>(
      db,
      sql`select a.email, t.name as trust, tm.roles from trust_memberships tm
          join accounts a on a.id = tm.account_id join trusts t on t.id = tm.trust_id`,
    );
    expect(trustRoles).toEqual([
      { email: "trust.dsl@demo.tessera.school", trust: DEMO_TRUST, roles: ["trust_dsl"] },
    ]);
  });

  it("gives demo accounts names, the demo password, the demo TOTP secret and no hurdles", async () => {
    const accounts = await rows<{
      email: string;
      name: string;
      password_hash: string;
      totp_secret: string;
      training_completed_at: Date | null;
    }>(db, sql`select * from accounts`);
    expect(accounts.length).toBeGreaterThanOrEqual(10 + 25);
    for (const a of accounts) {
      expect(a.email).toBe(a.email.toLowerCase());
      expect(a.email).toMatch(/@demo\.tessera\.school$/);
      expect(a.name).toMatch(/^\S+( \S+)+$/);
      expect(a.totp_secret).toBe(DEMO_TOTP_SECRET);
      expect(a.training_completed_at).not.toBeNull();
    }
    // Hashed once, used for everyone.
    const hashes = [...new Set(accounts.map((a) => a.password_hash))];
    expect(hashes).toHaveLength(1);
    expect(await verifyPassword(hashes[0]!, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(hashes[0]!, "tessera-demo-2026")).toBe(false);
  });

  it("makes teacher@ the class teacher of Year 3 Oak, and gives every other class a teacher", async () => {
    const teachers = await rows<{ class: string; email: string }>(
      db,
      sql`select c.name as class, a.email from class_teachers ct
          join classes c on c.school_id = ct.school_id and c.id = ct.class_id
          join memberships m on m.school_id = ct.school_id and m.id = ct.membership_id
          join accounts a on a.id = m.account_id
          where ct.school_id = ${primaryId}`,
    );
    expect(teachers.filter((t) => t.class === "Year 3 Oak").map((t) => t.email)).toEqual([
      "teacher@demo.tessera.school",
    ]);
    expect(new Set(teachers.map((t) => t.class)).size).toBe(14);
    const ta = teachers.filter((t) => t.email === "ta@demo.tessera.school");
    expect(ta).toEqual([]);
  });

  it("gives Demo Primary about 420 pupils in 14 classes, two in each year from Reception to Year 6", async () => {
    const classes = await rows<{ class: string; year: string; ncy: number; pupils: number }>(
      db,
      sql`select c.name as class, y.name as year, y.ncy, count(p.id)::int as pupils
          from classes c join year_groups y on y.school_id = c.school_id and y.id = c.year_group_id
          left join pupils p on p.school_id = c.school_id and p.class_id = c.id
          where c.school_id = ${primaryId} group by 1, 2, 3 order by 3, 1`,
    );
    expect(classes).toHaveLength(14);
    expect(classes.map((c) => c.class)).toContain("Year 3 Oak");
    expect(classes.map((c) => c.class)).toContain("Reception Ash");
    for (const c of classes) expect(c.class.startsWith(`${c.year} `)).toBe(true);
    expect([...new Set(classes.map((c) => c.year))]).toEqual([
      "Reception",
      "Year 1",
      "Year 2",
      "Year 3",
      "Year 4",
      "Year 5",
      "Year 6",
    ]);
    const total = classes.reduce((n, c) => n + c.pupils, 0);
    expect(total).toBeGreaterThanOrEqual(400);
    expect(total).toBeLessThanOrEqual(440);
    const [pupils] = await rows<{ n: number; preferred: number; upns: number }>(
      db,
      sql`select count(*)::int as n, count(preferred_first_name)::int as preferred,
                 count(distinct upn)::int as upns
          from pupils where school_id = ${primaryId} and on_roll`,
    );
    expect(pupils!.n).toBe(total);
    expect(pupils!.upns).toBe(total);
    expect(pupils!.preferred).toBeGreaterThan(0);
  });

  it("gives Demo Infant about 60 pupils in two classes, Reception to Year 2", async () => {
    const [infant] = await rows<{ pupils: number; classes: number; years: number[] }>(
      db,
      sql`select (select count(*)::int from pupils where school_id = ${infantId}) as pupils,
                 (select count(*)::int from classes where school_id = ${infantId}) as classes,
                 (select array_agg(ncy order by ncy) from year_groups where school_id = ${infantId}) as years`,
    );
    expect(infant).toEqual({ pupils: 60, classes: 2, years: [0, 1, 2] });
  });

  it("gives every pupil an age that fits their year group", async () => {
    // On 31 August before the school year, a child in year N is N + 4.
    const lastAugust = `${schoolYearOf(new Date())}-08-31`;
    const misfits = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pupils p
          join year_groups y on y.school_id = p.school_id and y.id = p.year_group_id
          where date_part('year', age(${lastAugust}::date, p.date_of_birth)) <> y.ncy + 4`,
    );
    expect(misfits[0]!.n).toBe(0);
    const [{ n }] = (await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pupils where year_group_id is null or class_id is null
          or admitted_on is null or admitted_on > current_date + 7`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("gives some pupils brothers and sisters in the school, and every pupil a contact with parental responsibility", async () => {
    const [family] = await rows<{ pupils: number; with_sibling: number; misordered: number }>(
      db,
      sql`select (select count(*)::int from pupils where school_id = ${primaryId}) as pupils,
                 (select count(distinct id)::int from pupils p where school_id = ${primaryId} and exists (
                    select 1 from pupil_siblings s where s.school_id = p.school_id
                    and p.id in (s.pupil_id, s.sibling_id))) as with_sibling,
                 (select count(*)::int from pupil_siblings where pupil_id::text >= sibling_id::text) as misordered`,
    );
    expect(family!.with_sibling / family!.pupils).toBeGreaterThan(0.2);
    expect(family!.with_sibling / family!.pupils).toBeLessThan(0.4);
    expect(family!.misordered).toBe(0);

    const [contacts] = await rows<{ without_pr: number; most: number; least: number }>(
      db,
      sql`select count(*) filter (where pr = 0)::int as without_pr, max(n)::int as most, min(n)::int as least
          from (select p.id, count(c.id) as n, count(c.id) filter (where c.parental_responsibility) as pr
                from pupils p left join contacts c on c.school_id = p.school_id and c.pupil_id = p.id
                group by p.id) x`,
    );
    expect(contacts).toEqual({ without_pr: 0, most: 3, least: 1 });

    const relationships = await rows<{ relationship: string }>(
      db,
      sql`select distinct relationship from contacts`,
    );
    expect(relationships.map((r) => r.relationship)).toEqual(
      expect.arrayContaining(["Mother", "Father", "Grandmother", "Stepfather", "Aunt"]),
    );
    const [bad] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from contacts
          where phone !~ '^(07700 900|01632 960)[0-9]{3}$'
             or (email is not null and email !~ '@example\\.(com|org)$')`,
    );
    expect(bad!.n).toBe(0);
  });

  it("copies every default category, with its subcategories and who may assign them, into each school", async () => {
    const cats = await rows<{
      school_id: string;
      name: string;
      parent: string | null;
      area: string;
      dsl_only: boolean;
      transfers: boolean;
    }>(
      db,
      sql`select c.school_id, c.name, p.name as parent, c.area, c.dsl_only, c.transfers
          from categories c left join categories p on p.school_id = c.school_id and p.id = c.parent_id`,
    );
    for (const schoolId of [primaryId, infantId]) {
      const mine = cats.filter((c) => c.school_id === schoolId);
      for (const category of DEFAULT_TAXONOMY.categories) {
        const top = mine.find((c) => c.name === category.name && c.parent === null);
        expect(top, category.name).toMatchObject({
          area: category.area,
          dsl_only: category.dslOnly ?? false,
          transfers: category.transfers ?? true,
        });
        const subs = mine.filter((c) => c.parent === category.name);
        expect(subs.map((s) => s.name).sort()).toEqual(
          [...category.subcategories, ...(category.dslOnlySubcategories ?? [])].sort(),
        );
        for (const sub of subs) {
          expect(sub.area).toBe(category.area);
          const dslOnly =
            (category.dslOnly ?? false) || (category.dslOnlySubcategories ?? []).includes(sub.name);
          expect(sub.dsl_only, `${category.name} / ${sub.name}`).toBe(dslOnly);
        }
      }
    }
    const primary = cats.filter((c) => c.school_id === primaryId);
    expect(primary.find((c) => c.name === "Child protection")?.dsl_only).toBe(true);
    expect(primary.find((c) => c.name === "Operation Encompass notification")).toMatchObject({
      parent: "Safeguarding concern",
      dsl_only: true,
    });
    expect(primary.find((c) => c.name === "Neglect")).toMatchObject({ dsl_only: false });

    const [lists] = await rows<{ agencies: number; thresholds: number }>(
      db,
      sql`select (select count(*)::int from agencies where school_id = ${primaryId}) as agencies,
                 (select count(*)::int from thresholds where school_id = ${primaryId}) as thresholds`,
    );
    expect(lists).toEqual({
      agencies: DEFAULT_TAXONOMY.agencies.length,
      thresholds: DEFAULT_TAXONOMY.thresholds.length,
    });
  });

  it("puts the role holders in their alert groups; the DSL team is the DSL and the deputy", async () => {
    const members = await rows<{ group: string; roles: string[]; email: string | null }>(
      db,
      sql`select g.name as group, g.roles, a.email from groups g
          left join group_members gm on gm.school_id = g.school_id and gm.group_id = g.id
          left join memberships m on m.school_id = gm.school_id and m.id = gm.membership_id
          left join accounts a on a.id = m.account_id
          where g.school_id = ${primaryId}`,
    );
    const of = (group: string) =>
      members
        .filter((m) => m.group === group)
        .map((m) => m.email)
        .sort();
    expect(of("DSL team")).toEqual(["deputy@demo.tessera.school", "dsl@demo.tessera.school"]);
    expect(members.find((m) => m.group === "DSL team")?.roles.sort()).toEqual([
      "deputy_dsl",
      "dsl",
    ]);
    expect(of("SLT")).toEqual(["head@demo.tessera.school"]);
    expect(of("SEND team")).toEqual(["sendco@demo.tessera.school"]);
    expect(of("Pastoral team")).toEqual(["pastoral@demo.tessera.school"]);
    expect(of("Attendance")).toEqual(["pastoral@demo.tessera.school"]);
  });

  it("records five years of incidents: about 2,000–3,500 at Demo Primary, a handful at Demo Infant", async () => {
    const found = await rows<{
      school_id: string;
      n: number;
      oldest: Date;
      newest: Date;
      years: number;
    }>(
      db,
      sql`select school_id, count(*)::int as n, min(occurred_at) as oldest, max(occurred_at) as newest,
                 count(distinct date_part('year', occurred_at))::int as years
          from incident_current group by school_id`,
    );
    const primary = found.find((r) => r.school_id === primaryId)!;
    const infant = found.find((r) => r.school_id === infantId)!;
    expect(primary.n).toBeGreaterThanOrEqual(2000);
    expect(primary.n).toBeLessThanOrEqual(3500);
    expect(infant.n).toBe(DEMO_INFANT_RECORDS);
    const year = 365.25 * 86_400_000;
    expect(new Date(primary.oldest).getTime()).toBeLessThan(startedAt.getTime() - 4.5 * year);
    expect(new Date(primary.oldest).getTime()).toBeGreaterThan(
      startedAt.getTime() - 5 * year - 5 * 86_400_000,
    );
    expect(new Date(primary.newest).getTime()).toBeGreaterThan(
      startedAt.getTime() - 21 * 86_400_000,
    );
    expect(primary.years).toBeGreaterThanOrEqual(5);
  });

  it("numbers each school's incidents 1..N without gaps, and the counter is at N", async () => {
    const found = await rows<{
      school_id: string;
      n: number;
      low: number;
      high: number;
      distinct: number;
      counter: number | null;
      misordered: number;
    }>(
      db,
      sql`select i.school_id, count(*)::int as n, min(i.number) as low, max(i.number) as high,
                 count(distinct i.number)::int as distinct,
                 (select last_number from incident_counters c where c.school_id = i.school_id) as counter,
                 (select count(*)::int from incidents a join incidents b
                    on b.school_id = a.school_id and b.number = a.number + 1
                  where a.school_id = i.school_id and b.recorded_at < a.recorded_at) as misordered
          from incidents i group by i.school_id`,
    );
    expect(found).toHaveLength(2);
    for (const r of found) {
      expect({ low: r.low, high: r.high, distinct: r.distinct, counter: r.counter }).toEqual({
        low: 1,
        high: r.n,
        distinct: r.n,
        counter: r.n,
      });
      expect(r.misordered).toBe(0);
    }
  });

  it("keeps every incident's current state equal to its latest revision, with the subject among its pupils", async () => {
    const [bad] = await rows<{ n: number; missing: number; edited: number; current: number }>(
      db,
      sql`select count(*) filter (where r.id is null
                   or r.revision_no <> (select max(revision_no) from incident_revisions x
                                        where x.school_id = ic.school_id and x.incident_id = ic.incident_id)
                   or r.category_ids <> ic.category_ids or r.occurred_at <> ic.occurred_at
                   or r.status <> ic.status or r.pupil_id <> ic.pupil_id
                   or ic.pupil_ids[1] <> ic.pupil_id
                   or ic.pupil_ids <> array[ic.pupil_id] || r.linked_pupil_ids)::int as n,
                 (select count(*)::int from incidents i where not exists (
                    select 1 from incident_current c where c.school_id = i.school_id and c.incident_id = i.id)) as missing,
                 (select count(*)::int from incident_revisions where revision_no = 2 and reason is not null) as edited,
                 count(*)::int as current
          from incident_current ic
          left join incident_revisions r on r.school_id = ic.school_id and r.id = ic.revision_id`,
    );
    expect(bad).toMatchObject({ n: 0, missing: 0 });
    expect(bad!.edited).toBeGreaterThan(20);
  });

  it("records nothing before it happened or after now", async () => {
    const [row] = await rows<{
      before: number;
      future: number;
      edits: number;
      events: number;
      reads: number;
    }>(
      db,
      sql`select (select count(*)::int from incident_current where recorded_at < occurred_at) as before,
                 (select count(*)::int from incident_current where recorded_at > ${finishedAt} or occurred_at > ${finishedAt}) as future,
                 (select count(*)::int from incident_revisions where edited_at > ${finishedAt}) as edits,
                 (select count(*)::int from incident_events where at > ${finishedAt}) as events,
                 (select count(*)::int from alert_reads where read_at > ${finishedAt}) as reads`,
    );
    expect(row).toEqual({ before: 0, future: 0, edits: 0, events: 0, reads: 0 });
    const [now] = await rows<{ late: number }>(
      db,
      sql`select count(*)::int as late from incident_current where recorded_at > now()`,
    );
    expect(now!.late).toBe(0);
  });

  it("gives each incident the areas of its categories, and staff only categories anyone may choose", async () => {
    const [row] = await rows<{ wrong_areas: number; staff_dsl_only: number; dsl_dsl_only: number }>(
      db,
      sql`select count(*) filter (where array(select distinct c.area from categories c
                                               where c.school_id = ic.school_id and c.id = any(ic.category_ids) order by 1)
                                   <> array(select distinct a from unnest(ic.areas) a order by 1))::int as wrong_areas,
                 count(*) filter (where not m.roles && array['dsl', 'deputy_dsl'] and exists (
                   select 1 from categories c where c.school_id = ic.school_id
                   and c.id = any(ic.category_ids) and c.dsl_only))::int as staff_dsl_only,
                 count(*) filter (where m.roles && array['dsl', 'deputy_dsl'] and exists (
                   select 1 from categories c where c.school_id = ic.school_id
                   and c.id = any(ic.category_ids) and c.dsl_only))::int as dsl_dsl_only
          from incident_current ic
          join memberships m on m.school_id = ic.school_id and m.account_id = ic.author_id`,
    );
    expect(row).toMatchObject({ wrong_areas: 0, staff_dsl_only: 0 });
    expect(row!.dsl_dsl_only).toBeGreaterThan(50);
  });

  it("gives some children long histories and most none or a few", async () => {
    const [row] = await rows<{ pupils: number; none_or_few: number; long: number }>(
      db,
      sql`select count(*)::int as pupils,
                 count(*) filter (where n <= 3)::int as none_or_few,
                 count(*) filter (where n >= 20)::int as long
          from (select p.id, (select count(*) from incident_current ic
                              where ic.school_id = p.school_id and p.id = any(ic.pupil_ids)) as n
                from pupils p where p.school_id = ${primaryId}) x`,
    );
    expect(row!.long).toBeGreaterThanOrEqual(10);
    expect(row!.long).toBeLessThanOrEqual(35);
    expect(row!.none_or_few / row!.pupils).toBeGreaterThan(0.4);
  });

  it("alerts the DSL team to every incident; every alert's incident exists; most older alerts are read", async () => {
    const [row] = await rows<{
      orphans: number;
      to_author: number;
      without_dsl: number;
      old: number;
      old_read: number;
      unread: number;
      reviewed_old: number;
      old_incidents: number;
      in_error: number;
    }>(
      db,
      sql`select (select count(*)::int from alerts a where not exists (
                    select 1 from incidents i where i.school_id = a.school_id and i.id = a.incident_id)) as orphans,
                 (select count(*)::int from alerts a join incidents i on i.school_id = a.school_id
                    and i.id = a.incident_id where a.recipient_id = i.author_id) as to_author,
                 (select count(*)::int from incidents i where i.school_id = ${primaryId} and not exists (
                    select 1 from alerts a where a.school_id = i.school_id and a.incident_id = i.id and a.via = 'preset')) as without_dsl,
                 (select count(*)::int from alerts where sent_at < now() - interval '7 days') as old,
                 (select count(*)::int from alerts a where sent_at < now() - interval '7 days' and exists (
                    select 1 from alert_reads r where r.school_id = a.school_id and r.alert_id = a.id)) as old_read,
                 (select count(*)::int from alerts a where not exists (
                    select 1 from alert_reads r where r.school_id = a.school_id and r.alert_id = a.id)) as unread,
                 (select count(*)::int from incident_current where recorded_at < now() - interval '4 days'
                    and (reviewed_at is not null or entered_in_error)) as reviewed_old,
                 (select count(*)::int from incident_current where recorded_at < now() - interval '4 days') as old_incidents,
                 (select count(*)::int from incident_current ic where entered_in_error and exists (
                    select 1 from incident_events e where e.school_id = ic.school_id
                    and e.incident_id = ic.incident_id and e.type = 'entered_in_error')) as in_error`,
    );
    expect(row).toMatchObject({ orphans: 0, to_author: 0, without_dsl: 0 });
    expect(row!.old_read / row!.old).toBeGreaterThan(0.9);
    expect(row!.unread).toBeGreaterThan(0);
    expect(row!.reviewed_old / row!.old_incidents).toBeGreaterThan(0.97);
    expect(row!.in_error).toBeGreaterThanOrEqual(3);
    expect(row!.in_error).toBeLessThanOrEqual(20);
  });

  it("gives the DSL's desk what the records show: threshold decisions at reviews, and flags from the first record", async () => {
    const [row] = await rows<{
      reviewed_restricted: number;
      decided: number;
      cp_plans: number;
      cp_plans_with_record: number;
      flags_before_record: number;
    }>(
      db,
      sql`select
          (select count(*)::int from incident_current ic where ic.school_id = ${primaryId}
             and ic.reviewed_at is not null and not ic.entered_in_error
             and ic.areas && array['safeguarding', 'child_protection']) as reviewed_restricted,
          (select count(distinct d.incident_id)::int from threshold_decisions d where d.school_id = ${primaryId}) as decided,
          (select count(*)::int from pupil_flags f join flag_types t on t.id = f.flag_type_id
             where f.school_id = ${primaryId} and t.key = 'cp_plan') as cp_plans,
          (select count(*)::int from pupil_flags f join flag_types t on t.id = f.flag_type_id
             where f.school_id = ${primaryId} and t.key = 'cp_plan' and exists (
               select 1 from incident_current ic where ic.school_id = f.school_id and ic.pupil_id = f.pupil_id
                 and 'child_protection' = any(ic.areas))) as cp_plans_with_record,
          (select count(*)::int from pupil_flags f where f.set_at < f.starts_on) as flags_before_record`,
    );
    expect(row!.decided).toBe(row!.reviewed_restricted);
    expect(row!.cp_plans).toBeGreaterThan(0);
    expect(row!.cp_plans_with_record).toBe(row!.cp_plans);
    expect(row!.flags_before_record).toBe(0);
  });

  it("has records by the demo's people: teacher@ and ta@ among them, ta@ beyond Year 3 Oak", async () => {
    const authors = await rows<{ email: string; n: number; outside_oak: number }>(
      db,
      sql`select a.email, count(*)::int as n,
                 count(*) filter (where c.name <> 'Year 3 Oak')::int as outside_oak
          from incident_current ic join accounts a on a.id = ic.author_id
          join pupils p on p.school_id = ic.school_id and p.id = ic.pupil_id
          join classes c on c.school_id = p.school_id and c.id = p.class_id
          where a.email like '%@demo.tessera.school' group by a.email`,
    );
    const of = (who: string) => authors.find((a) => a.email === `${who}@demo.tessera.school`);
    for (const who of [
      "dsl",
      "deputy",
      "head",
      "sendco",
      "pastoral",
      "teacher",
      "ta",
      "infant.dsl",
    ]) {
      expect(of(who)?.n ?? 0, who).toBeGreaterThan(0);
    }
    expect(of("office")).toBeUndefined();
    expect(of("ta")!.outside_oak).toBeGreaterThanOrEqual(3);
  });

  it("does nothing when a school already exists", async () => {
    const before = await counts(db);
    expect(await ensureDemo(db)).toBe(false);
    expect(await counts(db)).toEqual(before);
  });
});

describe("generated schools and trusts on PostgreSQL", () => {
  let db: Database;

  beforeAll(async () => {
    db = await freshDatabase("postgres");
  });
  afterAll(() => db.close());

  it("generates a school with exactly the number of records asked for", async () => {
    const school = await generateSchool(db, {
      name: "Records Primary",
      pupils: 300,
      seed: 21,
      records: 3000,
    });
    console.info(`generateSchool, 300 pupils and 3,000 records: ${school.ms} ms`);
    expect(school.incidents).toBe(3000);
    const [row] = await rows<{
      incidents: number;
      counter: number;
      current: number;
      alerts: number;
    }>(
      db,
      sql`select (select count(*)::int from incidents where school_id = ${school.schoolId}) as incidents,
                 (select last_number from incident_counters where school_id = ${school.schoolId}) as counter,
                 (select count(*)::int from incident_current where school_id = ${school.schoolId}) as current,
                 (select count(distinct incident_id)::int from alerts where school_id = ${school.schoolId}) as alerts`,
    );
    expect(row).toEqual({ incidents: 3000, counter: 3000, current: 3000, alerts: 3000 });
  });

  it("generates a school of 2,000 pupils", async () => {
    const school = await generateSchool(db, { name: "Large Academy", pupils: 2000, seed: 7 });
    console.info(`generateSchool, 2,000 pupils: ${school.ms} ms`);
    const [row] = await rows<{ pupils: number; classes: number; staff: number; dsl: string }>(
      db,
      sql`select (select count(*)::int from pupils where school_id = ${school.schoolId}) as pupils,
                 (select count(*)::int from classes where school_id = ${school.schoolId}) as classes,
                 (select count(*)::int from memberships where school_id = ${school.schoolId}) as staff,
                 (select a.email from memberships m join accounts a on a.id = m.account_id
                  where m.school_id = ${school.schoolId} and 'dsl' = any(m.roles)) as dsl`,
    );
    expect(row).toEqual({
      pupils: 2000,
      classes: school.classes,
      staff: school.staff.length,
      dsl: `dsl@${school.domain}`,
    });
    expect(school.pupils).toBe(2000);
  });

  it("generates a trust of schools with a trust DSL", async () => {
    const trust = await generateTrust(db, {
      name: "Small Test Trust",
      schools: 3,
      pupilsPerSchool: 100,
      seed: 11,
    });
    expect(trust.schools).toHaveLength(3);
    expect(trust.pupils).toBe(300);
    const [row] = await rows<{ schools: number; pupils: number; trust_dsls: number }>(
      db,
      sql`select (select count(*)::int from schools where trust_id = ${trust.trustId}) as schools,
                 (select count(*)::int from pupils p join schools s on s.id = p.school_id
                  where s.trust_id = ${trust.trustId}) as pupils,
                 (select count(*)::int from trust_memberships where trust_id = ${trust.trustId}
                  and 'trust_dsl' = any(roles)) as trust_dsls`,
    );
    expect(row).toEqual({ schools: 3, pupils: 300, trust_dsls: 1 });
    // Generated twice from one seed, a school gets new ids and new addresses, not clashes.
    const again = await generateSchool(db, {
      name: trust.schools[0]!.name,
      pupils: 100,
      seed: "11/school-0",
    });
    expect(again.domain).not.toBe(trust.schools[0]!.domain);
    expect(again.pupils).toBe(100);
  });
});
