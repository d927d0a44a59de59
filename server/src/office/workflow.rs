//! The office's changes to the agenda: declaring a closure (which cancels what falls inside
//! it, never silently) and a day's capacity. Both follow the one lock order of `db::Level`.

use super::repo;
use crate::agenda::repo::{self as appointments, Record};
use crate::agenda::workflow::{apply, counters, lock_for, Actor};
use crate::agenda::{places, slot_rows};
use crate::auth::CurrentUser;
use crate::db::{Db, Ids, Level};
use crate::domain::slots::Slot;
use crate::domain::transition::{CancelledBy, Transition};
use crate::error::{retrying, AppError, AppResult};
use crate::rome;
use crate::waitlist::offers;
use api::{AppointmentStatus, OfficeAppointment};

/// A closure, checked, as instants.
pub struct ValidClosure {
    pub office: i64,
    /// Empty: every consultation point.
    pub point: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub reason: String,
}

/// The appointments still to come inside a closure: confirmed ones and live holds.
pub async fn inside(db: &Db, c: &ValidClosure, now: i64) -> AppResult<Vec<Record>> {
    let mut conn = db.pool.acquire().await?;
    appointments::inside(&mut conn, c.office, c.starts_at, c.ends_at, &c.point, now).await
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
    now: i64,
) -> AppResult<(i64, Vec<OfficeAppointment>)> {
    retrying(|| async move {
        // What to lock is learnt first, without locks; read again under them, a different
        // answer (a booking came or went meanwhile) starts the whole attempt again.
        let seen = inside(db, c, now).await?;
        let mut tx = db.begin_write().await?;
        let records: Vec<&Record> = seen.iter().collect();
        lock_for(&mut tx, &records, true).await?;
        let affected =
            appointments::inside(&mut tx, c.office, c.starts_at, c.ends_at, &c.point, now).await?;
        let ids_of = |list: &[Record]| list.iter().map(|r| r.id).collect::<Vec<_>>();
        if ids_of(&affected) != ids_of(&seen) {
            return Err(AppError::Busy("closure: the appointments inside changed".into()));
        }
        if !affected.is_empty() && !cancel_appointments {
            let n = affected.len();
            return Err(AppError::Conflict {
                code: "closure_has_appointments",
                message: if n == 1 {
                    "Nel periodo di chiusura c'è 1 appuntamento: controllalo e conferma per annullarlo con il motivo della chiusura.".into()
                } else {
                    format!("Nel periodo di chiusura ci sono {n} appuntamenti: controllali e conferma per annullarli con il motivo della chiusura.")
                },
            });
        }
        let reason = format!("chiusura della sede – {}", c.reason);
        let mut wants = vec![("closures", 1)];
        let cancel = |r: &Record| Transition::Cancel {
            by: CancelledBy::Sede,
            reason: Some(reason.clone()),
            latest: r.starts_at,
        };
        let release = Transition::ReleaseForClosure { reason: reason.clone() };
        for r in &affected {
            wants.extend(counters(&cancel(r)));
        }
        let mut ids = Ids::take(&mut tx, &wants).await?;
        let id = ids.next("closures")?;
        repo::insert_closure(&mut tx, id, c, user.id, now).await?;
        let mut answer = Vec::new();
        for r in &affected {
            let actor = Actor::user(user, &r.contributor_name);
            let mut line = r.to_office_line(now)?;
            line.can_cancel = false;
            line.can_record_attendance = false;
            // Whatever it is now: a confirmed one is cancelled, a live hold released.
            if apply(&mut tx, &mut ids, r, &cancel(r), &actor, now).await? {
                line.status = AppointmentStatus::Annullato;
                line.cancelled_by_office = true;
            } else if apply(&mut tx, &mut ids, r, &release, &actor, now).await? {
                line.status = AppointmentStatus::PrenotazioneCancellata;
            }
            answer.push(line);
        }
        tx.commit().await?;
        tracing::info!(target: "audit", event = "closure_declared", user = user.id, office = c.office,
            point = %c.point, starts_at = c.starts_at, ends_at = c.ends_at, cancelled = answer.len());
        Ok((id, answer))
    })
    .await
}

/// A day's capacity for a point, checked.
pub struct ValidCapacity {
    pub office: i64,
    pub point: String,
    pub day: jiff::civil::Date,
    pub capacity: i64,
}

