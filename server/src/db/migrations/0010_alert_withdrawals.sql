CREATE TABLE "alert_withdrawals" (
	"school_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"by_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_withdrawals_school_id_alert_id_pk" PRIMARY KEY("school_id","alert_id")
);
--> statement-breakpoint
ALTER TABLE "alert_withdrawals" ADD CONSTRAINT "alert_withdrawals_school_id_alert_id_alerts_school_id_id_fk" FOREIGN KEY ("school_id","alert_id") REFERENCES "public"."alerts"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
SELECT tessera_enable_tenancy('alert_withdrawals');
--> statement-breakpoint
SELECT tessera_make_append_only('alert_withdrawals');
