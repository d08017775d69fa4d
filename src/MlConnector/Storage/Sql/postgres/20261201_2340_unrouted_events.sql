-- Events whose recipients resolved to nobody (Detection/UnroutedEvents): a buyer code without a route, an empty group.
-- Written in the poll's transaction; event_key (rule, record, transition, content fingerprint) is unique per company,
-- so a re-poll does not record the same occurrence twice.
CREATE TABLE unrouted_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id   TEXT   NOT NULL REFERENCES companies (id),
    event_key    TEXT   NOT NULL,
    rule_id      TEXT   NOT NULL,
    source_table TEXT   NOT NULL,
    source_key   TEXT   NOT NULL,
    transition   TEXT   NOT NULL,
    reason       TEXT   NOT NULL,
    detected_at  BIGINT NOT NULL,
    UNIQUE (company_id, event_key)
);
CREATE INDEX ix_unrouted_events_rule ON unrouted_events (company_id, rule_id, detected_at);
