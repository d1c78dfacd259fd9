SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY[
  'file_keys', 'documents', 'document_events'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only(t) FROM unnest(ARRAY[
  'file_keys', 'documents', 'document_events'
]::regclass[]) AS t;
