//! The fair SQLite ceiling: the statements one Prenota and its Conferma run on SQLite (as the
//! server's own log lists them, `RUST_LOG=sqlx::query=debug`), in the same order and with the
//! same SQL, bound with real rows of a copy of the bench's seeded database, in a bare loop on
//! one connection through the C library: no server, no HTTP, no pool, no thread hand-off.
//! Each Prenota and each Conferma commits on its own, as the server does when nobody else is
//! writing. `STATEMENTS` is checked against the server's count by the bench.

use rusqlite::{params, Connection};

/// Statements per booking in the loop below (Prenota 20 into a slot nobody booked yet, its
/// Conferma 13), session checks and the answers read back included.
pub const STATEMENTS: usize = 33;

const SESSION: &str = "SELECT s.user_id, s.last_seen_at, s.expires_at, u.username, u.name, u.role,
        u.organisation, u.office_id, o.name AS office_name, u.language
 FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN offices o ON o.id = u.office_id
 WHERE s.token_hash = ?1";
const THREAD_ACCESS: &str =
    "SELECT c.id, c.cf, c.name, c.category, c.province, c.user_id, t.office_id,
        CASE WHEN EXISTS (SELECT 1 FROM delegations d
         WHERE d.contributor_id = c.id AND d.intermediary_id = ?2
           AND d.revoked_at IS NULL AND d.valid_from <= ?3
           AND (d.valid_until IS NULL OR d.valid_until > ?3)) THEN 1 ELSE 0 END AS delegated
 FROM communications t JOIN contributors c ON c.id = t.contributor_id WHERE t.id = ?1";
const SCHEDULE: &str =
    "SELECT o.patron_day, h.weekday, h.start_minute, h.end_minute, h.slot_minutes, h.capacity
 FROM offices o LEFT JOIN opening_hours h ON h.office_id = o.id AND h.point_code = ?2
 WHERE o.id = ?1";
const CLOSURES: &str = "SELECT starts_at, ends_at FROM closures
 WHERE office_id = ?1 AND (point_code IS NULL OR point_code = ?2) AND starts_at < ?4 AND ends_at > ?3";
const SLOT_AND_EXPIRED: &str = "SELECT s.id, a.id, a.communication_id FROM slots s
 LEFT JOIN appointments a ON a.slot_id = s.id AND a.status = 'prenotato' AND a.hold_expires_at <= ?4
 WHERE s.office_id = ?1 AND s.point_code = ?2 AND s.starts_at = ?3 ORDER BY a.id";
const CLAIM: &str = "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at)
 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (user_id, idem_key) DO NOTHING";
const GIVEN_UP: &str = "SELECT COUNT(*) AS n, MIN(e.at) AS oldest FROM appointment_events e
 JOIN appointments a ON a.id = e.appointment_id
 WHERE {column} = {id} AND e.at > ?5 AND e.kind IN ('prenotazione_cancellata', 'scaduto')
   AND (e.actor_user_id IS NULL OR e.actor_user_id = a.booked_by)
   AND NOT EXISTS (SELECT 1 FROM waitlist w WHERE w.appointment_id = a.id AND w.status <> 'prenotato')";
const FACTS: &str = "WITH own AS ({own}), studio AS ({studio})
 SELECT t.topic_code, t.sent_at, tp.appointment_after_days AS topic_days, t.status,
        t.contributor_id, own.n, own.oldest, studio.n, studio.oldest,
        CASE WHEN EXISTS (SELECT 1 FROM waitlist w WHERE w.communication_id = t.id
                            AND w.status = 'in_attesa') THEN 1 ELSE 0 END AS waiting,
        a.communication_id, a.reference
 FROM communications t JOIN topics tp ON tp.code = t.topic_code
 CROSS JOIN own CROSS JOIN studio
 LEFT JOIN appointments a ON a.contributor_id = ?2 AND ((a.status = 'confermato' AND a.starts_at > ?3)
   OR (a.status = 'prenotato' AND a.hold_expires_at > ?3))
 WHERE t.id = ?1 ORDER BY a.starts_at, a.id";
const SLOT_ROW: &str =
    "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) ON CONFLICT DO NOTHING RETURNING id";
const TAKE_PLACE: &str = "UPDATE slots SET booked = booked + 1 WHERE id = ?1 AND booked < capacity";
const HOLD_IDS: &str = "SELECT (SELECT COALESCE((SELECT CAST(substr(reference, 9) AS INTEGER) FROM appointments
   WHERE substr(reference, 4, 4) = '2026' ORDER BY CAST(substr(reference, 9) AS INTEGER) DESC LIMIT 1), 0))
 UNION ALL SELECT (SELECT COALESCE(MAX(id), 0) FROM appointment_events)
 UNION ALL SELECT (SELECT COALESCE(MAX(id), 0) FROM appointments)
 UNION ALL SELECT (SELECT COALESCE(MAX(id), 0) FROM messages)";
