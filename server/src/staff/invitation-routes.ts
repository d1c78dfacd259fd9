// Inviting staff: an administrator or DSL invites by email; the link opens a page (a GET
// never uses it up, so mail scanners cannot burn it) and only the form's POST, setting a
// password, accepts it. Only a DSL may give roles that open pupil records.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { roleReadsRecords } from "../access/grants.ts";
import { can } from "../access/permissions.ts";
import { ROLE_LABELS, SCHOOL_ROLES, type SchoolRole } from "../access/roles.ts";
import { audit } from "../audit/audit-events.ts";
import { hashPassword } from "../auth/password.ts";
import { checkNewPassword } from "../auth/password-policy.ts";
import { inSchool } from "../auth/signed-in.ts";
import { type Database, onlyRow, queryRows, type Tx } from "../db/database.ts";
import { accounts, invitations, memberships, schools } from "../db/schema/index.ts";
import { Problem, problems } from "../http/problem.ts";
import { enqueue } from "../jobs/outbox.ts";
import { readSchoolSettings } from "../roster/school-settings.ts";
import { INVITATION_DAYS, readInvitationToken } from "./invitation-token.ts";
import { requireRosterManager } from "./roster-manager.ts";

const Invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(SCHOOL_ROLES)),
  status: z.enum(["pending", "accepted", "revoked", "expired", "added"]),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  invitedBy: z.string().nullable(),
});
type Invitation = z.infer<typeof Invitation>;

const InvitationBody = z.object({
  email: z.email().max(320).trim(),
  name: z.string().trim().min(1).max(200),
  roles: z.array(z.enum(SCHOOL_ROLES)).min(1).max(SCHOOL_ROLES.length),
});

const daysFromNow = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);

function statusOf(row: typeof invitations.$inferSelect): Invitation["status"] {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt < new Date()) return "expired";
  return "pending";
}

/** Roles the giver may not give: those opening pupil records, unless the giver is a DSL. */
export function refuseRoles(giverRoles: readonly SchoolRole[], wanted: readonly SchoolRole[]) {
  if (can(giverRoles, "access.grant")) return;
  const refused = wanted.filter(roleReadsRecords);
  if (refused.length > 0) {
    throw new Problem(
      403,
      "dsl-only-role",
      "Only a designated safeguarding lead can give this role",
      `${refused.map((r) => ROLE_LABELS[r]).join(", ")} ${refused.length === 1 ? "opens" : "open"} pupil records, so only a designated safeguarding lead can give ${refused.length === 1 ? "it" : "them"}. You can invite this person as Staff and ask your DSL to add the role.`,
    );
  }
}

async function findInvitation(tx: Tx, schoolId: string, id: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.schoolId, schoolId), eq(invitations.id, id)));
  if (!row) throw problems.notFound("There is no such invitation in this school.");
  return row;
}

/** What the invitation page shows before anyone is signed in, or why the link is dead. */
async function openInvitation(db: Database, token: string) {
  const read = readInvitationToken(token);
  const dead = () =>
    new Problem(
      404,
      "invitation-not-found",
      "This invitation link does not work",
      "The link may have been used already, replaced by a newer email, or withdrawn. Ask whoever invited you to send it again.",
    );
  if (!read) throw dead();
  const found = await db.tx({ schoolId: read.schoolId, accountId: null }, async (tx) => {
    const [row] = await tx
      .select({ invitation: invitations, school: schools.name, settings: schools.settings })
      .from(invitations)
      .innerJoin(schools, eq(schools.id, invitations.schoolId))
      .where(and(eq(invitations.schoolId, read.schoolId), eq(invitations.tokenHash, read.hash)));
    return row ?? null;
  });
  if (!found || found.invitation.acceptedAt || found.invitation.revokedAt) throw dead();
  if (found.invitation.expiresAt < new Date()) {
    throw new Problem(
      410,
      "invitation-expired",
      "This invitation has expired",
      "Invitation links work for 7 days. Ask whoever invited you to send a new one.",
    );
  }
  return { ...found, schoolId: read.schoolId };
}

