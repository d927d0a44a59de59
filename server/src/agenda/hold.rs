//! Prenota appuntamento as one transaction: the rules under the locks (eligibility, limits,
//! hold cycling), the place (`workflow::take`, expiring the slot's old holds first), the
//! appointment with its first event and thread message, and the answer stored for the
//! idempotency key. The lock order is `db::Level`'s; a slot's expired holds have their threads
//! locked before the slot.

use super::booking_facts::{self, BookingFacts};
use super::idempotency::{self, Idempotency, Written};
use super::repo::{self, ExpiredHold, NewEvent, NewHold};
use super::slot_rows;
use super::workflow::{apply, counters, take};
use crate::access::{self, ActingFor};
use crate::auth::CurrentUser;
use crate::communications::repo as threads;
use crate::db::ids::{Counter, Ids};
use crate::db::{Db, WriteTx};
use crate::domain::booking::{self, Viewer, HOLD_SECONDS};
use crate::domain::rome;
use crate::domain::slots::Slot;
use crate::domain::texts::{self, About};
use crate::domain::transition::{Place, Transition};
use crate::error::{retrying, AppError, AppResult};
use api::{
    AppointmentId, ConsultationPoint, ErrorCode, EventKind, Instant, Office, SlotId, ThreadId,
};

/// A Prenota appuntamento request, parsed: every field valid, the place one the engine offers.
pub struct ValidHold {
    pub thread: ThreadId,
    pub office: Office,
    pub point: ConsultationPoint,
    pub slot: Slot,
    pub phone: String,
    pub notes: String,
}

/// Who books, and for whom.
pub struct Booker<'a> {
    pub user: &'a CurrentUser,
    pub acting: &'a ActingFor,
}

impl Booker<'_> {
    /// The office books for the person at its desk or on the phone: confirmed at once, and
    /// the waiting days of "Richiedi appuntamento" do not bind it (it is the office that
    /// decides to meet); every other rule does.
    fn is_office(&self) -> bool {
        self.user.role == api::Role::Operatore
    }
}

/// Prenota appuntamento: the stored answer (this request's, or the first one's with the same
/// key).
pub async fn hold(
    db: &Db,
    who: &Booker<'_>,
    v: &ValidHold,
    idem: &Idempotency,
    now: Instant,
) -> AppResult<(u16, String)> {
    // Nothing before the transaction refuses a replay: the key's claim inside it tells one.
    idempotency::claimed_inside(db, idem, || async move {
        // What to lock is learnt first, without locks: the slot's expired holds, whose threads
        // come before the slot in the lock order.
        let mut conn = db.pool.acquire().await?;
        let (known, expired) = match repo::slot_and_expired_holds(
            &mut conn,
            v.office.id,
            v.point.code,
            v.slot.start,
            now,
        )
        .await?
        {
            Some((slot, expired)) => (Some(slot), expired),
            None => (None, Vec::new()),
        };
        drop(conn);
        let expired = &expired[..];
        retrying(|| hold_once(db, who, v, idem, known, expired, now)).await
    })
    .await
}

async fn hold_once(
    db: &Db,
    who: &Booker<'_>,
    v: &ValidHold,
    idem: &Idempotency,
    known: Option<SlotId>,
    expired: &[ExpiredHold],
    now: Instant,
) -> AppResult<Written> {
    let mut tx = db.begin_write().await?;
    tx.lock(&[who.acting.id]).await?;
    let mut thread_ids: Vec<_> = expired.iter().map(|h| h.communication_id).collect();
    thread_ids.push(v.thread);
    tx.lock(&thread_ids).await?;
    if !idempotency::claim(&mut tx, idem, now).await? {
        return Ok(Written::KeyTaken);
    }
    let facts = booking_facts::read(
        &mut tx,
        v.thread,
        who.acting.id,
        (who.user.role == api::Role::Intermediario).then_some(who.user.id),
        now,
    )
    .await?;
    may_book(who, v.thread, &facts, now)?;
    if !who.is_office() {
        hold_cycling(who, &facts, now)?;
    }
    // A slot row, once made, stays with its id: the one read before the transaction is it.
    let slot = match known {
        Some(slot) => slot,
        None => slot_rows::slot_row(&mut tx, v.office.id, v.point.code, &v.slot).await?,
    };
    // The slot's lock is `take`'s: its first statement on the row.
    let mut wants = vec![
        (repo::reference_counter(now), 1),
        (Counter::Appointments, 1),
        (Counter::AppointmentEvents, 1),
        (Counter::Messages, 1),
    ];
    if who.is_office() {
        wants.extend(counters(&Transition::Confirm));
    }
    let Some(mut ids) = take(&mut tx, slot, expired, &wants, now).await? else {
        return Err(AppError::conflict(
            ErrorCode::SlotUnavailable,
            catalogue::t::hold_slot_taken(),
        ));
    };
    let id = AppointmentId(ids.next(Counter::Appointments)?);
    let reference = repo::reference_of(&mut ids, now)?;
    let place = Place::chosen(slot, &v.office, &v.point, &v.slot);
    let hold = NewHold {
        id,
        reference: &reference,
        thread: v.thread,
        contributor: who.acting.id,
        place: &place,
        topic: &facts.thread.topic_code,
        phone: &v.phone,
        notes: &v.notes,
        hold_expires_at: now + HOLD_SECONDS,
        booked_by: who.user.id,
        booked_by_label: "",
        now,
    };
    insert_hold(&mut tx, &mut ids, who, hold, facts.waiting).await?;
    if !who.is_office() {
        tracing::info!(%reference, "appointment held");
        return idempotency::finish(tx, idem, 201, id, Viewer::ContributorSide, now).await;
    }
    // The office's booking is confirmed in the same transaction: the thread reads one message
    // (the confirmation, signed by the office) and the contributor gets its notice and
    // reminders, as after their own Conferma.
    let record = repo::find_by_id(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::Internal("hold read back".into()))?;
    let actor = access::actor(who.user, &who.acting.contributor.name);
    let confirmed = apply(
        &mut tx,
        &mut ids,
        &record,
        &Transition::Confirm,
        &actor,
        now,
    )
    .await?;
    if !confirmed {
        // Only a closure declared between reading the timetable and this transaction stops
        // a hold made a moment ago: as Conferma would, refuse (the hold is rolled back).
        return Err(if repo::inside_closure(&mut tx, id).await? {
            AppError::conflict(ErrorCode::OfficeClosed, catalogue::t::hold_office_closed())
        } else {
            AppError::Internal("the office's hold could not be confirmed".into())
        });
    }
    tracing::info!(target: "audit", event = "office_booking", user = who.user.id.0, %reference);
    idempotency::finish(tx, idem, 201, id, Viewer::Office, now).await
}

