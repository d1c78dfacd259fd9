// Failures are visible to the administrator: an alert email the outbox could not send
// after every retry is listed with its error, and once the mail server is mended the
// administrator tries it again and it arrives.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import type { Database } from "../src/db/database.ts";
import { categories, groupMembers, groups, memberships } from "../src/db/schema/index.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { MAX_ATTEMPTS, runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { installDefaultTaxonomy } from "../src/roster/install-taxonomy.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
let admin: Client;
let ta: Client;
let pupilId: string;
let wellbeing: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  smtp = await startSmtp();
  const schoolId = await createSchool(db, "Delivery Primary");
  await createPerson(db, { schoolId, email: "dsl@delivery.example.org", roles: ["staff", "dsl"] });
  await createPerson(db, {
    schoolId,
    email: "office@delivery.example.org",
    roles: ["administrator"],
  });
  await createPerson(db, { schoolId, email: "ta@delivery.example.org" });
  await db.owner(async (tx) => {
    await installDefaultTaxonomy(tx, schoolId);
    const [team] = await tx.select().from(groups).where(sql`name = 'DSL team'`);
    const [m] = await tx.select().from(memberships).where(sql`roles @> array['dsl']`);
    await tx.insert(groupMembers).values({ schoolId, groupId: team!.id, membershipId: m!.id });
    const [c] = await tx.select().from(categories).where(sql`name = 'Wellbeing'`);
    wellbeing = c!.id;
    const result =
      await tx.execute(sql`insert into pupils (school_id, legal_first_name, legal_last_name, date_of_birth, sex)
      values (${schoolId}, 'Test', 'Child', '2018-01-01', 'F') returning id`);
    pupilId = (result as unknown as { rows: { id: string }[] }).rows[0]!.id;
  });
  for (const email of ["office@delivery.example.org", "ta@delivery.example.org"]) {
    const client = await signIn(app, email);
    await app.inject({
      method: "POST",
      url: "/api/v1/agreement",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { version: "2026-09" },
    });
    if (email.startsWith("office")) admin = client;
    else ta = client;
  }
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

const list = (client: Client) =>
  app.inject({ method: "GET", url: "/api/v1/email-delivery", headers: { cookie: client.cookie } });

describe("email delivery", () => {
  it("lists an alert email that failed after every retry, and sends it when tried again", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      headers: { cookie: ta.cookie, "x-csrf-token": ta.csrfToken },
      payload: {
        pupilId,
        account: "Upset at drop-off.",
        categoryIds: [wellbeing],
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(created.statusCode).toBe(201);
    const down = jobHandlers(
      db,
      createMailer(
        {
          smtpUrl: "smtp://127.0.0.1:1?ignoreTLS=true&connectionTimeout=500",
          from: "t@example.org",
        },
        () => {},
      ),
      "https://tessera.example.org",
    );
    let now = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await runOutbox(db, down, new Date(now));
      now += 2 * 60 * 60 * 1000;
    }
    const failed = (await list(admin)).json().items as {
      id: string;
      label: string;
      state: string;
      lastError: string;
    }[];
    expect(failed).toEqual([
      expect.objectContaining({
        label: "Alert email",
        state: "failed",
        lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
      }),
    ]);
    expect((await list(ta)).statusCode).toBe(403);

    const retry = await app.inject({
      method: "POST",
      url: `/api/v1/email-delivery/${failed[0]!.id}/retry`,
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
    });
    expect(retry.statusCode).toBe(204);
    const working = jobHandlers(
      db,
      createMailer({ smtpUrl: smtp.url, from: "Tessera <tessera@example.org>" }, () => {}),
      "https://tessera.example.org",
    );
    await runOutbox(db, working);
    expect(smtp.messages.map((m) => m.subject)).toContain("Tessera alert from ta");
    expect((await list(admin)).json().items).toEqual([]);
  });
});
