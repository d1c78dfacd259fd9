// Work that runs beside the requests. Each job is safe to run in several processes at
// once and to stop at any moment: the database holds all its state.
import type { FastifyBaseLogger } from "fastify";
import { chainAccessLog } from "../access/access-log-chain.ts";
import { forgetStaleDevices } from "../auth/known-devices.ts";
import { enqueueOverdueDigests } from "../dashboard/overdue-digest.ts";
import type { Database } from "../db/database.ts";
import { purgeOldDrafts } from "../drafts/routes.ts";
import { type JobHandlers, runOutbox } from "./outbox.ts";

const ACCESS_LOG_CHAIN_EVERY_MS = 10_000;
const OUTBOX_EVERY_MS = 2_000;
// Overdue work is looked for every ten minutes; each person hears at most once a day.
const DIGEST_CHECK_EVERY_MS = 10 * 60_000;

export function startBackgroundJobs(
  db: Database,
  handlers: JobHandlers,
  log: FastifyBaseLogger,
): () => void {
  let sending = false;
  const outboxTimer = setInterval(async () => {
    if (sending) return;
    sending = true;
    try {
      await runOutbox(db, handlers);
    } catch (err) {
      log.error({ err }, "the outbox worker failed; it will try again");
    } finally {
      sending = false;
    }
  }, OUTBOX_EVERY_MS);
  outboxTimer.unref();
  let running = false;
  let lastDigestCheck = 0;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const linked = await chainAccessLog(db);
      await purgeOldDrafts(db);
      if (Date.now() - lastDigestCheck >= DIGEST_CHECK_EVERY_MS) {
        lastDigestCheck = Date.now();
        await enqueueOverdueDigests(db);
        await forgetStaleDevices(db);
      }
      if (linked > 0) log.debug({ linked }, "access log chained");
    } catch (err) {
      log.error({ err }, "chaining the access log failed; it will be tried again");
    } finally {
      running = false;
    }
  }, ACCESS_LOG_CHAIN_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    clearInterval(outboxTimer);
  };
}
