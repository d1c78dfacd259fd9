// The DSL dashboard: unreviewed incidents oldest first with the overdue ones counted,
// alerts unread for too long, and only for the DSL team.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import type { Database } from "../src/db/database.ts";
import { categories, groupMembers, groups, memberships } from "../src/db/schema/index.ts";
import { installDefaultTaxonomy } from "../src/roster/install-taxonomy.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn } from "./fixtures.ts";

let db: Database;
let app: FastifyInstance;
let dsl: Client;
let ta: Client;
let pupilId: string;
let wellbeing: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  const schoolId = await createSchool(db, "Dashboard Primary");
  await createPerson(db, { schoolId, email: "dsl@dash.example.org", roles: ["staff", "dsl"] });
  await createPerson(db, { schoolId, email: "ta@dash.example.org" });
  await db.owner(async (tx) => {
    await installDefaultTaxonomy(tx, schoolId);
    // The DSL joins the DSL team, which is alerted to every incident.
    const [team] = await tx.select().from(groups).where(sql`name = 'DSL team'`);
    const [m] = await tx.select().from(memberships).where(sql`roles @> array['dsl']`);
    await tx.insert(groupMembers).values({ schoolId, groupId: team!.id, membershipId: m!.id });
    const [c] = await tx.select().from(categories).where(sql`name = 'Wellbeing'`);
    wellbeing = c!.id;
    const [p] = await tx
      .execute(sql`insert into pupils (school_id, legal_first_name, legal_last_name, date_of_birth, sex)
      values (${schoolId}, 'Test', 'Child', '2018-01-01', 'F') returning id`)
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    pupilId = p!.id;
  });
  for (const email of ["dsl@dash.example.org", "ta@dash.example.org"]) {
    const client = await signIn(app, email);
    await app.inject({
      method: "POST",
      url: "/api/v1/agreement",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { version: "2026-09" },
    });
    if (email.startsWith("dsl")) dsl = client;
    else ta = client;
  }
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const add = async () =>
  (
    await app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      headers: { cookie: ta.cookie, "x-csrf-token": ta.csrfToken },
      payload: {
        pupilId,
        account: "Upset at drop-off.",
        categoryIds: [wellbeing],
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    })
  ).json() as { id: string; number: number };

const dashboard = (client: Client) =>
  app.inject({ method: "GET", url: "/api/v1/dashboard", headers: { cookie: client.cookie } });

describe("the DSL dashboard", () => {
  it("lists unreviewed incidents oldest first, counts the overdue, and drops reviewed ones", async () => {
    const old = await add();
    const fresh = await add();
    // As if the first had been recorded 30 hours ago.
    await db.owner((tx) =>
      tx.execute(
        sql`update incident_current set recorded_at = now() - interval '30 hours' where incident_id = ${old.id}`,
      ),
    );
    const before = (await dashboard(dsl)).json();
    expect(before.unreviewed).toMatchObject({ total: 2, overdue: 1 });
    expect(
      before.unreviewed.items.map((i: { number: number; overdue: boolean }) => [
        i.number,
        i.overdue,
      ]),
    ).toEqual([
      [old.number, true],
      [fresh.number, false],
    ]);
    await app.inject({
      method: "POST",
      url: `/api/v1/incidents/${old.id}/review`,
      headers: { cookie: dsl.cookie, "x-csrf-token": dsl.csrfToken },
    });
    expect((await dashboard(dsl)).json().unreviewed).toMatchObject({ total: 1, overdue: 0 });
  });

  it("chases alerts left unread for too long", async () => {
    const incident = await add();
    expect((await dashboard(dsl)).json().unreadAlertsOverdue.total).toBe(0);
    // As if the alert had been sent three days ago (alerts are append-only: the test
    // switches the guard off to age it).
    await db.owner(async (tx) => {
      await tx.execute(sql`alter table alerts disable trigger refuse_update_delete`);
      await tx.execute(
        sql`update alerts set sent_at = now() - interval '3 days' where incident_id = ${incident.id}`,
      );
      await tx.execute(sql`alter table alerts enable trigger refuse_update_delete`);
    });
    const chased = (await dashboard(dsl)).json().unreadAlertsOverdue;
    expect(chased.total).toBe(1);
    expect(chased.items[0].incidentNumber).toBe(incident.number);
    // The DSL opens it from the list: the incident's id (no action: the alert is the incident's).
    expect(chased.items[0]).toMatchObject({ incidentId: incident.id, actionId: null });
  });

  it("is for the DSL team only", async () => {
    expect((await dashboard(ta)).statusCode).toBe(403);
  });
});
