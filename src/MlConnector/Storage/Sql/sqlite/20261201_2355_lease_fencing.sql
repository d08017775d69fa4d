-- Fencing tokens. Every claim of an alert and every acquisition of a rule's lease writes a fresh random token; every
-- later write about that alert or rule by the holder (mark-sending, heartbeat, record, release; the poll's confirm)
-- names it, so a holder whose lease lapsed and was taken again (by another instance, or by itself) writes nothing.
ALTER TABLE alerts ADD COLUMN lease_token INTEGER NULL;
ALTER TABLE rule_state ADD COLUMN lease_token TEXT NULL;

-- One row per running instance id (Polling:InstanceId): its process's token and a heartbeat. A process starting under
-- an id that has a row waits one heartbeat interval: a heartbeat that moved means the id is alive elsewhere (refused);
-- otherwise it takes the id over, with the dead predecessor's rule leases. No company: instances serve every company.
CREATE TABLE instances (
    instance_id   TEXT    NOT NULL PRIMARY KEY,
    token         TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,
    heartbeat_at  INTEGER NOT NULL,
    beats         INTEGER NOT NULL
);
