// Actions that are not reading a record: who may do them, by role. One typed map, so a
// new role or action cannot be forgotten silently.
import type { SchoolRole } from "./roles.ts";

const DSL_TEAM = ["dsl", "deputy_dsl"] as const satisfies readonly SchoolRole[];

/**
 * The roles that make up the DSL team, as an SQL text[] literal, for queries that find
 * who to tell (the overdue digest, visitor concerns) by membership row.
 */
export const DSL_TEAM_ROLES: readonly SchoolRole[] = DSL_TEAM;

export const DSL_TEAM_ROLES_SQL = `{${DSL_TEAM.join(",")}}`;

export const PERMISSIONS = {
  /** "Who has looked at this child?" */
  "pupil.viewAccessLog": DSL_TEAM,
  /** Only a DSL grants or changes access to pupil records (PRODUCT.md). */
  "access.grant": DSL_TEAM,
  /** Accounts, classes, imports, settings: no pupil records. */
  "roster.manage": ["administrator", ...DSL_TEAM],
  /** End every session of a member of staff (a lost phone, a leaver). */
  "staff.revokeSessions": ["administrator", ...DSL_TEAM],
  /** Reset a member of staff's second factor when they lost every device (with a second factor). */
  "staff.resetSecondFactor": ["administrator", ...DSL_TEAM],
  /**
   * Reset that of a DSL-team member: their factors guard every child protection record,
   * so an administrator alone may not; another member of the DSL team must.
   */
  "staff.resetDslTeamSecondFactor": DSL_TEAM,
  /** Record that someone completed safeguarding and Tessera training (seed 004 §20). */
  "staff.recordTraining": DSL_TEAM,
  /** Choose categories marked DSL-only (seed 002: staff must not choose them). */
  "incident.assignDslOnly": DSL_TEAM,
  /** Record an incident on behalf of the member of staff who raised it. */
  "incident.recordOnBehalf": DSL_TEAM,
  /** Mark an entry "entered in error", re-file it to the right pupil, review it. */
  "incident.correct": DSL_TEAM,
  /** Triage: review, recategorise with a reason, and record threshold decisions. */
  "incident.triage": DSL_TEAM,
  /** Set or end the flags only the DSL team sets (CP file, CP plan, CIN, looked after…). */
  "flag.manageDslOnly": DSL_TEAM,
  /** Mark a child's whole chronology as reviewed (seed 004: the DSL reviews it regularly). */
  "chronology.review": DSL_TEAM,
  /** Re-alert someone (e.g. who marked it read) or withdraw an alert. */
  "alert.manage": DSL_TEAM,
  /** The DSL dashboard: what is unreviewed and overdue across the school. */
  "dashboard.view": DSL_TEAM,
  /** Make visitor concern links, read visitors' concerns and match them to pupils. */
  "visitor.manage": DSL_TEAM,
  /** Restrict an action to those with child-protection access. */
  "action.restrict": DSL_TEAM,
  /** Correct someone else's action (a new revision; the author may correct their own). */
  "action.correct": DSL_TEAM,
  /** Mark a vault document "uploaded in error" (it leaves normal views, stays in audit). */
  "document.markUploadedInError": DSL_TEAM,
  /** Rename, add, hide and reorder the school's categories and agencies (with a second factor). */
  "taxonomy.manage": DSL_TEAM,
  /**
   * Alert groups and pre-set alert rules (with a second factor to change). An alert opens
   * the record to whoever gets it, so who is alerted is the DSL team's, as grants are.
   */
  "alerts.configure": DSL_TEAM,
  /** Take a chronology out of Tessera as PDF or CSV (with a second factor too). */
  "chronology.export": [...DSL_TEAM, "head"],
} as const satisfies Record<string, readonly SchoolRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly SchoolRole[], permission: Permission): boolean {
  const allowed: readonly SchoolRole[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}
