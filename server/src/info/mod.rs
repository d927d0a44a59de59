//! What a public service owes the people who use it: the Dichiarazione di accessibilità (and
//! its feedback form, whose reports the operators read), the Informativa privacy, the cookie
//! page, help and contacts — pages of the server's own, reachable without a session or wasm,
//! linked from the footer of every page.

pub mod handlers;
pub mod repo;
pub mod view;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API's part: the operators' list of reports (the pages are routed in `lib.rs`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(handlers::reports))
}
