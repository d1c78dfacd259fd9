// The declared lists that the schema tests hold the database to. Adding a table means
// saying here which kind it is: a test fails for any table missing from these lists.

// Not owned by a school (no school_id). Everything else must key by school_id.
export const GLOBAL_TABLES = [
  "trusts",
  "accounts",
  "sessions",
  "trust_memberships",
  "recovery_codes",
  "sign_in_failures",
  "outbox",
  "password_resets",
  "webauthn_credentials",
  "sso_identities",
  "sso_email_domains",
  "sso_flows",
  "passkey_challenges",
  "known_devices",
] as const;

// The tenant root: its id is the school_id.
export const TENANT_ROOT = "schools";

// History: the database refuses UPDATE, DELETE and TRUNCATE on these.
export const APPEND_ONLY_TABLES = [
  "access_log",
  "access_log_links",
  "audit_events",
  "agreement_acceptances",
  "incidents",
  "incident_revisions",
  "incident_events",
  "alerts",
  "alert_reads",
  "actions",
  "alert_withdrawals",
  "pupil_flags",
  "pupil_flag_ends",
  "threshold_decisions",
  "chronology_reviews",
  "action_revisions",
  "visitor_concerns",
  "visitor_concern_matches",
  "file_keys",
  "documents",
  "document_events",
  "category_names",
  "action_restrictions",
  "agency_names",
  "threshold_names",
  "flag_type_names",
  "document_type_names",
  "pupil_leavings",
] as const;

// Tables that may change, and why. Everything school-owned that is not append-only must
// appear here with a reason.
export const MUTABLE_TABLES: Record<string, string> = {
  trusts: "a trust is renamed",
  accounts: "name, password, second factor and active flag change; history is in audit_events",
  sessions: "sessions are touched on each request and revoked",
  trust_memberships: "trust roles are given and taken away (audited)",
  recovery_codes: "a code is marked used",
  sign_in_failures: "pruned after the throttling window",
  outbox: "the job queue: jobs are claimed, retried and marked done",
  schools: "settings change (audited)",
  memberships: "roles change and staff leave (audited)",
  year_groups: "roster from the MIS",
  classes: "roster from the MIS",
  class_teachers: "roster from the MIS",
  groups: "the school edits its alert groups",
  group_members: "the school edits its alert groups",
  alert_rules: "the DSL team edits its pre-set alert rules (each change is an audit event)",
  pupils: "roster from the MIS: names, classes, leaving dates",
  pupil_siblings: "roster from the MIS",
  contacts: "roster from the MIS",
  categories: "the school renames, hides and reorders; records keep the category id",
  agencies: "the school edits its list",
  thresholds: "the school edits its list",
  flag_types: "the school edits its list; flags keep the area they were set with",
  document_types:
    "the school edits its list; documents keep the name and area they were filed with",
  incident_current: "the current-state projection of incidents, rewritten with each change",
  incident_counters: "the per-school incident number counter",
  idempotency_keys: "first results of submits, kept so a retry returns the same answer",
  drafts: "drafts change as people type and are discarded on submit or after 30 days",
  invitations: "sent, resent, accepted or revoked (each change is an audit event)",
  password_resets: "a reset link is marked used",
  webauthn_credentials: "a key's counter and last use move on; a lost key is marked removed",
  passkey_challenges: "a challenge is deleted when answered or expired",
  known_devices: "last seen moves on; the owner may forget a device",
  visitor_links: "a single-use link is marked used (never deleted)",
  school_sso: "the school's SSO settings are changed (audited)",
  sso_identities: "the last use moves on; the binding itself is never re-pointed",
  sso_email_domains: "replaced when the school's SSO settings change",
  sso_flows: "a sign-in in progress, removed when used or stale",
  grants: "a grant is revoked (revoked_at/by set once; the change is an audit event)",
};
