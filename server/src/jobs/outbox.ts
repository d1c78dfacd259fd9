// The outbox worker. Delivery is at-least-once: a job is claimed (committed), run, then
// marked done; if the process dies after running but before marking, the claim expires
// and the job runs again. Emails carry the job id as their Message-ID so a repeat can be
// recognised; enqueueing with a dedupe key makes a repeated request enqueue once.
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/database.ts";
import { outbox } from "../db/schema/index.ts";
import { type JobKind, type JobPayloads, SECRET_PAYLOAD_KINDS } from "./job-kinds.ts";

export const MAX_ATTEMPTS = 8;
const CLAIM_MS = 2 * 60 * 1000;
const BATCH = 20;

/** Adds a job in the caller's transaction: it exists if and only if the work committed. */
export async function enqueue<K extends JobKind>(
  tx: Tx,
  kind: K,
  payload: JobPayloads[K],
  options: { dedupeKey?: string; schoolId?: string; runAfter?: Date } = {},
): Promise<void> {
  await tx
    .insert(outbox)
    .values({
      kind,
      payload,
      dedupeKey: options.dedupeKey ?? null,
      schoolId: options.schoolId ?? null,
      runAfter: options.runAfter ?? new Date(),
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

/**
 * Several jobs as one INSERT, for the caller to run (or embed in a larger statement) in
 * its transaction; the same rows and dedupe rule as `enqueue`.
 */
export function jobsInsert<K extends JobKind>(
  tx: Tx,
  jobs: { kind: K; payload: JobPayloads[K]; dedupeKey?: string; schoolId?: string }[],
) {
  const now = new Date();
  return tx
    .insert(outbox)
    .values(
      jobs.map((job) => ({
        kind: job.kind,
        payload: job.payload,
        dedupeKey: job.dedupeKey ?? null,
        schoolId: job.schoolId ?? null,
        runAfter: now,
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

export type JobHandlers = {
  [K in JobKind]: (payload: JobPayloads[K], jobId: string) => Promise<void>;
};

/** Backoff after a failed attempt: 30 s, 1 min, 2 min … capped at 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 60 * 60 * 1000);
}

/** Runs the jobs that are due; returns how many ran successfully. */
export async function runOutbox(
  db: Database,
  handlers: JobHandlers,
  now = new Date(),
): Promise<number> {
  const claimed = await db.owner(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.doneAt),
          isNull(outbox.failedAt),
          lte(outbox.runAfter, now),
          or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now)),
        ),
      )
      .orderBy(outbox.runAfter)
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({
        claimedUntil: new Date(now.getTime() + CLAIM_MS),
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  let ok = 0;
  for (const job of claimed) {
    const forget = SECRET_PAYLOAD_KINDS.has(job.kind as JobKind) ? { payload: {} } : {};
    const handler = handlers[job.kind as JobKind] as
      | ((p: unknown, id: string) => Promise<void>)
      | undefined;
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, job.id);
      await db.owner((tx) =>
        tx
          .update(outbox)
          .set({ doneAt: new Date(), claimedUntil: null, ...forget })
          .where(eq(outbox.id, job.id)),
      );
      ok++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = job.attempts >= MAX_ATTEMPTS;
      await db.owner((tx) =>
        tx
          .update(outbox)
          .set({
            lastError: message.slice(0, 1000),
            claimedUntil: null,
            runAfter: new Date(Date.now() + retryDelayMs(job.attempts)),
            failedAt: giveUp ? new Date() : null,
            ...(giveUp ? forget : {}),
          })
          .where(eq(outbox.id, job.id)),
      );
    }
  }
  return ok;
}
