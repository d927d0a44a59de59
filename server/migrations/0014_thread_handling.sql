-- "Presa in carico": the operator handling a thread, seen by colleagues, never by the
-- contributor's side; and the office's internal notes on a thread, which the contributor's
-- side never reads.
ALTER TABLE communications ADD COLUMN handled_by BIGINT REFERENCES users (id);
ALTER TABLE communications ADD COLUMN handled_since BIGINT;

CREATE TABLE thread_notes (
    id               BIGINT PRIMARY KEY,
    communication_id BIGINT NOT NULL REFERENCES communications (id),
    author_user_id   BIGINT NOT NULL REFERENCES users (id),
    text             TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    created_at       BIGINT NOT NULL
);
CREATE INDEX thread_notes_by_thread ON thread_notes (communication_id, id);
