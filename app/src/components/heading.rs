//! The page's `<h1>`: it also sets the document title and, after a navigation inside the app,
//! takes the focus, so a screen reader announces the new page as a full page load would.

use leptos::html;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    static FIRST_PAGE: Cell<bool> = const { Cell::new(true) };
}

pub fn set_title(title: &str) {
    document().set_title(&format!("{title} – Cassetto Previdenziale"));
}

#[component]
pub fn PageHeading(#[prop(into)] title: String) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    set_title(&title);
    Effect::new(move |_| {
        if let Some(element) = heading.get() {
            if !FIRST_PAGE.with(|f| f.replace(false)) {
                let _ = element.focus();
            }
        }
    });
    view! { <h1 class="page-title" tabindex="-1" node_ref=heading>{title}</h1> }
}
