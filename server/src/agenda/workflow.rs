//! The booking core's transitions: each opens one write transaction, takes its locks in the
//! one lock order (`db::Level`: contributor → thread → slot → appointment, then counters),
//! asks the domain, applies the outcome with `apply` and commits. A PostgreSQL deadlock or
//! serialization failure reruns the whole transaction (`retrying`), bounded.

use super::repo::{self, ExpiredHold, NewEvent, Record};
use super::slot_rows;
use crate::access::{self, ActingFor};
use crate::auth::CurrentUser;
use crate::communications::repo as threads;
use crate::db::ids::{Counter, Ids};
use crate::db::{Db, WriteTx};
use crate::domain::booking::{self, Refusal, Step, Viewer, HOLD_SECONDS};
use crate::domain::rome;
use crate::domain::texts::{self, About, Actor, SYSTEM_AUTHOR};
use crate::domain::transition::Transition;
use crate::error::{retrying, AppError, AppResult};
use crate::notify::outbox::{self, NewNotice};
use crate::waitlist::offers;
use api::{AppointmentStatus, Attendance, CancelledBy, ErrorCode, Instant, SlotId};

pub fn refusal(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::Expired => AppError::Gone,
        Refusal::Conflict(code, message) => AppError::conflict(code, message),
    }
}

/// The counters one transition needs: its event, its message, its notice and the reminders it
/// schedules.
pub fn counters(t: &Transition) -> Vec<(Counter, i64)> {
    let reminders = if t.reminds_of(Instant(0)).is_some() {
        2
    } else {
        0
    };
    vec![
        (Counter::AppointmentEvents, 1),
        (Counter::Messages, 1),
        (Counter::Outbox, i64::from(t.notice().is_some()) + reminders),
    ]
}

/// Applies `t` to the appointment inside the caller's transaction, which holds the locks of
/// its thread, its slot (if the place is freed) and the appointment, and the counters: the
/// status (for a move, the place), the place given back, the timeline event, the thread
/// message and the outbox rows (the notice; a confirmation's or a move's reminders, the old
/// ones withdrawn when a confirmed appointment changes), all or none. False if the
/// appointment was no longer in the state `t` starts from.
pub async fn apply(
    tx: &mut WriteTx,
    ids: &mut Ids,
    r: &Record,
    t: &Transition,
    actor: &Actor,
    now: Instant,
) -> AppResult<bool> {
    if !repo::change_status(tx, r, t, now).await? {
        return Ok(false);
    }
    ids.fetch(tx).await?;
    if t.frees_place() {
        slot_rows::give_back_place(tx, r.slot_id).await?;
    }
    // An offered place's hold decides its waiting-list entry (nothing for other holds).
    if let Some(status) = crate::domain::waitlist::after_offer(t).filter(|_| r.pending_offer != 0) {
        crate::waitlist::repo::follow_offer(tx, r.id, status, now).await?;
    }
    let starts = rome::instant(r.starts_at);
    let a = About {
        reference: r.reference.as_str(),
        starts_at: &starts,
        office: &r.office_name,
        point: r.point_code,
    };
    let note = texts::note(t, &a);
    let (note, note_said) = (
        note.as_ref().map(texts::Saying::italian),
        note.as_ref().and_then(texts::Saying::stored),
    );
    let event = NewEvent {
        id: ids.next(Counter::AppointmentEvents)?,
        appointment: r.id,
        at: now,
        kind: t.event(),
        actor: actor.user,
        label: &actor.timeline,
        note: note.as_deref(),
        note_said: note_said.as_deref(),
    };
    repo::insert_event(tx, &event).await?;
    let said = texts::after(t, &a, &rome::instant(now + HOLD_SECONDS), actor);
    let (text, stored) = (said.italian(), said.stored());
    // What the office does is signed by the office; the rest is the service's message, which
    // names who acted in its text.
    let message = threads::NewMessage {
        id: ids.next(Counter::Messages)?,
        communication_id: r.communication_id,
        author: actor.user,
        label: if t.from_institute() {
            &actor.thread
        } else {
            SYSTEM_AUTHOR
        },
        from_institute: t.from_institute(),
        text: &text,
        said: stored.as_deref(),
        now,
    };
    threads::post(tx, &message).await?;
    if t.from_status() == AppointmentStatus::Confermato {
        outbox::withdraw_reminders(tx, r.id).await?;
    }
    let notice = |ids: &mut Ids, kind, due_at| -> AppResult<NewNotice> {
        Ok(NewNotice {
            id: ids.next(Counter::Outbox)?,
            kind,
            appointment: Some(r.id),
            thread: r.communication_id,
            due_at,
        })
    };
    // The notice and the reminders in one statement.
    let mut notices = Vec::new();
    if let Some(kind) = t.notice() {
        notices.push(notice(ids, kind, now)?);
    }
    if let Some(starts_at) = t.reminds_of(r.starts_at) {
        for (kind, due) in
            crate::domain::notices::reminders(starts_at, now, outbox::reminder_policy())
        {
            notices.push(notice(ids, kind, due)?);
        }
    }
    outbox::insert_all(tx, &notices, now).await?;
    Ok(true)
}

