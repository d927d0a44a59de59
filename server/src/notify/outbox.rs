//! The outbox table: notices written with the change that causes them, claimed by a delivery
//! worker under a lease, and marked. Rows come last in the lock order (`db::Level`): a
//! transition writes and withdraws them after its other locks; the worker's statements are
//! single and take nothing else, and on PostgreSQL skip rows another worker has locked.

use crate::db::{Backend, Db, WriteTx};
use crate::domain::notices::ReminderPolicy;
use crate::error::AppResult;
use api::{AppointmentId, DeliveryState, Instant, NoticeKind, ThreadId};
use sqlx::AnyConnection;
use std::sync::OnceLock;

static REMINDERS: OnceLock<ReminderPolicy> = OnceLock::new();

/// Set once at start from the flags; the default until then (tests).
pub fn set_reminder_policy(policy: ReminderPolicy) {
    let _ = REMINDERS.set(policy);
}

/// When the reminders of a confirmed appointment fall due.
pub fn reminder_policy() -> ReminderPolicy {
    REMINDERS.get().copied().unwrap_or_default()
}

/// A notice owed about a thread, or about one of its appointments.
pub struct NewNotice {
    pub id: i64,
    pub kind: NoticeKind,
    pub appointment: Option<AppointmentId>,
    pub thread: ThreadId,
    /// When it is owed: now for most, later for a reminder.
    pub due_at: Instant,
}

pub async fn insert(tx: &mut WriteTx, n: &NewNotice, now: Instant) -> AppResult<()> {
    insert_all(tx, std::slice::from_ref(n), now).await
}

