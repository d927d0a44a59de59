//! Our JSON extractor: the same as axum's, but every rejection answers with our envelope.

use crate::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(rejection_to_error(rejection)),
        }
    }
}

fn rejection_to_error(rejection: JsonRejection) -> AppError {
    match rejection.status() {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => match rejection {
            JsonRejection::JsonDataError(e) => {
                tracing::debug!(detail = %e.body_text(), "JSON of the wrong shape");
                AppError::BadRequest(
                    "i dati non hanno la forma attesa (campi mancanti, sconosciuti o di tipo errato)."
                        .into(),
                )
            }
            _ => AppError::BadRequest("il corpo non è un JSON valido.".into()),
        },
    }
}

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}
