-- Login throttling that protects the account, not the attacker: failures are counted per
-- (username, client address) and per client address, never per username alone, so nobody can
-- lock a person out of their own cassetto from elsewhere. `key` is 'u:<username>|<address>' or
-- 'a:<address>'. An attempt is counted before its password is checked (one atomic statement),
-- so a burst of parallel guesses gets no more checks than the limit. Rows older than a day
-- are deleted by the sweeper.
DROP TABLE login_failures;
CREATE TABLE login_failures (
    key             TEXT PRIMARY KEY,
    failures        BIGINT NOT NULL CHECK (failures > 0),
    last_failure_at BIGINT NOT NULL,
    locked_until    BIGINT NOT NULL
);
CREATE INDEX login_failures_by_age ON login_failures (last_failure_at);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Messages that a booking event writes into its thread (rather than a person): they do not
-- count toward the limit on messages per thread.
ALTER TABLE messages ADD COLUMN event BIGINT NOT NULL DEFAULT 0 CHECK (event IN (0, 1));
