//! "Pagina precedente / Pagina N di M / Pagina successiva" under a paged list.

use leptos::prelude::*;
use leptos_router::components::A;

/// Nothing when everything fits on one page.
#[component]
pub fn Pager(page: u32, pages: u32, link: impl Fn(u32) -> String + 'static) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Paginazione">
                {(page > 1).then(|| view! { <A href=link(page - 1)>"Pagina precedente"</A> })}
                <span>{format!("Pagina {page} di {pages}")}</span>
                {(page < pages).then(|| view! { <A href=link(page + 1)>"Pagina successiva"</A> })}
            </nav>
        }
    })
}
