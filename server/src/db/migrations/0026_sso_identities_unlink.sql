-- The administrator or DSL team may unlink a person from the school's provider (audited).
GRANT DELETE ON sso_identities TO tessera_app;
