//! Sposta appuntamento's last step in the booking wizard: the old and the new time side by
//! side, and one button. The earlier steps are the wizard's own, with `Draft::moving` set.

use super::refused;
use crate::booking::{Draft, Step};
use crate::client::{self, ApiError};
use crate::components::contact_fields::BookingMemory;
use crate::components::error_summary::ErrorSummary;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::mail_notice::{Mail, MailNotice};
use crate::components::reference_data::{office_of, point_label_of};
use crate::components::submit::Submission;
use crate::language::{date_with_weekday, time, tr};
use api::calls::{self, Step as Call};
use api::{paths, Appointment, ConsultationPoint, MoveRequest, Office, PointCode, ThreadId};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Sposta appuntamento, last step: the old and the new time side by side, and one button.
#[component]
pub fn MoveStep(
    draft: Draft,
    thread: ThreadId,
    points: LocalResource<Result<Vec<ConsultationPoint>, ApiError>>,
    offices: LocalResource<Result<Vec<Office>, ApiError>>,
    memory: BookingMemory,
) -> impl IntoView {
    let navigate = use_navigate();
    let reference = draft.moving.clone().unwrap_or_default();
    let current = {
        let reference = reference.clone();
        fetch::<Appointment>(move || calls::appointment(&reference))
    };
    let key = StoredValue::new(client::new_key());
    let (point, office_id) = (
        draft.point.unwrap_or(PointCode::Sportello),
        draft.office.unwrap_or_default(),
    );
    let start = draft.start.clone().unwrap_or_default();
    let point_label = move || point_label_of(points, point);
    let office = move || {
        office_of(offices, office_id)
            .map(|o| format!("{}, {}", o.name, o.address))
            .unwrap_or_default()
    };
    let url = calls::appointment_step(&reference, Call::Move);
    let moving = Submission::refusing(
        &[],
        move |body: MoveRequest| {
            let url = url.clone();
            async move { client::post_with_key::<_, Appointment>(&url, &body, &key.get_value()).await }
        },
        move |moved: Appointment| {
            navigate(&paths::appointment(&moved.reference), Default::default());
            None
        },
        refused(key, memory, &draft, thread),
    );
    let submit = {
        let (draft, start) = (draft.clone(), start.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            moving.submit(MoveRequest {
                start: start.clone(),
                office: draft.office,
                point: draft.point.map(Into::into),
                reason: None,
            });
        }
    };
    let pending = moving.pending();
    let new_when = tr(t::when_at(date_with_weekday(&start), time(&start)));
    let new_place = Memo::new(move |_| format!("{} – {}", point_label(), office()));
    let change = draft.href(thread, Step::DateTime);
    view! {
        <PageHeading title=tr(t::wizard_move_heading())/>
        <ErrorSummary problems=moving.problems.into()/>
        <h2 class="step__subtitle">{tr(t::summary())}</h2>
        {when_loaded(current, move |a: Appointment| {
            let old_when = tr(t::when_at(date_with_weekday(&a.starts_at), time(&a.starts_at)));
            let old_place = format!("{} – {}, {}", a.point.label, a.office.name, a.office.address);
            view! {
                <dl class="summary">
                    <div class="summary__row">
                        <dt>{tr(t::move_from())}</dt>
                        <dd>{old_when}<br/>{old_place}</dd>
                    </div>
                    <div class="summary__row">
                        <dt>{tr(t::move_to())}</dt>
                        <dd>{new_when.clone()}<br/>{move || new_place.get()}</dd>
                        <dd class="summary__change"><a href=change.clone()>{tr(t::change())}<span class="visually-hidden">{tr(t::change_what(t::wizard_step_time()))}</span></a></dd>
                    </div>
                </dl>
            }
        })}
        <p>{tr(t::move_explain())}</p>
        <MailNotice mail=Mail::Confirmation/>
        <form class="form narrow" novalidate on:submit=submit>
            <button type="submit" class="button">{move || if pending.get() { tr(t::move_pending()) } else { tr(t::appointment_move()) }}</button>
        </form>
    }
}
