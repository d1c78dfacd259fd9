// Visitor concern links (seed 002's yellow form): a DSL makes a link for a named visitor
// or supply agency; the visitor, without an account, sends a concern through it; the DSL
// matches the concern to a pupil, which makes an incident. Concerns and matches are
// history (append-only); a link only ever gains its "used" time.
import {
  boolean,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { incidents } from "./incidents.ts";
import { schools } from "./schools.ts";

export const visitorLinks = pgTable(
  "visitor_links",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    // Only a hash of the link's secret is kept: a copy of the database opens no link.
    tokenHash: text("token_hash").notNull(),
    // The visitor or agency it was made for, as the DSL typed it.
    name: text("name").notNull(),
    singleUse: boolean("single_use").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Set once, when a single-use link's concern arrives.
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), unique().on(t.schoolId, t.tokenHash)],
);

export const visitorConcerns = pgTable(
  "visitor_concerns",
  {
    schoolId: uuid("school_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    linkId: uuid("link_id").notNull(),
    visitorName: text("visitor_name").notNull(),
    visitorRole: text("visitor_role").notNull(),
    visitorContact: text("visitor_contact").notNull(),
    // Free text: the visitor is never shown the roll.
    childName: text("child_name").notNull(),
    account: text("account").notNull(),
    // When it happened, in the visitor's words and, where given, as a time.
    happenedWhen: text("happened_when").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    // A hash of the sender's address, for the per-address rate limit only.
    addressHash: text("address_hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({
      columns: [t.schoolId, t.linkId],
      foreignColumns: [visitorLinks.schoolId, visitorLinks.id],
    }),
    index("visitor_concerns_link").on(t.schoolId, t.linkId, t.submittedAt),
    index("visitor_concerns_address").on(t.schoolId, t.addressHash, t.submittedAt),
  ],
);

// A concern becomes an incident once, on the pupil the DSL chose.
export const visitorConcernMatches = pgTable(
  "visitor_concern_matches",
  {
    schoolId: uuid("school_id").notNull(),
    concernId: uuid("concern_id").notNull(),
    incidentId: uuid("incident_id").notNull(),
    pupilId: uuid("pupil_id").notNull(),
    matchedBy: uuid("matched_by").notNull(),
    matchedAt: timestamp("matched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.concernId] }),
    foreignKey({
      columns: [t.schoolId, t.concernId],
      foreignColumns: [visitorConcerns.schoolId, visitorConcerns.id],
    }),
    foreignKey({
      columns: [t.schoolId, t.incidentId],
      foreignColumns: [incidents.schoolId, incidents.id],
    }),
  ],
);
