//! Lista d'attesa's transactions: join (Avvisami se si libera un posto), leave (Esci dalla
//! lista), answer an offer (through the hold's own Conferma / Cancella prenotazione, so the
//! rules and the notices are the agenda's), and the sweeper's pass. Lock order as everywhere:
//! contributor → thread → slot → appointment, then counters, then new rows.

use super::offers;
use super::repo::{self, Entry, NewEntry};
use crate::access::ActingFor;
use crate::agenda::repo as appointments;
use crate::agenda::workflow::{self as agenda, take, HoldStep};
use crate::agenda::{places, slot_rows};
use crate::auth::CurrentUser;
use crate::communications::repo as threads;
use crate::db::ids::{Counter, Ids};
use crate::db::Db;
use crate::domain::booking::MAX_ACTIVE_PER_CONTRIBUTOR;
use crate::domain::rome;
use crate::domain::slots::Slot;
use crate::domain::transition::Place;
use crate::domain::waitlist::{offer_until, Wish};
use crate::error::{retrying, AppError, AppResult};
use api::{
    AppointmentId, ConsultationPoint, EntryId, ErrorCode, Instant, Office, PartOfDay, ThreadId,
    WaitlistStatus,
};
use jiff::civil::Date;

/// A request to join, parsed: every field valid.
pub struct ValidJoin {
    pub thread: ThreadId,
    pub office: Office,
    pub point: ConsultationPoint,
    pub from: Date,
    pub to: Date,
    pub part: Option<PartOfDay>,
    pub phone: String,
    pub notes: String,
}

impl ValidJoin {
    fn wish(&self) -> AppResult<Wish> {
        let after = self
            .to
            .tomorrow()
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(Wish {
            first_at: rome::start_of_day(self.from),
            last_at: rome::start_of_day(after),
            part: self.part,
        })
    }
}

fn conflict(code: ErrorCode, message: impl Into<catalogue::Text>) -> AppError {
    AppError::conflict(code, message)
}

