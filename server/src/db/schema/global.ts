// The declared global tables: they carry no school_id because they are not owned by a
// school. A person has one account whatever schools they work in; sessions belong to
// the account; trusts hold schools. Everything else is school-owned (see ../tables.ts).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const trusts = pgTable("trusts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored as typed; uniqueness and look-ups use lower(email).
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    totpSecret: text("totp_secret"),
    // A secret being enrolled: it becomes totp_secret once a code from it is confirmed.
    totpPendingSecret: text("totp_pending_secret"),
    // The last TOTP time step accepted: a code is good once (replay protection).
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    active: boolean("active").notNull().default(true),
    trainingCompletedAt: timestamp("training_completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("accounts_email_lower").on(sql`lower(${t.email})`)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    // Only a hash of the cookie's secret is stored: a copy of the database is not a key.
    tokenHash: text("token_hash").notNull().unique(),
    csrfToken: text("csrf_token").notNull(),
    currentSchoolId: uuid("current_school_id"),
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    // Set when the page locked itself after idling: until the password is given again,
    // the session can do nothing but unlock or sign out.
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    userAgent: text("user_agent"),
    // The WebAuthn challenge this session was last given (registering or using a key):
    // good for one answer, within a few minutes.
    webauthnChallenge: text("webauthn_challenge"),
    webauthnChallengeAt: timestamp("webauthn_challenge_at", { withTimezone: true }),
  },
  (t) => [index("sessions_account").on(t.accountId)],
);

// A trust-level role (trust DSL): rights in every school of the trust.
export const trustMemberships = pgTable(
  "trust_memberships",
  {
    trustId: uuid("trust_id")
      .notNull()
      .references(() => trusts.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    roles: text("roles").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.trustId, t.accountId] })],
);

// Recovery codes for a lost authenticator: each is good once.
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.codeHash] })],
);

// Failed sign-ins per (email, address) pair, for throttling (never lockout). Keyed by a
// hash so the table holds no email addresses; rows older than the window are pruned.
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    pairHash: text("pair_hash").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_pair").on(t.pairHash, t.at)],
);

// Password reset links: the email carries the secret, the database only its hash. Only
// the POST that sets the new password uses a link up; opening it changes nothing.
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_resets_account").on(t.accountId)],
);

// Security keys and passkeys (WebAuthn), several per person, each named; a lost one is
// removed (removed_at) and never accepted again.
export const webauthnCredentials = pgTable(
  "webauthn_credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    // The authenticator's credential id (base64url): unique across all accounts.
    credentialId: text("credential_id").notNull().unique(),
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: text("transports").array().notNull().default(sql`'{}'::text[]`),
    name: text("name").notNull(),
    // Registered as a passkey (discoverable, with user verification): it may sign in
    // without a password. A plain security key is only ever a second factor.
    passkey: boolean("passkey").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("webauthn_credentials_account").on(t.accountId)],
);

// The challenge of a passwordless (passkey) sign-in, before there is a session: the
// browser holds a random token in a short-lived cookie, the row only its hash. Deleted
// when answered (one answer per challenge), good for five minutes.
export const passkeyChallenges = pgTable(
  "passkey_challenges",
  {
    tokenHash: text("token_hash").primaryKey(),
    challenge: text("challenge").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("passkey_challenges_expires").on(t.expiresAt)],
);

// Browsers an account has fully signed in from: the browser keeps a long-lived random
// cookie, this table its hash. A sign-in from a browser not listed here emails the owner.
export const knownDevices = pgTable(
  "known_devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    deviceHash: text("device_hash").notNull(),
    // "Chrome on Windows": enough to recognise, not the whole user-agent string.
    userAgent: text("user_agent").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("known_devices_account_device").on(t.accountId, t.deviceHash)],
);
