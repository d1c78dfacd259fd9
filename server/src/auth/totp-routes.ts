// Setting up an authenticator app (TOTP) and using a recovery code instead of it.
import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { accounts, sessions } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { noteSignIn } from "./known-devices.ts";
import { SESSION_COOKIE } from "./lifetimes.ts";
import { issueRecoveryCodes, useRecoveryCode } from "./recovery-codes.ts";
import { SessionBody, sessionBody } from "./session-body.ts";
import { loadSession } from "./session-store.ts";
import { signedIn } from "./signed-in.ts";
import { clearFailures, pairKey, recordFailure, waitBeforeAttempt } from "./throttle.ts";
import { tooManyAttempts } from "./too-many-attempts.ts";
import { verifyTotp } from "./totp.ts";

export const totpRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/v1/session/totp",
      {
        schema: {
          summary: "Start setting up an authenticator app: a new secret, as text and QR code",
          tags: ["session"],
          response: {
            200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }),
          },
        },
      },
      async (request) => {
        const who = signedIn(request);
        // Replacing an authenticator needs the current one (or a recovery code) first.
        if (who.secondFactorEnrolled && who.secondFactor !== "satisfied") {
          throw problems.forbidden("Enter a code from your current authenticator first.");
        }
        const secret = new Secret({ size: 20 });
        const totp = new TOTP({ issuer: "Tessera", label: who.email, secret });
        await db.global((tx) =>
          tx
            .update(accounts)
            .set({ totpPendingSecret: secret.base32 })
            .where(eq(accounts.id, who.accountId)),
        );
        const otpauthUri = totp.toString();
        const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", margin: 2 });
        return { secret: secret.base32, otpauthUri, qrSvg };
      },
    );

    app.post(
      "/api/v1/session/totp/confirm",
      {
        schema: {
          summary:
            "Finish setting up the authenticator with a code from it; returns recovery codes once",
          tags: ["session"],
          body: z.object({ code: z.string().trim().min(1).max(20) }),
          response: { 200: z.object({ recoveryCodes: z.array(z.string()), session: SessionBody }) },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const codes = await db.global(async (tx) => {
          const [account] = await tx.select().from(accounts).where(eq(accounts.id, who.accountId));
          if (!account?.totpPendingSecret) return "none" as const;
          const step = verifyTotp(account.totpPendingSecret, request.body.code, null);
          if (step === null) return "wrong" as const;
          await tx
            .update(accounts)
            .set({
              totpSecret: account.totpPendingSecret,
              totpPendingSecret: null,
              totpLastStep: step,
            })
            .where(eq(accounts.id, account.id));
          await tx
            .update(sessions)
            .set({ secondFactorAt: new Date() })
            .where(eq(sessions.id, who.sessionId));
          return issueRecoveryCodes(tx, account.id);
        });
        if (codes === "none")
          throw problems.badRequest("Start setting up the authenticator first.");
        if (codes === "wrong") {
          throw problems.badRequest("The code is not right.", [
            { path: "code", message: "Enter the 6-digit code the app shows now." },
          ]);
        }
        const updated = await loadSession(db, request.cookies[SESSION_COOKIE] ?? "");
        if (!updated) throw problems.notSignedIn();
        await noteSignIn(db, request, reply, updated);
        return { recoveryCodes: codes, session: sessionBody(updated) };
      },
    );

    app.post(
      "/api/v1/session/recovery-code",
      {
        schema: {
          summary: "Satisfy the second factor with a recovery code (each works once)",
          tags: ["session"],
          body: z.object({ code: z.string().trim().min(1).max(40) }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const pair = pairKey(`recovery:${who.accountId}`, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);
        const ok = await db.global(async (tx) => {
          if (!(await useRecoveryCode(tx, who.accountId, request.body.code))) return false;
          await tx
            .update(sessions)
            .set({ secondFactorAt: new Date() })
            .where(eq(sessions.id, who.sessionId));
          return true;
        });
        if (!ok) {
          await db.global((tx) => recordFailure(tx, pair));
          throw problems.badRequest("The recovery code is not right.", [
            { path: "code", message: "This code is not right, or it has been used already." },
          ]);
        }
        await db.global((tx) => clearFailures(tx, pair));
        const updated = await loadSession(db, request.cookies[SESSION_COOKIE] ?? "");
        if (!updated) throw problems.notSignedIn();
        await noteSignIn(db, request, reply, updated);
        return sessionBody(updated);
      },
    );
  };
