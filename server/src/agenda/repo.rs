//! The agenda's SQL, and the only place with it: typed rows, one function per question.
//! "Occupies a place" and "active" are written here once.

use crate::db::ids::{Counter, Ids};
use crate::db::WriteTx;
use crate::domain::booking;
use crate::domain::closure::ValidClosure;
use crate::domain::transition::{Place, Transition};
use crate::error::AppResult;
use api::{
    AppointmentId, ContributorId, EventKind, Instant, OfficeId, PointCode, Reference, SlotId,
    ThreadId, UserId,
};
use sqlx::AnyConnection;

pub use super::record::{find, find_by_id, with_timeline, EventRow, Record, SELECT};

/// SQL: the appointment `a` occupies its place at instant `$n` — confirmed, or held and still
/// in its time. An expired hold stops counting the moment it expires, swept or not.
pub fn occupies(n: usize) -> String {
    format!("(a.status = 'confermato' OR (a.status = 'prenotato' AND a.hold_expires_at > ${n}))")
}

/// SQL: the appointment `a` is active at `$n` (counts toward the limits): it occupies its
/// place and has not begun. Mirrors `booking::is_active`.
pub fn active(n: usize) -> String {
    format!(
        "((a.status = 'confermato' AND a.starts_at > ${n})
          OR (a.status = 'prenotato' AND a.hold_expires_at > ${n}))"
    )
}

/// The contributor's appointments, every one (Gestione appuntamenti never forgets).
pub async fn of_contributor(
    conn: &mut AnyConnection,
    contributor: ContributorId,
) -> AppResult<Vec<Record>> {
    Ok(
        sqlx::query_as(&format!("{SELECT} WHERE a.contributor_id = $1"))
            .bind(contributor)
            .fetch_all(conn)
            .await?,
    )
}

/// The active appointments of the contributors an intermediary holds a live delegation from,
/// soonest first.
pub async fn of_studio(
    conn: &mut AnyConnection,
    intermediary: UserId,
    now: Instant,
) -> AppResult<Vec<Record>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.starts_at > $2 AND {} AND {}
         ORDER BY a.starts_at, a.reference",
        occupies(2),
        crate::access::delegated("a.contributor_id", 1, 2)
    ))
    .bind(intermediary)
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// The office's appointments starting in [from, to) that are meetings: confirmed, attended or
/// cancelled (holds are not meetings yet).
pub async fn of_office_day(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<Record>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.office_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
           AND a.status IN ('confermato', 'svolto', 'non_presentato', 'annullato')
         ORDER BY a.starts_at, a.reference"
    ))
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// The office's appointments whose reference, or contributor's codice fiscale or name, match
/// (`code`: an upper-case LIKE pattern, `name`: a lower-case one), the latest first; holds
/// given up or lapsed are left out, as in the agenda.
pub async fn search_of_office(
    conn: &mut AnyConnection,
    office: OfficeId,
    code: &str,
    name: &str,
    limit: i64,
) -> AppResult<Vec<Record>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.office_id = $1
           AND a.status IN ('prenotato', 'confermato', 'svolto', 'non_presentato', 'annullato')
           AND (UPPER(a.reference) LIKE $2 ESCAPE '\\' OR UPPER(c.cf) LIKE $2 ESCAPE '\\'
                OR LOWER(c.name) LIKE $3 ESCAPE '\\')
         ORDER BY a.starts_at DESC, a.reference DESC
         LIMIT $4"
    ))
    .bind(office)
    .bind(code)
    .bind(name)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// The contributor's appointments at the office that were or are real (not holds given up or
/// expired), the latest first.
pub async fn of_contributor_at_office(
    conn: &mut AnyConnection,
    office: OfficeId,
    contributor: ContributorId,
) -> AppResult<Vec<Record>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.office_id = $1 AND a.contributor_id = $2
           AND a.status IN ('prenotato', 'confermato', 'svolto', 'non_presentato', 'annullato')
         ORDER BY a.starts_at DESC, a.reference DESC"
    ))
    .bind(office)
    .bind(contributor)
    .fetch_all(conn)
    .await?)
}

