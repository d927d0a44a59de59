//! An appointment as an operator of its office sees it: what the office may do now (record
//! whether it took place, move it, cancel it with a reason), the details and the timeline.

use super::cancel::CancelSection;
use super::{moved_last, Details, Timeline};
use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{described_by, FieldGroup};
use crate::components::heading::PageHeading;
use crate::components::loaded::fetch;
use crate::components::submit::Submission;
use crate::language::{date_with_weekday, time, tr, trs};
use api::calls::{self, Step as Call};
use api::{paths, Appointment, AppointmentStatus, Attendance};
use catalogue::t;
use leptos::prelude::*;

/// An operator of the office: the details, then what the office may do now (record whether
/// it took place, or cancel it with a reason), and the timeline.
#[component]
pub fn OfficeView(
    appointment: Appointment,
    current: RwSignal<Option<Appointment>>,
) -> impl IntoView {
    let a = appointment;
    let booked_here = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("esito")
        .and_then(|e| paths::Arrival::from_code(&e))
        == Some(paths::Arrival::BookedByOffice);
    let corrected = a
        .timeline
        .last()
        .is_some_and(|e| e.kind == api::EventKind::PresenzaCorretta);
    let outcome = match a.status {
        AppointmentStatus::Svolto | AppointmentStatus::NonPresentato if corrected => Some(tr(
            t::office_attendance_corrected(a.reference.to_string(), a.status.label()),
        )),
        AppointmentStatus::Svolto => Some(tr(t::office_attendance_held(a.reference.to_string()))),
        AppointmentStatus::NonPresentato => {
            Some(tr(t::office_attendance_no_show(a.reference.to_string())))
        }
        // Not "the time is free again": after a closure it is not, and a freed place may
        // go to the Lista d'attesa first.
        AppointmentStatus::Annullato => Some(tr(t::office_cancelled(a.reference.to_string()))),
        AppointmentStatus::Confermato if booked_here && !moved_last(&a) => {
            Some(tr(t::office_booked(
                a.reference.to_string(),
                &a.contributor.name,
                date_with_weekday(&a.starts_at),
                time(&a.starts_at),
            )))
        }
        AppointmentStatus::Confermato if moved_last(&a) => Some(tr(t::office_moved(
            a.reference.to_string(),
            date_with_weekday(&a.starts_at),
            time(&a.starts_at),
        ))),
        _ => None,
    };
    let day = a.starts_at.get(..10).unwrap_or_default().to_string();
    view! {
        <PageHeading title=tr(t::office_appointment_title(a.reference.to_string()))/>
        <p class="lead">{tr(t::office_appointment_lead(&a.contributor.name, date_with_weekday(&a.starts_at), time(&a.starts_at)))}</p>
        {outcome.map(|m| view! { <div class="alert alert--success" role="status"><p>{m}</p></div> })}
        // The operator joins the same room as the contributor, whenever they open it.
        {a.video_link.clone().map(|link| view! {
            <p><a class="button" href=link target="_blank" rel="noopener external">{tr(t::agenda_video_join())}</a></p>
        })}
        <Details appointment=a.clone()/>
        {a.can_record_attendance.then(|| view! { <AttendanceForm appointment=a.clone() current=current/> })}
        {a.can_correct_attendance.then(|| view! { <CorrectionForm appointment=a.clone() current=current/> })}
        {a.can_move.then(|| view! { <OfficeMoveForm appointment=a.clone() current=current/> })}
        {a.can_cancel.then(|| view! { <CancelSection appointment=a.clone() current=current/> })}
        <p class="no-print actions">
            <a href=paths::office_day(&day)>{tr(t::office_back_to_agenda())}</a>
            <a href=paths::office_contributor(&a.contributor.cf)>{tr(t::office_contributor_file())}</a>
        </p>
        <Timeline appointment=a.clone()/>
    }
}

