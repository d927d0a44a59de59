//! Sposta appuntamento in one transaction: the new place is taken and the old one given back,
//! the reference stays, the timeline and the thread say "Spostato da … a …", the notice goes
//! out and the reminders follow the new time. If the new place is gone, nothing changes.

use super::hold::Idempotency;
use super::repo::{self, ExpiredHold, NewEvent, Record};
use super::slot_rows;
use super::workflow::{apply, read_back, refusal, Actor};
use crate::auth::CurrentUser;
use crate::communications::repo as threads;
use crate::db::{Db, Ids, Level};
use crate::domain::booking::{self, Viewer};
use crate::domain::notices::{self, Notice};
use crate::domain::slots::Slot;
use crate::domain::texts::{self, About};
use crate::domain::transition::{EventKind, Transition};
use crate::error::{retrying, AppError, AppResult};
use crate::notify::outbox;
use crate::rome;
use crate::waitlist::offers;
use api::{ConsultationPoint, Office};

/// A move, parsed: the place is one the engine offers now.
pub struct ValidMove {
    pub office: Office,
    pub point: ConsultationPoint,
    pub slot: Slot,
    pub reason: Option<String>,
}

/// Moves `r` as `v` says; the stored answer (this request's, or the first one's with the key).
pub async fn move_to(
    db: &Db,
    user: &CurrentUser,
    r: &Record,
    viewer: Viewer,
    v: &ValidMove,
    idem: &Idempotency,
    now: i64,
) -> AppResult<(u16, String)> {
    if let Some(stored) = super::idempotency::replay(db, user.id, idem).await? {
        return Ok(stored);
    }
    booking::may_move(
        r.state(now)?,
        r.starts_at,
        r.cancel_cutoff_minutes,
        r.moves,
        viewer,
        now,
    )
    .map_err(refusal)?;
    if r.office_id == v.office.id && r.point_code == v.point.code && r.starts_at == v.slot.start {
        return Err(AppError::field(
            "start",
            "È già l'orario dell'appuntamento: scegline un altro.",
        ));
    }
    // The new slot's row is made first, in its own short transaction, so that the move then
    // locks both slots in id order like every other writer.
    let mut tx = db.begin_write().await?;
    let target = slot_rows::slot_row(
        &mut tx,
        v.office.id,
        &v.point.code,
        v.slot.start,
        v.slot.end,
        v.slot.capacity,
    )
    .await?;
    tx.commit().await?;
    let mut conn = db.pool.acquire().await?;
    let expired = repo::expired_holds(&mut conn, Some(target), now).await?;
    drop(conn);
    let expired = &expired[..];
    retrying(|| move_once(db, user, r, viewer, v, idem, target, expired, now)).await
}

