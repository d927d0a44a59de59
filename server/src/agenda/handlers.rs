//! Agenda appuntamenti over HTTP: each handler extracts, parses into domain types (the
//! sentences of a refusal are the domain's), calls one workflow or repository function and
//! maps the answer. No SQL, no rules here.

use super::hold::{self, Booker, ValidHold};
use super::ics;
use super::idempotency::Idempotency;
use super::moving::{self, Mover, ValidMove};
use super::places::{self, field};
use super::repo::{self, Record};
use super::view::read_back;
use super::workflow::{self, refusal, HoldStep};
use crate::access::{self, Access};
use crate::auth::CurrentUser;
use crate::domain::booking::{self, parse_notes, parse_phone, parse_start};
use crate::domain::history::HistoryFilter;
use crate::domain::rome;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;
use api::{
    Appointment, AttendanceRequest, CancelRequest, Cf, ConsultationPoint, DayAvailability,
    HoldRequest, Instant, MoveRequest, Office, PointCode, Reference, SlotAvailability,
};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

#[utoipa::path(get, path = "/api/consultation-points", tag = "agenda", responses((status = 200, description = "Punti di consulenza", body = Vec<api::ConsultationPoint>)))]
pub async fn points(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> AppResult<Json<Vec<ConsultationPoint>>> {
    let mut points = places::all_points(&state.db).await?;
    for point in &mut points {
        point.label = crate::language::point(point.code);
    }
    Ok(Json(points))
}

#[utoipa::path(get, path = "/api/offices", tag = "agenda", responses((status = 200, description = "Strutture territoriali with the points they offer", body = Vec<api::Office>)))]
pub async fn offices(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> AppResult<Json<Vec<Office>>> {
    Ok(Json(places::all_offices(&state.db).await?))
}

#[utoipa::path(get, path = "/api/availability", tag = "agenda",
    params(
        ("point" = api::PointCode, Query, description = "Punto di consulenza"),
        ("office" = i64, Query, description = "Struttura territoriale"),
        ("topic" = Option<String>, Query, description = "Argomento (checked if given)"),
        ("from" = Option<String>, Query, format = Date, description = "First day, Europe/Rome"),
        ("to" = Option<String>, Query, format = Date, description = "Last day, Europe/Rome"),
    ),
    responses(
        (status = 200, description = "Free slots by day, from the next working day to 30 days ahead", body = Vec<api::DayAvailability>),
        (status = 422, description = "Unknown point, office or topic; office without the point; malformed or far date", body = api::ErrorEnvelope),
    ))]
/// Free slots by day.
pub async fn availability(
    State(state): State<AppState>,
    _user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let text = |key: &str| query.get(key).map(String::as_str).filter(|s| !s.is_empty());
    let point = text("point").and_then(PointCode::from_code);
    let office = errors.check("office", booking::parse_office(text("office")));
    if let Some(topic) = text("topic") {
        if !places::topic_exists(&state.db, topic).await? {
            errors.add("topic", catalogue::t::booking_topic_unknown());
        }
    }
    let from = text("from").and_then(|d| errors.check("from", rome::parse_date(d)));
    let to = text("to").and_then(|d| errors.check("to", rome::parse_date(d)));
    errors.into_result()?;
    let Some(office) = office else {
        return Err(AppError::Internal("office checked".into()));
    };
    let (point, _) = places::office_point(&state.db, office, point)
        .await?
        .map_err(field)?;
    let kept =
        places::kept_free_slots(&state.db, office, point.code, from, to, state.clock.now()).await?;
    let answer = kept.answer.get_or_init(|| {
        let days: Vec<DayAvailability> = kept
            .days
            .iter()
            .filter_map(|(day, list)| {
                let slots: Vec<SlotAvailability> = list
                    .iter()
                    .filter(|(_, free)| *free > 0)
                    .map(|(slot, free)| SlotAvailability {
                        start: rome::instant(slot.start),
                        end: rome::instant(slot.end),
                        free: *free as u32,
                    })
                    .collect();
                (!slots.is_empty()).then(|| DayAvailability {
                    date: day.to_string(),
                    slots,
                })
            })
            .collect();
        serde_json::to_vec(&days).unwrap_or_default().into()
    });
    Ok(([(header::CONTENT_TYPE, "application/json")], answer.clone()).into_response())
}

