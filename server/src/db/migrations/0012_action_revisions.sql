CREATE TABLE "action_revisions" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"revision_no" integer NOT NULL,
	"base_revision_id" uuid,
	"kind" text NOT NULL,
	"account" text NOT NULL,
	"outcome" text,
	"agency_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"edited_by" uuid NOT NULL,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	CONSTRAINT "action_revisions_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "action_revisions_school_id_action_id_revision_no_unique" UNIQUE("school_id","action_id","revision_no")
);
--> statement-breakpoint
ALTER TABLE "action_revisions" ADD CONSTRAINT "action_revisions_school_id_action_id_actions_school_id_id_fk" FOREIGN KEY ("school_id","action_id") REFERENCES "public"."actions"("school_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
SELECT tessera_enable_tenancy('action_revisions');
--> statement-breakpoint
SELECT tessera_make_append_only('action_revisions');
--> statement-breakpoint
-- Actions recorded before revisions existed: what was recorded becomes revision 1.
INSERT INTO action_revisions (school_id, action_id, revision_no, kind, account, outcome, agency_id, occurred_at, edited_by, edited_at)
SELECT school_id, id, 1, kind, account, outcome, agency_id, occurred_at, author_id, recorded_at FROM actions;
