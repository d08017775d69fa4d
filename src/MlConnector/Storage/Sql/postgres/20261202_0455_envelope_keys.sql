-- Envelope encryption (Security/KeyRingStore, Security/DataKeys). The data keys are random (in a database from before,
-- the keys the old HKDF derivation gave, imported at the first start and marked derived) and stored only wrapped
-- (AES-GCM) by the master key, which is never stored. Purpose 'field': one key per key id of encryption_keys;
-- 'blind-index': the key of the phone numbers' blind index (key_id 1).
CREATE TABLE data_keys (
    purpose      TEXT    NOT NULL,
    key_id       INTEGER NOT NULL,
    wrapped_key  BYTEA   NOT NULL,
    derived      INTEGER NOT NULL DEFAULT 0,
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (purpose, key_id)
);

-- One row (id 1): the fingerprint of the master key that wraps every data key. A process holding another master key
-- writes no wrapped key; keys rotate --master changes it in the transaction that re-wraps the keys.
CREATE TABLE master_key (
    id           INTEGER NOT NULL PRIMARY KEY,
    fingerprint  TEXT    NOT NULL,
    changed_at   BIGINT  NOT NULL
);

-- The running instances and the key id each writes new values under (Security/KeyHolders), so keys rotate waits for them.
CREATE TABLE key_holders (
    instance_id  TEXT    NOT NULL PRIMARY KEY,
    key_id       INTEGER NOT NULL,
    seen_at      BIGINT  NOT NULL
);

-- The ASP.NET Core Data Protection keys (session cookies, antiforgery) shared by every instance when the store is
-- PostgreSQL (Security/DatabaseXmlRepository), each sealed by a data key. SQLite keeps them in the data folder; the
-- table exists in both dialects so the schemas stay one.
CREATE TABLE data_protection_keys (
    name         TEXT    NOT NULL PRIMARY KEY,
    xml          TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL
);
