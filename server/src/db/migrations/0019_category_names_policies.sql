-- Every existing category starts its history with the name it has now: no school could
-- rename before this table existed, so every record so far was filed under it.
INSERT INTO category_names (school_id, category_id, name, from_at)
SELECT school_id, id, name, now() FROM categories;
--> statement-breakpoint
SELECT tessera_enable_tenancy('category_names');
--> statement-breakpoint
SELECT tessera_make_append_only('category_names');
