//! The GOV.UK error summary: a titled box at the top of a form, focused when it appears, with
//! one link per problem that moves the focus to the field.

use leptos::html;
use leptos::prelude::*;

/// One problem: the id of the field it concerns (None for the form as a whole) and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub field: Option<&'static str>,
    pub message: String,
}

#[component]
pub fn ErrorSummary(problems: Signal<Vec<Problem>>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if !problems.get().is_empty() {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title"
                    tabindex="-1" node_ref=summary>
                    <h2 id="error-summary-title" class="error-summary__title">"C'è un problema"</h2>
                    <ul class="error-summary__list">
                        {list.into_iter().map(|problem| match problem.field {
                            Some(field) => view! {
                                <li>
                                    <a href=format!("#{field}") on:click=move |ev| {
                                        ev.prevent_default();
                                        if let Some(el) = document().get_element_by_id(field) {
                                            use wasm_bindgen::JsCast;
                                            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                                let _ = el.focus();
                                            }
                                        }
                                    }>{problem.message}</a>
                                </li>
                            }.into_any(),
                            None => view! { <li>{problem.message}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
