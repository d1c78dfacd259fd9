// Triage (seed 004 §§5–6): the DSL team's review of a new incident, in one step and one
// transaction. The DSL may recategorise it (a recorded change with who, when and why —
// the chronology shows the old and the new), add DSL-only categories, and must record a
// threshold decision with its rationale, including why when no action is taken. The
// review event is the same one the dashboard's deadline waits for.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { decideRead } from "../access/can-read.ts";
import { effectiveRoles } from "../access/effective-roles.ts";
import type { SchoolRole } from "../access/roles.ts";
import { loadSubject } from "../access/subject.ts";
import type { SignedIn } from "../auth/signed-in.ts";
import type { Tx } from "../db/database.ts";
import {
  type Area,
  accounts,
  alerts,
  alertWithdrawals,
  incidentCurrent,
  incidentEvents,
  memberships,
} from "../db/schema/index.ts";
import { type FieldError, problems } from "../http/problem.ts";
import { incidentFacts, loadIncidentCurrent } from "../incidents/record-facts.ts";
import { checkCategories } from "../incidents/references.ts";
import { checkThreshold, recordThresholdDecision } from "./threshold-decisions.ts";

type Who = SignedIn & { schoolId: string };

export interface TriageInput {
  categoryIds: string[];
  recategoriseReason?: string | undefined;
  thresholdId: string;
  rationale: string;
  disagreement?: string | undefined;
}

export interface TriageResult {
  reviewedAt: Date;
  recategorised: boolean;
  thresholdDecisionId: string;
  /** People alerted before a move into a more restricted area: the DSL decides whether
   * each should keep reading it through their alert. */
  alertsToReview: {
    alertId: string;
    recipientId: string;
    name: string;
    wouldReadWithoutAlert: boolean;
  }[];
}

const RESTRICTED: readonly Area[] = ["safeguarding", "child_protection"];

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

export async function triageIncident(
  tx: Tx,
  who: Who,
  incidentId: string,
  input: TriageInput,
): Promise<TriageResult> {
  const current = await loadIncidentCurrent(tx, who.schoolId, incidentId);
  if (!current) throw problems.notFound();
  const subject = await loadSubject(tx, who);
  if (!decideRead(subject, await incidentFacts(tx, current)).allowed) throw problems.notFound();
  if (current.enteredInError) {
    throw problems.conflict("It has been marked as entered in error, so it is not triaged.");
  }
  const errors: FieldError[] = [];
  const categoryIds = [...new Set(input.categoryIds)];
  const cats = await checkCategories(
    tx,
    who.schoolId,
    categoryIds,
    who.roles,
    errors,
    current.categoryIds,
  );
  const recategorised = !sameSet(categoryIds, current.categoryIds);
  const reason = input.recategoriseReason?.trim() ?? "";
  if (recategorised && reason === "") {
    errors.push({
      path: "recategoriseReason",
      message: "Say why the categories are changing: the chronology keeps both.",
    });
  }
  const threshold = await checkThreshold(tx, who.schoolId, input, errors);
  if (errors.length > 0 || !threshold) {
    throw problems.unprocessable("Some answers need changing before the triage is saved.", errors);
  }

  const now = new Date();
  const oldAreas = current.areas as Area[];
  const newAreas = [...new Set(cats.map((c) => c.area))];
  if (recategorised) {
    await tx.insert(incidentEvents).values({
      schoolId: who.schoolId,
      incidentId,
      type: "recategorised",
      payload: {
        fromCategoryIds: current.categoryIds,
        toCategoryIds: categoryIds,
        fromAreas: oldAreas,
        toAreas: newAreas,
        reason,
      },
      byId: who.accountId,
      at: now,
    });
  }
  const decisionId = await recordThresholdDecision(
    tx,
    who,
    { pupilId: current.pupilId, incidentId },
    threshold,
    input,
    now,
  );
  const firstReview = current.reviewedAt === null;
  if (firstReview) {
    await tx.insert(incidentEvents).values({
      schoolId: who.schoolId,
      incidentId,
      type: "reviewed",
      payload: { thresholdDecisionId: decisionId },
      byId: who.accountId,
      at: now,
    });
  }
  await tx
    .update(incidentCurrent)
    .set({
      categoryIds,
      areas: newAreas,
      ...(firstReview ? { reviewedAt: now } : {}),
    })
    .where(
      and(eq(incidentCurrent.schoolId, who.schoolId), eq(incidentCurrent.incidentId, incidentId)),
    );

  // Moving into a more restricted area: those alerted still read it through their alert,
  // so the DSL is shown who they are and whether their own access would cover it.
  const moreRestricted = newAreas.some((a) => RESTRICTED.includes(a) && !oldAreas.includes(a));
  const alertsToReview = moreRestricted
    ? await alertedPeople(tx, who.schoolId, { ...current, categoryIds, areas: newAreas })
    : [];
  return {
    reviewedAt: firstReview ? now : (current.reviewedAt ?? now),
    recategorised,
    thresholdDecisionId: decisionId,
    alertsToReview,
  };
}

async function alertedPeople(
  tx: Tx,
  schoolId: string,
  incident: Awaited<ReturnType<typeof loadIncidentCurrent>> & {},
): Promise<TriageResult["alertsToReview"]> {
  const rows = await tx
    .select({ alertId: alerts.id, recipientId: alerts.recipientId, name: accounts.name })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.recipientId))
    .leftJoin(
      alertWithdrawals,
      and(eq(alertWithdrawals.schoolId, alerts.schoolId), eq(alertWithdrawals.alertId, alerts.id)),
    )
    .where(
      and(
        eq(alerts.schoolId, schoolId),
        eq(alerts.incidentId, incident.incidentId),
        // Alerts about one action are a reason to read that action only.
        isNull(alerts.actionId),
        isNull(alertWithdrawals.alertId),
      ),
    );
  // One row per person: several alerts to the same person are one reason to read.
  const open = rows.filter((r, i) => rows.findIndex((x) => x.recipientId === r.recipientId) === i);
  if (open.length === 0) return [];
  const roleRows = await tx
    .select({ accountId: memberships.accountId, roles: memberships.roles })
    .from(memberships)
    .where(
      and(
        eq(memberships.schoolId, schoolId),
        inArray(
          memberships.accountId,
          open.map((r) => r.recipientId),
        ),
      ),
    );
  const result: TriageResult["alertsToReview"] = [];
  const facts = await incidentFacts(tx, incident);
  for (const r of open) {
    const roles = effectiveRoles(
      (roleRows.find((m) => m.accountId === r.recipientId)?.roles ?? []) as SchoolRole[],
      [],
    );
    const them = await loadSubject(tx, {
      accountId: r.recipientId,
      roles,
      secondFactor: "satisfied",
      schoolId,
    });
    const withoutAlert = decideRead(them, {
      ...facts,
      alertedIds: facts.alertedIds.filter((id) => id !== r.recipientId),
    });
    result.push({ ...r, wouldReadWithoutAlert: withoutAlert.allowed });
  }
  return result;
}
