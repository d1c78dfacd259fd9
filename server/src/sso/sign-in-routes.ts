// Signing in through the school's OpenID Connect provider: the authorization code flow
// with PKCE, state and nonce (openid-client). The flow's secrets stay in an sso_flows row
// found by a random HttpOnly cookie; only the state travels in the URL. The callback ends
// with the same session cookie as a password sign-in, or on the sign-in page with a
// plain reason (?sso_error=…), which is also written to the school's audit log.
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import * as client from "openid-client";
import { z } from "zod";
import { audit } from "../audit/audit-events.ts";
import { noteSignIn } from "../auth/known-devices.ts";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "../auth/lifetimes.ts";
import { createSession, loadSession, setCurrentSchool } from "../auth/session-store.ts";
import { hashToken, randomToken, sameSecret } from "../auth/tokens.ts";
import type { Database } from "../db/database.ts";
import { sessions, ssoFlows } from "../db/schema/index.ts";
import type { Vault } from "../vault/vault.ts";
import { bindAccount } from "./account-binding.ts";
import { checkOrganisation, providerMfa, type Refusal } from "./claims-check.ts";
import { openClientSecret } from "./client-secret.ts";
import { oidcConfiguration } from "./oidc-config.ts";
import { PROVIDER_LABELS, readSchoolSso, type SchoolSsoRow, schoolFor } from "./school-sso.ts";

export const SSO_FLOW_COOKIE = "tessera_sso";
const FLOW_MS = 10 * 60 * 1000;
/** Sign-ins one network address may have open at once (each lasts FLOW_MS). */
export const OPEN_FLOWS_PER_ADDRESS = 60;
export const CALLBACK_PATH = "/api/v1/sso/callback";

export function redirectUriFor(request: FastifyRequest, publicUrl?: string): string {
  return `${publicUrl ?? `${request.protocol}://${request.host}`}${CALLBACK_PATH}`;
}

async function configurationFor(db: Database, vault: Vault, sso: SchoolSsoRow) {
  const secret = sso.clientSecretSealed
    ? await db.tx({ schoolId: sso.schoolId, accountId: null }, (tx) =>
        openClientSecret(vault, tx, sso.schoolId, sso.clientSecretSealed ?? ""),
      )
    : null;
  return oidcConfiguration({
    schoolId: sso.schoolId,
    issuer: sso.issuer,
    clientId: sso.clientId,
    clientSecret: secret,
    version: sso.updatedAt.toISOString(),
  });
}

