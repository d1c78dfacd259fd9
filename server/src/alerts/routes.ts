// My alerts: unread first, then newest; marking one read records when.
import { and, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { can } from "../access/permissions.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import { alertReads, alerts, alertWithdrawals } from "../db/schema/index.ts";
import { type FieldError, problems } from "../http/problem.ts";
import { loadIncidentCurrent } from "../incidents/record-facts.ts";
import { activeStaff, checkGroups } from "../incidents/references.ts";
import { enqueue } from "../jobs/outbox.ts";
import { alertRecipients } from "./recipients.ts";

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
                  // Set when the alert is about one action: it opens that action only.
                  action: z.object({ id: z.uuid() }).nullable(),
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
            // Mine, not withdrawn, on incidents still in the record.
            const mine = sql`from alerts a
              join incident_current ic on ic.school_id = a.school_id and ic.incident_id = a.incident_id
              where a.school_id = ${who.schoolId} and a.recipient_id = ${who.accountId}
                and not ic.entered_in_error
                and not exists (select 1 from alert_withdrawals w
                                where w.school_id = a.school_id and w.alert_id = a.id)`;
            const readIt = sql`exists (select 1 from alert_reads r
              where r.school_id = a.school_id and r.alert_id = a.id)`;
            const [count] = await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n ${mine} and not ${readIt}`,
            );
            const unread = count?.n ?? 0;
            // Unread first, oldest unread first (to work through); then read, newest first.
            // Two lists, each walked in alerts_recipient order and stopped at the page,
            // rather than working out the read state of every alert ever received.
            const wanted = limit + 1;
            const unreadTake = Math.max(0, Math.min(wanted, unread - offset));
            const readSkip = Math.max(0, offset - unread);
            const rows = await queryRows<{
              id: string;
              incident_id: string;
              action_id: string | null;
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
              sql`with unread_page as (
                  select a.id, a.incident_id, a.action_id, a.via, a.sent_at, null::timestamptz as read_at
                  ${mine} and not ${readIt}
                  order by a.sent_at asc, a.id
                  limit ${unreadTake} offset ${Math.min(offset, unread)}),
                read_page as (
                  select a.id, a.incident_id, a.action_id, a.via, a.sent_at,
                    (select min(r.read_at) from alert_reads r
                      where r.school_id = a.school_id and r.alert_id = a.id) as read_at
                  ${mine} and ${readIt}
                  order by a.sent_at desc, a.id
                  limit ${wanted - unreadTake} offset ${readSkip}),
                page as (select * from unread_page union all select * from read_page)
                select page.id, page.incident_id, page.action_id, page.via, page.sent_at, page.read_at, ic.number, p.id as pupil_id,
                  coalesce(p.preferred_first_name, p.legal_first_name) || ' ' || coalesce(p.preferred_last_name, p.legal_last_name) as pupil_name,
                  au.name as raised_by,
                  -- An alert about an action opens that action only: its own pupil and
                  -- author, and none of the incident's categories.
                  case when page.action_id is null
                    then array(select c.name from categories c where c.school_id = ic.school_id and c.id = any(ic.category_ids) order by c.sort_order)
                    else array[]::text[] end as categories
                from page
                join incident_current ic on ic.school_id = ${who.schoolId} and ic.incident_id = page.incident_id
                left join actions act on act.school_id = ic.school_id and act.id = page.action_id
                join pupils p on p.school_id = ic.school_id and p.id = coalesce(act.pupil_id, ic.pupil_id)
                join accounts au on au.id = coalesce(act.author_id, ic.author_id)
                order by page.read_at is not null, case when page.read_at is null then page.sent_at end asc, page.sent_at desc, page.id`,
            );
            // The inbox names pupils and categories: a read, resting on the alerts.
            await logAccess(tx, {
              schoolId: who.schoolId,
              accountId: who.accountId,
              action: "alerts.list",
              decision: { allowed: true, reason: "alert" },
              recordType: "alert",
              ip: request.ip,
            });
            return { rows, unread };
          },
        );
        return {
          unread,
          items: rows.slice(0, limit).map((r) => ({
            id: r.id,
            incident: { id: r.incident_id, number: r.number },
            action: r.action_id ? { id: r.action_id } : null,
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
      "/api/v1/alerts/:id/withdraw",
      {
        schema: {
          summary: "Withdraw an alert (DSL): the person can no longer read the record through it",
          tags: ["alerts"],
          params: z.object({ id: z.uuid() }),
          body: z.object({ reason: z.string().trim().min(1, "Say why.").max(2000) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        if (!can(who.roles, "alert.manage")) {
          throw problems.forbidden("Only the designated safeguarding leads can withdraw an alert.");
        }
        const outcome = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const [alert] = await tx
              .select({ id: alerts.id })
              .from(alerts)
              .where(and(eq(alerts.schoolId, who.schoolId), eq(alerts.id, request.params.id)));
            if (!alert) return "missing" as const;
            const done = await tx
              .insert(alertWithdrawals)
              .values({
                schoolId: who.schoolId,
                alertId: alert.id,
                byId: who.accountId,
                reason: request.body.reason,
              })
              .onConflictDoNothing()
              .returning({ id: alertWithdrawals.alertId });
            return done.length ? ("ok" as const) : ("already" as const);
          },
        );
        if (outcome === "missing") throw problems.notFound();
        if (outcome === "already") throw problems.conflict("That alert was already withdrawn.");
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/incidents/:id/alerts",
      {
        schema: {
          summary: "Alert more people, or re-alert someone who marked it read (DSL)",
          tags: ["alerts"],
          params: z.object({ id: z.uuid() }),
          body: z.object({
            userIds: z.array(z.uuid()).max(100).default([]),
            groupIds: z.array(z.uuid()).max(20).default([]),
          }),
          response: { 201: z.object({ alerted: z.number() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        if (!can(who.roles, "alert.manage")) {
          throw problems.forbidden(
            "Only the designated safeguarding leads can alert people again.",
          );
        }
        const alerted = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const current = await loadIncidentCurrent(tx, who.schoolId, request.params.id);
            if (!current) return null;
            const errors: FieldError[] = [];
            await checkGroups(tx, who.schoolId, request.body.groupIds, errors);
            const staff = await activeStaff(tx, who.schoolId, request.body.userIds);
            if (request.body.userIds.some((id) => !staff.has(id))) {
              errors.push({ path: "userIds", message: "Choose staff of this school." });
            }
            if (errors.length)
              throw problems.unprocessable("Some of the people chosen are not right.", errors);
            const recipients = await alertRecipients(tx, who.schoolId, {
              userIds: request.body.userIds,
              groupIds: request.body.groupIds,
              authorId: current.authorId,
              excludedIds: current.excludedIds,
            });
            if (recipients.length === 0) return 0;
            const sent = await tx
              .insert(alerts)
              .values(
                recipients.map((r) => ({
                  schoolId: who.schoolId,
                  incidentId: current.incidentId,
                  recipientId: r.accountId,
                  via: r.via,
                  groupId: r.groupId,
                  ruleId: r.ruleId,
                  sentBy: who.accountId,
                })),
              )
              .returning({ id: alerts.id });
            for (const a of sent) {
              await enqueue(
                tx,
                "incident.alert",
                { schoolId: who.schoolId, alertId: a.id },
                { schoolId: who.schoolId, dedupeKey: `alert:${a.id}` },
              );
            }
            return sent.length;
          },
        );
        if (alerted === null) throw problems.notFound();
        return reply.status(201).send({ alerted });
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
