//! The page for any address the app does not know.

use crate::components::heading::PageHeading;
use crate::language::tr;
use crate::session::Session;
use catalogue::t;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <PageHeading title=tr(t::not_found_title())/>
        <p class="lead">{tr(t::not_found_body())}</p>
        <p>{tr(t::not_found_typed())}</p>
        <p><a href=move || session.home().to_string()>{tr(t::not_found_home())}</a></p>
    }
}
