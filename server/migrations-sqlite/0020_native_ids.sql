-- SQLite numbers as it numbers rowids: a new id is the table's highest + 1, read inside the
-- write transaction (one writer at a time), and a year's protocol or Identificativo
-- appuntamento follows the highest of that year, found through these indexes. The
-- `sequences` table's counters are no longer read.

CREATE INDEX appointments_year_number
    ON appointments (substr(reference, 4, 4), CAST(substr(reference, 9) AS INTEGER));
CREATE INDEX communications_year_number
    ON communications (substr(protocol, 11, 4), CAST(substr(protocol, 16) AS INTEGER));

-- Rows are deleted from two tables whose ids travel in addresses: a revoked closure, an upload
-- no message took. Their highest id is kept here by the database itself (as AUTOINCREMENT keeps
-- sqlite_sequence), so a new row never takes an id an old page may still name; the earlier
-- counters carry over.
CREATE TABLE id_floor (
    name TEXT PRIMARY KEY,
    id   BIGINT NOT NULL
);
INSERT INTO id_floor (name, id)
    SELECT name, value FROM sequences WHERE name IN ('closures', 'attachments');
CREATE TRIGGER closures_id_floor AFTER DELETE ON closures
BEGIN
    INSERT INTO id_floor (name, id) VALUES ('closures', OLD.id)
        ON CONFLICT (name) DO UPDATE SET id = MAX(id, excluded.id);
END;
CREATE TRIGGER attachments_id_floor AFTER DELETE ON attachments
BEGIN
    INSERT INTO id_floor (name, id) VALUES ('attachments', OLD.id)
        ON CONFLICT (name) DO UPDATE SET id = MAX(id, excluded.id);
END;

DROP TABLE sequences;
