// Where an alert opens: an alert about an action opens that action alone.
import type { AlertItem } from "../../api/incidents";

export function alertTarget(alert: AlertItem): string {
  return alert.action ? `/actions/${alert.action.id}` : `/incidents/${alert.incident.id}`;
}

/** Whether the alert is about this record (an incident's own alert, or one action's). */
export function isAlertFor(
  alert: AlertItem,
  record: { incidentId: string; actionId?: string | undefined },
): boolean {
  return record.actionId
    ? alert.action?.id === record.actionId
    : alert.incident.id === record.incidentId && !alert.action;
}
