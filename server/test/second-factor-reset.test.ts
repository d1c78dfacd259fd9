// Administrator-assisted recovery: a member of staff lost every second factor. An
// administrator (with their own second factor) resets it: the app and keys are gone, every
// session ends, the next sign-in enrols again; each member of the DSL team gets one email
// saying who reset whose account and when (nothing else), the person too; it is audited.
// A teacher cannot, an administrator without a second factor cannot, nobody resets their
// own, and only the DSL team may reset a DSL's.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { currentTotp } from "../src/auth/totp.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { freshDatabase } from "./databases.ts";
import { type Client, createPerson, createSchool, signIn, TOTP_SECRET } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";
import { SoftAuthenticator } from "./soft-authenticator.ts";

const ORIGIN = "https://tessera.example.org";
// A reason that names a child: it must stay in the audit log, never in an email.
const REASON = "Lost phone and keys on the trip with Amelia Pond; identity checked in person";
let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
const ids: Record<string, string> = {};
const as: Record<string, Client> = {};

async function withCode(email: string): Promise<Client> {
  const client = await signIn(app, email);
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/session/second-factor",
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    payload: { code: currentTotp(TOTP_SECRET) },
  });
  expect(res.statusCode).toBe(200);
  return client;
}

function send(client: Client, method: "GET" | "POST" | "DELETE", url: string, payload?: object) {
  return app.inject({
    method,
    url,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    ...(payload ? { payload } : {}),
  });
}

const reset = (client: Client, who: string, reason = REASON) =>
  send(client, "POST", `/api/v1/staff/${ids[who]}/second-factor-reset`, { reason });

async function deliver() {
  const before = smtp.messages.length;
  await runOutbox(
    db,
    jobHandlers(
      db,
      createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
      ORIGIN,
    ),
  );
  return smtp.messages.slice(before);
}
const recipient = (m: { to?: unknown }) => (m.to as { text: string } | undefined)?.text ?? "(none)";

const passkey = new SoftAuthenticator(ORIGIN, { discoverable: true });

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent", publicUrl: ORIGIN });
  smtp = await startSmtp();
  const schoolId = await createSchool(db);
  const people = {
    admin: ["administrator"],
    admin2: ["administrator"],
    dsl: ["dsl"],
    deputy: ["deputy_dsl"],
    teacher: ["staff"],
    lost: ["staff"],
  } as const;
  for (const [who, roles] of Object.entries(people)) {
    ids[who] = await createPerson(db, {
      schoolId,
      email: `${who}@example.org`,
      roles: [...roles],
      totp: true,
    });
    as[who] = await withCode(`${who}@example.org`);
    const { version } = (await send(as[who]!, "GET", "/api/v1/agreement")).json();
    expect((await send(as[who]!, "POST", "/api/v1/agreement", { version })).statusCode).toBe(204);
  }
  // The person who will lose everything also has a passkey.
  const options = await send(as.lost!, "POST", "/api/v1/session/security-keys/options", {
    passkey: true,
  });
  const added = await send(as.lost!, "POST", "/api/v1/session/security-keys", {
    name: "Phone passkey",
    passkey: true,
    response: passkey.register(options.json()),
  });
  expect(added.statusCode).toBe(201);
  await deliver(); // the new-device notices of the sign-ins above
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

