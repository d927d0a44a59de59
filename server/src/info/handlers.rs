//! `/accessibilita` (and its form), `/privacy`, `/cookie`, `/aiuto`, `/contatti`; and the
//! operators' list of accessibility reports.

use super::repo;
use super::view::{self, ReportForm};
use crate::auth::CurrentUser;
use crate::domain::feedback::parse_report;
use crate::error::{AppError, AppResult};
use crate::html::{respond, see_other, Frame};
use crate::security::ClientAddress;
use crate::state::AppState;
use api::{paths, AccessibilityReport, Language, Role};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use catalogue::{t, Text};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, Default)]
pub struct Asked {
    lingua: Option<String>,
    /// The number of a report just received (after the form's 303).
    ricevuta: Option<String>,
}

/// `?lingua=` keeps the language chosen and comes back without it.
fn language_choice(state: &AppState, asked: &Asked, here: &str) -> Option<Response> {
    let chosen = asked.lingua.as_deref().and_then(Language::from_code)?;
    Some(crate::html::language_chosen(
        here,
        chosen,
        state.settings.secure_cookies,
    ))
}

/// One of the plain pages: its title's key, its path and what draws its body.
async fn plain(
    state: &AppState,
    asked: &Asked,
    headers: &HeaderMap,
    here: &'static str,
    title: Text,
    description: Text,
    draw: impl FnOnce(&Frame) -> String,
) -> Response {
    if let Some(response) = language_choice(state, asked, here) {
        return response;
    }
    let language = crate::language::of_page(headers);
    let words = crate::language::catalogue(language);
    let (title, description) = (words.render(&title), words.render(&description));
    let frame = view::frame(
        language,
        &title,
        &description,
        &state.assets.head().links,
        here,
    );
    respond(StatusCode::OK, language, draw(&frame))
}

/// `GET /accessibilita`: the Dichiarazione di accessibilità, with the form to report a problem.
pub async fn accessibility(
    State(state): State<AppState>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    let received = asked.ricevuta.as_deref().and_then(|n| n.parse().ok());
    let form = ReportForm {
        received,
        ..ReportForm::default()
    };
    plain(
        &state,
        &asked,
        &headers,
        paths::ACCESSIBILITY,
        t::accessibility_title(),
        t::accessibility_intro(),
        |frame| view::accessibility(frame, &form),
    )
    .await
}

/// `POST /accessibilita/segnalazione` (a form: `descrizione`, `pagina`, `nome`, `email`): the
/// report is kept and its number acknowledged (303 back to the statement, which says it), or
/// the statement again with what went wrong and everything typed kept.
pub async fn report(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in form_urlencoded::parse(&body) {
        fields
            .entry(name.into_owned())
            .or_insert(value.into_owned());
    }
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let language = crate::language::of_page(&headers);
    let mut form = ReportForm {
        page: field("pagina"),
        description: field("descrizione"),
        name: field("nome"),
        email: field("email"),
        ..ReportForm::default()
    };
    let now = state.clock.now();
    // Only a fingerprint of where it came from, forgotten after a day.
    let sender = crate::secrets::token_hash(&address.to_string());
    let outcome: AppResult<Result<i64, BTreeMap<String, Text>>> = async {
        let report = match parse_report(&form.page, &form.description, &form.name, &form.email) {
            Ok(report) => report,
            Err(problems) => return Ok(Err(problems)),
        };
        let (mine, all) = repo::recent(&state.db, &sender, now).await?;
        if mine >= repo::PER_SENDER_HOUR || all >= repo::ALL_HOUR {
            return Err(AppError::TooManyRequests {
                code: api::ErrorCode::TooManyAttempts,
                message: t::report_too_many(),
                retry_after: 3600,
            });
        }
        Ok(Ok(
            repo::insert(&state.db, &report, language, &sender, now).await?
        ))
    }
    .await;
    let status = match outcome {
        Ok(Ok(number)) => {
            tracing::info!(number, "accessibility report received");
            return see_other(&format!("{}?ricevuta={number}", paths::ACCESSIBILITY));
        }
        Ok(Err(problems)) => {
            form.problems = problems;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(error) => {
            error.log();
            let (status, message, _) = error.shown();
            form.refused = Some(message);
            status
        }
    };
    let words = crate::language::catalogue(language);
    let (title, description) = (
        words.render(&t::accessibility_title()),
        words.render(&t::accessibility_intro()),
    );
    let frame = view::frame(
        language,
        &title,
        &description,
        &state.assets.head().links,
        paths::ACCESSIBILITY,
    );
    let mut response = respond(status, language, view::accessibility(&frame, &form));
    if status == StatusCode::TOO_MANY_REQUESTS {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from_static("3600"),
        );
    }
    response
}

/// `GET /privacy`: the Informativa sul trattamento dei dati personali.
pub async fn privacy(
    State(state): State<AppState>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    plain(
        &state,
        &asked,
        &headers,
        paths::PRIVACY,
        t::privacy_title(),
        t::privacy_intro(),
        view::privacy,
    )
    .await
}

/// `GET /cookie`: the cookies the service sets, from the code's own values.
pub async fn cookies(
    State(state): State<AppState>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    let secure = state.settings.secure_cookies;
    plain(
        &state,
        &asked,
        &headers,
        paths::COOKIES,
        t::cookies_title(),
        t::cookies_intro(),
        |frame| view::cookies(frame, secure),
    )
    .await
}

/// `GET /aiuto`.
pub async fn help(
    State(state): State<AppState>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    plain(
        &state,
        &asked,
        &headers,
        paths::HELP,
        t::help_title(),
        t::help_intro(),
        view::help,
    )
    .await
}

/// `GET /contatti`.
pub async fn contacts(
    State(state): State<AppState>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    plain(
        &state,
        &asked,
        &headers,
        paths::CONTACT_CENTRE,
        t::contacts_centre_title(),
        t::contacts_centre_intro(),
        view::contacts,
    )
    .await
}

#[utoipa::path(get, path = "/api/office/accessibility-reports", tag = "office",
    responses(
        (status = 200, description = "The accessibility reports sent from the statement's form, newest first", body = Vec<api::AccessibilityReport>),
        (status = 401, description = "Not signed in", body = api::ErrorEnvelope),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope)))]
pub async fn reports(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<AccessibilityReport>>> {
    if user.role != Role::Operatore {
        return Err(AppError::Forbidden);
    }
    Ok(Json(repo::list(&state.db).await?))
}
