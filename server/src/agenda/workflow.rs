//! The booking core's transitions: each opens one write transaction, takes its locks in the
//! one lock order (`db::Level`: contributor → thread → slot → appointment, then counters),
//! asks the domain, applies the outcome with `apply` and commits. A PostgreSQL deadlock or
//! serialization failure reruns the whole transaction (`retrying`), bounded.

use super::repo::{self, ExpiredHold, NewEvent, NewHold, Record};
use crate::access::ActingFor;
use crate::auth::CurrentUser;
use crate::communications::repo as threads;
use crate::db::{Db, Ids, Level, WriteTx};
use crate::domain::booking::{self, Refusal, Step, Viewer, HOLD_SECONDS};
use crate::domain::eligibility;
use crate::domain::slots::Slot;
use crate::domain::texts::{self, About, SYSTEM_ACTOR, SYSTEM_AUTHOR};
use crate::domain::transition::{EventKind, Transition};
use crate::error::{retrying, AppError, AppResult};
use crate::rome;
use api::{Appointment, ConsultationPoint, Office};

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
    if t.notice().is_some() {
        wants.push(("outbox", 1));
    }
    wants
}

/// Applies `t` to the appointment inside the caller's transaction, which holds the locks of
/// its thread, its slot (if the place is freed) and the appointment, and the counters: the
/// status, the place, the timeline event, the thread message and the outbox row, all or none.
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
        repo::give_back_place(tx, r.slot_id).await?;
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
    let message = ids.next("messages")?;
    let from_institute = t.from_institute();
    threads::post(
        tx,
        message,
        r.communication_id,
        actor.user,
        &actor.thread,
        from_institute,
        &text,
        now,
    )
    .await?;
    if let Some(notice) = t.notice() {
        let id = ids.next("outbox")?;
        repo::insert_outbox(tx, id, notice.code(), r.id, r.communication_id, now).await?;
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

/// One transition of one appointment in its own transaction, retried on a deadlock.
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
        let mut ids = Ids::take(&mut tx, &counters(t)).await?;
        let applied = apply(&mut tx, &mut ids, r, t, actor, now).await?;
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
        tracing::info!(reference = %r.reference, office = viewer == Viewer::Office, "appointment cancelled");
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
            match crate::session::repo::purge(&db, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "old login attempts and keys deleted"),
                Err(error) => tracing::warn!(%error, "retention"),
            }
        }
    });
}

/// A Prenota Appuntamento request, parsed: every field valid, the place one the engine offers.
pub struct ValidHold {
    pub thread: i64,
    pub office: Office,
    pub point: ConsultationPoint,
    pub slot: Slot,
    pub phone: String,
    pub notes: String,
}

/// The idempotency key of a request and the hash of its body.
pub struct Idempotency {
    pub key: String,
    pub hash: String,
}

/// Prenota Appuntamento: the rules under the locks, the place, the appointment with its first
/// event and thread message, the answer stored for the idempotency key; all in one commit.
/// Returns the stored answer: this request's, or the first one's with the same key.
pub async fn hold(
    db: &Db,
    user: &CurrentUser,
    acting: &ActingFor,
    v: &ValidHold,
    idem: &Idempotency,
    now: i64,
) -> AppResult<(u16, String)> {
    if let Some(stored) = super::idempotency::replay(db, user.id, idem).await? {
        return Ok(stored);
    }
    // What to lock is learnt first, without locks: the slot's expired holds, whose threads
    // come before the slot in the lock order.
    let mut conn = db.pool.acquire().await?;
    let expired = match repo::find_slot(&mut conn, v.office.id, &v.point.code, v.slot.start).await?
    {
        Some(slot) => repo::expired_holds(&mut conn, Some(slot), now).await?,
        None => Vec::new(),
    };
    drop(conn);
    let expired = &expired[..];
    retrying(|| hold_once(db, user, acting, v, idem, expired, now)).await
}

