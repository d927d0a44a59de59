//! `GET /api/contributors`: who the caller may act for.

use crate::access::contributors_for;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::AppState;
use api::{Contributor, Role};
use axum::extract::State;
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/contributors", get(list))
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<Contributor>>> {
    if user.role == Role::Operatore {
        // Operators work on their office's queue, never "as" a contributor.
        return Err(AppError::Forbidden);
    }
    Ok(Json(
        contributors_for(&state.db, &user, state.clock.now()).await?,
    ))
}
