SELECT tessera_enable_tenancy('school_sso');
--> statement-breakpoint
-- A flow row is removed when used or stale; identities and domains change with settings.
GRANT SELECT, INSERT, UPDATE, DELETE ON sso_email_domains, sso_flows TO tessera_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON sso_identities TO tessera_app;
