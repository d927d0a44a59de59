//! One appointment: while held, "Conferma appuntamento" or "Cancella prenotazione" with the time
//! left (and "Estendi" before it runs out); once confirmed, everything needed to attend it and
//! "Annulla appuntamento" until the cut-off; always its details and the timeline of its changes.

mod cancel;
mod office;

use crate::client::{self, ApiError};
use crate::components::error_summary::ErrorSummary;
use crate::components::heading::PageHeading;
use crate::components::loaded::{failure, fetch};
use crate::components::mail_notice::{Mail, MailNotice};
use crate::components::params;
use crate::components::submit::Submission;
use api::calls::{self, Step as Call};
use api::{it, paths, Appointment, AppointmentStatus, EventKind, PointCode};
use cancel::CancelSection;
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
        PointCode::Sportello => format!(
            "Presentati alla {} ({}) qualche minuto prima, con un documento d'identità valido e i documenti che riguardano la comunicazione {}.",
            a.office.name, a.office.address, a.protocol
        ),
        PointCode::Telefono => format!(
            "Un operatore della {} ti chiamerà al numero {} all'ora indicata. Tieni a portata di mano i documenti che riguardano la comunicazione {}.",
            a.office.name, it::phone(&a.phone), a.protocol
        ),
        PointCode::Video => format!(
            "La {} ti manderà il collegamento alla videochiamata per SMS al cellulare {}, prima dell'orario. Ti servono un dispositivo con videocamera e i documenti che riguardano la comunicazione {}.",
            a.office.name, it::phone(&a.phone), a.protocol
        ),
    }
}

