CREATE TABLE "alert_reads" (
	"school_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_reads_school_id_alert_id_read_at_pk" PRIMARY KEY("school_id","alert_id","read_at")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"via" text NOT NULL,
	"group_id" uuid,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"school_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drafts_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"school_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_school_id_account_id_key_pk" PRIMARY KEY("school_id","account_id","key")
);
--> statement-breakpoint
CREATE TABLE "incident_counters" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_current" (
	"school_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"revision_id" uuid NOT NULL,
	"revision_no" integer NOT NULL,
	"pupil_id" uuid NOT NULL,
	"pupil_ids" uuid[] NOT NULL,
	"category_ids" uuid[] NOT NULL,
	"areas" text[] NOT NULL,
	"author_id" uuid NOT NULL,
	"excluded_ids" uuid[] DEFAULT '{}' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"entered_in_error" boolean DEFAULT false NOT NULL,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "incident_current_school_id_incident_id_pk" PRIMARY KEY("school_id","incident_id")
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"by_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_events_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "incident_revisions" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"revision_no" integer NOT NULL,
	"base_revision_id" uuid,
	"pupil_id" uuid NOT NULL,
	"account" text NOT NULL,
	"location" text,
	"category_ids" uuid[] NOT NULL,
	"linked_pupil_ids" uuid[] NOT NULL,
	"agency_ids" uuid[] NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"body_map" jsonb,
	"told_dsl" jsonb,
	"edited_by" uuid NOT NULL,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	CONSTRAINT "incident_revisions_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "incident_revisions_school_id_incident_id_revision_no_unique" UNIQUE("school_id","incident_id","revision_no")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "incidents_school_id_number_unique" UNIQUE("school_id","number")
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "alerted_on_every_incident" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_reads" ADD CONSTRAINT "alert_reads_school_id_alert_id_alerts_school_id_id_fk" FOREIGN KEY ("school_id","alert_id") REFERENCES "public"."alerts"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_school_id_incident_id_incidents_school_id_id_fk" FOREIGN KEY ("school_id","incident_id") REFERENCES "public"."incidents"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_counters" ADD CONSTRAINT "incident_counters_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_current" ADD CONSTRAINT "incident_current_school_id_incident_id_incidents_school_id_id_fk" FOREIGN KEY ("school_id","incident_id") REFERENCES "public"."incidents"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_current" ADD CONSTRAINT "incident_current_school_id_pupil_id_pupils_school_id_id_fk" FOREIGN KEY ("school_id","pupil_id") REFERENCES "public"."pupils"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_school_id_incident_id_incidents_school_id_id_fk" FOREIGN KEY ("school_id","incident_id") REFERENCES "public"."incidents"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_revisions" ADD CONSTRAINT "incident_revisions_school_id_incident_id_incidents_school_id_id_fk" FOREIGN KEY ("school_id","incident_id") REFERENCES "public"."incidents"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_recipient" ON "alerts" USING btree ("school_id","recipient_id","sent_at");--> statement-breakpoint
CREATE INDEX "alerts_incident" ON "alerts" USING btree ("school_id","incident_id");--> statement-breakpoint
CREATE INDEX "drafts_owner" ON "drafts" USING btree ("school_id","account_id");--> statement-breakpoint
CREATE INDEX "incident_current_pupils" ON "incident_current" USING gin ("pupil_ids");--> statement-breakpoint
CREATE INDEX "incident_current_occurred" ON "incident_current" USING btree ("school_id","occurred_at");--> statement-breakpoint
CREATE INDEX "incident_events_incident" ON "incident_events" USING btree ("school_id","incident_id");