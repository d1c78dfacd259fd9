// Incidents: an identity row, revisions (every edit is a new one), events (entered in
// error, re-filed, reviewed), alerts and their reads — all append-only — plus a
// current-state row kept in the same transaction so lists are fast.
import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { alertRules } from "./alert-rules.ts";
import { pupils } from "./pupils.ts";
import { schools } from "./schools.ts";

export const incidents = pgTable(
  "incidents",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    // The per-school number staff see, gap-free (incident_counters).
    number: integer("number").notNull(),
    // Who raised the concern: the author whose words the account is.
    authorId: uuid("author_id").notNull(),
    // Who typed it in, when a DSL records it on someone's behalf (else the author).
    recordedBy: uuid("recorded_by").notNull(),
    // The server's clock: never settable, so nothing can be backdated.
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), unique().on(t.schoolId, t.number)],
);

export const incidentRevisions = pgTable(
  "incident_revisions",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    incidentId: uuid("incident_id").notNull(),
    // 1 for the original; each edit names the revision it replaces.
    revisionNo: integer("revision_no").notNull(),
    baseRevisionId: uuid("base_revision_id"),
    pupilId: uuid("pupil_id").notNull(),
    account: text("account").notNull(),
    location: text("location"),
    categoryIds: uuid("category_ids").array().notNull(),
    linkedPupilIds: uuid("linked_pupil_ids").array().notNull(),
    agencyIds: uuid("agency_ids").array().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    bodyMap: jsonb("body_map"),
    // "Have you told a DSL in person? Who, and when?" (seed 004).
    toldDsl: jsonb("told_dsl"),
    editedBy: uuid("edited_by").notNull(),
    editedAt: timestamp("edited_at", { withTimezone: true }).notNull().defaultNow(),
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    unique().on(t.schoolId, t.incidentId, t.revisionNo),
    foreignKey({
      columns: [t.schoolId, t.incidentId],
      foreignColumns: [incidents.schoolId, incidents.id],
    }),
  ],
);

export const INCIDENT_EVENTS = [
  "entered_in_error",
  "refiled",
  "reviewed",
  "recategorised",
] as const;

export const incidentEvents = pgTable(
  "incident_events",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    incidentId: uuid("incident_id").notNull(),
    type: text("type", { enum: INCIDENT_EVENTS }).notNull(),
    // entered_in_error: {reason}; refiled: {fromPupilId, toPupilId, reason}; reviewed:
    // {thresholdDecisionId?}; recategorised: {fromCategoryIds, toCategoryIds, fromAreas,
    // toAreas, reason}.
    payload: jsonb("payload").notNull(),
    byId: uuid("by_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.incidentId],
      foreignColumns: [incidents.schoolId, incidents.id],
    }),
    index("incident_events_incident").on(t.schoolId, t.incidentId),
  ],
);

// Recipients are fixed when the alert is sent: a group's later members are not alerted.
export const alerts = pgTable(
  "alerts",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    incidentId: uuid("incident_id").notNull(),
    // Set when the alert is about one action of the incident: a reason to read that
    // action only.
    actionId: uuid("action_id"),
    recipientId: uuid("recipient_id").notNull(),
    // "direct", "group" or "preset" — and which group.
    via: text("via", { enum: ["direct", "group", "preset"] }).notNull(),
    groupId: uuid("group_id"),
    // The pre-set rule that alerted them (via "preset").
    ruleId: uuid("rule_id"),
    sentBy: uuid("sent_by").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.incidentId],
      foreignColumns: [incidents.schoolId, incidents.id],
    }),
    foreignKey({
      columns: [t.schoolId, t.ruleId],
      foreignColumns: [alertRules.schoolId, alertRules.id],
    }),
    index("alerts_recipient").on(t.schoolId, t.recipientId, t.sentAt),
    index("alerts_incident").on(t.schoolId, t.incidentId),
    // Who was alerted to an action, for each action of a chronology (docs/performance.md).
    index("alerts_action")
      .on(t.schoolId, t.actionId)
      .where(sql`action_id is not null`),
  ],
);

export const alertReads = pgTable(
  "alert_reads",
  {
    schoolId: uuid("school_id").notNull(),
    alertId: uuid("alert_id").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.alertId, t.readAt] }),
    foreignKey({ columns: [t.schoolId, t.alertId], foreignColumns: [alerts.schoolId, alerts.id] }),
  ],
);

