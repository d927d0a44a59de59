//! Our extractors: axum's JSON, path and query, but every rejection answers with our envelope.

use crate::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use catalogue::t;
use serde::de::DeserializeOwned;

pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !json_content_type(req.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|rejection| match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                _ => AppError::BadRequest(t::request_body_unreadable()),
            })?;
        // Every body of this API is an object: serde would also read a struct from an array.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(AppError::BadRequest(t::request_body_not_object()));
        }
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(rejection_to_error(rejection)),
        }
    }
}

fn json_content_type(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            let essence = essence.trim().to_ascii_lowercase();
            essence == "application/json" || essence.ends_with("+json")
        })
}

fn rejection_to_error(rejection: JsonRejection) -> AppError {
    match rejection.status() {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => match rejection {
            JsonRejection::JsonDataError(e) => {
                let text = e.body_text();
                tracing::debug!(detail = %text, "JSON of the wrong shape");
                shape_error(&text)
            }
            _ => AppError::BadRequest(t::request_body_not_json()),
        },
    }
}

/// The field a JSON of the wrong shape got wrong, named in the 400 (serde's wording, as axum
/// passes it on with the field's path).
fn shape_error(text: &str) -> AppError {
    let text = text
        .strip_prefix("Failed to deserialize the JSON body into the target type: ")
        .unwrap_or(text);
    let quoted = |marker: &str| {
        text.split(marker)
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    let (field, detail) = if let Some(field) = quoted("unknown field `") {
        let detail = t::request_field_unknown(field.clone());
        (field, detail)
    } else if let Some(field) = quoted("missing field `") {
        let detail = t::request_field_missing(field.clone());
        (field, detail)
    } else if let Some((path, _)) = text
        .split_once(": ")
        .filter(|(path, _)| !path.is_empty() && *path != "." && !path.contains(' '))
    {
        let detail = t::request_field_wrong_type(path.to_string());
        (path.to_string(), detail)
    } else {
        return AppError::BadRequest(t::request_wrong_shape());
    };
    AppError::BadField { field, detail }
}

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// Axum's `Path`, answering with our envelope: a path that cannot be read names nothing (404).
pub struct Path<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|_| AppError::NotFound)
    }
}

/// Axum's `Query`, answering with our envelope (400) when the query string cannot be read.
pub struct Query<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|_| AppError::BadRequest(t::request_path_unreadable()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> Option<String> {
        match shape_error(text) {
            AppError::BadField { field, .. } => Some(field),
            _ => None,
        }
    }

    #[tokio::test]
    async fn a_body_that_is_not_an_object_is_refused() {
        for body in ["[null]", " [\"x\"]", "null", "1"] {
            let request = axum::http::Request::post("/")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body))
                .unwrap();
            let parsed = Json::<api::CancelRequest>::from_request(request, &()).await;
            assert!(matches!(parsed, Err(AppError::BadRequest(_))), "{body}");
        }
    }

    #[test]
    fn a_body_of_the_wrong_shape_names_its_field() {
        let prefix = "Failed to deserialize the JSON body into the target type: ";
        assert_eq!(
            field(&format!(
                "{prefix}unknown field `admin`, expected one of `text` at line 1 column 9"
            )),
            Some("admin".into())
        );
        assert_eq!(
            field(&format!("{prefix}missing field `text` at line 1 column 2")),
            Some("text".into())
        );
        assert_eq!(
            field(&format!(
                "{prefix}office: invalid type: string \"x\", expected i64 at line 1 column 12"
            )),
            Some("office".into())
        );
        assert_eq!(field("expected value at line 1 column 1"), None);
    }
}
