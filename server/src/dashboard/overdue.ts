// What is waiting too long for the DSL team: incidents nobody has reviewed, oldest
// first, each with its deadline under the school's review calendar; and alerts their
// recipients have not opened. One query set, used by the dashboard and the digest email.
import { sql } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import type { SchoolSettings } from "../roster/school-settings.ts";
import { countedHours, reviewDueAt } from "./review-clock.ts";

const LISTED = 200;

export interface Overdue {
  unreviewed: {
    total: number;
    overdue: number;
    items: {
      id: string;
      number: number;
      recordedAt: Date;
      dueAt: Date;
      ageHours: number;
      overdue: boolean;
      author: string;
    }[];
  };
  unreadAlertsOverdue: {
    total: number;
    items: {
      alertId: string;
      recipient: string;
      incidentId: string;
      incidentNumber: number;
      /** Set when the alert is about one action: the link opens that action. */
      actionId: string | null;
      sentAt: Date;
    }[];
  };
}

export async function loadOverdue(
  tx: Tx,
  schoolId: string,
  settings: SchoolSettings,
  now = new Date(),
): Promise<Overdue> {
  const { reviewWithinHours, unreadAlertHours, reviewCalendar } = settings;
  // Unreviewed incidents are few in a working school (the DSL team clears them daily),
  // so every one is read and its deadline worked out here rather than in SQL.
  const waiting = await queryRows<{
    id: string;
    number: number;
    recorded_at: string;
    author: string;
  }>(
    tx,
    sql`select ic.incident_id as id, ic.number, ic.recorded_at, a.name as author
      from incident_current ic join accounts a on a.id = ic.author_id
      where ic.school_id = ${schoolId} and ic.reviewed_at is null and not ic.entered_in_error
      order by ic.recorded_at asc`,
  );
  const items = waiting.map((w) => {
    const recordedAt = new Date(w.recorded_at);
    const dueAt = reviewDueAt(recordedAt, reviewWithinHours, reviewCalendar);
    return {
      id: w.id,
      number: w.number,
      recordedAt,
      dueAt,
      ageHours: Math.floor(countedHours(recordedAt, now, reviewCalendar)),
      overdue: dueAt <= now,
      author: w.author,
    };
  });
  // An alert left unread counts the same hours as the review: a Friday evening alert is
  // not chased on Sunday in a school that leaves weekends out.
  const unread = await queryRows<{
    alert_id: string;
    recipient: string;
    incident_id: string;
    number: number;
    action_id: string | null;
    sent_at: string;
  }>(
    tx,
    sql`select al.id as alert_id, r.name as recipient, ic.incident_id, ic.number, al.action_id, al.sent_at
      from alerts al
      join accounts r on r.id = al.recipient_id
      join incident_current ic on ic.school_id = al.school_id and ic.incident_id = al.incident_id
      where al.school_id = ${schoolId} and not ic.entered_in_error
        and al.sent_at < ${new Date(now.getTime() - unreadAlertHours * 3_600_000).toISOString()}::timestamptz
        and not exists (select 1 from alert_reads x where x.school_id = al.school_id and x.alert_id = al.id)
        and not exists (select 1 from alert_withdrawals w where w.school_id = al.school_id and w.alert_id = al.id)
      order by al.sent_at asc`,
  );
  const late = unread
    .map((u) => ({
      alertId: u.alert_id,
      recipient: u.recipient,
      incidentId: u.incident_id,
      incidentNumber: u.number,
      actionId: u.action_id,
      sentAt: new Date(u.sent_at),
    }))
    .filter((u) => reviewDueAt(u.sentAt, unreadAlertHours, reviewCalendar) <= now);
  return {
    unreviewed: {
      total: items.length,
      overdue: items.filter((i) => i.overdue).length,
      // Overdue first (they are the oldest anyway), then the rest by age.
      items: items.slice(0, LISTED),
    },
    unreadAlertsOverdue: { total: late.length, items: late.slice(0, LISTED) },
  };
}
