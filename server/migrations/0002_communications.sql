-- Comunicazione bidirezionale: topics, threads and their messages.

-- Argomenti. `appointment_after_days`: how long after a thread was first sent an appointment
-- may be requested on it (unless the request was not accepted). Reference data, seeded here
-- because the service cannot work without it.
CREATE TABLE topics (
    code                   TEXT PRIMARY KEY,
    label                  TEXT NOT NULL UNIQUE,
    appointment_after_days BIGINT NOT NULL CHECK (appointment_after_days >= 0),
    position               BIGINT NOT NULL
);
INSERT INTO topics (code, label, appointment_after_days, position) VALUES
    ('iscrizione', 'Iscrizione, variazione e cancellazione', 30, 1),
    ('riduzione', 'Riduzione contributiva', 30, 2),
    ('rateazione', 'Rateazione dei debiti contributivi', 20, 3),
    ('estratto_conto', 'Estratto conto e contributi', 30, 4),
    ('avvisi_bonari', 'Avvisi bonari e recupero crediti', 15, 5),
    ('esonero', 'Esonero e agevolazioni contributive', 30, 6),
    ('rimborsi', 'Rimborsi e compensazioni', 45, 7),
    ('durc', 'Regolarità contributiva – DURC', 10, 8);

-- A thread between one contributor and the Institute, routed at creation to the office of the
-- contributor's province.
CREATE TABLE communications (
    id                        BIGINT PRIMARY KEY,
    -- "INPS.5100.2026.0001234": unique, shown to the user, never reused.
    protocol                  TEXT NOT NULL UNIQUE,
    contributor_id            BIGINT NOT NULL REFERENCES contributors (id),
    office_id                 BIGINT NOT NULL REFERENCES offices (id),
    topic_code                TEXT NOT NULL REFERENCES topics (code),
    subject                   TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 150),
    status                    TEXT NOT NULL
        CHECK (status IN ('inviata', 'in_lavorazione', 'accolta', 'non_accolta', 'chiusa')),
    sent_at                   BIGINT NOT NULL,
    last_message_at           BIGINT NOT NULL,
    -- 1 while the last message came from the contributor's side: the office owes an answer.
    awaiting_answer           BIGINT NOT NULL CHECK (awaiting_answer IN (0, 1)),
    last_institute_message_at BIGINT,
    -- When the contributor (or their intermediary) last opened the thread: newer answers
    -- from the Institute are marked as new.
    contributor_read_at       BIGINT
);
CREATE INDEX communications_by_contributor ON communications (contributor_id, sent_at);
CREATE INDEX communications_by_office ON communications (office_id, awaiting_answer, last_message_at);

-- Messages are never edited or deleted. `author_label` is written once, as it reads then
-- ("Studio Verdi per conto di Mario Rossi"), so the record does not change if names do.
CREATE TABLE messages (
    id               BIGINT PRIMARY KEY,
    communication_id BIGINT NOT NULL REFERENCES communications (id),
    author_user_id   BIGINT REFERENCES users (id),
    author_label     TEXT NOT NULL,
    from_institute   BIGINT NOT NULL CHECK (from_institute IN (0, 1)),
    text             TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    created_at       BIGINT NOT NULL
);
CREATE INDEX messages_by_communication ON messages (communication_id, id);
