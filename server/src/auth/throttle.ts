// Throttling, not lockout: failed sign-ins slow down per (email, address) pair with
// exponential backoff. An attacker elsewhere cannot lock the DSL out, and a whole school
// behind one address is not blocked by one person's typos. Successes are never counted.
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { signInFailures } from "../db/schema/index.ts";
import { hashToken } from "./tokens.ts";

export const FREE_ATTEMPTS = 3;
/** After this many failures in the window, the account's owner is told by email. */
export const NOTIFY_OWNER_AFTER = 5;
export const WINDOW_MS = 15 * 60 * 1000;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = WINDOW_MS;

export function pairKey(email: string, address: string): string {
  return hashToken(`${email.trim().toLowerCase()}\u0000${address}`);
}

/** How long this pair must wait before another try (0: go ahead). */
export async function waitBeforeAttempt(tx: Tx, pair: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [row] = await tx
    .select({
      failures: sql<number>`count(*)::int`,
      last: sql<Date | string>`max(${signInFailures.at})`,
    })
    .from(signInFailures)
    .where(and(eq(signInFailures.pairHash, pair), gte(signInFailures.at, since)));
  const failures = row?.failures ?? 0;
  if (failures < FREE_ATTEMPTS || !row?.last) return 0;
  const delay = Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
  const waitUntil = new Date(row.last).getTime() + delay;
  return Math.max(0, waitUntil - now.getTime());
}

export async function recordFailure(tx: Tx, pair: string, now = new Date()): Promise<number> {
  await tx.insert(signInFailures).values({ pairHash: pair, at: now });
  // Forget what is outside the window, for every pair: the table stays small.
  await tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - WINDOW_MS)));
  const [row] = await tx
    .select({ failures: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(eq(signInFailures.pairHash, pair));
  return row?.failures ?? 0;
}

export async function clearFailures(tx: Tx, pair: string): Promise<void> {
  await tx.delete(signInFailures).where(eq(signInFailures.pairHash, pair));
}
