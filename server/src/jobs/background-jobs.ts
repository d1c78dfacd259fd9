// Work that runs beside the requests. Each job is safe to run in several processes at
// once and to stop at any moment: the database holds all its state.
import type { FastifyBaseLogger } from "fastify";
import { chainAccessLog } from "../access/access-log-chain.ts";
import type { Database } from "../db/database.ts";

const ACCESS_LOG_CHAIN_EVERY_MS = 10_000;

export function startBackgroundJobs(db: Database, log: FastifyBaseLogger): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const linked = await chainAccessLog(db);
      if (linked > 0) log.debug({ linked }, "access log chained");
    } catch (err) {
      log.error({ err }, "chaining the access log failed; it will be tried again");
    } finally {
      running = false;
    }
  }, ACCESS_LOG_CHAIN_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