/// A place in `slot` for a booking or a move, inside the caller's transaction, which holds the
/// locks of the threads of its `expired` holds (and may hold the slot's; otherwise it is taken
/// here, next in the order): taken if one is free; if the
/// slot is full, its holds whose time ran out expire first (their rows locked now, the
/// counters of the whole transaction taken with theirs) and give their places back. Returns
/// the counters `wants` asked for, or None when there is still no place.
pub async fn take(
    tx: &mut WriteTx,
    slot: SlotId,
    expired: &[ExpiredHold],
    wants: &[(Counter, i64)],
    now: Instant,
) -> AppResult<Option<Ids>> {
    // The place's UPDATE takes the slot's row lock itself when it succeeds; only when it does
    // not (full, or full of expired holds) is the slot locked before the holds, in the order.
    if slot_rows::take_place(tx, slot).await? {
        return Ok(Some(Ids::take(tx, wants).await?));
    }
    if expired.is_empty() {
        return Ok(None);
    }
    tx.lock(&[slot]).await?;
    let holds: Vec<_> = expired.iter().map(|h| h.id).collect();
    tx.lock(&holds).await?;
    let mut all = wants.to_vec();
    all.extend(expired.iter().flat_map(|_| counters(&Transition::Expire)));
    let mut ids = Ids::take(tx, &all).await?;
    for hold in expired {
        if let Some(r) = repo::find_by_id(tx, hold.id).await? {
            apply(tx, &mut ids, &r, &Transition::Expire, &Actor::system(), now).await?;
        }
    }
    Ok(slot_rows::take_place(tx, slot).await?.then_some(ids))
}

/// Locks what a change of `r` writes, in the lock order. One appointment whose change frees
/// no place is left to its status UPDATE, the next statement on it (`apply`): that takes the
/// same lock at the same point of the order, and PostgreSQL is spared a round trip.
pub async fn lock_for(tx: &mut WriteTx, records: &[&Record], frees_place: bool) -> AppResult<()> {
    let threads: Vec<_> = records.iter().map(|r| r.communication_id).collect();
    tx.lock(&threads).await?;
    if frees_place {
        let slots: Vec<_> = records.iter().map(|r| r.slot_id).collect();
        tx.lock(&slots).await?;
    }
    if frees_place || records.len() > 1 {
        let rows: Vec<_> = records.iter().map(|r| r.id).collect();
        tx.lock(&rows).await?;
    }
    Ok(())
}

/// One transition of one appointment in its own transaction, retried on a deadlock. A place
/// it frees goes, in the same transaction, to the first matching waiting entry (see
/// `waitlist::offers`).
async fn transition(
    db: &Db,
    r: &Record,
    t: &Transition,
    actor: &Actor,
    now: Instant,
) -> AppResult<bool> {
    retrying(|| async move {
        let mut tx = db.begin_write().await?;
        lock_for(&mut tx, &[r], t.frees_place()).await?;
        let freed = t.frees_place().then(|| r.place());
        // Only if this change will happen: a no-op leaves the place where it is.
        let picked = match &freed {
            Some(place) if r.status == t.from_status() => {
                offers::pick(&mut tx, place, now, &[]).await?
            }
            _ => None,
        };
        let mut wants = counters(t);
        if picked.is_some() {
            wants.extend(offers::counters(now));
        }
        let mut ids = Ids::later(&wants);
        let applied = apply(&mut tx, &mut ids, r, t, actor, now).await?;
        // A confirmation that changed nothing: a closure declared over it since the hold is
        // said (the hold stays until the closure's cancellation or its time runs out).
        if !applied && *t == Transition::Confirm && repo::inside_closure(&mut tx, r.id).await? {
            return Err(AppError::conflict(
                ErrorCode::OfficeClosed,
                catalogue::t::confirm_office_closed(),
            ));
        }
        if let (true, Some(place), Some(picked)) = (applied, &freed, &picked) {
            offers::give(&mut tx, &mut ids, place, picked, now).await?;
        }
        tx.commit().await?;
        Ok(applied)
    })
    .await
}

/// Estendi, Conferma appuntamento, Cancella prenotazione.
#[derive(Clone, Copy)]
pub enum HoldStep {
    Extend,
    Confirm,
    Release,
}

