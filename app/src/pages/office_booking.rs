//! Prenota per il contribuente: the operator books, at their own office, for the person at the
//! desk or on the phone: a point, a day with free places, one of its times, the phone and what
//! it is about. Confirmed at once; the contributor gets the confirmation by e-mail.

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{described_by, FieldGroup};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::params;
use crate::components::submit::Submission;
use crate::language::{date_with_weekday, time, tr, trs};
use crate::session::Session;
use api::{
    calls, paths, Appointment, CommunicationDetail, ConsultationPoint, DayAvailability,
    HoldRequest, Office, PointCode, Role,
};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

#[component]
pub fn OfficeBookingPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let Some(office_id) = session
        .info()
        .filter(|_| session.role() == Some(Role::Operatore))
        .and_then(|i| i.user.office_id)
    else {
        return view! { <Redirect path=session.home()/> }.into_any();
    };
    let id = params::thread_id();
    let thread = fetch::<CommunicationDetail>(move || calls::thread(id.get()));
    let offices = fetch::<Vec<Office>>(|| calls::OFFICES.to_string());
    let labels = fetch::<Vec<ConsultationPoint>>(|| calls::POINTS.to_string());
    view! {
        <PageHeading title=tr(t::office_booking_title())/>
        {when_loaded(thread, move |t: CommunicationDetail| {
            let s = t.summary.clone();
            crate::components::heading::set_title(&tr(t::office_booking_for(&t.contributor.name)));
            let lead = view! {
                <p class="lead">{tr(t::office_booking_lead(&t.contributor.name, t.contributor.cf.to_string(), &s.protocol, &s.subject))}</p>
            };
            let body = if let Some(reference) = s.eligibility.active_appointment.clone() {
                view! {
                    <div class="alert alert--info" role="status">
                        <p>{tr(t::office_booking_already(reference.to_string()))}" "
                            <a href=paths::appointment(&reference)>{tr(t::office_booking_open())}</a></p>
                    </div>
                }.into_any()
            } else if s.status == api::CommunicationStatus::Chiusa {
                view! {
                    <div class="alert alert--info" role="status">
                        <p>{tr(t::office_booking_closed())}</p>
                    </div>
                }.into_any()
            } else {
                let points = move || {
                    let offered = offices.get().and_then(Result::ok).unwrap_or_default()
                        .into_iter().find(|o| o.id == office_id).map(|o| o.points).unwrap_or_default();
                    let labels = labels.get().and_then(Result::ok).unwrap_or_default();
                    offered.into_iter().map(|code| {
                        let label = labels.iter().find(|p| p.code == code).map(|p| p.label.clone()).unwrap_or_else(|| code.code().to_string());
                        (code, label)
                    }).collect::<Vec<_>>()
                };
                view! { <BookingForm thread=t.clone() office_id=office_id points=Signal::derive(points)/> }.into_any()
            };
            view! {
                {lead}
                {body}
                <p><a href=paths::thread(s.id)>{tr(t::back_to_thread())}</a></p>
            }
        })}
    }
    .into_any()
}

