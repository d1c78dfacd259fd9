// Who signs in to this school through its provider: each binding of a provider's person
// (issuer + subject) to a member of staff, for the administrator and the DSL team. Removing
// one is how a wrong or stale binding is mended (a person's provider account was deleted
// and made again, so it refuses as "bound elsewhere"): their next sign-in through the
// provider links afresh by verified email. A second factor is needed, and it is audited.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { accounts, memberships, schoolSso, ssoIdentities } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";

const Identity = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  email: z.string(),
  // The provider's address when the binding was made (the account's may differ since).
  emailAtLink: z.string(),
  linkedAt: z.date(),
  lastUsedAt: z.date().nullable(),
});

type Who = SignedIn & { schoolId: string };

function mayManage(who: Who) {
  if (!can(who.roles, "roster.manage")) {
    throw problems.forbidden("Only the administrator and the DSL team can see this.");
  }
}

export const ssoIdentityRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    /** This school's bindings: at its provider's issuer, of its own members only. */
    async function bindings(who: Who) {
      return db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
        const [sso] = await tx
          .select({ issuer: schoolSso.issuer })
          .from(schoolSso)
          .where(eq(schoolSso.schoolId, who.schoolId));
        if (!sso) return [];
        return tx
          .select({
            id: ssoIdentities.id,
            accountId: ssoIdentities.accountId,
            name: accounts.name,
            email: accounts.email,
            emailAtLink: ssoIdentities.emailAtLink,
            linkedAt: ssoIdentities.createdAt,
            lastUsedAt: ssoIdentities.lastUsedAt,
            subject: ssoIdentities.subject,
            issuer: ssoIdentities.issuer,
          })
          .from(ssoIdentities)
          .innerJoin(accounts, eq(accounts.id, ssoIdentities.accountId))
          .innerJoin(
            memberships,
            and(
              eq(memberships.accountId, ssoIdentities.accountId),
              eq(memberships.schoolId, who.schoolId),
              isNull(memberships.deactivatedAt),
            ),
          )
          .where(eq(ssoIdentities.issuer, sso.issuer))
          .orderBy(desc(ssoIdentities.lastUsedAt), accounts.name);
      });
    }

    app.get(
      "/api/v1/settings/sso/identities",
      {
        schema: {
          summary: "Who signs in to this school through its provider (administrator, DSL team)",
          tags: ["settings"],
          response: { 200: z.object({ items: z.array(Identity) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        mayManage(who);
        const rows = await bindings(who);
        return { items: rows.map(({ subject: _s, issuer: _i, ...row }) => row) };
      },
    );

    app.delete(
      "/api/v1/settings/sso/identities/:id",
      {
        schema: {
          summary:
            "Unlink a person from the school's provider; their next sign-in through it links afresh by verified email",
          tags: ["settings"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayManage(who);
        if (who.secondFactor !== "satisfied") {
          throw problems.secondFactorRequired(
            "Confirm it is you with your second factor (authenticator code or security key) first, then save again.",
          );
        }
        const found = (await bindings(who)).find((b) => b.id === request.params.id);
        if (!found) throw problems.notFound("There is no such link at this school's provider.");
        await db.global((tx) => tx.delete(ssoIdentities).where(eq(ssoIdentities.id, found.id)));
        await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          audit(tx, who.schoolId, who.accountId, "sso.unlinked", {
            accountId: found.accountId,
            issuer: found.issuer,
            subject: found.subject,
          }),
        );
        return reply.status(204).send(null);
      },
    );
  };
