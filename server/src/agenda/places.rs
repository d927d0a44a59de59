//! Reference data and free places: consultation points, offices, their timetables and
//! closures, and the slots the engine offers with what is still free in each.

use super::repo;
use crate::db::Db;
use crate::domain::rome;
use crate::domain::slots::{self, Closure, Slot, Template};
use crate::error::{AppError, AppResult};
use api::{ConsultationPoint, Instant, Office, OfficeId, PointCode};
use jiff::civil::Date;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

#[derive(sqlx::FromRow)]
struct PointRow {
    code: PointCode,
    label: String,
}

/// Reference data kept in memory until the next committed write: `load` runs only when
/// nothing is kept, and its answer is kept only if no write committed meanwhile.
async fn kept<T, F, Fut>(db: &Db, key: &str, load: F) -> AppResult<T>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = AppResult<T>>,
{
    if let Some(value) = db.cached::<T>(key) {
        return Ok((*value).clone());
    }
    let generation = db.generation();
    let value = load().await?;
    db.remember(key.into(), generation, Arc::new(value.clone()));
    Ok(value)
}

/// The points offered: the videochiamata only with a video platform (`video::offered`).
pub async fn all_points(db: &Db) -> AppResult<Vec<ConsultationPoint>> {
    let mut points = every_point(db).await?;
    if !crate::video::offered() {
        points.retain(|p| p.code != PointCode::Video);
    }
    Ok(points)
}

async fn every_point(db: &Db) -> AppResult<Vec<ConsultationPoint>> {
    kept(db, "points", || async {
        let rows: Vec<PointRow> =
            sqlx::query_as("SELECT code, label FROM consultation_points ORDER BY position")
                .fetch_all(&db.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|r| ConsultationPoint {
                code: r.code,
                label: r.label,
            })
            .collect())
    })
    .await
}

#[derive(sqlx::FromRow)]
struct OfficeRow {
    id: OfficeId,
    name: String,
    city: String,
    address: String,
    province: String,
}

#[derive(sqlx::FromRow)]
struct Offered {
    office_id: OfficeId,
    point_code: PointCode,
}

/// The offices, each with the points it offers (as `all_points`).
pub async fn all_offices(db: &Db) -> AppResult<Vec<Office>> {
    let mut offices = every_office(db).await?;
    if !crate::video::offered() {
        for office in &mut offices {
            office.points.retain(|&p| p != PointCode::Video);
        }
    }
    Ok(offices)
}

async fn every_office(db: &Db) -> AppResult<Vec<Office>> {
    kept(db, "offices", || async {
        let rows: Vec<OfficeRow> =
            sqlx::query_as("SELECT id, name, city, address, province FROM offices ORDER BY city")
                .fetch_all(&db.pool)
                .await?;
        let offered: Vec<Offered> = sqlx::query_as(
            "SELECT DISTINCT h.office_id, h.point_code FROM opening_hours h
             JOIN consultation_points p ON p.code = h.point_code ORDER BY h.office_id, h.point_code",
        )
        .fetch_all(&db.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| Office {
                points: offered
                    .iter()
                    .filter(|o| o.office_id == r.id)
                    .map(|o| o.point_code)
                    .collect(),
                id: r.id,
                name: r.name,
                city: r.city,
                address: r.address,
                province: r.province,
            })
            .collect())
    })
    .await
}

/// The point and the office, if `office` exists and offers `point` (None: a code the service
/// does not know); the error names the field at fault.
pub async fn office_point(db: &Db, office: OfficeId, point: Option<PointCode>) -> AppResult<Found> {
    let Some(point) = all_points(db)
        .await?
        .into_iter()
        .find(|p| Some(p.code) == point)
    else {
        return Ok(Err(("point", catalogue::t::places_point_unknown())));
    };
    let Some(found) = all_offices(db).await?.into_iter().find(|o| o.id == office) else {
        return Ok(Err(("office", catalogue::t::places_office_unknown())));
    };
    if !found.points.contains(&point.code) {
        return Ok(Err(("office", catalogue::t::places_point_not_offered())));
    }
    Ok(Ok((point, found)))
}

