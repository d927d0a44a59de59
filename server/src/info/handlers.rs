//! `/accessibilita` (and its form), `/privacy`, `/cookie`, `/aiuto`, `/contatti`; and the
//! operators' list of accessibility reports.

use super::repo;
use super::view::{self, ReportForm};
use crate::auth::CurrentUser;
use crate::domain::feedback::parse_report;
use crate::error::{AppError, AppResult};
use crate::html::{respond, see_other};
use crate::security::ClientAddress;
use crate::state::AppState;
use api::{paths, AccessibilityReport, Language, Role};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
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

/// The service's pages, each with its address, title and lead.
#[derive(Clone, Copy)]
pub enum Shown {
    Accessibility,
    Privacy,
    Cookies,
    Help,
    Contacts,
}

impl Shown {
    /// The pages whose only state is the language (the statement has its form: `accessibility`).
    pub const PLAIN: [Shown; 4] = [Shown::Privacy, Shown::Cookies, Shown::Help, Shown::Contacts];

    pub fn path(self) -> &'static str {
        match self {
            Shown::Accessibility => paths::ACCESSIBILITY,
            Shown::Privacy => paths::PRIVACY,
            Shown::Cookies => paths::COOKIES,
            Shown::Help => paths::HELP,
            Shown::Contacts => paths::CONTACT_CENTRE,
        }
    }

    fn title_and_lead(self) -> (Text, Text) {
        match self {
            Shown::Accessibility => (t::accessibility_title(), t::accessibility_intro()),
            Shown::Privacy => (t::privacy_title(), t::privacy_intro()),
            Shown::Cookies => (t::cookies_title(), t::cookies_intro()),
            Shown::Help => (t::help_title(), t::help_intro()),
            Shown::Contacts => (t::contacts_centre_title(), t::contacts_centre_intro()),
        }
    }
}

/// `which` in `language`, with `status`; the statement with `form` as it stands.
fn draw(
    state: &AppState,
    language: Language,
    which: Shown,
    form: &ReportForm,
    status: StatusCode,
) -> Response {
    let words = crate::language::catalogue(language);
    let (title, lead) = which.title_and_lead();
    let (title, lead) = (words.render(&title), words.render(&lead));
    let head = &state.assets.head().links;
    let frame = view::frame(language, &title, &lead, head, which.path());
    let page = match which {
        Shown::Accessibility => view::accessibility(&frame, form),
        Shown::Privacy => view::privacy(&frame),
        Shown::Cookies => view::cookies(&frame, state.settings.secure_cookies),
        Shown::Help => view::help(&frame),
        Shown::Contacts => view::contacts(&frame),
    };
    respond(status, language, page)
}

/// `GET` of one of the service's pages; `?lingua=` keeps the language chosen and comes back
/// without it; on the statement `?ricevuta=N` says report N was received.
pub async fn page(
    which: Shown,
    State(state): State<AppState>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    if let Some(chosen) = asked.lingua.as_deref().and_then(Language::from_code) {
        let secure = state.settings.secure_cookies;
        return crate::html::language_chosen(which.path(), chosen, secure);
    }
    let form = ReportForm {
        received: asked.ricevuta.as_deref().and_then(|n| n.parse().ok()),
        ..ReportForm::default()
    };
    let language = crate::language::of_page(&headers);
    draw(&state, language, which, &form, StatusCode::OK)
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
    let (status, retry_after) = match outcome {
        Ok(Ok(number)) => {
            tracing::info!(number, "accessibility report received");
            return see_other(&format!("{}?ricevuta={number}", paths::ACCESSIBILITY));
        }
        Ok(Err(problems)) => {
            form.problems = problems;
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(error) => {
            error.log();
            let (status, message, _) = error.shown();
            form.refused = Some(message);
            (status, error.retry_after())
        }
    };
    let response = draw(&state, language, Shown::Accessibility, &form, status);
    crate::html::with_retry_after(response, retry_after)
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
