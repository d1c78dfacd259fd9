// Marking pupils as left: an import only proposes leavers (pupils missing from a full
// export); the administrator or the DSL team confirms them — the same people who run
// imports (PRODUCT.md: roster work, no record reading needed). Nothing is deleted: the
// pupil leaves the picker for new incidents, their records stay for those entitled, and
// each change is kept in pupil_leavings and the audit log. "Rejoined" undoes a mistake.
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuditPayloads, audit } from "../audit/audit-events.ts";
import { inSchool, type SignedIn } from "../auth/signed-in.ts";
import { schoolDay } from "../dashboard/review-clock.ts";
import { type Database, queryRows, type Tx } from "../db/database.ts";
import { auditEvents, pupilLeavings } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { requireRosterManager } from "../staff/roster-manager.ts";

type Who = SignedIn & { schoolId: string };

const LeftOn = z.iso.date("Enter the date the pupil left, like 2026-07-22.");
const IdParams = z.object({ id: z.uuid() });

function notInFuture(leftOn: string) {
  if (leftOn > schoolDay(new Date()).date) {
    throw problems.unprocessable("The leaving date cannot be in the future.", [
      {
        path: "leftOn",
        message: "The leaving date cannot be in the future: mark them on or after the day.",
      },
    ]);
  }
}

async function markLeft(tx: Tx, who: Who, pupilIds: readonly string[], leftOn: string) {
  const found = await queryRows<{ id: string; left_on: string | null }>(
    tx,
    sql`select id, left_on::text from pupils
        where school_id = ${who.schoolId}
          and id in (${sql.join(
            pupilIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
        for update`,
  );
  if (found.length !== new Set(pupilIds).size) {
    throw problems.unprocessable("Some of these pupils are not in this school.", [
      { path: "pupilIds", message: "Choose pupils of this school." },
    ]);
  }
  await tx.execute(
    sql`update pupils set on_roll = false, left_on = ${leftOn}
        where school_id = ${who.schoolId} and id in (${sql.join(
          found.map((p) => sql`${p.id}::uuid`),
          sql`, `,
        )})`,
  );
  await tx
    .insert(pupilLeavings)
    .values(
      found.map((p) => ({ schoolId: who.schoolId, pupilId: p.id, leftOn, byId: who.accountId })),
    );
  // One audit row per pupil, in one statement (an import can propose hundreds).
  await tx.insert(auditEvents).values(
    found.map((p) => {
      const payload: AuditPayloads["pupil.left"] = { pupilId: p.id, leftOn, from: p.left_on };
      return { schoolId: who.schoolId, accountId: who.accountId, type: "pupil.left", payload };
    }),
  );
  return found.length;
}

export const leavingRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const acting = (who: Who) => ({ schoolId: who.schoolId, accountId: who.accountId });

    app.post(
      "/api/v1/pupils/:id/leaving",
      {
        schema: {
          summary:
            "Mark a pupil as left on a date (administrator or DSL team, second factor); their records stay",
          tags: ["roster"],
          params: IdParams,
          body: z.object({ leftOn: LeftOn }),
          response: { 200: z.object({ id: z.uuid(), leftOn: z.string() }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        notInFuture(request.body.leftOn);
        await db.tx(acting(who), async (tx) => {
          const [pupil] = await queryRows<{ id: string }>(
            tx,
            sql`select id from pupils where school_id = ${who.schoolId} and id = ${request.params.id}`,
          );
          if (!pupil) throw problems.notFound("There is no such pupil in this school.");
          await markLeft(tx, who, [pupil.id], request.body.leftOn);
        });
        return { id: request.params.id, leftOn: request.body.leftOn };
      },
    );

    app.post(
      "/api/v1/pupils/leaving",
      {
        schema: {
          summary:
            "Mark several pupils as left on one date, e.g. an import's proposed leavers (administrator or DSL team, second factor); all or none",
          tags: ["roster"],
          body: z.object({
            pupilIds: z.array(z.uuid()).min(1, "Choose at least one pupil.").max(5000),
            leftOn: LeftOn,
          }),
          response: { 200: z.object({ marked: z.number() }) },
        },
      },
      async (request) => {
        const who = inSchool(request);
        requireRosterManager(who);
        notInFuture(request.body.leftOn);
        const marked = await db.tx(acting(who), (tx) =>
          markLeft(tx, who, request.body.pupilIds, request.body.leftOn),
        );
        return { marked };
      },
    );

    app.delete(
      "/api/v1/pupils/:id/leaving",
      {
        schema: {
          summary:
            "Undo a leaving: the pupil is back on roll (administrator or DSL team, second factor)",
          tags: ["roster"],
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const who = inSchool(request);
        requireRosterManager(who);
        await db.tx(acting(who), async (tx) => {
          const [pupil] = await queryRows<{ id: string; on_roll: boolean; left_on: string | null }>(
            tx,
            sql`select id, on_roll, left_on::text from pupils
                where school_id = ${who.schoolId} and id = ${request.params.id} for update`,
          );
          if (!pupil) throw problems.notFound("There is no such pupil in this school.");
          if (pupil.on_roll && pupil.left_on === null) {
            throw problems.conflict("This pupil is on roll: there is no leaving to undo.");
          }
          await tx.execute(
            sql`update pupils set on_roll = true, left_on = null
                where school_id = ${who.schoolId} and id = ${pupil.id}`,
          );
          await tx.insert(pupilLeavings).values({
            schoolId: who.schoolId,
            pupilId: pupil.id,
            leftOn: null,
            byId: who.accountId,
          });
          await audit(tx, who.schoolId, who.accountId, "pupil.rejoined", {
            pupilId: pupil.id,
            from: pupil.left_on,
          });
        });
        return reply.status(204).send(null);
      },
    );
  };
