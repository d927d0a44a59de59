-- Recapiti: where the service writes to a person (confirmations, reminders, cancellations), and
-- whether they want reminders. Contributors and intermediaries set them; NULL until they do.
ALTER TABLE users ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
ALTER TABLE users ADD COLUMN reminders BIGINT NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1));
