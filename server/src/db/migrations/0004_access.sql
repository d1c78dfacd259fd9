CREATE TABLE "access_log_links" (
	"school_id" uuid NOT NULL,
	"position" bigint NOT NULL,
	"log_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_log_links_school_id_position_pk" PRIMARY KEY("school_id","position"),
	CONSTRAINT "access_log_links_school_id_log_id_unique" UNIQUE("school_id","log_id")
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"scope_ids" uuid[] DEFAULT '{}' NOT NULL,
	"areas" text[] NOT NULL,
	"reason" text,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "grants_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_school_id_membership_id_memberships_school_id_id_fk" FOREIGN KEY ("school_id","membership_id") REFERENCES "public"."memberships"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grants_membership" ON "grants" USING btree ("school_id","membership_id");