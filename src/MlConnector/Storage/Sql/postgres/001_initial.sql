-- ml-connector schema, PostgreSQL. Times are UTC milliseconds since 1970 (BIGINT), the same in both dialects.
-- Phone numbers, message bodies and webhook parameters are stored only as AES-GCM blobs (Security/FieldProtector).

CREATE TABLE companies (
    id          TEXT   NOT NULL PRIMARY KEY,
    name        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
INSERT INTO companies (id, name, created_at) VALUES ('default', 'Default company', 0);

CREATE TABLE encryption_keys (
    key_id      INTEGER NOT NULL PRIMARY KEY,
    created_at  BIGINT  NOT NULL
);
INSERT INTO encryption_keys (key_id, created_at) VALUES (1, 0);

CREATE TABLE rule_state (
    company_id            TEXT    NOT NULL REFERENCES companies (id),
    rule_id               TEXT    NOT NULL,
    watermark             TEXT    NULL,
    baselined_at          BIGINT  NULL,
    paused                INTEGER NOT NULL DEFAULT 0,
    lease_owner           TEXT    NULL,
    lease_until           BIGINT  NULL,
    last_poll_at          BIGINT  NULL,
    last_poll_duration_ms BIGINT  NULL,
    last_rows_read        BIGINT  NULL,
    last_events           BIGINT  NULL,
    last_error            TEXT    NULL,
    updated_at            BIGINT  NOT NULL,
    PRIMARY KEY (company_id, rule_id)
);

CREATE TABLE rule_snapshot (
    company_id   TEXT   NOT NULL REFERENCES companies (id),
    rule_id      TEXT   NOT NULL,
    record_key   TEXT   NOT NULL,
    fingerprint  TEXT   NOT NULL,
    watched      TEXT   NOT NULL,
    seen_at      BIGINT NOT NULL,
    PRIMARY KEY (company_id, rule_id, record_key)
);

CREATE TABLE poll_runs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id   TEXT   NOT NULL REFERENCES companies (id),
    rule_id      TEXT   NOT NULL,
    instance_id  TEXT   NOT NULL,
    started_at   BIGINT NOT NULL,
    duration_ms  BIGINT NOT NULL,
    rows_read    BIGINT NOT NULL,
    events       BIGINT NOT NULL,
    error        TEXT   NULL
);
CREATE INDEX ix_poll_runs_rule ON poll_runs (company_id, rule_id, started_at);

CREATE TABLE alerts (
    id                    BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id            TEXT    NOT NULL REFERENCES companies (id),
    alert_key             TEXT    NOT NULL,
    rule_id               TEXT    NOT NULL,
    source_table          TEXT    NOT NULL,
    source_key            TEXT    NOT NULL,
    transition            TEXT    NOT NULL,
    recipient_id          TEXT    NOT NULL,
    recipient_phone       BYTEA   NOT NULL,
    recipient_phone_index TEXT    NOT NULL,
    body                  BYTEA   NOT NULL,
    segments              INTEGER NOT NULL,
    encoding              TEXT    NOT NULL,
    state                 TEXT    NOT NULL,
    attempts              INTEGER NOT NULL DEFAULT 0,
    max_attempts          INTEGER NULL,
    next_attempt_at       BIGINT  NULL,
    lease_owner           TEXT    NULL,
    lease_until           BIGINT  NULL,
    message_sid           TEXT    NULL,
    delivery_status       TEXT    NULL,
    error_code            INTEGER NULL,
    error_message         TEXT    NULL,
    in_doubt_since        BIGINT  NULL,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    UNIQUE (company_id, alert_key)
);
CREATE INDEX ix_alerts_due ON alerts (state, next_attempt_at);
CREATE INDEX ix_alerts_phone ON alerts (company_id, recipient_phone_index);
CREATE INDEX ix_alerts_sid ON alerts (message_sid);
CREATE INDEX ix_alerts_created ON alerts (company_id, created_at);

CREATE TABLE audit (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id     TEXT   NOT NULL REFERENCES companies (id),
    alert_id       BIGINT NULL REFERENCES alerts (id),
    at             BIGINT NOT NULL,
    kind           TEXT   NOT NULL,
    actor          TEXT   NOT NULL,
    detail         TEXT   NULL,
    sealed_detail  BYTEA  NULL
);
CREATE INDEX ix_audit_alert ON audit (alert_id, id);
CREATE INDEX ix_audit_at ON audit (company_id, at);
CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();

CREATE TABLE delivery_events (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id   TEXT    NOT NULL REFERENCES companies (id),
    message_sid  TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    error_code   INTEGER NULL,
    parameters   BYTEA   NOT NULL,
    received_at  BIGINT  NOT NULL,
    UNIQUE (message_sid, status)
);

CREATE TABLE inbound_messages (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id       TEXT   NOT NULL REFERENCES companies (id),
    message_sid      TEXT   NOT NULL UNIQUE,
    from_phone       BYTEA  NOT NULL,
    from_phone_index TEXT   NOT NULL,
    to_phone         TEXT   NOT NULL,
    body             BYTEA  NOT NULL,
    keyword          TEXT   NULL,
    received_at      BIGINT NOT NULL
);
CREATE INDEX ix_inbound_from ON inbound_messages (company_id, from_phone_index);

CREATE TABLE opt_outs (
    company_id    TEXT   NOT NULL REFERENCES companies (id),
    phone_index   TEXT   NOT NULL,
    phone         BYTEA  NOT NULL,
    opted_out_at  BIGINT NOT NULL,
    source        TEXT   NOT NULL,
    PRIMARY KEY (company_id, phone_index)
);
