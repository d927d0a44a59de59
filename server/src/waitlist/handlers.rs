//! Lista d'attesa over HTTP: parse, call one workflow function, answer the entry as it is.

use super::repo::{self, Entry};
use super::workflow::{self, ValidJoin};
use crate::access::{self, ActingFor};
use crate::agenda::places;
use crate::agenda::view::read_back;
use crate::auth::CurrentUser;
use crate::domain::booking::{check_phone_for, parse_notes, parse_office, parse_phone, Viewer};
use crate::domain::rome;
use crate::domain::slots;
use crate::domain::waitlist::{
    check_range, part_not_served, serves_between, serves_part, waitable_days,
};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::extract::{Json, Path};
use crate::state::AppState;
use api::{
    Appointment, Cf, EntryId, PointCode, WaitableDay, WaitlistDays, WaitlistEntry, WaitlistOffer,
    WaitlistRequest, WaitlistStatus,
};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use std::collections::HashMap;

fn to_api(e: &Entry, ahead: i64) -> WaitlistEntry {
    let status = e.status;
    let offer = match (&e.reference, e.offer_starts_at, e.offer_ends_at) {
        (Some(reference), Some(starts), Some(ends))
            if matches!(status, WaitlistStatus::Offerta | WaitlistStatus::Prenotato) =>
        {
            Some(WaitlistOffer {
                reference: reference.clone(),
                starts_at: rome::instant(starts),
                ends_at: rome::instant(ends),
                expires_at: e.offer_expires_at.map(rome::instant).unwrap_or_default(),
            })
        }
        _ => None,
    };
    WaitlistEntry {
        id: e.id,
        status,
        communication_id: e.communication_id,
        protocol: e.protocol.clone(),
        subject: e.subject.clone(),
        office_id: e.office_id,
        office_name: e.office_name.clone(),
        point_code: e.point_code,
        point_label: crate::language::point(e.point_code),
        from: e.from_day.clone(),
        to: e.to_day.clone(),
        part_of_day: e.part_of_day,
        created_at: rome::instant(e.created_at),
        offer,
        ahead: if status == WaitlistStatus::InAttesa {
            ahead
        } else {
            0
        },
    }
}

async fn load(state: &AppState, id: EntryId) -> AppResult<WaitlistEntry> {
    let mut conn = state.db.pool.acquire().await?;
    let e = repo::find(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let ahead = repo::ahead(&mut conn, &e).await?;
    Ok(to_api(&e, ahead))
}

/// The entry `raw` and the contributor it belongs to, if the caller acts for them (404 for
/// anyone else, operators included: the list is the contributor's).
async fn reach(state: &AppState, user: &CurrentUser, id: EntryId) -> AppResult<(Entry, ActingFor)> {
    let mut conn = state.db.pool.acquire().await?;
    let e = repo::find(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    let acting = access::acting_for(&state.db, user, &e.cf, state.clock.now()).await?;
    Ok((e, acting))
}

#[utoipa::path(get, path = "/api/contributors/{cf}/waitlist", tag = "waitlist", params(("cf" = String, Path, description = "Codice fiscale of a contributor the caller may act for")),
    responses((status = 200, description = "The contributor's entries in the Lista d'attesa, live ones first, with any offer", body = Vec<api::WaitlistEntry>), (status = 404, description = "Not a contributor the caller may act for", body = api::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<Cf>,
) -> AppResult<Json<Vec<WaitlistEntry>>> {
    let acting = access::acting_for(&state.db, &user, &cf, state.clock.now()).await?;
    let mut conn = state.db.pool.acquire().await?;
    let mut entries = Vec::new();
    for e in repo::of_contributor(&mut conn, acting.id).await? {
        let ahead = repo::ahead(&mut conn, &e).await?;
        entries.push(to_api(&e, ahead));
    }
    Ok(Json(entries))
}

/// Every field's problem at once (422 per field).
async fn parse_join(state: &AppState, request: &WaitlistRequest) -> AppResult<ValidJoin> {
    let mut errors = FieldErrors::default();
    let phone = errors.check("phone", parse_phone(&request.phone));
    let notes = errors.check("notes", parse_notes(&request.notes));
    let from = errors.check("from", rome::parse_date(&request.from));
    let to = errors.check("to", rome::parse_date(&request.to));
    let place = match places::office_point(&state.db, request.office, request.point.known()).await?
    {
        Ok(place) => Some(place),
        Err((name, message)) => {
            errors.add(name, message);
            None
        }
    };
    if let (Some(phone), Some((point, _))) = (&phone, &place) {
        errors.check("phone", check_phone_for(point.code, phone));
    }
    if let (Some(from), Some(to), Some((point, office))) = (from, to, &place) {
        let schedule = places::schedule(&state.db, office.id, point.code).await?;
        let (first, last) = slots::window(state.clock.now(), schedule.patron.as_deref());
        if let Err((field, message)) =
            check_range(from, to, first, last, crate::language::current())
        {
            errors.add(field, &message);
        } else {
            let part = request.part_of_day;
            if let Some(p) = part.filter(|p| !serves_part(&schedule.templates, Some(*p))) {
                errors.add("part_of_day", part_not_served(p));
            } else {
                let now = state.clock.now();
                let days =
                    places::free_slots(&state.db, office.id, point.code, Some(from), Some(to), now)
                        .await?;
                if !serves_between(&days, from, to, part) {
                    errors.add("from", catalogue::t::waitlist_closed_days());
                }
            }
        }
    }
    let (Some(phone), Some(notes), Some(from), Some(to), Some((point, office))) =
        (phone, notes, from, to, place)
    else {
        return Err(errors.into_error());
    };
    errors.into_result()?;
    Ok(ValidJoin {
        thread: request.communication_id,
        office,
        point,
        from,
        to,
        part: request.part_of_day,
        phone,
        notes,
    })
}

#[utoipa::path(get, path = "/api/waitlist/days", tag = "waitlist",
    params(
        ("point" = api::PointCode, Query, description = "Punto di consulenza"),
        ("office" = i64, Query, description = "Struttura territoriale"),
    ),
    description = "The days of the bookable window the office receives on at the point, with the parts of the day a wait would be taken for now",
    responses(
        (status = 200, description = "Every served day, earliest first", body = api::WaitlistDays),
        (status = 422, description = "Unknown point or office, or an office without the point", body = api::ErrorEnvelope),
    ))]
pub async fn days(
    State(state): State<AppState>,
    _user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<WaitlistDays>> {
    let text = |key: &str| query.get(key).map(String::as_str).filter(|s| !s.is_empty());
    let office = parse_office(text("office")).map_err(|m| AppError::field("office", m))?;
    let point = text("point").and_then(PointCode::from_code);
    let (point, _) = places::office_point(&state.db, office, point)
        .await?
        .map_err(places::field)?;
    let now = state.clock.now();
    let free = places::free_slots(&state.db, office, point.code, None, None, now).await?;
    Ok(Json(WaitlistDays {
        days: waitable_days(&free, now)
            .into_iter()
            .map(|(date, served, waitable)| WaitableDay {
                date: date.to_string(),
                served,
                waitable,
            })
            .collect(),
    }))
}

#[utoipa::path(post, path = "/api/waitlist", tag = "waitlist",
    request_body = api::WaitlistRequest,
    description = "Avvisami se si libera un posto: when no place that suits is free, wait for one; a freed place is offered to the first matching entry, held in the person's name",
    responses(
        (status = 201, description = "The entry, in_attesa", body = api::WaitlistEntry),
        (status = 404, description = "Not a thread the caller may act on", body = api::ErrorEnvelope),
        (status = 409, description = "Already waiting or booked for the thread, thread not eligible, three active appointments, or a place that suits is free now", body = api::ErrorEnvelope),
        (status = 422, description = "A message per field", body = api::ErrorEnvelope),
    ))]
