-- Prenota counts the holds a studio gave up in the last hour across its contributors
-- (`agenda::booking_facts`) by who booked them: without this index each intermediary's
-- booking read every appointment.
CREATE INDEX appointments_by_booker ON appointments (booked_by);
