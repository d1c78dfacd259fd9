-- The application's role. Requests run `SET LOCAL ROLE tessera_app` inside each
-- transaction, so row-level security and the append-only triggers apply to them; the
-- connecting user (the owner) runs migrations, backups and restores.
-- Roles belong to the whole server: another database on it may have made it already,
-- even at this very moment (hence the exception, not a check first).
DO $$
BEGIN
  CREATE ROLE tessera_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tessera_app;
--> statement-breakpoint
-- History must never be silently changed: UPDATE, DELETE and TRUNCATE are refused by
-- the database itself on append-only tables (server/src/db/tables.ts lists them).
-- Retention's destruction will be the single audited exception, added with retention.
CREATE OR REPLACE FUNCTION tessera_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Tessera keeps history: % on % is refused (append-only table)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'TS001';
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tessera_make_append_only(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER refuse_update_delete BEFORE UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION tessera_refuse_change()', tbl);
  EXECUTE format('CREATE TRIGGER refuse_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION tessera_refuse_change()', tbl);
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM tessera_app', tbl);
END
$$;
--> statement-breakpoint
-- Tenancy's second lock: a school-owned table is visible to the application role only
-- for the school set with set_config('app.school_id', …, true) in the transaction.
CREATE OR REPLACE FUNCTION tessera_enable_tenancy(tbl regclass, key text DEFAULT 'school_id') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO tessera_app', tbl);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s TO tessera_app USING (%I = nullif(current_setting(''app.school_id'', true), '''')::uuid) WITH CHECK (%I = nullif(current_setting(''app.school_id'', true), '''')::uuid)',
    tbl, key, key);
END
$$;
--> statement-breakpoint
SELECT tessera_enable_tenancy('schools', 'id');
--> statement-breakpoint
SELECT tessera_enable_tenancy(t) FROM unnest(ARRAY[
  'memberships', 'year_groups', 'classes', 'class_teachers', 'groups', 'group_members',
  'pupils', 'pupil_siblings', 'contacts', 'categories', 'agencies', 'thresholds',
  'access_log', 'audit_events'
]::regclass[]) AS t;
--> statement-breakpoint
SELECT tessera_make_append_only(t) FROM unnest(ARRAY['access_log', 'audit_events']::regclass[]) AS t;
--> statement-breakpoint
-- Global tables: the application role reads and writes them without a school context
-- (sign-in happens before a school is chosen).
GRANT SELECT, INSERT, UPDATE ON trusts, accounts, sessions, trust_memberships TO tessera_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tessera_app;
