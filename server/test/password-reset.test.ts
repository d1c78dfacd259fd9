// Password reset by email: the same answer for any address, a link that survives being
// opened and dies when used, once, within the hour; every session ends and the owner is
// told; the second factor is still asked for afterwards.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import type { Database } from "../src/db/database.ts";
import { queryRows } from "../src/db/database.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { freshDatabase } from "./databases.ts";
import { createPerson, createSchool, PASSWORD, signIn } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
const EMAIL = "reset.me@example.org";
const NEW_PASSWORD = "violet tractor umbrella harbour";

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent", publicUrl: "https://tessera.example.org" });
  smtp = await startSmtp();
  const schoolId = await createSchool(db);
  await createPerson(db, { schoolId, email: EMAIL, totp: true });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

async function deliver() {
  const before = smtp.messages.length;
  await runOutbox(
    db,
    jobHandlers(
      db,
      createMailer({ smtpUrl: smtp.url, from: "t@example.org" }, () => {}),
      "https://tessera.example.org",
    ),
  );
  return smtp.messages.slice(before);
}

function ask(email: string, ip = "192.0.2.50") {
  return app.inject({
    method: "POST",
    url: "/api/v1/password-reset",
    payload: { email },
    remoteAddress: ip,
  });
}

async function askForLink(ip?: string): Promise<string> {
  const res = await ask(EMAIL, ip);
  expect(res.statusCode).toBe(202);
  const mails = await deliver();
  expect(mails).toHaveLength(1);
  const link = mails[0]!.text!.match(/https:\/\/tessera\.example\.org\/reset-password\/(\S+)/);
  expect(link).not.toBeNull();
  return link![1]!;
}

const use = (token: string, password = NEW_PASSWORD) =>
  app.inject({ method: "POST", url: `/api/v1/password-reset/${token}`, payload: { password } });

describe("password reset", () => {
  it("answers the same for an unknown address and sends it nothing", async () => {
    const known = await ask(EMAIL, "192.0.2.60");
    const unknown = await ask("nobody@example.org", "192.0.2.60");
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    const mails = await deliver();
    expect(mails.map((m) => m.to && "text" in m.to && m.to.text)).toEqual([EMAIL]);
  });

  it("keeps the link when it is opened, uses it up on the POST, ends every session and tells the owner", async () => {
    const token = await askForLink();
    const first = await signIn(app, EMAIL);
    const second = await signIn(app, EMAIL, PASSWORD, "192.0.2.11");
    // Opened twice (a mail scanner, then the person): still good.
    for (let n = 0; n < 2; n++) {
      const opened = await app.inject({ method: "GET", url: `/api/v1/password-reset/${token}` });
      expect(opened.statusCode).toBe(200);
      expect(opened.json().email).toBe(EMAIL);
    }
    // A weak password is refused and does not use the link up.
    const weak = await use(token, "password1234");
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe("password");
    expect((await use(token)).statusCode).toBe(204);
    // Used once: gone, for opening and for using.
    const again = await use(token, "another long passphrase here");
    expect(again.statusCode).toBe(410);
    expect(again.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/password-reset/${token}` })).statusCode,
    ).toBe(410);
    // Every session ended.
    for (const client of [first, second]) {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/session",
        headers: { cookie: client.cookie },
      });
      expect(res.statusCode).toBe(401);
    }
    // The old password no longer works; the new one does, and the code is still asked for.
    const old = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: EMAIL, password: PASSWORD },
      remoteAddress: "192.0.2.70",
    });
    expect(old.statusCode).toBe(401);
    const fresh = await signIn(app, EMAIL, NEW_PASSWORD, "192.0.2.71");
    expect(fresh.body.secondFactor).toBe("required");
    // The owner is told, and no email carries a password.
    const mails = await deliver();
    expect(mails.map((m) => m.subject)).toEqual(["Your Tessera password was changed"]);
    expect(mails[0]!.text).not.toContain(NEW_PASSWORD);
    expect(mails[0]!.text).not.toContain(PASSWORD);
    // And the link's secret is no longer in the outbox.
    const payloads = await db.owner((tx) =>
      queryRows<{ payload: string }>(tx, sql`select payload::text from outbox`),
    );
    expect(payloads.some((p) => p.payload.includes(token))).toBe(false);
  });

  it("expires after an hour", async () => {
    const token = await askForLink("192.0.2.80");
    await db.owner((tx) =>
      tx.execute(
        sql`update password_resets set expires_at = now() - interval '1 second' where used_at is null`,
      ),
    );
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/password-reset/${token}` })).statusCode,
    ).toBe(410);
    expect((await use(token, "yet another long passphrase")).statusCode).toBe(410);
  });

  it("refuses a link it never sent with 404", async () => {
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/password-reset/nonsense" })).statusCode,
    ).toBe(404);
    expect((await use("nonsense")).statusCode).toBe(404);
  });

  it("slows down someone asking again and again, known address or not", async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++)
      statuses.push((await ask("nobody@example.org", "192.0.2.90")).statusCode);
    expect(statuses).toContain(429);
    await deliver();
  });

  it("sends mail carrying no password: only a link", async () => {
    const res = await ask(EMAIL, "192.0.2.95");
    expect(res.statusCode).toBe(202);
    const [mail] = await deliver();
    expect(mail!.subject).toBe("Choose a new Tessera password");
    for (const secret of [PASSWORD, NEW_PASSWORD]) expect(mail!.text).not.toContain(secret);
  });
});
