// The pre-set alert rules, applied to one new incident: which rules fire (their condition
// against the incident's categories) and who they reach (a group, a role, the pupils'
// class teachers). A rule never opens a record: whoever it reaches must already be able to
// read the incident by their own grants, and a DSL-only category needs the restricted
// areas too, so a rule cannot hand a class teacher a child protection record.
import { and, arrayOverlaps, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { decideRead } from "../access/can-read.ts";
import type { PupilPlace } from "../access/record.ts";
import type { SchoolRole } from "../access/roles.ts";
import { loadSubject } from "../access/subject.ts";
import type { Tx } from "../db/database.ts";
import { queryRows } from "../db/database.ts";
import {
  type AlertCondition,
  type Area,
  alertRules,
  classTeachers,
  groups,
  memberships,
} from "../db/schema/index.ts";
import { groupMembersOf } from "./group-members.ts";

export const RESTRICTED_AREAS = ["safeguarding", "child_protection"] as const satisfies Area[];

export interface IncidentForRules {
  /** The pupil it is about and any linked pupils. */
  pupils: readonly PupilPlace[];
  categories: readonly { area: Area; dslOnly: boolean; notifiable: boolean }[];
}

export interface RuleHit {
  accountId: string;
  ruleId: string;
  groupId: string | null;
}

export interface ActiveRule {
  id: string;
  audience: "group" | "role" | "class_teachers";
  groupId: string | null;
  role: string | null;
  condition: AlertCondition;
  areas: Area[];
}

/** Does the rule's condition hold for an incident in these categories? */
export function ruleFires(
  rule: Pick<ActiveRule, "condition" | "areas">,
  incident: IncidentForRules,
) {
  const areas = incidentAreas(incident);
  switch (rule.condition) {
    case "every_incident":
      return true;
    case "areas":
      return areas.some((a) => rule.areas.includes(a));
    case "non_restricted":
      return (
        areas.every((a) => !(RESTRICTED_AREAS as readonly Area[]).includes(a)) &&
        !incident.categories.some((c) => c.dslOnly)
      );
    case "notifiable":
      return incident.categories.some((c) => c.notifiable);
  }
}

function incidentAreas(incident: IncidentForRules): Area[] {
  const areas = [...new Set(incident.categories.map((c) => c.area))];
  return areas.length > 0 ? areas : ["general"];
}

/** The school's active rules, oldest first (a group rule only while its group is active). */
export async function activeRules(tx: Tx, schoolId: string): Promise<ActiveRule[]> {
  const rows = await tx
    .select({
      id: alertRules.id,
      audience: alertRules.audience,
      groupId: alertRules.groupId,
      role: alertRules.role,
      condition: alertRules.condition,
      areas: alertRules.areas,
      groupActive: groups.active,
    })
    .from(alertRules)
    .leftJoin(
      groups,
      and(eq(groups.schoolId, alertRules.schoolId), eq(groups.id, alertRules.groupId)),
    )
    .where(and(eq(alertRules.schoolId, schoolId), eq(alertRules.active, true)))
    .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
  return rows
    .filter((r) => r.audience !== "group" || r.groupActive === true)
    .map(({ groupActive: _, ...r }) => r);
}

/** Everyone the school's rules alert to this incident, before the author and exclusions. */
export async function presetRecipients(
  tx: Tx,
  schoolId: string,
  incident: IncidentForRules,
): Promise<RuleHit[]> {
  const firing = (await activeRules(tx, schoolId)).filter((r) => ruleFires(r, incident));
  if (firing.length === 0) return [];

  const groupIds = firing.flatMap((r) => (r.groupId ? [r.groupId] : []));
  const byGroup = await groupMembersOf(tx, schoolId, groupIds);
  const roles = firing.flatMap((r) => (r.role ? [r.role] : []));
  const byRole = roles.length
    ? await tx
        .select({ accountId: memberships.accountId, roles: memberships.roles })
        .from(memberships)
        .where(
          and(
            eq(memberships.schoolId, schoolId),
            isNull(memberships.deactivatedAt),
            arrayOverlaps(memberships.roles, roles),
          ),
        )
    : [];
  const classIds = [...new Set(incident.pupils.flatMap((p) => (p.classId ? [p.classId] : [])))];
  const teachers =
    classIds.length && firing.some((r) => r.audience === "class_teachers")
      ? await tx
          .select({ accountId: memberships.accountId })
          .from(classTeachers)
          .innerJoin(
            memberships,
            and(
              eq(memberships.schoolId, classTeachers.schoolId),
              eq(memberships.id, classTeachers.membershipId),
              isNull(memberships.deactivatedAt),
            ),
          )
          .where(
            and(eq(classTeachers.schoolId, schoolId), inArray(classTeachers.classId, classIds)),
          )
      : [];

  const hits: RuleHit[] = [];
  for (const rule of firing) {
    const reached =
      rule.audience === "group"
        ? byGroup.filter((m) => m.groupId === rule.groupId).map((m) => m.accountId)
        : rule.audience === "role"
          ? byRole.filter((m) => m.roles.includes(rule.role ?? "")).map((m) => m.accountId)
          : teachers.map((t) => t.accountId);
    for (const accountId of new Set(reached))
      hits.push({ accountId, ruleId: rule.id, groupId: rule.groupId });
  }
  const readers = await couldRead(tx, schoolId, incident, [
    ...new Set(hits.map((h) => h.accountId)),
  ]);
  return hits.filter((h) => readers.has(h.accountId));
}

/** Those who could read the incident by their own grants (as with a second factor). */
async function couldRead(
  tx: Tx,
  schoolId: string,
  incident: IncidentForRules,
  accountIds: readonly string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const people = await queryRows<{ accountId: string; roles: string[] }>(
    tx,
    sql`select account_id as "accountId", roles from memberships
        where school_id = ${schoolId} and deactivated_at is null
          and account_id in (${sql.join(
            accountIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
  );
  const areas = new Set(incidentAreas(incident));
  // DSL-only categories are for the people who read restricted records.
  if (incident.categories.some((c) => c.dslOnly)) for (const a of RESTRICTED_AREAS) areas.add(a);
  const out = new Set<string>();
  for (const person of people) {
    const subject = await loadSubject(tx, {
      accountId: person.accountId,
      schoolId,
      roles: person.roles as SchoolRole[],
      secondFactor: "satisfied",
    });
    const decision = decideRead(subject, {
      schoolId,
      pupils: incident.pupils,
      areas: [...areas],
      // Not the author's record for this test: authorship is no grant.
      authorId: null,
      alertedIds: [],
      excludedIds: [],
    });
    if (decision.allowed) out.add(person.accountId);
  }
  return out;
}
