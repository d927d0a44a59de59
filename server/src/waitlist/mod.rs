//! Lista d'attesa: "Avvisami se si libera un posto", the entries in Gestione appuntamenti,
//! offers of freed places (`offers`, called by every transaction that frees one) and the
//! answers to them. Handlers translate; `workflow` applies; `repo` holds the SQL.

mod handlers;
pub mod offers;
pub mod repo;
pub mod workflow;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(days))
        .routes(routes!(join))
        .routes(routes!(leave))
        .routes(routes!(accept))
        .routes(routes!(decline))
}
