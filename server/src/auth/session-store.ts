// Sessions live in the database so they can be listed and revoked. The cookie holds a
// random token; the database holds its hash.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { effectiveRoles } from "../access/effective-roles.ts";
import type { SchoolRole, TrustRole } from "../access/roles.ts";
import { type Database, queryRows } from "../db/database.ts";
import {
  accounts,
  agreementAcceptances,
  memberships,
  sessions,
  trustMemberships,
  webauthnCredentials,
} from "../db/schema/index.ts";
import { readSchoolSettings } from "../roster/school-settings.ts";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./lifetimes.ts";
import type { SchoolChoice, SecondFactorState, SignedIn } from "./signed-in.ts";
import { hashToken, randomToken } from "./tokens.ts";

// Touching last_seen_at on every request would write on every read; once a minute is
// precise enough for an idle lifetime measured in hours.
export const TOUCH_EVERY_MS = 60 * 1000;

/**
 * Whether a page opening now finds a session the school's idle lock should have locked:
 * the server heard nothing for longer than the idle time. The page locks itself while it
 * is open; this covers a tab closed (or a browser put to sleep) and opened again later.
 * Only a page load asks this — an open page's own timer knows about reading and typing
 * the server never sees. The margin is last-seen's own precision.
 */
export function idleBeyondLock(who: SignedIn): boolean {
  return (
    !who.locked &&
    who.schoolId !== null &&
    who.idleMs > who.settings.idleLockMinutes * 60_000 + TOUCH_EVERY_MS
  );
}

export async function createSession(
  db: Database,
  accountId: string,
  userAgent: string | undefined,
): Promise<{ token: string }> {
  const token = randomToken();
  const now = new Date();
  await db.global(async (tx) => {
    await tx.insert(sessions).values({
      accountId,
      tokenHash: hashToken(token),
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
  });
  return { token };
}

/** The session for a cookie's token, or null if it is unknown, revoked or expired. */
export async function loadSession(db: Database, token: string): Promise<SignedIn | null> {
  const now = new Date();
  const found = await db.global(async (tx) => {
    const [row] = await tx
      .select({ session: sessions, account: accounts })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)));
    if (!row) return null;
    const { session, account } = row;
    const idle = now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS;
    if (!account.active || idle || now > session.expiresAt) {
      // A deactivated person loses every session at once, not just this one.
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(
          account.active
            ? eq(sessions.id, session.id)
            : and(eq(sessions.accountId, account.id), isNull(sessions.revokedAt)),
        );
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
    }
    const [keys] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(webauthnCredentials)
      .where(
        and(eq(webauthnCredentials.accountId, account.id), isNull(webauthnCredentials.removedAt)),
      );
    return { ...row, keys: keys?.n ?? 0, idleMs: now.getTime() - session.lastSeenAt.getTime() };
  });
  if (!found) return null;
  const { session, account, keys, idleMs } = found;

  const { schools, rolesBySchool, trustRoles, acceptedVersions } = await schoolsFor(db, account.id);
  const school = schools.find((s) => s.id === session.currentSchoolId) ?? schools[0] ?? null;
  const schoolId = school?.id ?? null;
  const settings = readSchoolSettings(school?.settings);
  const roles = schoolId ? effectiveRoles(rolesBySchool.get(schoolId) ?? [], trustRoles) : [];
  const enrolled = account.totpSecret !== null || keys > 0;
  const mustEnrol = roles.some((r) => settings.secondFactorRoles.includes(r));
  const secondFactor: SecondFactorState = session.secondFactorAt
    ? "satisfied"
    : enrolled || mustEnrol
      ? "required"
      : "none";

  return {
    sessionId: session.id,
    accountId: account.id,
    name: account.name,
    email: account.email,
    csrfToken: session.csrfToken,
    secondFactor,
    schools: schools.map(({ id, name }) => ({ id, name })),
    schoolId,
    roles,
    secondFactorEnrolled: enrolled,
    authenticatorApp: account.totpSecret !== null,
    securityKeys: keys,
    trustRoles,
    settings,
    locked: session.lockedAt !== null,
    idleMs,
    agreementRequired:
      schoolId !== null && !acceptedVersions.has(`${schoolId}:${settings.agreement.version}`),
    trainingRequired: settings.requireTraining && account.trainingCompletedAt === null,
  };
}

/** The schools a person works in: their memberships and their trusts' schools. */
async function schoolsFor(db: Database, accountId: string) {
  return db.global(async (tx) => {
    const own = await tx
      .select({ schoolId: memberships.schoolId, roles: memberships.roles })
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), isNull(memberships.deactivatedAt)));
    const trusts = await tx
      .select({ roles: trustMemberships.roles })
      .from(trustMemberships)
      .where(eq(trustMemberships.accountId, accountId));
    const trustRoles = [...new Set(trusts.flatMap((t) => t.roles))] as TrustRole[];
    // The schools policy shows exactly the schools of the person's memberships and trusts.
    const schools = await queryRows<SchoolChoice & { settings: unknown }>(
      tx,
      sql`select id, name, settings from schools order by name`,
    );
    const accepted = await tx
      .select({ schoolId: agreementAcceptances.schoolId, version: agreementAcceptances.version })
      .from(agreementAcceptances)
      .where(eq(agreementAcceptances.accountId, accountId));
    const acceptedVersions = new Set(accepted.map((a) => `${a.schoolId}:${a.version}`));
    const rolesBySchool = new Map(own.map((m) => [m.schoolId, m.roles as SchoolRole[]]));
    return { schools, rolesBySchool, trustRoles, acceptedVersions };
  }, accountId);
}

export async function revokeSession(db: Database, sessionId: string): Promise<void> {
  await db.global((tx) =>
    tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId)),
  );
}

export async function setCurrentSchool(
  db: Database,
  sessionId: string,
  schoolId: string,
): Promise<void> {
  await db.global((tx) =>
    tx.update(sessions).set({ currentSchoolId: schoolId }).where(eq(sessions.id, sessionId)),
  );
}

export async function listSessions(db: Database, accountId: string) {
  return db.global((tx) =>
    tx
      .select({
        id: sessions.id,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
      .orderBy(sessions.createdAt),
  );
}

/** Revokes some of a person's sessions; returns how many were theirs and open. */
export async function revokeOwnSessions(
  db: Database,
  accountId: string,
  sessionIds: string[],
): Promise<number> {
  if (sessionIds.length === 0) return 0;
  const rows = await db.global((tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(sessions.accountId, accountId),
          inArray(sessions.id, sessionIds),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id }),
  );
  return rows.length;
}

export async function setLocked(db: Database, sessionId: string, locked: boolean): Promise<void> {
  await db.global((tx) =>
    tx
      .update(sessions)
      .set({ lockedAt: locked ? new Date() : null })
      .where(eq(sessions.id, sessionId)),
  );
}
