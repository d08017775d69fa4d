-- Delivery: when the current attempt chain started (enqueue, or the last replay). An alert older than the validity
-- period, counted from here, expires instead of being sent. NULL means created_at.
ALTER TABLE alerts ADD COLUMN chain_started_at BIGINT NULL;
CREATE INDEX ix_alerts_state_updated ON alerts (company_id, state, updated_at);
