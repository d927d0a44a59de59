//! The JSON API: one router per feature; this file only merges them.

use crate::error::AppError;
use crate::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(crate::session::router())
        .merge(crate::openapi::router())
        .merge(crate::communications::router())
        .merge(crate::agenda::router())
        .merge(crate::office::router())
}

/// Any `/api` path that no route answers: the envelope, never the app's HTML.
pub async fn api_not_found() -> AppError {
    AppError::NotFound
}
