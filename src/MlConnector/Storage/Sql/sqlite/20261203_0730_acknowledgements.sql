-- Two-way alerts (Acknowledgement/): one row per business event texted by a rule that asks for acknowledgement. Its
-- reference (four characters) is what people reply with ("OK 7KQ2"); it is unique among open events only, so the
-- partial index lets a closed event's reference be used again. An event closes when someone acknowledges it or when
-- its window (open_until) ends. stage: the escalations sent so far; reminders: the reminders sent so far. The
-- escalation and reminder timers are derived from these and from the alerts' sent_at, so they survive restarts.
CREATE TABLE ack_events (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    company_id         TEXT    NOT NULL REFERENCES companies (id),
    rule_id            TEXT    NOT NULL,
    reference          TEXT    NOT NULL,
    is_open            INTEGER NOT NULL DEFAULT 1,
    open_until         INTEGER NOT NULL,
    stage              INTEGER NOT NULL DEFAULT 0,
    reminders          INTEGER NOT NULL DEFAULT 0,
    acknowledged_at    INTEGER NULL,
    acknowledged_by    TEXT    NULL,
    created_at         INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_ack_events_open_reference ON ack_events (reference) WHERE is_open = 1;
CREATE INDEX ix_ack_events_open ON ack_events (is_open, open_until);
-- Each alert of such an event: ack_event_id and its role (original, escalation, reminder, confirmation); ack_stage
-- the escalation step it belongs to (0: the rule's own recipients); escalation_of the alert it escalates.
-- sent_at: when Twilio first accepted the text (the escalation clock starts there).
ALTER TABLE alerts ADD COLUMN ack_event_id INTEGER NULL;
ALTER TABLE alerts ADD COLUMN ack_role TEXT NULL;
ALTER TABLE alerts ADD COLUMN ack_stage INTEGER NULL;
ALTER TABLE alerts ADD COLUMN escalation_of INTEGER NULL;
ALTER TABLE alerts ADD COLUMN sent_at INTEGER NULL;
CREATE INDEX ix_alerts_ack_event ON alerts (ack_event_id);
