// The alert pickers (staff by name, groups), and what an administrator or DSL does for a
// member of staff's account: end their sessions, record their training.
import { and, asc, eq, ilike, isNull, or } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can, type Permission } from "../access/permissions.ts";
import { groupMembersOf } from "../alerts/group-members.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { accounts, groups, memberships, sessions } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function requirePermission(roles: Parameters<typeof can>[0], permission: Permission, what: string) {
  if (!can(roles, permission)) throw problems.forbidden(`Only ${what} can do this.`);
}

export const staffRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/staff",
      {
        schema: {
          summary: "Staff of the current school, by name (the alert picker)",
          tags: ["staff"],
          querystring: z.object({
            q: z.string().trim().max(100).default(""),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: z.uuid(), name: z.string(), jobTitle: z.string().nullable() }),
              ),
              nextCursor: z.null(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const words = request.query.q.split(/\s+/).filter(Boolean).slice(0, 3);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select({ id: accounts.id, name: accounts.name, jobTitle: memberships.jobTitle })
            .from(memberships)
            .innerJoin(accounts, eq(accounts.id, memberships.accountId))
            .where(
              and(
                eq(memberships.schoolId, who.schoolId),
                isNull(memberships.deactivatedAt),
                eq(accounts.active, true),
                ...words.map((w) =>
                  or(
                    ilike(accounts.name, `${escapeLike(w)}%`),
                    ilike(accounts.name, `% ${escapeLike(w)}%`),
                  ),
                ),
              ),
            )
            .orderBy(asc(accounts.name))
            .limit(request.query.limit),
        );
        return { items: rows, nextCursor: null };
      },
    );

    app.get(
      "/api/v1/groups",
      {
        schema: {
          summary: "The school's alert groups (buttons in the alert picker)",
          tags: ["staff"],
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.uuid(), name: z.string(), members: z.number() })),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        return db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
          const rows = await tx
            .select({ id: groups.id, name: groups.name })
            .from(groups)
            .where(and(eq(groups.schoolId, who.schoolId), eq(groups.active, true)))
            .orderBy(asc(groups.name));
          // Members by name and holders of the group's roles, as an alert would reach them.
          const members = await groupMembersOf(tx, who.schoolId, "all");
          return {
            items: rows.map((g) => ({
              ...g,
              members: members.filter((m) => m.groupId === g.id).length,
            })),
          };
        });
      },
    );

    app.delete(
      "/api/v1/staff/:accountId/sessions",
      {
        schema: {
          summary: "End every session of a member of staff (administrator or DSL)",
          tags: ["staff"],
          params: z.object({ accountId: z.uuid() }),
          response: { 200: z.object({ ended: z.number() }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requirePermission(
          who.roles,
          "staff.revokeSessions",
          "an administrator or a designated safeguarding lead",
        );
        const { accountId } = request.params;
        const ended = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [member] = await tx
              .select({ id: memberships.id })
              .from(memberships)
              .where(
                and(eq(memberships.schoolId, who.schoolId), eq(memberships.accountId, accountId)),
              );
            if (!member) return null;
            const revoked = await tx
              .update(sessions)
              .set({ revokedAt: new Date() })
              .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
              .returning({ id: sessions.id });
            await audit(tx, who.schoolId, who.accountId, "sessions.revoked", {
              accountId,
              sessions: revoked.length,
            });
            return revoked.length;
          },
        );
        if (ended === null)
          throw problems.notFound("There is no such member of staff in this school.");
        return { ended };
      },
    );

    app.put(
      "/api/v1/staff/:accountId/training",
      {
        schema: {
          summary:
            "Record that a member of staff completed safeguarding and Tessera training (DSL)",
          tags: ["staff"],
          params: z.object({ accountId: z.uuid() }),
          body: z.object({ completedOn: z.iso.date() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requirePermission(who.roles, "staff.recordTraining", "a designated safeguarding lead");
        const { accountId } = request.params;
        const { completedOn } = request.body;
        if (completedOn > new Date().toISOString().slice(0, 10)) {
          throw problems.badRequest("Training cannot be completed in the future.", [
            { path: "completedOn", message: "Enter today's date or an earlier one." },
          ]);
        }
        const found = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [member] = await tx
              .select({ id: memberships.id })
              .from(memberships)
              .where(
                and(eq(memberships.schoolId, who.schoolId), eq(memberships.accountId, accountId)),
              );
            if (!member) return false;
            await tx
              .update(accounts)
              .set({ trainingCompletedAt: new Date(`${completedOn}T12:00:00Z`) })
              .where(eq(accounts.id, accountId));
            await audit(tx, who.schoolId, who.accountId, "training.recorded", {
              accountId,
              completedOn,
            });
            return true;
          },
        );
        if (!found) throw problems.notFound("There is no such member of staff in this school.");
        return reply.status(204).send(null);
      },
    );
  };