async fn hold_once(
    db: &Db,
    user: &CurrentUser,
    acting: &ActingFor,
    v: &ValidHold,
    idem: &Idempotency,
    expired: &[ExpiredHold],
    now: i64,
) -> AppResult<(u16, String)> {
    let mut tx = db.begin_write().await?;
    tx.lock(Level::Contributor, &[acting.id]).await?;
    let mut thread_ids: Vec<i64> = expired.iter().map(|h| h.communication_id).collect();
    thread_ids.push(v.thread);
    tx.lock(Level::Thread, &thread_ids).await?;
    if !super::idempotency::claim(&mut tx, user.id, idem, now).await? {
        drop(tx);
        return super::idempotency::replay(db, user.id, idem)
            .await?
            .ok_or_else(|| AppError::Internal("idempotency key vanished".into()));
    }

    // Eligibility and limits, read under the locks.
    let facts = threads::facts(&mut tx, v.thread).await?;
    let live = repo::active_of(&mut tx, acting.id, now).await?;
    let thread_active = live
        .iter()
        .find(|a| a.communication_id == v.thread)
        .map(|a| a.reference.as_str());
    if let Some(reference) = thread_active {
        return Err(AppError::Conflict {
            code: "thread_has_appointment",
            message: format!("Per questa comunicazione c'è già l'appuntamento {reference}: puoi gestirlo da Gestione appuntamenti."),
        });
    }
    let eligibility = eligibility::describe(
        &eligibility::decide(&eligibility::Facts {
            sent_on: rome::date_of(facts.sent_at),
            topic_days: facts.topic_days,
            status: facts.status()?,
            active_appointment: None,
            today: rome::date_of(now),
        }),
        facts.topic_days,
    );
    if !eligibility.eligible {
        return Err(AppError::Conflict {
            code: "not_eligible",
            message: eligibility.reason,
        });
    }
    let max = booking::MAX_ACTIVE_PER_CONTRIBUTOR;
    if live.len() as i64 >= max {
        return Err(AppError::TooManyRequests {
            code: "too_many_appointments",
            message: format!(
                "Hai già {max} appuntamenti attivi ({}): per prenotarne un altro annullane uno da Gestione appuntamenti.",
                live.iter().map(|a| a.reference.as_str()).collect::<Vec<_>>().join(", ")
            ),
            retry_after: 0,
        });
    }

    // The place: one more only if free; if the slot looks full, its expired holds give their
    // places back first.
    let slot = &v.slot;
    let slot_id = repo::slot_row(
        &mut tx,
        v.office.id,
        &v.point.code,
        slot.start,
        slot.end,
        slot.capacity,
    )
    .await?;
    tx.lock(Level::Slot, &[slot_id]).await?;
    let mut taken = repo::take_place(&mut tx, slot_id).await?;
    let year = rome::date_of(now).year();
    let reference_counter = format!("appointment-{year}");
    let n = expired.len() as i64;
    let wants = vec![
        (reference_counter.as_str(), 1),
        ("appointments", 1),
        ("appointment_events", 1 + n),
        ("messages", 1 + n),
    ];
    // Counters come after every row lock: taken here once, for the expiries too.
    let mut ids = None;
    if !taken && !expired.is_empty() {
        let holds: Vec<i64> = expired.iter().map(|h| h.id).collect();
        tx.lock(Level::Appointment, &holds).await?;
        let mut taken_ids = Ids::take(&mut tx, &wants).await?;
        for hold in expired {
            if let Some(r) = repo::find_by_id(&mut tx, hold.id).await? {
                let system = Actor::system();
                apply(
                    &mut tx,
                    &mut taken_ids,
                    &r,
                    &Transition::Expire,
                    &system,
                    now,
                )
                .await?;
            }
        }
        taken = repo::take_place(&mut tx, slot_id).await?;
        ids = Some(taken_ids);
    }
    if !taken {
        return Err(slot_unavailable());
    }
    let ids = match ids {
        Some(ids) => ids,
        None => Ids::take(&mut tx, &wants).await?,
    };
    let topic = facts.topic_code.as_str();
    insert_hold(
        tx,
        ids,
        user,
        acting,
        v,
        idem,
        slot_id,
        topic,
        &reference_counter,
        now,
    )
    .await
}

fn slot_unavailable() -> AppError {
    AppError::Conflict {
        code: "slot_unavailable",
        message: "L'orario scelto non è più disponibile. Scegli un altro orario.".into(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn insert_hold(
    mut tx: WriteTx,
    mut ids: Ids,
    user: &CurrentUser,
    acting: &ActingFor,
    v: &ValidHold,
    idem: &Idempotency,
    slot_id: i64,
    topic: &str,
    reference_counter: &str,
    now: i64,
) -> AppResult<(u16, String)> {
    let id = ids.next("appointments")?;
    let year = rome::date_of(now).year();
    let reference = format!("AP-{year}-{:06}", ids.next(reference_counter)?);
    let actor = Actor::user(user, &acting.contributor.name);
    let hold_until = now + HOLD_SECONDS;
    repo::insert_hold(
        &mut tx,
        &NewHold {
            id,
            reference: &reference,
            communication_id: v.thread,
            contributor_id: acting.id,
            slot_id,
            office_id: v.office.id,
            point: &v.point.code,
            topic,
            starts_at: v.slot.start,
            ends_at: v.slot.end,
            phone: &v.phone,
            notes: &v.notes,
            hold_expires_at: hold_until,
            booked_by: user.id,
            booked_by_label: &actor.timeline,
            now,
        },
    )
    .await?;
    repo::insert_event(
        &mut tx,
        &NewEvent {
            id: ids.next("appointment_events")?,
            appointment: id,
            at: now,
            kind: EventKind::Prenotato,
            actor: Some(user.id),
            label: &actor.timeline,
            note: None,
        },
    )
    .await?;
    let starts = rome::instant(v.slot.start);
    let text = texts::held(
        &About {
            reference: &reference,
            starts_at: &starts,
            office: &v.office.name,
            point: &v.point.label,
        },
        &rome::instant(hold_until),
    );
    threads::post(
        &mut tx,
        ids.next("messages")?,
        v.thread,
        Some(user.id),
        &actor.thread,
        false,
        &text,
        now,
    )
    .await?;
    let appointment = read_back(&mut tx, id, Viewer::ContributorSide, now).await?;
    let body =
        serde_json::to_string(&appointment).map_err(|e| AppError::Internal(e.to_string()))?;
    super::idempotency::store(&mut tx, user.id, idem, 201, &body).await?;
    tx.commit().await?;
    tracing::info!(%reference, "appointment held");
    Ok((201, body))
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
