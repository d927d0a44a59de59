//! A thread's status, always as words; the colour only repeats them.

use api::CommunicationStatus;
use leptos::prelude::*;

#[component]
pub fn StatusTag(status: CommunicationStatus) -> impl IntoView {
    view! { <span class=format!("status-tag status-tag--{}", status.code())>{status.label()}</span> }
}
