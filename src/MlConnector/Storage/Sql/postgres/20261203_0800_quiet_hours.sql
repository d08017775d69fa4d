-- Quiet hours (Recipients/QuietHours, Outbox/QuietDigests): an alert for a person in their quiet hours is kept in
-- state quiet until quiet_until, then sent with the person's other quiet alerts as one digest text (state digested,
-- digest_alert_id the digest's alert).
ALTER TABLE alerts ADD COLUMN quiet_until BIGINT NULL;
ALTER TABLE alerts ADD COLUMN digest_alert_id BIGINT NULL;
CREATE INDEX ix_alerts_quiet ON alerts (state, quiet_until);
