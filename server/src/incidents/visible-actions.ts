// The actions of an incident this reader may see (access/action-read.ts decides).
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { decideActionRead } from "../access/action-read.ts";
import type { ReadDecision } from "../access/record.ts";
import type { AccessSubject } from "../access/subject.ts";
import type { Tx } from "../db/database.ts";
import { actions, alerts, pupils } from "../db/schema/index.ts";
import { withCurrentAudience } from "./action-restrictions.ts";
import { type CurrentAction, withCurrentRevisions } from "./action-revisions.ts";
import type { IncidentCurrent } from "./record-facts.ts";

export async function visibleActions(
  tx: Tx,
  subject: AccessSubject,
  incident: IncidentCurrent,
  incidentDecision: ReadDecision,
): Promise<CurrentAction[]> {
  const rows = await withCurrentAudience(
    tx,
    incident.schoolId,
    await tx
      .select()
      .from(actions)
      .where(
        and(eq(actions.schoolId, incident.schoolId), eq(actions.incidentId, incident.incidentId)),
      )
      .orderBy(actions.occurredAt, actions.recordedAt),
  );
  if (rows.length === 0) return [];
  const actionAlerts = await tx
    .select({ actionId: alerts.actionId, recipientId: alerts.recipientId })
    .from(alerts)
    .where(
      and(
        eq(alerts.schoolId, incident.schoolId),
        eq(alerts.incidentId, incident.incidentId),
        isNotNull(alerts.actionId),
        sql`not exists (select 1 from alert_withdrawals w where w.school_id = ${alerts.schoolId} and w.alert_id = ${alerts.id})`,
      ),
    );
  const places = await tx
    .select({ id: pupils.id, yearGroupId: pupils.yearGroupId, classId: pupils.classId })
    .from(pupils)
    .where(
      and(
        eq(pupils.schoolId, incident.schoolId),
        inArray(
          pupils.id,
          rows.map((r) => r.pupilId),
        ),
      ),
    );
  const shown = rows.filter((a) => {
    const pupil = places.find((p) => p.id === a.pupilId);
    if (!pupil) return false;
    const decision = decideActionRead(
      subject,
      {
        authorId: a.authorId,
        pupil,
        restricted: a.restricted,
        alertedIds: actionAlerts.filter((x) => x.actionId === a.id).map((x) => x.recipientId),
        excludedIds: incident.excludedIds,
      },
      incidentDecision,
    );
    return decision.allowed;
  });
  // A correction may move when it happened: order by the current revision.
  const current = await withCurrentRevisions(tx, incident.schoolId, shown);
  return current.sort(
    (x, y) =>
      x.occurredAt.getTime() - y.occurredAt.getTime() ||
      x.recordedAt.getTime() - y.recordedAt.getTime(),
  );
}
