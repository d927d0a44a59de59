-- Lista d'attesa. An entry waits (`in_attesa`) for a place of one office and point on a range
-- of days [first_at, last_at), optionally only mornings or afternoons. A freed place goes, in
-- the transaction that frees it, to the first matching entry in arrival order (id): the entry
-- becomes `offerta` and `appointment_id` names the hold made in the person's name. The hold's
-- end decides what follows: confirmed → `prenotato`, released → `ritirata`, lapsed → `scaduta`.
-- At most one live entry (waiting or offered) per thread.
CREATE TABLE waitlist (
    id               BIGINT PRIMARY KEY,
    communication_id BIGINT NOT NULL REFERENCES communications (id),
    contributor_id   BIGINT NOT NULL REFERENCES contributors (id),
    office_id        BIGINT NOT NULL REFERENCES offices (id),
    point_code       TEXT NOT NULL REFERENCES consultation_points (code),
    from_day         TEXT NOT NULL,
    to_day           TEXT NOT NULL,
    first_at         BIGINT NOT NULL,
    last_at          BIGINT NOT NULL,
    part_of_day      TEXT CHECK (part_of_day IN ('mattina', 'pomeriggio')),
    phone            TEXT NOT NULL,
    notes            TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'in_attesa'
        CHECK (status IN ('in_attesa', 'offerta', 'prenotato', 'ritirata', 'scaduta')),
    appointment_id   BIGINT REFERENCES appointments (id),
    created_by       BIGINT NOT NULL REFERENCES users (id),
    created_by_label TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    CHECK (first_at < last_at)
);
CREATE UNIQUE INDEX waitlist_one_live_per_thread ON waitlist (communication_id)
    WHERE status IN ('in_attesa', 'offerta');
CREATE INDEX waitlist_waiting ON waitlist (office_id, point_code, status, id);
CREATE INDEX waitlist_by_appointment ON waitlist (appointment_id);
CREATE INDEX waitlist_by_contributor ON waitlist (contributor_id, id);
