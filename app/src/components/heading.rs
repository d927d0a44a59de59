//! The page's `<h1>`: it also sets the document title and, after a navigation inside the app,
//! takes the focus, so a screen reader announces the new page as a full page load would.

use crate::language::tr;
use catalogue::t;
use leptos::html;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    static FIRST_PAGE: Cell<bool> = const { Cell::new(true) };
}

pub fn set_title(title: &str) {
    document().set_title(&tr(t::page_title(title)));
}

/// Content inside a `<Suspense>` is mounted before it is attached to the document (it waits
/// for every resource read inside), and a detached element cannot take the focus: try again at
/// each frame until it is attached, for about a second.
fn focus_when_attached(element: web_sys::HtmlElement, tries: u32) {
    if element.is_connected() {
        let _ = element.focus();
    } else if tries > 0 {
        request_animation_frame(move || focus_when_attached(element, tries - 1));
    }
}

/// Moves the focus to the element `id` once the view that holds it is drawn: after an action
/// whose button is gone with what it acted on, the focus goes to what happened.
pub fn focus_later(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

#[component]
pub fn PageHeading(#[prop(into)] title: String) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    set_title(&title);
    Effect::new(move |_| {
        if let Some(element) = heading.get() {
            if !FIRST_PAGE.with(|f| f.replace(false)) {
                focus_when_attached(element.into(), 60);
            }
        }
    });
    view! { <h1 class="page-title" tabindex="-1" node_ref=heading>{title}</h1> }
}
