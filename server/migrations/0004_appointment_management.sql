-- Gestione appuntamenti: how long before its start a confirmed appointment can still be
-- cancelled online (per topic), and who cancelled one and why.

ALTER TABLE topics ADD COLUMN cancel_cutoff_minutes BIGINT NOT NULL DEFAULT 120
    CHECK (cancel_cutoff_minutes >= 0);

-- 'contribuente' (the contributor or their intermediary) or 'sede' (the office); set with
-- status 'annullato'.
ALTER TABLE appointments ADD COLUMN cancelled_by TEXT
    CHECK (cancelled_by IS NULL OR cancelled_by IN ('contribuente', 'sede'));
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT
    CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 500);

-- The studio's agenda reads the delegated contributors' upcoming appointments by time.
CREATE INDEX appointments_by_start ON appointments (contributor_id, starts_at);
