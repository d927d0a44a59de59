//! The typed client of the JSON API. Every call reports activity to the session timer and turns
//! the error envelope into `ApiError`, so pages only deal with Italian messages.

use crate::language::tr;
use api::{ErrorCode, ErrorEnvelope};
use catalogue::t;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;

/// A refusal of the API, or no answer at all.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// 0 when the server did not answer.
    pub status: u16,
    /// The refusal's code; none when the server did not answer, or not in the envelope.
    pub code: Option<ErrorCode>,
    pub message: String,
    pub fields: BTreeMap<String, String>,
    /// `places_free`: the free place that suits, to offer instead of the wait.
    pub free_start: Option<String>,
}

impl ApiError {
    fn network() -> Self {
        ApiError {
            status: 0,
            code: None,
            message: tr(t::client_unreachable()),
            fields: BTreeMap::new(),
            free_start: None,
        }
    }

    /// The session is gone (never a wrong password, which is also a 401).
    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401 && self.code != Some(api::ErrorCode::InvalidCredentials)
    }
}

async fn send(
    request: Result<gloo_net::http::Request, gloo_net::Error>,
) -> Result<Response, ApiError> {
    let response = request
        .map_err(|_| ApiError::network())?
        .send()
        .await
        .map_err(|_| ApiError::network())?;
    crate::session::note_activity();
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    match response.json::<ErrorEnvelope>().await {
        Ok(envelope) => Err(ApiError {
            status,
            code: Some(envelope.error.code),
            message: envelope.error.message,
            fields: envelope.error.fields,
            free_start: envelope.error.free_start,
        }),
        Err(_) => Err(ApiError {
            status,
            code: None,
            message: tr(t::client_unexpected()),
            fields: BTreeMap::new(),
            free_start: None,
        }),
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|_| ApiError::network())
}

/// Every request says the language its answer's words must be in.
fn spoken(builder: RequestBuilder) -> RequestBuilder {
    builder.header("Accept-Language", crate::language::current().code())
}

fn json_body<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send(spoken(Request::get(path)).build()).await?).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    decode(send(json_body(spoken(Request::post(path)), body)).await?).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    decode(send(json_body(spoken(Request::put(path)), body)).await?).await
}

/// A new `Idempotency-Key`: one per booking or move, kept for the retries of the same one.
pub fn new_key() -> String {
    format!(
        "{:016x}{:016x}",
        (js_sys::Math::random() * 1e16) as u64,
        js_sys::Date::now() as u64
    )
}

/// A POST that must not be repeated by accident: the server answers a retry with the same key
/// with its first answer.
pub async fn post_with_key<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    key: &str,
) -> Result<T, ApiError> {
    decode(
        send(json_body(
            spoken(Request::post(path)).header("Idempotency-Key", key),
            body,
        ))
        .await?,
    )
    .await
}

/// A POST whose path says it all (confirm, release, extend): no body.
pub async fn post_action<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send(spoken(Request::post(path)).build()).await?).await
}

/// A POST whose success has no body (204).
pub async fn post_done<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    send(json_body(spoken(Request::post(path)), body))
        .await
        .map(|_| ())
}

pub async fn delete(path: &str) -> Result<(), ApiError> {
    send(spoken(Request::delete(path)).build())
        .await
        .map(|_| ())
}
