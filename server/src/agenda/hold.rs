//! Prenota Appuntamento as one transaction: the rules under the locks (eligibility, limits,
//! hold cycling), the place, the appointment with its first event and thread message, and the
//! answer stored for the idempotency key. The lock order is `db::Level`'s; a slot's expired
//! holds are expired first, their threads locked before the slot.

use super::repo::{self, ExpiredHold, NewEvent, NewHold};
use super::slot_rows;
use super::workflow::{apply, read_back, Actor};
use crate::access::ActingFor;
use crate::auth::CurrentUser;
use crate::communications::repo as threads;
use crate::db::{Db, Ids, Level, WriteTx};
use crate::domain::booking::{self, Viewer, HOLD_SECONDS};
use crate::domain::slots::Slot;
use crate::domain::texts::{self, About};
use crate::domain::transition::{EventKind, Transition};
use crate::error::{retrying, AppError, AppResult};
use crate::rome;
use api::{ConsultationPoint, Office};

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
    let expired =
        match slot_rows::find_slot(&mut conn, v.office.id, &v.point.code, v.slot.start).await? {
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
        return super::idempotency::replay_claimed(db, user.id, idem).await;
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
    let eligibility = facts.eligibility(now)?;
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

    hold_cycling(&mut tx, user, acting, now).await?;

    // The place: one more only if free; if the slot looks full, its expired holds give their
    // places back first.
    let slot = &v.slot;
    let slot_id = slot_rows::slot_row(
        &mut tx,
        v.office.id,
        &v.point.code,
        slot.start,
        slot.end,
        slot.capacity,
    )
    .await?;
    tx.lock(Level::Slot, &[slot_id]).await?;
    let mut taken = slot_rows::take_place(&mut tx, slot_id).await?;
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
        taken = slot_rows::take_place(&mut tx, slot_id).await?;
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

/// Booking places and letting them go denies them to others: past a number of holds given
/// up in the last hour (per contributor, and per intermediary across contributors), 429.
async fn hold_cycling(
    tx: &mut WriteTx,
    user: &CurrentUser,
    acting: &ActingFor,
    now: i64,
) -> AppResult<()> {
    use crate::domain::limits::{
        check, GIVEN_UP_HOLDS_PER_HOUR, GIVEN_UP_HOLDS_PER_HOUR_STUDIO, HOUR,
    };
    let refuse = |limit: i64, wait: i64| {
        AppError::TooManyRequests {
        code: "too_many_released_holds",
        message: format!(
            "Nell'ultima ora {limit} prenotazioni sono state cancellate o lasciate scadere: per non bloccare posti ad altri si potrà prenotare di nuovo più tardi. {}",
            crate::throttle::wait_in_words(wait)
        ),
        retry_after: wait,
    }
    };
    let own = repo::given_up_holds(tx, acting.id, false, now - HOUR).await?;
    check(own, GIVEN_UP_HOLDS_PER_HOUR, HOUR, now)
        .map_err(|w| refuse(GIVEN_UP_HOLDS_PER_HOUR, w))?;
    if user.role == api::Role::Intermediario {
        let studio = repo::given_up_holds(tx, user.id, true, now - HOUR).await?;
        check(studio, GIVEN_UP_HOLDS_PER_HOUR_STUDIO, HOUR, now)
            .map_err(|w| refuse(GIVEN_UP_HOLDS_PER_HOUR_STUDIO, w))?;
    }
    Ok(())
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
        &actor.thread,
    );
    // The service's message, naming who booked: never a person's words, never awaiting an answer.
    let message = threads::NewMessage {
        id: ids.next("messages")?,
        communication_id: v.thread,
        author: Some(user.id),
        label: texts::SYSTEM_AUTHOR,
        from_institute: false,
        text: &text,
        now,
    };
    threads::post(&mut tx, &message).await?;
    // Booked for the thread: its waiting-list entry, if any, has done its job.
    crate::waitlist::repo::end_for_booking(&mut tx, v.thread, id, now).await?;
    let appointment = read_back(&mut tx, id, Viewer::ContributorSide, now).await?;
    let body =
        serde_json::to_string(&appointment).map_err(|e| AppError::Internal(e.to_string()))?;
    super::idempotency::store(&mut tx, user.id, idem, 201, &body).await?;
    tx.commit().await?;
    tracing::info!(%reference, "appointment held");
    Ok((201, body))
}
