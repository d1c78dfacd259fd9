// The idle lock (seed 002: "The system will time out every 10 minutes of inactivity").
// The page locks itself after the school's idle time and tells the server, so a locked
// session can do nothing until the password is given again — not even from another tab.

import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { accounts } from "../db/schema/index.ts";
import { Problem } from "../http/problem.ts";
import { SESSION_COOKIE } from "./lifetimes.ts";
import { verifyPassword } from "./password.ts";
import { SessionBody, sessionBody } from "./session-body.ts";
import { loadSession, setLocked } from "./session-store.ts";
import { signedIn } from "./signed-in.ts";
import { clearFailures, pairKey, recordFailure, waitBeforeAttempt } from "./throttle.ts";
import { tooManyAttempts } from "./too-many-attempts.ts";

export const lockRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/v1/session/lock",
      {
        config: { whileLocked: true },
        schema: {
          summary: "Lock this session (the page idled or the person locked it)",
          tags: ["session"],
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await setLocked(db, signedIn(request).sessionId, true);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/session/unlock",
      {
        config: { whileLocked: true },
        schema: {
          summary: "Unlock this session with the password",
          tags: ["session"],
          body: z.object({ password: z.string().min(1).max(1000) }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const pair = pairKey(`unlock:${who.accountId}`, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);
        const [account] = await db.global((tx) =>
          tx.select().from(accounts).where(eq(accounts.id, who.accountId)),
        );
        if (
          !account?.passwordHash ||
          !(await verifyPassword(account.passwordHash, request.body.password))
        ) {
          await db.global((tx) => recordFailure(tx, pair));
          throw new Problem(400, "bad-request", "The password is not right", undefined, [
            { path: "password", message: "The password is not right." },
          ]);
        }
        await db.global((tx) => clearFailures(tx, pair));
        await setLocked(db, who.sessionId, false);
        const updated = await loadSession(db, request.cookies[SESSION_COOKIE] ?? "");
        if (!updated) throw new Problem(401, "not-signed-in", "You need to sign in");
        return sessionBody(updated);
      },
    );
  };
