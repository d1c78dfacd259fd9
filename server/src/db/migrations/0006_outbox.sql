CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"school_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"done_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("run_after") WHERE done_at is null and failed_at is null;--> statement-breakpoint
-- Requests enqueue jobs (no school context needed: some jobs, like sign-in warnings, are
-- about an account). Only the worker, as the owner, claims and completes them.
GRANT INSERT ON outbox TO tessera_app;
--> statement-breakpoint
-- ON CONFLICT (dedupe_key) DO NOTHING reads the conflict target, and nothing else.
GRANT SELECT (dedupe_key) ON outbox TO tessera_app;
