//! One appointment: while held, "Conferma Appuntamento" or "Cancella Prenotazione" with the time
//! left (and "Estendi" before it runs out); once confirmed, everything needed to attend it and
//! "Annulla appuntamento" until the cut-off; always its details and the timeline of its changes.

use crate::client;
use crate::components::field::{described_by, FieldGroup};
use crate::components::heading::PageHeading;
use crate::components::loaded::{failure, fetch};
use crate::components::mail_notice::{Mail, MailNotice};
use api::{it, status_text, Appointment, AppointmentStatus, CancelRequest};
use leptos::html;
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
            <div class="summary__row"><dt>"Stato"</dt><dd><span class=format!("status-tag status-tag--{}", a.status.code())>{status_text(a.status, a.cancelled_by_office)}</span></dd></div>
            <div class="summary__row"><dt>"Data e ora"</dt><dd>{format!("{}, ore {}–{}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), it::time(&a.ends_at))}</dd></div>
            <div class="summary__row"><dt>"Punto di consulenza"</dt><dd>{a.point.label.clone()}</dd></div>
            <div class="summary__row"><dt>"Struttura territoriale"</dt><dd>{format!("{}, {}", a.office.name, a.office.address)}</dd></div>
            <div class="summary__row"><dt>"Argomento"</dt><dd>{a.topic.label.clone()}</dd></div>
            <div class="summary__row"><dt>"Comunicazione"</dt><dd><A href=format!("/comunicazioni/{}", a.communication_id)>{format!("{} – {}", a.protocol, a.subject)}</A></dd></div>
            <div class="summary__row"><dt>"Contribuente"</dt><dd>{format!("{} ({})", a.contributor.name, a.contributor.cf)}</dd></div>
            <div class="summary__row"><dt>"Recapito telefonico"</dt><dd>{a.phone.clone()}</dd></div>
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
fn Timeline(appointment: Appointment) -> impl IntoView {
    view! {
        <h2 id="storia">"Storia dell'appuntamento"</h2>
        <ol class="timeline" aria-labelledby="storia">
            {appointment.timeline.into_iter().map(|e| {
                // A note is a reason, an esito, or (a move) says itself what it is.
                let prefix = match e.kind.as_str() {
                    "annullato" | "prenotazione_cancellata" => "Motivo: ",
                    "svolto" => "Esito dell'incontro: ",
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

/// "Annulla appuntamento" while allowed, with its confirmation dialog; past the cut-off, why not
/// and whom to call instead.
#[component]
fn CancelSection(
    appointment: Appointment,
    current: RwSignal<Option<Appointment>>,
) -> impl IntoView {
    let by_office = appointment.viewed_by_office;
    let a = appointment;
    if !a.can_cancel {
        return a.cancel_until.clone().map(|until| view! {
            <h2>"Annullare l'appuntamento"</h2>
            <div class="alert alert--info">
                <p>{format!(
                    "Non è più possibile annullare online questo appuntamento: si poteva fare fino a {}, ore {}. Se non puoi presentarti, chiama il Contact Center INPS al numero 803 164 (gratuito da rete fissa) oppure al numero 06 164 164 (da cellulare).",
                    it::date_with_weekday(&until), it::time(&until)
                )}</p>
            </div>
        }).into_any();
    }
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let first = NodeRef::<html::Textarea>::new();
    let last = NodeRef::<html::Button>::new();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let reference = a.reference.clone();
    let open = move |_| {
        error.set(None);
        failed.set(None);
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
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let url = format!("/api/appointments/{reference}/cancel");
        let body = CancelRequest {
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        leptos::task::spawn_local(async move {
            match client::post::<_, Appointment>(&url, &body).await {
                Ok(updated) => {
                    if let Some(d) = dialog.get_untracked() {
                        d.close();
                    }
                    current.set(Some(updated));
                }
                Err(e) => match e.fields.get("reason") {
                    Some(m) => error.set(Some(m.clone())),
                    None => failed.set(Some(e.message)),
                },
            }
            pending.set(false);
        });
    };
    let until = a.cancel_until.clone().unwrap_or_default();
    view! {
        <h2>"Annullare l'appuntamento"</h2>
        <p>{if by_office {
            "Se la sede non può ricevere il contribuente, annulla l'appuntamento indicando il motivo: lo leggerà nella comunicazione e l'orario tornerà disponibile.".to_string()
        } else {
            format!("Se non puoi più partecipare, annulla l'appuntamento entro {}, ore {}: l'orario tornerà disponibile per altri.", it::date_with_weekday(&until), it::time(&until))
        }}</p>
        <p class="no-print"><button type="button" class="button button--danger" node_ref=opener on:click=open aria-haspopup="dialog">"Annulla appuntamento"</button></p>
        <dialog class="dialog" node_ref=dialog aria-labelledby="annulla-titolo" aria-describedby="annulla-descrizione" on:close=closed on:keydown=trap>
            <h2 class="dialog__title" id="annulla-titolo">"Annullare l'appuntamento?"</h2>
            <p id="annulla-descrizione">{format!(
                "L'appuntamento {} di {}, ore {}, presso la {} sarà annullato e l'orario tornerà disponibile per altri.",
                a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), a.office.name
            )}</p>
            {move || failed.get().map(|m| view! { <div class="alert alert--error" role="alert"><p>{m}</p></div> })}
            <FieldGroup id="motivo" label=if by_office { "Motivo (obbligatorio)" } else { "Motivo (facoltativo)" } hint="Al massimo 500 caratteri. Sarà scritto nella comunicazione." error=Signal::derive(move || error.get())>
                <textarea class="textarea" id="motivo" name="motivo" rows="3" maxlength="500" node_ref=first
                    aria-describedby=move || described_by("motivo", true, error.get().is_some())
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </FieldGroup>
            <div class="actions">
                <button type="button" class="button button--danger" on:click=confirm>"Sì, annulla l'appuntamento"</button>
                <button type="button" class="button button--secondary" node_ref=last on:click=close>"No, torna indietro"</button>
            </div>
        </dialog>
    }
    .into_any()
}

/// An operator of the office: the details, then what the office may do now (record whether
/// it took place, or cancel it with a reason), and the timeline.
#[component]
fn OfficeView(appointment: Appointment, current: RwSignal<Option<Appointment>>) -> impl IntoView {
    let a = appointment;
    let outcome = match a.status {
        AppointmentStatus::Svolto => Some(format!(
            "Presenza registrata: l'appuntamento {} si è svolto.",
            a.reference
        )),
        AppointmentStatus::NonPresentato => Some(format!(
            "Presenza registrata: il contribuente non si è presentato all'appuntamento {}.",
            a.reference
        )),
        AppointmentStatus::Annullato => Some(format!(
            "L'appuntamento {} è annullato: l'orario è di nuovo disponibile.",
            a.reference
        )),
        AppointmentStatus::Confermato if a.timeline.last().is_some_and(|e| e.kind == "spostato") => {
            Some(format!(
                "L'appuntamento {} è stato spostato: ora è {}, ore {}. Il contribuente ne è informato nella comunicazione e per e-mail.",
                a.reference,
                it::date_with_weekday(&a.starts_at),
                it::time(&a.starts_at)
            ))
        }
        _ => None,
    };
    let day = a.starts_at.get(..10).unwrap_or_default().to_string();
    view! {
        <PageHeading title=format!("Appuntamento {}", a.reference)/>
        <p class="lead">{format!("{} – {}, ore {}", a.contributor.name, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))}</p>
        {outcome.map(|m| view! { <div class="alert alert--success" role="status"><p>{m}</p></div> })}
        <Details appointment=a.clone()/>
        {a.can_record_attendance.then(|| view! { <AttendanceForm appointment=a.clone() current=current/> })}
        {a.can_move.then(|| view! { <OfficeMoveForm appointment=a.clone() current=current/> })}
        {a.can_cancel.then(|| view! { <CancelSection appointment=a.clone() current=current/> })}
        <p class="no-print"><A href=format!("/sede/agenda?data={day}")>"Torna all'agenda della sede"</A></p>
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
    let days = {
        let (point, office) = (a.point.code.clone(), a.office.id);
        crate::components::loaded::fetch::<Vec<api::DayAvailability>>(move || {
            format!("/api/availability?point={point}&office={office}")
        })
    };
    let start = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let failed = RwSignal::new(None::<String>);
    let url = format!("/api/appointments/{}/move", a.reference);
    let now_at = a.starts_at.clone();
    let error =
        move |key: &'static str| Signal::derive(move || errors.with(|e| e.get(key).cloned()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let url = url.clone();
        let body = api::MoveRequest {
            start: start.get_untracked(),
            office: None,
            point: None,
            reason: Some(reason.get_untracked()),
        };
        let key = crate::pages::booking::new_key();
        leptos::task::spawn_local(async move {
            match client::post_with_key::<_, Appointment>(&url, &body, &key).await {
                Ok(updated) => current.set(Some(updated)),
                Err(e) if !e.fields.is_empty() => {
                    failed.set(None);
                    errors.set(e.fields);
                }
                Err(e) => failed.set(Some(e.message)),
            }
        });
    };
    view! {
        <section class="office-move no-print" aria-labelledby="sposta-titolo">
            <h2 id="sposta-titolo">"Sposta appuntamento"</h2>
            <p>"Scegli un altro orario libero dello stesso punto di consulenza: il contribuente leggerà il motivo nella comunicazione e lo riceverà per e-mail."</p>
            {move || failed.get().map(|m| view! { <div class="alert alert--error" role="alert"><p>{m}</p></div> })}
            <form class="form narrow" novalidate on:submit=submit>
                <FieldGroup id="nuovo-orario" label="Nuovo orario" hint="Gli orari liberi dei prossimi giorni." error=error("start")>
                    <select class="select" id="nuovo-orario"
                        aria-describedby=move || described_by("nuovo-orario", true, error("start").get().is_some())
                        aria-invalid=move || error("start").get().map(|_| "true")
                        on:change=move |ev| start.set(event_target_value(&ev))>
                        <option value="">"Scegli un orario"</option>
                        {move || days.get().and_then(Result::ok).unwrap_or_default().into_iter().take(10).map(|d| {
                            let label = it::date_with_weekday(&format!("{}T00:00:00+01:00", d.date));
                            let now_at = now_at.clone();
                            view! {
                                <optgroup label=label.clone()>
                                    {d.slots.into_iter().filter(|s| s.start != now_at).map(|s| {
                                        let text = format!("{}, ore {}", label, it::time(&s.start));
                                        view! { <option value=s.start.clone()>{text}</option> }
                                    }).collect_view()}
                                </optgroup>
                            }
                        }).collect_view()}
                    </select>
                </FieldGroup>
                <FieldGroup id="motivo-spostamento" label="Motivo (obbligatorio)" hint="Ad esempio: la sede sarà chiusa per lavori." error=error("reason")>
                    <textarea class="textarea" id="motivo-spostamento" rows="3" maxlength="500"
                        aria-describedby=move || described_by("motivo-spostamento", true, error("reason").get().is_some())
                        aria-invalid=move || error("reason").get().map(|_| "true")
                        bind:value=reason></textarea>
                </FieldGroup>
                <button type="submit" class="button">"Sposta appuntamento"</button>
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
    let outcome = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let failed = RwSignal::new(None::<String>);
    let url = format!("/api/appointments/{}/attendance", appointment.reference);
    let error =
        move |key: &'static str| Signal::derive(move || errors.with(|e| e.get(key).cloned()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let url = url.clone();
        let body = api::AttendanceRequest {
            outcome: outcome.get_untracked(),
            text: Some(text.get_untracked()).filter(|t| !t.trim().is_empty()),
        };
        leptos::task::spawn_local(async move {
            match client::post::<_, Appointment>(&url, &body).await {
                Ok(updated) => current.set(Some(updated)),
                Err(e) if !e.fields.is_empty() => {
                    failed.set(None);
                    errors.set(e.fields);
                }
                Err(e) => failed.set(Some(e.message)),
            }
        });
    };
    view! {
        <section class="attendance no-print" aria-labelledby="presenza-titolo">
            <h2 id="presenza-titolo">"Registra la presenza"</h2>
            {move || failed.get().map(|m| view! { <div class="alert alert--error" role="alert"><p>{m}</p></div> })}
            <form class="form narrow" novalidate on:submit=submit>
                <div class="form-group" class:form-group--error=move || error("outcome").get().is_some()>
                    <fieldset class="fieldset" aria-describedby=move || described_by("presenza", false, error("outcome").get().is_some())>
                        <legend class="label">"Il contribuente si è presentato?"</legend>
                        {move || error("outcome").get().map(|m| view! {
                            <p class="field-error" id="presenza-error" role="alert"><span class="visually-hidden">"Errore: "</span>{m}</p>
                        })}
                        <div class="radio">
                            <input type="radio" id="presenza-svolto" name="presenza" value="svolto"
                                on:change=move |_| outcome.set("svolto".into())/>
                            <label for="presenza-svolto">"Svolto"</label>
                        </div>
                        <div class="radio">
                            <input type="radio" id="presenza-non_presentato" name="presenza" value="non_presentato"
                                on:change=move |_| outcome.set("non_presentato".into())/>
                            <label for="presenza-non_presentato">"Non presentato"</label>
                        </div>
                    </fieldset>
                </div>
                <FieldGroup id="esito" label="Esito dell'incontro (facoltativo)" hint="Solo per un appuntamento svolto: sarà scritto nella comunicazione con il contribuente." error=error("text")>
                    <textarea class="textarea" id="esito" rows="5" maxlength="2000"
                        aria-describedby=move || described_by("esito", true, error("text").get().is_some())
                        aria-invalid=move || error("text").get().map(|_| "true")
                        bind:value=text></textarea>
                </FieldGroup>
                <button type="submit" class="button">"Registra la presenza"</button>
            </form>
        </section>
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
        if a.viewed_by_office {
            return view! { <OfficeView appointment=a current=current/> }.into_any();
        }
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
                    // The time left and both buttons come first: on a phone they fit the first
                    // screen, and the details follow.
                    <p class="reference">"Identificativo appuntamento: "<strong>{a.reference.clone()}</strong></p>
                    <p class="hold-when">{format!("{}, ore {} – {}, {}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), a.office.name, a.point.label)}</p>
                    <p class="hold-timer">{format!("Il posto resta riservato fino alle {}", it::time(&expires))}{countdown}</p>
                    <Show when=move || warning.get()>
                        <div class="alert alert--warning" role="alert">
                            <p>"La prenotazione sta per scadere. Se ti serve più tempo, estendila di 15 minuti."</p>
                            <button type="button" class="button button--small" on:click=move |_| act("extend")>"Estendi"</button>
                        </div>
                    </Show>
                    {move || error.get().map(|m| view! { <div class="alert alert--error" role="alert"><p>{m}</p></div> })}
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| act("confirm")>"Conferma Appuntamento"</button>
                        <button type="button" class="button button--secondary" on:click=move |_| act("release")>"Cancella Prenotazione"</button>
                    </div>
                    <p>"Il posto è riservato per te. Per fissare l'appuntamento premi «Conferma Appuntamento»; se non ti serve più, «Cancella Prenotazione»."</p>
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
                let moved = a.timeline.last().is_some_and(|e| e.kind == "spostato");
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
                <h2>"Cosa portare"</h2>
                <p>{what_to_bring(&a)}</p>
                <Details appointment=a.clone()/>
                <div class="actions no-print">
                    {a.can_move.then(|| view! {
                        <A href=crate::booking::move_href(a.communication_id, &a.point.code, a.office.id, &a.reference) attr:class="button">"Sposta appuntamento"</A>
                    })}
                    <a class="button" href=format!("/api/appointments/{}/ics", a.reference) download=format!("{}.ics", a.reference)>"Aggiungi al calendario"</a>
                    <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>"Stampa"</button>
                    <A href="/appuntamenti" attr:class="button button--secondary">"Vai a Gestione appuntamenti"</A>
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
                        <p>{format!("L'appuntamento {} di {}, ore {}, è stato annullato {who}: l'orario è di nuovo disponibile per altri.", a.reference, it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))}</p>
                    </div>
                    {(!a.cancelled_by_office).then(|| view! { <MailNotice mail=Mail::Receipt/> })}
                    <Details appointment=a.clone()/>
                    <p class="no-print"><A href="/appuntamenti">"Vai a Gestione appuntamenti"</A></p>
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
                    <A href=format!("/comunicazioni/{}/appuntamento", a.communication_id) attr:class="button">"Scegli un altro orario"</A>
                    <A href=format!("/comunicazioni/{}", a.communication_id) attr:class="button button--secondary">"Torna alla comunicazione"</A>
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
