//! Reference data of the agenda and availability: consultation points, offices, and the free
//! slots of an office for a consultation point.

use crate::auth::CurrentUser;
use crate::domain::slots::{self, Closure, Template};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::{rome, AppState};
use api::{ConsultationPoint, DayAvailability, Office, SlotAvailability};
use axum::extract::{Query, State};
use axum::routing::get;
use axum::Router;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/consultation-points", get(points))
        .route("/api/offices", get(offices))
        .route("/api/availability", get(availability))
}

pub async fn all_points(state: &AppState) -> AppResult<Vec<ConsultationPoint>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT code, label FROM consultation_points ORDER BY position")
            .fetch_all(&state.db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(code, label)| ConsultationPoint { code, label })
        .collect())
}

async fn points(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> AppResult<Json<Vec<ConsultationPoint>>> {
    Ok(Json(all_points(&state).await?))
}

pub async fn all_offices(state: &AppState) -> AppResult<Vec<Office>> {
    let rows: Vec<(i64, String, String, String, String)> =
        sqlx::query_as("SELECT id, name, city, address, province FROM offices ORDER BY city")
            .fetch_all(&state.db.pool)
            .await?;
    let offered: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT h.office_id, h.point_code FROM opening_hours h
         JOIN consultation_points p ON p.code = h.point_code ORDER BY h.office_id, h.point_code",
    )
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, city, address, province)| Office {
            points: offered
                .iter()
                .filter(|(o, _)| *o == id)
                .map(|(_, p)| p.clone())
                .collect(),
            id,
            name,
            city,
            address,
            province,
        })
        .collect())
}

async fn offices(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> AppResult<Json<Vec<Office>>> {
    Ok(Json(all_offices(&state).await?))
}

/// What the engine needs to know about one office and point.
pub struct Schedule {
    pub templates: Vec<Template>,
    pub patron: Option<String>,
}

pub async fn schedule(state: &AppState, office: i64, point: &str) -> AppResult<Schedule> {
    let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT weekday, start_minute, end_minute, slot_minutes, capacity FROM opening_hours
         WHERE office_id = $1 AND point_code = $2",
    )
    .bind(office)
    .bind(point)
    .fetch_all(&state.db.pool)
    .await?;
    let (patron,): (Option<String>,) =
        sqlx::query_as("SELECT patron_day FROM offices WHERE id = $1")
            .bind(office)
            .fetch_one(&state.db.pool)
            .await?;
    Ok(Schedule {
        templates: rows
            .into_iter()
            .map(|(weekday, start, end, slot_minutes, capacity)| Template {
                weekday: weekday as i8,
                start: start as i32,
                end: end as i32,
                slot_minutes: slot_minutes as i32,
                capacity,
            })
            .collect(),
        patron,
    })
}

pub async fn closures(
    state: &AppState,
    office: i64,
    point: &str,
    from: i64,
    to: i64,
) -> AppResult<Vec<Closure>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, ends_at FROM closures
         WHERE office_id = $1 AND (point_code IS NULL OR point_code = $2)
           AND starts_at < $4 AND ends_at > $3",
    )
    .bind(office)
    .bind(point)
    .bind(from)
    .bind(to)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(starts_at, ends_at)| Closure { starts_at, ends_at })
        .collect())
}

