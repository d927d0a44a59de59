-- The platform: offices, users, contributors, delegations, sessions and login throttling.
-- One SQL text for SQLite and PostgreSQL: only BIGINT and TEXT columns (sqlx's Any driver maps
-- nothing richer), instants as Unix seconds, ids allocated by the application (see `sequences`)
-- because the two databases spell auto-increment differently.

-- Counters for ids and human-readable numbers, advanced inside the write transaction that uses them.
CREATE TABLE sequences (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL CHECK (value >= 0)
);

-- Strutture territoriali. Contributors are routed to the office of their province.
CREATE TABLE offices (
    id       BIGINT PRIMARY KEY,
    name     TEXT NOT NULL,
    city     TEXT NOT NULL,
    address  TEXT NOT NULL,
    province TEXT NOT NULL UNIQUE CHECK (length(province) = 2)
);

-- Everyone who can log in. `username_key` is the lower-cased username, so that a codice fiscale
-- typed in lower case finds its account and two accounts can never differ by case alone.
CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    username      TEXT NOT NULL,
    username_key  TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('contribuente', 'intermediario', 'operatore')),
    password_hash TEXT NOT NULL,
    -- The firm an intermediary works for ("Studio Verdi"): it signs what they do.
    organisation  TEXT,
    -- The office an operator works in; operators see nothing else.
    office_id     BIGINT REFERENCES offices (id),
    CHECK ((role = 'operatore') = (office_id IS NOT NULL)),
    CHECK ((role = 'intermediario') = (organisation IS NOT NULL))
);

-- The people the service is about. A contributor may have no login of their own and still be
-- acted for by an intermediary.
CREATE TABLE contributors (
    id       BIGINT PRIMARY KEY,
    cf       TEXT NOT NULL UNIQUE CHECK (length(cf) = 16),
    name     TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('artigiano', 'commerciante')),
    province TEXT NOT NULL CHECK (length(province) = 2),
    user_id  BIGINT UNIQUE REFERENCES users (id)
);

-- An intermediary may act for a contributor only while a delegation is valid and not revoked;
-- rows are never deleted, so what an intermediary was allowed to do stays on record.
CREATE TABLE delegations (
    id               BIGINT PRIMARY KEY,
    intermediary_id  BIGINT NOT NULL REFERENCES users (id),
    contributor_id   BIGINT NOT NULL REFERENCES contributors (id),
    valid_from       BIGINT NOT NULL,
    valid_until      BIGINT,
    revoked_at       BIGINT,
    CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX delegations_by_intermediary ON delegations (intermediary_id, contributor_id);

-- Server-side sessions. Only a SHA-256 of the cookie's token is stored, so a copy of the
-- database cannot be used to log in.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed logins per username (existing or not, so that throttling reveals nothing).
CREATE TABLE login_failures (
    username_key    TEXT PRIMARY KEY,
    failures        BIGINT NOT NULL CHECK (failures > 0),
    last_failure_at BIGINT NOT NULL,
    locked_until    BIGINT NOT NULL
);
