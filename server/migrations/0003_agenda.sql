-- Agenda appuntamenti: consultation points, the offices and their opening hours, closures,
-- slots with their capacity, appointments with their history, and idempotency keys.

-- Punti di consulenza: how the consultation happens.
CREATE TABLE consultation_points (
    code     TEXT PRIMARY KEY,
    label    TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL
);
INSERT INTO consultation_points (code, label, position) VALUES
    ('sportello', 'Sportello in sede', 1),
    ('telefono', 'Consulenza telefonica (richiamata)', 2),
    ('video', 'Videochiamata', 3);

-- The city's patron saint closes the office for the day ("MM-DD").
ALTER TABLE offices ADD COLUMN patron_day TEXT;

-- Strutture territoriali: reference data, so they no longer come with the demo. An office the
-- demo of an earlier version already created (same province) is kept as it is.

INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 1, 'Sede di Roma', 'Roma', 'Via dell''Amba Aradam, 5 – 00184 Roma', 'RM', '06-29'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'RM');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 2, 'Sede di Milano', 'Milano', 'Piazza Missori, 8/10 – 20122 Milano', 'MI', '12-07'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'MI');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 3, 'Sede di Napoli', 'Napoli', 'Via Alcide De Gasperi, 55 – 80133 Napoli', 'NA', '09-19'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'NA');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 4, 'Sede di Torino', 'Torino', 'Via XX Settembre, 34 – 10121 Torino', 'TO', '06-24'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'TO');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 5, 'Sede di Palermo', 'Palermo', 'Via Maggiore Toselli, 5 – 90143 Palermo', 'PA', '07-15'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'PA');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 6, 'Sede di Genova', 'Genova', 'Piazza della Vittoria, 3 – 16121 Genova', 'GE', '06-24'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'GE');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 7, 'Sede di Bologna', 'Bologna', 'Via Gramsci, 6 – 40121 Bologna', 'BO', '10-04'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'BO');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 8, 'Sede di Firenze', 'Firenze', 'Viale Belfiore, 28/A – 50144 Firenze', 'FI', '06-24'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'FI');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 9, 'Sede di Bari', 'Bari', 'Via Putignani, 108 – 70122 Bari', 'BA', '12-06'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'BA');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 10, 'Sede di Venezia', 'Venezia', 'Via Cà Venier, 8 – 30172 Venezia Mestre', 'VE', '04-25'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'VE');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 11, 'Sede di Verona', 'Verona', 'Via Ca'' di Cozzi, 10 – 37124 Verona', 'VR', '05-21'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'VR');
INSERT INTO offices (id, name, city, address, province, patron_day)
    SELECT 12, 'Sede di Cagliari', 'Cagliari', 'Viale Armando Diaz, 35 – 09126 Cagliari', 'CA', '10-30'
    WHERE NOT EXISTS (SELECT 1 FROM offices WHERE province = 'CA');
UPDATE offices SET patron_day = '06-29' WHERE province = 'RM';
UPDATE offices SET patron_day = '12-07' WHERE province = 'MI';
UPDATE offices SET patron_day = '09-19' WHERE province = 'NA';
UPDATE offices SET patron_day = '06-24' WHERE province = 'TO';
UPDATE offices SET patron_day = '07-15' WHERE province = 'PA';
UPDATE offices SET patron_day = '06-24' WHERE province = 'GE';
UPDATE offices SET patron_day = '10-04' WHERE province = 'BO';
UPDATE offices SET patron_day = '06-24' WHERE province = 'FI';
UPDATE offices SET patron_day = '12-06' WHERE province = 'BA';
UPDATE offices SET patron_day = '04-25' WHERE province = 'VE';
UPDATE offices SET patron_day = '05-21' WHERE province = 'VR';
UPDATE offices SET patron_day = '10-30' WHERE province = 'CA';
INSERT INTO sequences (name, value) SELECT 'offices', (SELECT MAX(id) FROM offices)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- Weekly timetables: on `weekday` (1 = Monday) from `start_minute` to `end_minute`, slots of
-- `slot_minutes` for `capacity` people (the operators on duty).
CREATE TABLE opening_hours (
    id           BIGINT PRIMARY KEY,
    office_id    BIGINT NOT NULL REFERENCES offices (id),
    point_code   TEXT NOT NULL REFERENCES consultation_points (code),
    weekday      BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   BIGINT NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    slot_minutes BIGINT NOT NULL CHECK (slot_minutes > 0),
    capacity     BIGINT NOT NULL CHECK (capacity > 0),
    CHECK (start_minute < end_minute)
);
CREATE INDEX opening_hours_by_office ON opening_hours (office_id, point_code);