pub async fn join(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<WaitlistRequest>,
) -> AppResult<(StatusCode, Json<WaitlistEntry>)> {
    let now = state.clock.now();
    let acting = access::thread_access(&state.db, &user, request.communication_id, now)
        .await?
        .contributor_side()?;
    let valid = parse_join(&state, &request).await?;
    let id = workflow::join(&state.db, &user, &acting, &valid, now).await?;
    Ok((StatusCode::CREATED, Json(load(&state, id).await?)))
}

#[utoipa::path(delete, path = "/api/waitlist/{id}", tag = "waitlist", params(("id" = i64, Path, description = "The entry")),
    description = "Esci dalla lista: a waiting entry ends; an offered place is declined and passes to the next entry",
    responses((status = 200, description = "The entry, ritirata", body = api::WaitlistEntry), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "The entry already ended", body = api::ErrorEnvelope), (status = 410, description = "The offer lapsed meanwhile", body = api::ErrorEnvelope)))]
pub async fn leave(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<EntryId>,
) -> AppResult<Json<WaitlistEntry>> {
    let (e, acting) = reach(&state, &user, id).await?;
    workflow::leave(&state.db, &user, &acting, &e, state.clock.now()).await?;
    Ok(Json(load(&state, e.id).await?))
}

#[utoipa::path(post, path = "/api/waitlist/{id}/accept", tag = "waitlist", params(("id" = i64, Path, description = "The entry")),
    description = "Conferma appuntamento on an offered place",
    responses((status = 200, description = "The appointment, confermato", body = api::Appointment), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "No offer to answer, or the office closed meanwhile", body = api::ErrorEnvelope), (status = 410, description = "The offer lapsed", body = api::ErrorEnvelope)))]
pub async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<EntryId>,
) -> AppResult<Json<Appointment>> {
    let (e, acting) = reach(&state, &user, id).await?;
    let now = state.clock.now();
    let appointment = workflow::accept(&state.db, &user, &acting, &e, now).await?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(
        read_back(&mut conn, appointment, Viewer::ContributorSide, now).await?,
    ))
}

#[utoipa::path(post, path = "/api/waitlist/{id}/decline", tag = "waitlist", params(("id" = i64, Path, description = "The entry")),
    description = "Rifiuta an offered place: it passes to the next entry; this entry ends",
    responses((status = 200, description = "The entry, ritirata", body = api::WaitlistEntry), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "No offer to answer", body = api::ErrorEnvelope), (status = 410, description = "The offer lapsed", body = api::ErrorEnvelope)))]
pub async fn decline(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<EntryId>,
) -> AppResult<Json<WaitlistEntry>> {
    let (e, acting) = reach(&state, &user, id).await?;
    workflow::decline(&state.db, &user, &acting, &e, state.clock.now()).await?;
    Ok(Json(load(&state, e.id).await?))
}
