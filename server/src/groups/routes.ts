// Alert groups, kept by the DSL team: add, rename, (de)activate, the roles whose holders
// belong, and people added by name. A change alters who is alerted next time only:
// alerts already sent name their recipients. Every change is an audit event.
import { and, asc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { SchoolRole } from "../access/roles.ts";
import { groupMembersOf } from "../alerts/group-members.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import { type Database, onlyRow, type Tx } from "../db/database.ts";
import { accounts, groupMembers, groups, memberships } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { acting, mayChange, mayRead } from "./may-configure.ts";
import { GroupName, GroupRoles, ManagedGroup } from "./schemas.ts";

const IdParams = z.object({ id: z.uuid() });
const MemberParams = z.object({ id: z.uuid(), accountId: z.uuid() });

async function findGroup(tx: Tx, schoolId: string, id: string) {
  const [group] = await tx
    .select()
    .from(groups)
    .where(and(eq(groups.schoolId, schoolId), eq(groups.id, id)));
  if (!group) throw problems.notFound("There is no such group.");
  return group;
}

async function nameTaken(tx: Tx, schoolId: string, name: string, self?: string) {
  const rows = await tx
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(eq(groups.schoolId, schoolId));
  const clash = rows.find((g) => g.id !== self && g.name.toLowerCase() === name.toLowerCase());
  if (clash) {
    throw problems.unprocessable("Choose another name.", [
      { path: "name", message: `There is already a group called ${clash.name}.` },
    ]);
  }
}

export async function managedGroups(tx: Tx, schoolId: string) {
  const rows = await tx
    .select()
    .from(groups)
    .where(eq(groups.schoolId, schoolId))
    .orderBy(asc(groups.name));
  const members = await groupMembersOf(tx, schoolId, "all", { includeInactiveGroups: true });
  const names = members.length
    ? await tx
        .select({ id: accounts.id, name: accounts.name, roles: memberships.roles })
        .from(memberships)
        .innerJoin(accounts, eq(accounts.id, memberships.accountId))
        .where(eq(memberships.schoolId, schoolId))
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    roles: g.roles as SchoolRole[],
    active: g.active,
    members: members
      .filter((m) => m.groupId === g.id)
      .map((m) => {
        const person = byId.get(m.accountId);
        return {
          accountId: m.accountId,
          name: person?.name ?? "",
          byName: m.byName,
          byRole: (person?.roles ?? []).some((r) => g.roles.includes(r)),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

export const groupRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/groups/manage",
      {
        schema: {
          summary: "Every alert group with its roles and members, inactive ones too (DSL team)",
          tags: ["groups"],
          response: { 200: z.object({ items: z.array(ManagedGroup) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        mayRead(who);
        return { items: await db.tx(acting(who), (tx) => managedGroups(tx, who.schoolId)) };
      },
    );

    app.post(
      "/api/v1/groups",
      {
        schema: {
          summary: "Add an alert group (DSL team, second factor)",
          tags: ["groups"],
          body: z.object({ name: GroupName, roles: GroupRoles.default([]) }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const { name, roles } = request.body;
        const id = await db.tx(acting(who), async (tx) => {
          await nameTaken(tx, who.schoolId, name);
          const row = onlyRow(
            await tx
              .insert(groups)
              .values({ schoolId: who.schoolId, name, roles: [...new Set(roles)] })
              .returning({ id: groups.id }),
            "the new group",
          );
          await audit(tx, who.schoolId, who.accountId, "group.added", {
            groupId: row.id,
            name,
            roles: [...new Set(roles)],
          });
          return row.id;
        });
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      "/api/v1/groups/:id",
      {
        schema: {
          summary:
            "Rename an alert group, change the roles whose holders belong, or (de)activate it (DSL team, second factor)",
          tags: ["groups"],
          params: IdParams,
          body: z.object({
            name: GroupName.optional(),
            roles: GroupRoles.optional(),
            active: z.boolean().optional(),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const body = request.body;
        await db.tx(acting(who), async (tx) => {
          const group = await findGroup(tx, who.schoolId, request.params.id);
          const change: { name?: string; roles?: string[]; active?: boolean } = {};
          if (body.name !== undefined && body.name !== group.name) {
            await nameTaken(tx, who.schoolId, body.name, group.id);
            change.name = body.name;
          }
          if (body.roles !== undefined) {
            const roles = [...new Set(body.roles)];
            if (roles.join() !== group.roles.join()) change.roles = roles;
          }
          if (body.active !== undefined && body.active !== group.active)
            change.active = body.active;
          if (Object.keys(change).length === 0) return;
          await tx
            .update(groups)
            .set(change)
            .where(and(eq(groups.schoolId, who.schoolId), eq(groups.id, group.id)));
          await audit(tx, who.schoolId, who.accountId, "group.changed", {
            groupId: group.id,
            ...(change.name === undefined ? {} : { from: group.name, to: change.name }),
            ...(change.roles === undefined ? {} : { roles: change.roles }),
            ...(change.active === undefined ? {} : { active: change.active }),
          });
        });
        return reply.status(204).send(null);
      },
    );

    app.put(
      "/api/v1/groups/:id/members/:accountId",
      {
        schema: {
          summary: "Add a member of staff to an alert group by name (DSL team, second factor)",
          tags: ["groups"],
          params: MemberParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const { id, accountId } = request.params;
        await db.tx(acting(who), async (tx) => {
          const group = await findGroup(tx, who.schoolId, id);
          const [member] = await tx
            .select({ id: memberships.id, deactivatedAt: memberships.deactivatedAt })
            .from(memberships)
            .where(
              and(eq(memberships.schoolId, who.schoolId), eq(memberships.accountId, accountId)),
            );
          if (!member || member.deactivatedAt) {
            throw problems.unprocessable("Choose a member of staff of this school.", [
              { path: "accountId", message: "Choose a member of staff of this school." },
            ]);
          }
          const added = await tx
            .insert(groupMembers)
            .values({ schoolId: who.schoolId, groupId: group.id, membershipId: member.id })
            .onConflictDoNothing()
            .returning({ id: groupMembers.membershipId });
          if (added.length > 0) {
            await audit(tx, who.schoolId, who.accountId, "group.member-added", {
              groupId: group.id,
              accountId,
            });
          }
        });
        return reply.status(204).send(null);
      },
    );

    app.delete(
      "/api/v1/groups/:id/members/:accountId",
      {
        schema: {
          summary:
            "Take someone added by name out of an alert group (DSL team, second factor); holders of the group's roles stay in it",
          tags: ["groups"],
          params: MemberParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayChange(who);
        const { id, accountId } = request.params;
        await db.tx(acting(who), async (tx) => {
          const group = await findGroup(tx, who.schoolId, id);
          const [member] = await tx
            .select({ id: memberships.id })
            .from(memberships)
            .where(
              and(eq(memberships.schoolId, who.schoolId), eq(memberships.accountId, accountId)),
            );
          if (!member) throw problems.notFound("That person is not in this group.");
          const removed = await tx
            .delete(groupMembers)
            .where(
              and(
                eq(groupMembers.schoolId, who.schoolId),
                eq(groupMembers.groupId, group.id),
                eq(groupMembers.membershipId, member.id),
              ),
            )
            .returning({ id: groupMembers.membershipId });
          if (removed.length === 0) throw problems.notFound("That person is not in this group.");
          await audit(tx, who.schoolId, who.accountId, "group.member-removed", {
            groupId: group.id,
            accountId,
          });
        });
        return reply.status(204).send(null);
      },
    );
  };