/// The key of `user`'s request and a hash of its body.
fn idempotency(
    headers: &HeaderMap,
    user: &CurrentUser,
    request: &impl serde::Serialize,
) -> AppResult<Idempotency> {
    let raw = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let key = booking::parse_idempotency_key(raw).map_err(|detail| AppError::BadField {
        field: "Idempotency-Key".into(),
        detail,
    })?;
    let hash = hex::encode(Sha256::digest(
        serde_json::to_vec(request).unwrap_or_default(),
    ));
    Ok(Idempotency {
        user: user.id,
        key,
        hash,
    })
}

/// The slot starting at `start` if the engine offers it now (Prenota and Sposta alike).
async fn offered(
    state: &AppState,
    office: &Office,
    point: &ConsultationPoint,
    start: Instant,
) -> AppResult<crate::domain::slots::Slot> {
    places::offered_slot(&state.db, office.id, point.code, start, state.clock.now())
        .await?
        .ok_or_else(|| AppError::field("start", catalogue::t::booking_start_not_offered()))
}

/// A stored answer (status and JSON body), as it was first given.
fn stored((status, body): (u16, String)) -> Response {
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Parses a Prenota appuntamento request: every field's problem at once (422 per field); the
/// start must be a slot the engine offers now.
async fn parse_hold(state: &AppState, request: &HoldRequest) -> AppResult<ValidHold> {
    let mut errors = FieldErrors::default();
    let phone = errors.check("phone", parse_phone(&request.phone));
    let notes = errors.check("notes", parse_notes(&request.notes));
    let start = errors.check("start", parse_start(&request.start));
    let place = match places::office_point(&state.db, request.office, request.point.known()).await?
    {
        Ok(place) => Some(place),
        Err((name, message)) => {
            errors.add(name, message);
            None
        }
    };
    if let (Some(phone), Some((point, _))) = (&phone, &place) {
        errors.check("phone", booking::check_phone_for(point.code, phone));
    }
    let (Some(phone), Some(notes), Some(start), Some((point, office))) =
        (phone, notes, start, place)
    else {
        return Err(errors.into_error());
    };
    errors.into_result()?;
    let slot = offered(state, &office, &point, start).await?;
    Ok(ValidHold {
        thread: request.communication_id,
        office,
        point,
        slot,
        phone,
        notes,
    })
}

#[utoipa::path(post, path = "/api/appointments", tag = "agenda",
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 200, description = "One per booking: a retry with the same key answers the same")),
    request_body = api::HoldRequest,
    responses(
        (status = 201, description = "Prenota appuntamento: held for 15 minutes", body = api::Appointment),
        (status = 404, description = "Not a thread the caller may act on", body = api::ErrorEnvelope),
        (status = 409, description = "Slot taken, thread already booked, thread not eligible, same booking in progress", body = api::ErrorEnvelope),
        (status = 422, description = "A message per field; the same key with another body", body = api::ErrorEnvelope),
        (status = 429, description = "Three active appointments already, or too many holds given up in the last hour; see Retry-After", body = api::ErrorEnvelope),
    ))]
/// Prenota appuntamento.
pub async fn hold(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Json(request): Json<HoldRequest>,
) -> AppResult<Response> {
    let idem = idempotency(&headers, &user, &request)?;
    let now = state.clock.now();
    // Whose thread: the contributor's side only; to anyone else it does not exist.
    let acting = access::thread_access(&state.db, &user, request.communication_id, now)
        .await?
        .contributor_side()?;
    book(&state, &user, &acting, &request, &idem, now).await
}

