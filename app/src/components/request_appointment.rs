//! "Richiedi appuntamento" beside a thread. The server decides whether it is enabled; when it
//! is not, the action stays visible and focusable (`aria-disabled`) and its reason is joined to
//! it, so a screen reader hears why and from when.

use api::Eligibility;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn RequestAppointment(
    thread_id: i64,
    eligibility: Eligibility,
    /// Read after the label by screen readers, to tell apart the actions of a list.
    #[prop(optional, into)]
    context: Option<String>,
) -> impl IntoView {
    let reason_id = format!("richiedi-{thread_id}-motivo");
    let hidden = context.map(|c| view! { <span class="visually-hidden">" – "{c}</span> });
    if let Some(reference) = eligibility.active_appointment.clone() {
        return view! {
            <p class="request-appointment">
                "Appuntamento "<A href=format!("/appuntamenti/{reference}")>{reference.clone()}</A>
            </p>
        }
        .into_any();
    }
    if eligibility.eligible {
        view! {
            <div class="request-appointment">
                <A href=format!("/comunicazioni/{thread_id}/appuntamento") attr:class="button button--small"
                    attr:aria-describedby=reason_id.clone()>
                    "Richiedi appuntamento"{hidden}
                </A>
                <p class="hint" id=reason_id>{eligibility.reason}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="request-appointment">
                <button type="button" class="button button--small button--disabled" aria-disabled="true"
                    aria-describedby=reason_id.clone()>
                    "Richiedi appuntamento"{hidden}
                </button>
                <p class="hint" id=reason_id>{eligibility.reason}</p>
            </div>
        }
        .into_any()
    }
}
