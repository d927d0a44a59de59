//! Sposta appuntamento's last step in the booking wizard: the old and the new time side by
//! side, and one button. The earlier steps are the wizard's own, with `Draft::moving` set.

use super::booking::{new_key, office_of, point_label_of, BookingMemory};
use crate::booking::{Draft, Step};
use crate::client;
use crate::components::error_summary::{ErrorSummary, Problem};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::mail_notice::{Mail, MailNotice};
use api::{it, Appointment, ConsultationPoint, MoveRequest, Office};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Sposta appuntamento, last step: the old and the new time side by side, and one button.
#[component]
pub fn MoveStep(
    draft: Draft,
    base: String,
    points: LocalResource<Result<Vec<ConsultationPoint>, client::ApiError>>,
    offices: LocalResource<Result<Vec<Office>, client::ApiError>>,
    memory: BookingMemory,
) -> impl IntoView {
    let navigate = use_navigate();
    let reference = draft.moving.clone().unwrap_or_default();
    let current = {
        let reference = reference.clone();
        fetch::<Appointment>(move || format!("/api/appointments/{reference}"))
    };
    let problems = RwSignal::new(Vec::<Problem>::new());
    let pending = RwSignal::new(false);
    let key = StoredValue::new(new_key());
    let point_code = draft.point.clone().unwrap_or_default();
    let office_id = draft.office.unwrap_or_default();
    let start = draft.start.clone().unwrap_or_default();
    let point_label = move || point_label_of(points, &point_code);
    let office = move || {
        office_of(offices, office_id)
            .map(|o| format!("{}, {}", o.name, o.address))
            .unwrap_or_default()
    };
    let submit = {
        let draft = draft.clone();
        let base = base.clone();
        let start = start.clone();
        let reference = reference.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if pending.get_untracked() {
                return;
            }
            pending.set(true);
            let body = MoveRequest {
                start: start.clone(),
                office: draft.office,
                point: draft.point.clone(),
                reason: None,
            };
            let navigate = navigate.clone();
            let retry = Draft {
                start: None,
                ..draft.clone()
            }
            .href(&base, Step::DateTime);
            let path = format!("/api/appointments/{reference}/move");
            leptos::task::spawn_local(async move {
                match client::post_with_key::<_, Appointment>(&path, &body, &key.get_value()).await
                {
                    Ok(moved) => navigate(
                        &format!("/appuntamenti/{}", moved.reference),
                        Default::default(),
                    ),
                    Err(e) => {
                        key.set_value(new_key());
                        if e.code == "slot_unavailable" {
                            memory.notice.set(Some(e.message));
                            navigate(&retry, Default::default());
                        } else {
                            problems.set(vec![Problem {
                                field: None,
                                message: e.message,
                            }]);
                        }
                    }
                }
                pending.set(false);
            });
        }
    };
    let new_when = format!(
        "{}, ore {}",
        it::date_with_weekday(&start),
        it::time(&start)
    );
    let new_place = Memo::new(move |_| format!("{} – {}", point_label(), office()));
    let change = draft.href(&base, Step::DateTime);
    view! {
        <PageHeading title="Passo 4 di 4: Conferma lo spostamento"/>
        <ErrorSummary problems=problems.into()/>
        <h2 class="step__subtitle">"Riepilogo"</h2>
        {when_loaded(current, move |a: Appointment| {
            let old_when = format!("{}, ore {}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at));
            let old_place = format!("{} – {}, {}", a.point.label, a.office.name, a.office.address);
            view! {
                <dl class="summary">
                    <div class="summary__row">
                        <dt>"Da"</dt>
                        <dd>{old_when}<br/>{old_place}</dd>
                    </div>
                    <div class="summary__row">
                        <dt>"A"</dt>
                        <dd>{new_when.clone()}<br/>{move || new_place.get()}</dd>
                        <dd class="summary__change"><a href=change.clone()>"Modifica"<span class="visually-hidden">" data e ora"</span></a></dd>
                    </div>
                </dl>
            }
        })}
        <p>"L'identificativo resta lo stesso. Il vecchio orario torna disponibile per altri solo quando il nuovo è tuo."</p>
        <MailNotice mail=Mail::Confirmation/>
        <form class="form narrow" novalidate on:submit=submit>
            <button type="submit" class="button">{move || if pending.get() { "Spostamento in corso…" } else { "Sposta appuntamento" }}</button>
        </form>
    }
}
