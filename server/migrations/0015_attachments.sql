-- Allegati: documents attached to a message. An upload is kept pending (message_id NULL) in
-- the uploader's name and thread until the message that carries it is written, in that
-- message's transaction; a pending upload not used within a day is deleted by the sweeper.
-- The bytes live here, on both databases (BYTEA: PostgreSQL's byte string; SQLite keeps a blob
-- as it is whatever the declared type), with what was checked of them.
CREATE TABLE attachments (
    id               BIGINT PRIMARY KEY,
    communication_id BIGINT NOT NULL REFERENCES communications (id),
    message_id       BIGINT REFERENCES messages (id),
    uploaded_by      BIGINT NOT NULL REFERENCES users (id),
    name             TEXT NOT NULL,
    media_type       TEXT NOT NULL
        CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size             BIGINT NOT NULL CHECK (size > 0),
    sha256           TEXT NOT NULL,
    scan             TEXT NOT NULL CHECK (scan IN ('pulito', 'non_scansionato')),
    data             BYTEA NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX attachments_by_message ON attachments (message_id);
CREATE INDEX attachments_by_thread ON attachments (communication_id, uploaded_by, message_id);
CREATE INDEX attachments_by_age ON attachments (created_at);
