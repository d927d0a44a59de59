//! Slot rows: one per place that someone booked, made on the first booking, holding how many
//! places are taken (`booked`, never above `capacity`). The repository of places taken and
//! given back; the rules that say when live in `domain::booking`.

use crate::db::WriteTx;
use crate::domain::slots::Slot;
use crate::error::AppResult;
use api::{Instant, OfficeId, PointCode, SlotId};

/// The slot row of a place (made the first time it is needed, with the timetable's capacity).
/// Its id comes from the place itself, so making it takes no counter: a slot is a level of the
/// lock order of its own, before appointments and counters.
pub async fn slot_row(
    tx: &mut WriteTx,
    office: OfficeId,
    point: PointCode,
    slot: &Slot,
) -> AppResult<SlotId> {
    // No conflict target: two first bookings of a place racing on PostgreSQL may meet on the
    // primary key before the (office, point, start) key, and only a target-less DO NOTHING
    // covers both. The row made here names its id; one already there (another booking's, or
    // an older row whose id a counter gave) is read.
    let made: Option<SlotId> = sqlx::query_scalar(
        "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
         VALUES ($1, $2, $3, $4, $5, $6, 0)
         ON CONFLICT DO NOTHING
         RETURNING id",
    )
    .bind(slot_id(office, point, slot.start))
    .bind(office)
    .bind(point)
    .bind(slot.start)
    .bind(slot.end)
    .bind(slot.capacity)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(made) = made {
        return Ok(made);
    }
    Ok(sqlx::query_scalar(
        "SELECT id FROM slots WHERE office_id = $1 AND point_code = $2 AND starts_at = $3",
    )
    .bind(office)
    .bind(point)
    .bind(slot.start)
    .fetch_one(&mut **tx)
    .await?)
}

/// A slot's id, derived from its place: above any counter-made id of older rows, unique per
/// (office, point, start) since starts are under 10^10 seconds (year 2286).
pub fn slot_id(office: OfficeId, point: PointCode, starts_at: Instant) -> SlotId {
    let point = match point {
        PointCode::Sportello => 1,
        PointCode::Telefono => 2,
        PointCode::Video => 3,
    };
    SlotId(((office.0 * 10 + point) * 10_000_000_000) + starts_at.seconds())
}

/// One more place in the slot, only while it has one free (the CHECK stands behind this).
pub async fn take_place(tx: &mut WriteTx, slot: SlotId) -> AppResult<bool> {
    let taken =
        sqlx::query("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity")
            .bind(slot)
            .execute(&mut **tx)
            .await?;
    Ok(taken.rows_affected() == 1)
}

pub async fn give_back_place(tx: &mut WriteTx, slot: SlotId) -> AppResult<()> {
    sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1")
        .bind(slot)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
