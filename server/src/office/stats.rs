//! The facts behind "Andamento della sede", read for one office and period: appointments,
//! the threads owed an answer, first answers, the Lista d'attesa. Sums and rates are the
//! domain's (`domain::stats`).

use crate::error::AppResult;
use api::{AppointmentStatus, Instant, OfficeId, PointCode, WaitlistStatus};
use sqlx::AnyConnection;

/// The office's appointments starting in `[from, to)` that became appointments (not holds
/// given up or expired): start, point, status.
pub async fn appointments(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<(Instant, PointCode, AppointmentStatus)>> {
    Ok(sqlx::query_as(
        "SELECT a.starts_at, a.point_code, a.status FROM appointments a
         WHERE a.office_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
           AND a.status IN ('confermato', 'svolto', 'non_presentato', 'annullato')",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// The office's open threads now, and since when each of those owed an answer waits.
pub async fn queue(conn: &mut AnyConnection, office: OfficeId) -> AppResult<(i64, Vec<Instant>)> {
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM communications
         WHERE office_id = $1 AND status IN ('inviata', 'in_lavorazione')",
    )
    .bind(office)
    .fetch_one(&mut *conn)
    .await?;
    let waiting: Vec<Instant> = sqlx::query_scalar(
        "SELECT COALESCE(awaiting_since, sent_at) FROM communications
         WHERE office_id = $1 AND awaiting_answer = 1 AND status <> 'chiusa'",
    )
    .bind(office)
    .fetch_all(conn)
    .await?;
    Ok((open, waiting))
}

/// The threads routed to the office sent in `[from, to)`: when, and the office's first
/// written answer (its own words, not the service's booking messages).
pub async fn first_answers(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<(Instant, Option<Instant>)>> {
    Ok(sqlx::query_as(
        "SELECT t.sent_at,
                (SELECT MIN(m.created_at) FROM messages m
                 WHERE m.communication_id = t.id AND m.from_institute = 1 AND m.event = 0)
         FROM communications t
         WHERE t.office_id = $1 AND t.sent_at >= $2 AND t.sent_at < $3",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// The statuses of the office's waiting entries made in `[from, to)`.
pub async fn waitlist(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<WaitlistStatus>> {
    Ok(sqlx::query_scalar(
        "SELECT status FROM waitlist WHERE office_id = $1 AND created_at >= $2 AND created_at < $3",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}
