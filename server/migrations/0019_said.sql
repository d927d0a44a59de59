-- What the service writes by itself into a thread (`messages.said`) or a timeline's note
-- (`appointment_events.note_said`), kept as a catalogue sentence (its key and its parts, JSON)
-- so that each reader gets it in their language (issue 25). `text` and `note` keep the Italian
-- words beside it, for exports and for the rows written before.
ALTER TABLE messages ADD COLUMN said TEXT;
ALTER TABLE appointment_events ADD COLUMN note_said TEXT;
