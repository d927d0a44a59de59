-- Delivery of the outbox by e-mail. A row is `pending` until the worker that claimed it has
-- handed the message over (`sent`), gave up after its retries (`failed`), found nobody to write
-- to (`no_address`), or the notice stopped making sense before it went out (`withdrawn`: a
-- reminder of a cancelled appointment, a notice days late). A claim is a lease: `claimed_by`
-- names the worker, `claimed_until` when another may take the row over (the first one died).
ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sent', 'failed', 'no_address', 'withdrawn'));
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
DROP INDEX outbox_owed;
CREATE INDEX outbox_owed ON outbox (status, due_at);
CREATE INDEX outbox_by_appointment ON outbox (appointment_id, kind);