/// Prenota for `acting`, by the contributor's side or the office: the request parsed, the
/// booking's transaction run once per key, its stored answer.
async fn book(
    state: &AppState,
    user: &CurrentUser,
    acting: &access::ActingFor,
    request: &HoldRequest,
    idem: &Idempotency,
    now: Instant,
) -> AppResult<Response> {
    let valid = parse_hold(state, request).await?;
    let who = Booker { user, acting };
    Ok(stored(
        hold::hold(&state.db, &who, &valid, idem, now).await?,
    ))
}

#[utoipa::path(post, path = "/api/office/appointments", tag = "office",
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 200, description = "One per booking: a retry with the same key answers the same")),
    description = "Prenota per il contribuente: an operator books, at their own office, for a thread their office reaches (the person at the desk or on the phone). Confirmed at once, with the contributor's notice and reminders; the waiting days of Richiedi appuntamento do not bind the office, every other rule does",
    request_body = api::HoldRequest,
    responses(
        (status = 201, description = "Confermato", body = api::Appointment),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 404, description = "Not a thread of the caller's office", body = api::ErrorEnvelope),
        (status = 409, description = "Slot taken, thread already booked or closed", body = api::ErrorEnvelope),
        (status = 422, description = "A message per field (another office included); the same key with another body", body = api::ErrorEnvelope),
        (status = 429, description = "The contributor has three active appointments already", body = api::ErrorEnvelope),
    ))]
/// Prenota per il contribuente: the office's own booking.
pub async fn office_book(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Json(request): Json<HoldRequest>,
) -> AppResult<Response> {
    let idem = idempotency(&headers, &user, &request)?;
    let now = state.clock.now();
    let acting = access::office_acting_for(&state.db, &user, request.communication_id, now).await?;
    booking::office_books_at(user.office_id, request.office)
        .map_err(|e| AppError::field("office", e))?;
    book(&state, &user, &acting, &request, &idem, now).await
}

/// The appointment `reference` and how the caller reaches it (404 for anyone else).
async fn reach(
    state: &AppState,
    user: &CurrentUser,
    reference: &Reference,
) -> AppResult<(Record, Access)> {
    let mut conn = state.db.pool.acquire().await?;
    let record = repo::find(&mut conn, reference)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let contributor = access::ActingFor {
        id: record.contributor_id,
        contributor: record.contributor(),
    };
    let access = access::access_known(
        &state.db,
        user,
        contributor,
        record.contributor_user,
        record.office_id,
        state.clock.now(),
    )
    .await?;
    Ok((record, access))
}

/// The appointment as it is now, read after the change, as `access` sees it; with what its
/// contributor's side may rate (Valuta il servizio).
async fn answer(
    state: &AppState,
    user: &CurrentUser,
    record: &Record,
    access: &Access,
) -> AppResult<Json<Appointment>> {
    let mut conn = state.db.pool.acquire().await?;
    let now = state.clock.now();
    let mut appointment = read_back(&mut conn, record.id, access.viewer(), now).await?;
    drop(conn);
    if let Access::ContributorSide(_) = access {
        let due = crate::domain::feedback::appointment_occasion(appointment.status);
        appointment.rating_due =
            crate::ratings::repo::still_due(&state.db, due, record.id.0, user.id).await?;
    }
    Ok(Json(appointment))
}

#[utoipa::path(get, path = "/api/appointments/{reference}", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")),
    responses((status = 200, description = "Details and timeline", body = api::Appointment), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope)))]
pub async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
) -> AppResult<Json<Appointment>> {
    let (record, access) = reach(&state, &user, &reference).await?;
    answer(&state, &user, &record, &access).await
}

