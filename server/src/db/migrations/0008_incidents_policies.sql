SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY[
  'incidents', 'incident_revisions', 'incident_events', 'alerts', 'alert_reads',
  'incident_current', 'incident_counters', 'idempotency_keys', 'drafts'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only(t) FROM unnest(ARRAY[
  'incidents', 'incident_revisions', 'incident_events', 'alerts', 'alert_reads'
]::regclass[]) AS t;
--> statement-breakpoint
-- A draft is readable and writable by its author alone, whatever else the query says.
CREATE POLICY drafts_author_only ON drafts AS RESTRICTIVE TO tessera_app
  USING (account_id = nullif(current_setting('app.account_id', true), '')::uuid)
  WITH CHECK (account_id = nullif(current_setting('app.account_id', true), '')::uuid);
--> statement-breakpoint
-- Idempotency records are written once and read back; never changed.
REVOKE UPDATE ON idempotency_keys FROM tessera_app;
