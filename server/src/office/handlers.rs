//! The office's agenda over HTTP: the day's appointments, closures and a day's capacity.
//! Operators act only on their own office; other roles get 403.

use super::repo;
use super::workflow::{self, ValidCapacity};
use crate::agenda::places;
use crate::agenda::repo as appointments;
use crate::auth::CurrentUser;
use crate::domain::calendar;
use crate::domain::closure::{self, ValidClosure};
use crate::domain::rome;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;
use api::{
    CapacityRequest, Closure, ClosureOutcome, ConsultationPoint, DayAvailability, NewClosure,
    NoticeDelivery, OfficeAgenda, OfficeId, Role, SlotAvailability,
};
use axum::extract::State;
use axum::http::StatusCode;
use jiff::civil::Date;
use std::collections::HashMap;

/// A day from the query (`name`), today when absent.
pub(super) fn day_param(
    query: &HashMap<String, String>,
    name: &str,
    errors: &mut FieldErrors,
    today: Date,
) -> Option<Date> {
    match query
        .get(name)
        .map(String::as_str)
        .filter(|d| !d.is_empty())
    {
        None => Some(today),
        Some(text) => errors.check(name, rome::parse_date(text)),
    }
}

/// The operator's office. Other roles may never do this (403, as for the office's queue);
/// another office's data is simply never reached, since every query is bound to this one.
pub(super) fn office_of(user: &CurrentUser) -> AppResult<OfficeId> {
    match (user.role, user.office_id) {
        (Role::Operatore, Some(office)) => Ok(office),
        _ => Err(AppError::Forbidden),
    }
}

#[utoipa::path(get, path = "/api/office/week", tag = "office",
    params(("from" = Option<String>, Query, format = Date, description = "The first of seven days; the first bookable day by default")),
    responses(
        (status = 200, description = "Seven days of the office: per point, places and those taken; closures; people waiting", body = api::OfficeWeek),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "Malformed or far date", body = api::ErrorEnvelope),
    ))]
/// The week: how full each day is, at each point, and why a day is empty.
pub async fn week(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<api::OfficeWeek>> {
    use jiff::ToSpan;
    let office = office_of(&user)?;
    let now = state.clock.now();
    let (first, _) = crate::domain::slots::window(now, None);
    let mut errors = FieldErrors::default();
    let from = day_param(&query, "from", &mut errors, first);
    errors.into_result()?;
    let from = from.ok_or_else(|| AppError::Internal("day checked".into()))?;
    let shift = |days: i64| {
        from.checked_add(days.days())
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    let to = shift(6)?;
    let offered = places::all_offices(&state.db)
        .await?
        .into_iter()
        .find(|o| o.id == office)
        .map(|o| o.points)
        .unwrap_or_default();
    let labels = places::all_points(&state.db).await?;
    // Per point, the engine's slots of those days with their free places.
    let mut loads = Vec::new();
    for point in labels.iter().filter(|p| offered.contains(&p.code)) {
        let days =
            places::free_slots(&state.db, office, point.code, Some(from), Some(to), now).await?;
        loads.push((point.clone(), days));
    }
    let mut conn = state.db.pool.acquire().await?;
    let mut days = Vec::new();
    for n in 0..7 {
        let date = shift(n)?;
        let (start, end) = (rome::start_of_day(date), rome::start_of_day(shift(n + 1)?));
        let points = loads
            .iter()
            .map(|(point, list)| {
                let slots = list.iter().find(|(d, _)| *d == date).map(|(_, s)| s);
                let (capacity, free) = slots
                    .into_iter()
                    .flatten()
                    .fold((0, 0), |(c, f), (slot, free)| (c + slot.capacity, f + free));
                api::PointLoad {
                    point: point.clone(),
                    capacity: capacity.max(0) as u32,
                    booked: (capacity - free).max(0) as u32,
                }
            })
            .collect();
        days.push(api::OfficeWeekDay {
            date: date.to_string(),
            points,
            closures: repo::closures_between(&mut conn, office, start, end)
                .await?
                .into_iter()
                .map(closure_of)
                .collect(),
            waiting: crate::waitlist::repo::waiting_on(&mut conn, office, start, end).await?,
        });
    }
    Ok(Json(api::OfficeWeek {
        from: from.to_string(),
        previous: shift(-7)?.to_string(),
        next: shift(7)?.to_string(),
        days,
    }))
}

/// How many of each kind a search answers.
const SEARCH_LIMIT: i64 = 20;

#[utoipa::path(get, path = "/api/office/search", tag = "office",
    params(("q" = String, Query, min_length = 1, max_length = 100, description = "A codice fiscale, a name, a protocol or an appointment reference, or part of one")),
    responses(
        (status = 200, description = "What matches, of the operator's office only: contributors, threads, appointments (20 of each at most, the latest first)", body = api::OfficeSearch),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "An empty or too long `q`", body = api::ErrorEnvelope),
    ))]