async fn hold_step(
    state: AppState,
    user: CurrentUser,
    reference: Reference,
    step: HoldStep,
) -> AppResult<Json<Appointment>> {
    let (record, access) = reach(&state, &user, &reference).await?;
    let acting = access.clone().contributor_side()?;
    workflow::step(&state.db, &user, &acting, &record, step, state.clock.now()).await?;
    if !matches!(step, HoldStep::Confirm) {
        return answer(&state, &user, &record, &access).await;
    }
    // Just confirmed: the booking is offered for rating without asking the ratings (one round
    // trip fewer on the booking path). A repeated Conferma of one rated already offers it
    // again; sending it then answers 409, which the app takes as the thanks it is.
    let mut conn = state.db.pool.acquire().await?;
    let mut appointment =
        read_back(&mut conn, record.id, access.viewer(), state.clock.now()).await?;
    appointment.rating_due = crate::domain::feedback::appointment_occasion(appointment.status);
    Ok(Json(appointment))
}

#[utoipa::path(post, path = "/api/appointments/{reference}/extend", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")), description = "Estendi: 15 more minutes",
    responses((status = 200, description = "The appointment now", body = api::Appointment), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "Not held, or extended too often", body = api::ErrorEnvelope), (status = 410, description = "The hold expired", body = api::ErrorEnvelope)))]
pub async fn extend(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
) -> AppResult<Json<Appointment>> {
    hold_step(state, user, reference, HoldStep::Extend).await
}

#[utoipa::path(post, path = "/api/appointments/{reference}/confirm", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")), description = "Conferma appuntamento",
    responses((status = 200, description = "The appointment now", body = api::Appointment), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "Not held, or the office closed meanwhile", body = api::ErrorEnvelope), (status = 410, description = "The hold expired", body = api::ErrorEnvelope)))]
pub async fn confirm(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
) -> AppResult<Json<Appointment>> {
    hold_step(state, user, reference, HoldStep::Confirm).await
}

#[utoipa::path(post, path = "/api/appointments/{reference}/release", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")), description = "Cancella prenotazione",
    responses((status = 200, description = "The appointment now", body = api::Appointment), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "Already confirmed, or not held", body = api::ErrorEnvelope), (status = 410, description = "The hold expired", body = api::ErrorEnvelope)))]
pub async fn release(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
) -> AppResult<Json<Appointment>> {
    hold_step(state, user, reference, HoldStep::Release).await
}

#[utoipa::path(post, path = "/api/appointments/{reference}/cancel", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")),
    description = "Annulla appuntamento: the contributor's side until the topic's cut-off (2 hours by default), an operator of the office where it takes place until the start, with a mandatory reason",
    request_body = api::CancelRequest,
    responses((status = 200, description = "Status annullato", body = api::Appointment), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "Not confirmed, past the cut-off, or already started", body = api::ErrorEnvelope), (status = 422, description = "Reason too long, or missing for the office", body = api::ErrorEnvelope)))]
/// Annulla appuntamento: the contributor's side (reason optional) or an operator of the office
/// where it takes place (reason mandatory).
pub async fn cancel(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
    Json(request): Json<CancelRequest>,
) -> AppResult<Json<Appointment>> {
    let (record, access) = reach(&state, &user, &reference).await?;
    let viewer = access.viewer();
    let reason =
        booking::parse_reason(request.reason.as_deref(), viewer == booking::Viewer::Office)
            .map_err(|e| AppError::field("reason", &e))?;
    workflow::cancel(&state.db, &user, &record, viewer, reason, state.clock.now()).await?;
    answer(&state, &user, &record, &access).await
}

#[utoipa::path(post, path = "/api/appointments/{reference}/move", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN"),
        ("Idempotency-Key" = String, Header, min_length = 1, max_length = 200, description = "One per move: a retry with the same key answers the same")),
    description = "Sposta appuntamento: a confirmed appointment moves to a free place offered now, in one transaction; the contributor's side until the cut-off of cancelling, an operator of its office until the start with a mandatory reason; at most 3 moves",
    request_body = api::MoveRequest,
    responses((status = 200, description = "The same reference, confirmed, at the new time", body = api::Appointment), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "The new place is gone (nothing changed), not confirmed, past the cut-off, moved too often", body = api::ErrorEnvelope), (status = 422, description = "A message per field; the same key with another body", body = api::ErrorEnvelope)))]