/// The engine's slots of the bookable window (or of its part from `from` to `to`), with the
/// places still free: capacity minus live holds and confirmed appointments. An expired hold
/// stops counting the moment it expires, whether or not the sweeper has seen it.
pub async fn free_slots(
    state: &AppState,
    office: i64,
    point: &str,
    from: Option<Date>,
    to: Option<Date>,
) -> AppResult<Vec<(Date, Vec<(slots::Slot, i64)>)>> {
    let now = state.clock.now();
    let schedule = schedule(state, office, point).await?;
    let (first, last) = slots::window(now, schedule.patron.as_deref());
    let from = from.map_or(first, |d| d.max(first));
    let to = to.map_or(last, |d| d.min(last));
    if from > to {
        return Ok(Vec::new());
    }
    let span_start = now.min(rome::start_of_day(from));
    let span_end = rome::start_of_day(to) + 2 * 86_400;
    let closed = closures(state, office, point, span_start, span_end).await?;
    let days = slots::slots(
        &schedule.templates,
        schedule.patron.as_deref(),
        &closed,
        from,
        to,
    );

    let taken: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, COUNT(*) FROM appointments
         WHERE office_id = $1 AND point_code = $2 AND starts_at >= $3 AND starts_at < $4
           AND (status = 'confermato' OR (status = 'prenotato' AND hold_expires_at > $5))
         GROUP BY starts_at",
    )
    .bind(office)
    .bind(point)
    .bind(span_start)
    .bind(span_end)
    .bind(now)
    .fetch_all(&state.db.pool)
    .await?;
    let taken: HashMap<i64, i64> = taken.into_iter().collect();
    // A capacity changed by the office for one slot overrides the timetable's.
    let capacities: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, capacity FROM slots
         WHERE office_id = $1 AND point_code = $2 AND starts_at >= $3 AND starts_at < $4",
    )
    .bind(office)
    .bind(point)
    .bind(span_start)
    .bind(span_end)
    .fetch_all(&state.db.pool)
    .await?;
    let capacities: HashMap<i64, i64> = capacities.into_iter().collect();
    Ok(days
        .into_iter()
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
        .collect())
}

fn parse_date(
    query: &HashMap<String, String>,
    key: &str,
    errors: &mut BTreeMap<String, String>,
) -> Option<Date> {
    let text = query.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())?;
    match text.parse::<Date>() {
        Ok(date) => Some(date),
        Err(_) => {
            errors.insert(
                key.to_string(),
                "Data non valida: usa il formato AAAA-MM-GG.".to_string(),
            );
            None
        }
    }
}

/// The point and the office, if `office` exists and offers `point`; the 422 names the field
/// at fault.
pub async fn check_office_point(
    state: &AppState,
    office: i64,
    point: &str,
) -> AppResult<(ConsultationPoint, Office)> {
    let Some(point) = all_points(state)
        .await?
        .into_iter()
        .find(|p| p.code == point)
    else {
        return Err(AppError::field(
            "point",
            "Scegli un punto di consulenza dell'elenco.",
        ));
    };
    let Some(found) = all_offices(state)
        .await?
        .into_iter()
        .find(|o| o.id == office)
    else {
        return Err(AppError::field(
            "office",
            "Scegli una struttura territoriale dell'elenco.",
        ));
    };
    if !found.points.contains(&point.code) {
        return Err(AppError::field(
            "office",
            "La struttura scelta non offre questo punto di consulenza: scegline un'altra.",
        ));
    }
    Ok((point, found))
}

async fn availability(
    State(state): State<AppState>,
    _user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<Vec<DayAvailability>>> {
    let mut errors = BTreeMap::new();
    let point = query
        .get("point")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let office = query
        .get("office")
        .and_then(|s| s.trim().parse::<i64>().ok());
    if office.is_none() {
        errors.insert(
            "office".to_string(),
            "Scegli una struttura territoriale.".to_string(),
        );
    }
    if let Some(topic) = query
        .get("topic")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        let known: Option<(String,)> = sqlx::query_as("SELECT code FROM topics WHERE code = $1")
            .bind(topic)
            .fetch_optional(&state.db.pool)
            .await?;
        if known.is_none() {
            errors.insert(
                "topic".to_string(),
                "Argomento non riconosciuto.".to_string(),
            );
        }
    }
    let from = parse_date(&query, "from", &mut errors);
    let to = parse_date(&query, "to", &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let office = office.expect("checked");
    check_office_point(&state, office, &point).await?;
    let days = free_slots(&state, office, &point, from, to).await?;
    Ok(Json(
        days.into_iter()
            .filter_map(|(day, list)| {
                let slots: Vec<SlotAvailability> = list
                    .into_iter()
                    .filter(|(_, free)| *free > 0)
                    .map(|(slot, free)| SlotAvailability {
                        start: rome::instant(slot.start),
                        end: rome::instant(slot.end),
                        free: free as u32,
                    })
                    .collect();
                (!slots.is_empty()).then(|| DayAvailability {
                    date: day.to_string(),
                    slots,
                })
            })
            .collect(),
    ))
}
