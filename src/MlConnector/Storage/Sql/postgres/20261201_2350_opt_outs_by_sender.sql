-- Opt-outs belong to the sender the person texted (a number, or a Messaging Service) and their phone, not to a SYSPRO
-- company: a STOP stops every text sent through that sender, whichever company it is about (design.md, Decisions).
-- company_id stays as a fact (the company of the alert that learned it, 'default' for an inbound STOP), no longer a key.
-- Rows written before this script have no sender: they were written for the sender configured then, and keep
-- sender_key '' until the dispatcher adopts them for its configured sender at start-up (Recipients/OptOutList).
ALTER TABLE opt_outs ADD COLUMN sender_key TEXT NOT NULL DEFAULT '';
ALTER TABLE opt_outs ALTER COLUMN sender_key DROP DEFAULT;
-- One row per phone now: the latest opt-out of the phone wins.
DELETE FROM opt_outs o USING opt_outs newer
WHERE o.phone_index = newer.phone_index AND (newer.opted_out_at, newer.company_id) > (o.opted_out_at, o.company_id);
ALTER TABLE opt_outs DROP CONSTRAINT opt_outs_pkey;
ALTER TABLE opt_outs ADD PRIMARY KEY (sender_key, phone_index);
