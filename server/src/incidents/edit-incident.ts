// An edit is a new revision by the author, naming the revision it replaces: a stale base
// gets 409, so two simultaneous edits conflict instead of one erasing the other. After a
// DSL has reviewed it, the author adds to it (an action) instead.
import { and, eq, sql } from "drizzle-orm";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import { onlyRow, queryRows } from "../db/database.ts";
import { incidentCurrent, incidentRevisions } from "../db/schema/index.ts";
import { type FieldError, Problem, problems } from "../http/problem.ts";
import type { StoredBodyMap } from "./body-map.ts";
import { checkAgencies, checkCategories, checkPupils } from "./references.ts";
import type { EditIncident } from "./schemas.ts";

export async function editIncident(
  tx: Tx,
  who: SignedIn & { schoolId: string },
  incidentId: string,
  input: EditIncident,
): Promise<{ revisionId: string; revisionNo: number }> {
  const schoolId = who.schoolId;
  // Lock the current state: a concurrent edit waits, then sees the new revision.
  const [current] = await queryRows<{
    revision_id: string;
    revision_no: number;
    author_id: string;
    reviewed_at: Date | null;
    entered_in_error: boolean;
    pupil_id: string;
  }>(
    tx,
    sql`select revision_id, revision_no, author_id, reviewed_at, entered_in_error, pupil_id
        from incident_current where school_id = ${schoolId} and incident_id = ${incidentId} for update`,
  );
  if (!current || current.author_id !== who.accountId) {
    throw problems.notFound("There is no incident of yours with that number to change.");
  }
  if (current.entered_in_error)
    throw problems.conflict("This incident was marked as entered in error.");
  if (current.reviewed_at !== null) {
    throw new Problem(
      409,
      "reviewed",
      "Already reviewed",
      "A designated safeguarding lead has reviewed this incident, so it can no longer be changed. Add an action to it instead.",
    );
  }
  if (current.revision_id !== input.baseRevisionId) {
    throw problems.conflict(
      "This incident was changed since you opened it. Your changes were not saved: open it again to see the latest version, then make your change.",
    );
  }
  const [previous] = await tx
    .select()
    .from(incidentRevisions)
    .where(
      and(eq(incidentRevisions.schoolId, schoolId), eq(incidentRevisions.id, current.revision_id)),
    );
  if (!previous) throw new Error("an incident without its current revision");
  const c = input.changes;
  const errors: FieldError[] = [];
  const categoryIds = c.categoryIds ?? previous.categoryIds;
  const linkedPupilIds = c.linkedPupilIds ?? previous.linkedPupilIds;
  const cats = await checkCategories(
    tx,
    schoolId,
    categoryIds,
    who.roles,
    errors,
    previous.categoryIds,
  );
  if (c.linkedPupilIds) await checkPupils(tx, schoolId, current.pupil_id, linkedPupilIds, errors);
  if (c.agencyIds) await checkAgencies(tx, schoolId, c.agencyIds, errors);
  const occurredAt = c.occurredAt ? new Date(c.occurredAt) : previous.occurredAt;
  if (occurredAt.getTime() > Date.now() + 60_000) {
    errors.push({
      path: "changes.occurredAt",
      message: "The date and time cannot be in the future.",
    });
  }
  if (errors.length > 0) throw problems.unprocessable("Some of the changes need changing.", errors);
  const now = new Date();
  const bodyMap: StoredBodyMap | null | unknown =
    c.bodyMap === undefined
      ? previous.bodyMap
      : c.bodyMap === null
        ? null
        : { ...c.bodyMap, observerId: who.accountId, observedAt: now.toISOString() };
  const revision = onlyRow(
    await tx
      .insert(incidentRevisions)
      .values({
        schoolId,
        incidentId,
        revisionNo: current.revision_no + 1,
        baseRevisionId: current.revision_id,
        pupilId: previous.pupilId,
        account: c.account ?? previous.account,
        location: c.location === undefined ? previous.location : c.location,
        categoryIds,
        linkedPupilIds,
        agencyIds: c.agencyIds ?? previous.agencyIds,
        occurredAt,
        status: c.status ?? previous.status,
        bodyMap,
        toldDsl: c.toldDsl === undefined ? previous.toldDsl : c.toldDsl,
        editedBy: who.accountId,
        editedAt: now,
        reason: input.reason,
      })
      .returning({ id: incidentRevisions.id, revisionNo: incidentRevisions.revisionNo }),
    "the new revision",
  );
  await tx
    .update(incidentCurrent)
    .set({
      revisionId: revision.id,
      revisionNo: revision.revisionNo,
      pupilIds: [current.pupil_id, ...linkedPupilIds],
      categoryIds,
      areas: [...new Set(cats.map((x) => x.area))],
      occurredAt,
      status: c.status ?? previous.status,
    })
    .where(and(eq(incidentCurrent.schoolId, schoolId), eq(incidentCurrent.incidentId, incidentId)));
  return { revisionId: revision.id, revisionNo: revision.revisionNo };
}
