//! The GOV.UK error summary: a titled box at the top of a form, focused when it appears, with
//! one link per problem that moves the focus to the field.

use crate::language::tr;
use catalogue::t;
use leptos::html;
use leptos::prelude::*;

/// One problem: the id of the field it concerns (None for the form as a whole) and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub field: Option<&'static str>,
    pub message: String,
}

/// The message for the control `id`, if any.
pub fn message_for(problems: &[Problem], id: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| p.field == Some(id))
        .map(|p| p.message.clone())
}

/// The same, following the list as it changes.
pub fn field_error(problems: RwSignal<Vec<Problem>>, id: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || problems.with(|list| message_for(list, id)))
}

thread_local! {
    static SUMMARIES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[component]
pub fn ErrorSummary(problems: Signal<Vec<Problem>>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    // Several forms of a page may each have one: their titles need ids of their own.
    let title = SUMMARIES.with(|n| {
        n.set(n.get() + 1);
        format!("error-summary-title-{}", n.get())
    });
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
                <div class="error-summary" role="alert" aria-labelledby=title.clone()
                    tabindex="-1" node_ref=summary>
                    <h2 id=title.clone() class="error-summary__title">{tr(t::error_summary_title())}</h2>
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
