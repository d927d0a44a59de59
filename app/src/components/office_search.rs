//! The operators' search box, under the navigation of every office page: a GET to Cerca.

use super::get_form::GetForm;
use crate::language::{tr, trs};
use api::paths;
use catalogue::t;
use leptos::prelude::*;

/// The search box of the office's pages.
#[component]
pub fn OfficeSearchBox(#[prop(into)] current: Signal<String>) -> impl IntoView {
    view! {
        <GetForm action=paths::OFFICE_SEARCH class="filters office-search" role="search" label=trs(t::office_search_label())>
            <div class="filters__field filters__field--wide">
                <label class="label" for="cerca-sede">{tr(t::office_search_hint())}</label>
                <input class="input" id="cerca-sede" name="q" type="search" maxlength="100"
                    autocomplete="off" spellcheck="false" prop:value=move || current.get()/>
            </div>
            <button type="submit" class="button button--secondary">{tr(t::search_button())}</button>
        </GetForm>
    }
}
