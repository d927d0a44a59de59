//! The office's changes to the agenda: declaring a closure (which cancels what falls inside
//! it, never silently) and a day's capacity. Both follow the one lock order of `db::Level`.

use super::repo;
use crate::access;
use crate::agenda::places;
use crate::agenda::repo::{self as appointments, Record};
use crate::agenda::slot_rows;
use crate::agenda::workflow::{apply, counters, lock_for};
use crate::auth::CurrentUser;
use crate::db::ids::{Counter, Ids};
use crate::db::{Db, WriteTx};
use crate::domain::closure::ValidClosure;
use crate::domain::rome;
use crate::domain::slots::Slot;
use crate::domain::texts::Actor;
use crate::domain::transition::{Place, Transition};
use crate::error::{retrying, AppError, AppResult};
use crate::waitlist::offers::{self, Picked};
use api::{
    AppointmentStatus, CancelledBy, ConsultationPoint, ErrorCode, Instant, Office,
    OfficeAppointment, OfficeId, PointCode,
};
use jiff::civil::Date;

/// The appointments still to come inside a closure: confirmed ones and live holds.
pub async fn inside(db: &Db, c: &ValidClosure, now: Instant) -> AppResult<Vec<Record>> {
    let mut conn = db.pool.acquire().await?;
    appointments::inside(&mut conn, c, now).await
}

/// Declares a closure: its slots leave availability at once. Appointments inside it are
/// cancelled with its reason and told in their threads, but only once the operator has seen
/// them (`cancel_appointments`); otherwise 409 and nothing changes. Returns the closure's id
/// and each appointment as the closure left it.
pub async fn declare(
    db: &Db,
    user: &CurrentUser,
    c: &ValidClosure,
    cancel_appointments: bool,
    now: Instant,
) -> AppResult<(i64, Vec<OfficeAppointment>)> {
    retrying(|| async move {
        // What to lock is learnt first, without locks; read again under them, a different
        // answer (a booking came or went meanwhile) starts the whole attempt again.
        let seen = inside(db, c, now).await?;
        let mut tx = db.begin_write().await?;
        let records: Vec<&Record> = seen.iter().collect();
        lock_for(&mut tx, &records, true).await?;
        let affected = appointments::inside(&mut tx, c, now).await?;
        let ids_of = |list: &[Record]| list.iter().map(|r| r.id).collect::<Vec<_>>();
        if ids_of(&affected) != ids_of(&seen) {
            return Err(AppError::Busy(
                "closure: the appointments inside changed".into(),
            ));
        }
        if !affected.is_empty() && !cancel_appointments {
            let n = affected.len();
            return Err(AppError::conflict(
                ErrorCode::ClosureHasAppointments,
                if n == 1 {
                    catalogue::t::closure_cancels_one()
                } else {
                    catalogue::t::closure_cancels_many(n)
                },
            ));
        }
        let answer = close(&mut tx, user, c, &affected, now).await?;
        tx.commit().await?;
        tracing::info!(target: "audit", event = "closure_declared", user = user.id.0,
            office = c.office.0, point = c.point.map_or("", PointCode::code),
            starts_at = c.starts_at.seconds(), ends_at = c.ends_at.seconds(),
            cancelled = answer.1.len());
        Ok(answer)
    })
    .await
}

