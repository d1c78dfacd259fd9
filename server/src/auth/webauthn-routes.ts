// Security keys and passkeys (WebAuthn) as a second factor beside the authenticator app:
// several per person, each named; a lost one is removed with the password. The challenge
// lives on the session, is good for one answer and for five minutes.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, eq, isNull } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { accounts, sessions, webauthnCredentials } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { noteSignIn } from "./known-devices.ts";
import { SESSION_COOKIE } from "./lifetimes.ts";
import { verifyPassword } from "./password.ts";
import { SessionBody, sessionBody } from "./session-body.ts";
import { loadSession, setLocked } from "./session-store.ts";
import { type SignedIn, signedIn } from "./signed-in.ts";
import { clearFailures, pairKey, recordFailure, waitBeforeAttempt } from "./throttle.ts";
import { tooManyAttempts } from "./too-many-attempts.ts";
import { AuthenticationResponse, RegistrationResponse } from "./webauthn-answers.ts";
import { relyingParty } from "./webauthn-party.ts";

const CHALLENGE_MS = 5 * 60 * 1000;

const KeyItem = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Signs in without a password (discoverable, user verification at every use). */
  passkey: z.boolean(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});

/** Registering a passkey (sign in without a password) rather than a plain security key. */
const PasskeyChoice = z.object({ passkey: z.boolean().default(false) }).nullish();

/** The options JSON is the library's; described loosely for the OpenAPI document. */
const OptionsJson = z.record(z.string(), z.unknown());

