//! A search or filter form whose choice lives in the address: a GET to `action` with only the
//! fields that have a value (no `?cerca=Ferri&=` from the submit button, no `status=&topic=`).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

/// The query of a form: its named fields with a value, in order, encoded.
fn query_of(form: &web_sys::HtmlFormElement) -> String {
    let mut pairs = Vec::new();
    let elements = form.elements();
    for n in 0..elements.length() {
        let Some(el) = elements.item(n) else { continue };
        let (name, value) = if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            let kind = i.type_();
            let unchecked = matches!(kind.as_str(), "checkbox" | "radio") && !i.checked();
            if unchecked || matches!(kind.as_str(), "submit" | "button" | "reset" | "image") {
                continue;
            }
            (i.name(), i.value())
        } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            (s.name(), s.value())
        } else {
            continue;
        };
        let value = value.trim().to_string();
        if !name.is_empty() && !value.is_empty() {
            pairs.push(format!(
                "{}={}",
                js_sys::encode_uri_component(&name),
                js_sys::encode_uri_component(&value)
            ));
        }
    }
    pairs.join("&")
}

#[component]
pub fn GetForm(
    action: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] role: Option<&'static str>,
    label: &'static str,
    children: Children,
) -> impl IntoView {
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let query = query_of(&form);
        let to = if query.is_empty() {
            action.to_string()
        } else {
            format!("{action}?{query}")
        };
        navigate(&to, Default::default());
    };
    view! {
        <form method="get" action=action class=class role=role aria-label=label on:submit=submit>
            {children()}
        </form>
    }
}
