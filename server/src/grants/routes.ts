// Only a DSL grants or changes access to pupil records (PRODUCT.md). Every change is an
// audit event and the school's DSL team is told by email.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database, Tx } from "../db/database.ts";
import {
  AREAS,
  accounts,
  classes,
  grants,
  memberships,
  PUPIL_SCOPES,
  pupils,
  yearGroups,
} from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { enqueue } from "../jobs/outbox.ts";

const GrantBody = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  scope: z.enum(PUPIL_SCOPES),
  scopeIds: z.array(z.uuid()),
  areas: z.array(z.enum(AREAS)),
  reason: z.string().nullable(),
  grantedBy: z.uuid(),
  grantedAt: z.date(),
});

function requireDsl(roles: Parameters<typeof can>[0]) {
  if (!can(roles, "access.grant")) {
    throw problems.forbidden(
      "Only a designated safeguarding lead can give or change access to pupil records.",
    );
  }
}

async function tellDslTeam(tx: Tx, schoolId: string, change: "given" | "revoked", grantId: string) {
  const team = await tx
    .select({ accountId: memberships.accountId, roles: memberships.roles })
    .from(memberships)
    .where(and(eq(memberships.schoolId, schoolId), isNull(memberships.deactivatedAt)));
  for (const m of team.filter((t) => can(t.roles as never, "access.grant"))) {
    await enqueue(
      tx,
      "access.changed",
      { schoolId, recipientId: m.accountId, grantId, change },
      { schoolId, dedupeKey: `access.changed:${grantId}:${change}:${m.accountId}` },
    );
  }
}

/** The scope's ids must name year groups, classes or pupils of this school. */
async function checkScope(tx: Tx, schoolId: string, scope: string, ids: string[]) {
  if (scope === "all") return ids.length === 0;
  if (ids.length === 0) return false;
  const table = scope === "year_groups" ? yearGroups : scope === "classes" ? classes : pupils;
  const found = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.schoolId, schoolId), inArray(table.id, ids)));
  return found.length === new Set(ids).size;
}

export const grantRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/grants",
      {
        schema: {
          summary: "Access given by the DSL beyond people's roles (DSL)",
          tags: ["access"],
          response: { 200: z.object({ items: z.array(GrantBody) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireDsl(who.roles);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select({ grant: grants, accountId: memberships.accountId, name: accounts.name })
            .from(grants)
            .innerJoin(
              memberships,
              and(
                eq(memberships.schoolId, grants.schoolId),
                eq(memberships.id, grants.membershipId),
              ),
            )
            .innerJoin(accounts, eq(accounts.id, memberships.accountId))
            .where(and(eq(grants.schoolId, who.schoolId), isNull(grants.revokedAt)))
            .orderBy(asc(accounts.name), asc(grants.grantedAt)),
        );
        return {
          items: rows.map(({ grant, accountId, name }) => ({
            id: grant.id,
            accountId,
            name,
            scope: grant.scope,
            scopeIds: grant.scopeIds,
            areas: grant.areas as (typeof AREAS)[number][],
            reason: grant.reason,
            grantedBy: grant.grantedBy,
            grantedAt: grant.grantedAt,
          })),
        };
      },
    );

    app.post(
      "/api/v1/grants",
      {
        schema: {
          summary: "Give a member of staff access to pupils' records in some areas (DSL)",
          tags: ["access"],
          body: z.object({
            accountId: z.uuid(),
            scope: z.enum(PUPIL_SCOPES),
            scopeIds: z.array(z.uuid()).max(500).default([]),
            areas: z.array(z.enum(AREAS)).min(1, "Choose at least one area."),
            reason: z.string().trim().min(1, "Say why this access is needed.").max(1000),
          }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDsl(who.roles);
        const body = request.body;
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [member] = await tx
              .select({ id: memberships.id })
              .from(memberships)
              .where(
                and(
                  eq(memberships.schoolId, who.schoolId),
                  eq(memberships.accountId, body.accountId),
                  isNull(memberships.deactivatedAt),
                ),
              );
            if (!member) return "no-member" as const;
            if (!(await checkScope(tx, who.schoolId, body.scope, body.scopeIds)))
              return "bad-scope" as const;
            const [grant] = await tx
              .insert(grants)
              .values({
                schoolId: who.schoolId,
                membershipId: member.id,
                scope: body.scope,
                scopeIds: [...new Set(body.scopeIds)],
                areas: [...new Set(body.areas)],
                reason: body.reason,
                grantedBy: who.accountId,
              })
              .returning({ id: grants.id });
            if (!grant) throw new Error("the grant was not inserted");
            const id = grant.id;
            await audit(tx, who.schoolId, who.accountId, "grant.given", {
              grantId: id,
              accountId: body.accountId,
              scope: body.scope,
              scopeIds: body.scopeIds,
              areas: body.areas,
              reason: body.reason,
            });
            await tellDslTeam(tx, who.schoolId, "given", id);
            return { id };
          },
        );
        if (result === "no-member") {
          throw problems.badRequest("That person does not work in this school.", [
            { path: "accountId", message: "Choose a member of staff of this school." },
          ]);
        }
        if (result === "bad-scope") {
          throw problems.badRequest("The pupils chosen do not match the scope.", [
            {
              path: "scopeIds",
              message:
                "For all pupils choose none; otherwise choose year groups, classes or pupils of this school.",
            },
          ]);
        }
        return reply.status(201).send(result);
      },
    );

    app.delete(
      "/api/v1/grants/:id",
      {
        schema: {
          summary: "Take access away (DSL). The grant stays in the history as revoked.",
          tags: ["access"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDsl(who.roles);
        const done = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [revoked] = await tx
              .update(grants)
              .set({ revokedAt: new Date(), revokedBy: who.accountId })
              .where(
                and(
                  eq(grants.schoolId, who.schoolId),
                  eq(grants.id, request.params.id),
                  isNull(grants.revokedAt),
                ),
              )
              .returning({ id: grants.id });
            if (!revoked) return false;
            await audit(tx, who.schoolId, who.accountId, "grant.revoked", { grantId: revoked.id });
            await tellDslTeam(tx, who.schoolId, "revoked", revoked.id);
            return true;
          },
        );
        if (!done) throw problems.notFound();
        return reply.status(204).send(null);
      },
    );
  };
