-- A send in doubt is matched to its own message. send_token: the fencing token of the claim whose POST left last,
-- written just before the POST and carried by the StatusCallback URL (?alert=ID&send=TOKEN), so any status callback
-- for that create names its alert even when the create's answer was lost. lookup_failures: failed looks at Twilio's
-- message list for the current doubt, backed off like sends and bounded by Twilio:MaxAttempts.
ALTER TABLE alerts ADD COLUMN send_token BIGINT NULL;
ALTER TABLE alerts ADD COLUMN lookup_failures INTEGER NOT NULL DEFAULT 0;
