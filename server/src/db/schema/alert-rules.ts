// Pre-set alert rules: who is alerted to a new incident without being chosen, and on
// which incidents. Fixed at sending like every alert; an edit changes the next incident.

import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { groups, schools } from "./schools.ts";
import { AREAS } from "./taxonomy.ts";

/** Who a rule alerts: a group's members, a role's holders, or the pupils' class teachers. */
export const ALERT_AUDIENCES = ["group", "role", "class_teachers"] as const;
export type AlertAudience = (typeof ALERT_AUDIENCES)[number];

/**
 * On which incidents: all; those in any of the rule's areas; those only in areas that are
 * not restricted and with no DSL-only category; those with a notifiable category.
 */
export const ALERT_CONDITIONS = [
  "every_incident",
  "areas",
  "non_restricted",
  "notifiable",
] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

export const alertRules = pgTable(
  "alert_rules",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    audience: text("audience", { enum: ALERT_AUDIENCES }).notNull(),
    groupId: uuid("group_id"),
    // A role key (server/src/access/roles.ts) when the audience is a role.
    role: text("role"),
    condition: text("condition", { enum: ALERT_CONDITIONS }).notNull(),
    areas: text("areas", { enum: AREAS }).array().notNull().default([]),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [groups.schoolId, groups.id] }),
    check(
      "alert_rules_audience",
      sql`(${t.audience} = 'group') = (${t.groupId} is not null) and (${t.audience} = 'role') = (${t.role} is not null)`,
    ),
    check("alert_rules_areas", sql`(${t.condition} = 'areas') = (cardinality(${t.areas}) > 0)`),
  ],
);
