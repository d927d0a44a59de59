//! Agenda appuntamenti: reference data and availability, Prenota Appuntamento (a hold with an
//! identifier), Estendi, Conferma Appuntamento, Cancella Prenotazione, Annulla appuntamento,
//! attendance, the calendar file, Gestione appuntamenti, the studio's agenda and the sweeper.
//! Handlers translate; `workflow` applies transitions; `repo` holds the SQL.

mod handlers;
pub mod hold;
pub mod ics;
pub mod idempotency;
pub mod moving;
pub mod places;
pub mod repo;
pub mod slot_rows;
mod view;
pub mod workflow;

use crate::error::{AppResult, FieldErrors};
use crate::rome;
use crate::AppState;
use api::{AppointmentStatus, AppointmentSummary};
use std::collections::HashMap;
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
        .routes(routes!(detail))
        .routes(routes!(extend))
        .routes(routes!(confirm))
        .routes(routes!(release))
        .routes(routes!(cancel))
        .routes(routes!(move_appointment))
        .routes(routes!(attendance))
        .routes(routes!(calendar_file))
        .routes(routes!(history))
        .routes(routes!(studio_agenda))
}

/// Gestione appuntamenti's filters: `status`, `from`, `to` (days, Europe/Rome), `managed_by`
/// (`contribuente` or `intermediario`: who booked it). Unknown values are a 422.
struct Filters {
    status: Option<AppointmentStatus>,
    managed_by: Option<crate::domain::transition::BookedBy>,
    from: Option<i64>,
    to: Option<i64>,
}

impl Filters {
    fn parse(query: &HashMap<String, String>) -> AppResult<Filters> {
        use crate::domain::transition::BookedBy;
        let mut errors = FieldErrors::default();
        let text = |key: &str| query.get(key).map(String::as_str).filter(|s| !s.is_empty());
        let status = text("status").and_then(|code| {
            errors.check(
                "status",
                AppointmentStatus::from_code(code).ok_or("Stato non riconosciuto."),
            )
        });
        let managed_by = text("managed_by").and_then(|code| {
            errors.check(
                "managed_by",
                BookedBy::from_filter(code)
                    .ok_or("Filtro non riconosciuto: usa contribuente oppure intermediario."),
            )
        });
        let from = text("from").and_then(|d| errors.check("from", rome::parse_date(d)));
        let to = text("to").and_then(|d| errors.check("to", rome::parse_date(d)));
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                errors.add("to", "La data finale non può precedere quella iniziale.");
            }
        }
        errors.into_result()?;
        Ok(Filters {
            status,
            managed_by,
            from: from.map(rome::start_of_day),
            to: to.map(|d| rome::start_of_day(d) + 86_400),
        })
    }

    fn keeps(&self, r: &repo::Record, a: &AppointmentSummary) -> bool {
        self.status.is_none_or(|s| s == a.status)
            && self.managed_by.is_none_or(|m| m == r.booked_by())
            && self.from.is_none_or(|f| r.starts_at >= f)
            && self.to.is_none_or(|t| r.starts_at < t)
    }
}
