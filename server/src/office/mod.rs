//! The office's side of the agenda: the day's appointments, closures (which cancel what falls
//! inside them, never silently) and a day's capacity.

mod handlers;
pub mod repo;
pub mod workflow;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    use handlers::*;
    Router::new()
        .route("/api/office/agenda", get(agenda))
        .route("/api/office/closures", get(list_closures).post(declare))
        .route("/api/office/closures/preview", post(preview))
        .route("/api/office/capacity", post(capacity))
}
