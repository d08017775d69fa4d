-- The operator surface: people who sign in to the dashboard, and API keys for scripts. Passwords are hashed with
-- ASP.NET Core Identity's PasswordHasher; an API key is stored only as its SHA-256 hash (shown once at creation).
CREATE TABLE operators (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name      TEXT    NOT NULL UNIQUE,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL
);

CREATE TABLE api_keys (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    key_prefix  TEXT    NOT NULL UNIQUE,
    key_hash    TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    revoked_at  BIGINT  NULL
);

CREATE INDEX ix_audit_kind ON audit (kind, at);

-- Key rotation re-encrypts audit.sealed_detail under the new key id; everything else about an audit row stays
-- immutable. Updates are refused unless they only replace one sealed value by another; deletes are still refused.
DROP TRIGGER audit_is_append_only ON audit;
CREATE FUNCTION audit_reseal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.company_id IS DISTINCT FROM OLD.company_id
       OR NEW.alert_id IS DISTINCT FROM OLD.alert_id OR NEW.at IS DISTINCT FROM OLD.at OR NEW.kind IS DISTINCT FROM OLD.kind
       OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.detail IS DISTINCT FROM OLD.detail
       OR (NEW.sealed_detail IS NULL) <> (OLD.sealed_detail IS NULL) THEN
        RAISE EXCEPTION 'the audit trail is append-only';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_reseal_only();
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
