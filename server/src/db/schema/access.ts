// Grants of access to pupil records, given by a DSL (seed 003 section 3: "The DSL will
// allocate access levels"). Roles carry default grants in code (access/role-grants.ts);
// these rows are the extra ones. A grant is never edited: a change is a revocation and
// a new grant, and both are audit events.
import {
  bigint,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { memberships } from "./schools.ts";

export const PUPIL_SCOPES = ["all", "year_groups", "classes", "pupils"] as const;
export type PupilScope = (typeof PUPIL_SCOPES)[number];

export const grants = pgTable(
  "grants",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    membershipId: uuid("membership_id").notNull(),
    scope: text("scope", { enum: PUPIL_SCOPES }).notNull(),
    // Year group, class or pupil ids for the narrower scopes; empty for "all".
    scopeIds: uuid("scope_ids").array().notNull().default([]),
    areas: text("areas").array().notNull(),
    reason: text("reason"),
    grantedBy: uuid("granted_by").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid("revoked_by"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.membershipId],
      foreignColumns: [memberships.schoolId, memberships.id],
    }),
    index("grants_membership").on(t.schoolId, t.membershipId),
  ],
);

// Links of the access log's hash chain, one per access-log row, in the order the
// chaining job took them (see access/access-log-chain.ts).
export const accessLogLinks = pgTable(
  "access_log_links",
  {
    schoolId: uuid("school_id").notNull(),
    // 1, 2, 3… per school: the chain's order.
    position: bigint("position", { mode: "number" }).notNull(),
    logId: uuid("log_id").notNull(),
    // sha256(previous link's hash + the row's canonical text), hex.
    hash: text("hash").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.position] }), unique().on(t.schoolId, t.logId)],
);
