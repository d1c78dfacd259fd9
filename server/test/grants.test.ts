// A DSL gives and takes away access beyond roles; the change takes effect at once, is an
// audit event, and the DSL team is told by email.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, ensureDemo } from "../src/demo/demo-school.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, signIn } from "./fixtures.ts";
import { startSmtp, type TestSmtp, withoutSignInNotices } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
let dsl: Client;
let ta: Client;
let oakClassId: string;
let oakPupil: string;
let mapleClassId: string;

async function withCode(client: Client, step = 0) {
  await app.inject({
    method: "POST",
    url: "/api/v1/session/second-factor",
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    payload: { code: currentTotp(DEMO_TOTP_SECRET, Date.now() + step * 30_000) },
  });
  return client;
}

beforeAll(async () => {
  db = await freshDatabase("postgres");
  await ensureDemo(db);
  app = await buildApp({ db, webRoot: "/nonexistent" });
  smtp = await startSmtp();
  dsl = await withCode(await signIn(app, "dsl@demo.tessera.school", DEMO_PASSWORD));
  ta = await withCode(await signIn(app, "ta@demo.tessera.school", DEMO_PASSWORD));
  const rows = await db.owner((tx) =>
    queryRows<{ class_id: string; name: string; pupil_id: string }>(
      tx,
      sql`select c.id as class_id, c.name, min(p.id::text) as pupil_id from classes c
          join pupils p on p.school_id = c.school_id and p.class_id = c.id
          where c.name in ('Year 3 Oak', 'Year 3 Maple') group by c.id, c.name`,
    ),
  );
  const oak = rows.find((r) => r.name === "Year 3 Oak")!;
  oakClassId = oak.class_id;
  oakPupil = oak.pupil_id;
  mapleClassId = rows.find((r) => r.name === "Year 3 Maple")!.class_id;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

const send = (client: Client, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    ...(payload ? { payload } : {}),
  });

describe("grants", () => {
  it("give the TA a class's general records at once, and take them away at once", async () => {
    const taId = (ta.body.user as { id: string }).id;
    expect((await send(ta, "GET", `/api/v1/pupils/${oakPupil}`)).statusCode).toBe(403);

    const given = await send(dsl, "POST", "/api/v1/grants", {
      accountId: taId,
      scope: "classes",
      scopeIds: [oakClassId],
      areas: ["general"],
      reason: "1:1 support in Year 3 Oak this term",
    });
    expect(given.statusCode).toBe(201);
    const opened = await send(ta, "GET", `/api/v1/pupils/${oakPupil}`);
    expect(opened.statusCode).toBe(200);

    const list = (await send(dsl, "GET", "/api/v1/grants")).json().items;
    expect(list).toEqual([
      expect.objectContaining({
        accountId: taId,
        scope: "classes",
        scopeIds: [oakClassId],
        areas: ["general"],
      }),
    ]);

    expect((await send(dsl, "DELETE", `/api/v1/grants/${given.json().id}`)).statusCode).toBe(204);
    expect((await send(ta, "GET", `/api/v1/pupils/${oakPupil}`)).statusCode).toBe(403);
    expect((await send(dsl, "DELETE", `/api/v1/grants/${given.json().id}`)).statusCode).toBe(404);

    const events = await db.owner((tx) =>
      queryRows<{ type: string }>(
        tx,
        sql`select type from audit_events where type like 'grant.%' order by at`,
      ),
    );
    expect(events.map((e) => e.type)).toEqual(["grant.given", "grant.revoked"]);
  });

  it("tell the DSL team by email, with no pupil named", async () => {
    const before = smtp.messages.length;
    await runOutbox(
      db,
      jobHandlers(
        db,
        createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
        "https://t.example.org",
      ),
    );
    const mails = withoutSignInNotices(smtp.messages.slice(before));
    const to = mails.map((m) => (m.to && "text" in m.to ? m.to.text : "")).sort();
    // Given and revoked, each to the DSL and the deputy.
    expect(to).toEqual([
      "deputy@demo.tessera.school",
      "deputy@demo.tessera.school",
      "dsl@demo.tessera.school",
      "dsl@demo.tessera.school",
    ]);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "Access to pupil records was given in Demo Primary School",
      "Access to pupil records was given in Demo Primary School",
      "Access to pupil records was taken away in Demo Primary School",
      "Access to pupil records was taken away in Demo Primary School",
    ]);
  });

  it("refuse a scope that does not match, and say which field", async () => {
    const taId = (ta.body.user as { id: string }).id;
    const res = await send(dsl, "POST", "/api/v1/grants", {
      accountId: taId,
      scope: "year_groups",
      scopeIds: [mapleClassId],
      areas: ["general"],
      reason: "wrong kind of id",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("scopeIds");
    const noReason = await send(dsl, "POST", "/api/v1/grants", {
      accountId: taId,
      scope: "all",
      areas: ["general"],
      reason: "",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toEqual({
      path: "reason",
      message: "Say why this access is needed.",
    });
  });

  it("can only be given by a DSL", async () => {
    const head = await signIn(app, "head@demo.tessera.school", DEMO_PASSWORD);
    const res = await send(head, "POST", "/api/v1/grants", {
      accountId: (ta.body.user as { id: string }).id,
      scope: "all",
      areas: ["child_protection"],
      reason: "I am the head",
    });
    expect(res.statusCode).toBe(403);
    expect((await send(head, "GET", "/api/v1/grants")).statusCode).toBe(403);
  });
});
