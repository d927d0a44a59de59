//! Valuta il servizio: after a booking is confirmed, a thread is closed or an appointment has
//! taken place, its contributor's side may say, once, how easy it was (1–5, and a comment if
//! they wish); the office's Andamento shows the results. Never in the way: nothing waits on it.

mod handlers;
pub mod repo;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(rate_appointment))
        .routes(routes!(rate_thread))
}
