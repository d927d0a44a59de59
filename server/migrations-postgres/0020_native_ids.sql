-- PostgreSQL numbers ids with sequences of its own: nextval locks no row and never waits, so
-- bookings no longer queue behind the counters of the `sequences` table (taken by every
-- Prenota until it committed). One sequence per table (the column's default too) and one per
-- year's numbers (protocol, Identificativo appuntamento), each going on from where its counter
-- stood. A gap when a transaction rolls back is the price of never waiting.

CREATE FUNCTION cassetto_take(name TEXT, n BIGINT) RETURNS SETOF BIGINT AS $$
BEGIN
    IF to_regclass(name) IS NULL THEN
        -- A year's first number: its sequence is made here. Two servers making it at once:
        -- the second waits for the first's commit and finds it made.
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', name);
        EXCEPTION WHEN unique_violation OR duplicate_table THEN
            NULL;
        END;
    END IF;
    RETURN QUERY SELECT nextval(name) FROM generate_series(1, n);
END
$$ LANGUAGE plpgsql;

DO $$
DECLARE
    t TEXT;
    counter RECORD;
BEGIN
    FOREACH t IN ARRAY ARRAY['appointment_events', 'attachments', 'appointments', 'closures',
        'communications', 'contributors', 'delegations', 'messages', 'outbox', 'thread_notes',
        'users', 'waitlist']
    LOOP
        EXECUTE format('CREATE SEQUENCE %I OWNED BY %I.id', 'counter_' || t, t);
        EXECUTE format(
            'SELECT setval(%L, GREATEST(COALESCE((SELECT value FROM sequences WHERE name = %L), 0),
                                        COALESCE((SELECT MAX(id) FROM %I), 0)) + 1, false)',
            'counter_' || t, t, t);
        EXECUTE format('ALTER TABLE %I ALTER COLUMN id SET DEFAULT nextval(%L)', t, 'counter_' || t);
    END LOOP;
    FOR counter IN
        SELECT name, value FROM sequences WHERE name LIKE 'protocol-%' OR name LIKE 'appointment-%'
    LOOP
        EXECUTE format('CREATE SEQUENCE %I', 'counter_' || replace(counter.name, '-', '_'));
        PERFORM setval('counter_' || replace(counter.name, '-', '_'), counter.value + 1, false);
    END LOOP;
END
$$;

DROP TABLE sequences;
