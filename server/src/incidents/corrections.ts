// What a DSL does instead of rewriting someone's account: mark it entered in error (it
// leaves the normal views and stays in the history), re-file it to the right pupil (it
// leaves the wrong child's chronology; the move is recorded), or mark it reviewed.
import { and, eq } from "drizzle-orm";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import { incidentCurrent, incidentEvents, pupils } from "../db/schema/index.ts";
import { problems } from "../http/problem.ts";
import { loadIncidentCurrent } from "./record-facts.ts";

type Who = SignedIn & { schoolId: string };

async function current(tx: Tx, who: Who, id: string) {
  const row = await loadIncidentCurrent(tx, who.schoolId, id);
  if (!row) throw problems.notFound();
  return row;
}

export async function markEnteredInError(tx: Tx, who: Who, id: string, reason: string) {
  const row = await current(tx, who, id);
  if (row.enteredInError) throw problems.conflict("It is already marked as entered in error.");
  await tx.insert(incidentEvents).values({
    schoolId: who.schoolId,
    incidentId: id,
    type: "entered_in_error",
    payload: { reason },
    byId: who.accountId,
  });
  await tx
    .update(incidentCurrent)
    .set({ enteredInError: true })
    .where(and(eq(incidentCurrent.schoolId, who.schoolId), eq(incidentCurrent.incidentId, id)));
}

export async function refile(tx: Tx, who: Who, id: string, toPupilId: string, reason: string) {
  const row = await current(tx, who, id);
  if (row.pupilId === toPupilId) throw problems.conflict("It is already filed to that pupil.");
  const [target] = await tx
    .select({ id: pupils.id })
    .from(pupils)
    .where(and(eq(pupils.schoolId, who.schoolId), eq(pupils.id, toPupilId)));
  if (!target) {
    throw problems.unprocessable("Choose a pupil of this school.", [
      { path: "pupilId", message: "Choose a pupil of this school." },
    ]);
  }
  await tx.insert(incidentEvents).values({
    schoolId: who.schoolId,
    incidentId: id,
    type: "refiled",
    payload: { fromPupilId: row.pupilId, toPupilId, reason },
    byId: who.accountId,
  });
  const linked = row.pupilIds.filter((p) => p !== row.pupilId && p !== toPupilId);
  await tx
    .update(incidentCurrent)
    .set({ pupilId: toPupilId, pupilIds: [toPupilId, ...linked] })
    .where(and(eq(incidentCurrent.schoolId, who.schoolId), eq(incidentCurrent.incidentId, id)));
}

export async function markReviewed(tx: Tx, who: Who, id: string) {
  const row = await current(tx, who, id);
  if (row.reviewedAt) throw problems.conflict("It has already been reviewed.");
  const now = new Date();
  await tx.insert(incidentEvents).values({
    schoolId: who.schoolId,
    incidentId: id,
    type: "reviewed",
    payload: {},
    byId: who.accountId,
    at: now,
  });
  await tx
    .update(incidentCurrent)
    .set({ reviewedAt: now })
    .where(and(eq(incidentCurrent.schoolId, who.schoolId), eq(incidentCurrent.incidentId, id)));
}
