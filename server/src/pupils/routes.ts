// The pupil picker (identity only, for everyone adding an incident), the pupil profile
// (a grant-based read: elevated access), and "who has looked at this child?".
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logAccess } from "../access/access-log.ts";
import { areasOpenFor, decidePupilRead } from "../access/can-read.ts";
import { can } from "../access/permissions.ts";
import { loadSubject } from "../access/subject.ts";
import { inSchool } from "../auth/signed-in.ts";
import type { Database } from "../db/database.ts";
import { accessLog, accounts } from "../db/schema/index.ts";
import { readableFlags } from "../desk/flags.ts";
import { type Problem, problems } from "../http/problem.ts";
import { displayName, initials, legalName } from "./names.ts";
import { pupilPlace, pupilProfile, searchPupils } from "./queries.ts";

const Cursor = z
  .string()
  .regex(/^\d{1,9}$/)
  .optional();

const PickerItem = z.object({
  id: z.uuid(),
  name: z.string(),
  legalName: z.string(),
  year: z.string().nullable(),
  class: z.string().nullable(),
  dateOfBirth: z.string(),
  initials: z.string(),
  photoUrl: z.string().nullable(),
});

const Profile = z.object({
  id: z.uuid(),
  name: z.string(),
  legalName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  upn: z.string().nullable(),
  year: z.string().nullable(),
  class: z.string().nullable(),
  onRoll: z.boolean(),
  /** When the pupil left, once someone has marked them as left (imports/leaving-routes.ts). */
  leftOn: z.string().nullable(),
  initials: z.string(),
  // Current flags (desk/flags.ts), only those the reader's access covers.
  flags: z.array(
    z.object({
      id: z.uuid(),
      key: z.string().nullable(),
      name: z.string(),
      filedAs: z.string().optional(),
      area: z.string(),
      startsOn: z.string(),
    }),
  ),
  siblings: z.array(z.object({ id: z.uuid(), name: z.string() })),
  contacts: z
    .array(
      z.object({
        name: z.string(),
        relationship: z.string(),
        parentalResponsibility: z.boolean(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        priority: z.number(),
      }),
    )
    .nullable(),
  /** What the reader may do here: the UI never works this out itself. */
  abilities: z.object({
    addIncident: z.boolean(),
    viewAccessLog: z.boolean(),
    markChronologyReviewed: z.boolean(),
    /** Export the chronology: the permission and a second factor in this session. */
    exportChronology: z.boolean(),
    /** Mark the pupil as left, or back on roll (administrator or DSL team). */
    markLeft: z.boolean(),
  }),
});

function purposeOf(detail: unknown) {
  const d = (detail ?? {}) as { purpose?: unknown; purposeDetail?: unknown };
  return {
    purpose: typeof d.purpose === "string" ? d.purpose : null,
    purposeDetail: typeof d.purposeDetail === "string" ? d.purposeDetail : null,
  };
}

export function secondFactorRequired(): Problem {
  return problems.secondFactorRequired(
    "Opening pupils' records needs the code from your authenticator app in this session.",
  );
}

export const pupilRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/pupils",
      {
        schema: {
          summary: "The pupil picker: pupils on roll, identity only (no records, no flags)",
          tags: ["pupils"],
          querystring: z.object({
            q: z.string().trim().max(100).default(""),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: Cursor,
          }),
          response: {
            200: z.object({ items: z.array(PickerItem), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const { q, limit } = request.query;
        const offset = Number(request.query.cursor ?? 0);
        const rows = await db.tx({ schoolId: who.schoolId, accountId: who.accountId }, (tx) =>
          searchPupils(tx, who.schoolId, q, limit + 1, offset),
        );
        const items = rows.slice(0, limit).map((p) => ({
          id: p.id,
          name: displayName(p),
          legalName: legalName(p),
          year: p.yearGroup,
          class: p.className,
          dateOfBirth: p.dateOfBirth,
          initials: initials(p),
          photoUrl: null,
        }));
        return { items, nextCursor: rows.length > limit ? String(offset + limit) : null };
      },
    );

    app.get(
      "/api/v1/pupils/:id",
      {
        schema: {
          summary: "A pupil's profile with the flags the reader may see (elevated access)",
          tags: ["pupils"],
          params: z.object({ id: z.uuid() }),
          response: { 200: Profile },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const { id } = request.params;
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const subject = await loadSubject(tx, who);
            const place = await pupilPlace(tx, who.schoolId, id);
            const decision = place
              ? decidePupilRead(subject, place)
              : ({ allowed: false, refusal: "no-reason" } as const);
            await logAccess(tx, {
              schoolId: who.schoolId,
              accountId: who.accountId,
              action: "pupil.read",
              decision,
              pupilId: place ? id : null,
              recordType: "pupil",
              recordId: id,
              ip: request.ip,
            });
            if (!place) return { outcome: "missing" as const };
            if (!decision.allowed) return { outcome: decision.refusal };
            const profile = await pupilProfile(tx, who.schoolId, id);
            const open = areasOpenFor(subject.grants, place);
            const flags = (await readableFlags(tx, subject, place)).filter((f) => f.current);
            return { outcome: "ok" as const, profile, open, flags };
          },
        );
        // The refusal is logged (above, committed); now say no.
        if (result.outcome === "missing") throw problems.notFound();
        if (result.outcome === "second-factor-required") throw secondFactorRequired();
        if (result.outcome !== "ok" || !result.profile) {
          throw problems.forbidden("You are not allowed to open this pupil's records.");
        }
        const { pupil, yearGroup, className, siblings, contacts } = result.profile;
        return {
          id: pupil.id,
          name: displayName(pupil),
          legalName: legalName(pupil),
          dateOfBirth: pupil.dateOfBirth,
          sex: pupil.sex,
          upn: pupil.upn,
          year: yearGroup,
          class: className,
          onRoll: pupil.onRoll,
          leftOn: pupil.leftOn,
          initials: initials(pupil),
          flags: result.flags.map((f) => ({
            id: f.id,
            key: f.key,
            name: f.name,
            ...(f.filedAs ? { filedAs: f.filedAs } : {}),
            area: f.area,
            startsOn: f.startsOn,
          })),
          siblings: siblings.map((s) => ({ id: s.id, name: displayName(s) })),
          // Home contacts are general pastoral information.
          contacts: result.open.has("general")
            ? contacts.map((c) => ({
                name: c.name,
                relationship: c.relationship,
                parentalResponsibility: c.parentalResponsibility,
                phone: c.phone,
                email: c.email,
                priority: c.priority,
              }))
            : null,
          abilities: {
            addIncident: true,
            viewAccessLog: can(who.roles, "pupil.viewAccessLog"),
            markChronologyReviewed: can(who.roles, "chronology.review"),
            // Roster work, as for imports (a second factor is asked for when it is done).
            markLeft: can(who.roles, "roster.manage"),
            exportChronology:
              can(who.roles, "chronology.export") && who.secondFactor === "satisfied",
          },
        };
      },
    );

    app.get(
      "/api/v1/pupils/:id/access-log",
      {
        schema: {
          summary: "Who has looked at this child? (DSL)",
          tags: ["pupils"],
          params: z.object({ id: z.uuid() }),
          querystring: z.object({
            accountId: z.uuid().optional(),
            from: z.iso.date().optional(),
            to: z.iso.date().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: Cursor,
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  at: z.date(),
                  who: z.object({ id: z.uuid(), name: z.string() }).nullable(),
                  action: z.string(),
                  outcome: z.enum(["allowed", "refused"]),
                  reason: z.string().nullable(),
                  ip: z.string().nullable(),
                  /** What an export was for (internal, court…), with the words given for "other". */
                  purpose: z.string().nullable(),
                  purposeDetail: z.string().nullable(),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const who = inSchool(request);
        const { id } = request.params;
        const { accountId, from, to, limit, cursor } = request.query;
        const result = await db.tx(
          { schoolId: who.schoolId, accountId: who.accountId },
          async (tx) => {
            const place = await pupilPlace(tx, who.schoolId, id);
            const permitted = can(who.roles, "pupil.viewAccessLog");
            const decision = !permitted
              ? ({ allowed: false, refusal: "no-reason" } as const)
              : who.secondFactor !== "satisfied"
                ? ({ allowed: false, refusal: "second-factor-required" } as const)
                : ({ allowed: true, reason: "grant" } as const);
            await logAccess(tx, {
              schoolId: who.schoolId,
              accountId: who.accountId,
              action: "pupil.access-log.read",
              decision,
              pupilId: place ? id : null,
              recordType: "pupil",
              recordId: id,
              ip: request.ip,
            });
            if (!place) return { outcome: "missing" as const };
            if (!decision.allowed) return { outcome: decision.refusal };
            const conditions: SQL[] = [
              eq(accessLog.schoolId, who.schoolId),
              eq(accessLog.pupilId, id),
            ];
            if (accountId) conditions.push(eq(accessLog.accountId, accountId));
            if (from) conditions.push(gte(accessLog.at, new Date(`${from}T00:00:00Z`)));
            if (to) conditions.push(lte(accessLog.at, new Date(`${to}T23:59:59.999Z`)));
            if (cursor) conditions.push(lt(accessLog.seq, Number(cursor)));
            const rows = await tx
              .select({ entry: accessLog, name: accounts.name })
              .from(accessLog)
              .leftJoin(accounts, eq(accounts.id, accessLog.accountId))
              .where(and(...conditions))
              .orderBy(desc(accessLog.seq))
              .limit(limit + 1);
            return { outcome: "ok" as const, rows };
          },
        );
        if (result.outcome === "missing") throw problems.notFound();
        if (result.outcome === "second-factor-required") throw secondFactorRequired();
        if (result.outcome !== "ok") {
          throw problems.forbidden(
            "Only the designated safeguarding leads can see who has looked at a pupil.",
          );
        }
        const page = result.rows.slice(0, limit);
        return {
          items: page.map(({ entry, name }) => ({
            at: entry.at,
            who: entry.accountId && name ? { id: entry.accountId, name } : null,
            action: entry.action,
            outcome: entry.outcome,
            reason: entry.reason,
            ip: entry.ip,
            ...purposeOf(entry.detail),
          })),
          nextCursor:
            result.rows.length > limit ? String(page[page.length - 1]?.entry.seq ?? "") : null,
        };
      },
    );
  };
