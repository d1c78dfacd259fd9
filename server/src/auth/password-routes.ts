// Changing one's password, and the strength advice shown while typing a new one.
import { and, eq, isNull, ne } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { accounts, sessions } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { checkNewPassword } from "./password-policy.ts";
import { signedIn } from "./signed-in.ts";

const Verdict = z.object({
  problems: z.array(z.string()),
  score: z.number(),
  advice: z.array(z.string()),
});

export const passwordRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/v1/password-check",
      {
        // Used on invitation and reset pages before anyone is signed in. It reads and
        // stores nothing.
        config: { public: true },
        schema: {
          summary: "Advice on a new password while it is typed (nothing is stored)",
          tags: ["session"],
          body: z.object({ password: z.string().max(1000), email: z.string().max(320).optional() }),
          response: { 200: Verdict },
        },
      },
      async (request) =>
        checkNewPassword(request.body.password, {
          personal: request.body.email
            ? [request.body.email, request.body.email.split("@")[0] ?? ""]
            : [],
        }),
    );

    app.put(
      "/api/v1/session/password",
      {
        schema: {
          summary: "Change my password; my other sessions end",
          tags: ["session"],
          body: z.object({
            currentPassword: z.string().min(1).max(1000),
            newPassword: z.string().min(1).max(1000),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const [account] = await db.global((tx) =>
          tx.select().from(accounts).where(eq(accounts.id, who.accountId)),
        );
        if (
          !account?.passwordHash ||
          !(await verifyPassword(account.passwordHash, request.body.currentPassword))
        ) {
          throw problems.badRequest("The current password is not right.", [
            { path: "currentPassword", message: "This is not your current password." },
          ]);
        }
        const verdict = checkNewPassword(request.body.newPassword, {
          minLength: who.settings.minPasswordLength,
          personal: [
            account.email,
            account.email.split("@")[0] ?? "",
            ...account.name.split(/\s+/),
          ],
        });
        if (verdict.problems.length > 0) {
          throw problems.badRequest(
            "The new password cannot be used.",
            verdict.problems.map((message) => ({ path: "newPassword", message })),
          );
        }
        const passwordHash = await hashPassword(request.body.newPassword);
        await db.global(async (tx) => {
          await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, account.id));
          // Whoever else had the old password is signed out everywhere but here.
          await tx
            .update(sessions)
            .set({ revokedAt: new Date() })
            .where(
              and(
                eq(sessions.accountId, account.id),
                ne(sessions.id, who.sessionId),
                isNull(sessions.revokedAt),
              ),
            );
        });
        return reply.status(204).send(null);
      },
    );
  };