#[allow(clippy::too_many_arguments)]
async fn move_once(
    db: &Db,
    user: &CurrentUser,
    r: &Record,
    viewer: Viewer,
    v: &ValidMove,
    idem: &Idempotency,
    target: i64,
    expired: &[ExpiredHold],
    now: i64,
) -> AppResult<(u16, String)> {
    let mut tx = db.begin_write().await?;
    let mut thread_ids: Vec<i64> = expired.iter().map(|h| h.communication_id).collect();
    thread_ids.push(r.communication_id);
    tx.lock(Level::Thread, &thread_ids).await?;
    if !super::idempotency::claim(&mut tx, user.id, idem, now).await? {
        drop(tx);
        return super::idempotency::replay_claimed(db, user.id, idem).await;
    }
    tx.lock(Level::Slot, &[r.slot_id, target]).await?;
    let mut appointments: Vec<i64> = expired.iter().map(|h| h.id).collect();
    appointments.push(r.id);
    tx.lock(Level::Appointment, &appointments).await?;
    // The old place goes to the first matching waiting entry, in this transaction.
    let old_place = offers::Freed::of(r);
    let picked = offers::pick(&mut tx, &old_place, now, &[]).await?;
    let offer_counters = picked
        .as_ref()
        .map(|_| offers::counters(now))
        .unwrap_or_default();
    let n = expired.len() as i64;
    let mut wants = vec![
        ("appointment_events", 1 + n),
        ("messages", 1 + n),
        ("outbox", 3),
    ];
    wants.extend(offer_counters.iter().map(|(n, k)| (n.as_str(), *k)));
    let mut ids = Ids::take(&mut tx, &wants).await?;
    let mut taken = slot_rows::take_place(&mut tx, target).await?;
    if !taken && !expired.is_empty() {
        for hold in expired {
            if let Some(h) = repo::find_by_id(&mut tx, hold.id).await? {
                apply(
                    &mut tx,
                    &mut ids,
                    &h,
                    &Transition::Expire,
                    &Actor::system(),
                    now,
                )
                .await?;
            }
        }
        taken = slot_rows::take_place(&mut tx, target).await?;
    }
    if !taken {
        return Err(AppError::Conflict {
            code: "slot_unavailable",
            message: "L'orario scelto non è più disponibile: l'appuntamento resta com'era. Scegli un altro orario.".into(),
        });
    }
    let moved = repo::move_place(
        &mut tx,
        r.id,
        r.slot_id,
        target,
        v.office.id,
        &v.point.code,
        v.slot.start,
        v.slot.end,
        now,
    )
    .await?;
    if !moved {
        return Err(AppError::Conflict {
            code: "appointment_changed",
            message: "Nel frattempo l'appuntamento è cambiato: ricarica la pagina.".into(),
        });
    }
    if repo::inside_closure(&mut tx, r.id).await? {
        return Err(AppError::Conflict {
            code: "office_closed",
            message: "La sede ha dichiarato una chiusura in quell'orario: l'appuntamento resta com'era. Scegli un altro orario.".into(),
        });
    }
    slot_rows::give_back_place(&mut tx, r.slot_id).await?;
    if let Some(picked) = &picked {
        offers::make(&mut tx, &mut ids, &old_place, picked, now).await?;
    }

    let actor = Actor::user(user, &r.contributor_name);
    let (old_start, new_start) = (rome::instant(r.starts_at), rome::instant(v.slot.start));
    let from = About {
        reference: &r.reference,
        starts_at: &old_start,
        office: &r.office_name,
        point: &r.point_label,
    };
    let to = About {
        reference: &r.reference,
        starts_at: &new_start,
        office: &v.office.name,
        point: &v.point.label,
    };
    let reason = v.reason.as_deref();
    let note = texts::moved_note(&from, &to, reason);
    repo::insert_event(
        &mut tx,
        &NewEvent {
            id: ids.next("appointment_events")?,
            appointment: r.id,
            at: now,
            kind: EventKind::Spostato,
            actor: Some(user.id),
            label: &actor.timeline,
            note: Some(&note),
        },
    )
    .await?;
    let text = texts::moved(&from, &to, reason, &actor.timeline);
    threads::post(
        &mut tx,
        &threads::NewMessage {
            id: ids.next("messages")?,
            communication_id: r.communication_id,
            author: Some(user.id),
            label: if viewer == Viewer::Office {
                &actor.thread
            } else {
                texts::SYSTEM_AUTHOR
            },
            from_institute: viewer == Viewer::Office,
            text: &text,
            now,
        },
    )
    .await?;
    // The reminders follow the new time.
    outbox::withdraw_reminders(&mut tx, r.id).await?;
    let (appointment, thread) = (Some(r.id), r.communication_id);
    let id = ids.next("outbox")?;
    outbox::insert(&mut tx, id, Notice::Moved, appointment, thread, now, now).await?;
    let policy = crate::notify::reminder_policy();
    for (reminder, due) in notices::reminders(v.slot.start, now, policy) {
        let id = ids.next("outbox")?;
        outbox::insert(&mut tx, id, reminder, appointment, thread, now, due).await?;
    }
    let answer = read_back(&mut tx, r.id, viewer, now).await?;
    let body = serde_json::to_string(&answer).map_err(|e| AppError::Internal(e.to_string()))?;
    super::idempotency::store(&mut tx, user.id, idem, 200, &body).await?;
    tx.commit().await?;
    if viewer == Viewer::Office {
        tracing::info!(target: "audit", event = "office_move", user = user.id, reference = %r.reference);
    } else {
        tracing::info!(reference = %r.reference, "appointment moved");
    }
    Ok((200, body))
}
