//! One error type for every handler and one JSON envelope (API.md "Errors"): messages for the
//! user as catalogue texts, put into words in the request's language when the response is
//! made; internal details only in the log.

use api::{ErrorBody, ErrorCode, ErrorEnvelope};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use catalogue::{t, Text};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: malformed JSON, unknown fields, a missing required header.
    #[error("bad request: {0:?}")]
    BadRequest(Text),
    /// 400 about one field of the body or one header, named in `fields`.
    #[error("bad request: {field}: {detail:?}")]
    BadField { field: String, detail: Text },
    /// 401: no session cookie, or one the server does not know.
    #[error("not logged in")]
    Unauthenticated,
    /// 401: the session ended by inactivity or by its absolute limit.
    #[error("session expired")]
    SessionExpired,
    /// 401: wrong username or password; deliberately one message for both.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 403: a role that may never make this call.
    #[error("forbidden for this role")]
    Forbidden,
    /// 403: refused for a reason the message names (a door closed to this account).
    #[error("refused: {code}")]
    Refused { code: ErrorCode, message: Text },
    /// 403: a state-changing request sent by another site.
    #[error("cross-site request")]
    CrossSite,
    /// 404: missing, or someone else's: the two are never told apart.
    #[error("not found")]
    NotFound,
    /// 409: the request clashes with the resource's state (a closed thread, an outcome
    /// already recorded).
    #[error("conflict: {code}")]
    Conflict { code: ErrorCode, message: Text },
    /// 409 `places_free`: a wait refused because a place that suits is free; its start goes
    /// with the message so the client can offer to book it.
    #[error("a place is free")]
    PlaceFree { message: Text, start: String },
    /// 410: the hold expired.
    #[error("gone")]
    Gone,
    /// 413: the body is over the limit.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 413: a file over the attachments' limit, named in the message.
    #[error("file too large")]
    FileTooLarge(Text),
    /// 415: an upload of a type that is not taken.
    #[error("file type not taken")]
    UnsupportedFile,
    /// 422 with its own code: a document refused for what it holds (its message names it).
    #[error("rejected: {code}")]
    Rejected { code: ErrorCode, message: Text },
    /// 503: a service we depend on (the antivirus) did not answer; nothing was kept.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// 415: a body that is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: validation failed; one message per field.
    #[error("validation failed")]
    Validation(BTreeMap<String, Text>),
    /// 429: too many attempts; `retry_after` in seconds.
    #[error("too many requests")]
    TooManyRequests {
        code: ErrorCode,
        message: Text,
        retry_after: i64,
    },
    /// 503: PostgreSQL gave up a transaction to break a deadlock or a serialization conflict,
    /// again and again (see `retrying`); nothing was changed.
    #[error("busy: {0}")]
    Busy(String),
    /// 500: anything unexpected. Logged once; the user gets a generic sentence.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<sqlx::Error> for AppError {
    /// A constraint that refused a write means the request met a state it did not expect (a
    /// race the rules lost): a 409, never a 500. Deadlocks and serialization failures are
    /// retried by `retrying`.
    fn from(error: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        if let Some(db) = error.as_database_error() {
            if matches!(db.code().as_deref(), Some("40001" | "40P01")) {
                return AppError::Busy(db.message().to_string());
            }
            if matches!(
                db.kind(),
                ErrorKind::UniqueViolation | ErrorKind::CheckViolation
            ) {
                tracing::info!(detail = %db.message(), "write refused by a constraint");
                return AppError::Conflict {
                    code: ErrorCode::Conflict,
                    message: t::error_changed_meanwhile(),
                };
            }
        }
        AppError::Internal(format!("database: {error}"))
    }
}

/// Runs a whole write transaction again when PostgreSQL broke a deadlock or a serialization
/// conflict by aborting it: a safety net behind the lock order, bounded, with a little jitter
/// so the two sides do not meet again at once.
pub async fn retrying<T, F, Fut>(mut attempt: F) -> AppResult<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = AppResult<T>>,
{
    const TRIES: u32 = 4;
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt().await {
            Err(AppError::Busy(detail)) if tries < TRIES => {
                tracing::info!(%detail, tries, "transaction retried");
                let jitter = rand::random::<u64>() % (10 * u64::from(tries));
                tokio::time::sleep(std::time::Duration::from_millis(5 + jitter)).await;
            }
            other => return other,
        }
    }
}

impl AppError {
    /// A 422 with a single field.
    pub fn field(name: &str, message: impl Into<Text>) -> Self {
        AppError::Validation(BTreeMap::from([(name.to_string(), message.into())]))
    }

    /// A 422 with every field's problem.
    pub fn invalid<M: Into<Text>>(fields: BTreeMap<String, M>) -> Self {
        AppError::Validation(fields.into_iter().map(|(k, m)| (k, m.into())).collect())
    }

