//! Comunicazione bidirezionale: threads between a contributor and the Institute, routed to the
//! office of the contributor's province, and the office's queue and outcome.

pub mod attachments;
mod files;
mod handlers;
pub mod handling;
pub mod repo;
pub mod retention;
pub mod workflow;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(topics))
        .routes(routes!(list, create))
        .routes(routes!(detail))
        .routes(routes!(write))
        .routes(routes!(eligibility_of))
        .routes(routes!(queue))
        .routes(routes!(outcome))
        .routes(routes!(office_of_thread))
        .routes(routes!(take_in_charge, release_charge))
        .routes(routes!(add_note))
        .routes(routes!(files::upload, files::pending))
        .routes(routes!(files::download, files::discard))
}
