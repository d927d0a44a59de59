//! Log in, who am I, log out (API.md "Session"), and whom the caller may act for.

mod contributors;
mod handlers;

use crate::AppState;
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/session",
            get(handlers::who_am_i)
                .post(handlers::log_in)
                .delete(handlers::log_out),
        )
        .route("/api/session/status", get(handlers::status))
        .route("/api/contributors", get(contributors::list))
}
