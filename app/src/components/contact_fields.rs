//! "Recapito telefonico" and "Note", as Prenota appuntamento and the Lista d'attesa ask for
//! them, kept in the tab while the person moves between the wizard's steps.

use crate::components::error_summary::{field_error, Problem};
use crate::components::field::described_by;
use crate::language::tr;
use catalogue::t;
use leptos::prelude::*;

/// What the user typed in "Recapito e note", kept while they move between the steps, and a
/// message to show on the next step (the slot was taken meanwhile).
#[derive(Clone, Copy)]
pub struct BookingMemory {
    pub phone: RwSignal<String>,
    pub notes: RwSignal<String>,
    pub notice: RwSignal<Option<String>>,
}

impl BookingMemory {
    pub fn new() -> Self {
        BookingMemory {
            // Kept in the tab too: a reload or a session that ends keeps what was typed.
            phone: crate::drafts::kept("prenota.telefono".into()),
            notes: crate::drafts::kept("prenota.note".into()),
            notice: RwSignal::new(None),
        }
    }
}

impl Default for BookingMemory {
    fn default() -> Self {
        Self::new()
    }
}

/// "Recapito telefonico" and "Note", as Prenota and the Lista d'attesa ask for them, kept in
/// `memory` between steps, each with its error from `problems`.
/// `point`: a video appointment's link arrives by SMS, so it asks for a mobile and says so.
#[component]
pub fn ContactFields(
    memory: BookingMemory,
    problems: RwSignal<Vec<Problem>>,
    point: Option<api::PointCode>,
) -> impl IntoView {
    let error = move |field: &'static str| field_error(problems, field);
    let left = move || 500i64 - memory.notes.get().chars().count() as i64;
    // Whose number: an intermediary may give the studio's or the contributor's; a number already
    // there comes from the latest booking.
    let studio =
        expect_context::<crate::session::Session>().role() == Some(api::Role::Intermediario);
    let video = point == Some(api::PointCode::Video);
    let phone_hint = format!(
        "{}{}",
        tr(if video {
            t::phone_hint_video()
        } else if studio {
            t::phone_hint_studio()
        } else {
            t::phone_hint()
        }),
        if memory.phone.get_untracked().is_empty() {
            String::new()
        } else {
            tr(t::phone_hint_remembered())
        }
    );
    view! {
    <div class="form-group" class:form-group--error=move || error("phone").get().is_some()>
        <label class="label" for="phone">{tr(if video { t::phone_label_mobile() } else { t::phone_label() })}</label>
        <p class="hint" id="phone-hint">{phone_hint}</p>
        {move || error("phone").get().map(|m| view! { <p class="field-error" id="phone-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p> })}
        <input class="input input--medium" id="phone" name="phone" type="tel" autocomplete="tel"
            aria-describedby=move || described_by("phone", true, error("phone").get().is_some())
            aria-invalid=move || error("phone").get().map(|_| "true")
            bind:value=memory.phone/>
    </div>
    <div class="form-group" class:form-group--error=move || error("notes").get().is_some()>
        <label class="label" for="notes">{tr(t::notes_label())}</label>
        <p class="hint" id="notes-hint">{tr(t::notes_hint())}</p>
        {move || error("notes").get().map(|m| view! { <p class="field-error" id="notes-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p> })}
        <textarea class="textarea" id="notes" name="notes" rows="3"
            aria-describedby=move || format!("{} notes-count", described_by("notes", true, error("notes").get().is_some()).unwrap_or_default())
            aria-invalid=move || error("notes").get().map(|_| "true")
            bind:value=memory.notes></textarea>
        <p class="hint" id="notes-count" class:field-error=move || left() < 0>
            {move || match left() {
                n if n < 0 => tr(t::notes_over(-n)),
                n => tr(t::notes_left(n)),
            }}
        </p>
    </div>
    }
}
