//! Sposta appuntamento in one transaction: the new place is taken (`workflow::take`) and the
//! move applied as a `Transition::Move` by `workflow::apply`, which gives the old place back,
//! keeps the reference, writes "Spostato da … a …" in the timeline and the thread, owes the
//! notice and moves the reminders to the new time. If the new place is gone, nothing changes.

use super::idempotency::{self, Idempotency, Written};
use super::repo::{self, Record};
use super::slot_rows;
use super::workflow::{apply, counters, refusal, take};
use crate::access;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::domain::booking::{self, Viewer};
use crate::domain::slots::Slot;
use crate::domain::transition::{Place, Transition};
use crate::error::{retrying, AppError, AppResult};
use crate::waitlist::offers;
use api::{ConsultationPoint, ErrorCode, Instant, Office};
use catalogue::t;

/// A move, parsed: the place is one the engine offers now.
pub struct ValidMove {
    pub office: Office,
    pub point: ConsultationPoint,
    pub slot: Slot,
    pub reason: Option<String>,
}

/// Who moves what: the caller, the appointment, how they reach it.
pub struct Mover<'a> {
    pub user: &'a CurrentUser,
    pub record: &'a Record,
    pub viewer: Viewer,
}

/// Moves the appointment as `v` says; the stored answer (this request's, or the first one's
/// with the same key).
pub async fn move_to(
    db: &Db,
    who: &Mover<'_>,
    v: &ValidMove,
    idem: &Idempotency,
    now: Instant,
) -> AppResult<(u16, String)> {
    idempotency::once(db, idem, || async move {
        let r = who.record;
        booking::may_move(r.state(now), &r.deadlines(), who.viewer, now).map_err(refusal)?;
        // The number given at booking must be able to take the video link's SMS.
        booking::check_phone_for(v.point.code, &r.phone).map_err(|needs| {
            AppError::field(
                "point",
                t::moving_video_needs_mobile(needs, api::it::phone(&r.phone)),
            )
        })?;
        if r.office_id == v.office.id && r.point_code == v.point.code && r.starts_at == v.slot.start
        {
            return Err(AppError::field("start", t::moving_same_start()));
        }
        // The new slot's row is made first, in its own short transaction, so that the move
        // then locks both slots in id order like every other writer.
        let mut tx = db.begin_write().await?;
        let target = slot_rows::slot_row(&mut tx, v.office.id, v.point.code, &v.slot).await?;
        tx.commit().await?;
        let mut conn = db.pool.acquire().await?;
        let expired = repo::expired_holds(&mut conn, Some(target), now).await?;
        drop(conn);
        let (expired, to) = (
            &expired[..],
            Place::chosen(target, &v.office, &v.point, &v.slot),
        );
        retrying(|| move_once(db, who, &to, v.reason.clone(), expired, idem, now)).await
    })
    .await
}

async fn move_once(
    db: &Db,
    who: &Mover<'_>,
    to: &Place,
    reason: Option<String>,
    expired: &[repo::ExpiredHold],
    idem: &Idempotency,
    now: Instant,
) -> AppResult<Written> {
    let r = who.record;
    let mut tx = db.begin_write().await?;
    let mut threads: Vec<_> = expired.iter().map(|h| h.communication_id).collect();
    threads.push(r.communication_id);
    tx.lock(&threads).await?;
    if !idempotency::claim(&mut tx, idem, now).await? {
        return Ok(Written::KeyTaken);
    }
    tx.lock(&[r.slot_id, to.slot]).await?;
    tx.lock(&[r.id]).await?;
    // The old place goes to the first matching waiting entry, in this transaction.
    let old = r.place();
    let picked = offers::pick(&mut tx, &old, now, &[]).await?;
    let t = Transition::Move {
        to: to.clone(),
        reason,
        by_office: who.viewer == Viewer::Office,
    };
    let mut wants = counters(&t);
    if picked.is_some() {
        wants.extend(offers::counters(now));
    }
    let Some(mut ids) = take(&mut tx, to.slot, expired, &wants, now).await? else {
        return Err(AppError::conflict(
            ErrorCode::SlotUnavailable,
            catalogue::t::moving_slot_taken(),
        ));
    };
    let actor = access::actor(who.user, &r.contributor_name);
    if !apply(&mut tx, &mut ids, r, &t, &actor, now).await? {
        return Err(AppError::conflict(
            ErrorCode::AppointmentChanged,
            catalogue::t::moving_changed(),
        ));
    }
    if repo::inside_closure(&mut tx, r.id).await? {
        return Err(AppError::conflict(
            ErrorCode::OfficeClosed,
            catalogue::t::moving_office_closed(),
        ));
    }
    if let Some(picked) = &picked {
        offers::give(&mut tx, &mut ids, &old, picked, now).await?;
    }
    let written = idempotency::finish(tx, idem, 200, r.id, who.viewer, now).await?;
    if who.viewer == Viewer::Office {
        tracing::info!(target: "audit", event = "office_move", user = who.user.id.0, reference = %r.reference);
    } else {
        tracing::info!(reference = %r.reference, "appointment moved");
    }
    Ok(written)
}
