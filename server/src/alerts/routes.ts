// My alerts: unread first, then newest; marking one read records when.
import { and, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import { alertReads, alerts } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";

export const alertRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/alerts",
      {
        schema: {
          summary: "My alerts: unread first (oldest first, to work through), then read",
          tags: ["alerts"],
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(50),
            cursor: z
              .string()
              .regex(/^\d{1,9}$/)
              .optional(),
          }),
          response: {
            200: z.object({
              unread: z.number(),
              items: z.array(
                z.object({
                  id: z.uuid(),
                  incident: z.object({ id: z.uuid(), number: z.number() }),
                  pupil: z.object({ id: z.uuid(), name: z.string() }),
                  raisedBy: z.string(),
                  categories: z.array(z.string()),
                  via: z.string(),
                  sentAt: z.date(),
                  readAt: z.date().nullable(),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const { limit } = request.query;
        const offset = Number(request.query.cursor ?? 0);
        const { rows, unread } = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const rows = await queryRows<{
              id: string;
              incident_id: string;
              number: number;
              pupil_id: string;
              pupil_name: string;
              raised_by: string;
              categories: string[];
              via: string;
              sent_at: string;
              read_at: string | null;
            }>(
              tx,
              sql`select a.id, a.incident_id, ic.number, ic.pupil_id,
                  coalesce(p.preferred_first_name, p.legal_first_name) || ' ' || coalesce(p.preferred_last_name, p.legal_last_name) as pupil_name,
                  au.name as raised_by, a.via, a.sent_at,
                  (select min(r.read_at) from alert_reads r where r.school_id = a.school_id and r.alert_id = a.id) as read_at,
                  array(select c.name from categories c where c.school_id = ic.school_id and c.id = any(ic.category_ids) order by c.sort_order) as categories
                from alerts a
                join incident_current ic on ic.school_id = a.school_id and ic.incident_id = a.incident_id
                join pupils p on p.school_id = ic.school_id and p.id = ic.pupil_id
                join accounts au on au.id = ic.author_id
                where a.school_id = ${who.schoolId} and a.recipient_id = ${who.accountId}
                  and not ic.entered_in_error
                order by (select min(r.read_at) from alert_reads r where r.school_id = a.school_id and r.alert_id = a.id) is not null,
                  case when exists (select 1 from alert_reads r where r.school_id = a.school_id and r.alert_id = a.id) then null else a.sent_at end asc,
                  a.sent_at desc
                limit ${limit + 1} offset ${offset}`,
            );
            const [count] = await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from alerts a
                join incident_current ic on ic.school_id = a.school_id and ic.incident_id = a.incident_id
                where a.school_id = ${who.schoolId} and a.recipient_id = ${who.accountId}
                  and not ic.entered_in_error
                  and not exists (select 1 from alert_reads r where r.school_id = a.school_id and r.alert_id = a.id)`,
            );
            return { rows, unread: count?.n ?? 0 };
          },
        );
        return {
          unread,
          items: rows.slice(0, limit).map((r) => ({
            id: r.id,
            incident: { id: r.incident_id, number: r.number },
            pupil: { id: r.pupil_id, name: r.pupil_name },
            raisedBy: r.raised_by,
            categories: r.categories,
            via: r.via,
            sentAt: new Date(r.sent_at),
            readAt: r.read_at ? new Date(r.read_at) : null,
          })),
          nextCursor: rows.length > limit ? String(offset + limit) : null,
        };
      },
    );

    app.post(
      "/api/v1/alerts/:id/read",
      {
        schema: {
          summary: "Mark one of my alerts read (records when; reading it again changes nothing)",
          tags: ["alerts"],
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const found = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [alert] = await tx
              .select({ id: alerts.id })
              .from(alerts)
              .where(
                and(
                  eq(alerts.schoolId, who.schoolId),
                  eq(alerts.id, request.params.id),
                  eq(alerts.recipientId, who.accountId),
                ),
              );
            if (!alert) return false;
            const [already] = await tx
              .select()
              .from(alertReads)
              .where(and(eq(alertReads.schoolId, who.schoolId), eq(alertReads.alertId, alert.id)));
            if (!already)
              await tx.insert(alertReads).values({ schoolId: who.schoolId, alertId: alert.id });
            return true;
          },
        );
        if (!found) throw problems.notFound();
        return reply.status(204).send(null);
      },
    );
  };
