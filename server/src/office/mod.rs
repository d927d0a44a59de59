//! The office's side of the agenda: the day's appointments, closures (which cancel what falls
//! inside them, never silently) and a day's capacity.

mod handlers;
pub mod repo;
mod reports;
pub mod stats;
pub mod workflow;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(agenda))
        .routes(routes!(reports::agenda_csv))
        .routes(routes!(reports::stats))
        .routes(routes!(reports::stats_chart))
        .routes(routes!(reports::queue_csv))
        .routes(routes!(search))
        .routes(routes!(contributor_file))
        .routes(routes!(week))
        .routes(routes!(list_closures, declare))
        .routes(routes!(preview))
        .routes(routes!(revoke))
        .routes(routes!(capacity))
}
