-- Sposta appuntamento: how many times an appointment was moved (a bounded number, so moving is
-- not a way to keep places).
ALTER TABLE appointments ADD COLUMN moves BIGINT NOT NULL DEFAULT 0 CHECK (moves >= 0);