/// What a closure would catch: the office's appointments still to come that occupy a place
/// and overlap it, at its point or all.
pub async fn inside(
    conn: &mut AnyConnection,
    c: &ValidClosure,
    now: Instant,
) -> AppResult<Vec<Record>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.office_id = $1 AND a.starts_at < $3 AND a.ends_at > $2
           AND ($4 = '' OR a.point_code = $4) AND a.starts_at > $5 AND {}
         ORDER BY a.starts_at, a.reference",
        occupies(5)
    ))
    .bind(c.office)
    .bind(c.starts_at)
    .bind(c.ends_at)
    .bind(c.point.map_or("", PointCode::code))
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// An active appointment of a contributor: its thread and reference.
#[derive(sqlx::FromRow)]
pub struct ActiveRow {
    pub communication_id: ThreadId,
    pub reference: Reference,
}

pub async fn active_of(
    conn: &mut AnyConnection,
    contributor: ContributorId,
    now: Instant,
) -> AppResult<Vec<ActiveRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT a.communication_id, a.reference FROM appointments a
         WHERE a.contributor_id = $1 AND {} ORDER BY a.starts_at, a.id",
        active(2)
    ))
    .bind(contributor)
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// A hold whose time ran out, with what expiring it must lock first.
#[derive(Clone, Copy, sqlx::FromRow)]
pub struct ExpiredHold {
    pub id: AppointmentId,
    pub communication_id: ThreadId,
    pub slot_id: SlotId,
}

/// Expired holds still marked `prenotato`: all of them, or those of one slot.
pub async fn expired_holds(
    conn: &mut AnyConnection,
    slot: Option<SlotId>,
    now: Instant,
) -> AppResult<Vec<ExpiredHold>> {
    let sql = "SELECT id, communication_id, slot_id FROM appointments
               WHERE status = 'prenotato' AND hold_expires_at <= $1 AND ($2 = 0 OR slot_id = $2)
               ORDER BY id";
    Ok(sqlx::query_as(sql)
        .bind(now)
        .bind(slot.unwrap_or(SlotId(0)))
        .fetch_all(conn)
        .await?)
}

/// A place's slot row, if it has one, and its expired holds still marked `prenotato`, in one
/// statement (Prenota learns both before its transaction).
pub async fn slot_and_expired_holds(
    conn: &mut AnyConnection,
    office: OfficeId,
    point: PointCode,
    starts_at: Instant,
    now: Instant,
) -> AppResult<Option<(SlotId, Vec<ExpiredHold>)>> {
    let rows: Vec<(SlotId, Option<AppointmentId>, Option<ThreadId>)> = sqlx::query_as(
        "SELECT s.id, a.id, a.communication_id FROM slots s
         LEFT JOIN appointments a ON a.slot_id = s.id AND a.status = 'prenotato'
                                 AND a.hold_expires_at <= $4
         WHERE s.office_id = $1 AND s.point_code = $2 AND s.starts_at = $3
         ORDER BY a.id",
    )
    .bind(office)
    .bind(point)
    .bind(starts_at)
    .bind(now)
    .fetch_all(conn)
    .await?;
    let Some(&(slot, _, _)) = rows.first() else {
        return Ok(None);
    };
    let holds = rows
        .into_iter()
        .filter_map(|(slot_id, id, communication_id)| {
            Some(ExpiredHold {
                id: id?,
                communication_id: communication_id?,
                slot_id,
            })
        })
        .collect();
    Ok(Some((slot, holds)))
}

/// Whether the office declared a closure over the appointment's time (after it was held).
pub async fn inside_closure(tx: &mut WriteTx, appointment: AppointmentId) -> AppResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT k.id FROM closures k JOIN appointments a ON a.id = $1
         WHERE k.office_id = a.office_id AND (k.point_code IS NULL OR k.point_code = a.point_code)
           AND k.starts_at < a.ends_at AND k.ends_at > a.starts_at",
    )
    .bind(appointment)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

/// The counter of the year's Identificativi appuntamento.
pub fn reference_counter(now: Instant) -> Counter {
    Counter::Reference(crate::domain::rome::date_of(now).year())
}

/// The next Identificativo appuntamento of the year: "AP-2026-000123".
pub fn reference_of(ids: &mut Ids, now: Instant) -> AppResult<Reference> {
    let year = crate::domain::rome::date_of(now).year();
    Ok(Reference(format!(
        "AP-{year}-{:06}",
        ids.next(reference_counter(now))?
    )))
}

