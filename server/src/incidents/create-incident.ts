// Adding an incident: checked, numbered, stored as identity + first revision + current
// state, alerts fixed and their emails queued — all in one transaction.
import { randomUUID } from "node:crypto";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { can } from "../access/permissions.ts";
import { alertRecipients } from "../alerts/recipients.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import { onlyRow, queryRows } from "../db/database.ts";
import {
  alerts,
  drafts,
  incidentCurrent,
  incidentRevisions,
  incidents,
} from "../db/schema/index.ts";
import { type FieldError, problems } from "../http/problem.ts";
import { jobsInsert } from "../jobs/outbox.ts";
import type { StoredBodyMap } from "./body-map.ts";
import {
  activeStaff,
  checkAgencies,
  checkCategories,
  checkGroups,
  checkPupils,
} from "./references.ts";
import type { CreateIncident } from "./schemas.ts";

// A phone's clock may run a little fast: allow a minute before calling it "the future".
const CLOCK_SKEW_MS = 60_000;

export async function createIncident(
  tx: Tx,
  who: SignedIn & { schoolId: string },
  input: CreateIncident,
): Promise<{ id: string; number: number; revisionId: string }> {
  const schoolId = who.schoolId;
  const errors: FieldError[] = [];
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
    errors.push({ path: "occurredAt", message: "The date and time cannot be in the future." });
  }
  const cats = await checkCategories(tx, schoolId, input.categoryIds, who.roles, errors);
  const places = await checkPupils(tx, schoolId, input.pupilId, input.linkedPupilIds, errors);
  await checkAgencies(tx, schoolId, input.agencyIds, errors);
  await checkGroups(tx, schoolId, input.alertGroupIds, errors);
  const staff = await activeStaff(tx, schoolId, [
    ...input.alertUserIds,
    ...(input.onBehalfOf ? [input.onBehalfOf] : []),
  ]);
  if (input.alertUserIds.some((id) => !staff.has(id))) {
    errors.push({ path: "alertUserIds", message: "Choose staff of this school to alert." });
  }
  if (input.onBehalfOf) {
    if (!can(who.roles, "incident.recordOnBehalf")) {
      errors.push({
        path: "onBehalfOf",
        message: "Only the designated safeguarding leads can record for someone else.",
      });
    } else if (!staff.has(input.onBehalfOf)) {
      errors.push({
        path: "onBehalfOf",
        message: "Choose the member of staff of this school who raised it.",
      });
    }
  }
  if (errors.length > 0) throw problems.unprocessable("Some of the details need changing.", errors);

  const authorId = input.onBehalfOf ?? who.accountId;
  const now = new Date();
  // Everything that reads or may refuse happens before the number is taken: the counter
  // row is locked from then until commit, and every school's submits queue on it.
  const recipients = await alertRecipients(tx, schoolId, {
    userIds: input.alertUserIds,
    groupIds: input.alertGroupIds,
    authorId,
    excludedIds: [],
    presetsFor: { pupils: places, categories: cats },
  });
  if (input.draftId) {
    await tx
      .delete(drafts)
      .where(
        and(
          eq(drafts.schoolId, schoolId),
          eq(drafts.id, input.draftId),
          eq(drafts.accountId, who.accountId),
        ),
      );
  }

  const id = randomUUID();
  const revisionId = randomUUID();
  const bodyMap: StoredBodyMap | null = input.bodyMap
    ? { ...input.bodyMap, observerId: authorId, observedAt: now.toISOString() }
    : null;
  // The number and every row that carries it go in one statement (one round trip under
  // the lock). Gap-free per school: the counter row stays locked until this transaction
  // ends, and a rolled-back incident rolls its number back too. (Drizzle wraps each
  // embedded INSERT in the parentheses a CTE needs.)
  const number = sql`(select last_number from n)`;
  const parts: SQL[] = [
    sql`n as (insert into incident_counters (school_id, last_number) values (${schoolId}, 1)
      on conflict (school_id) do update set last_number = incident_counters.last_number + 1
      returning last_number)`,
    sql`i as ${tx.insert(incidents).values({
      schoolId,
      id,
      number,
      authorId,
      recordedBy: who.accountId,
      recordedAt: now,
    })}`,
    sql`r as ${tx.insert(incidentRevisions).values({
      schoolId,
      id: revisionId,
      incidentId: id,
      revisionNo: 1,
      pupilId: input.pupilId,
      account: input.account,
      location: input.location ?? null,
      categoryIds: input.categoryIds,
      linkedPupilIds: input.linkedPupilIds,
      agencyIds: input.agencyIds,
      occurredAt,
      status: input.status,
      bodyMap,
      toldDsl: input.toldDsl ?? null,
      editedBy: who.accountId,
      editedAt: now,
    })}`,
    sql`c as ${tx.insert(incidentCurrent).values({
      schoolId,
      incidentId: id,
      number,
      revisionId,
      revisionNo: 1,
      pupilId: input.pupilId,
      pupilIds: [input.pupilId, ...input.linkedPupilIds],
      categoryIds: input.categoryIds,
      areas: [...new Set(cats.map((c) => c.area))],
      authorId,
      occurredAt,
      recordedAt: now,
      status: input.status,
    })}`,
  ];
  if (recipients.length > 0) {
    const sent = recipients.map((r) => ({
      schoolId,
      id: randomUUID(),
      incidentId: id,
      recipientId: r.accountId,
      via: r.via,
      groupId: r.groupId,
      ruleId: r.ruleId,
      sentBy: who.accountId,
      sentAt: now,
    }));
    parts.push(sql`a as ${tx.insert(alerts).values(sent)}`);
    parts.push(
      sql`o as ${jobsInsert(
        tx,
        sent.map((alert) => ({
          kind: "incident.alert" as const,
          payload: { schoolId, alertId: alert.id },
          schoolId,
          dedupeKey: `alert:${alert.id}`,
        })),
      )}`,
    );
  }
  const taken = onlyRow(
    await queryRows<{ number: number }>(
      tx,
      sql`with ${sql.join(parts, sql`, `)} select last_number as number from n`,
    ),
    "the incident counter",
  );
  return { id, number: taken.number, revisionId };
}
