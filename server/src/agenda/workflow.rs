//! The booking core's transitions: each opens one write transaction, takes its locks in the
//! one lock order (`db::Level`: contributor → thread → slot → appointment, then counters),
//! asks the domain, applies the outcome with `apply` and commits. A PostgreSQL deadlock or
//! serialization failure reruns the whole transaction (`retrying`), bounded.

use super::repo::{self, ExpiredHold, NewEvent, Record};
use super::slot_rows;
use crate::access::ActingFor;
use crate::auth::CurrentUser;
use crate::communications::repo as threads;
use crate::db::{Db, Ids, Level, WriteTx};
use crate::domain::booking::{self, Refusal, Step, Viewer, HOLD_SECONDS};
use crate::domain::notices;
use crate::domain::texts::{self, About, SYSTEM_ACTOR, SYSTEM_AUTHOR};
use crate::domain::transition::Transition;
use crate::error::{retrying, AppError, AppResult};
use crate::notify::outbox;
use crate::rome;
use crate::waitlist::offers;
use api::Appointment;

/// Who makes a change, as the timeline and the thread sign it.
pub struct Actor {
    pub user: Option<i64>,
    /// "Mario Rossi", "Studio Verdi", "Sede di Roma", "Sistema"
    pub timeline: String,
    /// "Studio Verdi per conto di Mario Rossi", "Sede di Roma", the automatic author
    pub thread: String,
}

impl Actor {
    pub fn user(user: &CurrentUser, contributor_name: &str) -> Actor {
        Actor {
            user: Some(user.id),
            timeline: crate::access::actor_label(user, contributor_name),
            thread: crate::access::author_label(user, contributor_name),
        }
    }

    pub fn system() -> Actor {
        Actor {
            user: None,
            timeline: SYSTEM_ACTOR.into(),
            thread: SYSTEM_AUTHOR.into(),
        }
    }
}

pub fn refusal(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::Expired => AppError::Gone,
        Refusal::Conflict(code, message) => AppError::Conflict {
            code,
            message: message.into(),
        },
    }
}

/// The counters one transition needs.
pub fn counters(t: &Transition) -> Vec<(&'static str, i64)> {
    let mut wants = vec![("appointment_events", 1), ("messages", 1)];
    let reminders = if *t == Transition::Confirm { 2 } else { 0 };
    wants.push(("outbox", i64::from(t.notice().is_some()) + reminders));
    wants
}

/// Applies `t` to the appointment inside the caller's transaction, which holds the locks of
/// its thread, its slot (if the place is freed) and the appointment, and the counters: the
/// status, the place, the timeline event, the thread message and the outbox rows (the notice,
/// a confirmation's reminders; reminders withdrawn when a confirmed one ends), all or none.
/// False if the appointment was no longer in the state `t` starts from.
pub async fn apply(
    tx: &mut WriteTx,
    ids: &mut Ids,
    r: &Record,
    t: &Transition,
    actor: &Actor,
    now: i64,
) -> AppResult<bool> {
    if !repo::change_status(tx, r.id, t, now).await? {
        return Ok(false);
    }
    if t.frees_place() {
        slot_rows::give_back_place(tx, r.slot_id).await?;
    }
    // An offered place's hold decides its waiting-list entry (nothing for other holds).
    if let Some(status) = crate::domain::waitlist::after_offer(t) {
        crate::waitlist::repo::follow_offer(tx, r.id, status, now).await?;
    }
    let event = NewEvent {
        id: ids.next("appointment_events")?,
        appointment: r.id,
        at: now,
        kind: t.event(),
        actor: actor.user,
        label: &actor.timeline,
        note: t.note(),
    };
    repo::insert_event(tx, &event).await?;
    let starts = rome::instant(r.starts_at);
    let a = About {
        reference: &r.reference,
        starts_at: &starts,
        office: &r.office_name,
        point: &r.point_label,
    };
    let text = texts::after(t, &a, &rome::instant(now + HOLD_SECONDS), &actor.thread);
    // What the office does is signed by the office; the rest is the service's message, which
    // names who acted in its text.
    let message = threads::NewMessage {
        id: ids.next("messages")?,
        communication_id: r.communication_id,
        author: actor.user,
        label: if t.from_institute() {
            &actor.thread
        } else {
            SYSTEM_AUTHOR
        },
        from_institute: t.from_institute(),
        text: &text,
        now,
    };
    threads::post(tx, &message).await?;
    let (appointment, thread) = (Some(r.id), r.communication_id);
    if let Some(notice) = t.notice() {
        let id = ids.next("outbox")?;
        outbox::insert(tx, id, notice, appointment, thread, now, now).await?;
    }
    if *t == Transition::Confirm {
        for (reminder, due) in
            notices::reminders(r.starts_at, now, crate::notify::reminder_policy())
        {
            let id = ids.next("outbox")?;
            outbox::insert(tx, id, reminder, appointment, thread, now, due).await?;
        }
    }
    if t.from_status() == api::AppointmentStatus::Confermato {
        outbox::withdraw_reminders(tx, r.id).await?;
    }
    Ok(true)
}