#[component]
pub(super) fn Details(appointment: Appointment) -> impl IntoView {
    let a = appointment;
    view! {
        <dl class="summary">
            <div class="summary__row"><dt>"Identificativo appuntamento"</dt><dd><strong>{a.reference.to_string()}</strong></dd></div>
            <div class="summary__row"><dt>"Stato"</dt><dd><crate::components::status::AppointmentTag status=a.status cancelled_by_office=a.cancelled_by_office ends_at=a.ends_at.clone()/></dd></div>
            <div class="summary__row"><dt>"Data e ora"</dt><dd>{format!("{}, ore {}–{}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), it::time(&a.ends_at))}</dd></div>
            <div class="summary__row"><dt>"Punto di consulenza"</dt><dd>{a.point.label.clone()}</dd></div>
            <div class="summary__row"><dt>"Struttura territoriale"</dt><dd>{format!("{}, {}", a.office.name, a.office.address)}</dd></div>
            <div class="summary__row"><dt>"Argomento"</dt><dd>{a.topic.label.clone()}</dd></div>
            <div class="summary__row"><dt>"Comunicazione"</dt><dd><a href=paths::thread(a.communication_id)>{format!("{} – {}", a.protocol, a.subject)}</a></dd></div>
            <div class="summary__row"><dt>"Contribuente"</dt><dd>{format!("{} ({})", a.contributor.name, a.contributor.cf)}</dd></div>
            <div class="summary__row"><dt>"Recapito telefonico"</dt><dd>{it::phone(&a.phone)}</dd></div>
            <div class="summary__row"><dt>"Note"</dt><dd class="message__text">{a.notes.clone()}</dd></div>
            <div class="summary__row"><dt>"Prenotato da"</dt><dd>{a.booked_by.clone()}</dd></div>
            {a.cancel_reason.clone().map(|r| view! {
                <div class="summary__row"><dt>"Motivo dell'annullamento"</dt><dd class="message__text">{r}</dd></div>
            })}
        </dl>
    }
}

/// Who did what and when, oldest first.
#[component]
pub(super) fn Timeline(appointment: Appointment) -> impl IntoView {
    view! {
        <h2 id="storia">"Storia dell'appuntamento"</h2>
        <ol class="timeline" aria-labelledby="storia">
            {appointment.timeline.into_iter().map(|e| {
                // A note is a reason, an esito, or (a move) says itself what it is.
                let prefix = match e.kind {
                    EventKind::Annullato | EventKind::PrenotazioneCancellata => "Motivo: ",
                    EventKind::Svolto => "Esito dell'incontro: ",
                    _ => "",
                };
                view! {
                <li class="timeline__item">
                    <span class="timeline__when">{format!("{}, ore {}", it::date_with_weekday(&e.at), it::time(&e.at))}</span>
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
            return view! { <p class="loading" role="status">"Caricamento…"</p> }.into_any();
        };
        if a.viewed_by_office {
            return view! { <office::OfficeView appointment=a current=current/> }.into_any();
        }
        if expired.get() || a.status == AppointmentStatus::Scaduto {
            return view! {
                <PageHeading title="Prenotazione scaduta"/>
                <div class="alert alert--error" role="alert">
                    <p>{format!("Il tempo per confermare la prenotazione {} è scaduto e l'orario è stato liberato.", a.reference)}</p>
                </div>
                <p><a href=crate::booking::again_href(a.communication_id, a.point.code, a.office.id) class="button">"Ricomincia la prenotazione"</a></p>
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
                        format!(" (ancora {}).", crate::session::duration_words(left.max(0) as u32))
                    })
                };
                view! {
                    <PageHeading title="Prenotazione da confermare"/>
                    // The time left and both buttons come first: on a phone they fit the first
                    // screen, and the details follow.
                    <p class="reference">"Identificativo appuntamento: "<strong>{a.reference.to_string()}</strong></p>
                    <p class="hold-when">{format!("{}, ore {} – {}, {}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), a.office.name, a.point.label)}</p>
                    <p class="hold-timer">{format!("Il posto resta riservato fino alle {}", it::time(&expires))}{countdown}</p>
                    <Show when=move || warning.get()>
                        <div class="alert alert--warning" role="alert">
                            <p>"La prenotazione sta per scadere. Se ti serve più tempo, estendila di 15 minuti."</p>
                            <button type="button" class="button button--small" on:click=move |_| act(Call::Extend)>"Estendi"</button>
                        </div>
                    </Show>
                    <ErrorSummary problems=stepping.problems.into()/>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| act(Call::Confirm)>"Conferma appuntamento"</button>
                        <button type="button" class="button button--secondary" on:click=move |_| act(Call::Release)>"Cancella prenotazione"</button>
                    </div>
                    <p>"Il posto è riservato per te. Per fissare l'appuntamento premi «Conferma appuntamento»; se non ti serve più, «Cancella prenotazione»."</p>
                    <Details appointment=a.clone()/>
                }.into_any()
            }
            AppointmentStatus::Confermato if a.cancel_until.is_none() => view! {
                // Confirmed, and its time has come: nothing left to do online.
                <PageHeading title=format!("Appuntamento {}", a.reference)/>
                <p class="lead">{if js_sys::Date::parse(&a.starts_at) <= js_sys::Date::now() {
                    format!("Stato: Confermato. L'appuntamento era previsto per {}, ore {}: la sede registrerà se si è svolto.", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))
                } else {
                    "Stato: Confermato. Manca poco all'appuntamento: non si può più annullare o spostare online. Se non puoi venire, scrivi alla sede nella comunicazione.".to_string()
                }}</p>
                <Details appointment=a.clone()/>
                <Timeline appointment=a.clone()/>
            }.into_any(),
            AppointmentStatus::Confermato => {
                // The last change was a move: say so, with the new time.
                let moved = moved_last(&a);
                view! {
                <p class="print-only">"INPS – Cassetto Previdenziale per Artigiani e Commercianti – Agenda appuntamenti"</p>
                <PageHeading title=if moved { "Appuntamento spostato" } else { "Appuntamento confermato" }/>
                <div class="alert alert--success" role="status">
                    <p>{if moved {
                        format!("L'appuntamento {} è stato spostato: ora è confermato per {}, ore {}.", a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))
                    } else {
                        format!("L'appuntamento {} è confermato per {}, ore {}.", a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))
                    }}</p>
                </div>
                <MailNotice mail=Mail::Confirmation/>
                // Nobody carries anything to a phone call: what to have at hand.
                <h2>{if a.point.code == PointCode::Sportello { "Cosa portare" } else { "Cosa tenere a portata di mano" }}</h2>
                <p>{what_to_bring(&a)}</p>
                <Details appointment=a.clone()/>
                <div class="actions no-print">
                    {a.can_move.then(|| view! {
                        <a href=crate::booking::move_href(a.communication_id, a.point.code, a.office.id, &a.reference) class="button button--secondary">"Sposta appuntamento"</a>
                    })}
                    <a class="button" href=calls::appointment_step(&a.reference, Call::Calendar) download=format!("{}.ics", a.reference)>"Aggiungi al calendario"</a>
                    <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"Stampa"</button>
                    <a href=paths::APPOINTMENTS class="button button--secondary">"Vai a Gestione appuntamenti"</a>
                </div>
                <CancelSection appointment=a.clone() current=current/>
                <Timeline appointment=a.clone()/>
                }.into_any()
            }
            AppointmentStatus::Annullato => {
                let who = if a.cancelled_by_office { format!("dalla {}", a.office.name) } else { "su tua richiesta".to_string() };
                view! {
                    <PageHeading title=if a.cancelled_by_office { "Appuntamento annullato dalla sede" } else { "Appuntamento annullato" }/>
                    <div class="alert alert--info" role="status">
                        <p>{if a.cancelled_by_office {
                            format!("L'appuntamento {} di {}, ore {}, è stato annullato {who}.", a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))
                        } else {
                            format!("L'appuntamento {} di {}, ore {}, è stato annullato {who}: l'orario è di nuovo disponibile per altri.", a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))
                        }}</p>
                    </div>
                    {(!a.cancelled_by_office).then(|| view! { <MailNotice mail=Mail::Receipt/> })}
                    <Details appointment=a.clone()/>
                    <p class="no-print"><a href=paths::APPOINTMENTS>"Vai a Gestione appuntamenti"</a></p>
                    <Timeline appointment=a.clone()/>
                }.into_any()
            }
            // What was let go, and the way to choose again.
            AppointmentStatus::PrenotazioneCancellata => view! {
                <PageHeading title="Prenotazione cancellata"/>
                <div class="alert alert--info" role="status">
                    <p>{format!("La prenotazione {} di {}, ore {}, è stata cancellata: l'orario è di nuovo disponibile per altri.", a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))}</p>
                </div>
                <div class="actions no-print">
                    <a href=crate::booking::again_href(a.communication_id, a.point.code, a.office.id) class="button">"Scegli un altro orario"</a>
                    <a href=paths::thread(a.communication_id) class="button button--secondary">"Torna alla comunicazione"</a>
                </div>
                <Details appointment=a.clone()/>
                <Timeline appointment=a.clone()/>
            }.into_any(),
            other => view! {
                <PageHeading title=format!("Appuntamento {}", a.reference)/>
                <p class="lead">{format!("Stato: {}.", other.label())}</p>
                <Details appointment=a.clone()/>
                <Timeline appointment=a.clone()/>
            }.into_any(),
        }
    }
}
