//! Log in, who am I, log out (API.md "Session").

use super::repo;
use crate::access::contributors_for;
use crate::auth::{session_cookie, session_token, CurrentUser, ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use crate::domain::{login, rome};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::secrets::{new_token, token_hash};
use crate::security::ClientAddress;
use crate::state::AppState;
use crate::throttle::{address_delay_ms, too_many_attempts};
use api::{ErrorCode, LoginRequest, PasswordLogin, Role, SessionInfo, SessionStatus, User};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// Who is signed in, as `GET /api/session` tells it (and the app's page carries at start).
pub async fn session_info(state: &AppState, user: CurrentUser) -> AppResult<SessionInfo> {
    let contributors = contributors_for(&state.db, &user, state.clock.now()).await?;
    Ok(SessionInfo {
        contributors,
        idle_timeout_seconds: IDLE_TIMEOUT as u32,
        expires_at: rome::utc(user.session_expires_at),
        language: user.language,
        user: User {
            username: user.username,
            name: user.name,
            role: user.role,
            organisation: user.organisation,
            office: user.office_name,
            office_id: user.office_id,
        },
    })
}

#[utoipa::path(put, path = "/api/me/language", tag = "session", request_body = api::LanguageChoice,
    description = "The language chosen (Italiano / English), kept with the account: pages and e-mails follow it on every device.",
    responses((status = 200, description = "The session, with the language now kept", body = api::SessionInfo), (status = 422, description = "A language the service does not speak", body = api::ErrorEnvelope)))]
pub async fn choose_language(
    State(state): State<AppState>,
    mut user: CurrentUser,
    Json(choice): Json<api::LanguageChoice>,
) -> AppResult<Json<SessionInfo>> {
    let language = choice
        .language
        .known()
        .ok_or_else(|| AppError::field("language", catalogue::t::language_unknown()))?;
    repo::set_language(&state.db, user.id, language).await?;
    user.language = Some(language);
    Ok(Json(session_info(&state, user).await?))
}

#[utoipa::path(get, path = "/api/session", tag = "session", responses((status = 200, description = "Who am I", body = api::SessionInfo)))]
pub async fn who_am_i(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<SessionInfo>> {
    Ok(Json(session_info(&state, user).await?))
}

#[utoipa::path(get, path = "/api/session/status", tag = "session", security(()), responses((status = 200, description = "Who am I, without a 401 for visitors: session is null when not logged in", body = api::SessionStatus)))]
/// The app's start-up question. An expired or unknown session is simply "not logged in".
pub async fn status(
    State(state): State<AppState>,
    user: Result<CurrentUser, AppError>,
) -> AppResult<Json<SessionStatus>> {
    let session = match user {
        Ok(user) => Some(session_info(&state, user).await?),
        Err(AppError::Unauthenticated | AppError::SessionExpired) => None,
        Err(other) => return Err(other),
    };
    Ok(Json(SessionStatus { session }))
}

#[utoipa::path(post, path = "/api/session", tag = "session", security(()), request_body = api::LoginRequest,
    responses((status = 200, description = "Logged in; sets the session cookie", body = api::SessionInfo), (status = 401, description = "Wrong username or password", body = api::ErrorEnvelope), (status = 403, description = "Password login is not open to this account here (`--password-login`): SPID or CIE", body = api::ErrorEnvelope), (status = 422, description = "Empty fields", body = api::ErrorEnvelope), (status = 429, description = "Too many failed attempts; see Retry-After", body = api::ErrorEnvelope)))]
pub async fn log_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Json(request): Json<LoginRequest>,
) -> AppResult<Response> {
    let (token, user_id, _) = password_login(
        &state,
        address,
        &headers,
        &request.username,
        request.password,
    )
    .await?;
    let user = repo::load_user(&state.db, user_id, state.clock.now() + ABSOLUTE_TIMEOUT).await?;
    let info = session_info(&state, user).await?;
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(state.settings.secure_cookies, Some(&token)),
        )],
        Json(info),
    )
        .into_response())
}

/// The password door, for the API and the login page alike: every refusal (closed door, empty
/// fields, throttled, wrong credentials) as the error both answer with; on success the new
/// session, whose token goes into the cookie.
pub(super) async fn password_login(
    state: &AppState,
    address: std::net::IpAddr,
    headers: &HeaderMap,
    username: &str,
    password: String,
) -> AppResult<(String, api::UserId, Role)> {
    if state.password_login == PasswordLogin::Off {
        return Err(password_login_off());
    }
    // No account has such a name, and PostgreSQL refuses NUL in text: answered before any query.
    let key = login::check(username, &password).map_err(|r| match r {
        login::Refusal::Fields(fields) => AppError::invalid(fields),
        login::Refusal::NoSuchAccount => AppError::InvalidCredentials,
    })?;
    let now = state.clock.now();
    // Counted before the check, per username and address: parallel guesses get no more checks
    // than the limit, and nobody elsewhere is locked out.
    let attempts = format!("u:{key}|{address}");
    if let Err(until) = repo::count_attempt(&state.db, &attempts, now).await? {
        tracing::warn!(target: "audit", event = "login_throttled", username = %key, %address);
        return Err(too_many_attempts(until - now));
    }
    let from_address = format!("a:{address}");
    let delay = address_delay_ms(repo::address_failures(&state.db, &from_address, now).await?);
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    let user = repo::credentials(&state.db, &key).await?;
    // An unknown username costs the same hashing time as a known one: the answer's timing must
    // not tell whether the account exists.
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| state.settings.dummy_hash.clone());
    let verified = state.settings.hashing.verify(password, hash).await?;
    let Some((user_id, user_role)) = user.filter(|_| verified).map(|u| (u.id, u.role)) else {
        let failures = repo::count_address_failure(&state.db, &from_address, now).await?;
        tracing::warn!(target: "audit", event = "login_failed", username = %key, %address, failures);
        return Err(AppError::InvalidCredentials);
    };
    // Told only after the password held, so the answer reveals nothing to a guesser.
    if state.password_login == PasswordLogin::Operators && user_role != Role::Operatore {
        tracing::warn!(target: "audit", event = "login_refused", reason = "password_login", user = user_id.0, %address);
        return Err(password_login_off());
    }
    // A new token at every login; the one the browser held before (if any) dies now.
    let token = new_token();
    let previous = session_token(headers, state.settings.secure_cookies).map(|t| token_hash(&t));
    repo::start(
        &state.db,
        user_id,
        &repo::Via::Password {
            attempts: &attempts,
        },
        previous,
        &token_hash(&token),
        now,
    )
    .await?;
    tracing::info!(target: "audit", event = "login", user = user_id.0, %address);
    Ok((token, user_id, user_role))
}

#[utoipa::path(delete, path = "/api/session", tag = "session", security(()), responses((status = 204, description = "The session ended on the server")))]
/// Ends the session on the server and clears the cookie. Logging out twice is not an error.
pub async fn log_out(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = session_token(&headers, state.settings.secure_cookies) {
        let opened_by = repo::end(&state.db, &token_hash(&token)).await?;
        // The provider's access token too, in the background: the session here has ended
        // already, whatever the provider answers.
        if let (Some((provider, access_token)), Some(rp)) = (opened_by, state.oidc.clone()) {
            let now = state.clock.now();
            tokio::spawn(async move { rp.revoke(&provider, &access_token, now).await });
        }
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            session_cookie(state.settings.secure_cookies, None),
        )],
    )
        .into_response())
}

fn password_login_off() -> AppError {
    AppError::Refused {
        code: ErrorCode::PasswordLoginOff,
        message: catalogue::t::login_password_operators_only(),
    }
}
