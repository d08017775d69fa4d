-- ml-connector schema, SQLite. Times are UTC milliseconds since 1970 (INTEGER), the same in both dialects.
-- Phone numbers, message bodies and webhook parameters are stored only as AES-GCM blobs (Security/FieldProtector).

CREATE TABLE companies (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
INSERT INTO companies (id, name, created_at) VALUES ('default', 'Default company', 0);

-- Key ids for encryption at rest; the highest id is the one new values use. Key material is never stored.
CREATE TABLE encryption_keys (
    key_id      INTEGER NOT NULL PRIMARY KEY,
    created_at  INTEGER NOT NULL
);
INSERT INTO encryption_keys (key_id, created_at) VALUES (1, 0);

-- One row per polling rule: its watermark, pause switch, lease (scale-out) and last poll.
CREATE TABLE rule_state (
    company_id            TEXT    NOT NULL REFERENCES companies (id),
    rule_id               TEXT    NOT NULL,
    watermark             TEXT    NULL,
    baselined_at          INTEGER NULL,
    paused                INTEGER NOT NULL DEFAULT 0,
    lease_owner           TEXT    NULL,
    lease_until           INTEGER NULL,
    last_poll_at          INTEGER NULL,
    last_poll_duration_ms INTEGER NULL,
    last_rows_read        INTEGER NULL,
    last_events           INTEGER NULL,
    last_error            TEXT    NULL,
    updated_at            INTEGER NOT NULL,
    PRIMARY KEY (company_id, rule_id)
);

-- The last seen state of each record in a rule's working set (snapshot diff and watermark de-duplication).
CREATE TABLE rule_snapshot (
    company_id   TEXT    NOT NULL REFERENCES companies (id),
    rule_id      TEXT    NOT NULL,
    record_key   TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    watched      TEXT    NOT NULL,
    seen_at      INTEGER NOT NULL,
    PRIMARY KEY (company_id, rule_id, record_key)
);

-- History of polls, for the dashboard's "recent runs".
CREATE TABLE poll_runs (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    company_id   TEXT    NOT NULL REFERENCES companies (id),
    rule_id      TEXT    NOT NULL,
    instance_id  TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    rows_read    INTEGER NOT NULL,
    events       INTEGER NOT NULL,
    error        TEXT    NULL
);
CREATE INDEX ix_poll_runs_rule ON poll_runs (company_id, rule_id, started_at);

-- The outbox: one row per event x recipient. alert_key is unique, so a re-poll cannot enqueue twice.
CREATE TABLE alerts (
    id                    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    company_id            TEXT    NOT NULL REFERENCES companies (id),
    alert_key             TEXT    NOT NULL,
    rule_id               TEXT    NOT NULL,
    source_table          TEXT    NOT NULL,
    source_key            TEXT    NOT NULL,
    transition            TEXT    NOT NULL,
    recipient_id          TEXT    NOT NULL,
    recipient_phone       BLOB    NOT NULL,
    recipient_phone_index TEXT    NOT NULL,
    body                  BLOB    NOT NULL,
    segments              INTEGER NOT NULL,
    encoding              TEXT    NOT NULL,
    state                 TEXT    NOT NULL,
    attempts              INTEGER NOT NULL DEFAULT 0,
    max_attempts          INTEGER NULL,
    next_attempt_at       INTEGER NULL,
    lease_owner           TEXT    NULL,
    lease_until           INTEGER NULL,
    message_sid           TEXT    NULL,
    delivery_status       TEXT    NULL,
    error_code            INTEGER NULL,
    error_message         TEXT    NULL,
    in_doubt_since        INTEGER NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    UNIQUE (company_id, alert_key)
);
CREATE INDEX ix_alerts_due ON alerts (state, next_attempt_at);
CREATE INDEX ix_alerts_phone ON alerts (company_id, recipient_phone_index);
CREATE INDEX ix_alerts_sid ON alerts (message_sid);
CREATE INDEX ix_alerts_created ON alerts (company_id, created_at);

-- The audit trail: append-only (triggers refuse updates and deletes). detail is JSON without phone numbers or
-- message text; anything sensitive goes into sealed_detail, encrypted.
CREATE TABLE audit (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    company_id     TEXT    NOT NULL REFERENCES companies (id),
    alert_id       INTEGER NULL REFERENCES alerts (id),
    at             INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    detail         TEXT    NULL,
    sealed_detail  BLOB    NULL
);
CREATE INDEX ix_audit_alert ON audit (alert_id, id);
CREATE INDEX ix_audit_at ON audit (company_id, at);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- Twilio status callbacks, once per (MessageSid, status); parameters kept encrypted.
CREATE TABLE delivery_events (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    company_id   TEXT    NOT NULL REFERENCES companies (id),
    message_sid  TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    error_code   INTEGER NULL,
    parameters   BLOB    NOT NULL,
    received_at  INTEGER NOT NULL,
    UNIQUE (message_sid, status)
);

-- Texts people sent to our number (STOP, START, replies).
CREATE TABLE inbound_messages (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    company_id       TEXT    NOT NULL REFERENCES companies (id),
    message_sid      TEXT    NOT NULL UNIQUE,
    from_phone       BLOB    NOT NULL,
    from_phone_index TEXT    NOT NULL,
    to_phone         TEXT    NOT NULL,
    body             BLOB    NOT NULL,
    keyword          TEXT    NULL,
    received_at      INTEGER NOT NULL
);
CREATE INDEX ix_inbound_from ON inbound_messages (company_id, from_phone_index);

-- Numbers that replied STOP: nothing is sent to them until they reply START.
CREATE TABLE opt_outs (
    company_id    TEXT    NOT NULL REFERENCES companies (id),
    phone_index   TEXT    NOT NULL,
    phone         BLOB    NOT NULL,
    opted_out_at  INTEGER NOT NULL,
    source        TEXT    NOT NULL,
    PRIMARY KEY (company_id, phone_index)
);
