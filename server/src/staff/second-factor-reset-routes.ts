// Administrator-assisted recovery: a member of staff has lost every second factor (phone
// and keys gone, recovery codes too). An administrator or DSL, with their own second
// factor in this session, removes the person's authenticator app, keys and passkeys and
// ends all their sessions; at their next sign-in with the password they enrol again.
//
// Because a reset lets whoever holds the password enrol a new factor, it is loud: the
// whole DSL team of the school is emailed (who reset whose account, and when), the person
// too, and it is audited with the reason. A DSL-team member's factors guard every child
// protection record, so an administrator alone cannot reset them: only another member of
// the DSL team can. Nobody resets their own.
import { and, eq, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import type { SchoolRole } from "../access/roles.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import {
  accounts,
  memberships,
  recoveryCodes,
  sessions,
  webauthnCredentials,
} from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { enqueue } from "../jobs/outbox.ts";
import { requireRosterManager } from "./roster-manager.ts";

/**
 * Whether this person may reset that member's second factor: the permission, never their
 * own, and only the DSL team resets a DSL-team member's (their roles carry DSL powers).
 * The staff list uses it to offer the button; the route below decides by it.
 */
export function mayResetSecondFactor(
  who: { accountId: string; roles: readonly SchoolRole[] },
  target: { accountId: string; roles: readonly SchoolRole[] },
): boolean {
  if (!can(who.roles, "staff.resetSecondFactor") || target.accountId === who.accountId) {
    return false;
  }
  return (
    !can(target.roles, "staff.resetDslTeamSecondFactor") ||
    can(who.roles, "staff.resetDslTeamSecondFactor")
  );
}

export const secondFactorResetRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/v1/staff/:accountId/second-factor-reset",
      {
        schema: {
          summary:
            "Reset a member of staff's second factor after they lost every device: app and keys removed, sessions ended, the DSL team told (administrator or DSL)",
          tags: ["staff"],
          params: z.object({ accountId: z.uuid() }),
          body: z.object({
            reason: z
              .string()
              .trim()
              .min(1, "Say why, such as “lost phone, identity checked in person”.")
              .max(500),
          }),
          response: {
            200: z.object({
              keysRemoved: z.number(),
              authenticatorAppRemoved: z.boolean(),
              sessionsEnded: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        if (!can(who.roles, "staff.resetSecondFactor")) throw problems.forbidden();
        const { accountId } = request.params;
        if (accountId === who.accountId) {
          throw problems.forbidden(
            "You cannot reset your own second factor: ask another administrator or your DSL.",
          );
        }
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [member] = await tx
              .select({ roles: memberships.roles })
              .from(memberships)
              .where(
                and(
                  eq(memberships.schoolId, who.schoolId),
                  eq(memberships.accountId, accountId),
                  isNull(memberships.deactivatedAt),
                ),
              );
            if (!member) return null;
            if (!mayResetSecondFactor(who, { accountId, roles: member.roles as SchoolRole[] })) {
              return "dsl-only" as const;
            }
            const now = new Date();
            const [account] = await tx
              .select({ totpSecret: accounts.totpSecret })
              .from(accounts)
              .where(eq(accounts.id, accountId));
            await tx
              .update(accounts)
              .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null })
              .where(eq(accounts.id, accountId));
            await tx
              .update(recoveryCodes)
              .set({ usedAt: now })
              .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
            const keys = await tx
              .update(webauthnCredentials)
              .set({ removedAt: now })
              .where(
                and(
                  eq(webauthnCredentials.accountId, accountId),
                  isNull(webauthnCredentials.removedAt),
                ),
              )
              .returning({ id: webauthnCredentials.id });
            const ended = await tx
              .update(sessions)
              .set({ revokedAt: now })
              .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
              .returning({ id: sessions.id });
            const authenticatorApp = Boolean(account?.totpSecret);
            await audit(tx, who.schoolId, who.accountId, "staff.second-factor-reset", {
              accountId,
              reason: request.body.reason,
              keys: keys.length,
              authenticatorApp,
              sessions: ended.length,
            });
            await enqueue(
              tx,
              "second-factor.reset",
              { schoolId: who.schoolId, accountId, resetBy: who.accountId, at: now.toISOString() },
              { schoolId: who.schoolId },
            );
            return {
              keysRemoved: keys.length,
              authenticatorAppRemoved: authenticatorApp,
              sessionsEnded: ended.length,
            };
          },
        );
        if (result === null) {
          throw problems.notFound("There is no such member of staff in this school.");
        }
        if (result === "dsl-only") {
          throw problems.forbidden(
            "Only a member of the DSL team can reset the second factor of a designated safeguarding lead or deputy.",
          );
        }
        return result;
      },
    );
  };