/// The office moves an appointment to another free time of the same point, with the reason
/// the contributor will read (e.g. before declaring a closure).
#[component]
fn OfficeMoveForm(
    appointment: Appointment,
    current: RwSignal<Option<Appointment>>,
) -> impl IntoView {
    let a = appointment;
    // Any point of the office: a desk appointment may become a call-back, and back.
    let point = RwSignal::new(a.point.code);
    let office = a.office.id;
    let offices = fetch::<Vec<api::Office>>(|| calls::OFFICES.to_string());
    let labels = fetch::<Vec<api::ConsultationPoint>>(|| calls::POINTS.to_string());
    let points = move || {
        let offered = offices
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .find(|o| o.id == office)
            .map(|o| o.points)
            .unwrap_or_default();
        let labels = labels.get().and_then(Result::ok).unwrap_or_default();
        labels
            .into_iter()
            .filter(|p| offered.contains(&p.code))
            .collect::<Vec<_>>()
    };
    let days =
        fetch::<Vec<api::DayAvailability>>(move || calls::availability(None, point.get(), office));
    let original_point = a.point.code;
    let start = RwSignal::new(String::new());
    // The day whose times are listed: the one chosen, else the first with free times.
    let day = RwSignal::new(String::new());
    let shown_day = move || {
        let chosen = day.get();
        if chosen.is_empty() {
            days.get()
                .and_then(Result::ok)
                .and_then(|list| list.first().map(|d| d.date.clone()))
                .unwrap_or_default()
        } else {
            chosen
        }
    };
    let reason = RwSignal::new(String::new());
    let now_at = a.starts_at.clone();
    let url = calls::appointment_step(&a.reference, Call::Move);
    let moving = Submission::new(
        &[
            ("point", "nuovo-punto"),
            ("start", "nuovo-orario"),
            ("reason", "motivo-spostamento"),
        ],
        move |body: api::MoveRequest| {
            let url = url.clone();
            async move { client::post_with_key::<_, Appointment>(&url, &body, &client::new_key()).await }
        },
        move |updated: Appointment| {
            current.set(Some(updated));
            None
        },
    );
    let error = move |id: &'static str| moving.error(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = point.get_untracked();
        moving.submit(api::MoveRequest {
            start: start.get_untracked(),
            office: None,
            point: (chosen != original_point).then(|| chosen.into()),
            reason: Some(reason.get_untracked()),
        });
    };
    view! {
        <section class="office-move no-print" aria-labelledby="sposta-titolo">
            <h2 id="sposta-titolo">{tr(t::office_move_title())}</h2>
            <p>{tr(t::office_move_lead())}</p>
            <ErrorSummary problems=moving.problems.into()/>
            <form class="form narrow" novalidate on:submit=submit>
                <FieldGroup id="nuovo-punto" label=trs(t::label_point()) error=error("nuovo-punto")>
                    <select class="select" id="nuovo-punto"
                        on:change=move |ev| {
                            if let Some(code) = api::PointCode::from_code(&event_target_value(&ev)) {
                                point.set(code);
                                day.set(String::new());
                                start.set(String::new());
                            }
                        }>
                        {move || points().into_iter().map(|p| {
                            let code = p.code;
                            view! { <option value=code.code() selected=move || point.get() == code>{p.label}</option> }
                        }).collect_view()}
                    </select>
                </FieldGroup>
                // A day first, then its free times: never one list of eighty.
                <FieldGroup id="nuovo-giorno" label=trs(t::agenda_day()) hint=trs(t::office_move_days_hint()) error=Signal::derive(|| None::<String>)>
                    <select class="select" id="nuovo-giorno" aria-describedby="nuovo-giorno-hint"
                        on:change=move |ev| { day.set(event_target_value(&ev)); start.set(String::new()); }>
                        {move || days.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|d| {
                            let label = date_with_weekday(&format!("{}T00:00:00+01:00", d.date));
                            let date = d.date.clone();
                            view! { <option value=d.date.clone() selected=move || shown_day() == date>{label}</option> }
                        }).collect_view()}
                    </select>
                </FieldGroup>
                <FieldGroup id="nuovo-orario" label=trs(t::office_move_new_time()) hint=trs(t::office_move_times_hint()) error=error("nuovo-orario")>
                    <select class="select" id="nuovo-orario"
                        aria-describedby=move || described_by("nuovo-orario", true, error("nuovo-orario").get().is_some())
                        aria-invalid=move || error("nuovo-orario").get().map(|_| "true")
                        prop:value=move || start.get()
                        on:change=move |ev| start.set(event_target_value(&ev))>
                        <option value="">{tr(t::office_move_choose_time())}</option>
                        {move || {
                            let now_at = now_at.clone();
                            let chosen = shown_day();
                            days.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                .filter(|d| d.date == chosen)
                                .flat_map(|d| d.slots.into_iter())
                                .filter(|s| s.start != now_at || point.get() != original_point)
                                .map(|s| view! { <option value=s.start.clone()>{tr(t::office_move_at(time(&s.start)))}</option> })
                                .collect_view()
                        }}
                    </select>
                </FieldGroup>
                <FieldGroup id="motivo-spostamento" label=trs(t::office_move_reason()) hint=trs(t::office_move_reason_hint()) error=error("motivo-spostamento")>
                    <textarea class="textarea" id="motivo-spostamento" rows="3" maxlength="500"
                        aria-describedby=move || described_by("motivo-spostamento", true, error("motivo-spostamento").get().is_some())
                        aria-invalid=move || error("motivo-spostamento").get().map(|_| "true")
                        bind:value=reason></textarea>
                </FieldGroup>
                <button type="submit" class="button">{tr(t::office_move_title())}</button>
            </form>
        </section>
    }
}