/// Sposta appuntamento.
pub async fn move_appointment(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(reference): Path<Reference>,
    Json(request): Json<MoveRequest>,
) -> AppResult<Response> {
    let idem = idempotency(&headers, &user, &request)?;
    let (record, access) = reach(&state, &user, &reference).await?;
    let viewer = access.viewer();
    let valid = parse_move(&state, &record, viewer, &request).await?;
    let who = Mover {
        user: &user,
        record: &record,
        viewer,
    };
    let now = state.clock.now();
    Ok(stored(
        moving::move_to(&state.db, &who, &valid, &idem, now).await?,
    ))
}

/// Parses a move: every field's problem at once (422 per field); the office and the point stay
/// unless given, and the start must be a slot the engine offers now.
async fn parse_move(
    state: &AppState,
    record: &Record,
    viewer: booking::Viewer,
    request: &MoveRequest,
) -> AppResult<ValidMove> {
    let mut errors = FieldErrors::default();
    let reason = errors.check(
        "reason",
        booking::parse_move_reason(request.reason.as_deref(), viewer == booking::Viewer::Office),
    );
    let start = errors.check("start", parse_start(&request.start));
    let office = request.office.unwrap_or(record.office_id);
    errors.check(
        "office",
        booking::may_move_to(viewer, record.office_id, office),
    );
    let point = match &request.point {
        Some(point) => point.known(),
        None => Some(record.point_code),
    };
    let place = match places::office_point(&state.db, office, point).await? {
        Ok(place) => Some(place),
        Err((name, message)) => {
            errors.add(name, message);
            None
        }
    };
    errors.into_result()?;
    let (Some(reason), Some(start), Some((point, office))) = (reason, start, place) else {
        return Err(AppError::Internal("move fields checked".into()));
    };
    let slot = offered(state, &office, &point, start).await?;
    Ok(ValidMove {
        office,
        point,
        slot,
        reason,
    })
}

#[utoipa::path(post, path = "/api/appointments/{reference}/attendance", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")),
    description = "Operator of the office where it took place: Svolto or Non presentato once it started; with Svolto, `text` (Esito dell'incontro) is posted into the thread",
    request_body = api::AttendanceRequest,
    responses((status = 200, description = "The appointment now", body = api::Appointment), (status = 404, description = "Not an appointment of the caller's office", body = api::ErrorEnvelope), (status = 409, description = "Not started yet, not confirmed, or attendance already recorded", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
/// "Svolto" or "Non presentato", by an operator of the office where it took place.
pub async fn attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
    Json(request): Json<AttendanceRequest>,
) -> AppResult<Json<Appointment>> {
    let (record, access) = reach(&state, &user, &reference).await?;
    access.office()?;
    let outcome =
        booking::parse_attendance(&request.outcome).map_err(|e| AppError::field("outcome", &e))?;
    let esito = booking::parse_meeting_outcome(request.text.as_deref(), outcome)
        .map_err(|e| AppError::field("text", &e))?;
    workflow::attend(&state.db, &user, &record, outcome, esito, state.clock.now()).await?;
    answer(&state, &user, &record, &access).await
}

#[utoipa::path(post, path = "/api/appointments/{reference}/attendance/correction", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")),
    description = "Operator of the office where it took place: corrects Svolto into Non presentato or back, within a day of first recording it; the timeline keeps both, the thread and an e-mail tell the contributor; with Svolto, `text` is the new Esito dell'incontro",
    request_body = api::AttendanceRequest,
    responses((status = 200, description = "The appointment now", body = api::Appointment), (status = 404, description = "Not an appointment of the caller's office", body = api::ErrorEnvelope), (status = 409, description = "No attendance recorded, or recorded more than a day ago", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
/// Correggi la presenza, by an operator of the office where it took place.
pub async fn correct_attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
    Json(request): Json<AttendanceRequest>,
) -> AppResult<Json<Appointment>> {
    let (record, access) = reach(&state, &user, &reference).await?;
    access.office()?;
    let outcome =
        booking::parse_attendance(&request.outcome).map_err(|e| AppError::field("outcome", &e))?;
    let esito = booking::parse_meeting_outcome(request.text.as_deref(), outcome)
        .map_err(|e| AppError::field("text", &e))?;
    workflow::correct_attendance(&state.db, &user, &record, outcome, esito, state.clock.now())
        .await?;
    answer(&state, &user, &record, &access).await
}

#[utoipa::path(get, path = "/api/appointments/{reference}/ics", tag = "agenda", params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")),
    responses((status = 200, description = "Aggiungi al calendario: iCalendar, TZID Europe/Rome", content_type = "text/calendar", body = String), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "Not confirmed", body = api::ErrorEnvelope)))]
