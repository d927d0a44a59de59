//! `GET /api/contributors`: who the caller may act for, optionally searched (`q`) by name or
//! codice fiscale.

use crate::access::contributors_for;
use crate::auth::CurrentUser;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use api::{Contributor, Role};
use axum::extract::State;
use std::collections::HashMap;

#[utoipa::path(get, path = "/api/contributors", tag = "session",
    params(("q" = Option<String>, Query, max_length = 100, description = "Words of the name or of the codice fiscale")),
    responses((status = 200, description = "The contributors the caller may act for", body = Vec<api::Contributor>), (status = 403, description = "Operators act for no contributor", body = api::ErrorEnvelope), (status = 422, description = "Search too long", body = api::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<Vec<Contributor>>> {
    if user.role == Role::Operatore {
        // Operators work on their office's queue, never "as" a contributor.
        return Err(AppError::Forbidden);
    }
    let all = contributors_for(&state.db, &user, state.clock.now()).await?;
    let raw = query.get("q").map(String::as_str).unwrap_or_default();
    let wanted = text::search(raw).map_err(|message| AppError::field("q", message))?;
    Ok(Json(
        all.into_iter().filter(|c| matches(c, wanted)).collect(),
    ))
}

/// Every word of the search appears in the name or the codice fiscale, whatever the case.
fn matches(contributor: &Contributor, search: &str) -> bool {
    let haystack = format!("{} {}", contributor.name, contributor.cf).to_lowercase();
    search
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_by_any_part_of_name_or_codice_fiscale() {
        let rossi = Contributor {
            cf: "RSSMRA80A01H501U".into(),
            name: "Mario Rossi".into(),
            category: api::Category::Artigiano,
            province: "RM".into(),
        };
        for hit in ["", "rossi", "ROSSI mario", "rssmra80", "h501u"] {
            assert!(matches(&rossi, hit), "{hit}");
        }
        for miss in ["bianchi", "rossi luca", "BNCLCU"] {
            assert!(!matches(&rossi, miss), "{miss}");
        }
    }
}
