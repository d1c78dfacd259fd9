// Incidents over HTTP: add, read, list, the revision history, edits by the author, and
// the DSL's corrections. Every read (and refusal) is in the access log.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { decideRead } from "../access/can-read.ts";
import { can, type Permission } from "../access/permissions.ts";
import { readableCondition } from "../access/readable-condition.ts";
import type { ReadDecision } from "../access/record.ts";
import { loadSubject } from "../access/subject.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import type { Database, Tx } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import { accounts, incidentRevisions } from "../db/schema/index.ts";
import { idempotent } from "../http/idempotency.ts";
import { problems } from "../http/problem.ts";
import { secondFactorRequired } from "../pupils/routes.ts";
import { categoryLabel } from "../taxonomy/category-label-sql.ts";
import { AddAction, addAction } from "./add-action.ts";
import { markEnteredInError, markReviewed, refile } from "./corrections.ts";
import { createIncident } from "./create-incident.ts";
import { editIncident } from "./edit-incident.ts";
import { IncidentView, incidentView } from "./incident-view.ts";
import { incidentColumns, incidentFacts, loadIncidentCurrent } from "./record-facts.ts";
import { CreateIncident, EditIncident } from "./schemas.ts";
import { visibleActions } from "./visible-actions.ts";

type Who = SignedIn & { schoolId: string };
const IdParams = z.object({ id: z.uuid() });
const Reason = z.string().trim().min(1, "Give a reason.").max(2000);

/** Opens an incident for reading: decides, logs, and says no in the right way. */
async function openIncident(
  tx: Tx,
  who: Who,
  id: string,
  ip: string,
  action: "incident.read" | "incident.revisions.read",
) {
  const current = await loadIncidentCurrent(tx, who.schoolId, id);
  const subject = await loadSubject(tx, who);
  let decision: ReadDecision = { allowed: false, refusal: "no-reason" };
  if (current) decision = decideRead(subject, await incidentFacts(tx, current));
  await logAccess(tx, {
    schoolId: who.schoolId,
    accountId: who.accountId,
    action,
    decision,
    pupilId: current?.pupilId ?? null,
    recordType: "incident",
    recordId: id,
    ip,
  });
  return { current, decision, subject };
}

function refusal(decision: ReadDecision) {
  // Not allowed to know it exists: the same answer as for no incident at all.
  return !decision.allowed && decision.refusal === "second-factor-required"
    ? secondFactorRequired()
    : problems.notFound();
}

function requirePermission(who: Who, permission: Permission) {
  if (!can(who.roles, permission)) {
    throw problems.forbidden("Only the designated safeguarding leads can do this.");
  }
}

