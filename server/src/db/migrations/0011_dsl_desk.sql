CREATE TABLE "chronology_reviews" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pupil_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"note" text NOT NULL,
	"reviewed_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chronology_reviews_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "flag_types" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"area" text NOT NULL,
	"dsl_only" boolean DEFAULT false NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"sort_order" integer NOT NULL,
	CONSTRAINT "flag_types_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "pupil_flag_ends" (
	"school_id" uuid NOT NULL,
	"flag_id" uuid NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"ended_by" uuid NOT NULL,
	"ended_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupil_flag_ends_school_id_flag_id_pk" PRIMARY KEY("school_id","flag_id")
);
--> statement-breakpoint
CREATE TABLE "pupil_flags" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pupil_id" uuid NOT NULL,
	"flag_type_id" uuid NOT NULL,
	"area" text NOT NULL,
	"starts_on" date NOT NULL,
	"note" text NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupil_flags_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "threshold_decisions" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pupil_id" uuid NOT NULL,
	"incident_id" uuid,
	"threshold_id" uuid NOT NULL,
	"area" text NOT NULL,
	"rationale" text NOT NULL,
	"disagreement" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "threshold_decisions_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
ALTER TABLE "thresholds" ADD COLUMN "area" text DEFAULT 'safeguarding' NOT NULL;--> statement-breakpoint
ALTER TABLE "chronology_reviews" ADD CONSTRAINT "chronology_reviews_school_id_pupil_id_pupils_school_id_id_fk" FOREIGN KEY ("school_id","pupil_id") REFERENCES "public"."pupils"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_types" ADD CONSTRAINT "flag_types_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_flag_ends" ADD CONSTRAINT "pupil_flag_ends_school_id_flag_id_pupil_flags_school_id_id_fk" FOREIGN KEY ("school_id","flag_id") REFERENCES "public"."pupil_flags"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_flags" ADD CONSTRAINT "pupil_flags_school_id_pupil_id_pupils_school_id_id_fk" FOREIGN KEY ("school_id","pupil_id") REFERENCES "public"."pupils"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_flags" ADD CONSTRAINT "pupil_flags_school_id_flag_type_id_flag_types_school_id_id_fk" FOREIGN KEY ("school_id","flag_type_id") REFERENCES "public"."flag_types"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_decisions" ADD CONSTRAINT "threshold_decisions_school_id_pupil_id_pupils_school_id_id_fk" FOREIGN KEY ("school_id","pupil_id") REFERENCES "public"."pupils"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_decisions" ADD CONSTRAINT "threshold_decisions_school_id_incident_id_incidents_school_id_id_fk" FOREIGN KEY ("school_id","incident_id") REFERENCES "public"."incidents"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_decisions" ADD CONSTRAINT "threshold_decisions_school_id_threshold_id_thresholds_school_id_id_fk" FOREIGN KEY ("school_id","threshold_id") REFERENCES "public"."thresholds"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chronology_reviews_pupil" ON "chronology_reviews" USING btree ("school_id","pupil_id");--> statement-breakpoint
CREATE INDEX "pupil_flags_pupil" ON "pupil_flags" USING btree ("school_id","pupil_id");--> statement-breakpoint
CREATE INDEX "threshold_decisions_pupil" ON "threshold_decisions" USING btree ("school_id","pupil_id");--> statement-breakpoint
SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY[
  'flag_types', 'pupil_flags', 'pupil_flag_ends', 'threshold_decisions', 'chronology_reviews'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only(t) FROM unnest(ARRAY[
  'pupil_flags', 'pupil_flag_ends', 'threshold_decisions', 'chronology_reviews'
]::regclass[]) AS t;
--> statement-breakpoint
-- Decisions at the child protection threshold are read only with child protection access.
UPDATE thresholds SET area = 'child_protection' WHERE name ILIKE 'child protection%';
--> statement-breakpoint
-- Schools that exist already get the default flags a new school is given
-- (server/src/roster/default-flags.ts keeps the same list).
INSERT INTO flag_types (school_id, key, name, area, dsl_only, sort_order)
SELECT s.id, f.key, f.name, f.area, f.dsl_only, f.sort_order
FROM schools s CROSS JOIN (VALUES
  ('cp_file', 'Child protection file', 'child_protection', true, 1),
  ('cp_plan', 'Child protection plan', 'child_protection', true, 2),
  ('cin', 'Child in need', 'safeguarding', true, 3),
  ('cla', 'Looked after', 'safeguarding', true, 4),
  ('previously_looked_after', 'Previously looked after', 'safeguarding', true, 5),
  ('private_fostering', 'Private fostering', 'safeguarding', true, 6),
  ('young_carer', 'Young carer', 'general', false, 7),
  ('ehcp', 'EHCP', 'send', false, 8),
  ('sen_support', 'SEN support', 'send', false, 9),
  ('medical', 'Medical condition (IHCP)', 'medical', false, 10)
) AS f(key, name, area, dsl_only, sort_order);