export const invitationRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/staff/invitations",
      {
        schema: {
          summary: "Invitations sent in this school, newest first (administrator or DSL)",
          tags: ["staff"],
          response: { 200: z.object({ items: z.array(Invitation) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select({ invitation: invitations, by: accounts.name })
            .from(invitations)
            .leftJoin(accounts, eq(accounts.id, invitations.invitedBy))
            .where(eq(invitations.schoolId, who.schoolId))
            .orderBy(desc(invitations.createdAt))
            .limit(500),
        );
        return {
          items: rows.map(({ invitation: i, by }) => ({
            id: i.id,
            email: i.email,
            name: i.name,
            roles: i.roles as SchoolRole[],
            status: statusOf(i),
            createdAt: i.createdAt,
            sentAt: i.sentAt,
            expiresAt: i.expiresAt,
            invitedBy: by,
          })),
        };
      },
    );

    app.post(
      "/api/v1/staff/invitations",
      {
        schema: {
          summary:
            "Invite a member of staff by email (administrator or DSL; only a DSL gives roles that read pupil records)",
          tags: ["staff"],
          body: InvitationBody,
          response: { 201: Invitation },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const { email, name } = request.body;
        const roles = [...new Set(request.body.roles)];
        refuseRoles(who.roles, roles);
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx): Promise<Invitation> => {
            const [account] = await tx
              .select({ id: accounts.id, active: accounts.active })
              .from(accounts)
              .where(sql`lower(${accounts.email}) = lower(${email})`);
            if (account) {
              // One account whatever schools a person works in: add a membership.
              const [member] = await tx
                .select()
                .from(memberships)
                .where(
                  and(
                    eq(memberships.schoolId, who.schoolId),
                    eq(memberships.accountId, account.id),
                  ),
                );
              if (member && !member.deactivatedAt) {
                throw problems.conflict("This person already works in this school on Tessera.");
              }
              if (!account.active) {
                throw problems.conflict(
                  "This person's Tessera account is switched off. Ask the school that switched it off.",
                );
              }
              if (member) {
                await tx
                  .update(memberships)
                  .set({ roles, deactivatedAt: null })
                  .where(
                    and(eq(memberships.schoolId, who.schoolId), eq(memberships.id, member.id)),
                  );
              } else {
                await tx
                  .insert(memberships)
                  .values({ schoolId: who.schoolId, accountId: account.id, roles });
              }
              await audit(tx, who.schoolId, who.accountId, "membership.added", {
                accountId: account.id,
                roles,
              });
              await enqueue(
                tx,
                "staff.added",
                { schoolId: who.schoolId, accountId: account.id, addedBy: who.accountId },
                { schoolId: who.schoolId },
              );
              return {
                id: account.id,
                email,
                name,
                roles,
                status: "added",
                createdAt: new Date(),
                sentAt: null,
                expiresAt: null,
                invitedBy: who.name,
              };
            }
            const [pending] = await tx
              .select({ id: invitations.id })
              .from(invitations)
              .where(
                and(
                  eq(invitations.schoolId, who.schoolId),
                  sql`lower(${invitations.email}) = lower(${email})`,
                  isNull(invitations.acceptedAt),
                  isNull(invitations.revokedAt),
                  sql`${invitations.expiresAt} > now()`,
                ),
              );
            if (pending) {
              throw problems.conflict(
                "This person already has an invitation waiting. Send it again from the list instead.",
              );
            }
            const row = onlyRow(
              await tx
                .insert(invitations)
                .values({
                  schoolId: who.schoolId,
                  email,
                  name,
                  roles,
                  invitedBy: who.accountId,
                  expiresAt: daysFromNow(INVITATION_DAYS),
                })
                .returning(),
              "invitation",
            );
            await audit(tx, who.schoolId, who.accountId, "invitation.sent", {
              invitationId: row.id,
              email,
              roles,
            });
            await enqueue(
              tx,
              "staff.invitation",
              { schoolId: who.schoolId, invitationId: row.id },
              { schoolId: who.schoolId },
            );
            return {
              id: row.id,
              email,
              name,
              roles,
              status: "pending",
              createdAt: row.createdAt,
              sentAt: null,
              expiresAt: row.expiresAt,
              invitedBy: who.name,
            };
          },
        );
        return reply.status(201).send(result);
      },
    );

    app.post(
      "/api/v1/staff/invitations/:id/resend",
      {
        schema: {
          summary: "Send an invitation again with a new link; the old link stops working",
          tags: ["staff"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireRosterManager(who);
        await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
          const row = await findInvitation(tx, who.schoolId, request.params.id);
          if (row.acceptedAt || row.revokedAt) {
            throw problems.conflict("This invitation was accepted or withdrawn already.");
          }
          refuseRoles(who.roles, row.roles as SchoolRole[]);
          await tx
            .update(invitations)
            .set({ expiresAt: daysFromNow(INVITATION_DAYS), tokenHash: null })
            .where(and(eq(invitations.schoolId, who.schoolId), eq(invitations.id, row.id)));
          await audit(tx, who.schoolId, who.accountId, "invitation.resent", {
            invitationId: row.id,
          });
          await enqueue(
            tx,
            "staff.invitation",
            { schoolId: who.schoolId, invitationId: row.id },
            { schoolId: who.schoolId },
          );
        });
        return reply.status(204).send(null);
      },
    );

    app.delete(
      "/api/v1/staff/invitations/:id",
      {
        schema: {
          summary: "Withdraw an invitation: its link stops working",
          tags: ["staff"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireRosterManager(who);
        await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
          const row = await findInvitation(tx, who.schoolId, request.params.id);
          if (row.acceptedAt) throw problems.conflict("This invitation was accepted already.");
          if (row.revokedAt) return;
          await tx
            .update(invitations)
            .set({ revokedAt: new Date(), revokedBy: who.accountId, tokenHash: null })
            .where(and(eq(invitations.schoolId, who.schoolId), eq(invitations.id, row.id)));
          await audit(tx, who.schoolId, who.accountId, "invitation.revoked", {
            invitationId: row.id,
          });
        });
        return reply.status(204).send(null);
      },
    );

    const TokenParams = z.object({ token: z.string().min(1).max(200) });

    app.get(
      "/api/v1/invitations/:token",
      {
        config: { public: true },
        schema: {
          summary: "What an invitation link is for (reading it does not use it up)",
          tags: ["session"],
          params: TokenParams,
          response: {
            200: z.object({
              school: z.string(),
              name: z.string(),
              email: z.string(),
              expiresAt: z.date(),
              minPasswordLength: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const found = await openInvitation(db, request.params.token);
        return {
          school: found.school,
          name: found.invitation.name,
          email: found.invitation.email,
          expiresAt: found.invitation.expiresAt,
          minPasswordLength: readSchoolSettings(found.settings).minPasswordLength,
        };
      },
    );

    app.post(
      "/api/v1/invitations/:token",
      {
        config: { public: true },
        schema: {
          summary: "Accept an invitation by setting a password; the link then stops working",
          tags: ["session"],
          params: TokenParams,
          body: z.object({ password: z.string().min(1).max(1000) }),
          response: { 201: z.object({ email: z.string(), school: z.string() }) },
        },
      },
      async (request, reply) => {
        const found = await openInvitation(db, request.params.token);
        const { invitation } = found;
        const verdict = checkNewPassword(request.body.password, {
          minLength: readSchoolSettings(found.settings).minPasswordLength,
          personal: [
            invitation.email,
            invitation.email.split("@")[0] ?? "",
            ...invitation.name.split(/\s+/),
          ],
        });
        if (verdict.problems.length > 0) {
          throw problems.badRequest(
            "This password cannot be used.",
            verdict.problems.map((message) => ({ path: "password", message })),
          );
        }
        const passwordHash = await hashPassword(request.body.password);
        await db.tx({ schoolId: found.schoolId, accountId: null }, async (tx) => {
          // Single use: only the request that marks it accepted goes on.
          const claimed = await tx
            .update(invitations)
            .set({ acceptedAt: new Date(), tokenHash: null })
            .where(
              and(
                eq(invitations.schoolId, found.schoolId),
                eq(invitations.id, invitation.id),
                isNull(invitations.acceptedAt),
                isNull(invitations.revokedAt),
                eq(invitations.tokenHash, invitation.tokenHash ?? ""),
              ),
            )
            .returning({ id: invitations.id });
          if (claimed.length === 0) {
            throw problems.conflict("This invitation was used a moment ago.");
          }
          const [existing] = await queryRows<{ id: string }>(
            tx,
            sql`select id from accounts where lower(email) = lower(${invitation.email})`,
          );
          if (existing) {
            // An account made since the invitation was sent: never overwrite a password.
            throw problems.conflict(
              "This email address already has a Tessera account. Sign in with it, and ask whoever invited you to add you to the school.",
            );
          }
          const account = onlyRow(
            await tx
              .insert(accounts)
              .values({ email: invitation.email, name: invitation.name, passwordHash })
              .returning({ id: accounts.id }),
            "account",
          );
          await tx.insert(memberships).values({
            schoolId: found.schoolId,
            accountId: account.id,
            roles: invitation.roles,
          });
          await tx
            .update(invitations)
            .set({ acceptedAccountId: account.id })
            .where(
              and(eq(invitations.schoolId, found.schoolId), eq(invitations.id, invitation.id)),
            );
          await audit(tx, found.schoolId, account.id, "invitation.accepted", {
            invitationId: invitation.id,
            accountId: account.id,
          });
        });
        return reply.status(201).send({ email: invitation.email, school: found.school });
      },
    );
  };
