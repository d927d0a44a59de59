//! Comunicazione bidirezionale: threads between a contributor and the Institute, routed to the
//! office of the contributor's province, and the office's queue and outcome.

mod handlers;
pub mod repo;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    use handlers::*;
    Router::new()
        .route("/api/topics", get(topics))
        .route(
            "/api/contributors/{cf}/communications",
            get(list).post(create),
        )
        .route("/api/communications/{id}", get(detail))
        .route("/api/communications/{id}/messages", post(write))
        .route("/api/communications/{id}/eligibility", get(eligibility_of))
        .route("/api/office/communications", get(queue))
        .route("/api/communications/{id}/outcome", post(outcome))
}
