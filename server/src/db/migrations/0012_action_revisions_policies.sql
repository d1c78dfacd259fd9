SELECT tessera_enable_tenancy('action_revisions');
--> statement-breakpoint
SELECT tessera_make_append_only('action_revisions');
--> statement-breakpoint
-- Actions recorded before revisions existed: what was recorded becomes revision 1.
INSERT INTO action_revisions (school_id, action_id, revision_no, kind, account, outcome, agency_id, occurred_at, edited_by, edited_at)
SELECT school_id, id, 1, kind, account, outcome, agency_id, occurred_at, author_id, recorded_at FROM actions;
