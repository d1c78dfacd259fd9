// The DSL's desk (seed 004 §§5–9): threshold decisions, pupil flags (CP plan, CIN, EHCP…,
// and the child protection file), and the marks that say a chronology was reviewed.
// Every row is history, never edited: a flag ends with a new row, a decision is followed
// by another decision.
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { incidents } from "./incidents.ts";
import { pupils } from "./pupils.ts";
import { schools } from "./schools.ts";
import { AREAS, thresholds } from "./taxonomy.ts";

// The school's list of flags. `key` names the ones Tessera itself knows (the child
// protection file); a school's own flags have none.
export const flagTypes = pgTable(
  "flag_types",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    key: text("key"),
    name: text("name").notNull(),
    area: text("area", { enum: AREAS }).notNull(),
    // Set and ended by the DSL team only (a CP plan, the CP file); others by anyone who
    // may read that area for the pupil.
    dslOnly: boolean("dsl_only").notNull().default(false),
    hidden: boolean("hidden").notNull().default(false),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);

// Every name a flag type has had, from when (append-only): see category_names.
export const flagTypeNames = pgTable(
  "flag_type_names",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    flagTypeId: uuid("flag_type_id").notNull(),
    name: text("name").notNull(),
    fromAt: timestamp("from_at", { withTimezone: true }).notNull().defaultNow(),
    byId: uuid("by_id"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.flagTypeId],
      foreignColumns: [flagTypes.schoolId, flagTypes.id],
    }),
  ],
);

export const pupilFlags = pgTable(
  "pupil_flags",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    pupilId: uuid("pupil_id").notNull(),
    flagTypeId: uuid("flag_type_id").notNull(),
    // Copied from the type when set: who may see it does not change under it later.
    area: text("area", { enum: AREAS }).notNull(),
    startsOn: date("starts_on").notNull(),
    note: text("note").notNull(),
    setBy: uuid("set_by").notNull(),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
    foreignKey({
      columns: [t.schoolId, t.flagTypeId],
      foreignColumns: [flagTypes.schoolId, flagTypes.id],
    }),
    index("pupil_flags_pupil").on(t.schoolId, t.pupilId),
  ],
);

export const pupilFlagEnds = pgTable(
  "pupil_flag_ends",
  {
    schoolId: uuid("school_id").notNull(),
    flagId: uuid("flag_id").notNull(),
    endsOn: date("ends_on").notNull(),
    reason: text("reason").notNull(),
    endedBy: uuid("ended_by").notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.flagId] }),
    foreignKey({
      columns: [t.schoolId, t.flagId],
      foreignColumns: [pupilFlags.schoolId, pupilFlags.id],
    }),
  ],
);

// A threshold decision about a child (seed 004 §6), usually made when the DSL reviews an
// incident; the rationale is required, including why no action is taken.
export const thresholdDecisions = pgTable(
  "threshold_decisions",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    pupilId: uuid("pupil_id").notNull(),
    incidentId: uuid("incident_id"),
    thresholdId: uuid("threshold_id").notNull(),
    area: text("area", { enum: AREAS }).notNull(),
    rationale: text("rationale").notNull(),
    // Seed 004 §17: a professional disagreement, recorded respectfully and factually.
    disagreement: text("disagreement"),
    decidedBy: uuid("decided_by").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
    foreignKey({
      columns: [t.schoolId, t.incidentId],
      foreignColumns: [incidents.schoolId, incidents.id],
    }),
    foreignKey({
      columns: [t.schoolId, t.thresholdId],
      foreignColumns: [thresholds.schoolId, thresholds.id],
    }),
    index("threshold_decisions_pupil").on(t.schoolId, t.pupilId),
  ],
);

// Seed 004 §9: the DSL reviews each child's chronology regularly and records having done so.
export const chronologyReviews = pgTable(
  "chronology_reviews",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    pupilId: uuid("pupil_id").notNull(),
    reviewedOn: date("reviewed_on").notNull(),
    note: text("note").notNull(),
    reviewedBy: uuid("reviewed_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
    index("chronology_reviews_pupil").on(t.schoolId, t.pupilId),
  ],
);
