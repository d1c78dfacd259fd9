// School SSO (OpenID Connect): each school's provider, the global binding of a provider's
// person (issuer + subject) to a Tessera account, the email domains that offer a school's
// provider on the sign-in page, and the short-lived state of a sign-in in progress.
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./global.ts";
import { schools } from "./schools.ts";

// One provider per school. The client secret is stored sealed with the school's vault key
// (sso/client-secret.ts), never as typed.
export const schoolSso = pgTable("school_sso", {
  schoolId: uuid("school_id")
    .primaryKey()
    .references(() => schools.id),
  provider: text("provider", { enum: ["entra", "google", "oidc"] }).notNull(),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecretSealed: text("client_secret_sealed"),
  // Entra: the ID token's tid must equal this. Google: its hd must equal hostedDomain.
  tenantId: text("tenant_id"),
  hostedDomain: text("hosted_domain"),
  emailDomains: text("email_domains").array().notNull(),
  enabled: boolean("enabled").notNull().default(true),
  passwordsAllowed: boolean("passwords_allowed").notNull().default(true),
  providerMfaCounts: boolean("provider_mfa_counts").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
});

// Which school's provider an email domain leads to, before anyone is signed in (row-level
// security hides school_sso until a school is chosen). Holds nothing about people.
export const ssoEmailDomains = pgTable("sso_email_domains", {
  domain: text("domain").primaryKey(),
  schoolId: uuid("school_id")
    .notNull()
    .references(() => schools.id),
});

// A provider's person bound to an account. Found by issuer + subject only: the email is
// what it was when the binding was made, kept for the administrator's eyes.
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    emailAtLink: text("email_at_link").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("sso_identities_issuer_subject").on(t.issuer, t.subject),
    // One person at a provider per account: a recycled mailbox (a new subject with an
    // old address) cannot take over an account already bound at that provider.
    uniqueIndex("sso_identities_account_issuer").on(t.accountId, t.issuer),
  ],
);

// A sign-in on its way through the provider: the browser holds a random cookie whose hash
// finds this row; only the state travels in the URL. Used once, gone after ten minutes.
export const ssoFlows = pgTable(
  "sso_flows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cookieHash: text("cookie_hash").notNull().unique(),
    schoolId: uuid("school_id").notNull(),
    state: text("state").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    // Who asked, hashed: /sso/start is public and writes a row, so one address may keep
    // only so many sign-ins open at once.
    addressHash: text("address_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("sso_flows_expires").on(t.expiresAt),
    index("sso_flows_address").on(t.addressHash, t.expiresAt),
  ],
);