/// Cerca: a contributor phones or walks in with one of their codes or their name.
pub async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<api::OfficeSearch>> {
    let office = office_of(&user)?;
    let q = query.get("q").map(|q| q.trim()).unwrap_or_default();
    if q.is_empty() {
        return Err(AppError::field("q", catalogue::t::search_empty()));
    }
    if q.chars().count() > 100 || q.chars().any(crate::domain::text::forbidden_in_line) {
        return Err(AppError::field("q", catalogue::t::search_too_long()));
    }
    let pattern = crate::domain::text::like_contains(q);
    let (code, name) = (pattern.to_uppercase(), pattern.to_lowercase());
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let contributors = repo::contributors_matching(&mut conn, office, &code, &name, SEARCH_LIMIT)
        .await?
        .iter()
        .map(crate::access::ContributorRow::to_api)
        .collect();
    let communications = crate::communications::repo::search_of_office(
        &mut conn,
        office,
        &code,
        &name,
        SEARCH_LIMIT,
    )
    .await?
    .into_iter()
    .map(crate::communications::repo::QueueRow::into_api)
    .collect();
    let appointments =
        appointments::search_of_office(&mut conn, office, &code, &name, SEARCH_LIMIT)
            .await?
            .iter()
            .map(|r| r.to_office_line(now))
            .collect();
    Ok(Json(api::OfficeSearch {
        contributors,
        communications,
        appointments,
    }))
}

#[utoipa::path(get, path = "/api/office/contributors/{cf}", tag = "office",
    params(("cf" = String, Path, description = "Codice fiscale")),
    responses(
        (status = 200, description = "The contributor's file at the operator's office: threads, appointments, no-shows, phones", body = api::OfficeContributorFile),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 404, description = "No thread routed to the office and no appointment there", body = api::ErrorEnvelope),
    ))]
/// Scheda del contribuente: what the office holds of one person.
pub async fn contributor_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<api::Cf>,
) -> AppResult<Json<api::OfficeContributorFile>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let row = repo::contributor_of_office(&mut conn, office, &cf)
        .await?
        .ok_or(AppError::NotFound)?;
    let threads =
        crate::communications::repo::of_contributor_at_office(&mut conn, office, row.id).await?;
    let records = appointments::of_contributor_at_office(&mut conn, office, row.id).await?;
    let count = |status| records.iter().filter(|r| r.status == status).count() as i64;
    let mut phones: Vec<String> = Vec::new();
    for r in &records {
        if !r.phone.is_empty() && !phones.contains(&r.phone) {
            phones.push(r.phone.clone());
        }
    }
    Ok(Json(api::OfficeContributorFile {
        contributor: row.to_api(),
        phones,
        no_shows: count(api::AppointmentStatus::NonPresentato),
        attended: count(api::AppointmentStatus::Svolto),
        communications: threads
            .into_iter()
            .map(crate::communications::repo::QueueRow::into_api)
            .collect(),
        appointments: records.iter().map(|r| r.to_office_line(now)).collect(),
    }))
}

#[utoipa::path(get, path = "/api/office/agenda", tag = "office",
    params(("date" = Option<String>, Query, format = Date, description = "Today by default")),
    responses((status = 200, description = "Agenda della sede: the office's appointments of a day by time", body = api::OfficeAgenda), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 422, description = "Malformed or far date", body = api::ErrorEnvelope)))]
