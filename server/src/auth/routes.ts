// Sign in, sign out, the second factor, switching school, and "my sessions".
import { eq, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { accounts, sessions } from "../db/schema/index.ts";
import { Problem, problems } from "../http/problem.ts";
import { enqueue } from "../jobs/outbox.ts";
import { refusePasswordWhereSsoOnly } from "../sso/password-gate.ts";
import { noteSignIn } from "./known-devices.ts";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "./lifetimes.ts";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password.ts";
import { SessionBody, sessionBody } from "./session-body.ts";
import {
  createSession,
  idleBeyondLock,
  listSessions,
  loadSession,
  revokeOwnSessions,
  revokeSession,
  setCurrentSchool,
  setLocked,
} from "./session-store.ts";
import { signedIn } from "./signed-in.ts";
import {
  clearFailures,
  NOTIFY_OWNER_AFTER,
  pairKey,
  recordFailure,
  WINDOW_MS,
  waitBeforeAttempt,
} from "./throttle.ts";
import { tooManyAttempts } from "./too-many-attempts.ts";
import { verifyTotp } from "./totp.ts";

const WRONG = "The email address or password is not right.";

export const authRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: request.protocol === "https",
        maxAge: SESSION_ABSOLUTE_MS / 1000,
      });

    app.post(
      "/api/v1/session",
      {
        config: { public: true },
        schema: {
          summary: "Sign in with email and password",
          tags: ["session"],
          body: z.object({
            email: z.string().trim().min(1).max(320),
            password: z.string().min(1).max(1000),
          }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        const pair = pairKey(email, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);

        const [account] = await db.global((tx) =>
          tx.select().from(accounts).where(sql`lower(${accounts.email}) = ${email.toLowerCase()}`),
        );
        // An unknown email costs the same hash check as a wrong password, so the answer
        // and its timing do not tell whether the address has an account.
        const ok = await verifyPassword(account?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
        if (!account || !ok || !account.active) {
          await db.global(async (tx) => {
            const failures = await recordFailure(tx, pair);
            // The owner hears of repeated failures once per pair and window: enough to
            // notice an attack, not enough to flood their inbox.
            if (account && failures === NOTIFY_OWNER_AFTER) {
              await enqueue(
                tx,
                "sign-in.failures",
                { accountId: account.id, failures, address: request.ip },
                { dedupeKey: `sign-in.failures:${pair}:${Math.floor(Date.now() / WINDOW_MS)}` },
              );
            }
          });
          throw new Problem(401, "sign-in-failed", "Sign-in did not work", WRONG);
        }
        await db.global((tx) => clearFailures(tx, pair));
        await refusePasswordWhereSsoOnly(db, account.id);
        const { token } = await createSession(db, account.id, request.headers["user-agent"]);
        setCookie(request, reply, token);
        const who = await loadSession(db, token);
        if (!who) throw problems.notSignedIn();
        await noteSignIn(db, request, reply, who);
        return sessionBody(who);
      },
    );

    app.get(
      "/api/v1/session",
      {
        config: { whileLocked: true },
        schema: {
          summary: "The current session",
          tags: ["session"],
          response: { 200: SessionBody },
        },
      },
      async (request) => {
        const who = signedIn(request);
        if (idleBeyondLock(who)) {
          await setLocked(db, who.sessionId, true);
          return sessionBody({ ...who, locked: true });
        }
        return sessionBody(who);
      },
    );

    app.delete(
      "/api/v1/session",
      {
        config: { whileLocked: true },
        schema: { summary: "Sign out", tags: ["session"], response: { 204: z.null() } },
      },
      async (request, reply) => {
        await revokeSession(db, signedIn(request).sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/session/second-factor",
      {
        schema: {
          summary: "Satisfy the second factor (TOTP code) for this session",
          tags: ["session"],
          body: z.object({ code: z.string().trim().min(1).max(20) }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const pair = pairKey(`second-factor:${who.accountId}`, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);
        const accepted = await db.global(async (tx) => {
          const [account] = await tx.select().from(accounts).where(eq(accounts.id, who.accountId));
          if (!account?.totpSecret) return "not-enrolled" as const;
          const step = verifyTotp(account.totpSecret, request.body.code, account.totpLastStep);
          if (step === null) return "wrong" as const;
          // Replay protection: the step is used up whichever session used it.
          await tx.update(accounts).set({ totpLastStep: step }).where(eq(accounts.id, account.id));
          await tx
            .update(sessions)
            .set({ secondFactorAt: new Date() })
            .where(eq(sessions.id, who.sessionId));
          return "ok" as const;
        });
        if (accepted === "not-enrolled") {
          throw problems.badRequest("You have not set up an authenticator app yet.");
        }
        if (accepted === "wrong") {
          await db.global((tx) => recordFailure(tx, pair));
          throw problems.badRequest("The code is not right.", [
            {
              path: "code",
              message:
                "Enter the 6-digit code your authenticator app shows now. Each code works once.",
            },
          ]);
        }
        await db.global((tx) => clearFailures(tx, pair));
        const token = request.cookies[SESSION_COOKIE] ?? "";
        const updated = await loadSession(db, token);
        if (!updated) throw problems.notSignedIn();
        await noteSignIn(db, request, reply, updated);
        return sessionBody(updated);
      },
    );

    app.put(
      "/api/v1/session/school",
      {
        schema: {
          summary: "Switch the current school",
          tags: ["session"],
          body: z.object({ schoolId: z.uuid() }),
          response: { 200: SessionBody },
        },
      },
      async (request) => {
        const who = signedIn(request);
        if (!who.schools.some((s) => s.id === request.body.schoolId)) {
          throw problems.forbidden("You do not work in that school.");
        }
        await setCurrentSchool(db, who.sessionId, request.body.schoolId);
        const updated = await loadSession(db, request.cookies[SESSION_COOKIE] ?? "");
        if (!updated) throw problems.notSignedIn();
        return sessionBody(updated);
      },
    );

    app.get(
      "/api/v1/sessions",
      {
        schema: {
          summary: "My signed-in sessions",
          tags: ["session"],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  createdAt: z.date(),
                  lastSeenAt: z.date(),
                  userAgent: z.string().nullable(),
                  current: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = signedIn(request);
        const rows = await listSessions(db, who.accountId);
        return { items: rows.map((r) => ({ ...r, current: r.id === who.sessionId })) };
      },
    );

    app.delete(
      "/api/v1/sessions/:id",
      {
        schema: {
          summary: "End one of my sessions (a lost phone, a shared computer)",
          tags: ["session"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const n = await revokeOwnSessions(db, who.accountId, [request.params.id]);
        if (n === 0) throw problems.notFound();
        return reply.status(204).send(null);
      },
    );
  };
