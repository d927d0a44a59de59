-- The sweeper deletes by age every 30 seconds (domain::retention): each of its statements finds
-- its rows through an index, never by reading a whole table.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX ratings_by_age ON ratings (given_at);
