//! Comunicazione bidirezionale for the selected contributor: the list, a new thread, one
//! thread with its messages, and the start of "Richiedi appuntamento".

use crate::client;
use crate::components::attachments::{self, AttachmentPicker, Files, MessageFiles};
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{described_by, FieldGroup};
use crate::components::filters::{FilterBar, SelectFilter};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::pager::{page_of, Pager};
use crate::components::params::thread_id;
use crate::components::request_appointment::RequestAppointment;
use crate::components::shell::selected_contributor_or_redirect;
use crate::components::status::StatusTag;
use crate::components::submit::Submission;
use crate::drafts;
use crate::session::Session;
use api::paths::{self, Arrival};
use api::{
    calls, it, CommunicationDetail, CommunicationPage, CommunicationStatus, NewCommunication,
    NewMessage, Role, Topic,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn CommunicationList() -> impl IntoView {
    let contributor = match selected_contributor_or_redirect() {
        Ok(contributor) => contributor,
        Err(redirect) => return redirect,
    };
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let topic = move || query.read().get("topic").unwrap_or_default();
    let page = move || page_of(&query.read());
    let cf = contributor.cf.clone();
    let list = fetch::<CommunicationPage>(move || {
        calls::communications_page(&cf, &status(), &topic(), page())
    });
    let topics = fetch::<Vec<Topic>>(|| calls::TOPICS.to_string());
    let name = contributor.name.clone();

    let statuses: Vec<(String, String)> = CommunicationStatus::ALL
        .iter()
        .map(|s| (s.code().to_string(), s.label().to_string()))
        .collect();
    let topic_options = Signal::derive(move || {
        topics
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|t| (t.code, t.label))
            .collect::<Vec<_>>()
    });
    let filters = view! {
        <FilterBar action=paths::COMMUNICATIONS label="Filtra le comunicazioni">
            <SelectFilter id="filtro-stato" name="status" label="Stato" all="Tutti gli stati"
                options=statuses current=Signal::derive(status)/>
            <SelectFilter id="filtro-argomento" name="topic" label="Argomento" all="Tutti gli argomenti"
                options=topic_options current=Signal::derive(topic)/>
        </FilterBar>
    };

    view! {
        <PageHeading title="Comunicazione bidirezionale"/>
        <p class="lead">"Le comunicazioni scambiate con l'Istituto. Da ciascuna puoi richiedere un appuntamento quando l'argomento lo consente o se la richiesta non è stata accolta."</p>
        <p><a href=paths::NEW_COMMUNICATION class="button">"Nuova comunicazione"</a></p>
        {filters}
        {when_loaded(list, move |list: CommunicationPage| {
            let filtered = !status().is_empty() || !topic().is_empty();
            if list.items.is_empty() {
                return view! {
                    <div class="alert alert--info" role="status">
                        {if filtered {
                            view! { <p>"Nessuna comunicazione corrisponde ai filtri scelti. "<a href=paths::COMMUNICATIONS>"Mostra tutte le comunicazioni"</a></p> }.into_any()
                        } else {
                            view! { <p>"Non ci sono ancora comunicazioni. Per scrivere all'Istituto usa «Nuova comunicazione»."</p> }.into_any()
                        }}
                    </div>
                }.into_any();
            }
            let pages = list.total.div_ceil(list.page_size).max(1);
            let link = move |p: u32| paths::communications_page(&status(), &topic(), p);
            view! {
                <p class="result-count" role="status">{if list.total == 1 { "1 comunicazione.".to_string() } else { format!("{} comunicazioni.", list.total) }}</p>
                <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <caption class="visually-hidden">{format!("Comunicazioni di {}", name)}</caption>
                    <thead><tr>
                        <th scope="col">"Oggetto"</th>
                        <th scope="col">"Protocollo"</th>
                        <th scope="col">"Argomento"</th>
                        <th scope="col">"Inviata il"</th>
                        <th scope="col">"Stato"</th>
                        <th scope="col">"Appuntamento"</th>
                    </tr></thead>
                    <tbody>
                        {list.items.into_iter().map(|c| view! {
                            <tr>
                                <td class="table__lead">
                                    <a href=paths::thread(c.id)>{c.subject.clone()}</a>
                                    {c.new_answer.then(|| view! { <span class="badge">"Nuova risposta"</span> })}
                                </td>
                                <td class="nowrap" data-label="Protocollo">{c.protocol.clone()}</td>
                                <td data-label="Argomento">{c.topic.label.clone()}</td>
                                <td class="nowrap" data-label="Inviata il">{it::date(&c.sent_at)}</td>
                                <td data-label="Stato"><StatusTag status=c.status/></td>
                                <td data-label="Appuntamento"><RequestAppointment thread_id=c.id eligibility=c.eligibility.clone() context=c.protocol.clone()/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <Pager page=list.page pages=pages link=link/>
            }.into_any()
        })}
    }
    .into_any()
}

const NEW_FIELDS: &[(&str, &str)] = &[("topic", "topic"), ("subject", "subject"), ("text", "text")];

#[component]
pub fn NewCommunicationPage() -> impl IntoView {
    let contributor = match selected_contributor_or_redirect() {
        Ok(contributor) => contributor,
        Err(redirect) => return redirect,
    };
    let navigate = use_navigate();
    let topics = fetch::<Vec<Topic>>(|| calls::TOPICS.to_string());
    let topic = RwSignal::new(String::new());
    let subject = drafts::kept(format!("nuova.{}.oggetto", contributor.cf));
    let text = drafts::kept(format!("nuova.{}.testo", contributor.cf));
    let url = calls::communications(&contributor.cf);
    let sending = Submission::new(
        NEW_FIELDS,
        move |body: NewCommunication| {
            let url = url.clone();
            async move { client::post::<_, CommunicationDetail>(&url, &body).await }
        },
        move |thread: CommunicationDetail| {
            subject.set(String::new());
            text.set(String::new());
            navigate(
                &paths::thread_after(thread.summary.id, Arrival::Sent),
                Default::default(),
            );
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sending.submit(NewCommunication {
            topic: topic.get_untracked(),
            subject: subject.get_untracked(),
            text: text.get_untracked(),
        });
    };
    let error = move |id: &'static str| sending.error(id);
    let pending = sending.pending();

    view! {
        <div class="narrow">
            <PageHeading title="Nuova comunicazione"/>
            <ErrorSummary problems=sending.problems.into()/>
            <p class="lead">{
                // "Per conto di" only for whoever writes for someone else.
                if expect_context::<Session>().role() == Some(Role::Intermediario) {
                    format!("Scrivi all'Istituto per conto di {}. Tutti i campi sono obbligatori.", contributor.name)
                } else {
                    "Scrivi all'Istituto. Tutti i campi sono obbligatori.".to_string()
                }
            }</p>
            <form class="form" novalidate on:submit=submit>
                <FieldGroup id="topic" label="Argomento" error=error("topic")>
                    <select class="select" id="topic" name="topic"
                        aria-describedby=move || described_by("topic", false, error("topic").get().is_some())
                        aria-invalid=move || error("topic").get().map(|_| "true")
                        on:change=move |ev| topic.set(event_target_value(&ev))>
                        <option value="">"Scegli l'argomento"</option>
                        {move || topics.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|t| view! {
                            <option value=t.code.clone()>{t.label}</option>
                        }).collect_view()}
                    </select>
                </FieldGroup>
                <FieldGroup id="subject" label="Oggetto" hint="Al massimo 150 caratteri." error=error("subject")>
                    <input class="input" id="subject" name="subject" type="text"
                        aria-describedby=move || described_by("subject", true, error("subject").get().is_some())
                        aria-invalid=move || error("subject").get().map(|_| "true")
                        bind:value=subject/>
                </FieldGroup>
                <FieldGroup id="text" label="Testo" hint="Al massimo 4000 caratteri." error=error("text")>
                    <textarea class="textarea" id="text" name="text" rows="8"
                        aria-describedby=move || described_by("text", true, error("text").get().is_some())
                        aria-invalid=move || error("text").get().map(|_| "true")
                        bind:value=text></textarea>
                </FieldGroup>
                <button type="submit" class="button">{move || if pending.get() { "Invio in corso…" } else { "Invia comunicazione" }}</button>
                " "<a href=paths::COMMUNICATIONS class="button button--secondary">"Annulla"</a>
            </form>
        </div>
    }
    .into_any()
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let id = thread_id();
    let thread = fetch::<CommunicationDetail>(move || calls::thread(id.get()));
    let reply = drafts::kept(format!("risposta.{}", id.get_untracked()));
    let is_office = session.role() == Some(Role::Operatore);
    let files = Files::new();
    let writing = Submission::new(
        &[("text", "reply"), ("attachments", attachments::INPUT)],
        move |body: NewMessage| async move {
            client::post::<_, CommunicationDetail>(&calls::messages(id.get_untracked()), &body)
                .await
        },
        move |_: CommunicationDetail| {
            reply.set(String::new());
            files.sent();
            thread.refetch();
            Some(if is_office {
                "Risposta inviata: il contribuente la legge in questa comunicazione.".to_string()
            } else {
                "Messaggio inviato: la sede lo legge in questa comunicazione e ti risponde qui."
                    .to_string()
            })
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(ids) = files.ids() else {
            files.still_uploading();
            return;
        };
        writing.submit(NewMessage {
            text: reply.get_untracked(),
            attachments: ids,
        });
    };
    // The summary lists the message's problems and the files' together.
    let problems = Signal::derive(move || {
        let mut list = writing.problems.get();
        list.extend(files.problems.get());
        list
    });

    // What the last answer allowed, kept while the thread reloads.
    type Shown = (bool, bool, api::AttachmentLimits);
    let state = Memo::new(move |previous: Option<&Shown>| match thread.get() {
        Some(Ok(t)) => (
            true,
            t.summary.status != CommunicationStatus::Chiusa,
            t.attachment_limits,
        ),
        Some(Err(_)) => (false, false, Default::default()),
        None => previous
            .copied()
            .unwrap_or((false, false, Default::default())),
    });
    let shown = Memo::new(move |_| state.get().0);
    let writable = Memo::new(move |_| state.get().1);
    let limits = Memo::new(move |_| state.get().2);

    // Arriving from the new communication or from Registra esito: say it happened.
    let query = use_query_map();
    let arrived = move || {
        query
            .read()
            .get("esito")
            .and_then(|e| Arrival::from_code(&e))
    };

    view! {
        {when_loaded(thread, move |t: CommunicationDetail| {
            let s = t.summary.clone();
            let done = match arrived() {
                Some(Arrival::Sent) => Some(format!(
                    "Comunicazione inviata con protocollo {}. La risposta della sede arriverà in questa pagina.",
                    s.protocol
                )),
                Some(Arrival::OutcomeRecorded) => Some(format!(
                    "Esito registrato: {}. Il contribuente lo legge in questa comunicazione.",
                    s.status.label()
                )),
                _ => None,
            };
            let open = matches!(s.status, CommunicationStatus::Inviata | CommunicationStatus::InLavorazione);
            view! {
                <PageHeading title=s.subject.clone()/>
                {done.map(|m| view! { <div class="alert alert--success" role="status"><p>{m}</p></div> })}
                <dl class="facts">
                    <div><dt>"Protocollo"</dt><dd>{s.protocol.clone()}</dd></div>
                    <div><dt>"Contribuente"</dt><dd>{format!("{} ({})", t.contributor.name, t.contributor.cf)}
                        {is_office.then(|| view! { " – "<a href=paths::office_contributor(&t.contributor.cf)>"Scheda del contribuente"</a> })}</dd></div>
                    <div><dt>"Argomento"</dt><dd>{s.topic.label.clone()}</dd></div>
                    <div><dt>"Inviata il"</dt><dd>{it::date_time(&s.sent_at)}</dd></div>
                    <div><dt>"Struttura territoriale"</dt><dd>{t.office.clone()}</dd></div>
                    <div><dt>"Stato"</dt><dd><StatusTag status=s.status/></dd></div>
                </dl>
                {if is_office {
                    // The outcome is the routed office's; the office that hosts the appointment
                    // reads and answers, and says whose the thread is.
                    let routed_here = session.info().and_then(|i| i.user.office) == Some(t.office.clone());
                    let appointment = match s.eligibility.active_appointment.clone() {
                        Some(reference) => view! {
                            <a href=paths::appointment(&reference) class="button button--secondary">{format!("Appuntamento {reference}")}</a>
                        }.into_any(),
                        None if s.status != CommunicationStatus::Chiusa => view! {
                            <a href=paths::office_booking(s.id) class="button button--secondary">"Prenota per il contribuente"</a>
                        }.into_any(),
                        None => ().into_any(),
                    };
                    if routed_here {
                        view! {
                            <p class="actions">
                                {open.then(|| view! { <a href=paths::outcome(s.id) class="button">"Registra esito"</a> })}
                                {appointment}
                            </p>
                        }.into_any()
                    } else {
                        view! {
                            <p class="hint">{format!("La comunicazione è assegnata alla {}: la tua sede la legge e risponde perché vi si svolge l'appuntamento; l'esito lo registra la {}.", t.office, t.office)}</p>
                        }.into_any()
                    }
                } else {
                    view! { <RequestAppointment thread_id=s.id eligibility=s.eligibility.clone()/> }.into_any()
                }}
                {is_office.then(|| view! { <crate::components::thread_office::ThreadOfficePanel id=s.id/> })}
                <h2>"Messaggi"</h2>
                <ol class="messages">
                    {let last = t.messages.len().saturating_sub(1);
                    t.messages.into_iter().enumerate().map(|(i, m)| view! {
                        <li class="message" class:message--institute=m.from_institute class:message--automatic=m.automatic
                            id=(i == last).then_some("ultimo-messaggio") tabindex=(i == last).then_some("-1")>
                            <p class="message__meta"><strong>{m.author}</strong>" – "{it::date_time(&m.sent_at)}</p>
                            <p class="message__text">{m.text}</p>
                            <MessageFiles files=m.attachments/>
                        </li>
                    }).collect_view()}
                </ol>
            }
        })}
        // What sending did, seen where the person is and announced, with the way to it.
        <div role="status" class="status-region">
            {move || writing.done.get().map(|text| view! {
                <div class="alert alert--success">
                    <p>{text}" "<a href="#ultimo-messaggio">"Vai al messaggio"</a></p>
                </div>
            })}
        </div>
        // Only under a thread that was shown and still takes messages: never under a 404. While
        // it reloads after a message, the form stays (and keeps the focus).
        {move || writable.get().then(|| view! {
            <h2>{if is_office { "Rispondi al contribuente" } else { "Scrivi un messaggio" }}</h2>
            <ErrorSummary problems=problems/>
            <form class="form narrow" novalidate on:submit=submit>
                <FieldGroup id="reply" label="Messaggio" hint="Al massimo 4000 caratteri." error=writing.error("reply")>
                    <textarea class="textarea" id="reply" name="text" rows="5"
                        aria-describedby=move || described_by("reply", true, writing.error("reply").get().is_some())
                        aria-invalid=move || writing.error("reply").get().map(|_| "true")
                        bind:value=reply></textarea>
                </FieldGroup>
                <AttachmentPicker files=files thread=id.get_untracked() limits=limits.get_untracked()/>
                <button type="submit" class="button">{move || if writing.pending().get() { "Invio in corso…" } else { "Invia messaggio" }}</button>
            </form>
        })}
        {move || shown.get().then(|| view! {
            <p><a href=if is_office { paths::OFFICE_QUEUE } else { paths::COMMUNICATIONS }>"Torna all'elenco delle comunicazioni"</a></p>
        })}
    }
}
