-- The files a message carries are shown in the order its writer listed them (the order they
-- were chosen), not the order their uploads happened to finish.
ALTER TABLE attachments ADD COLUMN position BIGINT;
