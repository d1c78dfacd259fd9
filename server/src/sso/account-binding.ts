// Which account an ID token signs in. Later sign-ins are found by issuer + subject only,
// so a changed address at the provider never moves a person to another account. A first
// sign-in links by the provider's verified address, and only to someone this school
// already knows: an active member, or a pending invitation (accepted here).
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { IDToken } from "openid-client";
import { audit } from "../audit/audit-events.ts";
import { type Database, onlyRow, queryRows } from "../db/database.ts";
import { accounts, invitations, memberships, ssoIdentities } from "../db/schema/index.ts";
import { type Refusal, type SsoProvider, verifiedEmail } from "./claims-check.ts";

export type Binding =
  | { ok: true; accountId: string; linked: "account" | "invitation" | null }
  | { ok: false; reason: Refusal; email: string | null };

async function isMember(db: Database, schoolId: string, accountId: string): Promise<boolean> {
  const [row] = await db.tx({ schoolId, accountId }, (tx) =>
    tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.schoolId, schoolId),
          eq(memberships.accountId, accountId),
          isNull(memberships.deactivatedAt),
        ),
      ),
  );
  return row !== undefined;
}

async function bind(
  db: Database,
  issuer: string,
  subject: string,
  accountId: string,
  email: string,
): Promise<boolean> {
  return db.global(async (tx) => {
    const taken = await tx
      .select({ id: ssoIdentities.id })
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.accountId, accountId), eq(ssoIdentities.issuer, issuer)));
    if (taken.length > 0) return false;
    // Two first sign-ins at once: one insert wins; the other then finds the same binding.
    await tx
      .insert(ssoIdentities)
      .values({ issuer, subject, accountId, emailAtLink: email })
      .onConflictDoNothing();
    const [row] = await tx
      .select({ accountId: ssoIdentities.accountId })
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)));
    return row?.accountId === accountId;
  });
}

export async function bindAccount(
  db: Database,
  schoolId: string,
  provider: SsoProvider,
  claims: IDToken,
): Promise<Binding> {
  const issuer = claims.iss;
  const subject = claims.sub;
  const [known] = await db.global((tx) =>
    tx
      .select({ accountId: ssoIdentities.accountId, active: accounts.active })
      .from(ssoIdentities)
      .innerJoin(accounts, eq(accounts.id, ssoIdentities.accountId))
      .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject))),
  );
  if (known) {
    if (!known.active || !(await isMember(db, schoolId, known.accountId))) {
      return { ok: false, reason: "left-school", email: null };
    }
    await db.global((tx) =>
      tx
        .update(ssoIdentities)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject))),
    );
    return { ok: true, accountId: known.accountId, linked: null };
  }

  const email = verifiedEmail(provider, claims);
  if (!email) {
    const given = typeof claims.email === "string" ? claims.email : null;
    return { ok: false, reason: given ? "email-unverified" : "unknown-person", email: given };
  }
  const [account] = await db.global((tx) =>
    tx
      .select({ id: accounts.id, active: accounts.active })
      .from(accounts)
      .where(sql`lower(${accounts.email}) = ${email.toLowerCase()}`),
  );
  if (account) {
    if (!account.active || !(await isMember(db, schoolId, account.id))) {
      return { ok: false, reason: "unknown-person", email };
    }
    if (!(await bind(db, issuer, subject, account.id, email))) {
      return { ok: false, reason: "bound-elsewhere", email };
    }
    return { ok: true, accountId: account.id, linked: "account" };
  }

  // No account yet: a pending invitation to this school is accepted through the provider,
  // as the invitation link's form would, but with no password.
  const accepted = await db.tx({ schoolId, accountId: null }, async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.schoolId, schoolId),
          sql`lower(${invitations.email}) = ${email.toLowerCase()}`,
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .orderBy(sql`${invitations.createdAt} desc`)
      .limit(1)
      .for("update");
    if (!invitation) return null;
    const [existing] = await queryRows<{ id: string }>(
      tx,
      sql`select id from accounts where lower(email) = lower(${email})`,
    );
    if (existing) return null;
    const created = onlyRow(
      await tx
        .insert(accounts)
        .values({ email: invitation.email, name: invitation.name, passwordHash: null })
        .returning({ id: accounts.id }),
      "account",
    );
    await tx
      .insert(memberships)
      .values({ schoolId, accountId: created.id, roles: invitation.roles });
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), tokenHash: null, acceptedAccountId: created.id })
      .where(and(eq(invitations.schoolId, schoolId), eq(invitations.id, invitation.id)));
    await audit(tx, schoolId, created.id, "invitation.accepted", {
      invitationId: invitation.id,
      accountId: created.id,
    });
    await tx
      .insert(ssoIdentities)
      .values({ issuer, subject, accountId: created.id, emailAtLink: email });
    return created.id;
  });
  if (!accepted) return { ok: false, reason: "unknown-person", email };
  return { ok: true, accountId: accepted, linked: "invitation" };
}
