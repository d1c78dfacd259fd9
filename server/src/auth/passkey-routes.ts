// Passwordless sign-in with a passkey. The browser is asked for any discoverable
// credential of ours (empty allowCredentials: the person does not type an email), the
// answer names the credential, and only a key registered as a passkey, not removed, on
// an active account, with user verification, signs in.
//
// Why one passkey counts as both factors: the private key never leaves the authenticator
// (something the person has), and "user verification required" means the authenticator
// checked a PIN or biometric before signing (something they know or are). That is the
// same two factors as a password plus a security key, in one gesture; the session is
// fully signed in, and the agreement and training steps still apply as after any sign-in.
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { audit } from "../audit/audit-events.ts";
import type { Database } from "../db/database.ts";
import {
  accounts,
  memberships,
  passkeyChallenges,
  sessions,
  webauthnCredentials,
} from "../db/schema/index.ts";
import { Problem } from "../http/problem.ts";
import { noteSignIn } from "./known-devices.ts";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "./lifetimes.ts";
import { SessionBody, sessionBody } from "./session-body.ts";
import { createSession, loadSession } from "./session-store.ts";
import { clearFailures, pairKey, recordFailure, waitBeforeAttempt } from "./throttle.ts";
import { hashToken, randomToken } from "./tokens.ts";
import { tooManyAttempts } from "./too-many-attempts.ts";
import { AuthenticationResponse } from "./webauthn-answers.ts";
import { relyingParty } from "./webauthn-party.ts";

const CHALLENGE_MS = 5 * 60 * 1000;
const CHALLENGE_COOKIE = "tessera_passkey";
const CHALLENGE_PATH = "/api/v1/session/passkey";
// One answer for every refusal, so it does not tell whether a credential is known, was
// removed, or belongs to a deactivated account.
const REFUSED = new Problem(
  401,
  "sign-in-failed",
  "Sign-in did not work",
  "That passkey did not sign you in. It may have been removed, or it is not set up as a passkey for Tessera: sign in with your email and password instead.",
);