/// A new appointment, held.
pub struct NewHold<'a> {
    pub id: AppointmentId,
    pub reference: &'a Reference,
    pub thread: ThreadId,
    pub contributor: ContributorId,
    pub place: &'a Place,
    pub topic: &'a str,
    pub phone: &'a str,
    pub notes: &'a str,
    pub hold_expires_at: Instant,
    pub booked_by: UserId,
    pub booked_by_label: &'a str,
    pub now: Instant,
}

pub async fn insert_hold(tx: &mut WriteTx, h: &NewHold<'_>) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO appointments (id, reference, communication_id, contributor_id, slot_id, office_id,
             point_code, topic_code, starts_at, ends_at, phone, notes, status, hold_expires_at,
             booked_by, booked_by_label, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'prenotato', $13, $14, $15, $16, $16)",
    )
    .bind(h.id)
    .bind(h.reference)
    .bind(h.thread)
    .bind(h.contributor)
    .bind(h.place.slot)
    .bind(h.place.office)
    .bind(h.place.point)
    .bind(h.topic)
    .bind(h.place.starts_at)
    .bind(h.place.ends_at)
    .bind(h.phone)
    .bind(h.notes)
    .bind(h.hold_expires_at)
    .bind(h.booked_by)
    .bind(h.booked_by_label)
    .bind(h.now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves the appointment as `t` says, only from the status `t` starts from and only while its
/// condition still holds: false if a concurrent change got there first.
pub async fn change_status(
    tx: &mut WriteTx,
    r: &Record,
    t: &Transition,
    now: Instant,
) -> AppResult<bool> {
    let (id, next) = (r.id, t.next_status());
    let query = match t {
        Transition::Extend => sqlx::query(
            "UPDATE appointments SET hold_expires_at = $1, extensions = extensions + 1, updated_at = $2
             WHERE id = $3 AND status = 'prenotato' AND hold_expires_at > $2 AND extensions < $4
               AND hold_expires_at < $1",
        )
        .bind(now + booking::HOLD_SECONDS)
        .bind(now)
        .bind(id)
        .bind(booking::MAX_EXTENSIONS),
        // Not inside a closure declared since the hold: the caller asks `inside_closure` only
        // when this changes nothing, so a confirmation costs no statement for it.
        // A videochiamata gets its room as it is confirmed (`video`).
        Transition::Confirm => sqlx::query(
            "UPDATE appointments SET status = $1, hold_expires_at = NULL, updated_at = $2,
                 video_room = CASE WHEN point_code = 'video' THEN $4 ELSE NULL END
             WHERE id = $3 AND status = 'prenotato' AND hold_expires_at > $2
               AND NOT EXISTS (SELECT 1 FROM closures k WHERE k.office_id = appointments.office_id
                   AND (k.point_code IS NULL OR k.point_code = appointments.point_code)
                   AND k.starts_at < appointments.ends_at AND k.ends_at > appointments.starts_at)",
        )
        .bind(next)
        .bind(now)
        .bind(id)
        .bind(crate::video::new_room()),
        Transition::Release | Transition::ReleaseForClosure { .. } => {
            sqlx::query(
                "UPDATE appointments SET status = $1, hold_expires_at = NULL, updated_at = $2
                 WHERE id = $3 AND status = 'prenotato' AND hold_expires_at > $2",
            )
            .bind(next)
            .bind(now)
            .bind(id)
        }
        Transition::Expire => sqlx::query(
            "UPDATE appointments SET status = $1, updated_at = $2
             WHERE id = $3 AND status = 'prenotato' AND hold_expires_at <= $2",
        )
        .bind(next)
        .bind(now)
        .bind(id),
        Transition::Cancel { by, reason, latest } => sqlx::query(
            "UPDATE appointments SET status = $1, cancelled_by = $2, cancel_reason = $3,
                 updated_at = $4, video_room = NULL
             WHERE id = $5 AND status = 'confermato' AND $4 < $6",
        )
        .bind(next)
        .bind(*by)
        .bind(reason.clone())
        .bind(now)
        .bind(id)
        .bind(*latest),
        Transition::CorrectAttendance { .. } => sqlx::query(
            "UPDATE appointments SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        )
        .bind(next)
        .bind(now)
        .bind(id)
        .bind(t.from_status()),
        Transition::Attend { .. } => sqlx::query(
            "UPDATE appointments SET status = $1, updated_at = $2
             WHERE id = $3 AND status = 'confermato' AND starts_at <= $2",
        )
        .bind(next)
        .bind(now)
        .bind(id),
        // The place moves only if it is still confirmed where it was; a videochiamata keeps its
        // room, one moved to the video point gets one, one moved away loses it.
        Transition::Move { to, .. } => sqlx::query(
            "UPDATE appointments SET slot_id = $1, office_id = $2, point_code = $3, starts_at = $4,
                 ends_at = $5, moves = moves + 1, updated_at = $6,
                 video_room = CASE WHEN $3 = 'video' THEN COALESCE(video_room, $9) ELSE NULL END
             WHERE id = $7 AND status = 'confermato' AND slot_id = $8",
        )
        .bind(to.slot)
        .bind(to.office)
        .bind(to.point)
        .bind(to.starts_at)
        .bind(to.ends_at)
        .bind(now)
        .bind(id)
        .bind(r.slot_id)
        .bind(crate::video::new_room()),
    };
    Ok(query.execute(&mut **tx).await?.rows_affected() == 1)
}

pub struct NewEvent<'a> {
    pub id: i64,
    pub appointment: AppointmentId,
    pub at: Instant,
    pub kind: EventKind,
    pub actor: Option<UserId>,
    pub label: &'a str,
    pub note: Option<&'a str>,
    /// The note as a catalogue sentence (`texts::Saying`, JSON) when the service wrote it.
    pub note_said: Option<&'a str>,
}

pub async fn insert_event(tx: &mut WriteTx, e: &NewEvent<'_>) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO appointment_events (id, appointment_id, at, kind, actor_user_id, actor_label,
             note, note_said)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.id)
    .bind(e.appointment)
    .bind(e.at)
    .bind(e.kind)
    .bind(e.actor)
    .bind(e.label)
    .bind(e.note)
    .bind(e.note_said)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Booked places per start of one office and point in [from, to): capacity overrides and
