//! Log in, who am I, log out (API.md "Session").

use crate::access::contributors_for;
use crate::auth::{
    self, session_cookie, session_token, token_hash, verify_password, CurrentUser,
    ABSOLUTE_TIMEOUT, IDLE_LIMIT, IDLE_TIMEOUT,
};
use crate::clock::rfc3339;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::throttle::{lock_seconds, wait_in_words, FAILURE_WINDOW};
use crate::AppState;
use api::{LoginRequest, SessionInfo, SessionStatus, User};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;

async fn session_info(state: &AppState, user: CurrentUser) -> AppResult<SessionInfo> {
    let contributors = contributors_for(&state.db, &user, state.clock.now()).await?;
    Ok(SessionInfo {
        contributors,
        idle_timeout_seconds: IDLE_TIMEOUT as u32,
        expires_at: rfc3339(user.session_expires_at),
        user: User {
            username: user.username,
            name: user.name,
            role: user.role,
            organisation: user.organisation,
            office: user.office_name,
        },
    })
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

#[derive(sqlx::FromRow)]
struct Credentials {
    id: i64,
    password_hash: String,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    username: String,
    name: String,
    role: String,
    organisation: Option<String>,
    office_id: Option<i64>,
    office_name: Option<String>,
}

#[utoipa::path(post, path = "/api/session", tag = "session", security(()), request_body = api::LoginRequest,
    responses((status = 200, description = "Logged in; sets the session cookie", body = api::SessionInfo), (status = 401, description = "Wrong username or password", body = api::ErrorEnvelope), (status = 422, description = "Empty fields", body = api::ErrorEnvelope), (status = 429, description = "Too many failed attempts; see Retry-After", body = api::ErrorEnvelope)))]
pub async fn log_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(request): Json<LoginRequest>,
) -> AppResult<Response> {
    let mut fields = BTreeMap::new();
    if request.username.trim().is_empty() {
        fields.insert(
            "username".to_string(),
            "Inserisci il codice fiscale o il nome utente.".to_string(),
        );
    }
    if request.password.is_empty() {
        fields.insert("password".to_string(), "Inserisci la password.".to_string());
    }
    if !fields.is_empty() {
        return Err(AppError::Validation(fields));
    }
    if request.username.len() > 100 || request.password.len() > 200 {
        return Err(AppError::InvalidCredentials);
    }

    let key = request.username.trim().to_lowercase();
    let now = state.clock.now();
    let locked: Option<i64> = sqlx::query_scalar(
        "SELECT locked_until FROM login_failures WHERE username_key = $1 AND locked_until > $2",
    )
    .bind(&key)
    .bind(now)
    .fetch_optional(&state.db.pool)
    .await?;
    if let Some(until) = locked {
        return Err(too_many(until - now));
    }

    let user: Option<Credentials> =
        sqlx::query_as("SELECT id, password_hash FROM users WHERE username_key = $1")
            .bind(&key)
            .fetch_optional(&state.db.pool)
            .await?;
    // An unknown username costs the same hashing time as a known one: the answer's timing must
    // not tell whether the account exists.
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| state.settings.dummy_hash.clone());
    let verified = verify_password(request.password, hash).await;
    let Some(user_id) = user.filter(|_| verified).map(|u| u.id) else {
        return Err(record_failure(&state, &key, now).await?);
    };

    let token = auth::new_token();
    let mut tx = state.db.begin_write().await?;
    sqlx::query("DELETE FROM login_failures WHERE username_key = $1")
        .bind(&key)
        .execute(&mut *tx)
        .await?;
    // A new token at every login; the one the browser held before (if any) dies now.
    if let Some(old) = session_token(&headers, state.settings.secure_cookies) {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(&old))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)",
    )
    .bind(user_id)
    .bind(now)
    .bind(now - IDLE_LIMIT)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(now)
    .bind(now + ABSOLUTE_TIMEOUT)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;

    let user = load_user(&state, user_id, now + ABSOLUTE_TIMEOUT).await?;
    let info = session_info(&state, user).await?;
    tracing::info!(user_id, "login");
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(state.settings.secure_cookies, Some(&token)),
        )],
        Json(info),
    )
        .into_response())
}

fn too_many(wait: i64) -> AppError {
    AppError::TooManyRequests {
        code: "too_many_attempts",
        message: format!(
            "Troppi tentativi di accesso non riusciti. {}",
            wait_in_words(wait)
        ),
        retry_after: wait,
    }
}

/// Counts a failed login and answers it: the generic 401, or 429 once the account is throttled.
async fn record_failure(state: &AppState, key: &str, now: i64) -> AppResult<AppError> {
    let mut tx = state.db.begin_write().await?;
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO login_failures (username_key, failures, last_failure_at, locked_until)
         VALUES ($1, 1, $2, 0)
         ON CONFLICT (username_key) DO UPDATE SET
             failures = CASE WHEN login_failures.last_failure_at <= $3 THEN 1
                             ELSE login_failures.failures + 1 END,
             last_failure_at = $2
         RETURNING failures",
    )
    .bind(key)
    .bind(now)
    .bind(now - FAILURE_WINDOW)
    .fetch_one(&mut *tx)
    .await?;
    let lock = lock_seconds(failures);
    if lock > 0 {
        sqlx::query("UPDATE login_failures SET locked_until = $1 WHERE username_key = $2")
            .bind(now + lock)
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!(failures, "failed login");
    Ok(AppError::InvalidCredentials)
}

async fn load_user(state: &AppState, user_id: i64, expires_at: i64) -> AppResult<CurrentUser> {
    let row: UserRow = sqlx::query_as(
        "SELECT u.username, u.name, u.role, u.organisation, u.office_id, o.name AS office_name
         FROM users u LEFT JOIN offices o ON o.id = u.office_id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_one(&state.db.pool)
    .await?;
    Ok(CurrentUser {
        id: user_id,
        username: row.username,
        name: row.name,
        role: auth::parse_role(&row.role)?,
        organisation: row.organisation,
        office_id: row.office_id,
        office_name: row.office_name,
        session_expires_at: expires_at,
    })
}

#[utoipa::path(delete, path = "/api/session", tag = "session", security(()), responses((status = 204, description = "The session ended on the server")))]
/// Ends the session on the server and clears the cookie. Logging out twice is not an error.
pub async fn log_out(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = session_token(&headers, state.settings.secure_cookies) {
        state
            .db
            .write_one(
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(&token)),
            )
            .await?;
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
