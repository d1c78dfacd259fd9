// The review deadline (seed 004 §5) under the school's calendar, the settings that set
// it, and the overdue digest email: counts only, to each of the DSL team, once a day.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { loadOverdue } from "../src/dashboard/overdue.ts";
import { enqueueOverdueDigests } from "../src/dashboard/overdue-digest.ts";
import type { Database } from "../src/db/database.ts";
import { categories } from "../src/db/schema/index.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { installDefaultTaxonomy } from "../src/roster/install-taxonomy.ts";
import { readSchoolSettings } from "../src/roster/school-settings.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn, TOTP_SECRET } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
let schoolId: string;
let admin: Client;
let ta: Client;
let pupilId: string;
let wellbeing: string;

// Friday 13 November 2026, 16:00 in London.
const FRIDAY = new Date("2026-11-13T16:00:00Z");
const SUNDAY_EVENING = new Date("2026-11-15T20:00:00Z");
const MONDAY_EVENING = new Date("2026-11-16T17:00:00Z");

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  smtp = await startSmtp();
  schoolId = await createSchool(db, "Deadline Primary");
  await createPerson(db, { schoolId, email: "dsl@deadline.example.org", roles: ["staff", "dsl"] });
  await createPerson(db, {
    schoolId,
    email: "deputy@deadline.example.org",
    roles: ["staff", "deputy_dsl"],
  });
  await createPerson(db, {
    schoolId,
    email: "office@deadline.example.org",
    roles: ["administrator"],
    totp: true,
  });
  await createPerson(db, { schoolId, email: "ta@deadline.example.org" });
  await db.owner(async (tx) => {
    await installDefaultTaxonomy(tx, schoolId);
    const [c] = await tx.select().from(categories).where(sql`name = 'Wellbeing'`);
    wellbeing = c!.id;
    const rows =
      await tx.execute(sql`insert into pupils (school_id, legal_first_name, legal_last_name, date_of_birth, sex)
      values (${schoolId}, 'Zebedee', 'Quartermain', '2018-01-01', 'M') returning id`);
    pupilId = (rows as unknown as { rows: { id: string }[] }).rows[0]!.id;
  });
  const accept = (client: Client) =>
    app.inject({
      method: "POST",
      url: "/api/v1/agreement",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      payload: { version: "2026-09" },
    });
  ta = await signIn(app, "ta@deadline.example.org");
  await accept(ta);
  admin = await signIn(app, "office@deadline.example.org");
  await app.inject({
    method: "POST",
    url: "/api/v1/session/second-factor",
    headers: { cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
    payload: { code: currentTotp(TOTP_SECRET) },
  });
  await accept(admin);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

async function incidentRecordedAt(at: Date): Promise<{ id: string; number: number }> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/incidents",
    headers: { cookie: ta.cookie, "x-csrf-token": ta.csrfToken },
    payload: {
      pupilId,
      account: "Zebedee said he had not eaten since yesterday.",
      categoryIds: [wellbeing],
      occurredAt: new Date(at.getTime() - 60_000).toISOString(),
    },
  });
  expect(res.statusCode).toBe(201);
  const created = res.json() as { id: string; number: number };
  // The server stamps recorded_at itself; the test moves the current-state row back.
  await db.owner((tx) =>
    tx.execute(
      sql`update incident_current set recorded_at = ${at.toISOString()}::timestamptz where incident_id = ${created.id}`,
    ),
  );
  return created;
}

const putSettings = (client: Client, payload: object) =>
  app.inject({
    method: "PUT",
    url: "/api/v1/settings/review",
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    payload,
  });

async function settings() {
  const [row] = await db
    .owner((tx) => tx.execute(sql`select settings from schools where id = ${schoolId}`))
    .then((r) => (r as unknown as { rows: { settings: unknown }[] }).rows);
  return readSchoolSettings(row!.settings);
}

describe("the review deadline", () => {
  it("is overdue over a weekend by clock hours, and not when the school leaves weekends out", async () => {
    const friday = await incidentRecordedAt(FRIDAY);
    const overdueOn = async (now: Date) =>
      db.owner(async (tx) => {
        const found = await loadOverdue(tx, schoolId, await settings(), now);
        return found.unreviewed.items.find((i) => i.id === friday.id)!;
      });

    expect((await settings()).reviewCalendar.counting).toBe("clock");
    const byClock = await overdueOn(SUNDAY_EVENING);
    expect(byClock.overdue).toBe(true);
    expect(byClock.dueAt.toISOString()).toBe("2026-11-14T16:00:00.000Z");

    const saved = await putSettings(admin, {
      reviewWithinHours: 24,
      unreadAlertHours: 48,
      counting: "school-days",
      holidays: [{ name: "Staff training day", from: "2026-11-16", to: "2026-11-16" }],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ counting: "school-days" });

    const bySchoolDays = await overdueOn(SUNDAY_EVENING);
    expect(bySchoolDays.overdue).toBe(false);
    // The training day on Monday does not count either: due on Tuesday afternoon.
    expect(bySchoolDays.dueAt.toISOString()).toBe("2026-11-17T16:00:00.000Z");
    expect((await overdueOn(MONDAY_EVENING)).overdue).toBe(false);
    expect((await overdueOn(new Date("2026-11-17T16:30:00Z"))).overdue).toBe(true);

    // Back to clock hours for the other tests.
    await putSettings(admin, {
      reviewWithinHours: 24,
      unreadAlertHours: 48,
      counting: "clock",
      holidays: [],
    });
  });

  it("refuses a holiday that ends before it starts, saying which field", async () => {
    const res = await putSettings(admin, {
      reviewWithinHours: 24,
      unreadAlertHours: 48,
      counting: "school-days",
      holidays: [{ name: "Half term", from: "2026-10-30", to: "2026-10-26" }],
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain("must end on or after");
    expect((await settings()).reviewCalendar.counting).toBe("clock");
  });

  it("is changed only by the administrator or the DSL team", async () => {
    const res = await putSettings(ta, {
      reviewWithinHours: 1,
      unreadAlertHours: 1,
      counting: "clock",
      holidays: [],
    });
    expect(res.statusCode).toBe(403);
    expect((await settings()).reviewWithinHours).toBe(24);
  });
});

describe("the overdue digest", () => {
  it("emails each of the DSL team once a day, with counts and a link but no pupil or account", async () => {
    await incidentRecordedAt(new Date(Date.now() - 30 * 3_600_000));
    const handlers = jobHandlers(
      db,
      createMailer({ smtpUrl: smtp.url, from: "Tessera <tessera@example.org>" }, () => {}),
      "https://tessera.example.org",
    );
    await enqueueOverdueDigests(db);
    // The check runs every ten minutes: the same day adds nothing more.
    await enqueueOverdueDigests(db);
    await runOutbox(db, handlers);
    const digests = smtp.messages.filter(
      (m) => m.subject === "Tessera: safeguarding work is overdue",
    );
    expect(digests.map((m) => m.to && "text" in m.to && m.to.text).sort()).toEqual([
      "deputy@deadline.example.org",
      "dsl@deadline.example.org",
    ]);
    const text = `${digests[0]!.text}\n${digests[0]!.html || ""}`;
    expect(text).toMatch(
      /\d+ incidents? (has|have) not been reviewed within the school's deadline/,
    );
    expect(text).toContain("https://tessera.example.org/");
    for (const secret of ["Zebedee", "Quartermain", "not eaten", "Wellbeing"]) {
      expect(text).not.toContain(secret);
    }
  });
});
