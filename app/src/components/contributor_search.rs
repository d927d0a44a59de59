//! tr(t::contributor_search_label()): the intermediary's search among those who delegated them, a GET
//! to Scegli il contribuente, so the search lives in the address.

use super::get_form::GetForm;
use crate::language::{tr, trs};
use catalogue::t;
use leptos::prelude::*;

/// The search form: a GET to /contribuenti, so the search lives in the address.
#[component]
pub fn ContributorSearch(#[prop(into)] current: Signal<String>) -> impl IntoView {
    view! {
        <GetForm action=api::paths::CONTRIBUTORS class="filters" role="search" label=trs(t::contributor_search_label())>
            <div class="filters__field filters__field--wide">
                <label class="label" for="cerca-contribuente">{tr(t::contributor_search_hint())}</label>
                <input class="input" id="cerca-contribuente" name="cerca" type="search" maxlength="100"
                    autocomplete="off" prop:value=move || current.get()/>
            </div>
            <button type="submit" class="button button--secondary">{tr(t::search_button())}</button>
        </GetForm>
    }
}
