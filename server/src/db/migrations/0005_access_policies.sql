SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY['grants', 'access_log_links']::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only('access_log_links');
--> statement-breakpoint
-- The hash chain is written only by the chaining job, as the owner.
REVOKE INSERT ON access_log_links FROM tessera_app;
--> statement-breakpoint
-- A grant is revoked, never edited or deleted.
REVOKE DELETE ON grants FROM tessera_app;
