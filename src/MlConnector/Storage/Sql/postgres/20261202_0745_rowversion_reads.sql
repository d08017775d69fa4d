-- Issue 14. A rule without a watermark reads only the rows of its working set changed since its last poll, by the
-- table's rowversion (TimeStamp), and its whole working set every Polling:FullReadEvery (Detection/RowVersionReads):
-- the highest rowversion the rule has read, as SYSPRO gave it (NULL: its next read is a whole one), and when it last
-- read its whole working set (UTC milliseconds). Both move in the transaction that records the poll's alerts.
ALTER TABLE rule_state ADD COLUMN row_version TEXT NULL;
ALTER TABLE rule_state ADD COLUMN full_read_at BIGINT NULL;
