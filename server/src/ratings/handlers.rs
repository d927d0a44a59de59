//! `POST /api/appointments/{reference}/rating`, `POST /api/communications/{id}/rating`.

use super::repo;
use crate::access::{self, Access};
use crate::auth::CurrentUser;
use crate::domain::feedback::{appointment_occasion, parse_rating, thread_occasion};
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use api::{ErrorCode, NewRating, Reference, ThreadId};
use axum::extract::State;
use axum::http::StatusCode;
use catalogue::t;

fn already() -> AppError {
    AppError::Conflict {
        code: ErrorCode::Conflict,
        message: t::rating_already(),
    }
}

#[utoipa::path(post, path = "/api/appointments/{reference}/rating", tag = "agenda",
    params(("reference" = String, Path, description = "Identificativo appuntamento, AP-AAAA-NNNNNN")),
    description = "Valuta il servizio: `prenotazione` once the booking is confirmed, `appuntamento` once it took place; once each, by the contributor's side",
    request_body = api::NewRating,
    responses(
        (status = 204, description = "Rating kept"),
        (status = 403, description = "The office does not rate itself", body = api::ErrorEnvelope),
        (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope),
        (status = 409, description = "Already rated", body = api::ErrorEnvelope),
        (status = 422, description = "Score, comment, or an occasion not due now", body = api::ErrorEnvelope)))]
pub async fn rate_appointment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<Reference>,
    Json(request): Json<NewRating>,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let record = crate::agenda::repo::find(&mut conn, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let acting = access::ActingFor {
        id: record.contributor_id,
        contributor: record.contributor(),
    };
    let access = access::access_known(
        &state.db,
        &user,
        acting,
        record.contributor_user,
        record.office_id,
        now,
    )
    .await?;
    if matches!(access, Access::Office { .. }) {
        return Err(AppError::Forbidden);
    }
    let due = appointment_occasion(record.status);
    rate(&state, &user, due, record.id.0, record.office_id, &request).await
}

#[utoipa::path(post, path = "/api/communications/{id}/rating", tag = "communications",
    params(("id" = i64, Path, description = "The thread")),
    description = "Valuta il servizio: `comunicazione` once the office has closed the thread; once, by the contributor's side",
    request_body = api::NewRating,
    responses(
        (status = 204, description = "Rating kept"),
        (status = 403, description = "The office does not rate itself", body = api::ErrorEnvelope),
        (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope),
        (status = 409, description = "Already rated", body = api::ErrorEnvelope),
        (status = 422, description = "Score, comment, or the thread not closed", body = api::ErrorEnvelope)))]
pub async fn rate_thread(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
    Json(request): Json<NewRating>,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    let access = access::thread_access(&state.db, &user, id, now).await?;
    if matches!(access, Access::Office { .. }) {
        return Err(AppError::Forbidden);
    }
    let (status, office) = repo::thread(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    rate(
        &state,
        &user,
        thread_occasion(status),
        id.0,
        office,
        &request,
    )
    .await
}

/// Keeps `request` for `subject` if it is what is `due` and this person has not rated it yet.
async fn rate(
    state: &AppState,
    user: &CurrentUser,
    due: Option<api::RatingOccasion>,
    subject: i64,
    office: api::OfficeId,
    request: &NewRating,
) -> AppResult<StatusCode> {
    // What the person rated already is a conflict, not a wrong occasion.
    if let Some(occasion) = due {
        let mut conn = state.db.pool.acquire().await?;
        if repo::rated(&mut conn, occasion, subject, user.id).await? {
            return Err(already());
        }
    }
    let rating = parse_rating(request, due).map_err(AppError::invalid)?;
    let now = state.clock.now();
    if !repo::insert(&state.db, &rating, subject, user.id, office, now).await? {
        return Err(already());
    }
    Ok(StatusCode::NO_CONTENT)
}