/// A point offered by an office, or the field at fault and why.
pub type Found = Result<(ConsultationPoint, Office), (&'static str, catalogue::Text)>;

/// What the engine needs to know about one office and point.
pub struct Schedule {
    pub templates: Vec<Template>,
    pub patron: Option<String>,
}

/// One line of the timetable, with the office's patron day repeated on each (an office
/// without lines for the point gives one row of NULLs): the schedule in one statement.
#[derive(sqlx::FromRow)]
struct TemplateRow {
    patron_day: Option<String>,
    weekday: Option<i64>,
    start_minute: Option<i64>,
    end_minute: Option<i64>,
    slot_minutes: Option<i64>,
    capacity: Option<i64>,
}

pub async fn schedule(db: &Db, office: OfficeId, point: PointCode) -> AppResult<Schedule> {
    let rows: Vec<TemplateRow> = sqlx::query_as(
        "SELECT o.patron_day, h.weekday, h.start_minute, h.end_minute, h.slot_minutes, h.capacity
         FROM offices o
         LEFT JOIN opening_hours h ON h.office_id = o.id AND h.point_code = $2
         WHERE o.id = $1",
    )
    .bind(office)
    .bind(point)
    .fetch_all(&db.pool)
    .await?;
    Ok(Schedule {
        patron: rows.first().and_then(|r| r.patron_day.clone()),
        templates: rows
            .into_iter()
            .filter_map(|r| {
                Some(Template {
                    weekday: r.weekday? as i8,
                    start: r.start_minute? as i32,
                    end: r.end_minute? as i32,
                    slot_minutes: r.slot_minutes? as i32,
                    capacity: r.capacity?,
                })
            })
            .collect(),
    })
}

/// The office's closures over [from, to) that concern `point`.
pub async fn closures(
    db: &Db,
    office: OfficeId,
    point: PointCode,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<Closure>> {
    Ok(sqlx::query_as(
        "SELECT starts_at, ends_at FROM closures
         WHERE office_id = $1 AND (point_code IS NULL OR point_code = $2)
           AND starts_at < $4 AND ends_at > $3",
    )
    .bind(office)
    .bind(point)
    .bind(from)
    .bind(to)
    .fetch_all(&db.pool)
    .await?)
}

/// The slots the engine offers for one day (timetable, holidays, closures), with the capacity
/// the office set for that day where it changed it.
pub async fn day_slots(
    db: &Db,
    office: OfficeId,
    point: PointCode,
    day: Date,
) -> AppResult<Vec<Slot>> {
    let schedule = schedule(db, office, point).await?;
    slots_of_day(db, &schedule, office, point, day).await
}

/// The slots of `day` by `schedule`, the day's closures read.
async fn slots_of_day(
    db: &Db,
    schedule: &Schedule,
    office: OfficeId,
    point: PointCode,
    day: Date,
) -> AppResult<Vec<Slot>> {
    let from = rome::start_of_day(day);
    let closed = closures(db, office, point, from, from + 2 * 86_400).await?;
    Ok(slots::slots(
        &schedule.templates,
        schedule.patron.as_deref(),
        &closed,
        day,
        day,
    )
    .into_iter()
    .flat_map(|(_, list)| list)
    .collect())
}

/// Free places as last read: they stay true until a write commits (`Db::cached`), the day
/// changes (the window moves) or a counted hold expires.
pub struct FreeSlots {
    read_at: Instant,
    valid_until: Instant,
    pub days: Vec<(Date, Vec<(Slot, i64)>)>,
    /// The availability answer for these days, rendered once for everyone who asks.
    pub answer: OnceLock<axum::body::Bytes>,
}

/// The engine's slots of the bookable window (or of its part from `from` to `to`), with the
/// places still free: capacity minus what occupies a place.
pub async fn free_slots(
    db: &Db,
    office: OfficeId,
    point: PointCode,
    from: Option<Date>,
    to: Option<Date>,
    now: Instant,
) -> AppResult<Vec<(Date, Vec<(Slot, i64)>)>> {
    Ok(kept_free_slots(db, office, point, from, to, now)
        .await?
        .days
        .clone())
}

/// `free_slots`, shared with every other reader while it stays true.
pub async fn kept_free_slots(
    db: &Db,
    office: OfficeId,
    point: PointCode,
    from: Option<Date>,
    to: Option<Date>,
    now: Instant,
) -> AppResult<Arc<FreeSlots>> {
    let key = format!("free:{office}:{point}:{from:?}:{to:?}");
    if let Some(kept) = db.cached::<FreeSlots>(&key) {
        if kept.read_at <= now && now < kept.valid_until {
            return Ok(kept);
        }
    }
    let generation = db.generation();
    let schedule = schedule(db, office, point).await?;
    let (first, last) = slots::window(now, schedule.patron.as_deref());
    let from = from.map_or(first, |d| d.max(first));
    let to = to.map_or(last, |d| d.min(last));
    if from > to {
        return Ok(Arc::new(FreeSlots {
            read_at: now,
            valid_until: now,
            days: Vec::new(),
            answer: OnceLock::new(),
        }));
    }
    let span_start = now.min(rome::start_of_day(from));
    let span_end = rome::start_of_day(to) + 2 * 86_400;
    let closed = closures(db, office, point, span_start, span_end).await?;
    let days = slots::slots(
        &schedule.templates,
        schedule.patron.as_deref(),
        &closed,
        from,
        to,
    );
    let mut conn = db.pool.acquire().await?;
    let taken: HashMap<Instant, i64> =
        repo::taken(&mut conn, office, point, span_start, span_end, now)
            .await?
            .into_iter()
            .map(|t| (t.starts_at, t.n))
            .collect();
    // A capacity changed by the office for one slot overrides the timetable's.
    let capacities: HashMap<Instant, i64> =
        repo::slots_between(&mut conn, office, point, span_start, span_end)
            .await?
            .into_iter()
            .map(|s| (s.starts_at, s.capacity))
            .collect();
    let next_expiry =
        repo::next_hold_expiry(&mut conn, office, point, span_start, span_end, now).await?;
    let days = with_free_places(days, &capacities, &taken);
    let tomorrow = rome::date_of(now)
        .tomorrow()
        .map_or(Instant(i64::MAX), rome::start_of_day);
    let kept = Arc::new(FreeSlots {
        read_at: now,
        valid_until: next_expiry.unwrap_or(Instant(i64::MAX)).min(tomorrow),
        days,
        answer: OnceLock::new(),
    });
    db.remember(key, generation, kept.clone());
    Ok(kept)
}

/// Each slot with its capacity as the office set it and the places still free.
fn with_free_places(
    days: Vec<(Date, Vec<Slot>)>,
    capacities: &HashMap<Instant, i64>,
    taken: &HashMap<Instant, i64>,
) -> Vec<(Date, Vec<(Slot, i64)>)> {
    days.into_iter()
        .map(|(day, list)| {
            let list = list
                .into_iter()
                .map(|mut slot| {
                    slot.capacity = capacities
                        .get(&slot.start)
                        .copied()
                        .unwrap_or(slot.capacity);
                    let free = slot.capacity - taken.get(&slot.start).copied().unwrap_or(0);
                    (slot, free.max(0))
                })
                .collect();
            (day, list)
        })
        .collect()
}

/// The slot the engine offers now at `start` (in the window, in opening hours, not on a
/// holiday or in a closure), if any, with the timetable's capacity. Whether a place is still
/// free is not asked here: the booking's transaction decides that under the slot's lock, so
/// the free places (three more statements) are not read for it.
pub async fn offered_slot(
    db: &Db,
    office: OfficeId,
    point: PointCode,
    start: Instant,
    now: Instant,
) -> AppResult<Option<Slot>> {
    let day = rome::date_of(start);
    let schedule = schedule(db, office, point).await?;
    let (first, last) = slots::window(now, schedule.patron.as_deref());
    if day < first || day > last {
        return Ok(None);
    }
    Ok(slots_of_day(db, &schedule, office, point, day)
        .await?
        .into_iter()
        .find(|s| s.start == start))
}

/// Whether a topic code exists.
pub async fn topic_exists(db: &Db, code: &str) -> AppResult<bool> {
    let found: Option<String> = sqlx::query_scalar("SELECT code FROM topics WHERE code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// For `AppError`: a field error from `office_point`.
pub fn field((name, message): (&str, catalogue::Text)) -> AppError {
    AppError::field(name, message)
}
