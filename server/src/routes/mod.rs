//! The JSON API: one module per feature, each owning its router; this file only merges them.

pub mod agenda;
pub mod appointments;
pub mod communications;
mod contributors;
mod office;
mod office_agenda;
pub mod openapi;
mod session;

use crate::error::AppError;
use crate::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(session::router())
        .merge(contributors::router())
        .merge(openapi::router())
        .merge(communications::router())
        .merge(office::router())
        .merge(office_agenda::router())
        .merge(agenda::router())
        .merge(appointments::router())
}

/// Any `/api` path that no route answers: the envelope, never the app's HTML.
pub async fn api_not_found() -> AppError {
    AppError::NotFound
}