#[component]
fn BookingForm(
    thread: CommunicationDetail,
    office_id: api::OfficeId,
    points: Signal<Vec<(PointCode, String)>>,
) -> impl IntoView {
    let thread_id = thread.summary.id;
    let point = RwSignal::new(PointCode::Sportello);
    let days =
        fetch::<Vec<DayAvailability>>(move || calls::availability(None, point.get(), office_id));
    let day = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let phone = RwSignal::new(thread.last_phone.clone().unwrap_or_default());
    let notes = RwSignal::new(String::new());
    let shown_day = move || {
        let chosen = day.get();
        let list = days.get().and_then(Result::ok).unwrap_or_default();
        if list.iter().any(|d| d.date == chosen) {
            chosen
        } else {
            list.first().map(|d| d.date.clone()).unwrap_or_default()
        }
    };
    // One key per request: the same request again (a retry after a lost answer) books once;
    // another time after a refusal is another request, with its own key.
    let key = StoredValue::new((None::<HoldRequest>, client::new_key()));
    let key_for = move |body: &HoldRequest| {
        key.update_value(|(last, k)| {
            if last.as_ref() != Some(body) {
                *last = Some(body.clone());
                *k = client::new_key();
            }
        });
        key.with_value(|(_, k)| k.clone())
    };
    let navigate = use_navigate();
    let booking = Submission::new(
        &[
            ("point", "punto"),
            ("start", "orario"),
            ("phone", "phone"),
            ("notes", "notes"),
        ],
        move |body: HoldRequest| {
            let key = key_for(&body);
            async move {
                client::post_with_key::<_, Appointment>(calls::OFFICE_APPOINTMENTS, &body, &key)
                    .await
            }
        },
        move |a: Appointment| {
            navigate(
                &paths::appointment_after(&a.reference, paths::Arrival::BookedByOffice),
                Default::default(),
            );
            None
        },
    );
    let error = move |id: &'static str| booking.error(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        booking.submit(HoldRequest {
            communication_id: thread_id,
            point: point.get_untracked().into(),
            office: office_id,
            start: start.get_untracked(),
            phone: phone.get_untracked(),
            notes: notes.get_untracked(),
        });
    };
    view! {
        <ErrorSummary problems=booking.problems.into()/>
        <form class="form narrow" novalidate on:submit=submit>
            <FieldGroup id="punto" label=trs(t::label_point()) hint=trs(t::office_booking_point_hint()) error=error("punto")>
                <select class="select" id="punto" aria-describedby="punto-hint"
                    on:change=move |ev| {
                        if let Some(code) = PointCode::from_code(&event_target_value(&ev)) {
                            point.set(code);
                            day.set(String::new());
                            start.set(String::new());
                        }
                    }>
                    {move || points.get().into_iter().map(|(code, label)| view! {
                        <option value=code.code() selected=move || point.get() == code>{label}</option>
                    }).collect_view()}
                </select>
            </FieldGroup>
            // A day first, then its free times: never one list of eighty.
            <FieldGroup id="giorno" label=trs(t::agenda_day()) hint=trs(t::office_move_days_hint()) error=Signal::derive(|| None::<String>)>
                <select class="select" id="giorno" aria-describedby="giorno-hint"
                    on:change=move |ev| { day.set(event_target_value(&ev)); start.set(String::new()); }>
                    {move || days.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|d| {
                        let label = date_with_weekday(&format!("{}T12:00:00+01:00", d.date));
                        let date = d.date.clone();
                        view! { <option value=d.date.clone() selected=move || shown_day() == date>{label}</option> }
                    }).collect_view()}
                </select>
            </FieldGroup>
            <FieldGroup id="orario" label=trs(t::office_booking_time()) hint=trs(t::office_move_times_hint()) error=error("orario")>
                <select class="select" id="orario"
                    aria-describedby=move || described_by("orario", true, error("orario").get().is_some())
                    aria-invalid=move || error("orario").get().map(|_| "true")
                    prop:value=move || start.get()
                    on:change=move |ev| start.set(event_target_value(&ev))>
                    <option value="">{tr(t::office_move_choose_time())}</option>
                    {move || {
                        let chosen = shown_day();
                        days.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            .filter(|d| d.date == chosen)
                            .flat_map(|d| d.slots.into_iter())
                            .map(|s| view! { <option value=s.start.clone()>{tr(t::office_booking_slot(s.free, time(&s.start)))}</option> })
                            .collect_view()
                    }}
                </select>
            </FieldGroup>
            <FieldGroup id="phone" label=trs(t::office_booking_phone())
                hint=trs(t::office_booking_phone_hint())
                error=error("phone")>
                <input class="input input--medium" id="phone" type="tel" autocomplete="off"
                    aria-describedby=move || described_by("phone", true, error("phone").get().is_some())
                    aria-invalid=move || error("phone").get().map(|_| "true")
                    bind:value=phone/>
            </FieldGroup>
            <FieldGroup id="notes" label=trs(t::agenda_col_notes()) hint=trs(t::office_booking_notes_hint()) error=error("notes")>
                <textarea class="textarea" id="notes" rows="3" maxlength="500"
                    aria-describedby=move || described_by("notes", true, error("notes").get().is_some())
                    aria-invalid=move || error("notes").get().map(|_| "true")
                    bind:value=notes></textarea>
            </FieldGroup>
            <button type="submit" class="button">{tr(t::office_booking_submit())}</button>
        </form>
    }
}
