// Alert groups and pre-set alert rules (issue 9): the default rules a school is installed
// with, rules the DSL team adds, groups it edits — and that a rule never alerts anyone to
// a record they could not read, that group changes count from the next incident, that
// only the DSL team (with a second factor) changes them, and that every change is audited.
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import type { Database } from "../src/db/database.ts";
import { queryRows } from "../src/db/database.ts";
import { alertRules, groups } from "../src/db/schema/index.ts";
import { installDefaultTaxonomy } from "../src/roster/install-taxonomy.ts";
import { DRIVERS, freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn, TOTP_SECRET } from "./fixtures.ts";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
const PEOPLE = {
  dsl: { roles: ["staff", "dsl"], totp: true },
  deputy: { roles: ["staff", "deputy_dsl"], totp: false },
  head: { roles: ["staff", "head"], totp: false },
  oakTeacher: { roles: ["staff", "class_teacher"], totp: true },
  ashTeacher: { roles: ["staff", "class_teacher"], totp: false },
  sendco: { roles: ["staff", "sendco"], totp: false },
  ta: { roles: ["staff"], totp: false },
  mentor: { roles: ["staff"], totp: false },
  office: { roles: ["administrator"], totp: true },
} as const;
type Person = keyof typeof PEOPLE;

describe.each(DRIVERS)("alert groups and pre-set rules on %s", (driver) => {
  let db: Database;
  let app: FastifyInstance;
  let schoolId = "";
  const id = {} as Record<Person, string>;
  const as = {} as Record<Person, Client>;
  const category: Record<string, string> = {};
  const group: Record<string, string> = {};
  let oakPupil = "";
  let ashPupil = "";

  const call = (who: Person, method: Method, url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: as[who].cookie, "x-csrf-token": as[who].csrfToken },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    db = await freshDatabase(driver);
    app = await buildApp({ db, webRoot: "/nonexistent" });
    schoolId = await createSchool(db, "Rules Primary");
    for (const [who, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
      id[who] = await createPerson(db, {
        schoolId,
        email: `${who}@rules.example.org`,
        roles: [...p.roles],
        totp: p.totp,
      });
    }
    await db.owner(async (tx) => {
      await installDefaultTaxonomy(tx, schoolId);
      for (const row of await queryRows<{ id: string; name: string }>(
        tx,
        sql`select id, name from categories where school_id = ${schoolId}`,
      ))
        category[row.name] = row.id;
      for (const row of await queryRows<{ id: string; name: string }>(
        tx,
        sql`select id, name from groups where school_id = ${schoolId}`,
      ))
        group[row.name] = row.id;
      const [oak, ash] = await queryRows<{ id: string }>(
        tx,
        sql`insert into classes (school_id, name) values (${schoolId}, 'Oak'), (${schoolId}, 'Ash')
            returning id`,
      );
      await tx.execute(sql`insert into class_teachers (school_id, class_id, membership_id)
        select ${schoolId}, c.id, m.id from classes c, memberships m
        where c.school_id = ${schoolId} and m.school_id = ${schoolId}
          and ((c.name = 'Oak' and m.account_id = ${id.oakTeacher})
            or (c.name = 'Ash' and m.account_id = ${id.ashTeacher}))`);
      const pupils = await queryRows<{ id: string }>(
        tx,
        sql`insert into pupils (school_id, legal_first_name, legal_last_name, date_of_birth, sex, class_id)
            values (${schoolId}, 'Ottilie', 'Fairweather', '2017-03-01', 'F', ${oak!.id}),
                   (${schoolId}, 'Jasper', 'Quill', '2017-05-01', 'M', ${ash!.id}) returning id`,
      );
      oakPupil = pupils[0]!.id;
      ashPupil = pupils[1]!.id;
    });
    for (const who of Object.keys(PEOPLE) as Person[]) {
      as[who] = await signIn(app, `${who}@rules.example.org`);
      if (PEOPLE[who].totp) {
        const res = await call(who, "POST", "/api/v1/session/second-factor", {
          code: currentTotp(TOTP_SECRET),
        });
        expect(res.statusCode).toBe(200);
      }
      await call(who, "POST", "/api/v1/agreement", { version: "2026-09" });
    }
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  /** Records an incident and answers who was alerted: person → [via, rule id]. */
  const record = async (
    author: Person,
    categoryName: string,
    pupilId = oakPupil,
    extra: object = {},
  ) => {
    const res = await call(author, "POST", "/api/v1/incidents", {
      pupilId,
      account: "At break she said another child took her coat and threw it over the fence.",
      categoryIds: [category[categoryName]],
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return alertedTo(res.json().id as string);
  };
  const alertedTo = async (incidentId: string) => {
    const rows = await db.owner((tx) =>
      queryRows<{ recipient_id: string; via: string; rule_id: string | null }>(
        tx,
        sql`select recipient_id, via, rule_id from alerts where incident_id = ${incidentId}`,
      ),
    );
    const byId = new Map(rows.map((r) => [r.recipient_id, r]));
    const out: Partial<Record<Person, { via: string; ruleId: string | null }>> = {};
    for (const who of Object.keys(PEOPLE) as Person[]) {
      const row = byId.get(id[who]);
      if (row) out[who] = { via: row.via, ruleId: row.rule_id };
    }
    return { incidentId, alerted: out };
  };
  const rules = async () =>
    (await call("dsl", "GET", "/api/v1/alert-rules")).json().items as {
      id: string;
      description: string;
      active: boolean;
    }[];
  const ruleId = async (description: string) => {
    const rule = (await rules()).find((r) => r.description === description);
    expect(rule, description).toBeDefined();
    return rule!.id;
  };

  it("starts with the default rules: DSL team on every incident, class teachers, the head", async () => {
    expect((await rules()).map((r) => r.description)).toEqual([
      "DSL team on every incident",
      "The pupils' class teachers on incidents in areas that are not restricted",
      "Headteacher on notifiable incidents",
    ]);
  });

  it("alerts the pupil's class teacher on a behaviour incident, not on a safeguarding or child protection one", async () => {
    const classTeachers = await ruleId(
      "The pupils' class teachers on incidents in areas that are not restricted",
    );
    const dslTeam = await ruleId("DSL team on every incident");
    const behaviour = await record("ta", "Behaviour");
    expect(behaviour.alerted).toEqual({
      dsl: { via: "preset", ruleId: dslTeam },
      deputy: { via: "preset", ruleId: dslTeam },
      oakTeacher: { via: "preset", ruleId: classTeachers },
    });
    // The other class's teacher, the head and the author are not alerted.
    const safeguarding = await record("ta", "Safeguarding concern");
    expect(Object.keys(safeguarding.alerted).sort()).toEqual(["deputy", "dsl"]);
    const childProtection = await record("dsl", "Child protection");
    expect(Object.keys(childProtection.alerted).sort()).toEqual(["deputy"]);
    // The teacher can open the behaviour incident (alerted), not the child protection one.
    const teacherReads = async (incidentId: string) =>
      (await call("oakTeacher", "GET", `/api/v1/incidents/${incidentId}`)).statusCode;
    expect(await teacherReads(behaviour.incidentId)).toBe(200);
    expect(await teacherReads(childProtection.incidentId)).toBe(404);
    // A linked pupil's class teacher is alerted too (the record is in that child's chronology).
    const linked = await record("ta", "Wellbeing", oakPupil, { linkedPupilIds: [ashPupil] });
    expect(Object.keys(linked.alerted).sort()).toEqual([
      "ashTeacher",
      "deputy",
      "dsl",
      "oakTeacher",
    ]);
  });

  it("alerts the head on notifiable incidents only", async () => {
    const head = await ruleId("Headteacher on notifiable incidents");
    const notifiable = await record("dsl", "Child death or serious harm");
    expect(notifiable.alerted.head).toEqual({ via: "preset", ruleId: head });
    expect(notifiable.alerted.deputy?.via).toBe("preset");
    expect((await record("dsl", "Child in need")).alerted.head).toBeUndefined();
    expect((await record("ta", "Behaviour")).alerted.head).toBeUndefined();
  });

  it("lets the DSL team mark its own categories notifiable, for new incidents from then on", async () => {
    const before = await record("dsl", "Child in need");
    expect(before.alerted.head).toBeUndefined();
    const refused = await call("head", "PATCH", `/api/v1/categories/${category["Child in need"]}`, {
      notifiable: true,
    });
    expect(refused.statusCode).toBe(403);
    const marked = await call("dsl", "PATCH", `/api/v1/categories/${category["Child in need"]}`, {
      notifiable: true,
    });
    expect(marked.statusCode, marked.body).toBe(204);
    const listed = (await call("dsl", "GET", "/api/v1/taxonomy")).json();
    const found = listed.categories
      .flatMap((c: { subcategories: object[] }) => [c, ...c.subcategories])
      .find((c: { id: string }) => c.id === category["Child in need"]);
    expect(found.notifiable).toBe(true);
    expect((await record("dsl", "Child in need")).alerted.head?.via).toBe("preset");
    // The earlier incident keeps who was alerted when it was sent.
    expect((await alertedTo(before.incidentId)).alerted.head).toBeUndefined();
    const audited = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where type = 'category.changed'
            and payload->>'categoryId' = ${category["Child in need"]!} and payload->>'notifiable' = 'true'`,
      ),
    );
    expect(audited[0]!.n).toBe(1);
    await call("dsl", "PATCH", `/api/v1/categories/${category["Child in need"]}`, {
      notifiable: false,
    });
    expect((await record("dsl", "Child in need")).alerted.head).toBeUndefined();
  });

  it("alerts a group member added later from then on, not to earlier incidents", async () => {
    const before = await record("ta", "Attendance");
    expect(before.alerted.sendco).toBeUndefined();
    const add = await call(
      "dsl",
      "PUT",
      `/api/v1/groups/${group["DSL team"]}/members/${id.sendco}`,
    );
    expect(add.statusCode, add.body).toBe(204);
    const after = await record("ta", "Attendance");
    expect(after.alerted.sendco?.via).toBe("preset");
    // The earlier incident still names only who was alerted when it was sent.
    expect((await alertedTo(before.incidentId)).alerted.sendco).toBeUndefined();
    const remove = await call(
      "dsl",
      "DELETE",
      `/api/v1/groups/${group["DSL team"]}/members/${id.sendco}`,
    );
    expect(remove.statusCode).toBe(204);
    expect((await record("ta", "Attendance")).alerted.sendco).toBeUndefined();
    expect((await alertedTo(after.incidentId)).alerted.sendco?.via).toBe("preset");
    // Holders of the group's roles belong by role and cannot be taken out by name.
    const deputy = await call(
      "dsl",
      "DELETE",
      `/api/v1/groups/${group["DSL team"]}/members/${id.deputy}`,
    );
    expect(deputy.statusCode).toBe(404);
  });

  it("applies a rule the DSL adds for a new group, only to incidents its members could read", async () => {
    const made = await call("dsl", "POST", "/api/v1/groups", { name: "KS2 Behaviour" });
    expect(made.statusCode, made.body).toBe(201);
    const ks2 = made.json().id as string;
    for (const who of ["sendco", "mentor"] as const) {
      const res = await call("dsl", "PUT", `/api/v1/groups/${ks2}/members/${id[who]}`);
      expect(res.statusCode).toBe(204);
    }
    const rule = await call("dsl", "POST", "/api/v1/alert-rules", {
      audience: "group",
      groupId: ks2,
      condition: "areas",
      areas: ["general"],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const behaviour = await record("ta", "Behaviour");
    // The SENDCo reads general records; the learning mentor (staff) reads none by grant,
    // so a rule does not alert them (a person choosing the group would).
    expect(behaviour.alerted.sendco).toEqual({ via: "preset", ruleId: rule.json().id });
    expect(behaviour.alerted.mentor).toBeUndefined();
    const chosen = await record("ta", "Behaviour", oakPupil, { alertGroupIds: [ks2] });
    expect(chosen.alerted.mentor?.via).toBe("group");
    expect((await record("ta", "Medical")).alerted.sendco).toBeUndefined();
    // Switched off, the rule alerts no one; a deactivated group's rule neither.
    const off = await call("dsl", "PATCH", `/api/v1/alert-rules/${rule.json().id}`, {
      active: false,
    });
    expect(off.statusCode).toBe(204);
    expect((await record("ta", "Behaviour")).alerted.sendco).toBeUndefined();
    await call("dsl", "PATCH", `/api/v1/alert-rules/${rule.json().id}`, { active: true });
    expect((await record("ta", "Behaviour")).alerted.sendco?.via).toBe("preset");
    await call("dsl", "PATCH", `/api/v1/groups/${ks2}`, { active: false });
    expect((await record("ta", "Behaviour")).alerted.sendco).toBeUndefined();
    const groupsNow = (await call("ta", "GET", "/api/v1/groups")).json().items;
    expect(groupsNow.map((g: { name: string }) => g.name)).not.toContain("KS2 Behaviour");
  });

  it("refuses a rule that could only reach people who cannot read those records", async () => {
    const res = await call("dsl", "POST", "/api/v1/alert-rules", {
      audience: "class_teachers",
      condition: "areas",
      areas: ["general", "child_protection"],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        path: "areas",
        message:
          "Class teachers cannot read Child protection records: choose incidents they can read.",
      },
    ]);
    const everything = await call("dsl", "POST", "/api/v1/alert-rules", {
      audience: "role",
      role: "sendco",
      condition: "every_incident",
    });
    expect(everything.statusCode).toBe(422);
    expect(everything.json().errors[0].path).toBe("condition");
    const noGroup = await call("dsl", "POST", "/api/v1/alert-rules", {
      audience: "group",
      condition: "every_incident",
    });
    expect(noGroup.json().errors).toEqual([{ path: "groupId", message: "Choose a group." }]);
  });

  it("previews who the rules will alert, in words", async () => {
    const res = await call("ta", "POST", "/api/v1/incidents/alert-preview", {
      pupilId: oakPupil,
      categoryIds: [category.Behaviour],
    });
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(
      res.json().recipients.map((r: { name: string; rule: string | null }) => [r.name, r.rule]),
    );
    expect(byName.dsl).toBe("DSL team on every incident");
    expect(byName.oakTeacher).toBe(
      "The pupils' class teachers on incidents in areas that are not restricted",
    );
    expect(byName.ashTeacher).toBeUndefined();
  });

  it("lets only the DSL team change groups and rules, with a second factor", async () => {
    for (const who of ["oakTeacher", "office", "head"] as const) {
      expect((await call(who, "POST", "/api/v1/groups", { name: "Mine" })).statusCode).toBe(403);
      expect((await call(who, "GET", "/api/v1/groups/manage")).statusCode).toBe(403);
      const rule = await call(who, "POST", "/api/v1/alert-rules", {
        audience: "role",
        role: "head",
        condition: "every_incident",
      });
      expect(rule.statusCode).toBe(403);
    }
    // The deputy is in the DSL team but has no second factor in this session.
    const deputy = await call("deputy", "PATCH", `/api/v1/groups/${group.SLT}`, {
      name: "Leaders",
    });
    expect(deputy.statusCode).toBe(403);
    expect(deputy.json().type).toMatch(/second-factor-required$/);
    expect((await call("deputy", "GET", "/api/v1/groups/manage")).statusCode).toBe(200);
  });

  it("records every change: who changed what, when", async () => {
    const rename = await call("dsl", "PATCH", `/api/v1/groups/${group.Attendance}`, {
      name: "Attendance team",
      roles: ["attendance", "pastoral"],
    });
    expect(rename.statusCode).toBe(204);
    const events = await db.owner((tx) =>
      queryRows<{ type: string; account_id: string; payload: Record<string, unknown> }>(
        tx,
        sql`select type, account_id, payload from audit_events
            where school_id = ${schoolId} and (type like 'group.%' or type like 'alert-rule.%')
            order by at, type`,
      ),
    );
    expect(events.every((e) => e.account_id === id.dsl)).toBe(true);
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "group.member-added",
        "group.member-removed",
        "group.added",
        "alert-rule.added",
        "alert-rule.changed",
        "group.changed",
      ]),
    );
    expect(events.at(-1)).toMatchObject({
      type: "group.changed",
      payload: {
        groupId: group.Attendance,
        from: "Attendance",
        to: "Attendance team",
        roles: ["attendance", "pastoral"],
      },
    });
    const managed = (await call("dsl", "GET", "/api/v1/groups/manage")).json().items;
    const attendance = managed.find((g: { id: string }) => g.id === group.Attendance);
    expect(attendance).toMatchObject({
      name: "Attendance team",
      roles: ["attendance", "pastoral"],
    });
  });

  it("keeps each school's groups and rules to itself", async () => {
    const other = await createSchool(db, "Other Primary");
    await db.owner((tx) => installDefaultTaxonomy(tx, other));
    const [theirs] = await db.owner((tx) =>
      queryRows<{ rule: string; group: string }>(
        tx,
        sql`select r.id as rule, r.group_id as group from alert_rules r
            where r.school_id = ${other} and r.group_id is not null`,
      ),
    );
    const patch = await call("dsl", "PATCH", `/api/v1/alert-rules/${theirs!.rule}`, {
      active: false,
    });
    expect(patch.statusCode).toBe(404);
    const join = await call("dsl", "PUT", `/api/v1/groups/${theirs!.group}/members/${id.sendco}`);
    expect(join.statusCode).toBe(404);
    // Row-level security, the second lock: a query without a school filter sees its own only.
    const seen = await db.tx({ schoolId: other, accountId: null }, async (tx) => ({
      rules: await tx.select().from(alertRules),
      groups: await tx.select().from(groups),
    }));
    expect(seen.rules.every((r) => r.schoolId === other)).toBe(true);
    expect(seen.groups.every((g) => g.schoolId === other)).toBe(true);
    expect(seen.rules.filter((r) => r.active)).toHaveLength(3);
  });

  it("migrates today's pre-set group (every incident) into a rule", async () => {
    // Found by name, not number: migrations are renumbered when branches merge.
    const folder = new URL("../src/db/migrations/", import.meta.url);
    const file = readdirSync(folder).find((f) => f.endsWith("_alert_rules.sql"));
    const migration = readFileSync(new URL(file!, folder), "utf8");
    const insert = migration
      .split("--> statement-breakpoint")
      .find((part) => part.includes("INSERT INTO alert_rules"));
    const school = await createSchool(db, "Before Rules Primary");
    const rows = await db.owner(async (tx) => {
      await tx.insert(groups).values([
        { schoolId: school, name: "DSL team", roles: ["dsl"], alertedOnEveryIncident: true },
        { schoolId: school, name: "SLT", roles: ["head"] },
      ]);
      await tx.execute(sql.raw(insert!));
      return queryRows<{ name: string; audience: string; condition: string }>(
        tx,
        sql`select g.name, r.audience, r.condition from alert_rules r
            join groups g on g.school_id = r.school_id and g.id = r.group_id
            where r.school_id = ${school}`,
      );
    });
    expect(rows).toEqual([{ name: "DSL team", audience: "group", condition: "every_incident" }]);
  });
});
