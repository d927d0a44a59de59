-- SPID/CIE logins in flight: the browser holds the state in a cookie, this row holds the rest.
-- Single use (used_at), ten minutes; the sweeper deletes them once the ten minutes are over.
CREATE TABLE oidc_logins (
    state_hash  TEXT PRIMARY KEY,
    nonce       TEXT NOT NULL,
    verifier    TEXT NOT NULL,
    provider    TEXT NOT NULL,
    -- The page of the app to return to after the login (a local path), if any.
    return_to   TEXT,
    created_at  BIGINT NOT NULL,
    used_at     BIGINT
);

-- How a session was opened: 'password', or the identity scheme with the provider and the level
-- it vouched for (the audit trail's "who let them in"), and the access token to revoke at logout.
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password'
    CHECK (method IN ('password', 'spid', 'cie'));
ALTER TABLE sessions ADD COLUMN provider TEXT;
ALTER TABLE sessions ADD COLUMN acr TEXT;
ALTER TABLE sessions ADD COLUMN access_token TEXT;
