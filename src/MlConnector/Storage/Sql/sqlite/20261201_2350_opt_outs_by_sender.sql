-- Opt-outs belong to the sender the person texted (a number, or a Messaging Service) and their phone, not to a SYSPRO
-- company: a STOP stops every text sent through that sender, whichever company it is about (design.md, Decisions).
-- company_id stays as a fact (the company of the alert that learned it, 'default' for an inbound STOP), no longer a key.
-- Rows written before this script have no sender: they were written for the sender configured then, and keep
-- sender_key '' until the dispatcher adopts them for its configured sender at start-up (Recipients/OptOutList).
CREATE TABLE opt_outs_by_sender (
    sender_key    TEXT    NOT NULL,
    phone_index   TEXT    NOT NULL,
    company_id    TEXT    NOT NULL REFERENCES companies (id),
    phone         BLOB    NOT NULL,
    opted_out_at  INTEGER NOT NULL,
    source        TEXT    NOT NULL,
    PRIMARY KEY (sender_key, phone_index)
);
INSERT INTO opt_outs_by_sender (sender_key, phone_index, company_id, phone, opted_out_at, source)
SELECT '', phone_index, company_id, phone, opted_out_at, source FROM opt_outs WHERE true ORDER BY opted_out_at DESC
ON CONFLICT (sender_key, phone_index) DO NOTHING;
DROP TABLE opt_outs;
ALTER TABLE opt_outs_by_sender RENAME TO opt_outs;
