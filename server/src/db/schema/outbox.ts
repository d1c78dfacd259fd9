// The transactional outbox: a request that must cause an email (or other job) inserts a
// row here in its own transaction; a worker sends it afterwards. If the process stops
// between commit and send, the row is still there and the worker sends it on restart.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Which job: a key of server/src/jobs/job-kinds.ts.
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull(),
    // A job with the same key is enqueued once (e.g. one warning per attempt window).
    dedupeKey: text("dedupe_key").unique(),
    schoolId: uuid("school_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    // A worker that claims a job holds it until then; a crashed worker's jobs come back.
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    // Set when the worker gives up after its last attempt: shown to administrators.
    failedAt: timestamp("failed_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due").on(t.runAfter).where(sql`done_at is null and failed_at is null`)],
);
