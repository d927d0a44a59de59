-- SQLite numbers as it numbers rowids: a new id is the table's highest + 1, read inside the
-- write transaction (one writer at a time), and a year's protocol or Identificativo
-- appuntamento follows the highest of that year, found through these indexes. The
-- `sequences` table's counters are no longer read.

CREATE INDEX appointments_year_number
    ON appointments (substr(reference, 4, 4), CAST(substr(reference, 9) AS INTEGER));
CREATE INDEX communications_year_number
    ON communications (substr(protocol, 11, 4), CAST(substr(protocol, 16) AS INTEGER));

DROP TABLE sequences;
