-- Since when the office owes an answer: the first message of the contributor's side after the
-- office last wrote. The service's own booking messages never touch it, so the queue ranks
-- threads by how long a person has really been waiting. NULL when nothing is owed.
ALTER TABLE communications ADD COLUMN awaiting_since BIGINT;
UPDATE communications SET awaiting_since = (
    SELECT MIN(m.created_at) FROM messages m
    WHERE m.communication_id = communications.id AND m.from_institute = 0 AND m.event = 0
      AND m.created_at >= COALESCE(communications.last_institute_message_at, 0)
) WHERE awaiting_answer = 1;
UPDATE communications SET awaiting_since = sent_at WHERE awaiting_answer = 1 AND awaiting_since IS NULL;
CREATE INDEX communications_by_waiting ON communications (office_id, awaiting_answer, awaiting_since);
