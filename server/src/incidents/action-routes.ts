// One action over HTTP: read it alone (an alert about an action opens that action only),
// its revisions, and corrections by its author or a DSL. Every read and refusal is in the
// access log.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AccessAction, logAccess } from "../access/access-log.ts";
import { decideActionRead } from "../access/action-read.ts";
import { decideRead } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import type { ReadDecision } from "../access/record.ts";
import { loadSubject } from "../access/subject.ts";
import { audit } from "../audit/audit-events.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import type { Database, Tx } from "../db/database.ts";
import {
  accounts,
  actionRevisions,
  actions,
  agencies,
  alerts,
  alertWithdrawals,
  pupils,
} from "../db/schema/index.ts";
import { Problem, problems } from "../http/problem.ts";
import { displayName } from "../pupils/names.ts";
import { secondFactorRequired } from "../pupils/routes.ts";
import {
  changeRestriction,
  RestrictAction,
  restrictionHistory,
  withCurrentAudience,
} from "./action-restrictions.ts";
import {
  type CurrentAction,
  mayReviseAction,
  ReviseAction,
  reviseAction,
  withCurrentRevisions,
} from "./action-revisions.ts";
import { incidentFacts, loadIncidentCurrent } from "./record-facts.ts";

type Who = SignedIn & { schoolId: string };
const IdParams = z.object({ id: z.uuid() });
const Named = z.object({ id: z.uuid(), name: z.string() });

export const ActionView = z.object({
  id: z.uuid(),
  // Which incident it follows up; `readable` says whether the reader may open it too.
  incident: z.object({ id: z.uuid(), number: z.number(), readable: z.boolean() }),
  pupil: Named,
  kind: z.string(),
  account: z.string(),
  outcome: z.string().nullable(),
  agency: Named.nullable(),
  restricted: z.boolean(),
  occurredAt: z.date(),
  recordedAt: z.date(),
  author: Named,
  revisionId: z.uuid(),
  edited: z.boolean(),
  canEdit: z.boolean(),
  // The DSL team may narrow or open who reads it; earlier changes, oldest first (DSL only).
  canRestrict: z.boolean(),
  restrictionChanges: z.array(
    z.object({ restricted: z.boolean(), reason: z.string(), at: z.date(), by: Named }),
  ),
});

/** Opens an action for reading by its own audience rule: decides, logs, refuses. */
async function openAction(tx: Tx, who: Who, id: string, ip: string, logAs: AccessAction) {
  const [row] = await withCurrentAudience(
    tx,
    who.schoolId,
    await tx
      .select()
      .from(actions)
      .where(and(eq(actions.schoolId, who.schoolId), eq(actions.id, id))),
  );
  let decision: ReadDecision = { allowed: false, refusal: "no-reason" };
  let incidentReadable = false;
  const incident = row ? await loadIncidentCurrent(tx, who.schoolId, row.incidentId) : null;
  if (row && incident) {
    const subject = await loadSubject(tx, who);
    const incidentDecision = decideRead(subject, await incidentFacts(tx, incident));
    incidentReadable = incidentDecision.allowed;
    const alerted = await tx
      .select({ id: alerts.recipientId })
      .from(alerts)
      .leftJoin(
        alertWithdrawals,
        and(
          eq(alertWithdrawals.schoolId, alerts.schoolId),
          eq(alertWithdrawals.alertId, alerts.id),
        ),
      )
      .where(
        and(
          eq(alerts.schoolId, who.schoolId),
          eq(alerts.actionId, row.id),
          isNull(alertWithdrawals.alertId),
        ),
      );
    const [place] = await tx
      .select({ id: pupils.id, yearGroupId: pupils.yearGroupId, classId: pupils.classId })
      .from(pupils)
      .where(and(eq(pupils.schoolId, who.schoolId), eq(pupils.id, row.pupilId)));
    if (place) {
      decision = decideActionRead(
        subject,
        {
          authorId: row.authorId,
          pupil: place,
          restricted: row.restricted,
          alertedIds: alerted.map((a) => a.id),
          excludedIds: incident.excludedIds,
        },
        incidentDecision,
      );
    }
  }
  await logAccess(tx, {
    schoolId: who.schoolId,
    accountId: who.accountId,
    action: logAs,
    decision,
    pupilId: row?.pupilId ?? null,
    recordType: "action",
    recordId: id,
    ip,
  });
  if (!row || !incident || !decision.allowed) return { decision } as const;
  const [action] = await withCurrentRevisions(tx, who.schoolId, [row]);
  if (!action) throw new Error("an action went missing");
  return { decision, action, incident, incidentReadable } as const;
}

