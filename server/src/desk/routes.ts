// The DSL's desk over HTTP: triage of an incident, threshold decisions, pupil flags and
// the child protection file, chronology review marks, and the lists they choose from.
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { decidePupilRead } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import type { PupilPlace } from "../access/record.ts";
import { loadSubject } from "../access/subject.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import { type Database, queryRows, type Tx } from "../db/database.ts";
import { AREAS } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { pupilPlace } from "../pupils/queries.ts";
import { secondFactorRequired } from "../pupils/routes.ts";
import { listChronologyReviews, markChronologyReviewed } from "./chronology-reviews.ts";
import { endFlag, listFlagTypes, mayManageFlag, readableFlags, setFlag } from "./flags.ts";
import { recordThresholdDecision, requireThreshold } from "./threshold-decisions.ts";
import { triageIncident } from "./triage.ts";

type Who = SignedIn & { schoolId: string };

const IdParams = z.object({ id: z.uuid() });
const Text = (max: number) => z.string().trim().max(max);
const Person = z.object({ id: z.uuid(), name: z.string() });

const Flag = z.object({
  id: z.uuid(),
  typeId: z.uuid(),
  key: z.string().nullable(),
  name: z.string(),
  // Its name when it was set, when the school has renamed it since.
  filedAs: z.string().optional(),
  area: z.enum(AREAS),
  startsOn: z.string(),
  note: z.string(),
  setBy: Person,
  setAt: z.date(),
  ended: z.object({ endsOn: z.string(), reason: z.string(), by: Person, at: z.date() }).nullable(),
  current: z.boolean(),
});

/** The DSL team's work on a child's records needs a second factor in the session. */
function requireDsl(who: Who, permission: "incident.triage" | "chronology.review") {
  if (!can(who.roles, permission)) {
    throw problems.forbidden("Only the designated safeguarding leads can do this.");
  }
  if (who.secondFactor !== "satisfied") throw secondFactorRequired();
}

