//! Slot rows: one per place that someone booked, made on the first booking, holding how many
//! places are taken (`booked`, never above `capacity`). The repository of places taken and
//! given back; the rules that say when live in `domain::booking`.

use crate::db::WriteTx;
use crate::error::AppResult;
use sqlx::AnyConnection;

/// The slot row of a place (made the first time it is needed, with the timetable's capacity).
/// Its id comes from the place itself, so making it takes no counter: a slot is a level of the
/// lock order of its own, before appointments and counters.
pub async fn slot_row(
    tx: &mut WriteTx,
    office: i64,
    point: &str,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
) -> AppResult<i64> {
    // No conflict target: two first bookings of a place racing on PostgreSQL may meet on the
    // primary key before the (office, point, start) key, and only a target-less DO NOTHING
    // covers both; the row is then read back, whoever made it.
    sqlx::query(
        "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
         VALUES ($1, $2, $3, $4, $5, $6, 0)
         ON CONFLICT DO NOTHING",
    )
    .bind(slot_id(office, point, starts_at))
    .bind(office)
    .bind(point)
    .bind(starts_at)
    .bind(ends_at)
    .bind(capacity)
    .execute(&mut **tx)
    .await?;
    Ok(sqlx::query_scalar(
        "SELECT id FROM slots WHERE office_id = $1 AND point_code = $2 AND starts_at = $3",
    )
    .bind(office)
    .bind(point)
    .bind(starts_at)
    .fetch_one(&mut **tx)
    .await?)
}

/// A slot's id, derived from its place: above any counter-made id of older rows, unique per
/// (office, point, start) since starts are under 10^10 seconds (year 2286).
pub fn slot_id(office: i64, point: &str, starts_at: i64) -> i64 {
    let point = match point {
        "sportello" => 1,
        "telefono" => 2,
        "video" => 3,
        _ => 9,
    };
    ((office * 10 + point) * 10_000_000_000) + starts_at
}

/// The slot id of an existing place, read without locking (to learn what to lock).
pub async fn find_slot(
    conn: &mut AnyConnection,
    office: i64,
    point: &str,
    starts_at: i64,
) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM slots WHERE office_id = $1 AND point_code = $2 AND starts_at = $3",
    )
    .bind(office)
    .bind(point)
    .bind(starts_at)
    .fetch_optional(conn)
    .await?)
}

/// One more place in the slot, only while it has one free (the CHECK stands behind this).
pub async fn take_place(tx: &mut WriteTx, slot: i64) -> AppResult<bool> {
    let taken =
        sqlx::query("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity")
            .bind(slot)
            .execute(&mut **tx)
            .await?;
    Ok(taken.rows_affected() == 1)
}

pub async fn give_back_place(tx: &mut WriteTx, slot: i64) -> AppResult<()> {
    sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1")
        .bind(slot)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
