// Adding a follow-up action to an incident: one action per pupil chosen (or one for each
// pupil of the incident), with its own alerts. Whoever may read the incident may add one.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { can } from "../access/permissions.ts";
import { alertRecipients } from "../alerts/recipients.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import { ACTION_KINDS, actionRevisions, actions, agencies, alerts } from "../db/schema/index.ts";
import { type FieldError, problems } from "../http/problem.ts";
import { enqueue } from "../jobs/outbox.ts";
import type { IncidentCurrent } from "./record-facts.ts";
import { activeStaff, checkGroups } from "./references.ts";

export const AddAction = z.object({
  pupilIds: z.array(z.uuid()).max(30).optional(),
  allLinked: z.boolean().optional(),
  kind: z.enum(ACTION_KINDS).default("follow_up"),
  account: z.string().trim().min(1, "Write what was done.").max(20_000),
  outcome: z.string().trim().max(5_000).nullish(),
  agencyId: z.uuid().nullish(),
  occurredAt: z.iso.datetime({ offset: true }),
  restricted: z.boolean().default(false),
  alertUserIds: z.array(z.uuid()).max(100).default([]),
  alertGroupIds: z.array(z.uuid()).max(20).default([]),
});
export type AddAction = z.infer<typeof AddAction>;

export async function addAction(
  tx: Tx,
  who: SignedIn & { schoolId: string },
  incident: IncidentCurrent,
  input: AddAction,
): Promise<{ ids: string[] }> {
  const schoolId = who.schoolId;
  const errors: FieldError[] = [];
  const pupilIds = input.allLinked ? incident.pupilIds : (input.pupilIds ?? [incident.pupilId]);
  if (pupilIds.length === 0 || pupilIds.some((p) => !incident.pupilIds.includes(p))) {
    errors.push({ path: "pupilIds", message: "Choose pupils this incident is about." });
  }
  if (new Date(input.occurredAt).getTime() > Date.now() + 60_000) {
    errors.push({ path: "occurredAt", message: "The date and time cannot be in the future." });
  }
  if (input.restricted && !can(who.roles, "action.restrict")) {
    errors.push({
      path: "restricted",
      message: "Only the designated safeguarding leads can restrict an action.",
    });
  }
  if (input.kind === "information_shared" && !input.agencyId) {
    errors.push({ path: "agencyId", message: "Say which agency the information was shared with." });
  }
  if (input.agencyId) {
    const [agency] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.schoolId, schoolId), eq(agencies.id, input.agencyId)));
    if (!agency)
      errors.push({ path: "agencyId", message: "Choose an agency from this school's list." });
  }
  await checkGroups(tx, schoolId, input.alertGroupIds, errors);
  const staff = await activeStaff(tx, schoolId, input.alertUserIds);
  if (input.alertUserIds.some((id) => !staff.has(id))) {
    errors.push({ path: "alertUserIds", message: "Choose staff of this school to alert." });
  }
  if (errors.length > 0) throw problems.unprocessable("Some of the details need changing.", errors);

  const now = new Date();
  const rows = await tx
    .insert(actions)
    .values(
      [...new Set(pupilIds)].map((pupilId) => ({
        schoolId,
        incidentId: incident.incidentId,
        pupilId,
        kind: input.kind,
        account: input.account,
        outcome: input.outcome ?? null,
        agencyId: input.agencyId ?? null,
        restricted: input.restricted,
        occurredAt: new Date(input.occurredAt),
        authorId: who.accountId,
        recordedAt: now,
      })),
    )
    .returning({ id: actions.id });
  // What was first recorded is revision 1: a correction later names it as its base.
  await tx.insert(actionRevisions).values(
    rows.map((r) => ({
      schoolId,
      actionId: r.id,
      revisionNo: 1,
      kind: input.kind,
      account: input.account,
      outcome: input.outcome ?? null,
      agencyId: input.agencyId ?? null,
      occurredAt: new Date(input.occurredAt),
      editedBy: who.accountId,
      editedAt: now,
    })),
  );
  const recipients = await alertRecipients(tx, schoolId, {
    userIds: input.alertUserIds,
    groupIds: input.alertGroupIds,
    authorId: who.accountId,
    excludedIds: incident.excludedIds,
  });
  for (const action of rows) {
    if (recipients.length === 0) break;
    const sent = await tx
      .insert(alerts)
      .values(
        recipients.map((r) => ({
          schoolId,
          incidentId: incident.incidentId,
          actionId: action.id,
          recipientId: r.accountId,
          via: r.via,
          groupId: r.groupId,
          ruleId: r.ruleId,
          sentBy: who.accountId,
          sentAt: now,
        })),
      )
      .returning({ id: alerts.id });
    for (const alert of sent) {
      await enqueue(
        tx,
        "incident.alert",
        { schoolId, alertId: alert.id },
        { schoolId, dedupeKey: `alert:${alert.id}` },
      );
    }
  }
  return { ids: rows.map((r) => r.id) };
}
