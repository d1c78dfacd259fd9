// Staff invitations: a link by email to set a password and join the school. Only a hash
// of the link's secret is kept; the secret is made when the email is sent.
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { schools } from "./schools.ts";

export const invitations = pgTable(
  "invitations",
  {
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id),
    id: uuid("id").notNull().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    // Role keys from server/src/access/roles.ts, given on acceptance.
    roles: text("roles").array().notNull(),
    invitedBy: uuid("invited_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Null until the email is sent; replaced on each send, so only the newest link works.
    tokenHash: text("token_hash"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedAccountId: uuid("accepted_account_id"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by"),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index("invitations_token").on(t.schoolId, t.tokenHash),
  ],
);