/// Sets the capacity of the day's slots still to come. Lowering it below what a slot holds
/// is refused, naming the slot (409), and changes nothing. Returns each slot with its places
/// still free.
pub async fn capacity(
    db: &Db,
    user: &CurrentUser,
    v: &ValidCapacity,
    now: i64,
) -> AppResult<Vec<(Slot, i64)>> {
    let slots: Vec<Slot> = places::day_slots(db, v.office, &v.point, v.day)
        .await?
        .into_iter()
        .filter(|s| s.start > now)
        .collect();
    if slots.is_empty() {
        return Err(AppError::field(
            "date",
            "In questo giorno la sede non riceve per questo punto di consulenza.",
        ));
    }
    let from = rome::start_of_day(v.day);
    let to = from + 2 * 86_400;
    // Holds of these slots whose time ran out give their places back first (only live
    // bookings count); their threads come before the slots in the lock order.
    let slots = &slots;
    let mut conn = db.pool.acquire().await?;
    let rows = appointments::slots_between(&mut conn, v.office, &v.point, from, to).await?;
    let mut expired = Vec::new();
    for row in &rows {
        for hold in appointments::expired_holds(&mut conn, Some(row.id), now).await? {
            if let Some(r) = appointments::find_by_id(&mut conn, hold.id).await? {
                expired.push(r);
            }
        }
    }
    drop(conn);
    let (rows, expired) = (&rows, &expired);
    let names = places::office_point(db, v.office, &v.point)
        .await?
        .map_err(places::field)?;
    let names = &names;
    retrying(|| async move {
        let mut tx = db.begin_write().await?;
        tx.lock(Level::Thread, &expired.iter().map(|r| r.communication_id).collect::<Vec<_>>())
            .await?;
        tx.lock(Level::Slot, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
        tx.lock(Level::Appointment, &expired.iter().map(|r| r.id).collect::<Vec<_>>())
            .await?;
        // Places the new capacity adds go to waiting entries, in this transaction: picked
        // before the counters (which come after every row lock), made after the change.
        let mut picks = Vec::new();
        let mut skip = Vec::new();
        for slot in slots {
            let freed_here = expired
                .iter()
                .filter(|r| r.starts_at == slot.start)
                .count() as i64;
            let booked = repo::booked(&mut tx, v.office, &v.point, slot.start).await? - freed_here;
            let place = offers::Freed {
                slot_id: slot_rows::slot_id(v.office, &v.point, slot.start),
                office_id: v.office,
                office_name: names.1.name.clone(),
                point_code: v.point.clone(),
                point_label: names.0.label.clone(),
                starts_at: slot.start,
                ends_at: slot.end,
            };
            for _ in booked..v.capacity {
                let Some(picked) = offers::pick(&mut tx, &place, now, &skip).await? else {
                    break;
                };
                skip.push(picked.entry.id);
                picks.push((place.clone(), picked));
            }
        }
        let offer_counters: Vec<(String, i64)> =
            picks.iter().flat_map(|_| offers::counters(now)).collect();
        let mut wants: Vec<(&str, i64)> = expired.iter().flat_map(|_| counters(&Transition::Expire)).collect();
        wants.extend(offer_counters.iter().map(|(n, k)| (n.as_str(), *k)));
        let mut ids = Ids::take(&mut tx, &wants).await?;
        for r in expired {
            apply(&mut tx, &mut ids, r, &Transition::Expire, &Actor::system(), now).await?;
        }
        let mut answer = Vec::new();
        for slot in slots {
            // Conditional on what the slot holds, read and changed in one statement under its
            // row lock: a booking that raced this one is counted, never overrun.
            match repo::set_capacity(&mut tx, v.office, &v.point, slot, v.capacity).await? {
                Some(booked) => answer.push((slot.clone(), (v.capacity - booked).max(0))),
                None => {
                    let booked = repo::booked(&mut tx, v.office, &v.point, slot.start).await?;
                    return Err(AppError::Conflict {
                        code: "capacity_below_bookings",
                        message: format!(
                            "Non puoi scendere a {} {}: alle {} ci sono già {booked} prenotazioni. Per liberare posti annulla prima gli appuntamenti, con un motivo.",
                            v.capacity,
                            if v.capacity == 1 { "posto" } else { "posti" },
                            api::it::time(&rome::instant(slot.start))
                        ),
                    });
                }
            }
        }
        for (place, picked) in &picks {
            if offers::make(&mut tx, &mut ids, place, picked, now).await? {
                if let Some(slot) = answer.iter_mut().find(|(s, _)| s.start == place.starts_at) {
                    slot.1 -= 1;
                }
            }
        }
        tx.commit().await?;
        tracing::info!(target: "audit", event = "capacity_changed", user = user.id, office = v.office,
            point = %v.point, day = %v.day, capacity = v.capacity);
        Ok(answer)
    })
    .await
}
