//! One appointment: while held, tr(t::hold_confirm()) or tr(t::hold_release()) with the time
//! left (and tr(t::hold_extend()) before it runs out); once confirmed, everything needed to attend it and
//! "Annulla appuntamento" until the cut-off; always its details and the timeline of its changes.

mod cancel;
mod office;

use crate::client::{self, ApiError};
use crate::components::error_summary::ErrorSummary;
use crate::components::heading::PageHeading;
use crate::components::loaded::{failure, fetch};
use crate::components::mail_notice::{Mail, MailNotice};
use crate::components::params;
use crate::components::rating::Rating;
use crate::components::submit::Submission;
use crate::language::{date_with_weekday, time, tr, trs};
use api::calls::{self, Step as Call};
use api::{it, paths, Appointment, AppointmentStatus, EventKind, PointCode};
use cancel::CancelSection;
use catalogue::t;
use leptos::prelude::*;
use std::time::Duration;

/// Seconds until `instant` (RFC 3339), by the browser's clock.
fn seconds_until(instant: &str) -> i64 {
    ((js_sys::Date::parse(instant) - js_sys::Date::now()) / 1000.0).ceil() as i64
}

/// Whether the last change was a move: the page says so, with the new time.
fn moved_last(a: &Appointment) -> bool {
    a.timeline
        .last()
        .is_some_and(|e| e.kind == EventKind::Spostato)
}

fn what_to_bring(a: &Appointment) -> String {
    match a.point.code {
        PointCode::Sportello => tr(t::bring_sportello(
            &a.office.name,
            &a.office.address,
            &a.protocol,
        )),
        PointCode::Telefono => tr(t::bring_telefono(
            &a.office.name,
            it::phone(&a.phone),
            &a.protocol,
        )),
        PointCode::Video => tr(t::bring_video(
            &a.office.name,
            it::phone(&a.phone),
            &a.protocol,
        )),
    }
}

