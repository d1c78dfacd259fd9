// The school's SSO settings: the administrator and the DSL team see them; changing them
// needs a second factor (like the review deadline). The client secret goes in and never
// comes out: answers say only whether one is stored.
import { and, eq, inArray, ne } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { schoolSso, ssoEmailDomains } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import type { Vault } from "../vault/vault.ts";
import { sealClientSecret } from "./client-secret.ts";
import { issuerAllowed } from "./oidc-config.ts";
import { redirectUriFor } from "./sign-in-routes.ts";

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: "Write a domain like school.org.uk.",
  });

const Rules = z.object({
  provider: z.enum(["entra", "google", "oidc"]),
  issuer: z.string().trim().min(1).max(500),
  clientId: z.string().trim().min(1).max(300),
  tenantId: z.string().trim().max(100).nullable(),
  hostedDomain: Domain.nullable(),
  emailDomains: z.array(Domain).max(20),
  enabled: z.boolean(),
  passwordsAllowed: z.boolean(),
  providerMfaCounts: z.boolean(),
});

const SsoAnswer = z.object({
  redirectUri: z.string(),
  sso: Rules.extend({ hasClientSecret: z.boolean(), updatedAt: z.date() }).nullable(),
});

const SsoChange = Rules.extend({
  // Left out or empty: keep the stored secret.
  clientSecret: z.string().max(2000).optional(),
});

export const ssoSettingsRoutes =
  (db: Database, vault: Vault, publicUrl?: string): FastifyPluginAsyncZod =>
  async (app) => {
    const answer = (row: typeof schoolSso.$inferSelect | undefined) =>
      row
        ? {
            provider: row.provider,
            issuer: row.issuer,
            clientId: row.clientId,
            tenantId: row.tenantId,
            hostedDomain: row.hostedDomain,
            emailDomains: row.emailDomains,
            enabled: row.enabled,
            passwordsAllowed: row.passwordsAllowed,
            providerMfaCounts: row.providerMfaCounts,
            hasClientSecret: row.clientSecretSealed !== null,
            updatedAt: row.updatedAt,
          }
        : null;

    app.get(
      "/api/v1/settings/sso",
      {
        schema: {
          summary: "The school's sign-in provider (SSO), without its client secret",
          tags: ["settings"],
          response: { 200: SsoAnswer },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!can(who.roles, "roster.manage")) {
          throw problems.forbidden("Only the administrator and the DSL team can see this.");
        }
        const [row] = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx.select().from(schoolSso).where(eq(schoolSso.schoolId, who.schoolId)),
        );
        return { redirectUri: redirectUriFor(request, publicUrl), sso: answer(row) };
      },
    );

    app.put(
      "/api/v1/settings/sso",
      {
        schema: {
          summary: "Set the school's sign-in provider (SSO) and its rules",
          tags: ["settings"],
          body: SsoChange,
          response: { 200: SsoAnswer },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!can(who.roles, "roster.manage")) {
          throw problems.forbidden("Only the administrator and the DSL team can change this.");
        }
        if (who.secondFactor !== "satisfied") {
          throw problems.secondFactorRequired(
            "Confirm it is you with your second factor (authenticator code or security key) first, then save again.",
          );
        }
        const body = request.body;
        const errors: { path: string; message: string }[] = [];
        if (!issuerAllowed(body.issuer)) {
          errors.push({
            path: "issuer",
            message: "The issuer must be an https:// address, e.g. https://accounts.google.com.",
          });
        }
        if (body.provider === "entra" && !body.tenantId) {
          errors.push({
            path: "tenantId",
            message: "Give your Microsoft Entra tenant id (Directory (tenant) ID).",
          });
        }
        if (body.provider === "google" && !body.hostedDomain) {
          errors.push({
            path: "hostedDomain",
            message: "Give your Google Workspace domain, e.g. school.org.uk.",
          });
        }
        if (!body.passwordsAllowed && !body.enabled) {
          errors.push({
            path: "passwordsAllowed",
            message: "Passwords can only be turned off while the school's sign-in is on.",
          });
        }
        const domains = [
          ...new Set([...body.emailDomains, ...(body.hostedDomain ? [body.hostedDomain] : [])]),
        ];
        if (body.enabled && domains.length > 0) {
          const claimed = await db.global((tx) =>
            tx
              .select({ domain: ssoEmailDomains.domain })
              .from(ssoEmailDomains)
              .where(
                and(
                  inArray(ssoEmailDomains.domain, domains),
                  ne(ssoEmailDomains.schoolId, who.schoolId),
                ),
              ),
          );
          for (const { domain } of claimed) {
            errors.push({
              path: "emailDomains",
              message: `${domain} already leads to another school's sign-in on Tessera.`,
            });
          }
        }
        if (errors.length > 0) throw problems.unprocessable("Check the settings.", errors);

        const row = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [current] = await tx
              .select()
              .from(schoolSso)
              .where(eq(schoolSso.schoolId, who.schoolId))
              .for("update");
            const secretChanged = Boolean(body.clientSecret);
            const sealed = body.clientSecret
              ? await sealClientSecret(vault, tx, who.schoolId, body.clientSecret)
              : (current?.clientSecretSealed ?? null);
            const values = {
              provider: body.provider,
              issuer: body.issuer,
              clientId: body.clientId,
              clientSecretSealed: sealed,
              tenantId: body.tenantId || null,
              hostedDomain: body.hostedDomain || null,
              emailDomains: domains,
              enabled: body.enabled,
              passwordsAllowed: body.passwordsAllowed,
              providerMfaCounts: body.providerMfaCounts,
              updatedAt: new Date(),
              updatedBy: who.accountId,
            };
            const [saved] = await tx
              .insert(schoolSso)
              .values({ schoolId: who.schoolId, ...values })
              .onConflictDoUpdate({ target: schoolSso.schoolId, set: values })
              .returning();
            await tx.delete(ssoEmailDomains).where(eq(ssoEmailDomains.schoolId, who.schoolId));
            if (body.enabled && domains.length > 0) {
              await tx
                .insert(ssoEmailDomains)
                .values(domains.map((domain) => ({ domain, schoolId: who.schoolId })));
            }
            await audit(tx, who.schoolId, who.accountId, "settings.sso-changed", {
              provider: values.provider,
              issuer: values.issuer,
              enabled: values.enabled,
              passwordsAllowed: values.passwordsAllowed,
              providerMfaCounts: values.providerMfaCounts,
              emailDomains: domains,
              secretChanged,
            });
            return saved;
          },
        );
        return { redirectUri: redirectUriFor(request, publicUrl), sso: answer(row) };
      },
    );
  };
