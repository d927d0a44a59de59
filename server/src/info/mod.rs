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

/// The service's pages and the statement's form (no session, no JSON).
pub fn pages() -> axum::Router<AppState> {
    use axum::extract::{Query, State};
    use axum::http::HeaderMap;
    use handlers::{page, Asked, Shown};
    let one = |which: Shown| {
        axum::routing::get(
            move |state: State<AppState>, asked: Query<Asked>, headers: HeaderMap| {
                page(which, state, asked, headers)
            },
        )
    };
    let mut router = axum::Router::new()
        .route(api::paths::ACCESSIBILITY, one(Shown::Accessibility))
        .route(
            api::paths::ACCESSIBILITY_REPORT,
            axum::routing::post(handlers::report),
        );
    for which in Shown::PLAIN {
        router = router.route(which.path(), one(which));
    }
    router
}

/// The API's part: the operators' list of reports.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(handlers::reports))
}
