//! The office's side of the agenda: the day's appointments, closures (which cancel what falls
//! inside them, never silently) and a day's capacity.

mod handlers;
pub mod repo;
pub mod stats;
pub mod workflow;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(agenda))
        .routes(routes!(agenda_csv))
        .routes(routes!(stats))
        .routes(routes!(stats_chart))
        .routes(routes!(queue_csv))
        .routes(routes!(search))
        .routes(routes!(contributor_file))
        .routes(routes!(week))
        .routes(routes!(list_closures, declare))
        .routes(routes!(preview))
        .routes(routes!(revoke))
        .routes(routes!(capacity))
}