export const passkeyRoutes =
  (db: Database, publicUrl?: string): FastifyPluginAsyncZod =>
  async (app) => {
    const party = (request: FastifyRequest) =>
      relyingParty(publicUrl ?? `${request.protocol}://${request.host}`);

    app.post(
      "/api/v1/session/passkey/options",
      {
        config: { public: true },
        schema: {
          summary: "Start signing in with a passkey, without a password (WebAuthn request options)",
          tags: ["session"],
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request, reply) => {
        const options = await generateAuthenticationOptions({
          rpID: party(request).id,
          allowCredentials: [],
          userVerification: "required",
          timeout: CHALLENGE_MS,
        });
        const token = randomToken();
        const now = Date.now();
        await db.global(async (tx) => {
          // Unanswered challenges are forgotten as new ones are made: the table stays small.
          await tx.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, new Date(now)));
          await tx.insert(passkeyChallenges).values({
            tokenHash: hashToken(token),
            challenge: options.challenge,
            expiresAt: new Date(now + CHALLENGE_MS),
          });
        });
        // The challenge is bound to this browser: an answer only counts when it comes back
        // with the cookie that asked for it.
        reply.setCookie(CHALLENGE_COOKIE, token, {
          path: CHALLENGE_PATH,
          httpOnly: true,
          sameSite: "strict",
          secure: request.protocol === "https",
          maxAge: CHALLENGE_MS / 1000,
        });
        return options as unknown as Record<string, unknown>;
      },
    );

    app.post(
      "/api/v1/session/passkey",
      {
        config: { public: true },
        schema: {
          summary:
            "Sign in with a passkey: both factors at once (possession and user verification)",
          tags: ["session"],
          body: z.object({ response: AuthenticationResponse }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const answer = request.body.response;
        const pair = pairKey(`passkey:${answer.id}`, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);

        // The challenge is used up whatever happens next (no replays).
        const cookie = request.cookies[CHALLENGE_COOKIE];
        reply.clearCookie(CHALLENGE_COOKIE, { path: CHALLENGE_PATH });
        const [taken] = cookie
          ? await db.global((tx) =>
              tx
                .delete(passkeyChallenges)
                .where(eq(passkeyChallenges.tokenHash, hashToken(cookie)))
                .returning(),
            )
          : [];
        if (!taken || taken.expiresAt.getTime() < Date.now()) {
          throw new Problem(
            400,
            "bad-request",
            "Try again",
            "The passkey took too long to answer, or was asked twice. Try again.",
          );
        }

        const [found] = await db.global((tx) =>
          tx
            .select({ key: webauthnCredentials, active: accounts.active })
            .from(webauthnCredentials)
            .innerJoin(accounts, eq(accounts.id, webauthnCredentials.accountId))
            .where(
              and(
                eq(webauthnCredentials.credentialId, answer.id),
                eq(webauthnCredentials.passkey, true),
                isNull(webauthnCredentials.removedAt),
              ),
            ),
        );
        // The user handle, when the authenticator sends it, must be the key's own account.
        const handleOk =
          !answer.response.userHandle ||
          (found &&
            answer.response.userHandle ===
              isoBase64URL.fromUTF8String(found.key.accountId).replace(/=+$/, ""));
        const rp = party(request);
        const verified =
          found && handleOk
            ? await verifyAuthenticationResponse({
                response: answer as Parameters<typeof verifyAuthenticationResponse>[0]["response"],
                expectedChallenge: taken.challenge,
                expectedOrigin: rp.origins,
                expectedRPID: rp.id,
                credential: {
                  id: found.key.credentialId,
                  publicKey: isoBase64URL.toBuffer(found.key.publicKey),
                  counter: found.key.counter,
                  transports: found.key.transports,
                },
                requireUserVerification: true,
              }).catch(() => null)
            : null;
        if (!found || !verified?.verified || !found.active) {
          await db.global((tx) => recordFailure(tx, pair));
          if (found) await auditInSchools(db, found.key.accountId, "refused", found.key.id);
          throw REFUSED;
        }

        const accountId = found.key.accountId;
        await db.global(async (tx) => {
          await tx
            .update(webauthnCredentials)
            .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() })
            .where(eq(webauthnCredentials.id, found.key.id));
          await clearFailures(tx, pair);
        });
        const { token } = await createSession(db, accountId, request.headers["user-agent"]);
        await db.global((tx) =>
          tx
            .update(sessions)
            .set({ secondFactorAt: new Date() })
            .where(eq(sessions.tokenHash, hashToken(token))),
        );
        reply.setCookie(SESSION_COOKIE, token, {
          path: "/",
          httpOnly: true,
          sameSite: "strict",
          secure: request.protocol === "https",
          maxAge: SESSION_ABSOLUTE_MS / 1000,
        });
        const who = await loadSession(db, token);
        if (!who) throw REFUSED;
        await auditInSchools(db, accountId, "signed-in", found.key.id);
        await noteSignIn(db, request, reply, who);
        return sessionBody(who);
      },
    );
  };

/**
 * Sign-ins are not school work, but each school the person works in keeps the record
 * (audit_events is per school): its DSL can see passkey use and refusals on an account.
 */
async function auditInSchools(
  db: Database,
  accountId: string,
  outcome: "signed-in" | "refused",
  keyId: string,
): Promise<void> {
  const schools = await db.global(
    (tx) =>
      tx
        .select({ schoolId: memberships.schoolId })
        .from(memberships)
        .where(and(eq(memberships.accountId, accountId), isNull(memberships.deactivatedAt))),
    accountId,
  );
  for (const { schoolId } of schools) {
    await db.tx({ schoolId, accountId }, (tx) =>
      audit(
        tx,
        schoolId,
        accountId,
        outcome === "signed-in" ? "passkey.signed-in" : "passkey.refused",
        {
          keyId,
        },
      ),
    );
  }
}
