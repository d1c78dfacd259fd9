// Email delivery, for the school's administrator and DSL team: jobs the outbox could not
// deliver after every retry (or is still retrying), with the error, and a way to try a
// failed one again once the mail server is mended. Shows the kind of email and who it
// was for, never its content.
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool } from "../auth/signed-in.ts";
import { type Database, queryRows } from "../db/database.ts";
import { problems } from "../http/problem.ts";

// How each kind of job is described to an administrator.
const KIND_LABELS: Record<string, string> = {
  "incident.alert": "Alert email",
  "access.changed": "Access change notice",
  "review.overdue-digest": "Overdue work digest",
  "sign-in.failures": "Failed sign-in warning",
};

export const deliveryRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const mayView = (roles: Parameters<typeof can>[0]) => can(roles, "roster.manage");

    app.get(
      "/api/v1/email-delivery",
      {
        schema: {
          summary: "Emails the school's outbox has not delivered: failed, or still being retried",
          tags: ["settings"],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  kind: z.string(),
                  label: z.string(),
                  createdAt: z.date(),
                  attempts: z.number(),
                  lastError: z.string().nullable(),
                  state: z.enum(["failed", "retrying"]),
                  nextAttemptAt: z.date().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!mayView(who.roles)) {
          throw problems.forbidden("Only the administrator and the DSL team can see this.");
        }
        // The outbox is not a school's table (jobs run as the owner): the school is
        // filtered here, explicitly.
        const rows = await db.owner((tx) =>
          queryRows<{
            id: string;
            kind: string;
            created_at: string;
            attempts: number;
            last_error: string | null;
            failed_at: string | null;
            run_after: string;
          }>(
            tx,
            sql`select id, kind, created_at, attempts, last_error, failed_at, run_after from outbox
                where school_id = ${who.schoolId} and done_at is null
                  and (failed_at is not null or attempts > 0)
                order by created_at desc limit 200`,
          ),
        );
        return {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            label: KIND_LABELS[r.kind] ?? r.kind,
            createdAt: new Date(r.created_at),
            attempts: r.attempts,
            lastError: r.last_error,
            state: r.failed_at ? ("failed" as const) : ("retrying" as const),
            nextAttemptAt: r.failed_at ? null : new Date(r.run_after),
          })),
        };
      },
    );

    app.post(
      "/api/v1/email-delivery/:id/retry",
      {
        schema: {
          summary: "Try a failed email again now",
          tags: ["settings"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        if (!mayView(who.roles)) {
          throw problems.forbidden("Only the administrator and the DSL team can do this.");
        }
        const retried = await db.owner(async (tx) => {
          const rows = await queryRows<{ id: string }>(
            tx,
            sql`update outbox set failed_at = null, attempts = 0, run_after = now(), claimed_until = null
                where id = ${request.params.id} and school_id = ${who.schoolId}
                  and failed_at is not null and done_at is null
                returning id`,
          );
          if (rows.length > 0) {
            await audit(tx, who.schoolId, who.accountId, "email.retried", {
              jobId: request.params.id,
            });
          }
          return rows.length > 0;
        });
        if (!retried) throw problems.notFound("There is no failed email with that id.");
        return reply.status(204).send(null);
      },
    );
  };
