// Audit events: changes to who may do what. A closed, typed list, one payload each
// (documenso's habit); rows are append-only (audit_events).
import type { Tx } from "../db/database.ts";
import { auditEvents } from "../db/schema/index.ts";

export interface AuditPayloads {
  /** An administrator or DSL ended every session of a person. */
  "sessions.revoked": { accountId: string; sessions: number };
  /** A DSL recorded that a person completed safeguarding and Tessera training. */
  "training.recorded": { accountId: string; completedOn: string };
  /** A DSL gave a member of staff access to pupil records beyond their roles. */
  "grant.given": {
    grantId: string;
    accountId: string;
    scope: string;
    scopeIds: string[];
    areas: string[];
    reason: string;
  };
  /** A DSL took a grant away. */
  "grant.revoked": { grantId: string };
  /** An administrator or DSL asked for a failed email to be tried again. */
  "email.retried": { jobId: string };
  /** The review deadline or the school calendar it counts by was changed. */
  "settings.review-changed": {
    reviewWithinHours: number;
    unreadAlertHours: number;
    counting: "clock" | "school-days";
    holidays: number;
  };
  /** The school's SSO provider or its rules were changed (never the secret itself). */
  "settings.sso-changed": {
    provider: string;
    issuer: string;
    enabled: boolean;
    passwordsAllowed: boolean;
    providerMfaCounts: boolean;
    emailDomains: string[];
    secretChanged: boolean;
  };
  /** Someone signed in through the school's SSO provider (linked: a first sign-in). */
  "sso.signed-in": {
    accountId: string;
    issuer: string;
    subject: string;
    linked: "account" | "invitation" | null;
    providerMfa: boolean;
  };
  /** A sign-in through the school's SSO provider was refused, and why. */
  "sso.refused": { reason: string; issuer: string; subject: string | null; email: string | null };
  /** The administrator or DSL team unlinked a person from the school's provider. */
  "sso.unlinked": { accountId: string; issuer: string; subject: string };
  /** A right password was refused because the school signs in through its provider. */
  "sso.password-refused": { accountId: string };
  /**
   * The school's settings page changed something: each field with its old and new value
   * (none of them is a secret; the agreement's text is kept whole, as it was accepted).
   */
  "settings.school-changed": { changes: { field: string; from: unknown; to: unknown }[] };
  /** Pupils were imported from the MIS (applied, not a dry run). */
  "pupils.imported": {
    format: "csv" | "ctf";
    rows: number;
    adds: number;
    updates: number;
    proposedLeavers: number;
  };
  /** A pupil was added by hand on enrolment. */
  "pupil.added": { pupilId: string; upn: string };
  /** A member of staff was invited, or an invitation resent or revoked. */
  "invitation.sent": { invitationId: string; email: string; roles: string[] };
  "invitation.resent": { invitationId: string };
  "invitation.revoked": { invitationId: string };
  /** An invitation was accepted: the person's account joined the school. */
  "invitation.accepted": { invitationId: string; accountId: string };
  /** A person with an account elsewhere was added to this school. */
  "membership.added": { accountId: string; roles: string[] };
  /** A member of staff left: sessions ended, sign-in stopped, records kept. */
  "staff.deactivated": { accountId: string; sessions: number };
  /** A member of staff's roles were changed. */
  "roles.changed": { accountId: string; from: string[]; to: string[] };
  /** The classes a member of staff teaches were changed (a derived grant). */
  "classes.changed": { accountId: string; classIds: string[] };
  /** The DSL team added a category or subcategory, or an agency. */
  "category.added": {
    categoryId: string;
    parentId: string | null;
    name: string;
    area: string;
    dslOnly: boolean;
  };
  /** A category was renamed, hidden or shown, or moved (only what changed is named). */
  "category.changed": {
    categoryId: string;
    from?: string;
    to?: string;
    hidden?: boolean;
    sortOrder?: number;
    notifiable?: boolean;
  };
  "agency.added": { agencyId: string; name: string };
  "agency.changed": {
    agencyId: string;
    from?: string;
    to?: string;
    hidden?: boolean;
    sortOrder?: number;
  };
  /** The person signed in with a passkey (no password), or a passkey of theirs was refused. */
  "passkey.signed-in": { keyId: string };
  "passkey.refused": { keyId: string };
  /**
   * An administrator or DSL reset a person's second factor (they lost every device): the
   * app and keys removed, sessions ended.
   */
  "staff.second-factor-reset": {
    accountId: string;
    reason: string;
    keys: number;
    authenticatorApp: boolean;
    sessions: number;
  };
  /** The DSL team added an alert group, or renamed it, changed its roles or (de)activated it. */
  "group.added": { groupId: string; name: string; roles: string[] };
  "group.changed": {
    groupId: string;
    from?: string;
    to?: string;
    roles?: string[];
    active?: boolean;
  };
  /** Someone was added to or taken out of an alert group by name. */
  "group.member-added": { groupId: string; accountId: string };
  "group.member-removed": { groupId: string; accountId: string };
  /** The DSL team added a pre-set alert rule, or changed one (only what changed is named). */
  "alert-rule.added": {
    ruleId: string;
    audience: string;
    groupId: string | null;
    role: string | null;
    condition: string;
    areas: string[];
  };
  "alert-rule.changed": { ruleId: string; condition?: string; areas?: string[]; active?: boolean };
  /** The DSL team added a flag type, a threshold or a document type. */
  "flag_type.added": { flagTypeId: string; name: string; area: string };
  "flag_type.changed": ListItemChange & { flagTypeId: string };
  "threshold.added": { thresholdId: string; name: string; area: string };
  "threshold.changed": ListItemChange & { thresholdId: string };
  "document_type.added": { documentTypeId: string; name: string; area: string };
  "document_type.changed": ListItemChange & { documentTypeId: string };
  /** A pupil was marked as left (a date), or as back on roll (none). */
  "pupil.left": { pupilId: string; leftOn: string; from: string | null };
  "pupil.rejoined": { pupilId: string; from: string | null };
  /** The DSL reviewed who can read what (the access review). */
  "access.reviewed": { staff: number };
  /** A DSL narrowed an action to the DSL team after it was recorded, or opened it again. */
  "action.audience-changed": { actionId: string; restricted: boolean; reason: string };
}

/** What changed in one of the school's lists (only what changed is named). */
export interface ListItemChange {
  from?: string;
  to?: string;
  hidden?: boolean;
  sortOrder?: number;
  area?: { from: string; to: string };
}

export type AuditType = keyof AuditPayloads;

export async function audit<T extends AuditType>(
  tx: Tx,
  schoolId: string,
  actorId: string | null,
  type: T,
  payload: AuditPayloads[T],
): Promise<void> {
  await tx.insert(auditEvents).values({ schoolId, accountId: actorId, type, payload });
}
