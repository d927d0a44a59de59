//! A freed place offered to the first matching waiting entry, inside the transaction that
//! frees it. That transaction already holds the slot's lock, and the entry's contributor and
//! thread come before slots in the lock order: they are taken with `WriteTx::try_lock`, which
//! never waits (so cannot deadlock); an entry whose locks are busy is passed over for the next,
//! and the sweeper's pass (`waitlist::workflow::sweep`) offers what is still free later. Two
//! phases, because the counters come after every row lock: `pick` before `Ids::take`, `make`
//! (or `give`, for a place just freed) after.

use super::repo::{self, Candidate};
use crate::agenda::repo::{self as appointments, NewEvent, NewHold};
use crate::agenda::slot_rows;
use crate::communications::repo as threads;
use crate::db::ids::{Counter, Ids};
use crate::db::WriteTx;
use crate::domain::booking::MAX_ACTIVE_PER_CONTRIBUTOR;
use crate::domain::rome;
use crate::domain::texts::{self, About, SYSTEM_ACTOR, SYSTEM_AUTHOR};
use crate::domain::transition::Place;
use crate::domain::waitlist::offer_until;
use crate::error::AppResult;
use crate::notify::outbox::{self, NewNotice};
use api::{AppointmentId, EntryId, EventKind, Instant, NoticeKind, WaitlistStatus};

/// The entry that gets the place, checked under its (non-waiting) locks.
#[derive(Clone, Debug)]
pub struct Picked {
    pub entry: Candidate,
    pub until: Instant,
    pub topic: String,
}

/// The first waiting entry that wants the place and may take it now, other than `skip`; its
/// contributor and thread locked. None when nobody does, or it is too late to offer it.
pub async fn pick(
    tx: &mut WriteTx,
    place: &Place,
    now: Instant,
    skip: &[EntryId],
) -> AppResult<Option<Picked>> {
    let Some(until) = offer_until(place.starts_at, now) else {
        return Ok(None);
    };
    if repo::closed_at(tx, place.office, place.point, place.starts_at).await? {
        return Ok(None);
    }
    let candidates = repo::candidates(tx, place.office, place.point, place.starts_at).await?;
    for c in candidates {
        if skip.contains(&c.id) || !c.wants(place.starts_at) {
            continue;
        }
        if !tx.try_lock(c.contributor_id).await? || !tx.try_lock(c.communication_id).await? {
            continue;
        }
        // Read again under the locks: it may have been withdrawn, or the person may have
        // booked, reached the limit, or the thread may no longer allow booking.
        if repo::status_of(tx, c.id).await? != Some(WaitlistStatus::InAttesa) {
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
        if !facts.eligibility(now).eligible {
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
pub fn counters(now: Instant) -> Vec<(Counter, i64)> {
    vec![
        (appointments::reference_counter(now), 1),
        (Counter::Appointments, 1),
        (Counter::AppointmentEvents, 1),
        (Counter::Messages, 1),
        (Counter::Outbox, 1),
    ]
}

/// A place just given back, offered to `p`: taken again for them, then `make`. False if the
/// place could not be taken (nothing written then).
pub async fn give(
    tx: &mut WriteTx,
    ids: &mut Ids,
    place: &Place,
    p: &Picked,
    now: Instant,
) -> AppResult<bool> {
    if !slot_rows::take_place(tx, place.slot).await? {
        return Ok(false);
    }
    make(tx, ids, place, p, now).await?;
    Ok(true)
}

/// The offer of a place already taken for it: a hold in the person's name until `until`, its
/// timeline event, the service's message in the thread, the notice, the entry `offerta`.
pub async fn make(
    tx: &mut WriteTx,
    ids: &mut Ids,
    place: &Place,
    p: &Picked,
    now: Instant,
) -> AppResult<()> {
    let e = &p.entry;
    let id = AppointmentId(ids.next(Counter::Appointments)?);
    let reference = appointments::reference_of(ids, now)?;
    appointments::insert_hold(
        tx,
        &NewHold {
            id,
            reference: &reference,
            thread: e.communication_id,
            contributor: e.contributor_id,
            place,
            topic: &p.topic,
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
    let note = texts::offered_note(&until);
    appointments::insert_event(
        tx,
        &NewEvent {
            id: ids.next(Counter::AppointmentEvents)?,
            appointment: id,
            at: now,
            kind: EventKind::Offerto,
            actor: None,
            label: SYSTEM_ACTOR,
            note: Some(&note.italian()),
            note_said: note.stored().as_deref(),
        },
    )
    .await?;
    let starts = rome::instant(place.starts_at);
    let about = About {
        reference: reference.as_str(),
        starts_at: &starts,
        office: &place.office_name,
        point: place.point,
    };
    let offered = texts::offered(&about, &until);
    threads::post(
        tx,
        &threads::NewMessage {
            id: ids.next(Counter::Messages)?,
            communication_id: e.communication_id,
            author: None,
            label: SYSTEM_AUTHOR,
            from_institute: true,
            text: &offered.italian(),
            said: offered.stored().as_deref(),
            now,
        },
    )
    .await?;
    let notice = NewNotice {
        id: ids.next(Counter::Outbox)?,
        kind: NoticeKind::Offered,
        appointment: Some(id),
        thread: e.communication_id,
        due_at: now,
    };
    outbox::insert(tx, &notice, now).await?;
    if !repo::set_offered(tx, e.id, id, now).await? {
        return Err(crate::error::AppError::Internal(
            "waitlist entry changed under its thread's lock".into(),
        ));
    }
    tracing::info!(%reference, entry = e.id.0, "place offered from the waiting list");
    Ok(())
}
