// A pupil's chronology, and its exports (PDF, CSV) with optional redaction. Every view
// and every export is in the access log.
import { and, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { decidePupilRead } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import type { ReadDecision } from "../access/record.ts";
import { loadSubject } from "../access/subject.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import { type Database, queryRows } from "../db/database.ts";
import { AREAS, pupils, schools } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { displayName } from "../pupils/names.ts";
import { secondFactorRequired } from "../pupils/routes.ts";
import { chronologyCsv } from "./export-csv.ts";
import { chronologyPdf } from "./export-pdf.ts";
import {
  CHRONOLOGY_ENTRY_TYPES,
  type ChronologyEntry,
  chronology,
  ENTRY_LABELS,
  isLate,
} from "./queries.ts";
import { createRedactor, type NamedChild, type Redactor } from "./redaction.ts";
import {
  type ConfirmedReplacement,
  defaultReplacements,
  planRedaction,
  redactorFrom,
} from "./redaction-plan.ts";

const fullName = (c: NamedChild) =>
  `${c.preferredFirstName ?? c.legalFirstName} ${c.preferredLastName ?? c.legalLastName}`;

const Filters = z.object({
  category: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  author: z.uuid().optional(),
  area: z.enum(AREAS).optional(),
  type: z.enum(CHRONOLOGY_ENTRY_TYPES).optional(),
  q: z.string().trim().max(200).optional(),
  includeEnteredInError: z.enum(["true", "false"]).optional(),
  redact: z.enum(["true", "false"]).optional(),
});

export const EXPORT_PURPOSES = [
  "internal",
  "case_conference",
  "court",
  "another_school",
  "other",
] as const;
export type ExportPurpose = (typeof EXPORT_PURPOSES)[number];

const PURPOSE_LABELS: Record<ExportPurpose, string> = {
  internal: "Internal use in school",
  case_conference: "Case conference",
  court: "Court",
  another_school: "Another school",
  other: "Other",
};

const Replacements = z
  .array(
    z.object({
      text: z.string().trim().min(1).max(100),
      label: z.string().trim().min(1).max(40),
    }),
  )
  .max(500);

// What an export is for, and the replacements the DSL confirmed or added in the preview
// (JSON [{text, label}]) on top of the server's own proposal.
const ExportQuery = Filters.extend({
  purpose: z.enum(EXPORT_PURPOSES).optional(),
  purposeDetail: z.string().trim().max(200).optional(),
  replacements: z.string().max(60_000).optional(),
  // The proposed words the DSL undid (JSON array of strings): a name the preview did not
  // show (an entry added since) is still replaced.
  undone: z.string().max(20_000).optional(),
});
type ExportQuery = z.infer<typeof ExportQuery>;

const PreviewBody = Filters.omit({ redact: true }).extend({
  purpose: z.enum(EXPORT_PURPOSES).optional(),
  purposeDetail: z.string().trim().max(200).optional(),
});

type Action =
  | "chronology.read"
  | "chronology.export.pdf"
  | "chronology.export.csv"
  | "chronology.redaction-preview";

/** Export needs the permission and a second factor; anything less is refused before any read. */
function mayExport(who: SignedIn & { schoolId: string }) {
  if (!can(who.roles, "chronology.export")) {
    throw problems.forbidden(
      "Only the designated safeguarding leads and the headteacher can take a chronology out of Tessera.",
    );
  }
  if (who.secondFactor !== "satisfied") throw secondFactorRequired();
}

interface ExportChoice {
  purpose: ExportPurpose;
  purposeDetail: string | null;
  redact: boolean;
  confirmed: ConfirmedReplacement[] | null;
  undone: string[];
}

function exportChoice(query: ExportQuery): ExportChoice {
  // A missing purpose is "internal", so the plain ?redact=true link of API.md still works.
  const purpose = query.purpose ?? "internal";
  const purposeDetail = query.purposeDetail?.trim() || null;
  if (purpose === "other" && !purposeDetail) {
    throw problems.badRequest("Say what the export is for.", [
      { path: "purposeDetail", message: "Say what the export is for" },
    ]);
  }
  // Redaction is on for every purpose but internal unless turned off explicitly.
  const redact = query.redact ? query.redact === "true" : purpose !== "internal";
  let confirmed: ConfirmedReplacement[] | null = null;
  if (query.replacements !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.replacements);
    } catch {
      throw problems.badRequest("The replacements are not valid JSON.");
    }
    const result = Replacements.safeParse(parsed);
    if (!result.success) throw problems.badRequest("The replacements are not in the right form.");
    confirmed = result.data;
  }
  let undone: string[] = [];
  if (query.undone !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.undone);
    } catch {
      throw problems.badRequest("The undone replacements are not valid JSON.");
    }
    const result = z.array(z.string().max(100)).max(500).safeParse(parsed);
    if (!result.success)
      throw problems.badRequest("The undone replacements are not in the right form.");
    undone = result.data;
  }
  return { purpose, purposeDetail, redact, confirmed, undone };
}

