//! "Cerca un contribuente": the intermediary's search among those who delegated them, a GET
//! to Scegli il contribuente, so the search lives in the address.

use super::get_form::GetForm;
use leptos::prelude::*;

/// The search form: a GET to /contribuenti, so the search lives in the address.
#[component]
pub fn ContributorSearch(#[prop(into)] current: Signal<String>) -> impl IntoView {
    view! {
        <GetForm action=api::paths::CONTRIBUTORS class="filters" role="search" label="Cerca un contribuente">
            <div class="filters__field filters__field--wide">
                <label class="label" for="cerca-contribuente">"Nome o codice fiscale"</label>
                <input class="input" id="cerca-contribuente" name="cerca" type="search" maxlength="100"
                    autocomplete="off" prop:value=move || current.get()/>
            </div>
            <button type="submit" class="button button--secondary">"Cerca"</button>
        </GetForm>
    }
}
