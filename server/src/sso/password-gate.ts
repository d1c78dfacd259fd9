// A school that signs in through its provider may turn passwords off for its staff. The
// break-glass: its administrators keep their password, so a provider outage or a broken
// setting never locks the school out of Tessera.
import { and, eq, isNull } from "drizzle-orm";
import { audit } from "../audit/audit-events.ts";
import type { Database } from "../db/database.ts";
import { memberships, schoolSso } from "../db/schema/index.ts";
import { Problem } from "../http/problem.ts";

/** Throws when a right password must still be refused; call it after checking the password. */
export async function refusePasswordWhereSsoOnly(db: Database, accountId: string): Promise<void> {
  const own = await db.global(
    (tx) =>
      tx
        .select({ schoolId: memberships.schoolId, roles: memberships.roles })
        .from(memberships)
        .where(and(eq(memberships.accountId, accountId), isNull(memberships.deactivatedAt))),
    accountId,
  );
  for (const m of own) {
    if (m.roles.includes("administrator")) continue;
    const refused = await db.tx({ schoolId: m.schoolId, accountId }, async (tx) => {
      const [sso] = await tx
        .select({ enabled: schoolSso.enabled, passwordsAllowed: schoolSso.passwordsAllowed })
        .from(schoolSso)
        .where(eq(schoolSso.schoolId, m.schoolId));
      if (!sso?.enabled || sso.passwordsAllowed) return false;
      await audit(tx, m.schoolId, accountId, "sso.password-refused", { accountId });
      return true;
    });
    // One account, one way in: a person in a school that has turned passwords off signs
    // in through that school's provider even when another school of theirs allows them.
    if (refused) {
      throw new Problem(
        403,
        "sso-required",
        "Sign in with your school account",
        "Your school signs in to Tessera with the Microsoft or Google account it gives you, not a Tessera password. Use your school's account below.",
      );
    }
  }
}
