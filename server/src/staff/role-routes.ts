// Changing a member of staff's roles and the classes they teach. Roles that open pupil
// records, and class-teacher links (a derived grant), are the DSL's to give or take.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { SCHOOL_ROLES, type SchoolRole } from "../access/roles.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { classes, classTeachers, memberships, yearGroups } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { refuseRoles } from "./invitation-routes.ts";
import { requireRosterManager } from "./roster-manager.ts";

const params = z.object({ accountId: z.uuid() });

export const roleRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/classes",
      {
        schema: {
          summary:
            "The school's classes, for choosing a class teacher's classes (administrator or DSL)",
          tags: ["roster"],
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: z.uuid(), name: z.string(), yearGroup: z.string().nullable() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const items = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          tx
            .select({ id: classes.id, name: classes.name, yearGroup: yearGroups.name })
            .from(classes)
            .leftJoin(
              yearGroups,
              and(
                eq(yearGroups.schoolId, classes.schoolId),
                eq(yearGroups.id, classes.yearGroupId),
              ),
            )
            .where(eq(classes.schoolId, who.schoolId))
            .orderBy(asc(yearGroups.ncy), asc(classes.name)),
        );
        return { items };
      },
    );

    app.put(
      "/api/v1/staff/:accountId/roles",
      {
        schema: {
          summary:
            "Change a member of staff's roles (administrator or DSL; only a DSL gives or takes roles that read pupil records)",
          tags: ["staff"],
          params,
          body: z.object({ roles: z.array(z.enum(SCHOOL_ROLES)).min(1).max(SCHOOL_ROLES.length) }),
          response: { 200: z.object({ roles: z.array(z.enum(SCHOOL_ROLES)) }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        const { accountId } = request.params;
        if (accountId === who.accountId) {
          throw problems.badRequest("Ask another administrator or DSL to change your own roles.");
        }
        const roles = [...new Set(request.body.roles)];
        return db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
          const [member] = await tx
            .select({ id: memberships.id, roles: memberships.roles })
            .from(memberships)
            .where(
              and(eq(memberships.schoolId, who.schoolId), eq(memberships.accountId, accountId)),
            );
          if (!member) throw problems.notFound("There is no such member of staff in this school.");
          const before = member.roles as SchoolRole[];
          const changed = [
            ...roles.filter((r) => !before.includes(r)),
            ...before.filter((r) => !roles.includes(r)),
          ];
          refuseRoles(who.roles, changed);
          await tx
            .update(memberships)
            .set({ roles })
            .where(and(eq(memberships.schoolId, who.schoolId), eq(memberships.id, member.id)));
          await audit(tx, who.schoolId, who.accountId, "roles.changed", {
            accountId,
            from: before,
            to: roles,
          });
          return { roles };
        });
      },
    );

    app.put(
      "/api/v1/staff/:accountId/classes",
      {
        schema: {
          summary:
            "Set the classes a member of staff teaches (DSL: it opens those pupils' records)",
          tags: ["staff"],
          params,
          body: z.object({ classIds: z.array(z.uuid()).max(100) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireRosterManager(who);
        if (!can(who.roles, "access.grant")) {
          throw problems.forbidden(
            "Only a designated safeguarding lead can choose a class teacher's classes: it opens those pupils' records.",
          );
        }
        const { accountId } = request.params;
        const classIds = [...new Set(request.body.classIds)];
        await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
          const [member] = await tx
            .select({ id: memberships.id, roles: memberships.roles })
            .from(memberships)
            .where(
              and(eq(memberships.schoolId, who.schoolId), eq(memberships.accountId, accountId)),
            );
          if (!member) throw problems.notFound("There is no such member of staff in this school.");
          if (classIds.length > 0) {
            const found = await tx
              .select({ id: classes.id })
              .from(classes)
              .where(and(eq(classes.schoolId, who.schoolId), inArray(classes.id, classIds)));
            if (found.length !== classIds.length) {
              throw problems.badRequest("Choose classes of this school.", [
                { path: "classIds", message: "One of these is not a class of this school." },
              ]);
            }
          }
          await tx
            .delete(classTeachers)
            .where(
              and(
                eq(classTeachers.schoolId, who.schoolId),
                eq(classTeachers.membershipId, member.id),
              ),
            );
          if (classIds.length > 0) {
            await tx.insert(classTeachers).values(
              classIds.map((classId) => ({
                schoolId: who.schoolId,
                classId,
                membershipId: member.id,
              })),
            );
          }
          await audit(tx, who.schoolId, who.accountId, "classes.changed", { accountId, classIds });
        });
        return reply.status(204).send(null);
      },
    );
  };
