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
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { classes, schools, yearGroups } from "./schools.ts";

export const pupils = pgTable(
  "pupils",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    legalFirstName: text("legal_first_name").notNull(),
    legalLastName: text("legal_last_name").notNull(),
    // What the child is called day to day; the picker searches both.
    preferredFirstName: text("preferred_first_name"),
    preferredLastName: text("preferred_last_name"),
    dateOfBirth: date("date_of_birth").notNull(),
    sex: text("sex", { enum: ["F", "M", "X"] }).notNull(),
    upn: text("upn"),
    // Matches the MIS record on import (SIMS/Arbor/Bromcom/Wonde id).
    misId: text("mis_id"),
    yearGroupId: uuid("year_group_id"),
    classId: uuid("class_id"),
    photoFileId: uuid("photo_file_id"),
    onRoll: boolean("on_roll").notNull().default(true),
    admittedOn: date("admitted_on"),
    leftOn: date("left_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.yearGroupId],
      foreignColumns: [yearGroups.schoolId, yearGroups.id],
    }),
    foreignKey({
      columns: [t.schoolId, t.classId],
      foreignColumns: [classes.schoolId, classes.id],
    }),
    index("pupils_name").on(t.schoolId, t.legalLastName, t.legalFirstName),
    // The UPN is the key imports match on: one pupil per UPN in a school.
    uniqueIndex("pupils_upn").on(t.schoolId, t.upn),
  ],
);

// Each time someone marks a pupil as left (a date) or as back on roll (none): who and
// when. pupils.left_on holds the latest; this keeps every change (append-only).
export const pupilLeavings = pgTable(
  "pupil_leavings",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    pupilId: uuid("pupil_id").notNull(),
    leftOn: date("left_on"),
    byId: uuid("by_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
    index("pupil_leavings_pupil").on(t.schoolId, t.pupilId),
  ],
);

// Stored once per pair (pupil_id < sibling_id); siblings of siblings are not implied.
export const pupilSiblings = pgTable(
  "pupil_siblings",
  {
    schoolId: uuid("school_id").notNull(),
    pupilId: uuid("pupil_id").notNull(),
    siblingId: uuid("sibling_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.pupilId, t.siblingId] }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
    foreignKey({
      columns: [t.schoolId, t.siblingId],
      foreignColumns: [pupils.schoolId, pupils.id],
    }),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    pupilId: uuid("pupil_id").notNull(),
    name: text("name").notNull(),
    relationship: text("relationship").notNull(),
    parentalResponsibility: boolean("parental_responsibility").notNull(),
    phone: text("phone"),
    email: text("email"),
    // 1 = first to call.
    priority: integer("priority").notNull(),
    livesWithPupil: boolean("lives_with_pupil").notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.pupilId], foreignColumns: [pupils.schoolId, pupils.id] }),
  ],
);
