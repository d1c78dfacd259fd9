// The DSL's dashboard (seed 004 §5: every new incident reviewed within 24 hours): what
// is unreviewed, oldest — overdue — first, and alerts left unread too long. Counts and
// lists of numbers and ages; the records themselves open through their own checks.
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import { problems } from "../http/problem.ts";

export const dashboardRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/dashboard",
      {
        schema: {
          summary:
            "The DSL dashboard: unreviewed incidents (overdue first) and unread alerts overdue",
          tags: ["dashboard"],
          response: {
            200: z.object({
              reviewWithinHours: z.number(),
              unreviewed: z.object({
                total: z.number(),
                overdue: z.number(),
                items: z.array(
                  z.object({
                    id: z.uuid(),
                    number: z.number(),
                    recordedAt: z.date(),
                    ageHours: z.number(),
                    overdue: z.boolean(),
                    author: z.string(),
                  }),
                ),
              }),
              unreadAlertsOverdue: z.object({
                total: z.number(),
                items: z.array(
                  z.object({ recipient: z.string(), incidentNumber: z.number(), sentAt: z.date() }),
                ),
              }),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        if (!can(who.roles, "dashboard.view")) {
          throw problems.forbidden("The dashboard is for the designated safeguarding leads.");
        }
        const { reviewWithinHours, unreadAlertHours } = who.settings;
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const unreviewed = await queryRows<{
              id: string;
              number: number;
              recorded_at: string;
              age_hours: number;
              author: string;
            }>(
              tx,
              sql`select ic.incident_id as id, ic.number, ic.recorded_at, a.name as author,
                  floor(extract(epoch from now() - ic.recorded_at) / 3600)::int as age_hours
                from incident_current ic join accounts a on a.id = ic.author_id
                where ic.school_id = ${who.schoolId} and ic.reviewed_at is null and not ic.entered_in_error
                order by ic.recorded_at asc limit 200`,
            );
            const [counts] = await queryRows<{ total: number; overdue: number }>(
              tx,
              sql`select count(*)::int as total,
                  count(*) filter (where ic.recorded_at < now() - make_interval(hours => ${reviewWithinHours}))::int as overdue
                from incident_current ic
                where ic.school_id = ${who.schoolId} and ic.reviewed_at is null and not ic.entered_in_error`,
            );
            const unread = await queryRows<{ recipient: string; number: number; sent_at: string }>(
              tx,
              sql`select r.name as recipient, ic.number, al.sent_at
                from alerts al
                join accounts r on r.id = al.recipient_id
                join incident_current ic on ic.school_id = al.school_id and ic.incident_id = al.incident_id
                where al.school_id = ${who.schoolId} and not ic.entered_in_error
                  and al.sent_at < now() - make_interval(hours => ${unreadAlertHours})
                  and not exists (select 1 from alert_reads x where x.school_id = al.school_id and x.alert_id = al.id)
                order by al.sent_at asc limit 200`,
            );
            return { unreviewed, counts, unread };
          },
        );
        return {
          reviewWithinHours,
          unreviewed: {
            total: result.counts?.total ?? 0,
            overdue: result.counts?.overdue ?? 0,
            items: result.unreviewed.map((u) => ({
              id: u.id,
              number: u.number,
              recordedAt: new Date(u.recorded_at),
              ageHours: u.age_hours,
              overdue: u.age_hours >= reviewWithinHours,
              author: u.author,
            })),
          },
          unreadAlertsOverdue: {
            total: result.unread.length,
            items: result.unread.map((u) => ({
              recipient: u.recipient,
              incidentNumber: u.number,
              sentAt: new Date(u.sent_at),
            })),
          },
        };
      },
    );
  };
