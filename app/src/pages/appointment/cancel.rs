//! tr(t::cancel_button()): the button, its confirmation dialog with the reason, and, past the
//! cut-off, why it is no longer possible online and whom to call.

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{described_by, FieldGroup};
use crate::components::submit::Submission;
use crate::language::{date_with_weekday, time, tr, trs};
use api::calls::{self, Step as Call};
use api::{Appointment, CancelRequest};
use catalogue::t;
use leptos::html;
use leptos::prelude::*;

/// tr(t::cancel_button()) while allowed, with its confirmation dialog; past the cut-off, why not
/// and whom to call instead.
#[component]
pub fn CancelSection(
    appointment: Appointment,
    current: RwSignal<Option<Appointment>>,
) -> impl IntoView {
    let by_office = appointment.viewed_by_office;
    let a = appointment;
    if !a.can_cancel {
        return a
            .cancel_until
            .clone()
            .map(|until| {
                view! {
                    <h2>{tr(t::cancel_title())}</h2>
                    <div class="alert alert--info">
                        <p>{tr(t::cancel_online_over(date_with_weekday(&until), time(&until)))}</p>
                    </div>
                }
            })
            .into_any();
    }
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let first = NodeRef::<html::Textarea>::new();
    let last = NodeRef::<html::Button>::new();
    let reason = crate::drafts::kept(format!("annulla.{}", a.reference));
    let url = calls::appointment_step(&a.reference, Call::Cancel);
    let cancelling = Submission::new(
        &[("reason", "motivo")],
        move |body: CancelRequest| {
            let url = url.clone();
            async move { client::post::<_, Appointment>(&url, &body).await }
        },
        move |updated: Appointment| {
            if let Some(d) = dialog.get_untracked() {
                d.close();
            }
            reason.set(String::new());
            current.set(Some(updated));
            None
        },
    );
    let error = cancelling.error("motivo");
    let open = move |_| {
        cancelling.problems.set(Vec::new());
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    // However the dialog closes (button or Escape), the focus goes back to what opened it.
    let closed = move |_| {
        if let Some(b) = opener.get() {
            let _ = b.focus();
        }
    };
    // The modal already makes the page behind it inert; this keeps Tab from leaving for the
    // browser's own controls, so the focus cycles inside the dialog.
    let trap = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let active = document().active_element();
        let (Some(first), Some(last)) = (first.get(), last.get()) else {
            return;
        };
        let is = |el: &web_sys::Element| active.as_ref() == Some(el);
        if ev.shift_key() && is(&first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && is(&last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };
    let confirm = move |_| {
        cancelling.submit(CancelRequest {
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        });
    };
    let until = a.cancel_until.clone().unwrap_or_default();
    view! {
        <h2>{tr(t::cancel_title())}</h2>
        <p>{if by_office {
            tr(t::cancel_office_explain())
        } else {
            tr(t::cancel_explain(date_with_weekday(&until), time(&until)))
        }}</p>
        <p class="no-print"><button type="button" class="button button--danger" node_ref=opener on:click=open aria-haspopup="dialog">{tr(t::cancel_button())}</button></p>
        <dialog class="dialog" node_ref=dialog aria-labelledby="annulla-titolo" aria-describedby="annulla-descrizione" on:close=closed on:keydown=trap>
            // The question takes the focus, not the reason: on a phone the keyboard would
            // open over "Sì, annulla". Tab leads to the reason.
            <h2 class="dialog__title" id="annulla-titolo" tabindex="-1" autofocus=true>{tr(t::cancel_question())}</h2>
            <p id="annulla-descrizione">{tr(t::cancel_describe(a.reference.as_str(), date_with_weekday(&a.starts_at), time(&a.starts_at), &a.office.name))}</p>
            // The reason's error stands beside it; what concerns no field, here.
            <ErrorSummary problems=cancelling.general()/>
            <FieldGroup id="motivo" label=if by_office { trs(t::cancel_reason_required()) } else { trs(t::cancel_reason_optional()) } hint=trs(t::cancel_reason_hint()) error=error>
                <textarea class="textarea" id="motivo" name="motivo" rows="3" maxlength="500" node_ref=first
                    aria-describedby=move || described_by("motivo", true, error.get().is_some())
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </FieldGroup>
            <div class="actions">
                <button type="button" class="button button--danger" on:click=confirm>{tr(t::cancel_yes())}</button>
                <button type="button" class="button button--secondary" node_ref=last on:click=close>{tr(t::cancel_no())}</button>
            </div>
        </dialog>
    }
    .into_any()
}
