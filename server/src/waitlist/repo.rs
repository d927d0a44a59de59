//! The Lista d'attesa's SQL: typed rows, one function per question. Every write of an entry
//! happens under its thread's lock (or, for an offer, a lock taken without waiting), and the
//! entry rows come last in the lock order.

use crate::db::WriteTx;
use crate::domain::waitlist::Wish;
use crate::error::AppResult;
use api::{
    AppointmentId, Cf, ContributorId, EntryId, Instant, OfficeId, PartOfDay, PointCode, Reference,
    ThreadId, UserId, WaitlistStatus,
};
use sqlx::AnyConnection;

/// An entry with what its pages show.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: EntryId,
    pub communication_id: ThreadId,
    pub contributor_id: ContributorId,
    pub office_id: OfficeId,
    pub point_code: PointCode,
    pub from_day: String,
    pub to_day: String,
    pub first_at: Instant,
    pub last_at: Instant,
    pub part_of_day: Option<PartOfDay>,
    pub phone: String,
    pub notes: String,
    pub status: WaitlistStatus,
    pub appointment_id: Option<AppointmentId>,
    pub created_by: UserId,
    pub created_by_label: String,
    pub created_at: Instant,
    pub protocol: String,
    pub subject: String,
    pub office_name: String,
    pub point_label: String,
    pub cf: Cf,
    pub reference: Option<Reference>,
    pub offer_starts_at: Option<Instant>,
    pub offer_ends_at: Option<Instant>,
    pub offer_expires_at: Option<Instant>,
}

impl Entry {
    pub fn wish(&self) -> Wish {
        Wish {
            first_at: self.first_at,
            last_at: self.last_at,
            part: self.part_of_day,
        }
    }
}

const SELECT: &str = "SELECT w.id, w.communication_id, w.contributor_id, w.office_id, w.point_code,
        w.from_day, w.to_day, w.first_at, w.last_at, w.part_of_day, w.phone, w.notes, w.status,
        w.appointment_id, w.created_by, w.created_by_label, w.created_at, t.protocol, t.subject,
        o.name AS office_name, p.label AS point_label, c.cf, a.reference,
        a.starts_at AS offer_starts_at, a.ends_at AS offer_ends_at,
        a.hold_expires_at AS offer_expires_at
 FROM waitlist w
 JOIN communications t ON t.id = w.communication_id
 JOIN offices o ON o.id = w.office_id
 JOIN consultation_points p ON p.code = w.point_code
 JOIN contributors c ON c.id = w.contributor_id
 LEFT JOIN appointments a ON a.id = w.appointment_id";

pub async fn find(conn: &mut AnyConnection, id: EntryId) -> AppResult<Option<Entry>> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE w.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// A contributor's entries, the live ones first, then the newest.
pub async fn of_contributor(
    conn: &mut AnyConnection,
    contributor: ContributorId,
) -> AppResult<Vec<Entry>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE w.contributor_id = $1
         ORDER BY CASE WHEN w.status IN ('in_attesa', 'offerta') THEN 0 ELSE 1 END, w.id DESC"
    ))
    .bind(contributor)
    .fetch_all(conn)
    .await?)
}

/// The live entry of a thread (waiting or offered), if any.
pub async fn live_of_thread(
    conn: &mut AnyConnection,
    thread: ThreadId,
) -> AppResult<Option<EntryId>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM waitlist WHERE communication_id = $1 AND status IN ('in_attesa', 'offerta')",
    )
    .bind(thread)
    .fetch_optional(conn)
    .await?)
}

/// A new entry, waiting.
pub struct NewEntry<'a> {
    pub id: EntryId,
    pub thread: ThreadId,
    pub contributor: ContributorId,
    pub office: OfficeId,
    pub point: PointCode,
    pub from_day: &'a str,
    pub to_day: &'a str,
    pub wish: Wish,
    pub phone: &'a str,
    pub notes: &'a str,
    pub created_by: UserId,
    pub created_by_label: &'a str,
    pub now: Instant,
}

pub async fn insert(tx: &mut WriteTx, e: &NewEntry<'_>) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO waitlist (id, communication_id, contributor_id, office_id, point_code,
             from_day, to_day, first_at, last_at, part_of_day, phone, notes, status,
             created_by, created_by_label, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'in_attesa', $13, $14, $15, $15)",
    )
    .bind(e.id)
    .bind(e.thread)
    .bind(e.contributor)
    .bind(e.office)
    .bind(e.point)
    .bind(e.from_day)
    .bind(e.to_day)
    .bind(e.wish.first_at)
    .bind(e.wish.last_at)
    .bind(e.wish.part)
    .bind(e.phone)
    .bind(e.notes)
    .bind(e.created_by)
    .bind(e.created_by_label)
    .bind(e.now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A waiting entry that could take a place, as the offer needs it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: EntryId,
    pub communication_id: ThreadId,
    pub contributor_id: ContributorId,
    pub first_at: Instant,
    pub last_at: Instant,
    pub part_of_day: Option<PartOfDay>,
    pub phone: String,
    pub notes: String,
    pub created_by: UserId,
    pub created_by_label: String,
}

impl Candidate {
    pub fn wants(&self, start: Instant) -> bool {
        Wish {
            first_at: self.first_at,
            last_at: self.last_at,
            part: self.part_of_day,
        }
        .wants(start)
    }
}

