// The overdue digest (seed 004 §5): when an incident has waited past the review deadline
// or an alert has stayed unread too long, each member of the DSL team gets one email a
// day saying how many — no names, no content, a link to the dashboard. The dedupe key
// (school, local day, person) makes "once a day" hold however often the check runs and
// however many processes run it.

import { sql } from "drizzle-orm";
import { DSL_TEAM_ROLES_SQL } from "../access/permissions.ts";
import type { Database } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import { enqueue } from "../jobs/outbox.ts";
import { readSchoolSettings } from "../roster/school-settings.ts";
import { loadOverdue } from "./overdue.ts";
import { countedHours, schoolDay } from "./review-clock.ts";

/** Enqueues today's digests where anything is overdue; returns how many were new or known. */
export async function enqueueOverdueDigests(db: Database, now = new Date()): Promise<number> {
  const schools = await db.owner((tx) =>
    queryRows<{ id: string; settings: unknown }>(tx, sql`select id, settings from schools`),
  );
  let queued = 0;
  for (const school of schools) {
    const settings = readSchoolSettings(school.settings);
    // A school that leaves out weekends and holidays is not emailed on them either.
    const hourAgo = new Date(now.getTime() - 3_600_000);
    if (countedHours(hourAgo, now, settings.reviewCalendar) === 0) continue;
    queued += await db.owner(async (tx) => {
      const overdue = await loadOverdue(tx, school.id, settings, now);
      if (overdue.unreviewed.overdue === 0 && overdue.unreadAlertsOverdue.total === 0) return 0;
      const team = await queryRows<{ account_id: string }>(
        tx,
        sql`select m.account_id from memberships m join accounts a on a.id = m.account_id
            where m.school_id = ${school.id} and m.deactivated_at is null and a.active
              and m.roles && ${DSL_TEAM_ROLES_SQL}::text[]`,
      );
      const day = schoolDay(now).date;
      for (const member of team) {
        await enqueue(
          tx,
          "review.overdue-digest",
          { schoolId: school.id, accountId: member.account_id },
          {
            dedupeKey: `overdue-digest:${school.id}:${day}:${member.account_id}`,
            schoolId: school.id,
          },
        );
      }
      return team.length;
    });
  }
  return queued;
}