    /// A 409 with its code and the user's sentence.
    pub fn conflict(code: ErrorCode, message: impl Into<Text>) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
        }
    }

    /// What a page of the server's own (not the API) shows: the status, the sentence, and
    /// each field's sentence.
    pub fn shown(&self) -> (StatusCode, Text, BTreeMap<String, Text>) {
        let (status, _, message) = self.parts();
        (status, message, self.field_texts())
    }

    fn field_texts(&self) -> BTreeMap<String, Text> {
        match self {
            AppError::Validation(fields) => fields.clone(),
            AppError::BadField { field, detail } => {
                BTreeMap::from([(field.clone(), detail.clone())])
            }
            _ => BTreeMap::new(),
        }
    }

    /// Seconds to wait before trying again, when the error says.
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            AppError::TooManyRequests { retry_after, .. } => Some((*retry_after).max(1)),
            AppError::Busy(_) => Some(1),
            AppError::Unavailable(_) => Some(60),
            _ => None,
        }
    }

    /// Logged where it is answered, inside the request's span, so the line carries the
    /// request id.
    pub fn log(&self) {
        match self {
            AppError::Internal(detail) => tracing::error!(%detail, "internal error"),
            AppError::Busy(detail) => tracing::warn!(%detail, "gave up after retries"),
            AppError::Unavailable(detail) => tracing::error!(%detail, "a service we need is down"),
            AppError::Forbidden => {
                tracing::warn!(target: "audit", event = "refused", reason = "role")
            }
            AppError::CrossSite => {
                tracing::warn!(target: "audit", event = "refused", reason = "cross_site")
            }
            _ => {}
        }
    }

    fn parts(&self) -> (StatusCode, ErrorCode, Text) {
        use AppError::*;
        match self {
            BadRequest(detail) | BadField { detail, .. } => (
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                t::error_bad_request(detail.clone()),
            ),
            Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                t::error_unauthenticated(),
            ),
            SessionExpired => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::SessionExpired,
                t::error_session_expired(),
            ),
            InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::InvalidCredentials,
                t::error_invalid_credentials(),
            ),
            Forbidden => (
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                t::error_forbidden(),
            ),
            CrossSite => (
                StatusCode::FORBIDDEN,
                ErrorCode::CrossSite,
                t::error_cross_site(),
            ),
            NotFound => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                t::error_not_found(),
            ),
            Conflict { code, message } => (StatusCode::CONFLICT, *code, message.clone()),
            PlaceFree { message, .. } => {
                (StatusCode::CONFLICT, ErrorCode::PlacesFree, message.clone())
            }
            Refused { code, message } => (StatusCode::FORBIDDEN, *code, message.clone()),
            Gone => (
                StatusCode::GONE,
                ErrorCode::HoldExpired,
                t::error_hold_expired(),
            ),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                t::error_payload_too_large(),
            ),
            FileTooLarge(message) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                message.clone(),
            ),
            UnsupportedFile => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                t::attachment_types(),
            ),
            Rejected { code, message } => {
                (StatusCode::UNPROCESSABLE_ENTITY, *code, message.clone())
            }
            Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Busy,
                t::error_antivirus_down(),
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                t::error_not_json(),
            ),
            Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                t::error_validation(),
            ),
            TooManyRequests { code, message, .. } => {
                (StatusCode::TOO_MANY_REQUESTS, *code, message.clone())
            }
            Busy(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Busy,
                t::error_busy(),
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                t::error_internal(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let (status, code, message) = self.parts();
        let message = crate::language::render(&message);
        let fields = self
            .field_texts()
            .into_iter()
            .map(|(name, text)| (name, crate::language::render(&text)))
            .collect();
        let mut response = (
            status,
            Json(ErrorEnvelope {
                error: ErrorBody {
                    code,
                    message,
                    fields,
                    free_start: match &self {
                        AppError::PlaceFree { start, .. } => Some(start.clone()),
                        _ => None,
                    },
                },
            }),
        )
            .into_response();
        if let Some(seconds) = self.retry_after() {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// Per-field problems collected while parsing a request, answered together as one 422.
#[derive(Debug, Default)]
pub struct FieldErrors(BTreeMap<String, Text>);

impl FieldErrors {
    pub fn add(&mut self, name: &str, message: impl Into<Text>) {
        self.0
            .entry(name.to_string())
            .or_insert_with(|| message.into());
    }

    /// The value, or nothing with the field's problem noted.
    pub fn check<T, E: Into<Text>>(&mut self, name: &str, parsed: Result<T, E>) -> Option<T> {
        parsed.map_err(|e| self.add(name, e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> AppResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }

    /// The 422 for what was collected (a caller that found a value missing always noted why).
    pub fn into_error(self) -> AppError {
        if self.0.is_empty() {
            AppError::Internal("a value was missing without a field error".into())
        } else {
            AppError::Validation(self.0)
        }
    }

    pub fn extend(&mut self, other: BTreeMap<String, impl Into<Text>>) {
        for (name, message) in other {
            self.add(&name, message);
        }
    }
}

impl From<crate::domain::limits::Exceeded> for AppError {
    fn from(e: crate::domain::limits::Exceeded) -> AppError {
        AppError::TooManyRequests {
            code: e.code,
            message: e.message,
            retry_after: e.retry_after,
        }
    }
}
