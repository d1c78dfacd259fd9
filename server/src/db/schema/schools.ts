// School-owned tables: every primary key starts with school_id and every foreign key
// carries it, so the schema can be distributed by school (Citus) without a rewrite.
import {
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, trusts } from "./global.ts";

// The tenant root: a school's id *is* its school_id. Distributed by id.
export const schools = pgTable("schools", {
  id: uuid("id").primaryKey().defaultRandom(),
  trustId: uuid("trust_id").references(() => trusts.id),
  name: text("name").notNull(),
  urn: text("urn"),
  // School-level settings (idle lock minutes, what "pupil" is called, blank-screen
  // return…). Validated by the settings schema in the roster domain.
  settings: jsonb("settings").notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    // Role keys from server/src/access/roles.ts.
    roles: text("roles").array().notNull(),
    jobTitle: text("job_title"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), unique().on(t.schoolId, t.accountId)],
);

export const yearGroups = pgTable(
  "year_groups",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    // National curriculum year: 0 = Reception, 1 = Year 1 … 13 = Year 13.
    ncy: integer("ncy").notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), unique().on(t.schoolId, t.ncy)],
);

export const classes = pgTable(
  "classes",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    yearGroupId: uuid("year_group_id"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    unique().on(t.schoolId, t.name),
    foreignKey({
      columns: [t.schoolId, t.yearGroupId],
      foreignColumns: [yearGroups.schoolId, yearGroups.id],
    }),
  ],
);

export const classTeachers = pgTable(
  "class_teachers",
  {
    schoolId: uuid("school_id").notNull(),
    classId: uuid("class_id").notNull(),
    membershipId: uuid("membership_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.classId, t.membershipId] }),
    foreignKey({
      columns: [t.schoolId, t.classId],
      foreignColumns: [classes.schoolId, classes.id],
    }),
    foreignKey({
      columns: [t.schoolId, t.membershipId],
      foreignColumns: [memberships.schoolId, memberships.id],
    }),
  ],
);

export const groups = pgTable(
  "groups",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    // Roles whose holders belong to the group automatically (taxonomy defaultGroups).
    roles: text("roles").array().notNull().default([]),
    // The taxonomy's "alertedOn: every incident" as installed. Since alert_rules it only
    // seeds the group's rule (and the demo's generated history): the rules decide.
    alertedOnEveryIncident: boolean("alerted_on_every_incident").notNull().default(false),
    active: boolean("active").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), unique().on(t.schoolId, t.name)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    schoolId: uuid("school_id").notNull(),
    groupId: uuid("group_id").notNull(),
    membershipId: uuid("membership_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.groupId, t.membershipId] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [groups.schoolId, groups.id] }),
    foreignKey({
      columns: [t.schoolId, t.membershipId],
      foreignColumns: [memberships.schoolId, memberships.id],
    }),
  ],
);
