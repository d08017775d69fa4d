-- Sessions end when a user's security stamp changes (sign-out, password or role change); a removed user has none.
-- Wrong passwords are counted per user in a one-minute window; enough of them lock the user out until locked_until.
ALTER TABLE operators ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
ALTER TABLE operators ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE operators ADD COLUMN failed_since INTEGER NULL;
ALTER TABLE operators ADD COLUMN locked_until INTEGER NULL;
