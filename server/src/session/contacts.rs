//! Recapiti: where the service writes to the logged-in contributor or intermediary, and whether
//! they want reminders. Operators receive no notices (403).

use super::repo;
use crate::auth::CurrentUser;
use crate::domain::contacts::{mask, parse_email};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::state::AppState;
use api::{Contacts, ContactsUpdate, Role};
use axum::extract::State;

fn not_for_operators(user: &CurrentUser) -> AppResult<()> {
    if user.role == Role::Operatore {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

async fn answer(state: &AppState, user: &CurrentUser) -> AppResult<Json<Contacts>> {
    let row = repo::contacts(&state.db, user.id).await?;
    Ok(Json(Contacts {
        masked: row.email.as_deref().map(mask),
        email: row.email,
        reminders: row.reminders == 1,
    }))
}

#[utoipa::path(get, path = "/api/me/contacts", tag = "session",
    responses((status = 200, description = "Recapiti of the logged-in user", body = Contacts), (status = 403, description = "Operators receive no notices", body = api::ErrorEnvelope)))]
pub async fn read(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Contacts>> {
    not_for_operators(&user)?;
    answer(&state, &user).await
}

#[utoipa::path(put, path = "/api/me/contacts", tag = "session", request_body = ContactsUpdate,
    responses((status = 200, description = "The recapiti now", body = Contacts), (status = 403, description = "Operators receive no notices", body = api::ErrorEnvelope), (status = 422, description = "An address that cannot be written to", body = api::ErrorEnvelope)))]
pub async fn change(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(update): Json<ContactsUpdate>,
) -> AppResult<Json<Contacts>> {
    not_for_operators(&user)?;
    let email = parse_email(&update.email).map_err(|e| AppError::field("email", &e))?;
    repo::set_contacts(&state.db, user.id, &email, update.reminders).await?;
    answer(&state, &user).await
}
