-- Passkey challenges are taken by deleting them (one answer each) and pruned when stale.
GRANT SELECT, INSERT, DELETE ON passkey_challenges TO tessera_app;
--> statement-breakpoint
-- A known device's last sighting moves on; its owner may forget it.
GRANT SELECT, INSERT, UPDATE, DELETE ON known_devices TO tessera_app;
