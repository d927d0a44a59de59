//! One error type for every handler and one JSON envelope (API.md "Errors"): Italian messages
//! for the user, internal details only in the log.

use api::{ErrorBody, ErrorEnvelope};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: malformed JSON, unknown fields, a missing required header.
    #[error("bad request: {0}")]
    BadRequest(String),
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
    /// 403: a state-changing request sent by another site.
    #[error("cross-site request")]
    CrossSite,
    /// 404: missing, or someone else's: the two are never told apart.
    #[error("not found")]
    NotFound,
    /// 409: the request clashes with the resource's state (a closed thread, an outcome
    /// already recorded).
    #[error("conflict: {code}")]
    Conflict { code: &'static str, message: String },
    /// 410: the hold expired.
    #[error("gone")]
    Gone,
    /// 413: the body is over the limit.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 415: a body that is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: validation failed; one message per field.
    #[error("validation failed")]
    Validation(BTreeMap<String, String>),
    /// 429: too many attempts; `retry_after` in seconds.
    #[error("too many requests")]
    TooManyRequests {
        code: &'static str,
        message: String,
        retry_after: i64,
    },
    /// 500: anything unexpected. Logged once; the user gets a generic sentence.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::Internal(format!("database: {error}"))
    }
}

impl AppError {
    /// A 422 with a single field.
    pub fn field(name: &str, message: &str) -> Self {
        AppError::Validation(BTreeMap::from([(name.to_string(), message.to_string())]))
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        use AppError::*;
        match self {
            BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("La richiesta non è valida: {detail}"),
            ),
            Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Accedi per continuare.".into(),
            ),
            SessionExpired => (
                StatusCode::UNAUTHORIZED,
                "session_expired",
                "La sessione è scaduta. Accedi di nuovo per continuare.".into(),
            ),
            InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                "Nome utente o password non corretti. Controlla i dati e riprova.".into(),
            ),
            Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "Questa funzione non è disponibile per il tuo profilo.".into(),
            ),
            CrossSite => (
                StatusCode::FORBIDDEN,
                "cross_site",
                "Richiesta rifiutata: proviene da un altro sito.".into(),
            ),
            NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "La risorsa richiesta non esiste.".into(),
            ),
            Conflict { code, message } => (StatusCode::CONFLICT, code, message.clone()),
            Gone => (
                StatusCode::GONE,
                "hold_expired",
                "Il tempo per confermare la prenotazione è scaduto e l'orario è stato liberato. Puoi prenotare di nuovo.".into(),
            ),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "La richiesta è troppo grande.".into(),
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Il contenuto della richiesta deve essere in formato JSON.".into(),
            ),
            Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Alcuni dati non sono validi. Correggi i campi indicati.".into(),
            ),
            TooManyRequests { code, message, .. } => {
                (StatusCode::TOO_MANY_REQUESTS, code, message.clone())
            }
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Si è verificato un errore imprevisto. Riprova tra qualche minuto.".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            // Logged here, inside the request's span, so the line carries the request id.
            tracing::error!(%detail, "internal error");
        }
        let (status, code, message) = self.parts();
        let fields = match &self {
            AppError::Validation(fields) => fields.clone(),
            _ => BTreeMap::new(),
        };
        let mut response = (
            status,
            Json(ErrorEnvelope {
                error: ErrorBody {
                    code: code.to_string(),
                    message,
                    fields,
                },
            }),
        )
            .into_response();
        if let AppError::TooManyRequests { retry_after, .. } = self {
            if let Ok(value) = HeaderValue::from_str(&retry_after.max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
