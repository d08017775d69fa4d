-- Issue 12. A record missing from a read is kept as a tombstone (its last status) until it has been missing from
-- several complete reads and for a while (Detection/ChangeDetector): how many reads it has been missing from, and
-- since when (UTC milliseconds). 0 / NULL: the record was in the latest read.
ALTER TABLE rule_snapshot ADD COLUMN missing_reads INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rule_snapshot ADD COLUMN missing_since INTEGER NULL;

-- The id a poll allocates when it starts; the alerts it enqueues carry it in their key (one transition occurrence).
ALTER TABLE poll_runs ADD COLUMN run_id TEXT NULL;