/// Locks what a change of `r` writes, in the lock order.
pub async fn lock_for(tx: &mut WriteTx, records: &[&Record], frees_place: bool) -> AppResult<()> {
    let ids = |f: fn(&Record) -> i64| records.iter().map(|r| f(r)).collect::<Vec<_>>();
    tx.lock(Level::Thread, &ids(|r| r.communication_id)).await?;
    if frees_place {
        tx.lock(Level::Slot, &ids(|r| r.slot_id)).await?;
    }
    tx.lock(Level::Appointment, &ids(|r| r.id)).await?;
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
    now: i64,
) -> AppResult<bool> {
    retrying(|| async move {
        let mut tx = db.begin_write().await?;
        lock_for(&mut tx, &[r], t.frees_place()).await?;
        if *t == Transition::Confirm && repo::inside_closure(&mut tx, r.id).await? {
            return Err(AppError::Conflict {
                code: "office_closed",
                message: "La sede ha dichiarato una chiusura in questo orario: la prenotazione non può essere confermata. Cancellala e scegli un altro orario.".into(),
            });
        }
        let freed = t.frees_place().then(|| offers::Freed::of(r));
        // Only if this change will happen: a no-op leaves the place where it is.
        let picked = match &freed {
            Some(place) if r.status()? == t.from_status() => {
                offers::pick(&mut tx, place, now, &[]).await?
            }
            _ => None,
        };
        let offer_counters = picked.as_ref().map(|_| offers::counters(now)).unwrap_or_default();
        let mut wants: Vec<(&str, i64)> = counters(t);
        wants.extend(offer_counters.iter().map(|(n, k)| (n.as_str(), *k)));
        let mut ids = Ids::take(&mut tx, &wants).await?;
        let applied = apply(&mut tx, &mut ids, r, t, actor, now).await?;
        if let (true, Some(place), Some(picked)) = (applied, &freed, &picked) {
            offers::make(&mut tx, &mut ids, place, picked, now).await?;
        }
        tx.commit().await?;
        Ok(applied)
    })
    .await
}

/// Estendi, Conferma Appuntamento, Cancella Prenotazione.
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
    now: i64,
) -> AppResult<()> {
    let current = r.state(now)?;
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
            let actor = Actor::user(user, &acting.contributor.name);
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
    now: i64,
) -> AppResult<()> {
    let current = r.state(now)?;
    let (decided, by, latest) = match viewer {
        Viewer::Office => (
            booking::cancel_by_office(current, r.starts_at, now),
            crate::domain::transition::CancelledBy::Sede,
            r.starts_at,
        ),
        Viewer::ContributorSide => (
            booking::cancel(current, r.starts_at, r.cancel_cutoff_minutes, now),
            crate::domain::transition::CancelledBy::Contribuente,
            booking::cancel_deadline(r.starts_at, r.cancel_cutoff_minutes),
        ),
    };
    if let Step::To(_) = decided.map_err(refusal)? {
        let t = Transition::Cancel { by, reason, latest };
        transition(db, r, &t, &Actor::user(user, &r.contributor_name), now).await?;
        if viewer == Viewer::Office {
            tracing::info!(target: "audit", event = "office_cancellation", user = user.id, reference = %r.reference);
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
    outcome: api::AppointmentStatus,
    esito: Option<String>,
    now: i64,
) -> AppResult<()> {
    let decided = booking::attendance(r.state(now)?, outcome, r.starts_at, now).map_err(refusal)?;
    if let Step::To(_) = decided {
        let t = Transition::Attend { outcome, esito };
        transition(db, r, &t, &Actor::user(user, &r.contributor_name), now).await?;
    }
    Ok(())
}

/// Expires one hold whose time ran out, in its own transaction.
async fn expire(db: &Db, hold: ExpiredHold, now: i64) -> AppResult<bool> {
    let mut conn = db.pool.acquire().await?;
    let Some(r) = repo::find_by_id(&mut conn, hold.id).await? else {
        return Ok(false);
    };
    drop(conn);
    transition(db, &r, &Transition::Expire, &Actor::system(), now).await
}

/// The sweeper's round: every hold whose time ran out becomes `scaduto` and gives its place
/// back, each in its own short transaction; a conditional update makes two servers sweeping at
/// once never free a place twice. Returns how many it expired.
pub async fn sweep(db: &Db, now: i64) -> AppResult<usize> {
    let mut conn = db.pool.acquire().await?;
    let holds = repo::expired_holds(&mut conn, None, now).await?;
    drop(conn);
    let mut expired = 0;
    for hold in holds {
        if expire(db, hold, now).await? {
            expired += 1;
        }
    }
    Ok(expired)
}

/// Runs `sweep` every 30 seconds, and deletes what is kept only for a day (login attempts,
/// idempotency keys).
pub fn spawn_sweeper(db: Db, clock: crate::clock::SharedClock) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(30));
        loop {
            interval.tick().await;
            match sweep(&db, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(expired = n, "holds expired"),
                Err(error) => tracing::warn!(%error, "sweeper"),
            }
            match crate::waitlist::workflow::sweep(&db, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(offers = n, "free places offered from the waiting list"),
                Err(error) => tracing::warn!(%error, "waiting list"),
            }
            match crate::session::repo::purge(&db, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "old login attempts and keys deleted"),
                Err(error) => tracing::warn!(%error, "retention"),
            }
        }
    });
}

/// The appointment as `viewer` sees it, read through the repository.
pub async fn read_back(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    viewer: Viewer,
    now: i64,
) -> AppResult<Appointment> {
    let r = repo::find_by_id(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let events = repo::timeline(conn, id).await?;
    r.to_appointment(events, viewer, now)
}