/// Avvisami se si libera un posto: one live entry per thread, for a thread that may book, by
/// someone below the limit of active appointments, when no place that suits is free now.
/// Returns the new entry's id.
pub async fn join(
    db: &Db,
    user: &CurrentUser,
    acting: &ActingFor,
    v: &ValidJoin,
    now: Instant,
) -> AppResult<EntryId> {
    let wish = v.wish()?;
    // A free place that suits is bookable now: the list is for when there is none.
    nothing_free(db, v, &wish, now).await?;
    retrying(|| async move {
        let mut tx = db.begin_write().await?;
        tx.lock(&[acting.id]).await?;
        tx.lock(&[v.thread]).await?;
        may_wait(&mut tx, acting, v.thread, now).await?;
        let mut ids = Ids::take(&mut tx, &[(Counter::Waitlist, 1)]).await?;
        let id = EntryId(ids.next(Counter::Waitlist)?);
        let label = crate::access::actor_label(user, &acting.contributor.name);
        repo::insert(
            &mut tx,
            &NewEntry {
                id,
                thread: v.thread,
                contributor: acting.id,
                office: v.office.id,
                point: v.point.code,
                from_day: &v.from.to_string(),
                to_day: &v.to.to_string(),
                wish,
                phone: &v.phone,
                notes: &v.notes,
                created_by: user.id,
                created_by_label: &label,
                now,
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(entry = id.0, "joined the waiting list");
        Ok(id)
    })
    .await
}

/// 409 when a place that suits the wish is free now.
async fn nothing_free(db: &Db, v: &ValidJoin, wish: &Wish, now: Instant) -> AppResult<()> {
    let free =
        places::free_slots(db, v.office.id, v.point.code, Some(v.from), Some(v.to), now).await?;
    let suits = free.iter().flat_map(|(_, list)| list).find(|(slot, n)| {
        *n > 0 && wish.wants(slot.start) && offer_until(slot.start, now).is_some()
    });
    let Some((slot, _)) = suits else {
        return Ok(());
    };
    let at = rome::instant(slot.start);
    Err(AppError::PlaceFree {
        message: catalogue::t::waitlist_place_free(crate::domain::speech::when(
            crate::language::current(),
            &at,
        )),
        start: at,
    })
}

/// Whether the thread may wait, read under the contributor's and the thread's locks: not
/// waiting already, no live appointment for it, the contributor below the limit, eligible.
async fn may_wait(
    tx: &mut crate::db::WriteTx,
    acting: &ActingFor,
    thread: ThreadId,
    now: Instant,
) -> AppResult<()> {
    if repo::live_of_thread(tx, thread).await?.is_some() {
        return Err(conflict(
            ErrorCode::AlreadyWaiting,
            catalogue::t::waitlist_already(),
        ));
    }
    let live = appointments::active_of(tx, acting.id, now).await?;
    if let Some(a) = live.iter().find(|a| a.communication_id == thread) {
        return Err(conflict(
            ErrorCode::ThreadHasAppointment,
            catalogue::t::thread_has_appointment(a.reference.as_str()),
        ));
    }
    let max = MAX_ACTIVE_PER_CONTRIBUTOR;
    if live.len() as i64 >= max {
        return Err(conflict(
            ErrorCode::TooManyAppointments,
            catalogue::t::waitlist_too_many(max),
        ));
    }
    let eligibility = threads::facts(tx, thread).await?.eligibility(now);
    if !eligibility.eligible {
        return Err(conflict(ErrorCode::NotEligible, eligibility.reason));
    }
    Ok(())
}

/// The held appointment of an offered entry, or 409 when the entry holds no offer.
async fn offered(db: &Db, e: &Entry) -> AppResult<appointments::Record> {
    let none = || conflict(ErrorCode::NoOffer, catalogue::t::waitlist_no_offer());
    if e.status != WaitlistStatus::Offerta {
        return Err(none());
    }
    let id = e.appointment_id.ok_or_else(none)?;
    let mut conn = db.pool.acquire().await?;
    appointments::find_by_id(&mut conn, id)
        .await?
        .ok_or_else(none)
}

/// Conferma appuntamento on an offer: the hold's own confirmation (its rules, its notice);
/// the entry follows. Returns the appointment's id.
pub async fn accept(
    db: &Db,
    user: &CurrentUser,
    acting: &ActingFor,
    e: &Entry,
    now: Instant,
) -> AppResult<AppointmentId> {
    let r = offered(db, e).await?;
    agenda::step(db, user, acting, &r, HoldStep::Confirm, now).await?;
    Ok(r.id)
}

/// Rifiuta: the hold is released, the place passes to the next entry, this one ends.
pub async fn decline(
    db: &Db,
    user: &CurrentUser,
    acting: &ActingFor,
    e: &Entry,
    now: Instant,
) -> AppResult<()> {
    let r = offered(db, e).await?;
    agenda::step(db, user, acting, &r, HoldStep::Release, now).await
}

/// Esci dalla lista: a waiting entry ends; an offered one declines its offer first.
pub async fn leave(
    db: &Db,
    user: &CurrentUser,
    acting: &ActingFor,
    e: &Entry,
    now: Instant,
) -> AppResult<()> {
    match e.status {
        WaitlistStatus::InAttesa => {
            let left = retrying(|| async move {
                let mut tx = db.begin_write().await?;
                tx.lock(&[e.communication_id]).await?;
                let left = repo::withdraw(&mut tx, e.id, now).await?;
                tx.commit().await?;
                Ok(left)
            })
            .await?;
            if !left {
                // An offer arrived meanwhile: leaving declines it.
                let mut conn = db.pool.acquire().await?;
                let now_entry = repo::find(&mut conn, e.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                drop(conn);
                if now_entry.status == WaitlistStatus::Offerta {
                    return decline(db, user, acting, &now_entry, now).await;
                }
            }
            Ok(())
        }
        WaitlistStatus::Offerta => decline(db, user, acting, e, now).await,
        _ => Err(conflict(
            ErrorCode::EntryEnded,
            catalogue::t::waitlist_ended(),
        )),
    }
}

/// The sweeper's pass: entries whose days are over end; then each waiting entry, oldest
/// first, gets a free place that suits if there is one (a place freed while its entry's locks
/// were busy, or capacity the office added). Each offer in its own transaction, in the lock
/// order. Returns how many offers it made.
pub async fn sweep(db: &Db, now: Instant) -> AppResult<usize> {
    let mut conn = db.pool.acquire().await?;
    let ended = repo::end_past(&mut conn, now).await?;
    if ended > 0 {
        tracing::info!(ended, "waiting-list entries past their days");
    }
    let waiting = repo::waiting(&mut conn, now).await?;
    drop(conn);
    let mut made = 0;
    for e in waiting {
        let from = rome::date_of(e.first_at);
        let to = rome::date_of(e.last_at - 1);
        let free =
            places::free_slots(db, e.office_id, e.point_code, Some(from), Some(to), now).await?;
        let wish = e.wish();
        let Some((slot, _)) = free
            .into_iter()
            .flat_map(|(_, list)| list)
            .find(|(slot, n)| {
                *n > 0 && wish.wants(slot.start) && offer_until(slot.start, now).is_some()
            })
        else {
            continue;
        };
        if offer_free(db, &e, &slot, now).await? {
            made += 1;
        }
    }
    Ok(made)
}

/// One free place offered to one waiting entry, in the lock order; the slot's holds whose
/// time ran out give their places back first, as for a booking (`agenda::workflow::take`).
async fn offer_free(db: &Db, e: &Entry, slot: &Slot, now: Instant) -> AppResult<bool> {
    let mut tx = db.begin_write().await?;
    let slot_id = slot_rows::slot_row(&mut tx, e.office_id, e.point_code, slot).await?;
    tx.commit().await?;
    let mut conn = db.pool.acquire().await?;
    let expired = appointments::expired_holds(&mut conn, Some(slot_id), now).await?;
    drop(conn);
    let place = Place {
        slot: slot_id,
        office: e.office_id,
        office_name: e.office_name.clone(),
        point: e.point_code,
        point_label: e.point_label.clone(),
        starts_at: slot.start,
        ends_at: slot.end,
    };
    let (expired, place) = (&expired[..], &place);
    retrying(|| async move {
        let mut tx = db.begin_write().await?;
        tx.lock(&[e.contributor_id]).await?;
        let mut threads: Vec<_> = expired.iter().map(|h| h.communication_id).collect();
        threads.push(e.communication_id);
        tx.lock(&threads).await?;
        tx.lock(&[slot_id]).await?;
        // `pick` reads the entry again under these locks (they are ours already, so its
        // non-waiting locks succeed).
        let Some(picked) = offers::pick(&mut tx, place, now, &[]).await? else {
            return Ok(false);
        };
        if picked.entry.id != e.id {
            // An earlier entry wants this place too: it is theirs, in arrival order.
            return Ok(false);
        }
        let wants = offers::counters(now);
        let Some(mut ids) = take(&mut tx, slot_id, expired, &wants, now).await? else {
            return Ok(false);
        };
        offers::make(&mut tx, &mut ids, place, &picked, now).await?;
        tx.commit().await?;
        Ok(true)
    })
    .await
}
