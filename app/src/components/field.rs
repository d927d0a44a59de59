//! A form field after the GOV.UK pattern: label, optional hint, the error above the control,
//! and the ids that the control joins with `aria-describedby`.

use crate::language::{tr, trs};
use catalogue::t;
use leptos::prelude::*;

/// The ids of the hint and of the error, as `aria-describedby` wants them.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Browsers draw a date field their own way: the format, said once beside each.
pub fn date_hint() -> &'static str {
    trs(t::field_date_hint())
}

#[component]
pub fn FieldGroup(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group--error=move || error.get().is_some()>
            <label class="label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {move || error.get().map(|m| view! {
                <p class="field-error" id=format!("{id}-error")>
                    <span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}
                </p>
            })}
            {children()}
        </div>
    }
}
