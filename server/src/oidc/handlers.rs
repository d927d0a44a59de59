//! The federation's door: our entity configuration, the login page's choices, and the two
//! browser legs of a SPID/CIE login (a link out, the provider's redirect back). The legs answer
//! with redirects, never JSON: a refused login returns to `/accedi?errore=…`.

use super::workflow::{self, Answer, Failure};
use crate::auth::{session_cookie, session_token};
use crate::error::{AppError, AppResult};
use crate::federation::RelyingParty;
use crate::state::AppState;
use api::{LoginFailure, LoginOptions};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::sync::Arc;

use crate::auth::SPID_CIE_LOGIN as LOGIN;

fn see_other(location: &str, cookies: &[HeaderValue]) -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    for cookie in cookies {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn back_to_login(failure: LoginFailure, cookies: &[HeaderValue]) -> Response {
    see_other(&format!("{}?errore={failure}", api::paths::LOGIN), cookies)
}

fn relying_party(state: &AppState) -> AppResult<&Arc<RelyingParty>> {
    state.oidc.as_ref().ok_or(AppError::NotFound)
}

/// `GET /.well-known/openid-federation`
pub async fn entity_configuration(State(state): State<AppState>) -> AppResult<Response> {
    let rp = relying_party(&state)?;
    let jwt = rp.entity_configuration(state.clock.now());
    Ok((
        [(header::CONTENT_TYPE, "application/entity-statement+jwt")],
        jwt,
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/session/options", tag = "session", security(()), responses((status = 200, description = "The doors the login page offers: SPID and CIE providers, and who may use the password form", body = api::LoginOptions)))]
pub async fn options(State(state): State<AppState>) -> Json<LoginOptions> {
    Json(workflow::login_options(&state))
}

#[derive(Deserialize)]
pub struct Begin {
    provider: Option<String>,
    /// The page of the app to return to afterwards.
    torna: Option<String>,
}

/// `GET /auth/oidc/begin?provider=URL`: a link (our CSP's `form-action 'self'` would stop a
/// form that redirects to another site).
pub async fn begin(State(state): State<AppState>, Query(query): Query<Begin>) -> Response {
    let Some(rp) = state.oidc.clone() else {
        return AppError::NotFound.into_response();
    };
    let provider = query.provider.unwrap_or_default();
    if rp.scheme_of(&provider).is_none() {
        return back_to_login(LoginFailure::Provider, &[]);
    }
    match workflow::begin(&state, &rp, &provider, query.torna.as_deref()).await {
        Ok(begun) => see_other(
            &begun.redirect,
            &[LOGIN.set(
                state.settings.secure_cookies,
                Some(&begun.state),
                super::repo::LOGIN_LIFETIME,
            )],
        ),
        Err(Failure::Login(failure)) => back_to_login(failure, &[]),
        Err(Failure::App(error)) => error.into_response(),
    }
}

#[derive(Deserialize)]
pub struct Callback {
    state: Option<String>,
    code: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

/// `GET /auth/oidc/callback?code&state&iss` (or `?error&state`): on success the session cookie
/// and a 303 into the app; otherwise back to the login page with the reason.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<Callback>,
) -> Response {
    let Some(rp) = state.oidc.clone() else {
        return AppError::NotFound.into_response();
    };
    let secure = state.settings.secure_cookies;
    let clear = LOGIN.set(secure, None, 0);
    let answer = Answer {
        state: query.state,
        code: query.code,
        iss: query.iss,
        error: query.error,
    };
    let kept = LOGIN.read(&headers, secure);
    let previous = session_token(&headers, secure);
    match workflow::finish(&state, &rp, kept, answer, previous).await {
        Ok(done) => see_other(
            &done.next,
            &[clear, session_cookie(secure, Some(&done.token))],
        ),
        Err(Failure::Login(failure)) => back_to_login(failure, &[clear]),
        Err(Failure::App(error)) => error.into_response(),
    }
}
