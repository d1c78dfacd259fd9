// Password reset by email. Asking always gets the same answer, so it does not tell whether
// an address has an account. The emailed link opens a page; opening it (GET) changes
// nothing — mail scanners follow links — and only the POST with a new password uses it
// up. A reset ends every session of the account and tells the owner. The second factor is
// untouched: the next sign-in still asks for it.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Database, onlyRow } from "../db/database.ts";
import { accounts, passwordResets, sessions } from "../db/schema/index.ts";
import { Problem, problems } from "../http/problem.ts";
import { enqueue } from "../jobs/outbox.ts";
import { hashPassword } from "./password.ts";
import { checkNewPassword } from "./password-policy.ts";
import { pairKey, recordFailure, waitBeforeAttempt } from "./throttle.ts";
import { hashToken, randomToken } from "./tokens.ts";
import { tooManyAttempts } from "./too-many-attempts.ts";

export const RESET_LIFETIME_MS = 60 * 60 * 1000;
export const RESET_ANSWER =
  "If that address has a Tessera account, we have sent it a link to choose a new password. The link works for one hour.";

const TokenParams = z.object({ token: z.string().min(1).max(200) });

function gone(): Problem {
  return new Problem(
    410,
    "link-gone",
    "This link no longer works",
    "This password reset link has been used or has expired. Ask for a new one from the sign-in page.",
  );
}

export const passwordResetRoutes =
  (db: Database, publicUrl?: string): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/v1/password-reset",
      {
        config: { public: true },
        schema: {
          summary:
            "Ask for a password reset link by email (the same answer whether or not the address has an account)",
          tags: ["session"],
          body: z.object({ email: z.string().trim().min(1).max(320) }),
          response: { 202: z.object({ message: z.string() }) },
        },
      },
      async (request, reply) => {
        const email = request.body.email.toLowerCase();
        // Asking is throttled per address and email, whether or not it has an account.
        const pair = pairKey(`password-reset:${email}`, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);
        const base = publicUrl ?? `${request.protocol}://${request.host}`;
        await db.global(async (tx) => {
          await recordFailure(tx, pair);
          const [account] = await tx
            .select({ id: accounts.id, active: accounts.active })
            .from(accounts)
            .where(sql`lower(${accounts.email}) = ${email}`);
          if (!account?.active) return;
          const token = randomToken();
          const reset = onlyRow(
            await tx
              .insert(passwordResets)
              .values({
                accountId: account.id,
                tokenHash: hashToken(token),
                expiresAt: new Date(Date.now() + RESET_LIFETIME_MS),
              })
              .returning({ id: passwordResets.id }),
            "the new reset link",
          );
          // The link's secret rides in the job's payload until the email is sent; the
          // table keeps only its hash.
          await enqueue(
            tx,
            "password-reset.link",
            { accountId: account.id, url: `${base}/reset-password/${token}` },
            { dedupeKey: `password-reset:${reset.id}` },
          );
        });
        return reply.status(202).send({ message: RESET_ANSWER });
      },
    );

    async function openReset(token: string) {
      const [reset] = await db.global((tx) =>
        tx
          .select({
            id: passwordResets.id,
            accountId: passwordResets.accountId,
            expiresAt: passwordResets.expiresAt,
            usedAt: passwordResets.usedAt,
            email: accounts.email,
            name: accounts.name,
            active: accounts.active,
          })
          .from(passwordResets)
          .innerJoin(accounts, eq(accounts.id, passwordResets.accountId))
          .where(eq(passwordResets.tokenHash, hashToken(token))),
      );
      if (!reset) {
        throw problems.notFound(
          "This is not a password reset link Tessera sent. Check it, or ask for a new one from the sign-in page.",
        );
      }
      if (reset.usedAt || reset.expiresAt.getTime() <= Date.now() || !reset.active) throw gone();
      return reset;
    }

    app.get(
      "/api/v1/password-reset/:token",
      {
        config: { public: true },
        schema: {
          summary: "Check a password reset link (opening it does not use it up)",
          tags: ["session"],
          params: TokenParams,
          response: { 200: z.object({ email: z.string(), expiresAt: z.date() }) },
        },
      },
      async (request) => {
        const reset = await openReset(request.params.token);
        return { email: reset.email, expiresAt: reset.expiresAt };
      },
    );

    app.post(
      "/api/v1/password-reset/:token",
      {
        config: { public: true },
        schema: {
          summary:
            "Choose a new password with a reset link: uses the link up and ends every session",
          tags: ["session"],
          params: TokenParams,
          body: z.object({ password: z.string().min(1).max(1000) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const reset = await openReset(request.params.token);
        const verdict = checkNewPassword(request.body.password, {
          personal: [reset.email, reset.email.split("@")[0] ?? "", ...reset.name.split(/\s+/)],
        });
        if (verdict.problems.length > 0) {
          throw problems.badRequest(
            "The new password cannot be used.",
            verdict.problems.map((message) => ({ path: "password", message })),
          );
        }
        const passwordHash = await hashPassword(request.body.password);
        const done = await db.global(async (tx) => {
          // Two tabs at once: only one finds the link unused.
          const used = await tx
            .update(passwordResets)
            .set({ usedAt: new Date() })
            .where(
              and(
                eq(passwordResets.id, reset.id),
                isNull(passwordResets.usedAt),
                gt(passwordResets.expiresAt, new Date()),
              ),
            )
            .returning({ id: passwordResets.id });
          if (used.length === 0) return false;
          // Any other link still out there dies with this one.
          await tx
            .update(passwordResets)
            .set({ usedAt: new Date() })
            .where(
              and(eq(passwordResets.accountId, reset.accountId), isNull(passwordResets.usedAt)),
            );
          await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, reset.accountId));
          // Whoever had the old password is signed out everywhere.
          await tx
            .update(sessions)
            .set({ revokedAt: new Date() })
            .where(and(eq(sessions.accountId, reset.accountId), isNull(sessions.revokedAt)));
          await enqueue(
            tx,
            "password-reset.done",
            { accountId: reset.accountId, address: request.ip },
            { dedupeKey: `password-reset.done:${reset.id}` },
          );
          return true;
        });
        if (!done) throw gone();
        return reply.status(204).send(null);
      },
    );
  };
