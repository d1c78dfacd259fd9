GRANT SELECT, INSERT, UPDATE ON recovery_codes TO tessera_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON sign_in_failures TO tessera_app;
--> statement-breakpoint
-- Before a school is chosen, a signed-in person may see their own memberships and the
-- schools they work in (the school switcher), and nothing else of any school.
CREATE POLICY own_memberships ON memberships FOR SELECT TO tessera_app
  USING (account_id = nullif(current_setting('app.account_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY own_schools ON schools FOR SELECT TO tessera_app
  USING (
    id IN (SELECT school_id FROM memberships
           WHERE account_id = nullif(current_setting('app.account_id', true), '')::uuid
             AND deactivated_at IS NULL)
    OR trust_id IN (SELECT trust_id FROM trust_memberships
           WHERE account_id = nullif(current_setting('app.account_id', true), '')::uuid)
  );
--> statement-breakpoint
SELECT tessera_enable_tenancy('agreement_acceptances');
--> statement-breakpoint
SELECT tessera_make_append_only('agreement_acceptances');
--> statement-breakpoint
-- A person's own acceptances of schools' agreements, readable before a school is chosen.
CREATE POLICY own_acceptances ON agreement_acceptances FOR SELECT TO tessera_app
  USING (account_id = nullif(current_setting('app.account_id', true), '')::uuid);