function refusal(decision: ReadDecision) {
  // Not allowed to know it exists: the same answer as for no action at all.
  return !decision.allowed && decision.refusal === "second-factor-required"
    ? secondFactorRequired()
    : problems.notFound();
}

async function actionView(
  tx: Tx,
  who: Who,
  action: CurrentAction,
  incident: { incidentId: string; number: number; enteredInError: boolean },
  incidentReadable: boolean,
): Promise<z.infer<typeof ActionView>> {
  const [pupil] = await tx
    .select()
    .from(pupils)
    .where(and(eq(pupils.schoolId, who.schoolId), eq(pupils.id, action.pupilId)));
  const [author] = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, action.authorId));
  const [agency] = action.agencyId
    ? await tx
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(and(eq(agencies.schoolId, who.schoolId), eq(agencies.id, action.agencyId)))
    : [];
  return {
    id: action.id,
    incident: { id: incident.incidentId, number: incident.number, readable: incidentReadable },
    pupil: { id: action.pupilId, name: pupil ? displayName(pupil) : "Unknown pupil" },
    kind: action.kind,
    account: action.account,
    outcome: action.outcome,
    agency: agency ?? null,
    restricted: action.restricted,
    occurredAt: action.occurredAt,
    recordedAt: action.recordedAt,
    author: author ?? { id: action.authorId, name: "Unknown" },
    revisionId: action.revisionId,
    edited: action.revisionNo > 1,
    canEdit: mayReviseAction(who, action) && !incident.enteredInError,
    canRestrict: can(who.roles, "action.restrict") && !incident.enteredInError,
    restrictionChanges: can(who.roles, "action.restrict")
      ? await restrictionHistory(tx, who.schoolId, action.id)
      : [],
  };
}