const INSERT_HOLD: &str =
    "INSERT INTO appointments (id, reference, communication_id, contributor_id, slot_id,
     office_id, point_code, topic_code, starts_at, ends_at, phone, notes, status, hold_expires_at,
     booked_by, booked_by_label, created_at, updated_at)
 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'prenotato', ?13, ?14, ?15, ?16, ?16)";
const INSERT_EVENT: &str =
    "INSERT INTO appointment_events (id, appointment_id, at, kind, actor_user_id,
     actor_label, note, note_said) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const INSERT_MESSAGE: &str =
    "INSERT INTO messages (id, communication_id, author_user_id, author_label,
     from_institute, text, said, created_at, event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
const TOUCH_THREAD: &str = "UPDATE communications SET last_message_at = ?1,
     last_institute_message_at = CASE WHEN ?2 = 1 THEN ?1 ELSE last_institute_message_at END
 WHERE id = ?3";
const RECORD: &str =
    "SELECT a.id, a.reference, a.status, a.communication_id, a.contributor_id, a.slot_id,
        a.office_id, a.point_code, a.starts_at, a.ends_at, a.phone, a.notes, a.hold_expires_at,
        a.extensions, a.moves, a.booked_by_label, u.role, a.cancelled_by, a.cancel_reason,
        t.protocol, t.subject, a.topic_code, tp.label, tp.appointment_after_days,
        tp.cancel_cutoff_minutes, p.label, o.name, o.city, o.address, o.province,
        c.cf, c.name, c.category, c.province, c.user_id,
        CASE WHEN EXISTS (SELECT 1 FROM waitlist w WHERE w.appointment_id = a.id
                            AND w.status = 'offerta') THEN 1 ELSE 0 END,
        (SELECT MIN(e.at) FROM appointment_events e WHERE e.appointment_id = a.id
           AND e.kind IN ('svolto', 'non_presentato')) {more}
 FROM appointments a
 JOIN communications t ON t.id = a.communication_id
 JOIN topics tp ON tp.code = a.topic_code
 JOIN consultation_points p ON p.code = a.point_code
 JOIN offices o ON o.id = a.office_id
 JOIN contributors c ON c.id = a.contributor_id
 JOIN users u ON u.id = a.booked_by {join}";
const STORE_ANSWER: &str =
    "UPDATE idempotency_keys SET status = ?1, body = ?2 WHERE user_id = ?3 AND idem_key = ?4";
const CONFIRM: &str =
    "UPDATE appointments SET status = 'confermato', hold_expires_at = NULL, updated_at = ?1
 WHERE id = ?2 AND status = 'prenotato' AND hold_expires_at > ?1
   AND NOT EXISTS (SELECT 1 FROM closures k WHERE k.office_id = appointments.office_id
       AND (k.point_code IS NULL OR k.point_code = appointments.point_code)
       AND k.starts_at < appointments.ends_at AND k.ends_at > appointments.starts_at)";
const CONFIRM_IDS: &str = "SELECT (SELECT COALESCE(MAX(id), 0) FROM appointment_events)
 UNION ALL SELECT (SELECT COALESCE(MAX(id), 0) FROM messages)
 UNION ALL SELECT (SELECT COALESCE(MAX(id), 0) FROM outbox)";
const NOTICES: &str =
    "INSERT INTO outbox (id, kind, appointment_id, communication_id, created_at, due_at)
 VALUES (?1, 'appointment_confirmed', ?2, ?3, ?4, ?4), (?5, 'reminder_day_before', ?2, ?3, ?4, ?6),
        (?7, 'reminder_hours_before', ?2, ?3, ?4, ?8)";

/// One person who books: their session, account, contributor row and thread.
pub struct Booker {
    token_hash: String,
    user: i64,
    contributor: i64,
    thread: i64,
}

