-- The operator surface: people who sign in to the dashboard, and API keys for scripts. Passwords are hashed with
-- ASP.NET Core Identity's PasswordHasher; an API key is stored only as its SHA-256 hash (shown once at creation).
CREATE TABLE operators (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    user_name      TEXT    NOT NULL UNIQUE,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    key_prefix  TEXT    NOT NULL UNIQUE,
    key_hash    TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER NULL
);

CREATE INDEX ix_audit_kind ON audit (kind, at);

-- Key rotation re-encrypts audit.sealed_detail under the new key id; everything else about an audit row stays
-- immutable. The update trigger now refuses any change except replacing one sealed value by another.
DROP TRIGGER audit_is_append_only_update;
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
WHEN NEW.id IS NOT OLD.id OR NEW.company_id IS NOT OLD.company_id OR NEW.alert_id IS NOT OLD.alert_id
  OR NEW.at IS NOT OLD.at OR NEW.kind IS NOT OLD.kind OR NEW.actor IS NOT OLD.actor OR NEW.detail IS NOT OLD.detail
  OR (NEW.sealed_detail IS NULL) <> (OLD.sealed_detail IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