/// "08:30" fifteen minutes earlier: "08:15".
fn fifteen_before(hhmm: &str) -> String {
    let (h, m) = hhmm.split_once(':').unwrap_or(("0", "0"));
    let minutes = (h.parse::<i64>().unwrap_or(0) * 60 + m.parse::<i64>().unwrap_or(0) - 15)
        .rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A confirmed videochiamata's room: its link from 15 minutes before the start (the page opens
/// it by itself when the time comes, and says so), and before that when it will appear.
#[component]
fn VideoRoom(link: String, starts_at: String) -> impl IntoView {
    let opens = js_sys::Date::parse(&starts_at) - 15.0 * 60_000.0;
    let open = RwSignal::new(js_sys::Date::now() >= opens);
    let wait = opens - js_sys::Date::now();
    if wait > 0.0 && wait < 2_000_000_000.0 {
        set_timeout(
            move || open.set(true),
            Duration::from_millis(wait as u64 + 500),
        );
    }
    let from = fifteen_before(&time(&starts_at));
    let day = date_with_weekday(&starts_at);
    view! {
        <section class="video-room" aria-labelledby="video-title">
            <h2 id="video-title">{tr(t::video_title())}</h2>
            <div role="status">
                {move || if open.get() {
                    view! {
                        <p>{tr(t::video_open())}</p>
                        <p><a class="button" href=link.clone() target="_blank" rel="noopener">{tr(t::video_join())}</a></p>
                    }.into_any()
                } else {
                    view! { <p>{tr(t::video_opens(day.clone(), from.clone()))}</p> }.into_any()
                }}
            </div>
        </section>
    }
}

/// Valuta il servizio, when the person may rate this appointment now.
fn rating(a: &Appointment) -> impl IntoView {
    a.rating_due.map(|occasion| {
        view! { <Rating occasion=occasion url=calls::appointment_rating(&a.reference)/> }
    })
}

#[component]
pub(super) fn Details(appointment: Appointment) -> impl IntoView {
    let a = appointment;
    view! {
        <dl class="summary">
            <div class="summary__row"><dt>{tr(t::label_reference())}</dt><dd><strong>{a.reference.to_string()}</strong></dd></div>
            <div class="summary__row"><dt>{tr(t::label_status())}</dt><dd><crate::components::status::AppointmentTag status=a.status cancelled_by_office=a.cancelled_by_office ends_at=a.ends_at.clone()/></dd></div>
            <div class="summary__row"><dt>{tr(t::wizard_step_time())}</dt><dd>{tr(t::when_span(date_with_weekday(&a.starts_at), time(&a.starts_at), time(&a.ends_at)))}</dd></div>
            <div class="summary__row"><dt>{tr(t::label_point())}</dt><dd>{a.point.label.clone()}</dd></div>
            <div class="summary__row"><dt>{tr(t::label_office())}</dt><dd>{format!("{}, {}", a.office.name, a.office.address)}</dd></div>
            <div class="summary__row"><dt>{tr(t::label_topic())}</dt><dd>{a.topic.label.clone()}</dd></div>
            <div class="summary__row"><dt>{tr(t::label_thread())}</dt><dd><a href=paths::thread(a.communication_id)>{format!("{} – {}", a.protocol, a.subject)}</a></dd></div>
            <div class="summary__row"><dt>{tr(t::label_contributor())}</dt><dd>{format!("{} ({})", a.contributor.name, a.contributor.cf)}</dd></div>
            <div class="summary__row"><dt>{tr(t::phone_label())}</dt><dd>{it::phone(&a.phone)}</dd></div>
            <div class="summary__row"><dt>{tr(t::notes_label())}</dt><dd class="message__text">{a.notes.clone()}</dd></div>
            <div class="summary__row"><dt>{tr(t::label_booked_by())}</dt><dd>{a.booked_by.clone()}</dd></div>
            {a.cancel_reason.clone().map(|r| view! {
                <div class="summary__row"><dt>{tr(t::label_cancel_reason())}</dt><dd class="message__text">{r}</dd></div>
            })}
        </dl>
    }
}

/// Who did what and when, oldest first.
#[component]
pub(super) fn Timeline(appointment: Appointment) -> impl IntoView {
    view! {
        <h2 id="storia">{tr(t::appointment_history())}</h2>
        <ol class="timeline" aria-labelledby="storia">
            {appointment.timeline.into_iter().map(|e| {
                // A note is a reason, an esito, or (a move) says itself what it is.
                let prefix = match e.kind {
                    EventKind::Annullato | EventKind::PrenotazioneCancellata => trs(t::note_reason()),
                    EventKind::Svolto => trs(t::note_outcome()),
                    _ => "",
                };
                view! {
                <li class="timeline__item">
                    <span class="timeline__when">{tr(t::when_at(date_with_weekday(&e.at), time(&e.at)))}</span>
                    <span class="timeline__what">{e.label}</span>
                    {format!(" – {}", e.actor)}
                    {e.note.map(|n| view! { <br/><span class="message__text">{format!("{prefix}{n}")}</span> })}
                </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let reference = params::reference();
    let loaded = fetch::<Appointment>(move || calls::appointment(&reference.get()));
    let current = RwSignal::new(None::<Appointment>);
    let expired = RwSignal::new(false);
    let seconds_left = RwSignal::new(i64::MAX);
    let warning = Memo::new(move |_| seconds_left.get() <= 120);
    Effect::new(move |_| {
        if let Some(Ok(a)) = loaded.get() {
            current.set(Some(a));
        }
    });

    if let Ok(handle) = set_interval_with_handle(
        move || {
            let left = current.with_untracked(|a| {
                a.as_ref()
                    .filter(|a| a.status == AppointmentStatus::Prenotato)
                    .and_then(|a| a.hold_expires_at.as_deref().map(seconds_until))
            });
            match left {
                Some(s) if s <= 0 => expired.set(true),
                Some(s) => seconds_left.set(s),
                None => seconds_left.set(i64::MAX),
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }

    // Estendi, Conferma appuntamento, Cancella prenotazione: one at a time.
    let stepping = Submission::refusing(
        &[],
        move |step: Call| async move {
            client::post_action::<Appointment>(&calls::appointment_step(
                &reference.get_untracked(),
                step,
            ))
            .await
        },
        move |a: Appointment| {
            seconds_left.set(i64::MAX);
            current.set(Some(a));
            None
        },
        move |e: &ApiError| {
            // The hold ran out meanwhile: the page says so instead.
            (e.status == 410).then(|| {
                expired.set(true);
                Vec::new()
            })
        },
    );
    let act = move |step: Call| stepping.submit(step);

    move || {
        if let Some(Err(e)) = loaded.get() {
            return failure(e);
        }
        let Some(a) = current.get() else {
            return view! { <p class="loading" role="status">{tr(t::loading())}</p> }.into_any();
        };
        if a.viewed_by_office {
            return view! { <office::OfficeView appointment=a current=current/> }.into_any();
        }
        if expired.get() || a.status == AppointmentStatus::Scaduto {
            return view! {
                <PageHeading title=tr(t::hold_expired_title())/>
                <div class="alert alert--error" role="alert">
                    <p>{tr(t::hold_expired_body(a.reference.as_str()))}</p>
                </div>
                <p><a href=crate::booking::again_href(a.communication_id, a.point.code, a.office.id) class="button">{tr(t::hold_start_again())}</a></p>
            }.into_any();
        }
        match a.status {
            AppointmentStatus::Prenotato => {
                let expires = a.hold_expires_at.clone().unwrap_or_default();
                // Only these two pieces follow the clock: the page around them (and the focus
                // in it) stays put, and the warning is announced once.
                let countdown = move || {
                    let left = seconds_left.get();
                    (left != i64::MAX).then(|| {
                        tr(t::hold_left(crate::session::duration_words(left.max(0) as u32)))
                    })
                };
                view! {
                    <PageHeading title=tr(t::hold_title())/>
                    // The time left and both buttons come first: on a phone they fit the first
                    // screen, and the details follow.
                    <p class="reference">{tr(t::label_reference_colon())}<strong>{a.reference.to_string()}</strong></p>
                    <p class="hold-when">{tr(t::hold_when(date_with_weekday(&a.starts_at), time(&a.starts_at), &a.office.name, &a.point.label))}</p>
                    <p class="hold-timer">{tr(t::hold_until(time(&expires)))}{countdown}</p>
                    <Show when=move || warning.get()>
                        <div class="alert alert--warning" role="alert">
                            <p>{tr(t::hold_warning())}</p>
                            <button type="button" class="button button--small" on:click=move |_| act(Call::Extend)>{tr(t::hold_extend())}</button>
                        </div>
                    </Show>
                    <ErrorSummary problems=stepping.problems.into()/>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| act(Call::Confirm)>{tr(t::hold_confirm())}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| act(Call::Release)>{tr(t::hold_release())}</button>
                    </div>
                    <p>{tr(t::hold_explain())}</p>
                    <Details appointment=a.clone()/>
                }.into_any()
            }
            AppointmentStatus::Confermato if a.cancel_until.is_none() => view! {
                // Confirmed, and its time has come: nothing left to do online.
                <PageHeading title=tr(t::appointment_title(a.reference.as_str()))/>
                <p class="lead">{if js_sys::Date::parse(&a.starts_at) <= js_sys::Date::now() {
                    tr(t::appointment_was_due(date_with_weekday(&a.starts_at), time(&a.starts_at)))
                } else {
                    tr(t::appointment_too_close())
                }}</p>
                {a.video_link.clone().map(|link| view! { <VideoRoom link=link starts_at=a.starts_at.clone()/> })}
                <Details appointment=a.clone()/>
                {rating(&a)}
                <Timeline appointment=a.clone()/>
            }.into_any(),
            AppointmentStatus::Confermato => {
                // The last change was a move: say so, with the new time.
                let moved = moved_last(&a);
                view! {
                <p class="print-only">{tr(t::print_header())}</p>
                <PageHeading title=if moved { tr(t::appointment_moved_title()) } else { tr(t::appointment_confirmed_title()) }/>
                <div class="alert alert--success" role="status">
                    <p>{if moved {
                        tr(t::appointment_moved_body(a.reference.as_str(), date_with_weekday(&a.starts_at), time(&a.starts_at)))
                    } else {
                        tr(t::appointment_confirmed_body(a.reference.as_str(), date_with_weekday(&a.starts_at), time(&a.starts_at)))
                    }}</p>
                </div>
                <MailNotice mail=Mail::Confirmation/>
                // Nobody carries anything to a phone call: what to have at hand.
                <h2>{if a.point.code == PointCode::Sportello { tr(t::bring_title()) } else { tr(t::bring_title_remote()) }}</h2>
                <p>{what_to_bring(&a)}</p>
                {a.video_link.clone().map(|link| view! { <VideoRoom link=link starts_at=a.starts_at.clone()/> })}
                <Details appointment=a.clone()/>
                <div class="actions no-print">
                    {a.can_move.then(|| view! {
                        <a href=crate::booking::move_href(a.communication_id, a.point.code, a.office.id, &a.reference) class="button button--secondary">{tr(t::appointment_move())}</a>
                    })}
                    <a class="button" href=calls::appointment_step(&a.reference, Call::Calendar) download=format!("{}.ics", a.reference)>{tr(t::appointment_calendar())}</a>
                    <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>{tr(t::appointment_print())}</button>
                    <a href=paths::APPOINTMENTS class="button button--secondary">{tr(t::request_go_appointments())}</a>
                </div>
                <CancelSection appointment=a.clone() current=current/>
                {rating(&a)}
                <Timeline appointment=a.clone()/>
                }.into_any()
            }
            AppointmentStatus::Annullato => {
                view! {
                    <PageHeading title=if a.cancelled_by_office { tr(t::appointment_cancelled_office_title()) } else { tr(t::appointment_cancelled_title()) }/>
                    <div class="alert alert--info" role="status">
                        <p>{if a.cancelled_by_office {
                            tr(t::appointment_cancelled_office_body(a.reference.as_str(), date_with_weekday(&a.starts_at), time(&a.starts_at), &a.office.name))
                        } else {
                            tr(t::appointment_cancelled_body(a.reference.as_str(), date_with_weekday(&a.starts_at), time(&a.starts_at)))
                        }}</p>
                    </div>
                    {(!a.cancelled_by_office).then(|| view! { <MailNotice mail=Mail::Receipt/> })}
                    <Details appointment=a.clone()/>
                    <p class="no-print"><a href=paths::APPOINTMENTS>{tr(t::request_go_appointments())}</a></p>
                    <Timeline appointment=a.clone()/>
                }.into_any()
            }
            // What was let go, and the way to choose again.
            AppointmentStatus::PrenotazioneCancellata => view! {
                <PageHeading title=tr(t::hold_released_title())/>
                <div class="alert alert--info" role="status">
                    <p>{tr(t::hold_released_body(a.reference.as_str(), date_with_weekday(&a.starts_at), time(&a.starts_at)))}</p>
                </div>
                <div class="actions no-print">
                    <a href=crate::booking::again_href(a.communication_id, a.point.code, a.office.id) class="button">{tr(t::choose_another_time())}</a>
                    <a href=paths::thread(a.communication_id) class="button button--secondary">{tr(t::back_to_thread())}</a>
                </div>
                <Details appointment=a.clone()/>
                <Timeline appointment=a.clone()/>
            }.into_any(),
            other => view! {
                <PageHeading title=tr(t::appointment_title(a.reference.as_str()))/>
                <p class="lead">{tr(t::appointment_status(other.label()))}</p>
                <Details appointment=a.clone()/>
                {rating(&a)}
                <Timeline appointment=a.clone()/>
            }.into_any(),
        }
    }
}
