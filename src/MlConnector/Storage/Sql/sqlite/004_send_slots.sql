-- Scale-out: the per-sender rate budget shared by every instance (Outbox/SendBudget). One row per Messages-create
-- request, held from before the request until one second after its answer; a reservation succeeds only while fewer
-- than Twilio:MessagesPerSecond rows are held. Times come from the connector's TimeProvider, never the database clock.
-- No company id: the budget belongs to the Twilio sender, which companies may share.
CREATE TABLE send_slots (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    sender_key  TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    reserved_at INTEGER NOT NULL,
    held_until  INTEGER NOT NULL
);
CREATE INDEX ix_send_slots_sender ON send_slots (sender_key, held_until);
-- Finding expired claims of dead instances.
CREATE INDEX ix_alerts_lease ON alerts (lease_until) WHERE lease_until IS NOT NULL;
