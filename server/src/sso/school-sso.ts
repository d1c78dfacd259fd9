// Reading a school's SSO settings, and finding the school an email domain or id names.
import { eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { schoolSso, ssoEmailDomains } from "../db/schema/index.ts";

export type SchoolSsoRow = typeof schoolSso.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PROVIDER_LABELS = {
  entra: "Continue with Microsoft",
  google: "Continue with Google",
  oidc: "Continue with your school account",
} as const;

/** The school a `school` parameter names: its id, or an email domain it claimed. */
export async function schoolFor(db: Database, school: string): Promise<string | null> {
  const named = school.trim().toLowerCase();
  if (UUID.test(named)) return named;
  const domain = named.includes("@") ? named.slice(named.lastIndexOf("@") + 1) : named;
  const [row] = await db.global((tx) =>
    tx
      .select({ schoolId: ssoEmailDomains.schoolId })
      .from(ssoEmailDomains)
      .where(eq(ssoEmailDomains.domain, domain)),
  );
  return row?.schoolId ?? null;
}

export async function readSchoolSso(db: Database, schoolId: string): Promise<SchoolSsoRow | null> {
  const [row] = await db.tx({ schoolId, accountId: null }, (tx) =>
    tx.select().from(schoolSso).where(eq(schoolSso.schoolId, schoolId)),
  );
  return row ?? null;
}
