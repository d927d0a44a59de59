-- The booking core as one workflow: what each appointment transition owes the people involved,
-- written in the same transaction as the transition (a transactional outbox). Delivery (e-mail)
-- is a later feature's; until then the rows wait here, never lost and never written for a change
-- that was rolled back.
CREATE TABLE outbox (
    id               BIGINT PRIMARY KEY,
    -- appointment_confirmed, appointment_cancelled_by_contributor,
    -- appointment_cancelled_by_office, attendance_recorded
    kind             TEXT NOT NULL,
    appointment_id   BIGINT REFERENCES appointments (id),
    communication_id BIGINT NOT NULL REFERENCES communications (id),
    created_at       BIGINT NOT NULL,
    -- When it may be delivered (a reminder is due later than it is written).
    due_at           BIGINT NOT NULL,
    -- Set once delivered; a row without it is still owed.
    sent_at          BIGINT,
    attempts         BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0)
);
CREATE INDEX outbox_owed ON outbox (sent_at, due_at);