/// "Svolto" or "Non presentato", with the optional "Esito dell'incontro".
#[component]
fn AttendanceForm(
    appointment: Appointment,
    current: RwSignal<Option<Appointment>>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Attendance>);
    let text = RwSignal::new(String::new());
    let url = calls::appointment_step(&appointment.reference, Call::Attendance);
    let recording = Submission::new(
        &[("outcome", "presenza"), ("text", "esito")],
        move |body: api::AttendanceRequest| {
            let url = url.clone();
            async move { client::post::<_, Appointment>(&url, &body).await }
        },
        move |updated: Appointment| {
            current.set(Some(updated));
            None
        },
    );
    let error = move |id: &'static str| recording.error(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        recording.submit(api::AttendanceRequest {
            outcome: outcome.get_untracked().map(Into::into).unwrap_or_default(),
            // The esito is for an appointment that took place: a no-show sends none.
            text: Some(text.get_untracked())
                .filter(|t| !t.trim().is_empty())
                .filter(|_| outcome.get_untracked() != Some(Attendance::NonPresentato)),
        });
    };
    let choice = |code: Attendance| {
        let id = format!("presenza-{}", code.code());
        view! {
            <div class="radio">
                <input type="radio" id=id.clone() name="presenza" value=code.code()
                    on:change=move |_| outcome.set(Some(code))/>
                <label for=id>{tr(code.label())}</label>
            </div>
        }
    };
    view! {
        <section class="attendance no-print" aria-labelledby="presenza-titolo">
            <h2 id="presenza-titolo">{tr(t::office_attendance_title())}</h2>
            <ErrorSummary problems=recording.problems.into()/>
            <form class="form narrow" novalidate on:submit=submit>
                <div class="form-group" class:form-group--error=move || error("presenza").get().is_some()>
                    <fieldset class="fieldset" aria-describedby=move || described_by("presenza", false, error("presenza").get().is_some())>
                        <legend class="label">{tr(t::office_attendance_legend())}</legend>
                        {move || error("presenza").get().map(|m| view! {
                            <p class="field-error" id="presenza-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                        })}
                        {choice(Attendance::Svolto)}
                        {choice(Attendance::NonPresentato)}
                    </fieldset>
                </div>
                // Only for an appointment that took place: a no-show has no esito to write.
                <Show when=move || outcome.get() != Some(Attendance::NonPresentato)>
                    <FieldGroup id="esito" label=trs(t::office_meeting_outcome()) hint=trs(t::office_meeting_outcome_hint()) error=error("esito")>
                        <textarea class="textarea" id="esito" rows="5" maxlength="2000"
                            aria-describedby=move || described_by("esito", true, error("esito").get().is_some())
                            aria-invalid=move || error("esito").get().map(|_| "true")
                            bind:value=text></textarea>
                    </FieldGroup>
                </Show>
                <button type="submit" class="button">{tr(t::office_attendance_title())}</button>
            </form>
        </section>
    }
}

/// Correggi la presenza: within a day of recording it, the other outcome (and, for Svolto, the
/// esito the contributor will read).
#[component]
fn CorrectionForm(
    appointment: Appointment,
    current: RwSignal<Option<Appointment>>,
) -> impl IntoView {
    let to = if appointment.status == AppointmentStatus::Svolto {
        Attendance::NonPresentato
    } else {
        Attendance::Svolto
    };
    let text = RwSignal::new(String::new());
    let url = calls::appointment_step(&appointment.reference, Call::AttendanceCorrection);
    let correcting = Submission::new(
        &[
            ("outcome", "correzione-esito"),
            ("text", "correzione-esito"),
        ],
        move |body: api::AttendanceRequest| {
            let url = url.clone();
            async move { client::post::<_, Appointment>(&url, &body).await }
        },
        move |updated: Appointment| {
            current.set(Some(updated));
            None
        },
    );
    let error = move |id: &'static str| correcting.error(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        correcting.submit(api::AttendanceRequest {
            outcome: to.into(),
            text: Some(text.get_untracked())
                .filter(|t| !t.trim().is_empty() && to == Attendance::Svolto),
        });
    };
    view! {
        <section class="attendance no-print" aria-labelledby="correzione-titolo">
            <h2 id="correzione-titolo">{tr(t::office_correct_title())}</h2>
            <p>{tr(t::office_correct_lead(appointment.status.label(), to.label()))}</p>
            <ErrorSummary problems=correcting.problems.into()/>
            <form class="form narrow" novalidate on:submit=submit>
                {(to == Attendance::Svolto).then(|| view! {
                    <FieldGroup id="correzione-esito" label=trs(t::office_meeting_outcome()) hint=trs(t::office_meeting_outcome_hint_short()) error=error("correzione-esito")>
                        <textarea class="textarea" id="correzione-esito" rows="4" maxlength="2000"
                            aria-describedby=move || described_by("correzione-esito", true, error("correzione-esito").get().is_some())
                            aria-invalid=move || error("correzione-esito").get().map(|_| "true")
                            bind:value=text></textarea>
                    </FieldGroup>
                })}
                <button type="submit" class="button button--secondary">{tr(t::office_correct_to(to.label()))}</button>
            </form>
        </section>
    }
}
