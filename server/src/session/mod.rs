//! Log in, who am I, log out (API.md "Session"), whom the caller may act for, and the login
//! page itself (`page`).

mod contacts;
mod contributors;
mod handlers;
mod login_view;
pub mod page;
pub mod repo;

use crate::state::AppState;
pub use handlers::session_info;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(who_am_i, log_in, log_out))
        .routes(routes!(status))
        .routes(routes!(contributors::list))
        .routes(routes!(contacts::read, contacts::change))
        .routes(routes!(choose_language))
}
