// Jobs and email through a real SMTP server on loopback: the transactional outbox keeps a
// job exactly when its request committed, retries with backoff, and delivers at least
// once with a stable Message-ID; repeated sign-in failures reach the account's owner.
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Database, queryRows } from "../src/db/database.ts";
import { outbox } from "../src/db/schema/index.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { enqueue, MAX_ATTEMPTS, runOutbox } from "../src/jobs/outbox.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { freshDatabase } from "./databases.ts";
import { createPerson, createSchool, PASSWORD } from "./fixtures.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

let db: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
let ownerId: string;

beforeAll(async () => {
  db = await freshDatabase("postgres");
  app = await buildApp({ db, webRoot: "/nonexistent" });
  smtp = await startSmtp();
  const schoolId = await createSchool(db);
  ownerId = await createPerson(db, { schoolId, email: "owner@example.org" });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.close();
});

const handlers = () =>
  jobHandlers(
    db,
    createMailer({ smtpUrl: smtp.url, from: "Tessera <tessera@example.org>" }, () => {}),
    "https://tessera.example.org",
  );

describe("repeated sign-in failures", () => {
  it("email the account's owner once, with no password and a link to their account", async () => {
    const attempt = (password: string) =>
      app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: "owner@example.org", password },
        remoteAddress: "198.51.100.77",
      });
    // Waits between attempts are enforced, so make them due by ageing the failures.
    for (let i = 0; i < 7; i++) {
      await db.owner((tx) =>
        tx.execute(sql`update sign_in_failures set at = at - interval '1 minute'`),
      );
      const res = await attempt(`wrong guess ${i}`);
      expect(res.statusCode).toBe(401);
    }
    expect(await runOutbox(db, handlers())).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("owner@example.org");
    expect(mail.subject).toBe("Sign-in attempts to your Tessera account did not work");
    expect(mail.text).toContain("198.51.100.77");
    expect(mail.text).toContain("https://tessera.example.org/account");
    expect(mail.text).not.toContain("wrong guess");
    expect(mail.text).not.toContain(PASSWORD);
  });
});

describe("the outbox", () => {
  it("keeps no job from a transaction that rolled back", async () => {
    await db
      .global(async (tx) => {
        await enqueue(
          tx,
          "sign-in.failures",
          { accountId: ownerId, failures: 5, address: "x" },
          { dedupeKey: "rolled-back" },
        );
        throw new Error("the request failed");
      })
      .catch(() => undefined);
    const rows = await db.owner((tx) =>
      tx.select().from(outbox).where(eq(outbox.dedupeKey, "rolled-back")),
    );
    expect(rows).toEqual([]);
  });

  it("enqueues a job once per dedupe key", async () => {
    for (let i = 0; i < 3; i++) {
      await db.global((tx) =>
        enqueue(
          tx,
          "sign-in.failures",
          { accountId: ownerId, failures: 5, address: "x" },
          { dedupeKey: "once" },
        ),
      );
    }
    const rows = await db.owner((tx) =>
      tx.select().from(outbox).where(eq(outbox.dedupeKey, "once")),
    );
    expect(rows).toHaveLength(1);
    await runOutbox(db, handlers());
  });

  it("sends again, with the same Message-ID, when the worker died after sending", async () => {
    const before = smtp.messages.length;
    await db.global((tx) =>
      enqueue(
        tx,
        "sign-in.failures",
        { accountId: ownerId, failures: 5, address: "crash" },
        { dedupeKey: "crash" },
      ),
    );
    const real = handlers();
    // The send succeeds, then the process "dies" before the job is marked done.
    const crashing: typeof real = {
      ...real,
      "sign-in.failures": async (p, id) => {
        await real["sign-in.failures"](p, id);
        throw new Error("process stopped");
      },
    };
    await runOutbox(db, crashing);
    // Later (past the backoff), a healthy worker runs it again.
    await runOutbox(db, real, new Date(Date.now() + 60 * 60 * 1000));
    const sent = smtp.messages.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.messageId).toBe(sent[1]!.messageId);
  });

  it("retries with backoff while the mail server is down, then gives up visibly", async () => {
    await db.global((tx) =>
      enqueue(
        tx,
        "sign-in.failures",
        { accountId: ownerId, failures: 5, address: "down" },
        { dedupeKey: "down" },
      ),
    );
    const down = jobHandlers(
      db,
      createMailer(
        {
          smtpUrl: "smtp://127.0.0.1:1?ignoreTLS=true&connectionTimeout=500",
          from: "t@example.org",
        },
        () => {},
      ),
      "x",
    );
    let now = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await runOutbox(db, down, new Date(now));
      now += 2 * 60 * 60 * 1000;
    }
    const [job] = await db.owner((tx) =>
      tx.select().from(outbox).where(eq(outbox.dedupeKey, "down")),
    );
    expect(job!.attempts).toBe(MAX_ATTEMPTS);
    expect(job!.failedAt).not.toBeNull();
    expect(job!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(job!.doneAt).toBeNull();
    const [pending] = await db.owner((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from outbox where done_at is null and failed_at is null and dedupe_key = 'down'`,
      ),
    );
    expect(pending!.n).toBe(0);
  });
});
