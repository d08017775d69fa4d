-- Voice calls (Voice/): one per alert and reason (failed, not-acknowledged), so a call is placed once. state: due
-- (waiting for a round to place it), placing (claimed; a crash here leaves it, never placed twice), placed (Twilio
-- took it: call_sid), cancelled (acknowledged before it was placed), failed (Twilio refused it: error). call_status is
-- the last status Twilio called back; digits the key pressed.
CREATE TABLE voice_calls (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    company_id   TEXT    NOT NULL REFERENCES companies (id),
    alert_id     INTEGER NOT NULL,
    ack_event_id INTEGER NULL,
    rule_id      TEXT    NOT NULL,
    recipient_id TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    call_sid     TEXT    NULL,
    call_status  TEXT    NULL,
    digits       TEXT    NULL,
    error        TEXT    NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (alert_id, reason)
);
CREATE INDEX ix_voice_calls_state ON voice_calls (state);