export const actionRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const acting = (who: Who) => ({ schoolId: who.schoolId, accountId: who.accountId });

    app.get(
      "/api/v1/actions/:id",
      {
        schema: {
          summary: "One action alone, by its own audience (an alert about it opens it only)",
          tags: ["incidents"],
          params: IdParams,
          response: { 200: ActionView },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const result = await db.tx(acting(who), async (tx) => {
          const opened = await openAction(tx, who, request.params.id, request.ip, "action.read");
          if (!opened.action) return { decision: opened.decision };
          return {
            decision: opened.decision,
            view: await actionView(
              tx,
              who,
              opened.action,
              opened.incident,
              opened.incidentReadable,
            ),
          };
        });
        if (!result.view) throw refusal(result.decision);
        return result.view;
      },
    );

    app.get(
      "/api/v1/actions/:id/revisions",
      {
        schema: {
          summary: "Every revision of an action: who, when, why",
          tags: ["incidents"],
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  revisionNo: z.number(),
                  baseRevisionId: z.uuid().nullable(),
                  kind: z.string(),
                  account: z.string(),
                  outcome: z.string().nullable(),
                  agency: Named.nullable(),
                  occurredAt: z.date(),
                  editedBy: Named,
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
          const opened = await openAction(
            tx,
            who,
            request.params.id,
            request.ip,
            "action.revisions.read",
          );
          if (!opened.action) return { decision: opened.decision };
          const rows = await tx
            .select({ r: actionRevisions, name: accounts.name })
            .from(actionRevisions)
            .innerJoin(accounts, eq(accounts.id, actionRevisions.editedBy))
            .where(
              and(
                eq(actionRevisions.schoolId, who.schoolId),
                eq(actionRevisions.actionId, request.params.id),
              ),
            )
            .orderBy(actionRevisions.revisionNo);
          const agencyIds = [...new Set(rows.flatMap(({ r }) => (r.agencyId ? [r.agencyId] : [])))];
          const names = agencyIds.length
            ? await tx
                .select({ id: agencies.id, name: agencies.name })
                .from(agencies)
                .where(and(eq(agencies.schoolId, who.schoolId), inArray(agencies.id, agencyIds)))
            : [];
          return { decision: opened.decision, rows, names };
        });
        if (!result.rows) throw refusal(result.decision);
        return {
          items: result.rows.map(({ r, name }) => ({
            id: r.id,
            revisionNo: r.revisionNo,
            baseRevisionId: r.baseRevisionId,
            kind: r.kind,
            account: r.account,
            outcome: r.outcome,
            agency: r.agencyId ? (result.names.find((g) => g.id === r.agencyId) ?? null) : null,
            occurredAt: r.occurredAt,
            editedBy: { id: r.editedBy, name },
            editedAt: r.editedAt,
            reason: r.reason,
          })),
        };
      },
    );

    app.post(
      "/api/v1/actions/:id/revisions",
      {
        schema: {
          summary:
            "Correct an action (its author or a DSL): a new revision naming the one it replaces (stale → 409)",
          tags: ["incidents"],
          params: IdParams,
          body: ReviseAction,
          response: { 201: z.object({ revisionId: z.uuid(), revisionNo: z.number() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const result = await db.tx(acting(who), async (tx) => {
          const opened = await openAction(tx, who, request.params.id, request.ip, "action.read");
          if (!opened.action) return { decision: opened.decision };
          if (!mayReviseAction(who, opened.action)) {
            throw problems.forbidden(
              "Only the person who recorded this action or a designated safeguarding lead can correct it.",
            );
          }
          if (opened.incident.enteredInError) {
            throw new Problem(
              409,
              "conflict",
              "Entered in error",
              "This incident was marked as entered in error.",
            );
          }
          return {
            decision: opened.decision,
            saved: await reviseAction(tx, who, opened.action, request.body),
          };
        });
        if (!result.saved) throw refusal(result.decision);
        return reply.status(201).send(result.saved);
      },
    );
    app.post(
      "/api/v1/actions/:id/restriction",
      {
        schema: {
          summary:
            "Restrict an action to the DSL team after it was recorded, or open it again (DSL, with a reason)",
          tags: ["incidents"],
          params: IdParams,
          body: RestrictAction,
          response: { 201: z.object({ id: z.uuid(), restricted: z.boolean(), at: z.date() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        if (!can(who.roles, "action.restrict")) {
          throw problems.forbidden(
            "Only the designated safeguarding leads can change who may read an action.",
          );
        }
        if (who.secondFactor !== "satisfied") throw secondFactorRequired();
        const result = await db.tx(acting(who), async (tx) => {
          const opened = await openAction(tx, who, request.params.id, request.ip, "action.read");
          if (!opened.action) return { decision: opened.decision };
          if (opened.incident.enteredInError) {
            throw new Problem(
              409,
              "conflict",
              "Entered in error",
              "This incident was marked as entered in error.",
            );
          }
          const saved = await changeRestriction(tx, who, opened.action, request.body);
          await audit(tx, who.schoolId, who.accountId, "action.audience-changed", {
            actionId: opened.action.id,
            restricted: request.body.restricted,
            reason: request.body.reason,
          });
          return { decision: opened.decision, saved };
        });
        if (!result.saved) throw refusal(result.decision);
        return reply
          .status(201)
          .send({ id: result.saved.id, restricted: request.body.restricted, at: result.saved.at });
      },
    );
  };
