//! The reference data every booking page reads (consultation points, offices), and the
//! names it gives a code or an id once loaded.

use crate::client::ApiError;
use api::{ConsultationPoint, Office, OfficeId, PointCode};
use leptos::prelude::*;

/// The label of the consultation point `code`, once the reference data has loaded.
pub fn point_label_of(
    points: LocalResource<Result<Vec<ConsultationPoint>, ApiError>>,
    code: PointCode,
) -> String {
    points
        .get()
        .and_then(Result::ok)
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.code == code)
        .map(|p| p.label)
        .unwrap_or_default()
}

/// The office `id`, once the reference data has loaded.
pub fn office_of(
    offices: LocalResource<Result<Vec<Office>, ApiError>>,
    id: OfficeId,
) -> Option<Office> {
    offices
        .get()
        .and_then(Result::ok)
        .unwrap_or_default()
        .into_iter()
        .find(|o| o.id == id)
}
