//! What Prenota's rules read under the contributor's and the thread's locks, in one statement
//! (three before): the thread's facts, the contributor's active appointments, the holds given
//! up in the last hour (the contributor's, and the studio's when an intermediary books),
//! and whether the thread waits in the Lista d'attesa.

use super::repo::{active, ActiveRow};
use crate::communications::repo::Facts;
use crate::db::WriteTx;
use crate::domain::limits::{Recent, HOUR};
use crate::error::{AppError, AppResult};
use api::{CommunicationStatus, ContributorId, Instant, Reference, ThreadId, UserId};

/// Everything Prenota decides on, read at once.
pub struct BookingFacts {
    pub thread: Facts,
    /// The contributor's active appointments, soonest first.
    pub live: Vec<ActiveRow>,
    pub given_up: Recent,
    /// The booking studio's, across its contributors (zero unless an intermediary books).
    pub studio_given_up: Recent,
    /// The thread has a waiting entry, which the booking ends.
    pub waiting: bool,
}

#[derive(sqlx::FromRow)]
struct Row {
    topic_code: String,
    sent_at: Instant,
    topic_days: i64,
    status: CommunicationStatus,
    contributor_id: ContributorId,
    own_n: i64,
    own_oldest: Option<Instant>,
    studio_n: i64,
    studio_oldest: Option<Instant>,
    waiting: i64,
    live_thread: Option<ThreadId>,
    live_reference: Option<Reference>,
}

/// The facts of `thread` for a booking for `contributor`, by `studio` when an intermediary
/// books; 404 when the thread does not exist.
pub async fn read(
    tx: &mut WriteTx,
    thread: ThreadId,
    contributor: ContributorId,
    studio: Option<UserId>,
    now: Instant,
) -> AppResult<BookingFacts> {
    // One row per active appointment (one of NULLs without any); the rest repeats on each.
    let sql = format!(
        "WITH own AS ({own}), studio AS ({studio})
         SELECT t.topic_code, t.sent_at, tp.appointment_after_days AS topic_days, t.status,
                t.contributor_id, own.n AS own_n, own.oldest AS own_oldest,
                studio.n AS studio_n, studio.oldest AS studio_oldest,
                CASE WHEN EXISTS (SELECT 1 FROM waitlist w WHERE w.communication_id = t.id
                                    AND w.status = 'in_attesa') THEN 1 ELSE 0 END AS waiting,
                a.communication_id AS live_thread, a.reference AS live_reference
         FROM communications t
         JOIN topics tp ON tp.code = t.topic_code
         CROSS JOIN own CROSS JOIN studio
         LEFT JOIN appointments a ON a.contributor_id = $2 AND {live}
         WHERE t.id = $1
         ORDER BY a.starts_at, a.id",
        own = given_up("a.contributor_id", 2, 5),
        // Without a studio nothing is counted, and the database is not asked to find out.
        studio = if studio.is_some() {
            given_up("a.booked_by", 4, 5)
        } else {
            "SELECT 0 AS n, CAST(NULL AS BIGINT) AS oldest WHERE $4 IS NULL".into()
        },
        live = active(3),
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(thread)
        .bind(contributor)
        .bind(now)
        .bind(studio)
        .bind(now - HOUR)
        .fetch_all(&mut **tx)
        .await?;
    let first = rows.first().ok_or(AppError::NotFound)?;
    let facts = BookingFacts {
        thread: Facts {
            topic_code: first.topic_code.clone(),
            sent_at: first.sent_at,
            topic_days: first.topic_days,
            status: first.status,
            contributor_id: first.contributor_id,
        },
        live: Vec::new(),
        given_up: Recent {
            n: first.own_n,
            oldest: first.own_oldest,
        },
        studio_given_up: Recent {
            n: first.studio_n,
            oldest: first.studio_oldest,
        },
        waiting: first.waiting != 0,
    };
    Ok(BookingFacts {
        live: rows
            .into_iter()
            .filter_map(|r| {
                Some(ActiveRow {
                    communication_id: r.live_thread?,
                    reference: r.live_reference?,
                })
            })
            .collect(),
        ..facts
    })
}

/// SQL: how many holds whose `column` is `$id` were given up since `$since`, and the oldest
/// (`n`, `oldest`): released by the contributor's side or left to expire (a release by the
/// office is not theirs), a place the Lista d'attesa offered and the person let go not
/// counted.
fn given_up(column: &str, id: usize, since: usize) -> String {
    format!(
        "SELECT COUNT(*) AS n, MIN(e.at) AS oldest FROM appointment_events e
         JOIN appointments a ON a.id = e.appointment_id
         WHERE {column} = ${id} AND e.at > ${since}
           AND e.kind IN ('prenotazione_cancellata', 'scaduto')
           AND (e.actor_user_id IS NULL OR e.actor_user_id = a.booked_by)
           AND NOT EXISTS (SELECT 1 FROM waitlist w WHERE w.appointment_id = a.id
                           AND w.status <> 'prenotato')"
    )
}
