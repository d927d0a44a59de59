//! An appointment as the pages, the notices and the rules read it (`Record`): its columns and
//! tables once, the look-ups by reference and id, and the one-statement read with its timeline.

use crate::domain::booking::{self, Deadlines, State};
use crate::domain::transition::Place;
use crate::error::AppResult;
use api::{
    AppointmentId, AppointmentStatus, CancelledBy, Category, Cf, ContributorId, EventKind, Instant,
    OfficeId, PointCode, Reference, Role, SlotId, ThreadId, UserId,
};
use sqlx::AnyConnection;

/// An appointment with everything the pages show about it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Record {
    pub id: AppointmentId,
    pub reference: Reference,
    pub status: AppointmentStatus,
    pub communication_id: ThreadId,
    pub contributor_id: ContributorId,
    pub slot_id: SlotId,
    pub office_id: OfficeId,
    pub point_code: PointCode,
    pub starts_at: Instant,
    pub ends_at: Instant,
    pub phone: String,
    pub notes: String,
    pub hold_expires_at: Option<Instant>,
    pub extensions: i64,
    pub moves: i64,
    pub booked_by_label: String,
    pub booker_role: Role,
    pub cancelled_by: Option<CancelledBy>,
    pub cancel_reason: Option<String>,
    pub protocol: String,
    pub subject: String,
    pub topic_code: String,
    pub topic_label: String,
    pub topic_days: i64,
    pub cancel_cutoff_minutes: i64,
    pub point_label: String,
    pub office_name: String,
    pub office_city: String,
    pub office_address: String,
    pub office_province: String,
    pub cf: Cf,
    pub contributor_name: String,
    pub category: Category,
    pub province: String,
    /// The contributor's own account, if they have one: they reach it with no further query.
    pub contributor_user: Option<UserId>,
    /// 1 while it is a place the Lista d'attesa offers and the person has not answered: only
    /// then does its change decide a waiting entry. An appointment never becomes an offer
    /// after it is made, so a record read before the transaction is not wrong to say 0.
    pub pending_offer: i64,
    /// When the office first recorded whether it took place.
    pub attended_at: Option<Instant>,
    /// A confirmed videochiamata's room (`video`).
    pub video_room: Option<String>,
}

impl Record {
    /// What the rules see at `now`.
    pub fn state(&self, now: Instant) -> State {
        booking::state(self.status, self.hold_expires_at, now)
    }

    /// The status as people see it at `now`: a hold whose time ran out is expired, whether or
    /// not the sweeper has written it.
    pub fn status_at(&self, now: Instant) -> AppointmentStatus {
        match self.state(now) {
            State::HoldExpired => AppointmentStatus::Scaduto,
            _ => self.status,
        }
    }

    /// What its time limits depend on.
    pub fn deadlines(&self) -> Deadlines {
        Deadlines {
            starts_at: self.starts_at,
            cutoff_minutes: self.cancel_cutoff_minutes,
            moves: self.moves,
            attended_at: self.attended_at,
        }
    }

    /// The place it takes, with the names messages give it.
    pub fn place(&self) -> Place {
        Place {
            slot: self.slot_id,
            office: self.office_id,
            office_name: self.office_name.clone(),
            point: self.point_code,
            point_label: self.point_label.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        }
    }
}

