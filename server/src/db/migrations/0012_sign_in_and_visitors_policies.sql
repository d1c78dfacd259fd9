SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY[
  'visitor_links', 'visitor_concerns', 'visitor_concern_matches'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only(t) FROM unnest(ARRAY[
  'visitor_concerns', 'visitor_concern_matches'
]::regclass[]) AS t;
--> statement-breakpoint
-- A link is only ever marked used; it is never removed (its concerns point at it).
REVOKE DELETE ON visitor_links FROM tessera_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON password_resets, webauthn_credentials TO tessera_app;
