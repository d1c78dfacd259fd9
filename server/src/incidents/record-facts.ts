// Incidents answer the record contract (access/record.ts) from incident_current, their
// alerts, and their pupils' places.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { RecordColumns } from "../access/readable-condition.ts";
import type { RecordFacts } from "../access/record.ts";
import type { Tx } from "../db/database.ts";
import {
  type Area,
  alerts,
  alertWithdrawals,
  incidentCurrent,
  pupils,
} from "../db/schema/index.ts";

/** The record contract's columns, for lists: `ic` is incident_current. */
export function incidentColumns(ic = sql.raw("ic")): RecordColumns {
  return {
    schoolId: sql`${ic}.school_id`,
    pupilIds: sql`${ic}.pupil_ids`,
    areas: sql`${ic}.areas`,
    authorId: sql`${ic}.author_id`,
    // Alerts about the incident itself: an alert about one of its actions opens that
    // action only.
    alertedIds: sql`array(select a.recipient_id from alerts a
      where a.school_id = ${ic}.school_id and a.incident_id = ${ic}.incident_id
        and a.action_id is null
        and not exists (select 1 from alert_withdrawals w
                        where w.school_id = a.school_id and w.alert_id = a.id))`,
    excludedIds: sql`${ic}.excluded_ids`,
  };
}

export type IncidentCurrent = typeof incidentCurrent.$inferSelect;

export async function loadIncidentCurrent(
  tx: Tx,
  schoolId: string,
  id: string,
): Promise<IncidentCurrent | null> {
  const [row] = await tx
    .select()
    .from(incidentCurrent)
    .where(and(eq(incidentCurrent.schoolId, schoolId), eq(incidentCurrent.incidentId, id)));
  return row ?? null;
}

/** The record contract's answers for one incident. */
export async function incidentFacts(tx: Tx, current: IncidentCurrent): Promise<RecordFacts> {
  const places = await tx
    .select({ id: pupils.id, yearGroupId: pupils.yearGroupId, classId: pupils.classId })
    .from(pupils)
    .where(and(eq(pupils.schoolId, current.schoolId), inArray(pupils.id, current.pupilIds)));
  const alerted = await tx
    .select({ id: alerts.recipientId })
    .from(alerts)
    .leftJoin(
      alertWithdrawals,
      and(eq(alertWithdrawals.schoolId, alerts.schoolId), eq(alertWithdrawals.alertId, alerts.id)),
    )
    .where(
      and(
        eq(alerts.schoolId, current.schoolId),
        eq(alerts.incidentId, current.incidentId),
        isNull(alerts.actionId),
        isNull(alertWithdrawals.alertId),
      ),
    );
  return {
    schoolId: current.schoolId,
    pupils: places,
    areas: current.areas as Area[],
    authorId: current.authorId,
    alertedIds: alerted.map((a) => a.id),
    excludedIds: current.excludedIds,
  };
}
