// A pupil's chronology, and its exports (PDF, CSV) with optional redaction. Every view
// and every export is in the access log.
import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { decidePupilRead } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import type { ReadDecision } from "../access/record.ts";
import { loadSubject } from "../access/subject.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { pupils, schools } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { displayName } from "../pupils/names.ts";
import { chronologyCsv } from "./export-csv.ts";
import { chronologyPdf } from "./export-pdf.ts";
import { type ChronologyEntry, chronology, isLate } from "./queries.ts";
import { createRedactor, type Redactor } from "./redaction.ts";

const Filters = z.object({
  category: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  author: z.uuid().optional(),
  type: z.enum(["incident", "action", "document"]).optional(),
  q: z.string().trim().max(200).optional(),
  includeEnteredInError: z.enum(["true", "false"]).optional(),
  redact: z.enum(["true", "false"]).optional(),
});

type Action = "chronology.read" | "chronology.export.pdf" | "chronology.export.csv";

async function load(
  db: Database,
  who: SignedIn & { schoolId: string },
  pupilId: string,
  query: z.infer<typeof Filters>,
  action: Action,
  ip: string,
) {
  return db.tx({ schoolId: who.schoolId, accountId: who.accountId }, async (tx) => {
    const [pupil] = await tx
      .select()
      .from(pupils)
      .where(and(eq(pupils.schoolId, who.schoolId), eq(pupils.id, pupilId)));
    const decision: ReadDecision = pupil
      ? { allowed: true, reason: "grant" }
      : { allowed: false, refusal: "no-reason" };
    if (!pupil) {
      await logAccess(tx, {
        schoolId: who.schoolId,
        accountId: who.accountId,
        action,
        decision,
        recordId: pupilId,
        recordType: "pupil",
        ip,
      });
      return null;
    }
    const subject = await loadSubject(tx, who);
    const entries = await chronology(tx, subject, pupil, {
      categoryId: query.category,
      from: query.from,
      to: query.to,
      authorId: query.author,
      type: query.type,
      q: query.q,
      // Entered-in-error entries leave the normal views; the DSL team can show them.
      includeEnteredInError:
        query.includeEnteredInError === "true" && can(who.roles, "incident.correct"),
    });
    // Logged with what it rested on: a grant for this pupil, or only the reader's own
    // records and alerts.
    const byGrant = decidePupilRead(subject, pupil).allowed;
    await logAccess(tx, {
      schoolId: who.schoolId,
      accountId: who.accountId,
      action,
      decision: { allowed: true, reason: byGrant ? "grant" : "authorship-or-alert" },
      pupilId,
      recordType: "chronology",
      recordId: pupilId,
      ip,
    });
    const [school] = await tx
      .select({ name: schools.name })
      .from(schools)
      .where(eq(schools.id, who.schoolId));
    return { pupil, entries, schoolName: school?.name ?? "" };
  });
}

function redactorFor(
  loaded: NonNullable<Awaited<ReturnType<typeof load>>>,
  redact: boolean,
): Redactor | null {
  if (!redact) return null;
  return createRedactor(
    loaded.pupil,
    loaded.entries.flatMap((e) => e.otherPupils),
  );
}

const Entry = z.object({
  type: z.enum(["incident", "action", "document"]),
  id: z.uuid(),
  // Null for a document: it is a record of its own.
  incidentId: z.uuid().nullable(),
  number: z.number().nullable(),
  occurredAt: z.date(),
  recordedAt: z.date(),
  late: z.boolean(),
  categories: z.array(z.string()),
  areas: z.array(z.string()),
  author: z.object({ id: z.uuid(), name: z.string() }),
  summary: z.string(),
  account: z.string(),
  outcome: z.string().nullable(),
  status: z.string().nullable(),
  edited: z.boolean(),
  enteredInError: z.boolean(),
  restricted: z.boolean(),
  otherPupils: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

function entryView(e: ChronologyEntry, redact: Redactor | null) {
  const text = (s: string) => (redact ? redact.text(s) : s);
  const account = text(e.account);
  return {
    type: e.type,
    id: e.id,
    incidentId: e.incidentId,
    number: e.number,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    late: isLate(e),
    categories: e.categories,
    areas: e.areas,
    author: e.author,
    summary: account.length > 200 ? `${account.slice(0, 197)}…` : account,
    account,
    outcome: e.outcome ? text(e.outcome) : null,
    status: e.status,
    edited: e.edited,
    enteredInError: e.enteredInError,
    restricted: e.restricted,
    otherPupils: e.otherPupils.map((p) => ({
      id: redact ? "00000000-0000-4000-8000-000000000000" : p.id,
      name: redact ? redact.label(p) : displayName(p),
    })),
  };
}

export const chronologyRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const params = z.object({ id: z.uuid() });

    app.get(
      "/api/v1/pupils/:id/chronology",
      {
        schema: {
          summary: "A pupil's chronology: what the reader may read, in the order it happened",
          tags: ["chronology"],
          params,
          querystring: Filters,
          response: {
            200: z.object({
              pupil: z.object({ id: z.uuid(), name: z.string() }),
              items: z.array(Entry),
              nextCursor: z.null(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const loaded = await load(
          db,
          who,
          request.params.id,
          request.query,
          "chronology.read",
          request.ip,
        );
        if (!loaded) throw problems.notFound();
        const redact = redactorFor(loaded, request.query.redact === "true");
        return {
          pupil: { id: loaded.pupil.id, name: displayName(loaded.pupil) },
          items: loaded.entries.map((e) => entryView(e, redact)),
          nextCursor: null,
        };
      },
    );

    app.get(
      "/api/v1/pupils/:id/chronology.csv",
      {
        schema: {
          summary: "The chronology as CSV (?redact=true for Child A, Child B…)",
          tags: ["chronology"],
          params,
          querystring: Filters,
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const loaded = await load(
          db,
          who,
          request.params.id,
          request.query,
          "chronology.export.csv",
          request.ip,
        );
        if (!loaded) throw problems.notFound();
        const redact = redactorFor(loaded, request.query.redact === "true");
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="chronology.csv"`)
          .send(chronologyCsv(loaded.entries, redact));
      },
    );

    app.get(
      "/api/v1/pupils/:id/chronology.pdf",
      {
        schema: {
          summary: "The chronology as PDF (?redact=true for Child A, Child B…)",
          tags: ["chronology"],
          params,
          querystring: Filters,
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        const loaded = await load(
          db,
          who,
          request.params.id,
          request.query,
          "chronology.export.pdf",
          request.ip,
        );
        if (!loaded) throw problems.notFound();
        const redact = request.query.redact === "true";
        const pdf = await chronologyPdf(
          {
            pupilName: displayName(loaded.pupil),
            dateOfBirth: loaded.pupil.dateOfBirth,
            schoolName: loaded.schoolName,
            preparedBy: who.name,
            preparedAt: new Date(),
            redacted: redact,
          },
          loaded.entries,
          redactorFor(loaded, redact),
        );
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="chronology.pdf"`)
          .send(pdf);
      },
    );
  };
