CREATE TABLE "flag_type_names" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"flag_type_id" uuid NOT NULL,
	"name" text NOT NULL,
	"from_at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid,
	CONSTRAINT "flag_type_names_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "pupil_leavings" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pupil_id" uuid NOT NULL,
	"left_on" date,
	"by_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupil_leavings_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "agency_names" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"from_at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid,
	CONSTRAINT "agency_names_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "document_type_names" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"document_type_id" uuid NOT NULL,
	"name" text NOT NULL,
	"from_at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid,
	CONSTRAINT "document_type_names_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "document_types" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"area" text NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"sort_order" integer NOT NULL,
	CONSTRAINT "document_types_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "threshold_names" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"threshold_id" uuid NOT NULL,
	"name" text NOT NULL,
	"from_at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid,
	CONSTRAINT "threshold_names_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
ALTER TABLE "thresholds" ADD COLUMN "hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "flag_type_names" ADD CONSTRAINT "flag_type_names_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_type_names" ADD CONSTRAINT "flag_type_names_school_id_flag_type_id_flag_types_school_id_id_fk" FOREIGN KEY ("school_id","flag_type_id") REFERENCES "public"."flag_types"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_leavings" ADD CONSTRAINT "pupil_leavings_school_id_pupil_id_pupils_school_id_id_fk" FOREIGN KEY ("school_id","pupil_id") REFERENCES "public"."pupils"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_names" ADD CONSTRAINT "agency_names_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_names" ADD CONSTRAINT "agency_names_school_id_agency_id_agencies_school_id_id_fk" FOREIGN KEY ("school_id","agency_id") REFERENCES "public"."agencies"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_type_names" ADD CONSTRAINT "document_type_names_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_type_names" ADD CONSTRAINT "document_type_names_school_id_document_type_id_document_types_school_id_id_fk" FOREIGN KEY ("school_id","document_type_id") REFERENCES "public"."document_types"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_types" ADD CONSTRAINT "document_types_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_names" ADD CONSTRAINT "threshold_names_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_names" ADD CONSTRAINT "threshold_names_school_id_threshold_id_thresholds_school_id_id_fk" FOREIGN KEY ("school_id","threshold_id") REFERENCES "public"."thresholds"("school_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pupil_leavings_pupil" ON "pupil_leavings" USING btree ("school_id","pupil_id");--> statement-breakpoint
-- Document types move from each school's settings into their own table; a school that
-- never changed them gets the defaults (server/src/vault/document-types.ts).
INSERT INTO document_types (school_id, name, area, sort_order)
SELECT s.id, t.value->>'name', t.value->>'area', t.ordinality
FROM schools s,
  jsonb_array_elements(coalesce(s.settings->'documentTypes', '[
    {"name": "CP plan", "area": "child_protection"},
    {"name": "CIN plan", "area": "safeguarding"},
    {"name": "EHCP", "area": "send"},
    {"name": "Annual review", "area": "send"},
    {"name": "PEP", "area": "safeguarding"},
    {"name": "IHCP", "area": "medical"},
    {"name": "Risk assessment", "area": "safeguarding"},
    {"name": "Agency report", "area": "safeguarding"},
    {"name": "Meeting minutes", "area": "safeguarding"},
    {"name": "Police notice", "area": "child_protection"},
    {"name": "Other", "area": "safeguarding"}
  ]'::jsonb)) WITH ORDINALITY AS t(value, ordinality);
--> statement-breakpoint
-- Every existing agency, threshold, flag type and document type starts its history with
-- the name it has now: none could be renamed with a history before this.
INSERT INTO agency_names (school_id, agency_id, name, from_at)
SELECT school_id, id, name, now() FROM agencies;
--> statement-breakpoint
INSERT INTO threshold_names (school_id, threshold_id, name, from_at)
SELECT school_id, id, name, now() FROM thresholds;
--> statement-breakpoint
INSERT INTO flag_type_names (school_id, flag_type_id, name, from_at)
SELECT school_id, id, name, now() FROM flag_types;
--> statement-breakpoint
INSERT INTO document_type_names (school_id, document_type_id, name, from_at)
SELECT school_id, id, name, now() FROM document_types;
--> statement-breakpoint
SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY[
  'document_types', 'agency_names', 'threshold_names', 'flag_type_names',
  'document_type_names', 'pupil_leavings'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only(t) FROM unnest(ARRAY[
  'agency_names', 'threshold_names', 'flag_type_names', 'document_type_names', 'pupil_leavings'
]::regclass[]) AS t;
