//! "Entra con SPID / Entra con CIE": the login through the federation's providers (begin,
//! callback), our entity configuration, and the login page's choices.

mod handlers;
pub mod repo;
pub mod workflow;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The JSON the login page reads.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(handlers::options))
}

/// What browsers and other federation entities open: no JSON, so outside the API document.
pub fn federation_router() -> Router<AppState> {
    Router::new()
        .route(
            "/.well-known/openid-federation",
            get(handlers::entity_configuration),
        )
        .route("/auth/oidc/begin", get(handlers::begin))
        .route("/auth/oidc/callback", get(handlers::callback))
}
