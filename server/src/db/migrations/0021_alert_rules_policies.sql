SELECT tessera_enable_tenancy('alert_rules');
--> statement-breakpoint
-- Today's only pre-set alert becomes a rule, so no school loses it: each group alerted on
-- every incident is alerted on every incident by a rule. Nothing else is added to schools
-- already running (new schools get the default rules when they are installed).
INSERT INTO alert_rules (school_id, audience, group_id, condition)
SELECT school_id, 'group', id, 'every_incident' FROM groups WHERE alerted_on_every_incident;
--> statement-breakpoint
-- The taxonomy's "Notifiable or serious incident" and its subcategories are notifiable.
UPDATE categories c SET notifiable = true
WHERE c.name = 'Notifiable or serious incident'
   OR EXISTS (SELECT 1 FROM categories p
              WHERE p.school_id = c.school_id AND p.id = c.parent_id
                AND p.name = 'Notifiable or serious incident');
