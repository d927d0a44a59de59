//! Agenda appuntamenti: reference data and availability, Prenota appuntamento (a hold with an
//! identifier), Estendi, Conferma appuntamento, Cancella prenotazione, Annulla appuntamento,
//! attendance, the calendar file, Gestione appuntamenti, the studio's agenda and the sweeper.
//! Handlers translate; `workflow` applies transitions; `repo` holds the SQL.

pub mod booking_facts;
mod handlers;
pub mod hold;
pub mod ics;
pub mod idempotency;
pub mod moving;
pub mod places;
pub mod record;
pub mod repo;
pub mod slot_rows;
pub mod view;
pub mod workflow;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes with their OpenAPI operations, one declaration for both.
pub fn router() -> OpenApiRouter<AppState> {
    use handlers::*;
    OpenApiRouter::new()
        .routes(routes!(points))
        .routes(routes!(offices))
        .routes(routes!(availability))
        .routes(routes!(hold))
        .routes(routes!(office_book))
        .routes(routes!(detail))
        .routes(routes!(extend))
        .routes(routes!(confirm))
        .routes(routes!(release))
        .routes(routes!(cancel))
        .routes(routes!(move_appointment))
        .routes(routes!(attendance))
        .routes(routes!(correct_attendance))
        .routes(routes!(calendar_file))
        .routes(routes!(history))
        .routes(routes!(studio_agenda))
}
