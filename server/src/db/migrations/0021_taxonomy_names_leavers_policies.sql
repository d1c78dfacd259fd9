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
