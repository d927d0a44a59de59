//! The JSON API: every feature's routes, merged with the OpenAPI document (`openapi::api`).

use crate::error::AppError;

/// Any `/api` path that no route answers: the envelope, never the app's HTML.
pub async fn api_not_found() -> AppError {
    AppError::NotFound
}
