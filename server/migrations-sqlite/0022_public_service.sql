-- What a public service owes its users (issue 28): a confirmed videochiamata's room, the
-- ratings of Valuta il servizio and the accessibility reports of the statement's form. Ids are
-- the database's own (rowids here, identity on PostgreSQL): nothing else numbers these rows.

-- 256 random bits, set when a video appointment is confirmed, cleared when it is cancelled;
-- the link is `--video-base-url` and the room, made where it is shown.
ALTER TABLE appointments ADD COLUMN video_room TEXT;

CREATE TABLE ratings (
    id         INTEGER PRIMARY KEY,
    -- prenotazione, comunicazione, appuntamento (api::RatingOccasion)
    occasion   TEXT NOT NULL,
    -- The appointment's id (prenotazione, appuntamento) or the thread's (comunicazione).
    subject_id BIGINT NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    office_id  BIGINT NOT NULL REFERENCES offices (id),
    score      BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    TEXT NOT NULL,
    given_at   BIGINT NOT NULL,
    -- One per event per person.
    UNIQUE (occasion, subject_id, user_id)
);
CREATE INDEX ratings_by_office ON ratings (office_id, given_at);

CREATE TABLE accessibility_reports (
    id          INTEGER PRIMARY KEY,
    received_at BIGINT NOT NULL,
    page        TEXT NOT NULL,
    description TEXT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    language    TEXT NOT NULL,
    -- SHA-256 of the sender's network address, to limit reports from one place; forgotten
    -- (NULL) after a day (domain::retention::REPORT_SENDERS).
    sender      TEXT
);
CREATE INDEX accessibility_reports_received ON accessibility_reports (received_at);
CREATE INDEX accessibility_reports_by_sender ON accessibility_reports (sender, received_at);

-- Retention (domain::retention::RECORDS) finds the closed threads by age.
CREATE INDEX communications_closed_by_age ON communications (last_message_at)
    WHERE status IN ('accolta', 'non_accolta', 'chiusa');