pub async fn calendar_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
) -> AppResult<Response> {
    let (record, access) = reach(&state, &user, &reference).await?;
    let now = state.clock.now();
    let appointment = answer(&state, &user, &record, &access).await?.0;
    booking::calendar_file(appointment.status).map_err(refusal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.ics\"", appointment.reference),
            ),
        ],
        ics::calendar(&appointment, now, crate::language::current()),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/contributors/{cf}/appointments", tag = "agenda",
    params(("cf" = String, Path, description = "Codice fiscale of a contributor the caller may act for"),
        ("status" = Option<api::AppointmentStatus>, Query),
        ("from" = Option<String>, Query, format = Date),
        ("to" = Option<String>, Query, format = Date),
        ("managed_by" = Option<api::ManagedBy>, Query, description = "Who booked it"),
    ),
    responses((status = 200, description = "Gestione appuntamenti: the history, upcoming first", body = Vec<api::AppointmentSummary>), (status = 404, description = "Not a contributor the caller may act for", body = api::ErrorEnvelope), (status = 422, description = "Unknown filter, malformed or far date, range ending before it starts", body = api::ErrorEnvelope)))]
/// Gestione appuntamenti: every appointment of the contributor, those still to come first
/// (soonest first), then the past ones (latest first).
pub async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<Cf>,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<Vec<api::AppointmentSummary>>> {
    let now = state.clock.now();
    let acting = access::acting_for(&state.db, &user, &cf, now).await?;
    let filters =
        HistoryFilter::parse(|k| query.get(k).map(String::as_str)).map_err(AppError::invalid)?;
    let mut conn = state.db.pool.acquire().await?;
    let records = repo::of_contributor(&mut conn, acting.id).await?;
    let mut list = Vec::new();
    for r in &records {
        let summary = r.to_summary(now);
        if filters.keeps(summary.status, r.managed_by(), r.starts_at) {
            list.push((r.starts_at, summary));
        }
    }
    list.sort_by_key(|(starts, a)| {
        if a.upcoming {
            (0, starts.seconds())
        } else {
            (1, -starts.seconds())
        }
    });
    Ok(Json(list.into_iter().map(|(_, a)| a).collect()))
}

#[utoipa::path(get, path = "/api/intermediary/agenda", tag = "agenda",
    responses((status = 200, description = "Agenda dello studio: the upcoming appointments of every contributor who delegated the caller, soonest first", body = Vec<api::AppointmentSummary>), (status = 403, description = "Not an intermediary", body = api::ErrorEnvelope)))]
/// Agenda dello studio: the active appointments of every contributor who delegated the calling
/// intermediary now, soonest first. Other roles: 403.
pub async fn studio_agenda(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<api::AppointmentSummary>>> {
    if user.role != api::Role::Intermediario {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let records = repo::of_studio(&mut conn, user.id, now).await?;
    Ok(Json(records.iter().map(|r| r.to_summary(now)).collect()))
}
