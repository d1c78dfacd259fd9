// Append-only history. Triggers (migration 0001) make the database refuse UPDATE,
// DELETE and TRUNCATE on these tables, whatever the application does.
import {
  bigint,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { schools } from "./schools.ts";

// Who looked at what, and who was refused. Rows are numbered on insert; a background
// job chains them per school (access_log_links, with the access engine) so a removed or
// altered row is detectable without making concurrent requests wait on one another.
export const accessLog = pgTable(
  "access_log",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).generatedByDefaultAsIdentity().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    accountId: uuid("account_id"),
    // e.g. "pupil.read", "incident.read", "chronology.export", "document.download"
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["allowed", "refused"] }).notNull(),
    // authorship | alert | grant (for allowed reads); why not, for refusals.
    reason: text("reason"),
    pupilId: uuid("pupil_id"),
    recordType: text("record_type"),
    recordId: uuid("record_id"),
    ip: text("ip"),
    // e.g. an export's purpose and whether it was redacted; null for plain reads.
    detail: jsonb("detail"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index("access_log_pupil").on(t.schoolId, t.pupilId, t.at),
    index("access_log_seq").on(t.schoolId, t.seq),
  ],
);

// Changes to who may do what (grants, roles, settings): typed events, see ../../audit/.
export const auditEvents = pgTable(
  "audit_events",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    accountId: uuid("account_id"),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index("audit_events_at").on(t.schoolId, t.at),
  ],
);

// Acceptance of the school's acceptable-use statement (seed 004 section 20): which
// version, when. A new version of the statement asks everyone again.
export const agreementAcceptances = pgTable(
  "agreement_acceptances",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    version: text("version").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index("agreement_acceptances_account").on(t.schoolId, t.accountId),
  ],
);