/// Whether the thread may be booked now, by what was read under the contributor's and the
/// thread's locks: no live appointment for it, eligible, the contributor below the limit.
fn may_book(
    who: &Booker<'_>,
    thread: ThreadId,
    facts: &BookingFacts,
    now: Instant,
) -> AppResult<()> {
    let live = &facts.live;
    if let Some(a) = live.iter().find(|a| a.communication_id == thread) {
        return Err(AppError::conflict(
            ErrorCode::ThreadHasAppointment,
            catalogue::t::thread_has_appointment(a.reference.as_str()),
        ));
    }
    if who.is_office() {
        booking::office_may_book(facts.thread.status)
            .map_err(|e| AppError::conflict(ErrorCode::NotEligible, e))?;
    } else {
        let eligibility = facts.thread.eligibility(now);
        if !eligibility.eligible {
            return Err(AppError::conflict(
                ErrorCode::NotEligible,
                eligibility.reason,
            ));
        }
    }
    let max = booking::MAX_ACTIVE_PER_CONTRIBUTOR;
    if live.len() as i64 >= max {
        let references: Vec<&str> = live.iter().map(|a| a.reference.as_str()).collect();
        let references = references.join(", ");
        return Err(AppError::TooManyRequests {
            code: ErrorCode::TooManyAppointments,
            message: if who.is_office() {
                catalogue::t::hold_too_many_office(max, references)
            } else {
                catalogue::t::hold_too_many(max, references)
            },
            retry_after: 0,
        });
    }
    Ok(())
}

/// Booking places and letting them go denies them to others: past a number of holds given
/// up in the last hour (per contributor, and per intermediary across contributors), 429.
fn hold_cycling(who: &Booker<'_>, facts: &BookingFacts, now: Instant) -> AppResult<()> {
    use crate::domain::limits::{
        given_up_holds, GIVEN_UP_HOLDS_PER_HOUR, GIVEN_UP_HOLDS_PER_HOUR_STUDIO,
    };
    given_up_holds(facts.given_up, GIVEN_UP_HOLDS_PER_HOUR, now)?;
    if who.user.role == api::Role::Intermediario {
        given_up_holds(facts.studio_given_up, GIVEN_UP_HOLDS_PER_HOUR_STUDIO, now)?;
    }
    Ok(())
}

/// The hold, its first event and the service's message in the thread, naming who booked:
/// never a person's words, never awaiting an answer.
async fn insert_hold(
    tx: &mut WriteTx,
    ids: &mut Ids,
    who: &Booker<'_>,
    mut hold: NewHold<'_>,
    waiting: bool,
) -> AppResult<()> {
    let actor = access::actor(who.user, &who.acting.contributor.name);
    hold.booked_by_label = &actor.timeline;
    repo::insert_hold(tx, &hold).await?;
    let event = NewEvent {
        id: ids.next(Counter::AppointmentEvents)?,
        appointment: hold.id,
        at: hold.now,
        kind: EventKind::Prenotato,
        actor: Some(who.user.id),
        label: &actor.timeline,
        note: None,
        note_said: None,
    };
    repo::insert_event(tx, &event).await?;
    // Booked for the thread: its waiting-list entry has done its job.
    if waiting {
        crate::waitlist::repo::end_for_booking(tx, hold.thread, hold.id, hold.now).await?;
    }
    if who.is_office() {
        // The confirmation that follows at once is the thread's one message.
        return Ok(());
    }
    let starts = rome::instant(hold.place.starts_at);
    let about = About {
        reference: hold.reference.as_str(),
        starts_at: &starts,
        office: &hold.place.office_name,
        point: hold.place.point,
    };
    let said = texts::held(&about, &rome::instant(hold.hold_expires_at), &actor.thread);
    let (text, stored) = (said.italian(), said.stored());
    let message = threads::NewMessage {
        id: ids.next(Counter::Messages)?,
        communication_id: hold.thread,
        author: Some(who.user.id),
        label: texts::SYSTEM_AUTHOR,
        from_institute: false,
        text: &text,
        said: stored.as_deref(),
        now: hold.now,
    };
    threads::post(tx, &message).await
}