-- Sportello Mon–Fri 08:30–12:30 (30', 2 people); phone call-backs Mon–Thu 14:00–16:00
-- (20', 1); video calls Tue and Thu 09:00–12:00 (30', 1) where the office offers them.
INSERT INTO opening_hours (id, office_id, point_code, weekday, start_minute, end_minute, slot_minutes, capacity) VALUES
    (1, 1, 'sportello', 1, 510, 750, 30, 2),
    (2, 1, 'sportello', 2, 510, 750, 30, 2),
    (3, 1, 'sportello', 3, 510, 750, 30, 2),
    (4, 1, 'sportello', 4, 510, 750, 30, 2),
    (5, 1, 'sportello', 5, 510, 750, 30, 2),
    (6, 1, 'telefono', 1, 840, 960, 20, 1),
    (7, 1, 'telefono', 2, 840, 960, 20, 1),
    (8, 1, 'telefono', 3, 840, 960, 20, 1),
    (9, 1, 'telefono', 4, 840, 960, 20, 1),
    (10, 1, 'video', 2, 540, 720, 30, 1),
    (11, 1, 'video', 4, 540, 720, 30, 1),
    (12, 2, 'sportello', 1, 510, 750, 30, 2),
    (13, 2, 'sportello', 2, 510, 750, 30, 2),
    (14, 2, 'sportello', 3, 510, 750, 30, 2),
    (15, 2, 'sportello', 4, 510, 750, 30, 2),
    (16, 2, 'sportello', 5, 510, 750, 30, 2),
    (17, 2, 'telefono', 1, 840, 960, 20, 1),
    (18, 2, 'telefono', 2, 840, 960, 20, 1),
    (19, 2, 'telefono', 3, 840, 960, 20, 1),
    (20, 2, 'telefono', 4, 840, 960, 20, 1),
    (21, 2, 'video', 2, 540, 720, 30, 1),
    (22, 2, 'video', 4, 540, 720, 30, 1),
    (23, 3, 'sportello', 1, 510, 750, 30, 2),
    (24, 3, 'sportello', 2, 510, 750, 30, 2),
    (25, 3, 'sportello', 3, 510, 750, 30, 2),
    (26, 3, 'sportello', 4, 510, 750, 30, 2),
    (27, 3, 'sportello', 5, 510, 750, 30, 2),
    (28, 3, 'telefono', 1, 840, 960, 20, 1),
    (29, 3, 'telefono', 2, 840, 960, 20, 1),
    (30, 3, 'telefono', 3, 840, 960, 20, 1),
    (31, 3, 'telefono', 4, 840, 960, 20, 1),
    (32, 3, 'video', 2, 540, 720, 30, 1),
    (33, 3, 'video', 4, 540, 720, 30, 1),
    (34, 4, 'sportello', 1, 510, 750, 30, 2),
    (35, 4, 'sportello', 2, 510, 750, 30, 2),
    (36, 4, 'sportello', 3, 510, 750, 30, 2),
    (37, 4, 'sportello', 4, 510, 750, 30, 2),
    (38, 4, 'sportello', 5, 510, 750, 30, 2),
    (39, 4, 'telefono', 1, 840, 960, 20, 1),
    (40, 4, 'telefono', 2, 840, 960, 20, 1),
    (41, 4, 'telefono', 3, 840, 960, 20, 1),
    (42, 4, 'telefono', 4, 840, 960, 20, 1),
    (43, 4, 'video', 2, 540, 720, 30, 1),
    (44, 4, 'video', 4, 540, 720, 30, 1),
    (45, 5, 'sportello', 1, 510, 750, 30, 2),
    (46, 5, 'sportello', 2, 510, 750, 30, 2),
    (47, 5, 'sportello', 3, 510, 750, 30, 2),
    (48, 5, 'sportello', 4, 510, 750, 30, 2),
    (49, 5, 'sportello', 5, 510, 750, 30, 2),
    (50, 5, 'telefono', 1, 840, 960, 20, 1),
    (51, 5, 'telefono', 2, 840, 960, 20, 1),
    (52, 5, 'telefono', 3, 840, 960, 20, 1),
    (53, 5, 'telefono', 4, 840, 960, 20, 1),
    (54, 6, 'sportello', 1, 510, 750, 30, 2),
    (55, 6, 'sportello', 2, 510, 750, 30, 2),
    (56, 6, 'sportello', 3, 510, 750, 30, 2),
    (57, 6, 'sportello', 4, 510, 750, 30, 2),
    (58, 6, 'sportello', 5, 510, 750, 30, 2),
    (59, 6, 'telefono', 1, 840, 960, 20, 1),
    (60, 6, 'telefono', 2, 840, 960, 20, 1),
    (61, 6, 'telefono', 3, 840, 960, 20, 1),
    (62, 6, 'telefono', 4, 840, 960, 20, 1),
    (63, 7, 'sportello', 1, 510, 750, 30, 2),
    (64, 7, 'sportello', 2, 510, 750, 30, 2),
    (65, 7, 'sportello', 3, 510, 750, 30, 2),
    (66, 7, 'sportello', 4, 510, 750, 30, 2),
    (67, 7, 'sportello', 5, 510, 750, 30, 2),
    (68, 7, 'telefono', 1, 840, 960, 20, 1),
    (69, 7, 'telefono', 2, 840, 960, 20, 1),
    (70, 7, 'telefono', 3, 840, 960, 20, 1),
    (71, 7, 'telefono', 4, 840, 960, 20, 1),
    (72, 7, 'video', 2, 540, 720, 30, 1),
    (73, 7, 'video', 4, 540, 720, 30, 1),
    (74, 8, 'sportello', 1, 510, 750, 30, 2),
    (75, 8, 'sportello', 2, 510, 750, 30, 2),
    (76, 8, 'sportello', 3, 510, 750, 30, 2),
    (77, 8, 'sportello', 4, 510, 750, 30, 2),
    (78, 8, 'sportello', 5, 510, 750, 30, 2),
    (79, 8, 'telefono', 1, 840, 960, 20, 1),
    (80, 8, 'telefono', 2, 840, 960, 20, 1),
    (81, 8, 'telefono', 3, 840, 960, 20, 1),
    (82, 8, 'telefono', 4, 840, 960, 20, 1),
    (83, 8, 'video', 2, 540, 720, 30, 1),
    (84, 8, 'video', 4, 540, 720, 30, 1),
    (85, 9, 'sportello', 1, 510, 750, 30, 2),
    (86, 9, 'sportello', 2, 510, 750, 30, 2),
    (87, 9, 'sportello', 3, 510, 750, 30, 2),
    (88, 9, 'sportello', 4, 510, 750, 30, 2),
    (89, 9, 'sportello', 5, 510, 750, 30, 2),
    (90, 9, 'telefono', 1, 840, 960, 20, 1),
    (91, 9, 'telefono', 2, 840, 960, 20, 1),
    (92, 9, 'telefono', 3, 840, 960, 20, 1),
    (93, 9, 'telefono', 4, 840, 960, 20, 1),
    (94, 10, 'sportello', 1, 510, 750, 30, 2),
    (95, 10, 'sportello', 2, 510, 750, 30, 2),
    (96, 10, 'sportello', 3, 510, 750, 30, 2),
    (97, 10, 'sportello', 4, 510, 750, 30, 2),
    (98, 10, 'sportello', 5, 510, 750, 30, 2),
    (99, 10, 'telefono', 1, 840, 960, 20, 1),
    (100, 10, 'telefono', 2, 840, 960, 20, 1),
    (101, 10, 'telefono', 3, 840, 960, 20, 1),
    (102, 10, 'telefono', 4, 840, 960, 20, 1),
    (103, 11, 'sportello', 1, 510, 750, 30, 2),
    (104, 11, 'sportello', 2, 510, 750, 30, 2),
    (105, 11, 'sportello', 3, 510, 750, 30, 2),
    (106, 11, 'sportello', 4, 510, 750, 30, 2),
    (107, 11, 'sportello', 5, 510, 750, 30, 2),
    (108, 11, 'telefono', 1, 840, 960, 20, 1),
    (109, 11, 'telefono', 2, 840, 960, 20, 1),
    (110, 11, 'telefono', 3, 840, 960, 20, 1),
    (111, 11, 'telefono', 4, 840, 960, 20, 1),
    (112, 12, 'sportello', 1, 510, 750, 30, 2),
    (113, 12, 'sportello', 2, 510, 750, 30, 2),
    (114, 12, 'sportello', 3, 510, 750, 30, 2),
    (115, 12, 'sportello', 4, 510, 750, 30, 2),
    (116, 12, 'sportello', 5, 510, 750, 30, 2),
    (117, 12, 'telefono', 1, 840, 960, 20, 1),
    (118, 12, 'telefono', 2, 840, 960, 20, 1),
    (119, 12, 'telefono', 3, 840, 960, 20, 1),
    (120, 12, 'telefono', 4, 840, 960, 20, 1);
INSERT INTO sequences (name, value) VALUES ('opening_hours', 120)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- Closures declared by the office: no slot inside them is offered.
CREATE TABLE closures (
    id         BIGINT PRIMARY KEY,
    office_id  BIGINT NOT NULL REFERENCES offices (id),
    -- NULL: every consultation point.
    point_code TEXT REFERENCES consultation_points (code),
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    reason     TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX closures_by_office ON closures (office_id, starts_at);

-- A slot gets a row the first time someone holds it. `booked` counts its live holds and
-- confirmed appointments; the CHECK makes overbooking an error, never a silent state.
CREATE TABLE slots (
    id         BIGINT PRIMARY KEY,
    office_id  BIGINT NOT NULL REFERENCES offices (id),
    point_code TEXT NOT NULL REFERENCES consultation_points (code),
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    capacity   BIGINT NOT NULL CHECK (capacity > 0),
    booked     BIGINT NOT NULL DEFAULT 0,
    CHECK (booked >= 0 AND booked <= capacity),
    CHECK (ends_at > starts_at),
    UNIQUE (office_id, point_code, starts_at)
);

-- Appointments are never deleted: their status changes, and each change is an event.
CREATE TABLE appointments (
    id               BIGINT PRIMARY KEY,
    -- "AP-2026-000123", the identificativo appuntamento.
    reference        TEXT NOT NULL UNIQUE,
    communication_id BIGINT NOT NULL REFERENCES communications (id),
    contributor_id   BIGINT NOT NULL REFERENCES contributors (id),
    slot_id          BIGINT NOT NULL REFERENCES slots (id),
    office_id        BIGINT NOT NULL REFERENCES offices (id),
    point_code       TEXT NOT NULL REFERENCES consultation_points (code),
    topic_code       TEXT NOT NULL REFERENCES topics (code),
    starts_at        BIGINT NOT NULL,
    ends_at          BIGINT NOT NULL,
    phone            TEXT NOT NULL,
    notes            TEXT NOT NULL CHECK (length(notes) BETWEEN 1 AND 500),
    status           TEXT NOT NULL CHECK (status IN ('prenotato', 'confermato',
        'prenotazione_cancellata', 'scaduto', 'annullato', 'svolto', 'non_presentato')),
    -- While `prenotato`: the hold counts only until this instant.
    hold_expires_at  BIGINT,
    extensions       BIGINT NOT NULL DEFAULT 0 CHECK (extensions >= 0),
    booked_by        BIGINT NOT NULL REFERENCES users (id),
    -- "Mario Rossi" or "Studio Verdi", written once.
    booked_by_label  TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX appointments_by_slot ON appointments (slot_id, status);
CREATE INDEX appointments_by_communication ON appointments (communication_id, status);
CREATE INDEX appointments_by_contributor ON appointments (contributor_id, status);
CREATE INDEX appointments_by_hold ON appointments (status, hold_expires_at);

-- The timeline of an appointment: who did what, when, and why.
CREATE TABLE appointment_events (
    id             BIGINT PRIMARY KEY,
    appointment_id BIGINT NOT NULL REFERENCES appointments (id),
    at             BIGINT NOT NULL,
    kind           TEXT NOT NULL,
    actor_user_id  BIGINT REFERENCES users (id),
    actor_label    TEXT NOT NULL,
    note           TEXT
);
CREATE INDEX appointment_events_by_appointment ON appointment_events (appointment_id, id);

-- "Prenota Appuntamento" may be retried (double click, network retry): the first answer is kept
-- per user and key, with a hash of the request it answered.
CREATE TABLE idempotency_keys (
    user_id      BIGINT NOT NULL REFERENCES users (id),
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       BIGINT,
    body         TEXT,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