// `Record`'s columns and the tables they come from, as literals so that queries can extend them.
macro_rules! record_columns {
    () => {
        "a.id, a.reference, a.status, a.communication_id,
        a.contributor_id, a.slot_id, a.office_id, a.point_code, a.starts_at, a.ends_at, a.phone,
        a.notes, a.hold_expires_at, a.extensions, a.moves, a.booked_by_label, u.role AS booker_role,
        a.cancelled_by, a.cancel_reason, t.protocol, t.subject, a.topic_code,
        tp.label AS topic_label, tp.appointment_after_days AS topic_days,
        tp.cancel_cutoff_minutes, p.label AS point_label, o.name AS office_name,
        o.city AS office_city, o.address AS office_address, o.province AS office_province,
        c.cf, c.name AS contributor_name, c.category, c.province,
        c.user_id AS contributor_user,
        CASE WHEN EXISTS (SELECT 1 FROM waitlist w WHERE w.appointment_id = a.id
                            AND w.status = 'offerta') THEN 1 ELSE 0 END AS pending_offer,
        (SELECT MIN(e.at) FROM appointment_events e WHERE e.appointment_id = a.id
           AND e.kind IN ('svolto', 'non_presentato')) AS attended_at, a.video_room"
    };
}
macro_rules! record_from {
    () => {
        "
 FROM appointments a
 JOIN communications t ON t.id = a.communication_id
 JOIN topics tp ON tp.code = a.topic_code
 JOIN consultation_points p ON p.code = a.point_code
 JOIN offices o ON o.id = a.office_id
 JOIN contributors c ON c.id = a.contributor_id
 JOIN users u ON u.id = a.booked_by"
    };
}

/// Every column of `Record`; callers add WHERE and ORDER BY.
pub const SELECT: &str = concat!("SELECT ", record_columns!(), record_from!());

pub async fn find(conn: &mut AnyConnection, reference: &Reference) -> AppResult<Option<Record>> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE a.reference = $1"))
        .bind(reference)
        .fetch_optional(conn)
        .await?)
}

/// One entry of an appointment's timeline.
#[derive(sqlx::FromRow)]
pub struct EventRow {
    pub at: Instant,
    pub kind: EventKind,
    pub actor_label: String,
    pub note: Option<String>,
    pub note_said: Option<String>,
    /// The operator who acted, when an office did: the office's own view names them.
    pub operator_name: Option<String>,
}

/// An appointment and its timeline in one statement: a row per event, the appointment's
/// columns repeated on each.
const WITH_TIMELINE: &str = concat!(
    "SELECT ",
    record_columns!(),
    ", ev.at AS e_at, ev.kind AS e_kind, ev.actor_label AS e_actor_label, ev.note AS e_note,
       ev.note_said AS e_note_said,
       CASE WHEN evu.role = 'operatore' THEN evu.name END AS e_operator_name",
    record_from!(),
    " LEFT JOIN appointment_events ev ON ev.appointment_id = a.id
     LEFT JOIN users evu ON evu.id = ev.actor_user_id
     WHERE a.id = $1 ORDER BY ev.at, ev.id"
);

#[derive(sqlx::FromRow)]
struct WithEvent {
    #[sqlx(flatten)]
    record: Record,
    e_at: Option<Instant>,
    e_kind: Option<EventKind>,
    e_actor_label: Option<String>,
    e_note: Option<String>,
    e_note_said: Option<String>,
    e_operator_name: Option<String>,
}

/// The appointment `id` with its timeline, earliest first.
pub async fn with_timeline(
    conn: &mut AnyConnection,
    id: AppointmentId,
) -> AppResult<Option<(Record, Vec<EventRow>)>> {
    let rows: Vec<WithEvent> = sqlx::query_as(WITH_TIMELINE)
        .bind(id)
        .fetch_all(conn)
        .await?;
    let mut rows = rows.into_iter();
    let Some(first) = rows.next() else {
        return Ok(None);
    };
    let event = |w: &WithEvent| -> Option<EventRow> {
        Some(EventRow {
            at: w.e_at?,
            kind: w.e_kind?,
            actor_label: w.e_actor_label.clone()?,
            note: w.e_note.clone(),
            note_said: w.e_note_said.clone(),
            operator_name: w.e_operator_name.clone(),
        })
    };
    let mut events: Vec<EventRow> = event(&first).into_iter().collect();
    events.extend(rows.filter_map(|w| event(&w)));
    Ok(Some((first.record, events)))
}

pub async fn find_by_id(conn: &mut AnyConnection, id: AppointmentId) -> AppResult<Option<Record>> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}