export const incidentRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const acting = (who: Who) => ({ schoolId: who.schoolId, accountId: who.accountId });

    app.post(
      "/api/v1/incidents",
      {
        schema: {
          summary:
            "Add an incident (send an Idempotency-Key header: a retry then creates nothing twice)",
          tags: ["incidents"],
          headers: z.object({ "idempotency-key": z.string().min(8).max(200).optional() }),
          body: CreateIncident,
          response: { 201: z.object({ id: z.uuid(), number: z.number(), revisionId: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const result = await idempotent(
          db,
          acting(who),
          request.headers["idempotency-key"],
          request.body,
          async (tx) => ({ status: 201, body: await createIncident(tx, who, request.body) }),
        );
        return reply
          .status(201)
          .send(result.body as { id: string; number: number; revisionId: string });
      },
    );

    app.get(
      "/api/v1/incidents",
      {
        schema: {
          summary:
            "Incidents I may read, newest first (mine, those I was alerted to, and by grant)",
          tags: ["incidents"],
          querystring: z.object({
            pupilId: z.uuid().optional(),
            mine: z.enum(["true", "false"]).optional(),
            // "false": not yet reviewed by a DSL (the home page's "awaiting review").
            reviewed: z.enum(["true", "false"]).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z
              .string()
              .regex(/^\d{1,9}$/)
              .optional(),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  number: z.number(),
                  pupil: z.object({ id: z.uuid(), name: z.string() }),
                  occurredAt: z.date(),
                  recordedAt: z.date(),
                  status: z.string(),
                  categories: z.array(z.string()),
                  author: z.string(),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const { pupilId, mine, reviewed, limit, cursor } = request.query;
        const rows = await db.tx(acting(who), async (tx) => {
          const subject = await loadSubject(tx, who);
          const conditions: SQL[] = [
            sql`ic.school_id = ${who.schoolId}`,
            sql`not ic.entered_in_error`,
            readableCondition(subject, incidentColumns(), pupilId),
          ];
          if (pupilId) conditions.push(sql`${pupilId}::uuid = any(ic.pupil_ids)`);
          if (mine === "true") conditions.push(sql`ic.author_id = ${who.accountId}`);
          if (reviewed === "false") conditions.push(sql`ic.reviewed_at is null`);
          if (reviewed === "true") conditions.push(sql`ic.reviewed_at is not null`);
          if (cursor) conditions.push(sql`ic.number < ${Number(cursor)}`);
          // A list of records is a read of them: logged like any other.
          await logAccess(tx, {
            schoolId: who.schoolId,
            accountId: who.accountId,
            action: "incidents.list",
            decision: {
              allowed: true,
              reason:
                subject.secondFactor && subject.grants.length ? "grant" : "authorship-or-alert",
            },
            pupilId: pupilId ?? null,
            recordType: "incident",
            ip: request.ip,
          });
          return queryRows<{
            id: string;
            number: number;
            pupil_id: string;
            pupil_name: string;
            occurred_at: string;
            recorded_at: string;
            status: string;
            categories: string[];
            author: string;
          }>(
            tx,
            sql`select ic.incident_id as id, ic.number, ic.pupil_id,
                  coalesce(p.preferred_first_name, p.legal_first_name) || ' ' || coalesce(p.preferred_last_name, p.legal_last_name) as pupil_name,
                  ic.occurred_at, ic.recorded_at, ic.status, a.name as author,
                  array(select ${categoryLabel("c", null, sql`ic.recorded_at`)} from categories c where c.school_id = ic.school_id and c.id = any(ic.category_ids) order by c.sort_order) as categories
                from incident_current ic
                join pupils p on p.school_id = ic.school_id and p.id = ic.pupil_id
                join accounts a on a.id = ic.author_id
                where ${sql.join(conditions, sql` and `)}
                order by ic.number desc limit ${limit + 1}`,
          );
        });
        const page = rows.slice(0, limit);
        return {
          items: page.map((r) => ({
            id: r.id,
            number: r.number,
            pupil: { id: r.pupil_id, name: r.pupil_name },
            occurredAt: new Date(r.occurred_at),
            recordedAt: new Date(r.recorded_at),
            status: r.status,
            categories: r.categories,
            author: r.author,
          })),
          nextCursor: rows.length > limit ? String(page[page.length - 1]?.number) : null,
        };
      },
    );

    app.get(
      "/api/v1/incidents/:id",
      {
        schema: {
          summary: "An incident: its current revision, whether it was edited, its alerts",
          tags: ["incidents"],
          params: IdParams,
          response: { 200: IncidentView },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const result = await db.tx(acting(who), async (tx) => {
          const { current, decision, subject } = await openIncident(
            tx,
            who,
            request.params.id,
            request.ip,
            "incident.read",
          );
          if (!current || !decision.allowed) return { decision };
          const shown = await visibleActions(tx, subject, current, decision);
          return { decision, view: await incidentView(tx, current, who, shown) };
        });
        if (!result.view) throw refusal(result.decision);
        return result.view;
      },
    );

    app.get(
      "/api/v1/incidents/:id/revisions",
      {
        schema: {
          summary: "Every revision of an incident: who, when, why",
          tags: ["incidents"],
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  revisionNo: z.number(),
                  baseRevisionId: z.uuid().nullable(),
                  account: z.string(),
                  location: z.string().nullable(),
                  categoryIds: z.array(z.uuid()),
                  linkedPupilIds: z.array(z.uuid()),
                  occurredAt: z.date(),
                  status: z.string(),
                  editedBy: z.object({ id: z.uuid(), name: z.string() }),
                  editedAt: z.date(),
                  reason: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const result = await db.tx(acting(who), async (tx) => {
          const { current, decision } = await openIncident(
            tx,
            who,
            request.params.id,
            request.ip,
            "incident.revisions.read",
          );
          if (!current || !decision.allowed) return { decision };
          const rows = await tx
            .select({ r: incidentRevisions, name: accounts.name })
            .from(incidentRevisions)
            .innerJoin(accounts, eq(accounts.id, incidentRevisions.editedBy))
            .where(
              and(
                eq(incidentRevisions.schoolId, who.schoolId),
                eq(incidentRevisions.incidentId, request.params.id),
              ),
            )
            .orderBy(incidentRevisions.revisionNo);
          return { decision, rows };
        });
        if (!result.rows) throw refusal(result.decision);
        return {
          items: result.rows.map(({ r, name }) => ({
            id: r.id,
            revisionNo: r.revisionNo,
            baseRevisionId: r.baseRevisionId,
            account: r.account,
            location: r.location,
            categoryIds: r.categoryIds,
            linkedPupilIds: r.linkedPupilIds,
            occurredAt: r.occurredAt,
            status: r.status,
            editedBy: { id: r.editedBy, name },
            editedAt: r.editedAt,
            reason: r.reason,
          })),
        };
      },
    );

    app.post(
      "/api/v1/incidents/:id/revisions",
      {
        schema: {
          summary: "Edit my incident: a new revision naming the one it replaces (stale → 409)",
          tags: ["incidents"],
          params: IdParams,
          body: EditIncident,
          response: { 201: z.object({ revisionId: z.uuid(), revisionNo: z.number() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const result = await db.tx(acting(who), (tx) =>
          editIncident(tx, who, request.params.id, request.body),
        );
        return reply.status(201).send(result);
      },
    );

    app.post(
      "/api/v1/incidents/:id/actions",
      {
        schema: {
          summary:
            "Add a follow-up action for one pupil, some, or all linked pupils (Idempotency-Key supported)",
          tags: ["incidents"],
          params: IdParams,
          headers: z.object({ "idempotency-key": z.string().min(8).max(200).optional() }),
          body: AddAction,
          response: { 201: z.object({ id: z.uuid(), ids: z.array(z.uuid()) }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const result = await idempotent(
          db,
          acting(who),
          request.headers["idempotency-key"],
          { incident: request.params.id, ...request.body },
          async (tx) => {
            const current = await loadIncidentCurrent(tx, who.schoolId, request.params.id);
            const subject = await loadSubject(tx, who);
            const decision = current
              ? decideRead(subject, await incidentFacts(tx, current))
              : ({ allowed: false, refusal: "no-reason" } as const);
            if (!current || !decision.allowed) throw refusal(decision);
            if (current.enteredInError)
              throw problems.conflict("This incident was marked as entered in error.");
            const { ids } = await addAction(tx, who, current, request.body);
            return { status: 201, body: { id: ids[0], ids } };
          },
        );
        return reply.status(201).send(result.body as { id: string; ids: string[] });
      },
    );

    app.post(
      "/api/v1/incidents/:id/entered-in-error",
      {
        schema: {
          summary:
            "Mark an incident entered in error (DSL): it leaves normal views, stays in history",
          tags: ["incidents"],
          params: IdParams,
          body: z.object({ reason: Reason }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requirePermission(who, "incident.correct");
        await db.tx(acting(who), (tx) =>
          markEnteredInError(tx, who, request.params.id, request.body.reason),
        );
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/incidents/:id/refile",
      {
        schema: {
          summary: "Re-file an incident to the right pupil (DSL); the move is recorded",
          tags: ["incidents"],
          params: IdParams,
          body: z.object({ pupilId: z.uuid(), reason: Reason }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requirePermission(who, "incident.correct");
        await db.tx(acting(who), (tx) =>
          refile(tx, who, request.params.id, request.body.pupilId, request.body.reason),
        );
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/incidents/:id/review",
      {
        schema: {
          summary: "Mark an incident reviewed by the DSL team (its author then adds, not edits)",
          tags: ["incidents"],
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requirePermission(who, "incident.triage");
        await db.tx(acting(who), (tx) => markReviewed(tx, who, request.params.id));
        return reply.status(204).send(null);
      },
    );
  };