/// Agenda della sede: the office's meetings of a day (today by default), by time.
pub async fn agenda(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<OfficeAgenda>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let day = match query
        .get("date")
        .map(String::as_str)
        .filter(|d| !d.is_empty())
    {
        None => rome::date_of(now),
        Some(text) => rome::parse_date(text).map_err(|e| AppError::field("date", e))?,
    };
    // The arrows go to the office's working days: no empty Sundays, holidays, patron's day.
    let patron = {
        let mut conn = state.db.pool.acquire().await?;
        repo::patron_day(&mut conn, office).await?
    };
    let (previous, next) = (
        calendar::previous_working_day(day, patron.as_deref()).to_string(),
        calendar::next_working_day(day, patron.as_deref()).to_string(),
    );
    let from = rome::start_of_day(day);
    let to = rome::start_of_day(
        day.tomorrow()
            .map_err(|e| AppError::Internal(e.to_string()))?,
    );
    let mut conn = state.db.pool.acquire().await?;
    let records = appointments::of_office_day(&mut conn, office, from, to).await?;
    let ids: Vec<_> = records.iter().map(|r| r.id).collect();
    let notices = crate::notify::outbox::cancellation_notices(&mut conn, &ids).await?;
    let lines = records
        .iter()
        .map(|r| {
            let mut line = r.to_office_line(now);
            line.cancellation_notice = notices.get(&r.id).copied().map(NoticeDelivery::of);
            line
        })
        .collect();
    Ok(Json(OfficeAgenda {
        date: day.to_string(),
        previous,
        next,
        office: repo::office_name(&mut conn, office).await?,
        appointments: lines,
        waiting: crate::waitlist::repo::waiting_on(&mut conn, office, from, to).await?,
        closures: repo::closures_between(&mut conn, office, from, to)
            .await?
            .into_iter()
            .map(closure_of)
            .collect(),
        waitlist: crate::waitlist::repo::waiters_on(&mut conn, office, from, to)
            .await?
            .into_iter()
            .map(|w| api::DayWaiter {
                contributor: api::Contributor {
                    cf: w.cf,
                    name: w.name,
                    category: w.category,
                    province: w.province,
                },
                communication_id: w.communication_id,
                point: api::ConsultationPoint {
                    label: crate::language::point(w.point_code),
                    code: w.point_code,
                },
                part_of_day: w.part_of_day,
                status: w.status,
                since: rome::instant(w.created_at),
                offered_start: w.offered_at.map(rome::instant),
                offer_until: w.offer_until.map(rome::instant),
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/office/closures", tag = "office",
    responses((status = 200, description = "The office's closures still to end", body = Vec<api::Closure>), (status = 403, description = "Not an operator", body = api::ErrorEnvelope)))]
pub async fn list_closures(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<Closure>>> {
    let office = office_of(&user)?;
    let mut conn = state.db.pool.acquire().await?;
    let rows = repo::closures(&mut conn, office, state.clock.now()).await?;
    Ok(Json(rows.into_iter().map(closure_of).collect()))
}

#[utoipa::path(delete, path = "/api/office/closures/{id}", tag = "office", params(("id" = i64, Path, description = "The closure")),
    description = "Revoca: a closure not yet started goes and its hours are bookable again; the appointments it cancelled stay cancelled (their people were told and may book again)",
    responses(
        (status = 200, description = "The revoked closure", body = api::Closure),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 404, description = "Not a closure of the operator's office", body = api::ErrorEnvelope),
        (status = 409, description = "The closure has started", body = api::ErrorEnvelope),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    crate::extract::Path(id): crate::extract::Path<i64>,
) -> AppResult<Json<Closure>> {
    let office = office_of(&user)?;
    let r = workflow::revoke(&state.db, &user, office, id, state.clock.now()).await?;
    Ok(Json(closure_of(r)))
}

fn closure_of(r: repo::ClosureRow) -> Closure {
    Closure {
        id: r.id,
        point: r.point_code.map(|code| ConsultationPoint {
            code,
            label: crate::language::point(code),
        }),
        starts_at: rome::instant(r.starts_at),
        ends_at: rome::instant(r.ends_at),
        reason: r.reason,
    }
}

/// Parses a closure: every problem per field, the point one the office offers.
async fn parse_closure(
    state: &AppState,
    user: &CurrentUser,
    raw: &NewClosure,
) -> AppResult<(ValidClosure, Option<ConsultationPoint>)> {
    let office = office_of(user)?;
    let now = state.clock.now();
    let mut errors = FieldErrors::default();
    let spec = closure::parse(
        &raw.from,
        &raw.to,
        raw.start_time.as_deref(),
        raw.end_time.as_deref(),
        &raw.reason,
        rome::date_of(now),
    )
    .map_err(|e| errors.extend(e))
    .ok();
    let point = match closure::parse_point(raw.point.as_ref()) {
        Ok(None) => None,
        Ok(Some(code)) => match places::office_point(&state.db, office, Some(code)).await? {
            Ok((point, _)) => Some(point),
            Err(_) => {
                errors.add("point", catalogue::t::closure_point_or_all());
                None
            }
        },
        Err(message) => {
            errors.add("point", message);
            None
        }
    };
    let Some(spec) = spec.filter(|_| errors.is_empty()) else {
        return Err(errors.into_error());
    };
    let (starts_at, ends_at) = spec
        .span()
        .ok_or_else(|| AppError::Internal("a closure's days have instants".into()))?;
    closure::not_past(ends_at, now).map_err(|e| AppError::field("end_time", e))?;
    let valid = ValidClosure {
        office,
        point: point.as_ref().map(|p| p.code),
        starts_at,
        ends_at,
        reason: spec.reason,
    };
    Ok((valid, point))
}

#[utoipa::path(post, path = "/api/office/closures/preview", tag = "office", request_body = api::NewClosure,
    responses((status = 200, description = "The appointments a closure would cancel, changing nothing (closure null)", body = api::ClosureOutcome), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
/// What a closure would cancel, before it is declared.
pub async fn preview(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(raw): Json<NewClosure>,
) -> AppResult<Json<ClosureOutcome>> {
    let (valid, _) = parse_closure(&state, &user, &raw).await?;
    let now = state.clock.now();
    let inside = workflow::inside(&state.db, &valid, now).await?;
    Ok(Json(ClosureOutcome {
        closure: None,
        affected: inside.iter().map(|r| r.to_office_line(now)).collect(),
    }))
}

#[utoipa::path(post, path = "/api/office/closures", tag = "office", request_body = api::NewClosure,
    description = "Declare a closure (a day, part of a day, a period; one point or all). Appointments inside are cancelled with its reason only with cancel_appointments",
    responses((status = 201, description = "The closure and what it cancelled", body = api::ClosureOutcome), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 409, description = "Appointments inside: confirm with cancel_appointments", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
pub async fn declare(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(raw): Json<NewClosure>,
) -> AppResult<(StatusCode, Json<ClosureOutcome>)> {
    let (valid, point) = parse_closure(&state, &user, &raw).await?;
    let (id, affected) = workflow::declare(
        &state.db,
        &user,
        &valid,
        raw.cancel_appointments,
        state.clock.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ClosureOutcome {
            closure: Some(Closure {
                id,
                point,
                starts_at: rome::instant(valid.starts_at),
                ends_at: rome::instant(valid.ends_at),
                reason: valid.reason,
            }),
            affected,
        }),
    ))
}

#[utoipa::path(post, path = "/api/office/capacity", tag = "office", request_body = api::CapacityRequest,
    responses((status = 200, description = "The day's slots for the point with their free places", body = api::DayAvailability), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 409, description = "Below what a slot already holds", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
/// A day's capacity for a point (an extra colleague on duty, or one fewer).
pub async fn capacity(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<CapacityRequest>,
) -> AppResult<Json<DayAvailability>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let mut errors = FieldErrors::default();
    let day = errors.check(
        "date",
        closure::parse_capacity_day(&request.date, rome::date_of(now)),
    );
    errors.check("capacity", closure::parse_capacity(request.capacity));
    let found = places::office_point(&state.db, office, request.point.known()).await?;
    if found.is_err() {
        errors.add("point", catalogue::t::capacity_point_offered());
    }
    let (Some(day), Ok((point, office))) = (day.filter(|_| errors.is_empty()), found) else {
        return Err(errors.into_error());
    };
    let valid = ValidCapacity {
        office,
        point,
        day,
        capacity: request.capacity,
    };
    let slots = workflow::capacity(&state.db, &user, &valid, now).await?;
    Ok(Json(DayAvailability {
        date: day.to_string(),
        slots: slots
            .into_iter()
            .map(|(slot, free)| SlotAvailability {
                start: rome::instant(slot.start),
                end: rome::instant(slot.end),
                free: free as u32,
            })
            .collect(),
    }))
}
