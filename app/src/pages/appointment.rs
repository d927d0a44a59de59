//! One appointment: while held, "Conferma Appuntamento" or "Cancella Prenotazione" with the time
//! left (and "Estendi" before it runs out); once confirmed, everything needed to attend it.

use crate::client;
use crate::components::heading::PageHeading;
use crate::components::loaded::{failure, fetch};
use api::{it, Appointment, AppointmentStatus};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

/// Seconds until `instant` (RFC 3339), by the browser's clock.
fn seconds_until(instant: &str) -> i64 {
    ((js_sys::Date::parse(instant) - js_sys::Date::now()) / 1000.0).ceil() as i64
}

fn what_to_bring(a: &Appointment) -> String {
    match a.point.code.as_str() {
        "sportello" => format!(
            "Presentati alla {} ({}) qualche minuto prima, con un documento d'identità valido e i documenti che riguardano la comunicazione {}.",
            a.office.name, a.office.address, a.protocol
        ),
        "telefono" => format!(
            "Un operatore della {} ti chiamerà al numero {} all'ora indicata. Tieni a portata di mano i documenti che riguardano la comunicazione {}.",
            a.office.name, a.phone, a.protocol
        ),
        _ => format!(
            "Riceverai dalla {} il collegamento alla videochiamata al numero {}. Ti servono un dispositivo con videocamera e i documenti che riguardano la comunicazione {}.",
            a.office.name, a.phone, a.protocol
        ),
    }
}

#[component]
fn Details(appointment: Appointment) -> impl IntoView {
    let a = appointment;
    view! {
        <dl class="summary">
            <div class="summary__row"><dt>"Identificativo appuntamento"</dt><dd><strong>{a.reference.clone()}</strong></dd></div>
            <div class="summary__row"><dt>"Stato"</dt><dd><span class=format!("status-tag status-tag--{}", a.status.code())>{a.status.label()}</span></dd></div>
            <div class="summary__row"><dt>"Data e ora"</dt><dd>{format!("{}, ore {}–{}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), it::time(&a.ends_at))}</dd></div>
            <div class="summary__row"><dt>"Punto di consulenza"</dt><dd>{a.point.label.clone()}</dd></div>
            <div class="summary__row"><dt>"Struttura territoriale"</dt><dd>{format!("{}, {}", a.office.name, a.office.address)}</dd></div>
            <div class="summary__row"><dt>"Argomento"</dt><dd>{a.topic.label.clone()}</dd></div>
            <div class="summary__row"><dt>"Comunicazione"</dt><dd><A href=format!("/comunicazioni/{}", a.communication_id)>{format!("{} – {}", a.protocol, a.subject)}</A></dd></div>
            <div class="summary__row"><dt>"Contribuente"</dt><dd>{format!("{} ({})", a.contributor.name, a.contributor.cf)}</dd></div>
            <div class="summary__row"><dt>"Recapito telefonico"</dt><dd>{a.phone.clone()}</dd></div>
            <div class="summary__row"><dt>"Note"</dt><dd class="message__text">{a.notes.clone()}</dd></div>
            <div class="summary__row"><dt>"Prenotato da"</dt><dd>{a.booked_by.clone()}</dd></div>
        </dl>
    }
}

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let params = use_params_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let loaded = fetch::<Appointment>(move || format!("/api/appointments/{}", reference()));
    let current = RwSignal::new(None::<Appointment>);
    let error = RwSignal::new(None::<String>);
    let expired = RwSignal::new(false);
    let pending = RwSignal::new(false);
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

    let act = move |action: &'static str| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let url = format!("/api/appointments/{}/{action}", reference());
        leptos::task::spawn_local(async move {
            match client::post_action::<Appointment>(&url).await {
                Ok(a) => {
                    error.set(None);
                    seconds_left.set(i64::MAX);
                    current.set(Some(a));
                }
                Err(e) if e.status == 410 => expired.set(true),
                Err(e) => error.set(Some(e.message)),
            }
            pending.set(false);
        });
    };

    move || {
        if let Some(Err(e)) = loaded.get() {
            return failure(e);
        }
        let Some(a) = current.get() else {
            return view! { <p class="loading" role="status">"Caricamento…"</p> }.into_any();
        };
        if expired.get() || a.status == AppointmentStatus::Scaduto {
            return view! {
                <PageHeading title="Prenotazione scaduta"/>
                <div class="alert alert--error" role="alert">
                    <p>{format!("Il tempo per confermare la prenotazione {} è scaduto e l'orario è stato liberato.", a.reference)}</p>
                </div>
                <p><A href=format!("/comunicazioni/{}/appuntamento", a.communication_id) attr:class="button">"Ricomincia la prenotazione"</A></p>
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
                    <p class="lead">"Il posto è riservato per te. Per fissare l'appuntamento premi «Conferma Appuntamento»; se non ti serve più, «Cancella Prenotazione»."</p>
                    <p class="reference">"Identificativo appuntamento: "<strong>{a.reference.clone()}</strong></p>
                    <p class="hold-timer">{format!("Il posto resta riservato fino alle {}", it::time(&expires))}{countdown}</p>
                    <Show when=move || warning.get()>
                        <div class="alert alert--warning" role="alert">
                            <p>"La prenotazione sta per scadere. Se ti serve più tempo, estendila di 15 minuti."</p>
                            <button type="button" class="button button--small" on:click=move |_| act("extend")>"Estendi"</button>
                        </div>
                    </Show>
                    {move || error.get().map(|m| view! { <div class="alert alert--error" role="alert"><p>{m}</p></div> })}
                    <Details appointment=a.clone()/>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| act("confirm")>"Conferma Appuntamento"</button>
                        <button type="button" class="button button--secondary" on:click=move |_| act("release")>"Cancella Prenotazione"</button>
                    </div>
                }.into_any()
            }
            AppointmentStatus::Confermato => view! {
                <PageHeading title="Appuntamento confermato"/>
                <div class="alert alert--success" role="status">
                    <p>{format!("L'appuntamento {} è confermato per {}, ore {}.", a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))}</p>
                </div>
                <h2>"Cosa portare"</h2>
                <p>{what_to_bring(&a)}</p>
                <Details appointment=a.clone()/>
                <div class="actions no-print">
                    <a class="button" href=format!("/api/appointments/{}/ics", a.reference) download=format!("{}.ics", a.reference)>"Aggiungi al calendario"</a>
                    <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"Stampa"</button>
                    <A href="/appuntamenti" attr:class="button button--secondary">"Vai a Gestione appuntamenti"</A>
                </div>
            }.into_any(),
            AppointmentStatus::PrenotazioneCancellata => view! {
                <PageHeading title="Prenotazione cancellata"/>
                <div class="alert alert--info" role="status">
                    <p>{format!("La prenotazione {} è stata cancellata: l'orario è di nuovo disponibile per altri.", a.reference)}</p>
                </div>
                <p><A href=format!("/comunicazioni/{}", a.communication_id)>"Torna alla comunicazione"</A></p>
            }.into_any(),
            other => view! {
                <PageHeading title=format!("Appuntamento {}", a.reference)/>
                <p class="lead">{format!("Stato: {}.", other.label())}</p>
                <Details appointment=a.clone()/>
            }.into_any(),
        }
    }
}
