//! The filter bar above a list: a GET form (so the choice lives in the address) with one
//! labelled select per filter and "Filtra".

use leptos::prelude::*;
use leptos_router::components::Form;

#[component]
pub fn FilterBar(action: &'static str, label: &'static str, children: Children) -> impl IntoView {
    view! {
        <Form method="GET" action=action attr:class="filters" attr:aria-label=label>
            {children()}
            <button type="submit" class="button button--secondary">"Filtra"</button>
        </Form>
    }
}

/// One select of a filter bar; `current` is the value in the address ("" for all).
#[component]
pub fn SelectFilter(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] current: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="filters__field">
            <label class="label" for=id>{label}</label>
            <select class="select" id=id name=name>
                <option value="" selected=move || current.get().is_empty()>{all}</option>
                {move || options.get().into_iter().map(|(code, text)| {
                    let selected = current.get() == code;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
