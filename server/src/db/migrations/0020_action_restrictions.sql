CREATE TABLE "action_restrictions" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"restricted" boolean NOT NULL,
	"reason" text NOT NULL,
	"by_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_restrictions_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
ALTER TABLE "action_restrictions" ADD CONSTRAINT "action_restrictions_school_id_action_id_actions_school_id_id_fk" FOREIGN KEY ("school_id","action_id") REFERENCES "public"."actions"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_restrictions_action" ON "action_restrictions" USING btree ("school_id","action_id","at");--> statement-breakpoint
SELECT tessera_enable_tenancy('action_restrictions');
--> statement-breakpoint
SELECT tessera_make_append_only('action_restrictions');
