//! A freed place offered to the first matching waiting entry, inside the transaction that
//! frees it. That transaction already holds the slot's lock, and the entry's contributor and
//! thread come before slots in the lock order: they are taken with `WriteTx::try_lock`, which
//! never waits (so cannot deadlock); an entry whose locks are busy is passed over for the next,
//! and the sweeper's pass (`sweep`) offers what is still free later. Two phases, because the
//! counters come after every row lock: `pick` before `Ids::take`, `make` after.

use super::repo::{self, Candidate};
use crate::agenda::repo::{self as appointments, NewEvent, NewHold};
use crate::agenda::slot_rows;
use crate::communications::repo as threads;
use crate::db::{Ids, Level, WriteTx};
use crate::domain::booking::MAX_ACTIVE_PER_CONTRIBUTOR;
use crate::domain::notices::Notice;
use crate::domain::texts::{self, About, SYSTEM_ACTOR, SYSTEM_AUTHOR};
use crate::domain::transition::EventKind;
use crate::domain::waitlist::offer_until;
use crate::error::AppResult;
use crate::notify::outbox;
use crate::rome;

/// A place that is (or is about to be) free, with the names its messages need.
#[derive(Clone, Debug)]
pub struct Freed {
    pub slot_id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub point_code: String,
    pub point_label: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

impl Freed {
    pub fn of(r: &appointments::Record) -> Freed {
        Freed {
            slot_id: r.slot_id,
            office_id: r.office_id,
            office_name: r.office_name.clone(),
            point_code: r.point_code.clone(),
            point_label: r.point_label.clone(),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
        }
    }
}

/// The entry that gets the place, checked under its (non-waiting) locks.
#[derive(Clone, Debug)]
pub struct Picked {
    pub entry: Candidate,
    pub until: i64,
    pub topic: String,
}

/// The first waiting entry that wants the place and may take it now, other than `skip`; its
/// contributor and thread locked. None when nobody does, or it is too late to offer it.
pub async fn pick(
    tx: &mut WriteTx,
    place: &Freed,
    now: i64,
    skip: &[i64],
) -> AppResult<Option<Picked>> {
    let Some(until) = offer_until(place.starts_at, now) else {
        return Ok(None);
    };
    if repo::closed_at(tx, place.office_id, &place.point_code, place.starts_at).await? {
        return Ok(None);
    }
    let candidates =
        repo::candidates(tx, place.office_id, &place.point_code, place.starts_at).await?;
    for c in candidates {
        if skip.contains(&c.id) || !c.wants(place.starts_at) {
            continue;
        }
        if !tx.try_lock(Level::Contributor, c.contributor_id).await?
            || !tx.try_lock(Level::Thread, c.communication_id).await?
        {
            continue;
        }
        // Read again under the locks: it may have been withdrawn, or the person may have
        // booked, reached the limit, or the thread may no longer allow booking.
        if repo::status_of(tx, c.id).await?.as_deref() != Some("in_attesa") {
            continue;
        }
        let live = appointments::active_of(tx, c.contributor_id, now).await?;
        if live.len() as i64 >= MAX_ACTIVE_PER_CONTRIBUTOR
            || live
                .iter()
                .any(|a| a.communication_id == c.communication_id)
        {
            continue;
        }
        let facts = threads::facts(tx, c.communication_id).await?;
        if !facts.eligibility(now)?.eligible {
            continue;
        }
        return Ok(Some(Picked {
            entry: c,
            until,
            topic: facts.topic_code,
        }));
    }
    Ok(None)
}

/// The counters one offer takes (the reference's counter is per year).
pub fn counters(now: i64) -> Vec<(String, i64)> {
    vec![
        (reference_counter(now), 1),
        ("appointments".into(), 1),
        ("appointment_events".into(), 1),
        ("messages".into(), 1),
        ("outbox".into(), 1),
    ]
}

fn reference_counter(now: i64) -> String {
    format!("appointment-{}", rome::date_of(now).year())
}

/// The offer: the place taken again, a hold in the person's name until `until`, its timeline
/// event, the service's message in the thread, the notice, the entry `offerta`. False if the
/// place could not be taken (nothing written then).
pub async fn make(
    tx: &mut WriteTx,
    ids: &mut Ids,
    place: &Freed,
    p: &Picked,
    now: i64,
) -> AppResult<bool> {
    if !slot_rows::take_place(tx, place.slot_id).await? {
        return Ok(false);
    }
    let e = &p.entry;
    let id = ids.next("appointments")?;
    let year = rome::date_of(now).year();
    let reference = format!("AP-{year}-{:06}", ids.next(&reference_counter(now))?);
    appointments::insert_hold(
        tx,
        &NewHold {
            id,
            reference: &reference,
            communication_id: e.communication_id,
            contributor_id: e.contributor_id,
            slot_id: place.slot_id,
            office_id: place.office_id,
            point: &place.point_code,
            topic: &p.topic,
            starts_at: place.starts_at,
            ends_at: place.ends_at,
            phone: &e.phone,
            notes: &e.notes,
            hold_expires_at: p.until,
            booked_by: e.created_by,
            booked_by_label: &e.created_by_label,
            now,
        },
    )
    .await?;
    let until = rome::instant(p.until);
    appointments::insert_event(
        tx,
        &NewEvent {
            id: ids.next("appointment_events")?,
            appointment: id,
            at: now,
            kind: EventKind::Offerto,
            actor: None,
            label: SYSTEM_ACTOR,
            note: Some(&format!("Da confermare entro {}.", texts::when(&until))),
        },
    )
    .await?;
    let starts = rome::instant(place.starts_at);
    let about = About {
        reference: &reference,
        starts_at: &starts,
        office: &place.office_name,
        point: &place.point_label,
    };
    threads::post(
        tx,
        &threads::NewMessage {
            id: ids.next("messages")?,
            communication_id: e.communication_id,
            author: None,
            label: SYSTEM_AUTHOR,
            from_institute: true,
            text: &texts::offered(&about, &until),
            now,
        },
    )
    .await?;
    let notice = ids.next("outbox")?;
    outbox::insert(
        tx,
        notice,
        Notice::Offered,
        Some(id),
        e.communication_id,
        now,
        now,
    )
    .await?;
    if !repo::set_offered(tx, e.id, id, now).await? {
        return Err(crate::error::AppError::Internal(
            "waitlist entry changed under its thread's lock".into(),
        ));
    }
    tracing::info!(%reference, entry = e.id, "place offered from the waiting list");
    Ok(true)
}
