// The staff list for administrators and the DSL, and deactivating a leaver: their
// sessions end at once and they cannot sign in, but every record they wrote is kept.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SCHOOL_ROLES, type SchoolRole } from "../access/roles.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import { type Database, queryRows } from "../db/database.ts";
import { accounts, memberships, sessions, trustMemberships } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { requireRosterManager } from "./roster-manager.ts";
import { mayResetSecondFactor } from "./second-factor-reset-routes.ts";

const Member = z.object({
  accountId: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(SCHOOL_ROLES)),
  jobTitle: z.string().nullable(),
  classes: z.array(z.string()),
  active: z.boolean(),
  deactivatedAt: z.date().nullable(),
  lastSignInAt: z.date().nullable(),
  // Whether the reader may reset this member's second factor (the server's rule).
  canResetSecondFactor: z.boolean(),
});

export const memberRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/staff/members",
      {
        schema: {
          summary: "Staff of this school with their roles and status (administrator or DSL)",
          tags: ["staff"],
          response: { 200: z.object({ items: z.array(Member) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          queryRows<{
            account_id: string;
            name: string;
            email: string;
            roles: string[];
            job_title: string | null;
            classes: string[];
            active: boolean;
            deactivated_at: string | null;
            last_sign_in_at: string | null;
          }>(
            tx,
            sql`select a.id as account_id, a.name, a.email, m.roles, m.job_title,
                       array(select c.name from class_teachers ct
                             join classes c on c.school_id = ct.school_id and c.id = ct.class_id
                             where ct.school_id = m.school_id and ct.membership_id = m.id
                             order by c.name) as classes,
                       a.active and m.deactivated_at is null as active, m.deactivated_at,
                       (select max(s.created_at) from sessions s where s.account_id = a.id) as last_sign_in_at
                from memberships m join accounts a on a.id = m.account_id
                where m.school_id = ${who.schoolId}
                order by (m.deactivated_at is not null), a.name`,
          ),
        );
        return {
          items: rows.map((r) => ({
            accountId: r.account_id,
            name: r.name,
            email: r.email,
            roles: r.roles as SchoolRole[],
            jobTitle: r.job_title,
            classes: r.classes,
            active: r.active,
            deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at) : null,
            lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at) : null,
            canResetSecondFactor: mayResetSecondFactor(who, {
              accountId: r.account_id,
              roles: r.roles as SchoolRole[],
            }),
          })),
        };
      },
    );

    app.post(
      "/api/v1/staff/:accountId/deactivate",
      {
        schema: {
          summary:
            "A member of staff leaves: their sessions end at once, they cannot sign in, their records stay (administrator or DSL)",
          tags: ["staff"],
          params: z.object({ accountId: z.uuid() }),
          response: { 200: z.object({ ended: z.number() }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const { accountId } = request.params;
        if (accountId === who.accountId) {
          throw problems.badRequest("You cannot deactivate your own account.");
        }
        const ended = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [member] = await tx
              .select({ id: memberships.id, deactivatedAt: memberships.deactivatedAt })
              .from(memberships)
              .where(
                and(eq(memberships.schoolId, who.schoolId), eq(memberships.accountId, accountId)),
              );
            if (!member) return null;
            const now = new Date();
            if (!member.deactivatedAt) {
              await tx
                .update(memberships)
                .set({ deactivatedAt: now })
                .where(and(eq(memberships.schoolId, who.schoolId), eq(memberships.id, member.id)));
            }
            // Work elsewhere (another school's membership, a trust role) keeps the account;
            // with none left, the account is switched off so no sign-in can succeed.
            const [elsewhere] = await queryRows<{ n: number }>(
              tx,
              sql`select (select count(*) from ${memberships} where ${memberships.accountId} = ${accountId}
                            and ${memberships.deactivatedAt} is null and ${memberships.schoolId} <> ${who.schoolId})
                       + (select count(*) from ${trustMemberships} where ${trustMemberships.accountId} = ${accountId}) as n`,
            );
            if (Number(elsewhere?.n ?? 0) === 0) {
              await tx.update(accounts).set({ active: false }).where(eq(accounts.id, accountId));
            }
            const revoked = await tx
              .update(sessions)
              .set({ revokedAt: now })
              .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
              .returning({ id: sessions.id });
            await audit(tx, who.schoolId, who.accountId, "staff.deactivated", {
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
  };
