//! The office's own rows: closures and the capacity of its slots.

use crate::agenda::slot_rows::slot_id;
use crate::db::WriteTx;
use crate::domain::closure::ValidClosure;
use crate::domain::slots::Slot;
use crate::error::AppResult;
use api::{Instant, OfficeId, PointCode, UserId};
use sqlx::AnyConnection;

/// The contributors who have a thread routed to the office or an appointment there, whose
/// codice fiscale or name match (`code`: an upper-case LIKE pattern, `name`: a lower-case one).
pub async fn contributors_matching(
    conn: &mut AnyConnection,
    office: OfficeId,
    code: &str,
    name: &str,
    limit: i64,
) -> AppResult<Vec<crate::access::ContributorRow>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.cf, c.name, c.category, c.province FROM contributors c
         WHERE (UPPER(c.cf) LIKE $2 ESCAPE '\\' OR LOWER(c.name) LIKE $3 ESCAPE '\\')
           AND (EXISTS (SELECT 1 FROM communications t WHERE t.contributor_id = c.id AND t.office_id = $1)
                OR EXISTS (SELECT 1 FROM appointments a WHERE a.contributor_id = c.id AND a.office_id = $1))
         ORDER BY c.name, c.cf
         LIMIT $4",
    )
    .bind(office)
    .bind(code)
    .bind(name)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// The contributor `cf` if they have a thread routed to the office or an appointment there.
pub async fn contributor_of_office(
    conn: &mut AnyConnection,
    office: OfficeId,
    cf: &api::Cf,
) -> AppResult<Option<crate::access::ContributorRow>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.cf, c.name, c.category, c.province FROM contributors c
         WHERE c.cf = $2
           AND (EXISTS (SELECT 1 FROM communications t WHERE t.contributor_id = c.id AND t.office_id = $1)
                OR EXISTS (SELECT 1 FROM appointments a WHERE a.contributor_id = c.id AND a.office_id = $1))",
    )
    .bind(office)
    .bind(cf)
    .fetch_optional(conn)
    .await?)
}

pub async fn insert_closure(
    tx: &mut WriteTx,
    id: i64,
    c: &ValidClosure,
    user: UserId,
    now: Instant,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO closures (id, office_id, point_code, starts_at, ends_at, reason, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(c.office)
    .bind(c.point)
    .bind(c.starts_at)
    .bind(c.ends_at)
    .bind(&c.reason)
    .bind(user)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct ClosureRow {
    pub id: i64,
    pub point_code: Option<PointCode>,
    pub point_label: Option<String>,
    pub starts_at: Instant,
    pub ends_at: Instant,
    pub reason: String,
}

/// One of the office's closures (None for another office's, or none).
pub async fn closure(
    conn: &mut AnyConnection,
    office: OfficeId,
    id: i64,
) -> AppResult<Option<ClosureRow>> {
    Ok(sqlx::query_as(
        "SELECT k.id, k.point_code, p.label AS point_label, k.starts_at, k.ends_at, k.reason
         FROM closures k LEFT JOIN consultation_points p ON p.code = k.point_code
         WHERE k.office_id = $1 AND k.id = $2",
    )
    .bind(office)
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Removes a closure not yet started, in one conditional statement: false when it started
/// meanwhile (or is gone).
pub async fn delete_future_closure(
    tx: &mut WriteTx,
    office: OfficeId,
    id: i64,
    now: Instant,
) -> AppResult<bool> {
    let deleted =
        sqlx::query("DELETE FROM closures WHERE id = $1 AND office_id = $2 AND starts_at > $3")
            .bind(id)
            .bind(office)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    Ok(deleted.rows_affected() == 1)
}

/// The office's closures that overlap `[from, to)`, soonest first.
pub async fn closures_between(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<ClosureRow>> {
    Ok(sqlx::query_as(
        "SELECT k.id, k.point_code, p.label AS point_label, k.starts_at, k.ends_at, k.reason
         FROM closures k LEFT JOIN consultation_points p ON p.code = k.point_code
         WHERE k.office_id = $1 AND k.starts_at < $3 AND k.ends_at > $2
         ORDER BY k.starts_at, k.id",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// The office's closures still to end, soonest first.
pub async fn closures(
    conn: &mut AnyConnection,
    office: OfficeId,
    now: Instant,
) -> AppResult<Vec<ClosureRow>> {
    Ok(sqlx::query_as(
        "SELECT k.id, k.point_code, p.label AS point_label, k.starts_at, k.ends_at, k.reason
         FROM closures k LEFT JOIN consultation_points p ON p.code = k.point_code
         WHERE k.office_id = $1 AND k.ends_at > $2
         ORDER BY k.starts_at, k.id",
    )
    .bind(office)
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// Sets a slot's capacity only if it holds no more than that, in one statement under the
/// slot's row lock: what it holds, or None when it holds more (nothing changed then).
pub async fn set_capacity(
    tx: &mut WriteTx,
    office: OfficeId,
    point: PointCode,
    slot: &Slot,
    capacity: i64,
) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
         VALUES ($1, $2, $3, $4, $5, $6, 0)
         ON CONFLICT (office_id, point_code, starts_at) DO UPDATE SET capacity = $6
             WHERE slots.booked <= $6
         RETURNING booked",
    )
    .bind(slot_id(office, point, slot.start))
    .bind(office)
    .bind(point)
    .bind(slot.start)
    .bind(slot.end)
    .bind(capacity)
    .fetch_optional(&mut **tx)
    .await?)
}

pub async fn booked(
    tx: &mut WriteTx,
    office: OfficeId,
    point: PointCode,
    start: Instant,
) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT booked FROM slots WHERE office_id = $1 AND point_code = $2 AND starts_at = $3",
    )
    .bind(office)
    .bind(point)
    .bind(start)
    .fetch_optional(&mut **tx)
    .await?
    .unwrap_or(0))
}

/// The office's patron saint's day ("06-29"), if its city keeps one.
pub async fn patron_day(conn: &mut AnyConnection, office: OfficeId) -> AppResult<Option<String>> {
    let day: Option<Option<String>> =
        sqlx::query_scalar("SELECT patron_day FROM offices WHERE id = $1")
            .bind(office)
            .fetch_optional(conn)
            .await?;
    Ok(day.flatten())
}

pub async fn office_name(conn: &mut AnyConnection, office: OfficeId) -> AppResult<String> {
    Ok(sqlx::query_scalar("SELECT name FROM offices WHERE id = $1")
        .bind(office)
        .fetch_one(conn)
        .await?)
}