export const deskRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const acting = (who: Who) => ({ schoolId: who.schoolId, accountId: who.accountId });

    /** The pupil, or 404; refusals to read are logged like every other read. */
    async function readablePupil(tx: Tx, who: Who, id: string, action: "pupil.flags.read") {
      const subject = await loadSubject(tx, who);
      const place = await pupilPlace(tx, who.schoolId, id);
      const decision = place
        ? decidePupilRead(subject, place)
        : ({ allowed: false, refusal: "no-reason" } as const);
      return { subject, place, decision, action };
    }

    app.post(
      "/api/v1/incidents/:id/triage",
      {
        schema: {
          summary:
            "Triage an incident (DSL): review it, recategorise with a reason, and record the threshold decision",
          tags: ["desk"],
          params: IdParams,
          body: z.object({
            categoryIds: z.array(z.uuid()).min(1, "Choose at least one category.").max(20),
            recategoriseReason: Text(2000).optional(),
            thresholdId: z.uuid(),
            rationale: Text(5000),
            disagreement: Text(5000).optional(),
          }),
          response: {
            200: z.object({
              reviewedAt: z.date(),
              recategorised: z.boolean(),
              thresholdDecisionId: z.uuid(),
              alertsToReview: z.array(
                z.object({
                  alertId: z.uuid(),
                  recipientId: z.uuid(),
                  name: z.string(),
                  wouldReadWithoutAlert: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireDsl(who, "incident.triage");
        return db.tx(acting(who), (tx) => triageIncident(tx, who, request.params.id, request.body));
      },
    );

    app.get(
      "/api/v1/thresholds",
      {
        schema: {
          summary: "The school's thresholds, in order",
          tags: ["desk"],
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.uuid(), name: z.string(), area: z.enum(AREAS) })),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const items = await db.tx(acting(who), (tx) =>
          queryRows<{ id: string; name: string; area: (typeof AREAS)[number] }>(
            tx,
            sql`select id, name, area from thresholds where school_id = ${who.schoolId} and not hidden order by sort_order`,
          ),
        );
        return { items };
      },
    );

    app.get(
      "/api/v1/flag-types",
      {
        schema: {
          summary: "The school's list of pupil flags, each with its area",
          tags: ["desk"],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  key: z.string().nullable(),
                  name: z.string(),
                  area: z.enum(AREAS),
                  dslOnly: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        return { items: await db.tx(acting(who), (tx) => listFlagTypes(tx, who.schoolId)) };
      },
    );

    app.get(
      "/api/v1/pupils/:id/flags",
      {
        schema: {
          summary: "A pupil's flags, current and past, that the reader's access covers",
          tags: ["desk"],
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(Flag),
              // The flag types this reader may set for this pupil.
              mayAdd: z.array(z.uuid()),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const result = await db.tx(acting(who), async (tx) => {
          const r = await readablePupil(tx, who, request.params.id, "pupil.flags.read");
          await logAccess(tx, {
            schoolId: who.schoolId,
            accountId: who.accountId,
            action: "pupil.flags.read",
            decision: r.decision,
            pupilId: r.place ? request.params.id : null,
            recordType: "flags",
            recordId: request.params.id,
            ip: request.ip,
          });
          if (!r.place) return { outcome: "missing" as const };
          if (!r.decision.allowed) return { outcome: r.decision.refusal };
          const place: PupilPlace = r.place;
          const items = await readableFlags(tx, r.subject, place);
          const types = await listFlagTypes(tx, who.schoolId);
          const mayAdd = types
            .filter((t) => mayManageFlag(who, r.subject, place, t))
            .map((t) => t.id);
          return { outcome: "ok" as const, items, mayAdd };
        });
        if (result.outcome === "missing") throw problems.notFound();
        if (result.outcome === "second-factor-required") throw secondFactorRequired();
        if (result.outcome !== "ok") {
          throw problems.forbidden("You are not allowed to open this pupil's records.");
        }
        return { items: result.items, mayAdd: result.mayAdd };
      },
    );

    app.post(
      "/api/v1/pupils/:id/flags",
      {
        schema: {
          summary:
            "Set a flag on a pupil (DSL-only flags by the DSL team; others by those whose access covers the area)",
          tags: ["desk"],
          params: IdParams,
          body: z.object({
            flagTypeId: z.uuid(),
            startsOn: z.iso.date(),
            note: Text(2000).min(1, "Say what this is based on (for a CP file, why it is opened)."),
          }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        if (who.secondFactor !== "satisfied") throw secondFactorRequired();
        const id = await db.tx(acting(who), async (tx) => {
          const subject = await loadSubject(tx, who);
          const place = await pupilPlace(tx, who.schoolId, request.params.id);
          if (!place || !decidePupilRead(subject, place).allowed) throw problems.notFound();
          return setFlag(tx, who, subject, place, request.body);
        });
        return reply.status(201).send({ id });
      },
    );

    app.post(
      "/api/v1/flags/:id/end",
      {
        schema: {
          summary: "End a pupil flag on a date, with the reason (the CP file is closed this way)",
          tags: ["desk"],
          params: IdParams,
          body: z.object({
            endsOn: z.iso.date(),
            reason: Text(2000).min(1, "Give the reason it ends."),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        if (who.secondFactor !== "satisfied") throw secondFactorRequired();
        await db.tx(acting(who), async (tx) => {
          const subject = await loadSubject(tx, who);
          await endFlag(
            tx,
            who,
            subject,
            (pupilId) => pupilPlace(tx, who.schoolId, pupilId),
            request.params.id,
            request.body,
          );
        });
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/pupils/:id/threshold-decisions",
      {
        schema: {
          summary: "Record a threshold decision about a child, with its rationale (DSL)",
          tags: ["desk"],
          params: IdParams,
          body: z.object({
            thresholdId: z.uuid(),
            rationale: Text(5000),
            disagreement: Text(5000).optional(),
          }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDsl(who, "incident.triage");
        const id = await db.tx(acting(who), async (tx) => {
          const place = await pupilPlace(tx, who.schoolId, request.params.id);
          if (!place) throw problems.notFound();
          const threshold = await requireThreshold(tx, who.schoolId, request.body);
          return recordThresholdDecision(
            tx,
            who,
            { pupilId: place.id, incidentId: null },
            threshold,
            request.body,
          );
        });
        return reply.status(201).send({ id });
      },
    );

    app.get(
      "/api/v1/pupils/:id/chronology-reviews",
      {
        schema: {
          summary: "When the DSL team last reviewed this child's chronology (DSL)",
          tags: ["desk"],
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  reviewedOn: z.string(),
                  note: z.string(),
                  by: Person,
                  recordedAt: z.date(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireDsl(who, "chronology.review");
        const items = await db.tx(acting(who), async (tx) => {
          const place = await pupilPlace(tx, who.schoolId, request.params.id);
          if (!place) throw problems.notFound();
          return listChronologyReviews(tx, who.schoolId, place.id);
        });
        return { items };
      },
    );

    app.post(
      "/api/v1/pupils/:id/chronology-reviews",
      {
        schema: {
          summary: "Mark this child's chronology reviewed on a date (DSL)",
          tags: ["desk"],
          params: IdParams,
          body: z.object({ reviewedOn: z.iso.date(), note: Text(2000).default("") }),
          response: { 201: z.object({ id: z.uuid() }) },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireDsl(who, "chronology.review");
        const id = await db.tx(acting(who), async (tx) => {
          const place = await pupilPlace(tx, who.schoolId, request.params.id);
          if (!place) throw problems.notFound();
          return markChronologyReviewed(tx, who, place.id, request.body);
        });
        return reply.status(201).send({ id });
      },
    );
  };