/// A step on a hold by the contributor's side. An expired hold is said so (410) and its place
/// given back at once, without waiting for the sweeper; a step already done answers the same.
pub async fn step(
    db: &Db,
    user: &CurrentUser,
    acting: &ActingFor,
    r: &Record,
    step: HoldStep,
    now: Instant,
) -> AppResult<()> {
    let current = r.state(now);
    let (decided, t) = match step {
        HoldStep::Extend => (booking::extend(current, r.extensions), Transition::Extend),
        HoldStep::Confirm => (booking::confirm(current), Transition::Confirm),
        HoldStep::Release => (booking::release(current), Transition::Release),
    };
    match decided {
        Err(Refusal::Expired) => {
            transition(db, r, &Transition::Expire, &Actor::system(), now).await?;
            Err(AppError::Gone)
        }
        Err(other) => Err(refusal(other)),
        Ok(Step::AlreadyDone) => Ok(()),
        Ok(Step::To(_)) => {
            let actor = access::actor(user, &acting.contributor.name);
            transition(db, r, &t, &actor, now).await.map(|_| ())
        }
    }
}

/// Annulla appuntamento: the contributor's side until the topic's cut-off, the office until
/// the start. The rule is asked first and again inside the write (the status change is
/// conditional on it), so a step that raced this one wins cleanly.
pub async fn cancel(
    db: &Db,
    user: &CurrentUser,
    r: &Record,
    viewer: Viewer,
    reason: Option<String>,
    now: Instant,
) -> AppResult<()> {
    let current = r.state(now);
    let (decided, by, latest) = match viewer {
        Viewer::Office => (
            booking::cancel_by_office(current, r.starts_at, now),
            CancelledBy::Sede,
            r.starts_at,
        ),
        Viewer::ContributorSide => (
            booking::cancel(current, r.starts_at, r.cancel_cutoff_minutes, now),
            CancelledBy::Contribuente,
            booking::cancel_deadline(r.starts_at, r.cancel_cutoff_minutes),
        ),
    };
    if let Step::To(_) = decided.map_err(refusal)? {
        let t = Transition::Cancel { by, reason, latest };
        let actor = access::actor(user, &r.contributor_name);
        transition(db, r, &t, &actor, now).await?;
        if viewer == Viewer::Office {
            tracing::info!(target: "audit", event = "office_cancellation", user = user.id.0, reference = %r.reference);
        } else {
            tracing::info!(reference = %r.reference, "appointment cancelled");
        }
    }
    Ok(())
}

/// "Svolto" or "Non presentato", by the office once the appointment started.
pub async fn attend(
    db: &Db,
    user: &CurrentUser,
    r: &Record,
    outcome: Attendance,
    esito: Option<String>,
    now: Instant,
) -> AppResult<()> {
    let decided = booking::attendance(r.state(now), outcome, r.starts_at, now).map_err(refusal)?;
    if let Step::To(_) = decided {
        let t = Transition::Attend { outcome, esito };
        let actor = access::actor(user, &r.contributor_name);
        transition(db, r, &t, &actor, now).await?;
    }
    Ok(())
}

/// The office corrects the attendance it recorded, within a day of recording it: the timeline
/// keeps both entries, the thread and an e-mail tell the contributor.
pub async fn correct_attendance(
    db: &Db,
    user: &CurrentUser,
    r: &Record,
    to: Attendance,
    esito: Option<String>,
    now: Instant,
) -> AppResult<()> {
    let decided =
        booking::correct_attendance(r.status, r.attended_at, Some(to), now).map_err(refusal)?;
    let from = match r.status {
        AppointmentStatus::Svolto => Attendance::Svolto,
        _ => Attendance::NonPresentato,
    };
    if let Step::To(_) = decided {
        let t = Transition::CorrectAttendance { from, to, esito };
        let actor = access::actor(user, &r.contributor_name);
        if !transition(db, r, &t, &actor, now).await? {
            return Err(AppError::conflict(
                ErrorCode::AppointmentChanged,
                catalogue::t::appointment_changed(),
            ));
        }
        tracing::info!(target: "audit", event = "attendance_corrected", user = user.id.0, reference = %r.reference);
    }
    Ok(())
}

/// The sweeper's round: every hold whose time ran out becomes `scaduto` and gives its place
/// back, each in its own short transaction; a conditional update makes two servers sweeping at
/// once never free a place twice. Returns how many it expired.
pub async fn sweep(db: &Db, now: Instant) -> AppResult<usize> {
    let mut conn = db.pool.acquire().await?;
    let holds = repo::expired_holds(&mut conn, None, now).await?;
    let mut expired = 0;
    for hold in holds {
        let Some(r) = repo::find_by_id(&mut conn, hold.id).await? else {
            continue;
        };
        if transition(db, &r, &Transition::Expire, &Actor::system(), now).await? {
            expired += 1;
        }
    }
    Ok(expired)
}
