CREATE TABLE "alert_rules" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"audience" text NOT NULL,
	"group_id" uuid,
	"role" text,
	"condition" text NOT NULL,
	"areas" text[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "alert_rules_audience" CHECK (("alert_rules"."audience" = 'group') = ("alert_rules"."group_id" is not null) and ("alert_rules"."audience" = 'role') = ("alert_rules"."role" is not null)),
	CONSTRAINT "alert_rules_areas" CHECK (("alert_rules"."condition" = 'areas') = (cardinality("alert_rules"."areas") > 0))
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "rule_id" uuid;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "notifiable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_school_id_group_id_groups_school_id_id_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."groups"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_school_id_rule_id_alert_rules_school_id_id_fk" FOREIGN KEY ("school_id","rule_id") REFERENCES "public"."alert_rules"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
SELECT tessera_enable_tenancy('alert_rules');
--> statement-breakpoint
-- Today's only pre-set alert becomes a rule, so no school loses it: each group alerted on
-- every incident is alerted on every incident by a rule. Nothing else is added to schools
-- already running (new schools get the default rules when they are installed).
INSERT INTO alert_rules (school_id, audience, group_id, condition)
SELECT school_id, 'group', id, 'every_incident' FROM groups WHERE alerted_on_every_incident;
--> statement-breakpoint
-- The taxonomy's "Notifiable or serious incident" and its subcategories are notifiable.
UPDATE categories c SET notifiable = true
WHERE c.name = 'Notifiable or serious incident'
   OR EXISTS (SELECT 1 FROM categories p
              WHERE p.school_id = c.school_id AND p.id = c.parent_id
                AND p.name = 'Notifiable or serious incident');