/// counts of what occupies a place at `now`.
#[derive(sqlx::FromRow)]
pub struct Taken {
    pub starts_at: Instant,
    pub n: i64,
}

pub async fn taken(
    conn: &mut AnyConnection,
    office: OfficeId,
    point: PointCode,
    from: Instant,
    to: Instant,
    now: Instant,
) -> AppResult<Vec<Taken>> {
    Ok(sqlx::query_as(&format!(
        "SELECT a.starts_at, COUNT(*) AS n FROM appointments a
         WHERE a.office_id = $1 AND a.point_code = $2 AND a.starts_at >= $3 AND a.starts_at < $4
           AND {}
         GROUP BY a.starts_at",
        occupies(5)
    ))
    .bind(office)
    .bind(point)
    .bind(from)
    .bind(to)
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// When the first hold now counted in the span stops counting, if any: free places change
/// then without a write.
pub async fn next_hold_expiry(
    conn: &mut AnyConnection,
    office: OfficeId,
    point: PointCode,
    from: Instant,
    to: Instant,
    now: Instant,
) -> AppResult<Option<Instant>> {
    Ok(sqlx::query_scalar(
        "SELECT MIN(a.hold_expires_at) FROM appointments a
         WHERE a.office_id = $1 AND a.point_code = $2 AND a.starts_at >= $3 AND a.starts_at < $4
           AND a.status = 'prenotato' AND a.hold_expires_at > $5",
    )
    .bind(office)
    .bind(point)
    .bind(from)
    .bind(to)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// A slot row: its place's capacity (as changed by the office) and what it holds.
#[derive(sqlx::FromRow)]
pub struct SlotRow {
    pub id: SlotId,
    pub starts_at: Instant,
    pub capacity: i64,
    pub booked: i64,
}

pub async fn slots_between(
    conn: &mut AnyConnection,
    office: OfficeId,
    point: PointCode,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<SlotRow>> {
    Ok(sqlx::query_as(
        "SELECT id, starts_at, capacity, booked FROM slots
         WHERE office_id = $1 AND point_code = $2 AND starts_at >= $3 AND starts_at < $4
         ORDER BY starts_at",
    )
    .bind(office)
    .bind(point)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}
