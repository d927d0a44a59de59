-- A pending upload its uploader takes back keeps its row, without its bytes, until the sweeper
-- deletes it with the other orphans a day later: the contributor's files of the day count it, so
-- uploading and taking back again and again cannot keep the antivirus busy without limit.
ALTER TABLE attachments ADD COLUMN discarded_at BIGINT;