async function load(
  db: Database,
  who: SignedIn & { schoolId: string },
  pupilId: string,
  query: z.infer<typeof Filters>,
  action: Action,
  ip: string,
  detail: Record<string, unknown> | null = null,
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
      area: query.area,
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
      detail,
    });
    const [school] = await tx
      .select({ name: schools.name })
      .from(schools)
      .where(eq(schools.id, who.schoolId));
    // Every pupil of the school, by name only: any of them named in the text is redacted.
    const schoolPupils: NamedChild[] =
      action === "chronology.read"
        ? []
        : await tx
            .select({
              id: pupils.id,
              legalFirstName: pupils.legalFirstName,
              legalLastName: pupils.legalLastName,
              preferredFirstName: pupils.preferredFirstName,
              preferredLastName: pupils.preferredLastName,
            })
            .from(pupils)
            .where(eq(pupils.schoolId, who.schoolId));
    // The filters as words for the PDF's heading.
    const filterNames: string[] = [];
    if (query.type) filterNames.push(`type: ${ENTRY_LABELS[query.type]}`);
    if (query.category) {
      const [c] = await queryRows<{ name: string }>(
        tx,
        sql`select name from categories where school_id = ${who.schoolId} and id = ${query.category}`,
      );
      filterNames.push(`category: ${c?.name ?? "unknown"}`);
    }
    if (query.author) {
      const [a] = await queryRows<{ name: string }>(
        tx,
        sql`select name from accounts where id = ${query.author}`,
      );
      filterNames.push(`written by: ${a?.name ?? "unknown"}`);
    }
    if (query.q) filterNames.push(`containing “${query.q}”`);
    if (query.includeEnteredInError === "true" && can(who.roles, "incident.correct"))
      filterNames.push("entries made in error shown");
    return { pupil, entries, schoolName: school?.name ?? "", schoolPupils, filterNames };
  });
}

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function redactorFor(loaded: Loaded, redact: boolean): Redactor | null {
  if (!redact) return null;
  return createRedactor(
    loaded.pupil,
    loaded.entries.flatMap((e) => e.otherPupils),
  );
}

/**
 * The export's redactor: the proposal's applied part less what the DSL undid, plus what
 * she confirmed or added. A name the proposal finds now but she never saw (an entry
 * recorded since her preview) is replaced all the same.
 */
function exportRedactor(loaded: Loaded, choice: ExportChoice): Redactor | null {
  if (!choice.redact) return null;
  const plan = planRedaction(loaded.pupil, loaded.entries, loaded.schoolPupils);
  const undone = new Set(choice.undone.map((t) => t.toLowerCase()));
  const confirmed = choice.confirmed ?? [];
  const chosen = new Set(confirmed.map((c) => c.text.toLowerCase()));
  const proposed = defaultReplacements(plan).filter(
    (r) => !undone.has(r.text.toLowerCase()) && !chosen.has(r.text.toLowerCase()),
  );
  return redactorFrom(plan.labels, [...confirmed, ...proposed]);
}

const exportDetail = (choice: ExportChoice, query: ExportQuery) => ({
  purpose: choice.purpose,
  ...(choice.purposeDetail ? { purposeDetail: choice.purposeDetail } : {}),
  redacted: choice.redact,
  ...(choice.confirmed ? { confirmedReplacements: choice.confirmed.length } : {}),
  ...(choice.undone.length > 0 ? { undoneReplacements: choice.undone.length } : {}),
  filters: filterWords(query),
});

