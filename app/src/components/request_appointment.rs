//! tr(t::request_appointment()) beside a thread. The server decides whether it is enabled; when it
//! is not, the thread's page keeps the action visible and focusable (`aria-disabled`) with its
//! reason joined to it, so a screen reader hears why and from when; a list shows the reason as
//! text, without a control to Tab through.

use crate::language::tr;
use api::{paths, Eligibility, ThreadId};
use catalogue::t;
use leptos::prelude::*;

#[component]
pub fn RequestAppointment(
    thread_id: ThreadId,
    eligibility: Eligibility,
    /// Read after the label by screen readers, to tell apart the actions of a list.
    #[prop(optional, into)]
    context: Option<String>,
) -> impl IntoView {
    let reason_id = format!("richiedi-{thread_id}-motivo");
    // A list names each action by its thread; the thread's own page does not.
    let in_list = context.is_some();
    let hidden = context.map(|c| view! { <span class="visually-hidden">" – "{c}</span> });
    if let Some(reference) = eligibility.active_appointment.clone() {
        return view! {
            <p class="request-appointment">
                {tr(t::appointment_prefix())}<a href=paths::appointment(&reference)>{reference.to_string()}</a>
            </p>
        }
        .into_any();
    }
    if eligibility.eligible {
        view! {
            <div class="request-appointment">
                <a href=paths::booking(thread_id) class="button button--secondary button--small"
                    aria-describedby=reason_id.clone()>
                    {tr(t::request_appointment())}{hidden}
                </a>
                <p class="hint" id=reason_id>{eligibility.reason}</p>
            </div>
        }
        .into_any()
    } else {
        // Past the limit of active appointments: the way to free one.
        let manage = eligibility.limit_reached.then(|| {
            view! { <p class="hint"><a href=paths::APPOINTMENTS>{tr(t::request_go_appointments())}</a></p> }
        });
        if in_list {
            // In a list, not a control: a row of disabled buttons would cost a Tab each.
            return view! {
                <div class="request-appointment">
                    <p class="request-appointment__off">{tr(t::request_not_yet())}</p>
                    <p class="hint">{eligibility.reason}</p>
                    {manage}
                </div>
            }
            .into_any();
        }
        view! {
            <div class="request-appointment">
                <button type="button" class="button button--small button--disabled" aria-disabled="true"
                    aria-describedby=reason_id.clone()>
                    {tr(t::request_appointment())}{hidden}
                </button>
                <p class="hint" id=reason_id>{eligibility.reason}</p>
                {manage}
            </div>
        }
        .into_any()
    }
}
