//! "Pagina precedente / Pagina N di M / Pagina successiva" under a paged list.

use crate::language::tr;
use catalogue::t;
use leptos::prelude::*;

/// The page the address asks for (`?page=`), from 1.
pub fn page_of(query: &leptos_router::params::ParamsMap) -> u32 {
    query
        .get("page")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Nothing when everything fits on one page.
#[component]
pub fn Pager(page: u32, pages: u32, link: impl Fn(u32) -> String + 'static) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=tr(t::pager_label())>
                {(page > 1).then(|| view! { <a href=link(page - 1)>{tr(t::pager_previous())}</a> })}
                <span>{tr(t::pager_page(page, pages))}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1)>{tr(t::pager_next())}</a> })}
            </nav>
        }
    })
}