// The current state of each incident, kept in the same transaction as every change.
export const incidentCurrent = pgTable(
  "incident_current",
  {
    schoolId: uuid("school_id").notNull(),
    incidentId: uuid("incident_id").notNull(),
    number: integer("number").notNull(),
    revisionId: uuid("revision_id").notNull(),
    revisionNo: integer("revision_no").notNull(),
    pupilId: uuid("pupil_id").notNull(),
    // The subject and the linked pupils: the record is in each one's chronology.
    pupilIds: uuid("pupil_ids").array().notNull(),
    categoryIds: uuid("category_ids").array().notNull(),
    areas: text("areas").array().notNull(),
    authorId: uuid("author_id").notNull(),
    excludedIds: uuid("excluded_ids").array().notNull().default([]),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    enteredInError: boolean("entered_in_error").notNull().default(false),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.incidentId] }),
    foreignKey({
      columns: [t.schoolId, t.incidentId],
      foreignColumns: [incidents.schoolId, incidents.id],
    }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
    index("incident_current_pupils").using("gin", t.pupilIds),
    index("incident_current_occurred").on(t.schoolId, t.occurredAt),
  ],
);

export const incidentCounters = pgTable("incident_counters", {
  schoolId: uuid("school_id")
    .primaryKey()
    .references(() => schools.id),
  lastNumber: integer("last_number").notNull(),
});

// A retried submit with the same key returns the first result and alerts no one again.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    schoolId: uuid("school_id").notNull(),
    accountId: uuid("account_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    response: jsonb("response").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.accountId, t.key] })],
);

// Server-side drafts, so a dropped phone connection loses nothing. Author-only.
export const drafts = pgTable(
  "drafts",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull(),
    accountId: uuid("account_id").notNull(),
    kind: text("kind").notNull(),
    content: jsonb("content").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index("drafts_owner").on(t.schoolId, t.accountId),
  ],
);

export const ACTION_KINDS = [
  "follow_up",
  "consent_to_share",
  "information_shared",
  "decision_not_to_share",
] as const;

// Follow-ups on an incident, each for one pupil (seed 000): what was done, when, by whom,
// the outcome. Typed kinds record consent to share and sharing decisions (seed 004 §14).
export const actions = pgTable(
  "actions",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    incidentId: uuid("incident_id").notNull(),
    pupilId: uuid("pupil_id").notNull(),
    kind: text("kind", { enum: ACTION_KINDS }).notNull(),
    account: text("account").notNull(),
    outcome: text("outcome"),
    agencyId: uuid("agency_id"),
    // The DSL team only (seed 001: the reporter is not told the outcome).
    restricted: boolean("restricted").notNull().default(false),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    authorId: uuid("author_id").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.incidentId],
      foreignColumns: [incidents.schoolId, incidents.id],
    }),
    index("actions_incident").on(t.schoolId, t.incidentId),
    // A pupil's chronology reads their actions by pupil (docs/performance.md).
    index("actions_pupil").on(t.schoolId, t.pupilId, t.occurredAt),
  ],
);

// A DSL withdrawing an alert: a new row, never an edit. The person can no longer read the
// record through that alert.
export const alertWithdrawals = pgTable(
  "alert_withdrawals",
  {
    schoolId: uuid("school_id").notNull(),
    alertId: uuid("alert_id").notNull(),
    byId: uuid("by_id").notNull(),
    reason: text("reason").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.alertId] }),
    foreignKey({ columns: [t.schoolId, t.alertId], foreignColumns: [alerts.schoolId, alerts.id] }),
  ],
);

// Every version of an action: revision 1 is what was first recorded; a correction by its
// author or a DSL is a new row naming the revision it replaces, with who, when and why.
// The action row keeps what never changes (incident, pupil, audience, author).
export const actionRevisions = pgTable(
  "action_revisions",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    actionId: uuid("action_id").notNull(),
    revisionNo: integer("revision_no").notNull(),
    baseRevisionId: uuid("base_revision_id"),
    kind: text("kind", { enum: ACTION_KINDS }).notNull(),
    account: text("account").notNull(),
    outcome: text("outcome"),
    agencyId: uuid("agency_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    editedBy: uuid("edited_by").notNull(),
    editedAt: timestamp("edited_at", { withTimezone: true }).notNull().defaultNow(),
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    unique().on(t.schoolId, t.actionId, t.revisionNo),
    foreignKey({
      columns: [t.schoolId, t.actionId],
      foreignColumns: [actions.schoolId, actions.id],
    }),
  ],
);

// A DSL narrowing (or opening again) who may read an action after it was recorded: a new
// row each time, never an edit of the action. The latest row decides; the action's own
// `restricted` says what it was when recorded.
export const actionRestrictions = pgTable(
  "action_restrictions",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    actionId: uuid("action_id").notNull(),
    restricted: boolean("restricted").notNull(),
    reason: text("reason").notNull(),
    byId: uuid("by_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.actionId],
      foreignColumns: [actions.schoolId, actions.id],
    }),
    index("action_restrictions_action").on(t.schoolId, t.actionId, t.at),
  ],
);