function filterWords(query: z.infer<typeof Filters>) {
  return Object.fromEntries(
    (["category", "from", "to", "author", "type", "q", "includeEnteredInError"] as const)
      .filter((k) => query[k] !== undefined)
      .map((k) => [k, query[k]]),
  );
}

const Entry = z.object({
  type: z.enum(CHRONOLOGY_ENTRY_TYPES),
  id: z.uuid(),
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
          summary:
            "The chronology as CSV for a purpose (redacted unless internal or ?redact=false; DSL team and head, with a second factor)",
          tags: ["chronology"],
          params,
          querystring: ExportQuery,
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayExport(who);
        const choice = exportChoice(request.query);
        const loaded = await load(
          db,
          who,
          request.params.id,
          request.query,
          "chronology.export.csv",
          request.ip,
          exportDetail(choice, request.query),
        );
        if (!loaded) throw problems.notFound();
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="chronology.csv"`)
          .send(chronologyCsv(loaded.entries, exportRedactor(loaded, choice)));
      },
    );

    app.get(
      "/api/v1/pupils/:id/chronology.pdf",
      {
        schema: {
          summary:
            "The chronology as PDF for a purpose (redacted unless internal or ?redact=false; DSL team and head, with a second factor)",
          tags: ["chronology"],
          params,
          querystring: ExportQuery,
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        mayExport(who);
        const choice = exportChoice(request.query);
        const loaded = await load(
          db,
          who,
          request.params.id,
          request.query,
          "chronology.export.pdf",
          request.ip,
          exportDetail(choice, request.query),
        );
        if (!loaded) throw problems.notFound();
        const pdf = await chronologyPdf(
          {
            pupilName: displayName(loaded.pupil),
            dateOfBirth: loaded.pupil.dateOfBirth,
            schoolName: loaded.schoolName,
            preparedBy: who.name,
            preparedAt: new Date(),
            redacted: choice.redact,
            purpose:
              PURPOSE_LABELS[choice.purpose] +
              (choice.purposeDetail ? `: ${choice.purposeDetail}` : ""),
            range: { from: request.query.from ?? null, to: request.query.to ?? null },
            filters: loaded.filterNames,
          },
          loaded.entries,
          exportRedactor(loaded, choice),
        );
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="chronology.pdf"`)
          .send(pdf);
      },
    );

    app.post(
      "/api/v1/pupils/:id/chronology/redaction-preview",
      {
        schema: {
          summary:
            "The replacements an export would make, with who each label stands for (the redaction key: DSL team and head, logged)",
          tags: ["chronology"],
          params,
          body: PreviewBody,
          response: {
            200: z.object({
              redactByDefault: z.boolean(),
              replacements: z.array(
                z.object({
                  text: z.string(),
                  label: z.string(),
                  child: z.object({ id: z.uuid(), name: z.string() }).nullable(),
                  kind: z.enum(["full-name", "first-name", "surname", "initials", "added"]),
                  review: z.enum(["ordinary-word", "initials", "surname-only"]).nullable(),
                  apply: z.boolean(),
                  foundIn: z.array(
                    z.object({
                      entryId: z.uuid(),
                      type: z.enum(CHRONOLOGY_ENTRY_TYPES),
                      occurredAt: z.date(),
                      count: z.number(),
                    }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        mayExport(who);
        const { purpose: chosen, purposeDetail, ...filters } = request.body;
        const purpose = chosen ?? "internal";
        const loaded = await load(
          db,
          who,
          request.params.id,
          filters,
          "chronology.redaction-preview",
          request.ip,
          {
            purpose,
            ...(purposeDetail ? { purposeDetail } : {}),
            filters: filterWords(filters),
          },
        );
        if (!loaded) throw problems.notFound();
        const plan = planRedaction(loaded.pupil, loaded.entries, loaded.schoolPupils);
        return {
          redactByDefault: purpose !== "internal",
          replacements: plan.replacements.map((r) => ({
            text: r.text,
            label: r.label,
            child: r.child ? { id: r.child.id, name: fullName(r.child) } : null,
            kind: r.kind,
            review: r.review,
            apply: r.apply,
            foundIn: r.foundIn,
          })),
        };
      },
    );
  };