export const webauthnRoutes =
  (db: Database, publicUrl?: string): FastifyPluginAsyncZod =>
  async (app) => {
    const party = (request: FastifyRequest) =>
      relyingParty(publicUrl ?? `${request.protocol}://${request.host}`);

    const activeKeys = (accountId: string) =>
      db.global((tx) =>
        tx
          .select()
          .from(webauthnCredentials)
          .where(
            and(
              eq(webauthnCredentials.accountId, accountId),
              isNull(webauthnCredentials.removedAt),
            ),
          ),
      );

    async function setChallenge(who: SignedIn, challenge: string) {
      await db.global((tx) =>
        tx
          .update(sessions)
          .set({ webauthnChallenge: challenge, webauthnChallengeAt: new Date() })
          .where(eq(sessions.id, who.sessionId)),
      );
    }

    /** The session's challenge, used up whether or not the answer is good. */
    async function takeChallenge(who: SignedIn): Promise<string> {
      const challenge = await db.global(async (tx) => {
        const [row] = await tx
          .select({ c: sessions.webauthnChallenge, at: sessions.webauthnChallengeAt })
          .from(sessions)
          .where(eq(sessions.id, who.sessionId));
        await tx
          .update(sessions)
          .set({ webauthnChallenge: null, webauthnChallengeAt: null })
          .where(eq(sessions.id, who.sessionId));
        if (!row?.c || !row.at || Date.now() - row.at.getTime() > CHALLENGE_MS) return null;
        return row.c;
      });
      if (!challenge) {
        throw problems.badRequest(
          "The security key took too long to answer, or was asked twice. Try again.",
        );
      }
      return challenge;
    }

    /**
     * Checks a key's answer to this session's challenge: one of the person's own keys, not
     * removed, signing for Tessera (and, with `userVerification`, having checked its
     * owner). A failure counts in `pair`'s throttle and is refused with `refusal`; a
     * success moves the key's counter on and clears the throttle.
     */
    async function checkKeyAnswer(
      request: FastifyRequest,
      who: SignedIn,
      answer: z.infer<typeof AuthenticationResponse>,
      options: { pair: string; userVerification: boolean; refusal: string },
    ): Promise<void> {
      const challenge = await takeChallenge(who);
      const key = (await activeKeys(who.accountId)).find((k) => k.credentialId === answer.id);
      const rp = party(request);
      const verified = key
        ? await verifyAuthenticationResponse({
            response: answer as Parameters<typeof verifyAuthenticationResponse>[0]["response"],
            expectedChallenge: challenge,
            expectedOrigin: rp.origins,
            expectedRPID: rp.id,
            credential: {
              id: key.credentialId,
              publicKey: isoBase64URL.toBuffer(key.publicKey),
              counter: key.counter,
              transports: key.transports,
            },
            requireUserVerification: options.userVerification,
          }).catch(() => null)
        : null;
      if (!key || !verified?.verified) {
        await db.global((tx) => recordFailure(tx, options.pair));
        throw problems.badRequest(options.refusal);
      }
      await db.global(async (tx) => {
        await tx
          .update(webauthnCredentials)
          .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() })
          .where(eq(webauthnCredentials.id, key.id));
        await clearFailures(tx, options.pair);
      });
    }

    /** Adding or removing a second factor, once one exists, needs one in this session. */
    function requireSecondFactorIfEnrolled(who: SignedIn) {
      if (who.secondFactorEnrolled && who.secondFactor !== "satisfied") {
        throw problems.forbidden(
          "Use your authenticator app or a security key in this session first, then try again.",
        );
      }
    }

    app.get(
      "/api/v1/session/security-keys",
      {
        schema: {
          summary: "My security keys and passkeys",
          tags: ["session"],
          response: { 200: z.object({ items: z.array(KeyItem) }) },
        },
      },
      async (request) => {
        const keys = await activeKeys(signedIn(request).accountId);
        return {
          items: keys
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
            .map(({ id, name, passkey, createdAt, lastUsedAt }) => ({
              id,
              name,
              passkey,
              createdAt,
              lastUsedAt,
            })),
        };
      },
    );

    app.post(
      "/api/v1/session/security-keys/options",
      {
        schema: {
          summary: "Start registering a security key or passkey (WebAuthn creation options)",
          tags: ["session"],
          body: PasskeyChoice,
          response: { 200: OptionsJson },
        },
      },
      async (request) => {
        const passkey = request.body?.passkey ?? false;
        const who = signedIn(request);
        requireSecondFactorIfEnrolled(who);
        const rp = party(request);
        const keys = await activeKeys(who.accountId);
        const options = await generateRegistrationOptions({
          rpName: rp.name,
          rpID: rp.id,
          userName: who.email,
          userDisplayName: who.name,
          userID: isoBase64URL.toBuffer(isoBase64URL.fromUTF8String(who.accountId)),
          attestationType: "none",
          // The same key twice would be one device under two names.
          excludeCredentials: keys.map((k) => ({ id: k.credentialId, transports: k.transports })),
          // A passkey must be findable without an email (resident) and check a PIN or
          // biometric each time; a plain security key is only ever the second step.
          authenticatorSelection: passkey
            ? { residentKey: "required", userVerification: "required" }
            : { residentKey: "preferred", userVerification: "preferred" },
        });
        await setChallenge(who, options.challenge);
        return options as unknown as Record<string, unknown>;
      },
    );

    app.post(
      "/api/v1/session/security-keys",
      {
        schema: {
          summary: "Finish registering a security key or passkey, with a name for it",
          tags: ["session"],
          body: z.object({
            name: z.string().trim().min(1, "Give the key a name, such as “Blue key”.").max(100),
            passkey: z.boolean().default(false),
            response: RegistrationResponse,
          }),
          response: { 201: KeyItem },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        requireSecondFactorIfEnrolled(who);
        const challenge = await takeChallenge(who);
        const rp = party(request);
        const verified = await verifyRegistrationResponse({
          response: request.body.response as Parameters<
            typeof verifyRegistrationResponse
          >[0]["response"],
          expectedChallenge: challenge,
          expectedOrigin: rp.origins,
          expectedRPID: rp.id,
          // A passkey signs in alone, so it must have checked who is holding it.
          requireUserVerification: request.body.passkey,
        }).catch(() => ({ verified: false as const }));
        if (!verified.verified) {
          throw problems.badRequest("The security key’s answer could not be checked. Try again.");
        }
        const { credential } = verified.registrationInfo;
        const [saved] = await db.global((tx) =>
          tx
            .insert(webauthnCredentials)
            .values({
              accountId: who.accountId,
              credentialId: credential.id,
              publicKey: isoBase64URL.fromBuffer(credential.publicKey),
              counter: credential.counter,
              transports: credential.transports ?? [],
              name: request.body.name,
              passkey: request.body.passkey,
            })
            .onConflictDoNothing()
            .returning(),
        );
        if (!saved) throw problems.conflict("This security key is already registered.");
        const { id, name, passkey, createdAt, lastUsedAt } = saved;
        return reply.status(201).send({ id, name, passkey, createdAt, lastUsedAt });
      },
    );

    app.delete(
      "/api/v1/session/security-keys/:id",
      {
        schema: {
          summary: "Remove a lost security key (with my password); it is never accepted again",
          tags: ["session"],
          params: z.object({ id: z.uuid() }),
          body: z.object({ password: z.string().min(1).max(1000) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        // The password alone must not strip every factor and let a new one in.
        requireSecondFactorIfEnrolled(who);
        const pair = pairKey(`remove-key:${who.accountId}`, request.ip);
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
          throw problems.badRequest("The password is not right.", [
            { path: "password", message: "This is not your password." },
          ]);
        }
        await db.global((tx) => clearFailures(tx, pair));
        const removed = await db.global((tx) =>
          tx
            .update(webauthnCredentials)
            .set({ removedAt: new Date() })
            .where(
              and(
                eq(webauthnCredentials.id, request.params.id),
                eq(webauthnCredentials.accountId, who.accountId),
                isNull(webauthnCredentials.removedAt),
              ),
            )
            .returning({ id: webauthnCredentials.id }),
        );
        if (removed.length === 0) throw problems.notFound();
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/session/second-factor/key/options",
      {
        schema: {
          summary: "Start the second step with a security key (WebAuthn request options)",
          tags: ["session"],
          response: { 200: OptionsJson },
        },
      },
      async (request) => {
        const who = signedIn(request);
        const keys = await activeKeys(who.accountId);
        if (keys.length === 0) {
          throw problems.badRequest("You have not registered a security key yet.");
        }
        const options = await generateAuthenticationOptions({
          rpID: party(request).id,
          allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: k.transports })),
          userVerification: "preferred",
        });
        await setChallenge(who, options.challenge);
        return options as unknown as Record<string, unknown>;
      },
    );

    app.post(
      "/api/v1/session/second-factor/key",
      {
        schema: {
          summary: "Satisfy the second factor with a security key or passkey",
          tags: ["session"],
          body: z.object({ response: AuthenticationResponse }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        const pair = pairKey(`second-factor:${who.accountId}`, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);
        await checkKeyAnswer(request, who, request.body.response, {
          pair,
          userVerification: false,
          refusal:
            "That security key is not one registered to your account, or its answer could not be checked.",
        });
        await db.global((tx) =>
          tx
            .update(sessions)
            .set({ secondFactorAt: new Date() })
            .where(eq(sessions.id, who.sessionId)),
        );
        const updated = await loadSession(db, request.cookies[SESSION_COOKIE] ?? "");
        if (!updated) throw problems.notSignedIn();
        await noteSignIn(db, request, reply, updated);
        return sessionBody(updated);
      },
    );
    // The idle lock, for people who sign in without a password (a passkey, or their
    // school's accounts) and anyone who prefers a key: the key must check its owner
    // (a PIN or fingerprint), since a key left in the computer is not the person.
    app.post(
      "/api/v1/session/unlock/key/options",
      {
        config: { whileLocked: true },
        schema: {
          summary: "Start unlocking this session with a security key or passkey",
          tags: ["session"],
          response: { 200: OptionsJson },
        },
      },
      async (request) => {
        const who = signedIn(request);
        const keys = await activeKeys(who.accountId);
        if (keys.length === 0) {
          throw problems.badRequest("You have not registered a security key yet.");
        }
        const options = await generateAuthenticationOptions({
          rpID: party(request).id,
          allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: k.transports })),
          userVerification: "required",
        });
        await setChallenge(who, options.challenge);
        return options as unknown as Record<string, unknown>;
      },
    );

    app.post(
      "/api/v1/session/unlock/key",
      {
        config: { whileLocked: true },
        schema: {
          summary: "Unlock this session with a security key or passkey that checks its owner",
          tags: ["session"],
          body: z.object({ response: AuthenticationResponse }),
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const who = signedIn(request);
        // The same throttle as unlocking with the password.
        const pair = pairKey(`unlock:${who.accountId}`, request.ip);
        const wait = await db.global((tx) => waitBeforeAttempt(tx, pair));
        if (wait > 0) throw tooManyAttempts(reply, wait);
        await checkKeyAnswer(request, who, request.body.response, {
          pair,
          userVerification: true,
          refusal:
            "That key did not unlock Tessera: use one registered to your account that asks for your PIN or fingerprint, or enter your password.",
        });
        await setLocked(db, who.sessionId, false);
        const updated = await loadSession(db, request.cookies[SESSION_COOKIE] ?? "");
        if (!updated) throw problems.notSignedIn();
        return sessionBody(updated);
      },
    );
  };