export const ssoSignInRoutes =
  (db: Database, vault: Vault, publicUrl?: string): FastifyPluginAsyncZod =>
  async (app) => {
    const refuse = (reply: FastifyReply, reason: Refusal) =>
      reply.redirect(`/sign-in?sso_error=${reason}`, 302);

    app.get(
      "/api/v1/sso/discover",
      {
        config: { public: true },
        schema: {
          summary: "Whether an email address's school signs in through its own provider",
          description:
            "Answers from the address's domain alone, the same for every address at it: it never says whether an account exists.",
          tags: ["session"],
          querystring: z.object({ email: z.string().trim().min(3).max(320) }),
          response: {
            200: z.object({
              provider: z
                .object({
                  kind: z.enum(["entra", "google", "oidc"]),
                  label: z.string(),
                  startUrl: z.string(),
                })
                .nullable(),
            }),
          },
        },
      },
      async (request) => {
        const email = request.query.email.toLowerCase();
        const at = email.lastIndexOf("@");
        const domain = at > 0 ? email.slice(at + 1) : "";
        const schoolId = domain ? await schoolFor(db, domain) : null;
        const sso = schoolId ? await readSchoolSso(db, schoolId) : null;
        if (!sso?.enabled) return { provider: null };
        return {
          provider: {
            kind: sso.provider,
            label: PROVIDER_LABELS[sso.provider],
            startUrl: `/api/v1/sso/start?school=${encodeURIComponent(domain)}`,
          },
        };
      },
    );

    app.get(
      "/api/v1/sso/start",
      {
        config: { public: true },
        schema: {
          summary: "Start signing in through the school's provider (302 to the provider)",
          tags: ["session"],
          querystring: z.object({ school: z.string().trim().min(1).max(320) }),
          response: { 302: z.null() },
        },
      },
      async (request, reply) => {
        const schoolId = await schoolFor(db, request.query.school);
        const sso = schoolId ? await readSchoolSso(db, schoolId) : null;
        if (!sso?.enabled) return refuse(reply, "not-configured");
        let config: client.Configuration;
        try {
          config = await configurationFor(db, vault, sso);
        } catch (error) {
          request.log.warn({ err: error, schoolId: sso.schoolId }, "sso discovery failed");
          return refuse(reply, "provider-error");
        }
        const codeVerifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        const nonce = client.randomNonce();
        const cookie = randomToken();
        const now = new Date();
        const addressHash = hashToken(`sso-start\u0000${request.ip}`);
        const allowed = await db.global(async (tx) => {
          await tx.delete(ssoFlows).where(lt(ssoFlows.expiresAt, now));
          const [open] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(ssoFlows)
            .where(and(eq(ssoFlows.addressHash, addressHash), gte(ssoFlows.expiresAt, now)));
          // A school behind one address signs many people in at 8:30; an attacker filling
          // the table from one address is stopped at the same number.
          if ((open?.n ?? 0) >= OPEN_FLOWS_PER_ADDRESS) return false;
          await tx.insert(ssoFlows).values({
            addressHash,
            cookieHash: hashToken(cookie),
            schoolId: sso.schoolId,
            state,
            nonce,
            codeVerifier,
            expiresAt: new Date(now.getTime() + FLOW_MS),
          });
          return true;
        });
        if (!allowed) return refuse(reply, "too-many");
        const parameters: Record<string, string> = {
          redirect_uri: redirectUriFor(request, publicUrl),
          scope: "openid email profile",
          code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
          code_challenge_method: "S256",
          state,
          nonce,
        };
        // Google shows only the school's Workspace accounts in its chooser (a hint: the
        // hd claim is still checked on return).
        if (sso.provider === "google" && sso.hostedDomain) parameters.hd = sso.hostedDomain;
        // Lax, not Strict: the provider sends the browser back with a cross-site redirect.
        reply.setCookie(SSO_FLOW_COOKIE, cookie, {
          path: "/api/v1/sso",
          httpOnly: true,
          sameSite: "lax",
          secure: request.protocol === "https",
          maxAge: FLOW_MS / 1000,
        });
        return reply.redirect(client.buildAuthorizationUrl(config, parameters).href, 302);
      },
    );

    app.get(
      CALLBACK_PATH,
      {
        config: { public: true },
        schema: {
          summary: "Where the provider sends the browser back (302 to Tessera's pages)",
          tags: ["session"],
          querystring: z.looseObject({
            state: z.string().max(2000).optional(),
            code: z.string().max(4000).optional(),
            error: z.string().max(2000).optional(),
          }),
          response: { 302: z.null() },
        },
      },
      async (request, reply) => {
        const cookie = request.cookies[SSO_FLOW_COOKIE];
        reply.clearCookie(SSO_FLOW_COOKIE, { path: "/api/v1/sso" });
        // Used once whatever happens next: a replayed callback finds nothing.
        const [flow] = cookie
          ? await db.global((tx) =>
              tx
                .delete(ssoFlows)
                .where(eq(ssoFlows.cookieHash, hashToken(cookie)))
                .returning(),
            )
          : [];
        if (!flow || flow.expiresAt < new Date()) return refuse(reply, "expired");
        const sso = await readSchoolSso(db, flow.schoolId);
        if (!sso?.enabled) return refuse(reply, "not-configured");

        const refused = async (reason: Refusal, subject: string | null, email: string | null) => {
          await db.tx({ schoolId: sso.schoolId, accountId: null }, (tx) =>
            audit(tx, sso.schoolId, null, "sso.refused", {
              reason,
              issuer: sso.issuer,
              subject,
              email,
            }),
          );
          return refuse(reply, reason);
        };

        // The state is compared here too, before the code is spent, so a callback meant
        // for another browser's sign-in is refused by name.
        const state = request.query.state;
        if (typeof state !== "string" || !sameSecret(state, flow.state)) {
          return refused("state", null, null);
        }
        let claims: client.IDToken | undefined;
        try {
          const config = await configurationFor(db, vault, sso);
          const redirectUri = redirectUriFor(request, publicUrl);
          const here = new URL(redirectUri);
          here.search = new URL(request.url, redirectUri).search;
          const tokens = await client.authorizationCodeGrant(
            config,
            here,
            {
              pkceCodeVerifier: flow.codeVerifier,
              expectedState: flow.state,
              expectedNonce: flow.nonce,
              idTokenExpected: true,
            },
            { redirect_uri: redirectUri },
          );
          claims = tokens.claims();
        } catch (error) {
          // The person chose not to go on at the provider: not a fault, say so in words.
          if (
            error instanceof client.AuthorizationResponseError &&
            error.error === "access_denied"
          ) {
            return refused("cancelled", null, null);
          }
          request.log.warn({ err: error, schoolId: sso.schoolId }, "sso callback failed");
          return refused("provider-error", null, null);
        }
        if (!claims) return refused("provider-error", null, null);

        const organisation = checkOrganisation(sso, claims);
        if (organisation) {
          return refused(organisation, claims.sub, (claims.email as string | undefined) ?? null);
        }
        const binding = await bindAccount(db, sso.schoolId, sso.provider, claims);
        if (!binding.ok) return refused(binding.reason, claims.sub, binding.email);

        const mfa = sso.providerMfaCounts && providerMfa(claims);
        const { token } = await createSession(db, binding.accountId, request.headers["user-agent"]);
        const opened = await loadSession(db, token);
        if (!opened) return refused("left-school", claims.sub, null);
        await setCurrentSchool(db, opened.sessionId, sso.schoolId);
        if (mfa) {
          await db.global((tx) =>
            tx
              .update(sessions)
              .set({ secondFactorAt: new Date() })
              .where(eq(sessions.id, opened.sessionId)),
          );
        }
        // Read again: whether a code is still needed depends on this school's settings.
        const who = await loadSession(db, token);
        if (!who) return refused("left-school", claims.sub, null);
        await db.tx({ schoolId: sso.schoolId, accountId: binding.accountId }, (tx) =>
          audit(tx, sso.schoolId, binding.accountId, "sso.signed-in", {
            accountId: binding.accountId,
            issuer: sso.issuer,
            subject: claims.sub,
            linked: binding.linked,
            providerMfa: mfa,
          }),
        );
        reply.setCookie(SESSION_COOKIE, token, {
          path: "/",
          httpOnly: true,
          sameSite: "strict",
          secure: request.protocol === "https",
          maxAge: SESSION_ABSOLUTE_MS / 1000,
        });
        // A sign-in from a browser not seen before tells the owner (the device cookie is Lax,
        // so it comes back on the provider's redirect).
        await noteSignIn(db, request, reply, who);
        const needsCode = who.secondFactor === "required";
        return reply.redirect(needsCode ? "/sign-in/code" : "/", 302);
      },
    );
  };