/// Waiting entries for the office and point whose days include `start`, in arrival order.
pub async fn candidates(
    conn: &mut AnyConnection,
    office: OfficeId,
    point: PointCode,
    start: Instant,
) -> AppResult<Vec<Candidate>> {
    Ok(sqlx::query_as(
        "SELECT id, communication_id, contributor_id, first_at, last_at, part_of_day, phone, notes,
                created_by, created_by_label
         FROM waitlist
         WHERE office_id = $1 AND point_code = $2 AND status = 'in_attesa'
           AND first_at <= $3 AND last_at > $3
         ORDER BY id LIMIT 50",
    )
    .bind(office)
    .bind(point)
    .bind(start)
    .fetch_all(conn)
    .await?)
}

/// Every waiting entry whose days have not all passed, in arrival order (the sweeper's pass).
pub async fn waiting(conn: &mut AnyConnection, now: Instant) -> AppResult<Vec<Entry>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE w.status = 'in_attesa' AND w.last_at > $1 ORDER BY w.id LIMIT 500"
    ))
    .bind(now)
    .fetch_all(conn)
    .await?)
}

pub async fn status_of(conn: &mut AnyConnection, id: EntryId) -> AppResult<Option<WaitlistStatus>> {
    Ok(
        sqlx::query_scalar("SELECT status FROM waitlist WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// The entry now holds an offer: only if it was still waiting.
pub async fn set_offered(
    tx: &mut WriteTx,
    id: EntryId,
    appointment: AppointmentId,
    now: Instant,
) -> AppResult<bool> {
    let done = sqlx::query(
        "UPDATE waitlist SET status = 'offerta', appointment_id = $1, updated_at = $2
         WHERE id = $3 AND status = 'in_attesa'",
    )
    .bind(appointment)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What became of an offer follows its hold: only an entry still `offerta` changes.
pub async fn follow_offer(
    tx: &mut WriteTx,
    appointment: AppointmentId,
    status: WaitlistStatus,
    now: Instant,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE waitlist SET status = $1, updated_at = $2
         WHERE appointment_id = $3 AND status = 'offerta'",
    )
    .bind(status)
    .bind(now)
    .bind(appointment)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The person booked for the thread themselves: its waiting entry ends as booked.
pub async fn end_for_booking(
    tx: &mut WriteTx,
    thread: ThreadId,
    appointment: AppointmentId,
    now: Instant,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE waitlist SET status = 'prenotato', appointment_id = $1, updated_at = $2
         WHERE communication_id = $3 AND status = 'in_attesa'",
    )
    .bind(appointment)
    .bind(now)
    .bind(thread)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Esci dalla lista for a waiting entry: only if it still waits.
pub async fn withdraw(tx: &mut WriteTx, id: EntryId, now: Instant) -> AppResult<bool> {
    let done = sqlx::query(
        "UPDATE waitlist SET status = 'ritirata', updated_at = $1
         WHERE id = $2 AND status = 'in_attesa'",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Entries whose last day has passed end as `scaduta`.
pub async fn end_past(conn: &mut AnyConnection, now: Instant) -> AppResult<u64> {
    Ok(sqlx::query(
        "UPDATE waitlist SET status = 'scaduta', updated_at = $1
         WHERE status = 'in_attesa' AND last_at <= $1",
    )
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected())
}

/// How many live entries for the same office and point came before this one and overlap its
/// days.
pub async fn ahead(conn: &mut AnyConnection, e: &Entry) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM waitlist
         WHERE office_id = $1 AND point_code = $2 AND status = 'in_attesa' AND id < $3
           AND first_at < $4 AND last_at > $5",
    )
    .bind(e.office_id)
    .bind(e.point_code)
    .bind(e.id)
    .bind(e.last_at)
    .bind(e.first_at)
    .fetch_one(conn)
    .await?)
}

/// People waiting for a place of the office on the day [from, to).
pub async fn waiting_on(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM waitlist
         WHERE office_id = $1 AND status = 'in_attesa' AND first_at < $3 AND last_at > $2",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_one(conn)
    .await?)
}

/// Someone waiting for a place of the office on a day, as the agenda lists them.
#[derive(sqlx::FromRow)]
pub struct DayWaiterRow {
    pub communication_id: ThreadId,
    pub cf: Cf,
    pub name: String,
    pub category: api::Category,
    pub province: String,
    pub point_code: PointCode,
    pub point_label: String,
    pub part_of_day: Option<PartOfDay>,
    pub status: WaitlistStatus,
    pub created_at: Instant,
    pub offered_at: Option<Instant>,
    pub offer_until: Option<Instant>,
}

/// The live entries (waiting, or with a place offered) of the office whose days cover
/// [from, to), the oldest first: the order the Lista d'attesa serves them in.
pub async fn waiters_on(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<DayWaiterRow>> {
    Ok(sqlx::query_as(
        "SELECT w.communication_id, c.cf, c.name, c.category, c.province, w.point_code,
                p.label AS point_label, w.part_of_day, w.status, w.created_at,
                a.starts_at AS offered_at, a.hold_expires_at AS offer_until
         FROM waitlist w
         JOIN contributors c ON c.id = w.contributor_id
         JOIN consultation_points p ON p.code = w.point_code
         LEFT JOIN appointments a ON a.id = w.appointment_id AND w.status = 'offerta'
         WHERE w.office_id = $1 AND w.status IN ('in_attesa', 'offerta')
           AND w.first_at < $3 AND w.last_at > $2
         ORDER BY w.id",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// Whether a closure of the office covers the place starting at `start`.
pub async fn closed_at(
    conn: &mut AnyConnection,
    office: OfficeId,
    point: PointCode,
    start: Instant,
) -> AppResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM closures WHERE office_id = $1 AND (point_code IS NULL OR point_code = $2)
           AND starts_at <= $3 AND ends_at > $3",
    )
    .bind(office)
    .bind(point)
    .bind(start)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}