/// Several notices in one statement (a confirmation and its reminders).
pub async fn insert_all(tx: &mut WriteTx, notices: &[NewNotice], now: Instant) -> AppResult<()> {
    if notices.is_empty() {
        return Ok(());
    }
    let rows = (0..notices.len())
        .map(|i| {
            let p = 6 * i;
            format!(
                "(${}, ${}, ${}, ${}, ${}, ${})",
                p + 1,
                p + 2,
                p + 3,
                p + 4,
                p + 5,
                p + 6
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO outbox (id, kind, appointment_id, communication_id, created_at, due_at)
         VALUES {rows}"
    );
    let mut query = sqlx::query(&sql);
    for n in notices {
        query = query
            .bind(n.id)
            .bind(n.kind)
            .bind(n.appointment)
            .bind(n.thread)
            .bind(now)
            .bind(n.due_at);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// The reminders of an appointment that is no longer confirmed will not go out.
pub async fn withdraw_reminders(tx: &mut WriteTx, appointment: AppointmentId) -> AppResult<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'withdrawn', last_error = 'appuntamento non più confermato'
         WHERE appointment_id = $1 AND status = 'pending' AND kind IN ($2, $3)",
    )
    .bind(appointment)
    .bind(NoticeKind::ReminderDayBefore)
    .bind(NoticeKind::ReminderHoursBefore)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether anything is due and unclaimed: a read, so an idle worker writes nothing.
pub async fn anything_due(db: &Db, now: Instant) -> AppResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE status = 'pending' AND due_at <= $1
           AND (claimed_until IS NULL OR claimed_until <= $1) LIMIT 1",
    )
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub kind: NoticeKind,
    pub appointment_id: Option<AppointmentId>,
    pub communication_id: ThreadId,
    pub created_at: Instant,
    pub due_at: Instant,
    /// Including this one.
    pub attempts: i64,
}

/// Claims up to `limit` due rows for `worker` until `now + lease`, in due order. One
/// conditional statement: two workers never hold the same row (a row whose lease ran out, its
/// worker gone, is taken over).
pub async fn claim(
    db: &Db,
    worker: &str,
    now: Instant,
    lease: i64,
    limit: i64,
) -> AppResult<Vec<Claimed>> {
    let returning = "RETURNING outbox.id, outbox.kind, outbox.appointment_id,
        outbox.communication_id, outbox.created_at, outbox.due_at, outbox.attempts";
    let sql = match db.backend {
        // Picked once (a materialized CTE): a subquery under `IN` may be run again by the
        // planner, and with SKIP LOCKED a second run picks other rows, past the limit.
        Backend::Postgres => format!(
            "WITH picked AS MATERIALIZED (
                 SELECT id FROM outbox
                  WHERE status = 'pending' AND due_at <= $3
                    AND (claimed_until IS NULL OR claimed_until <= $3)
                  ORDER BY due_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
             UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
               FROM picked WHERE outbox.id = picked.id {returning}"
        ),
        // The statement runs under the database's one write lock.
        Backend::Sqlite => format!(
            "UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
              WHERE id IN (SELECT id FROM outbox
                            WHERE status = 'pending' AND due_at <= $3
                              AND (claimed_until IS NULL OR claimed_until <= $3)
                            ORDER BY due_at, id LIMIT $4) {returning}"
        ),
    };
    let mut tx = db.begin_write().await?;
    let mut rows: Vec<Claimed> = sqlx::query_as(&sql)
        .bind(worker)
        .bind(now + lease)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    rows.sort_by_key(|r| (r.due_at, r.id));
    Ok(rows)
}

/// How a claimed row ends, or waits.
pub enum Outcome<'a> {
    Sent,
    Failed(&'a str),
    NoAddress,
    Withdrawn(&'a str),
    RetryAt(Instant, &'a str),
}

/// Records what became of a row this worker holds; false if it no longer does (its lease ran
/// out and another worker took it over, or a cancellation withdrew it meanwhile).
pub async fn finish(
    db: &Db,
    id: i64,
    worker: &str,
    outcome: Outcome<'_>,
    now: Instant,
) -> AppResult<bool> {
    use DeliveryState::*;
    let (status, sent_at, due_at, error) = match outcome {
        Outcome::Sent => (Sent, Some(now), None, None),
        Outcome::Failed(e) => (Failed, None, None, Some(e)),
        Outcome::NoAddress => (NoAddress, None, None, None),
        Outcome::Withdrawn(why) => (Withdrawn, None, None, Some(why)),
        Outcome::RetryAt(at, e) => (Pending, None, Some(at), Some(e)),
    };
    let query = sqlx::query(
        "UPDATE outbox SET status = $1, sent_at = $2, due_at = COALESCE($3, due_at),
             last_error = $4, claimed_by = NULL, claimed_until = NULL
         WHERE id = $5 AND claimed_by = $6 AND status = 'pending'",
    )
    .bind(status)
    .bind(sent_at)
    .bind(due_at)
    .bind(error.map(|e| e.chars().take(500).collect::<String>()))
    .bind(id)
    .bind(worker);
    Ok(db.write_one(query).await?.rows_affected() == 1)
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Recipient {
    pub email: String,
    pub reminders: i64,
    /// The language they chose; Italian when they chose none.
    pub language: Option<api::Language>,
}

/// Who hears about a notice: the contributor, and the intermediary who booked the appointment
/// (appointment notices) or wrote in the thread (an answer). Only people with an address.
pub async fn recipients(conn: &mut AnyConnection, c: &Claimed) -> AppResult<Vec<Recipient>> {
    let about_thread = i64::from(c.appointment_id.is_none());
    let mut people: Vec<Recipient> = sqlx::query_as(
        "SELECT u.email, u.reminders, u.language FROM communications t
           JOIN contributors p ON p.id = t.contributor_id JOIN users u ON u.id = p.user_id
          WHERE t.id = $1 AND u.email IS NOT NULL
         UNION
         SELECT u.email, u.reminders, u.language FROM appointments a JOIN users u ON u.id = a.booked_by
          WHERE a.id = $2 AND u.role = 'intermediario' AND u.email IS NOT NULL
         UNION
         SELECT u.email, u.reminders, u.language FROM messages m JOIN users u ON u.id = m.author_user_id
          WHERE m.communication_id = $1 AND $3 = 1 AND u.role = 'intermediario'
            AND u.email IS NOT NULL",
    )
    .bind(c.communication_id)
    .bind(c.appointment_id)
    .bind(about_thread)
    .fetch_all(conn)
    .await?;
    people.sort_by(|a, b| a.email.cmp(&b.email));
    people.dedup_by(|a, b| a.email == b.email);
    Ok(people)
}

#[derive(sqlx::FromRow)]
pub struct ThreadFacts {
    pub protocol: String,
    pub subject: String,
    pub office: String,
    pub contributor: String,
    /// Files of the office's messages written since the notice was owed.
    pub attachments: i64,
}

/// What a thread's notice says; `since`: when the notice was owed (the answer's instant).
pub async fn thread_facts(
    conn: &mut AnyConnection,
    id: ThreadId,
    since: Instant,
) -> AppResult<Option<ThreadFacts>> {
    Ok(sqlx::query_as(
        "SELECT t.protocol, t.subject, o.name AS office, p.name AS contributor,
                (SELECT COUNT(*) FROM attachments a JOIN messages m ON m.id = a.message_id
                  WHERE m.communication_id = t.id AND m.from_institute = 1
                    AND m.created_at >= $2) AS attachments
           FROM communications t JOIN offices o ON o.id = t.office_id
           JOIN contributors p ON p.id = t.contributor_id WHERE t.id = $1",
    )
    .bind(id)
    .bind(since)
    .fetch_optional(conn)
    .await?)
}

/// For each of `appointments`, the status of its cancellation notice by the office, if any.
pub async fn cancellation_notices(
    conn: &mut AnyConnection,
    appointments: &[AppointmentId],
) -> AppResult<std::collections::HashMap<AppointmentId, DeliveryState>> {
    if appointments.is_empty() {
        return Ok(Default::default());
    }
    let list = (1..=appointments.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT appointment_id, status FROM outbox
          WHERE kind = 'appointment_cancelled_by_office' AND appointment_id IN ({list})"
    );
    let mut query = sqlx::query_as::<_, (AppointmentId, DeliveryState)>(&sql);
    for id in appointments {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(conn).await?.into_iter().collect())
}

/// The notices dealt with (sent, failed, withdrawn, no address) before `before`
/// (`domain::retention::NOTICES`).
pub async fn purge(db: &Db, before: Instant) -> AppResult<u64> {
    let done = db
        .write_one_uncached(
            // Each status by name, so that `outbox_owed (status, due_at)` finds the rows.
            sqlx::query(
                "DELETE FROM outbox
                 WHERE status IN ('sent', 'failed', 'no_address', 'withdrawn') AND due_at < $1",
            )
            .bind(before),
        )
        .await?;
    Ok(done.rows_affected())
}
