-- Delivery states that would go stale: a status callback Twilio posted while no instance was up is lost (Twilio does
-- not retry it), so an alert still "sent" some time after its last news has its status fetched from Twilio.
-- status_checks: fetches made so far (bounded); status_check_due_at: when the next one is due (NULL: the first is due
-- Outbox:StatusCheckAfter after the alert's last update).
ALTER TABLE alerts ADD COLUMN status_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN status_check_due_at BIGINT NULL;
