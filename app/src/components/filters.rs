//! The filter bar above a list: a GET form (so the choice lives in the address) with one
//! labelled select per filter and tr(t::filters_apply()).

use super::get_form::GetForm;
use crate::language::tr;
use catalogue::t;
use leptos::prelude::*;

/// Folded behind tr(t::filters_legend()) on a phone, so that the list starts in the first screen;
/// open on a wider screen, and whenever a filter is in use.
#[component]
pub fn FilterBar(action: &'static str, label: &'static str, children: Children) -> impl IntoView {
    let window = web_sys::window();
    let wide = window
        .as_ref()
        .and_then(|w| w.match_media("(min-width: 48rem)").ok().flatten())
        .is_some_and(|m| m.matches());
    let filtering = window
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.len() > 1);
    view! {
        <details class="filters-fold" open=wide || filtering>
            <summary class="filters-fold__summary">{tr(t::filters_legend())}</summary>
            <GetForm action=action class="filters" label=label>
                {children()}
                <button type="submit" class="button button--secondary">{tr(t::filters_apply())}</button>
            </GetForm>
        </details>
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
