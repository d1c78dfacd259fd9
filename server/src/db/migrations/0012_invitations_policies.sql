-- Invitations belong to a school: tenant isolation like every school-owned table. They
-- change (sent, resent, accepted, revoked); each change is an audit event.
SELECT tessera_enable_tenancy('invitations');
