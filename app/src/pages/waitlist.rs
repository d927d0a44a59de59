//! Lista d'attesa: "Avvisami se si libera un posto" (reached from "Data e ora" when no time
//! suits), and the entries in Gestione appuntamenti with the places offered to them.

use crate::client;
use crate::components::error_summary::{field_error, problems_from, ErrorSummary, Problem};
use crate::components::field::described_by;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::pages::booking::{office_of, point_label_of, BookingMemory, ContactFields};
use crate::pages::communications::thread_id;
use api::{
    it, Appointment, CommunicationDetail, ConsultationPoint, Office, PartOfDay, WaitlistEntry,
    WaitlistRequest, WaitlistStatus,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The empty JSON object the answer calls send.
#[derive(serde::Serialize)]
struct NoBody {}

const FIELDS: [(&str, &str); 4] = [
    ("from", "from"),
    ("to", "to"),
    ("phone", "phone"),
    ("notes", "notes"),
];

/// `YYYY-MM-DD` of the browser's day `days` from today.
fn day_from_today(days: u32) -> String {
    let d = js_sys::Date::new_0();
    d.set_date(d.get_date() + days);
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// "dal 3 marzo 2026 al 5 marzo 2026, di mattina (prima delle 13)"
pub fn days_in_words(e: &WaitlistEntry) -> String {
    let days = if e.from == e.to {
        format!("il {}", it::date_with_weekday(&e.from))
    } else {
        format!("dal {} al {}", it::date(&e.from), it::date(&e.to))
    };
    match e.part_of_day {
        Some(part) => format!("{days}, {}", part.label()),
        None => format!("{days}, a qualsiasi orario"),
    }
}

#[component]
pub fn WaitlistJoin() -> impl IntoView {
    let query = use_query_map();
    let memory = expect_context::<BookingMemory>();
    let navigate = use_navigate();
    let id = thread_id();
    let point_code = query.read_untracked().get("punto").unwrap_or_default();
    let office_id = query
        .read_untracked()
        .get("sede")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or_default();
    let thread = fetch::<CommunicationDetail>(move || format!("/api/communications/{}", id.get()));
    let points = fetch::<Vec<ConsultationPoint>>(|| "/api/consultation-points".into());
    let offices = fetch::<Vec<Office>>(|| "/api/offices".into());
    let from = RwSignal::new(day_from_today(1));
    let to = RwSignal::new(day_from_today(14));
    let part = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let pending = RwSignal::new(false);
    let error = move |field: &'static str| field_error(problems, field);
    let back = format!(
        "/comunicazioni/{}/appuntamento?passo=3&punto={point_code}&sede={office_id}",
        id.get()
    );
    let point_for_submit = point_code.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let body = WaitlistRequest {
            communication_id: id.get(),
            office: office_id,
            point: point_for_submit.clone(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            part_of_day: PartOfDay::from_code(&part.get_untracked()),
            phone: memory.phone.get_untracked(),
            notes: memory.notes.get_untracked(),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match client::post::<_, WaitlistEntry>("/api/waitlist", &body).await {
                Ok(_) => navigate("/appuntamenti?esito=lista-attesa", Default::default()),
                Err(e) if !e.fields.is_empty() => {
                    let mut list = problems_from(&e.fields, &FIELDS);
                    list.extend(
                        e.fields
                            .iter()
                            .filter(|(k, _)| !FIELDS.iter().any(|(f, _)| f == k))
                            .map(|(_, m)| Problem {
                                field: None,
                                message: m.clone(),
                            }),
                    );
                    problems.set(list);
                }
                Err(e) => problems.set(vec![Problem {
                    field: None,
                    message: e.message,
                }]),
            }
            pending.set(false);
        });
    };
    let point_code_label = point_code.clone();
    let place = move || {
        let office = office_of(offices, office_id)
            .map(|o| o.name)
            .unwrap_or_default();
        format!("{office} – {}", point_label_of(points, &point_code_label))
    };
    let date_field = move |field: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="form-group" class:form-group--error=move || error(field).get().is_some()>
                <label class="label" for=field>{label}</label>
                {move || error(field).get().map(|m| view! { <p class="field-error" id=format!("{field}-error")><span class="visually-hidden">"Errore: "</span>{m}</p> })}
                <input class="input input--medium" type="date" id=field name=field bind:value=value
                    aria-describedby=move || described_by(field, false, error(field).get().is_some())
                    aria-invalid=move || error(field).get().map(|_| "true")/>
            </div>
        }
    };
    view! {
        {when_loaded(thread, move |t: CommunicationDetail| {
            if memory.phone.get_untracked().is_empty() {
                if let Some(phone) = t.last_phone.clone() {
                    memory.phone.set(phone);
                }
            }
            view! { <p class="context">{format!("Comunicazione {} – «{}»", t.summary.protocol, t.summary.subject)}</p> }
        })}
        <PageHeading title="Avvisami se si libera un posto"/>
        <p class="lead">"Indica i giorni e la parte della giornata che ti vanno bene. Se in quei giorni si libera un posto, lo teniamo per te e ti avvisiamo qui, in Gestione appuntamenti, e per e-mail: avrai almeno un'ora (di giorno, due) per confermarlo, poi passerà alla persona successiva."</p>
        <dl class="summary">
            <div class="summary__row"><dt>"Struttura e punto di consulenza"</dt><dd>{place}</dd></div>
        </dl>
        <ErrorSummary problems=problems.into()/>
        <form class="form narrow" novalidate on:submit=submit>
            <fieldset class="fieldset">
                <legend class="label">"Giorni che ti vanno bene"</legend>
                <p class="hint">"Entro i prossimi 30 giorni, a partire dal primo giorno lavorativo."</p>
                {date_field("from", "Dal giorno", from)}
                {date_field("to", "Al giorno", to)}
            </fieldset>
            <fieldset class="fieldset form-group">
                <legend class="label">"Parte della giornata"</legend>
                {[("", "A qualsiasi orario"), ("mattina", "Di mattina (prima delle 13)"), ("pomeriggio", "Di pomeriggio (dalle 13)")]
                    .into_iter().map(|(code, label)| {
                        let id = if code.is_empty() { "part-any".to_string() } else { format!("part-{code}") };
                        view! {
                            <div class="radio">
                                <input type="radio" id=id.clone() name="part" value=code
                                    prop:checked=move || part.get() == code
                                    on:change=move |_| part.set(code.to_string())/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
            </fieldset>
            <ContactFields memory=memory problems=problems/>
            <button type="submit" class="button">{move || if pending.get() { "Iscrizione in corso…" } else { "Avvisami se si libera un posto" }}</button>
        </form>
        <p><a href=back>"Indietro: data e ora"</a></p>
    }
}

/// Gestione appuntamenti's "Lista d'attesa": the live entries, each offer with Conferma
/// Appuntamento and Rifiuta, each waiting entry with Esci dalla lista. Nothing when empty.
#[component]
pub fn WaitlistSection(cf: String, #[prop(into)] joined: Signal<bool>) -> impl IntoView {
    let navigate = use_navigate();
    let version = RwSignal::new(0u32);
    let list = fetch::<Vec<WaitlistEntry>>(move || {
        version.track();
        format!("/api/contributors/{cf}/waitlist")
    });
    let outcome = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let act = move |path: String, done: &'static str, accept: bool| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        outcome.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = if accept {
                client::post::<_, Appointment>(&path, &NoBody {})
                    .await
                    .map(|a| Some(a.reference))
            } else if path.ends_with("/decline") {
                client::post::<_, WaitlistEntry>(&path, &NoBody {})
                    .await
                    .map(|_| None)
            } else {
                client::delete(&path).await.map(|_| None)
            };
            match result {
                Ok(Some(reference)) => {
                    navigate(&format!("/appuntamenti/{reference}"), Default::default())
                }
                Ok(None) => {
                    outcome.set(Some(done.to_string()));
                    version.update(|v| *v += 1);
                }
                Err(e) => {
                    failure.set(Some(e.message));
                    version.update(|v| *v += 1);
                }
            }
            pending.set(false);
        });
    };
    view! {
        {move || joined.get().then(|| view! {
            <div class="alert alert--success" role="status"><p>"Sei in lista d'attesa. Se si libera un posto adatto te lo proponiamo qui e per e-mail: avrai un tempo limitato per confermarlo."</p></div>
        })}
        <div role="status">{move || outcome.get().map(|m| view! { <div class="alert alert--success"><p>{m}</p></div> })}</div>
        {move || failure.get().map(|m| view! { <div class="alert alert--error" role="alert"><p>{m}</p></div> })}
        {when_loaded(list, move |entries: Vec<WaitlistEntry>| {
            let live: Vec<WaitlistEntry> = entries.into_iter().filter(|e| matches!(e.status, WaitlistStatus::InAttesa | WaitlistStatus::Offerta)).collect();
            if live.is_empty() {
                return ().into_any();
            }
            let act = act.clone();
            view! {
                <section aria-labelledby="lista-attesa-titolo">
                    <h2 id="lista-attesa-titolo">"Lista d'attesa"</h2>
                    <ul class="waitlist">
                        {live.into_iter().map(|e| {
                            let act = act.clone();
                            let title_id = format!("attesa-{}", e.id);
                            let title = format!("{} – {}", e.office_name, e.point_label);
                            let base = format!("/api/waitlist/{}", e.id);
                            let body = match (&e.status, &e.offer) {
                                (WaitlistStatus::Offerta, Some(offer)) => {
                                    let (accept, decline) = (act.clone(), act.clone());
                                    let (a, d) = (format!("{base}/accept"), format!("{base}/decline"));
                                    view! {
                                        <p class="waitlist__offer"><strong>{format!("Si è liberato un posto: {}, ore {}.", it::date_with_weekday(&offer.starts_at), it::time(&offer.starts_at))}</strong></p>
                                        <p>{format!("È tenuto per te fino a {}, ore {}; poi passerà alla persona successiva. Identificativo {}.", it::date_with_weekday(&offer.expires_at), it::time(&offer.expires_at), offer.reference)}</p>
                                        <div class="actions">
                                            <button type="button" class="button" aria-describedby=title_id.clone()
                                                on:click=move |_| accept(a.clone(), "", true)>"Conferma Appuntamento"</button>
                                            <button type="button" class="button button--secondary" aria-describedby=title_id.clone()
                                                on:click=move |_| decline(d.clone(), "Hai rifiutato il posto proposto: è passato alla persona successiva e sei uscito dalla lista d'attesa.", false)>"Rifiuta"</button>
                                        </div>
                                    }.into_any()
                                }
                                _ => {
                                    let leave = act.clone();
                                    let path = base.clone();
                                    view! {
                                        <p><span class="status-tag">{WaitlistStatus::InAttesa.label()}</span></p>
                                        <p class="hint">{match e.ahead {
                                            0 => "Sei il primo in lista per questi giorni.".to_string(),
                                            1 => "Prima di te c'è 1 persona in lista per questi giorni.".to_string(),
                                            n => format!("Prima di te ci sono {n} persone in lista per questi giorni."),
                                        }}</p>
                                        <div class="actions">
                                            <button type="button" class="button button--secondary" aria-describedby=title_id.clone()
                                                on:click=move |_| leave(path.clone(), "Sei uscito dalla lista d'attesa.", false)>"Esci dalla lista"</button>
                                        </div>
                                    }.into_any()
                                }
                            };
                            view! {
                                <li class="waitlist__entry">
                                    <h3 class="waitlist__title" id=title_id.clone()>{title}</h3>
                                    <p>{format!("Comunicazione {} – «{}»", e.protocol, e.subject)}</p>
                                    <p>{format!("Giorni: {}.", days_in_words(&e))}</p>
                                    {body}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }.into_any()
        })}
    }
}