/// Revoca: a closure not yet started goes, and its hours are bookable again at once. What it
/// cancelled stays cancelled: those people were told and may book again (re-creating their
/// appointments unasked would book people who may have made other plans). Returns the closure.
pub async fn revoke(
    db: &Db,
    user: &CurrentUser,
    office: OfficeId,
    id: i64,
    now: Instant,
) -> AppResult<repo::ClosureRow> {
    let mut conn = db.pool.acquire().await?;
    let row = repo::closure(&mut conn, office, id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let started = || AppError::conflict(ErrorCode::ClosureStarted, catalogue::t::closure_started());
    if row.starts_at <= now {
        return Err(started());
    }
    let mut tx = db.begin_write().await?;
    if !repo::delete_future_closure(&mut tx, office, id, now).await? {
        return Err(started());
    }
    tx.commit().await?;
    tracing::info!(target: "audit", event = "closure_revoked", user = user.id.0,
        office = office.0, closure = id);
    Ok(row)
}

/// The closure's row, and each appointment inside cancelled (confirmed) or released (a live
/// hold) with its reason, in the caller's transaction.
async fn close(
    tx: &mut WriteTx,
    user: &CurrentUser,
    c: &ValidClosure,
    affected: &[Record],
    now: Instant,
) -> AppResult<(i64, Vec<OfficeAppointment>)> {
    let reason = format!("chiusura della sede – {}", c.reason);
    let cancel = |r: &Record| Transition::Cancel {
        by: CancelledBy::Sede,
        reason: Some(reason.clone()),
        latest: r.starts_at,
    };
    let release = Transition::ReleaseForClosure {
        reason: reason.clone(),
    };
    let mut wants = vec![(Counter::Closures, 1)];
    for r in affected {
        wants.extend(counters(&cancel(r)));
    }
    let mut ids = Ids::take(tx, &wants).await?;
    let id = ids.next(Counter::Closures)?;
    repo::insert_closure(tx, id, c, user.id, now).await?;
    let mut answer = Vec::new();
    for r in affected {
        let actor = access::actor(user, &r.contributor_name);
        let mut line = r.to_office_line(now);
        line.can_cancel = false;
        line.can_record_attendance = false;
        // Whatever it is now: a confirmed one is cancelled, a live hold released.
        if apply(tx, &mut ids, r, &cancel(r), &actor, now).await? {
            line.status = AppointmentStatus::Annullato;
            line.cancelled_by_office = true;
        } else if apply(tx, &mut ids, r, &release, &actor, now).await? {
            line.status = AppointmentStatus::PrenotazioneCancellata;
        }
        answer.push(line);
    }
    Ok((id, answer))
}

/// A day's capacity for a point, checked.
pub struct ValidCapacity {
    pub office: Office,
    pub point: ConsultationPoint,
    pub day: Date,
    pub capacity: i64,
}

impl ValidCapacity {
    fn place(&self, slot: &Slot) -> Place {
        Place {
            slot: slot_rows::slot_id(self.office.id, self.point.code, slot.start),
            office: self.office.id,
            office_name: self.office.name.clone(),
            point: self.point.code,
            point_label: self.point.label.clone(),
            starts_at: slot.start,
            ends_at: slot.end,
        }
    }
}

/// What a capacity change works on, read before its transaction: the day's slots still to
/// come, their rows, and the holds of those rows whose time ran out.
struct Day {
    slots: Vec<Slot>,
    rows: Vec<appointments::SlotRow>,
    expired: Vec<Record>,
}

/// Sets the capacity of the day's slots still to come. Lowering it below what a slot holds
/// is refused, naming the slot (409), and changes nothing. Returns each slot with its places
/// still free.
pub async fn capacity(
    db: &Db,
    user: &CurrentUser,
    v: &ValidCapacity,
    now: Instant,
) -> AppResult<Vec<(Slot, i64)>> {
    let day = read_day(db, v, now).await?;
    let day = &day;
    let answer = retrying(|| async move {
        let mut tx = db.begin_write().await?;
        // Holds whose time ran out give their places back first (only live bookings count);
        // their threads come before the slots in the lock order.
        let threads: Vec<_> = day.expired.iter().map(|r| r.communication_id).collect();
        tx.lock(&threads).await?;
        let slots: Vec<_> = day.rows.iter().map(|r| r.id).collect();
        tx.lock(&slots).await?;
        let holds: Vec<_> = day.expired.iter().map(|r| r.id).collect();
        tx.lock(&holds).await?;
        // Places the new capacity adds go to waiting entries, in this transaction: picked
        // before the counters (which come after every row lock), given after the change.
        let picks = picks(&mut tx, v, day, now).await?;
        let mut wants: Vec<(Counter, i64)> = day
            .expired
            .iter()
            .flat_map(|_| counters(&Transition::Expire))
            .collect();
        wants.extend(picks.iter().flat_map(|_| offers::counters(now)));
        let mut ids = Ids::take(&mut tx, &wants).await?;
        for r in &day.expired {
            apply(
                &mut tx,
                &mut ids,
                r,
                &Transition::Expire,
                &Actor::system(),
                now,
            )
            .await?;
        }
        let mut answer = set_all(&mut tx, v, &day.slots).await?;
        for (place, picked) in &picks {
            if offers::give(&mut tx, &mut ids, place, picked, now).await? {
                if let Some(slot) = answer.iter_mut().find(|(s, _)| s.start == place.starts_at) {
                    slot.1 -= 1;
                }
            }
        }
        tx.commit().await?;
        Ok(answer)
    })
    .await?;
    tracing::info!(target: "audit", event = "capacity_changed", user = user.id.0,
        office = v.office.id.0, point = %v.point.code, day = %v.day, capacity = v.capacity);
    Ok(answer)
}

async fn read_day(db: &Db, v: &ValidCapacity, now: Instant) -> AppResult<Day> {
    let slots: Vec<Slot> = places::day_slots(db, v.office.id, v.point.code, v.day)
        .await?
        .into_iter()
        .filter(|s| s.start > now)
        .collect();
    if slots.is_empty() {
        return Err(AppError::field("date", catalogue::t::capacity_not_open()));
    }
    let from = rome::start_of_day(v.day);
    let mut conn = db.pool.acquire().await?;
    let rows = appointments::slots_between(
        &mut conn,
        v.office.id,
        v.point.code,
        from,
        from + 2 * 86_400,
    )
    .await?;
    let mut expired = Vec::new();
    for row in &rows {
        for hold in appointments::expired_holds(&mut conn, Some(row.id), now).await? {
            if let Some(r) = appointments::find_by_id(&mut conn, hold.id).await? {
                expired.push(r);
            }
        }
    }
    Ok(Day {
        slots,
        rows,
        expired,
    })
}

/// For each place the new capacity adds, the waiting entry it goes to, if any.
async fn picks(
    tx: &mut WriteTx,
    v: &ValidCapacity,
    day: &Day,
    now: Instant,
) -> AppResult<Vec<(Place, Picked)>> {
    let mut picks = Vec::new();
    let mut skip = Vec::new();
    for slot in &day.slots {
        let freed_here = day
            .expired
            .iter()
            .filter(|r| r.starts_at == slot.start)
            .count() as i64;
        let booked = repo::booked(tx, v.office.id, v.point.code, slot.start).await? - freed_here;
        let place = v.place(slot);
        for _ in booked..v.capacity {
            let Some(picked) = offers::pick(tx, &place, now, &skip).await? else {
                break;
            };
            skip.push(picked.entry.id);
            picks.push((place.clone(), picked));
        }
    }
    Ok(picks)
}

/// The new capacity on every slot, conditional on what each holds, read and changed in one
/// statement under its row lock: a booking that raced this change is counted, never overrun.
async fn set_all(
    tx: &mut WriteTx,
    v: &ValidCapacity,
    slots: &[Slot],
) -> AppResult<Vec<(Slot, i64)>> {
    let (office, point): (OfficeId, PointCode) = (v.office.id, v.point.code);
    let mut answer = Vec::new();
    for slot in slots {
        match repo::set_capacity(tx, office, point, slot, v.capacity).await? {
            Some(booked) => answer.push((slot.clone(), (v.capacity - booked).max(0))),
            None => {
                let booked = repo::booked(tx, office, point, slot.start).await?;
                return Err(AppError::conflict(
                    ErrorCode::CapacityBelowBookings,
                    catalogue::t::capacity_below_bookings(
                        v.capacity,
                        api::it::time(&rome::instant(slot.start)),
                        booked,
                    ),
                ));
            }
        }
    }
    Ok(answer)
}