/// Everyone in `db` with a session and a thread, one thread each.
pub fn bookers(conn: &Connection) -> Vec<Booker> {
    let mut q = conn
        .prepare(
            "SELECT s.token_hash, c.user_id, c.id, MIN(t.id) FROM contributors c
             JOIN sessions s ON s.user_id = c.user_id
             JOIN communications t ON t.contributor_id = c.id
             GROUP BY s.token_hash, c.user_id, c.id ORDER BY c.id",
        )
        .unwrap();
    q.query_map([], |r| {
        Ok(Booker {
            token_hash: r.get(0)?,
            user: r.get(1)?,
            contributor: r.get(2)?,
            thread: r.get(3)?,
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Runs every row of a query to its end, as the server reads every row it asks for.
fn rows(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> usize {
    let mut q = conn.prepare_cached(sql).unwrap();
    let mut rows = q.query(params).unwrap();
    let mut n = 0;
    while rows.next().unwrap().is_some() {
        n += 1;
    }
    n
}

fn exec(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> usize {
    conn.prepare_cached(sql).unwrap().execute(params).unwrap()
}

fn one(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Vec<i64> {
    let mut q = conn.prepare_cached(sql).unwrap();
    q.query_map(params, |r| r.get::<_, i64>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Books for each of `who` (Prenota, then Conferma) into a slot of its own at office 1:
/// bookings a second.
pub fn run(conn: &Connection, who: &[Booker], now: i64) -> f64 {
    let facts = FACTS
        .replace(
            "{own}",
            &GIVEN_UP
                .replace("{column}", "a.contributor_id")
                .replace("{id}", "?2"),
        )
        // A contributor books for themself: no studio to count.
        .replace(
            "{studio}",
            "SELECT 0 AS n, CAST(NULL AS BIGINT) AS oldest WHERE ?4 IS NULL",
        );
    let with_timeline = RECORD
        .replace(
            "{more}",
            ", ev.at, ev.kind, ev.actor_label, ev.note, ev.note_said,
               CASE WHEN evu.role = 'operatore' THEN evu.name END",
        )
        .replace(
            "{join}",
            "LEFT JOIN appointment_events ev ON ev.appointment_id = a.id
             LEFT JOIN users evu ON evu.id = ev.actor_user_id WHERE a.id = ?1 ORDER BY ev.at, ev.id",
        );
    let by_reference = RECORD
        .replace("{more}", "")
        .replace("{join}", "WHERE a.reference = ?1");
    let first_start = (now / 86_400 + 20) * 86_400;
    let started = std::time::Instant::now();
    for (i, b) in who.iter().enumerate() {
        let start = first_start + i as i64 * 60;
        let (office, point) = (1_i64, "sportello");
        let slot = (office * 10 + 1) * 10_000_000_000 + start;
        let key = format!("ceiling-{i}");
        // Prenota: before the transaction.
        rows(conn, SESSION, [&b.token_hash]);
        rows(conn, THREAD_ACCESS, params![b.thread, b.user, now]);
        rows(conn, SCHEDULE, params![office, point]);
        rows(
            conn,
            CLOSURES,
            params![office, point, start - 86_400, start + 86_400],
        );
        rows(conn, SLOT_AND_EXPIRED, params![office, point, start, now]);
        conn.execute_batch("BEGIN IMMEDIATE; SAVEPOINT w").unwrap();
        exec(conn, CLAIM, params![b.user, key, "hash", now]);
        rows(
            conn,
            &facts,
            params![b.thread, b.contributor, now, None::<i64>, now - 3_600],
        );
        one(
            conn,
            SLOT_ROW,
            params![slot, office, point, start, start + 1_800, 1],
        );
        assert_eq!(exec(conn, TAKE_PLACE, [slot]), 1);
        let ids = one(conn, HOLD_IDS, []);
        let (event, appointment, message) = (ids[1] + 1, ids[2] + 1, ids[3] + 1);
        let reference = format!("AP-2026-{:06}", ids[0] + 1);
        exec(
            conn,
            INSERT_HOLD,
            params![
                appointment,
                reference,
                b.thread,
                b.contributor,
                slot,
                office,
                point,
                "rateazione",
                start,
                start + 1_800,
                "06 1234 5678",
                "Bench",
                now + 900,
                b.user,
                "Bench",
                now
            ],
        );
        exec(
            conn,
            INSERT_EVENT,
            params![
                event,
                appointment,
                now,
                "prenotato",
                b.user,
                "Bench",
                None::<String>,
                None::<String>
            ],
        );
        exec(
            conn,
            INSERT_MESSAGE,
            params![
                message,
                b.thread,
                b.user,
                "Servizio",
                0,
                "Prenotazione …",
                None::<String>,
                now,
                1
            ],
        );
        exec(conn, TOUCH_THREAD, params![now, 0, b.thread]);
        rows(conn, &with_timeline, [appointment]);
        exec(conn, STORE_ANSWER, params![201, "{…}", b.user, key]);
        conn.execute_batch("RELEASE w; COMMIT").unwrap();
        // Conferma.
        rows(conn, SESSION, [&b.token_hash]);
        rows(conn, &by_reference, [&reference]);
        conn.execute_batch("BEGIN IMMEDIATE; SAVEPOINT w").unwrap();
        assert_eq!(exec(conn, CONFIRM, params![now, appointment]), 1);
        let ids = one(conn, CONFIRM_IDS, []);
        exec(
            conn,
            INSERT_EVENT,
            params![
                ids[0] + 1,
                appointment,
                now,
                "confermato",
                b.user,
                "Bench",
                None::<String>,
                None::<String>
            ],
        );
        exec(
            conn,
            INSERT_MESSAGE,
            params![
                ids[1] + 1,
                b.thread,
                b.user,
                "Servizio",
                0,
                "Confermato …",
                None::<String>,
                now,
                1
            ],
        );
        exec(conn, TOUCH_THREAD, params![now, 0, b.thread]);
        exec(
            conn,
            NOTICES,
            params![
                ids[2] + 1,
                appointment,
                b.thread,
                now,
                ids[2] + 2,
                start - 86_400,
                ids[2] + 3,
                start - 7_200
            ],
        );
        conn.execute_batch("RELEASE w; COMMIT").unwrap();
        rows(conn, &with_timeline, [appointment]);
    }
    who.len() as f64 / started.elapsed().as_secs_f64()
}