describe("administrator-assisted second-factor reset", () => {
  it("is refused to a teacher, to an administrator without a second factor, and for oneself", async () => {
    expect((await reset(as.teacher!, "lost")).statusCode).toBe(403);
    const noCode = await signIn(app, "admin@example.org");
    const res = await reset(noCode, "lost");
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toMatch(/second-factor-required$/);
    expect((await reset(as.admin!, "admin")).statusCode).toBe(403);
    expect(await deliver()).toHaveLength(0);
  });

  it("asks for a reason", async () => {
    expect((await reset(as.admin!, "lost", "   ")).statusCode).toBe(400);
  });

  it("removes the app and keys, ends every session, and the person enrols again", async () => {
    const res = await reset(as.admin!, "lost");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      keysRemoved: 1,
      authenticatorAppRemoved: true,
      sessionsEnded: 1,
    });
    // Their open session is over.
    expect((await send(as.lost!, "GET", "/api/v1/session")).statusCode).toBe(401);
    // The passkey no longer signs in.
    const options = await app.inject({ method: "POST", url: "/api/v1/session/passkey/options" });
    const cookie = options.cookies.find((c) => c.name === "tessera_passkey")!;
    const refused = await app.inject({
      method: "POST",
      url: "/api/v1/session/passkey",
      headers: { cookie: `tessera_passkey=${cookie.value}` },
      payload: { response: passkey.assert(options.json()) },
    });
    expect(refused.statusCode).toBe(401);
    // With the password, nothing is asked but to set a factor up again.
    const again = await signIn(app, "lost@example.org");
    expect(again.body).toMatchObject({
      secondFactorEnrolled: false,
      authenticatorApp: false,
      securityKeys: 0,
    });
    const oldCode = await send(again, "POST", "/api/v1/session/second-factor", {
      code: currentTotp(TOTP_SECRET, Date.now() + 30_000),
    });
    expect(oldCode.statusCode).toBe(400);

    const [event] = await db.owner((tx) =>
      queryRows<{ account_id: string; payload: { accountId: string; reason: string } }>(
        tx,
        sql`select account_id, payload from audit_events where type = 'staff.second-factor-reset'`,
      ),
    );
    expect(event?.account_id).toBe(ids.admin);
    expect(event?.payload).toMatchObject({ accountId: ids.lost, reason: REASON });
  });

  it("emails each member of the DSL team once, and the person, with no pupil data", async () => {
    const mails = await deliver();
    const byRecipient = mails.map(recipient).sort();
    // The new-device notice of the person's sign-in above, then the reset emails.
    const resetMails = mails.filter((m) => /reset/i.test(m.subject ?? ""));
    expect(resetMails.map(recipient).sort()).toEqual([
      "deputy@example.org",
      "dsl@example.org",
      "lost@example.org",
    ]);
    expect(byRecipient.filter((r) => r === "dsl@example.org")).toHaveLength(1);
    for (const mail of resetMails) {
      expect(mail.text).toContain("admin");
      expect(mail.text).not.toContain("Amelia");
      expect(mail.text).not.toContain("Pond");
      expect(mail.text).not.toContain("trip");
    }
    const team = resetMails.find((m) => recipient(m) === "dsl@example.org")!;
    expect(team.subject).toBe("admin reset the second factor of lost in Tessera");
    expect(team.text).toMatch(/\d{1,2} \w+ \d{4}/);
  });

  it("lets only the DSL team reset a DSL's second factor", async () => {
    // The staff list offers the button by the same rule: not for a DSL, not for oneself.
    const offered = async (viewer: string) =>
      Object.fromEntries(
        (
          (await send(as[viewer]!, "GET", "/api/v1/staff/members")).json().items as {
            email: string;
            canResetSecondFactor: boolean;
          }[]
        ).map((m) => [m.email.split("@")[0], m.canResetSecondFactor]),
      );
    expect(await offered("admin")).toMatchObject({ dsl: false, admin: false, teacher: true });
    expect(await offered("deputy")).toMatchObject({ dsl: true, deputy: false, teacher: true });
    const refused = await reset(as.admin!, "dsl");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/DSL team/);
    expect((await reset(as.admin!, "admin2")).statusCode).toBe(200);
    expect((await reset(as.deputy!, "dsl")).statusCode).toBe(200);
    expect((await send(as.dsl!, "GET", "/api/v1/session")).statusCode).toBe(401);
  });

  it("answers 404 for someone who is not staff of this school", async () => {
    const outsider = await createPerson(db, { email: "outsider@example.org", totp: true });
    const res = await send(as.deputy!, "POST", `/api/v1/staff/${outsider}/second-factor-reset`, {
      reason: "wrong person",
    });
    expect(res.statusCode).toBe(404);
  });
});
