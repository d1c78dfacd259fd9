// Idempotency-Key (ARCHITECTURE.md): a retried create with the same key and body gets the
// first result and causes nothing twice; the same key with a different body is refused.
// Keys are scoped to (school, account).
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database, Tx } from "../db/database.ts";
import { databaseError } from "../db/database-error.ts";
import { idempotencyKeys } from "../db/schema/index.ts";
import { Problem } from "./problem.ts";

export interface Stored {
  status: number;
  body: unknown;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const hashOf = (body: unknown) => createHash("sha256").update(canonical(body)).digest("hex");

function reusedWithOtherBody(): Problem {
  return new Problem(
    422,
    "idempotency-key-reused",
    "This key was used for something else",
    "The Idempotency-Key of this request was already used with different details. Use a new key for a new request.",
  );
}

async function storedResult(db: Database, ctx: Context): Promise<Stored | null> {
  const [row] = await db.tx({ schoolId: ctx.schoolId, accountId: ctx.accountId }, (tx) =>
    tx
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.schoolId, ctx.schoolId),
          eq(idempotencyKeys.accountId, ctx.accountId),
          eq(idempotencyKeys.key, ctx.key),
        ),
      ),
  );
  if (!row) return null;
  if (row.requestHash !== hashOf(ctx.body)) throw reusedWithOtherBody();
  return { status: row.status, body: row.response };
}

interface Context {
  schoolId: string;
  accountId: string;
  key: string;
  body: unknown;
}

/**
 * Runs `work` in one transaction and stores its result under the key in the same
 * transaction. A concurrent twin that loses the race rolls back whole and returns the
 * winner's stored result.
 */
export async function idempotent(
  db: Database,
  acting: { schoolId: string; accountId: string },
  key: string | undefined,
  body: unknown,
  work: (tx: Tx) => Promise<Stored>,
): Promise<Stored> {
  if (!key) return db.tx(acting, work);
  const ctx: Context = { ...acting, key, body };
  const earlier = await storedResult(db, ctx);
  if (earlier) return earlier;
  try {
    return await db.tx({ schoolId: ctx.schoolId, accountId: ctx.accountId }, async (tx) => {
      const result = await work(tx);
      await tx.insert(idempotencyKeys).values({
        schoolId: ctx.schoolId,
        accountId: ctx.accountId,
        key: ctx.key,
        requestHash: hashOf(ctx.body),
        status: result.status,
        response: result.body as object,
      });
      return result;
    });
  } catch (error) {
    if (databaseError(error).code === "23505") {
      const winner = await storedResult(db, ctx);
      if (winner) return winner;
    }
    throw error;
  }
}
