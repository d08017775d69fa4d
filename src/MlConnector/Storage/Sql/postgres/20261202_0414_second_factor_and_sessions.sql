-- A second factor and sessions one can see and end (Access). operators.phone is the user's phone number for Verify
-- codes, sealed like every other phone number (FieldProtector, purpose "operator.phone"). Each sign-in is a row of
-- operator_sessions, which the session cookie names: ending a session deletes its row. Recovery codes are stored as
-- keyed hashes, one row each; used_at marks a code spent.
ALTER TABLE operators ADD COLUMN phone BYTEA NULL;

CREATE TABLE operator_sessions (
    id              TEXT    NOT NULL PRIMARY KEY,
    user_name       TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    last_seen_at    BIGINT  NOT NULL,
    address         TEXT    NULL,
    user_agent      TEXT    NULL,
    signed_in_with  TEXT    NOT NULL
);
CREATE INDEX ix_operator_sessions_user ON operator_sessions (user_name, last_seen_at);

CREATE TABLE recovery_codes (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name   TEXT    NOT NULL,
    code_hash   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    used_at     BIGINT  NULL,
    UNIQUE (user_name, code_hash)
);
