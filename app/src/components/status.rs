//! A thread's status, always as words; the colour only repeats them.

use crate::language::tr;
use api::CommunicationStatus;
use leptos::prelude::*;

/// An appointment's status as its contributor reads it: a confirmed one whose end has passed
/// by the browser's clock says so.
#[component]
pub fn AppointmentTag(
    status: api::AppointmentStatus,
    cancelled_by_office: bool,
    ends_at: String,
) -> impl IntoView {
    let ended = js_sys::Date::parse(&ends_at) < js_sys::Date::now();
    view! {
        <span class=api::status_class_at(status, ended)>{tr(api::status_text_at(status, cancelled_by_office, ended))}</span>
    }
}

#[component]
pub fn StatusTag(status: CommunicationStatus) -> impl IntoView {
    view! { <span class=format!("status-tag status-tag--{}", status.code())>{tr(status.label())}</span> }
}
