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
use crate::language::{tr, trs};
use crate::session::Session;
use api::paths::{self, Arrival};
use api::{
    calls, CommunicationDetail, CommunicationPage, CommunicationStatus, NewCommunication,
    NewMessage, Role, Topic,
};
use catalogue::t;
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
        .map(|s| (s.code().to_string(), tr(s.label())))
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
        <FilterBar action=paths::COMMUNICATIONS label=trs(t::threads_filter())>
            <SelectFilter id="filtro-stato" name="status" label=trs(t::label_status()) all=trs(t::threads_all_statuses())
                options=statuses current=Signal::derive(status)/>
            <SelectFilter id="filtro-argomento" name="topic" label=trs(t::label_topic()) all=trs(t::threads_all_topics())
                options=topic_options current=Signal::derive(topic)/>
        </FilterBar>
    };

    view! {
        <PageHeading title=tr(t::nav_communications())/>
        <p class="lead">{tr(t::threads_lead())}</p>
        <p><a href=paths::NEW_COMMUNICATION class="button">{tr(t::threads_new())}</a></p>
        {filters}
        {when_loaded(list, move |list: CommunicationPage| {
            let filtered = !status().is_empty() || !topic().is_empty();
            if list.items.is_empty() {
                return view! {
                    <div class="alert alert--info" role="status">
                        {if filtered {
                            view! { <p>{tr(t::threads_none_filtered())}<a href=paths::COMMUNICATIONS>{tr(t::threads_show_all())}</a></p> }.into_any()
                        } else {
                            view! { <p>{tr(t::threads_none())}</p> }.into_any()
                        }}
                    </div>
                }.into_any();
            }
            let pages = list.total.div_ceil(list.page_size).max(1);
            let link = move |p: u32| paths::communications_page(&status(), &topic(), p);
            view! {
                <p class="result-count" role="status">{tr(t::threads_count(list.total))}</p>
                <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <caption class="visually-hidden">{tr(t::threads_caption(&name))}</caption>
                    <thead><tr>
                        <th scope="col">{tr(t::label_subject())}</th>
                        <th scope="col">{tr(t::label_protocol())}</th>
                        <th scope="col">{tr(t::label_topic())}</th>
                        <th scope="col">{tr(t::label_sent_on())}</th>
                        <th scope="col">{tr(t::label_status())}</th>
                        <th scope="col">{tr(t::label_appointment())}</th>
                    </tr></thead>
                    <tbody>
                        {list.items.into_iter().map(|c| view! {
                            <tr>
                                <td class="table__lead">
                                    <a href=paths::thread(c.id)>{c.subject.clone()}</a>
                                    {c.new_answer.then(|| view! { <span class="badge">{tr(t::threads_new_answer())}</span> })}
                                </td>
                                <td class="nowrap" data-label=tr(t::label_protocol())>{c.protocol.clone()}</td>
                                <td data-label=tr(t::label_topic())>{c.topic.label.clone()}</td>
                                <td class="nowrap" data-label=tr(t::label_sent_on())>{crate::language::date(&c.sent_at)}</td>
                                <td data-label=tr(t::label_status())><StatusTag status=c.status/></td>
                                <td data-label=tr(t::label_appointment())><RequestAppointment thread_id=c.id eligibility=c.eligibility.clone() context=c.protocol.clone()/></td>
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
            <PageHeading title=tr(t::threads_new())/>
            <ErrorSummary problems=sending.problems.into()/>
            <p class="lead">{
                // "Per conto di" only for whoever writes for someone else.
                if expect_context::<Session>().role() == Some(Role::Intermediario) {
                    tr(t::thread_new_lead_for(contributor.name))
                } else {
                    tr(t::thread_new_lead())
                }
            }</p>
            <form class="form" novalidate on:submit=submit>
                <FieldGroup id="topic" label=trs(t::label_topic()) error=error("topic")>
                    <select class="select" id="topic" name="topic"
                        aria-describedby=move || described_by("topic", false, error("topic").get().is_some())
                        aria-invalid=move || error("topic").get().map(|_| "true")
                        on:change=move |ev| topic.set(event_target_value(&ev))>
                        <option value="">{tr(t::thread_choose_topic())}</option>
                        {move || topics.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|t| view! {
                            <option value=t.code.clone()>{t.label}</option>
                        }).collect_view()}
                    </select>
                </FieldGroup>
                <FieldGroup id="subject" label=trs(t::label_subject()) hint=trs(t::hint_max_150()) error=error("subject")>
                    <input class="input" id="subject" name="subject" type="text"
                        aria-describedby=move || described_by("subject", true, error("subject").get().is_some())
                        aria-invalid=move || error("subject").get().map(|_| "true")
                        bind:value=subject/>
                </FieldGroup>
                <FieldGroup id="text" label=trs(t::label_text()) hint=trs(t::hint_max_4000()) error=error("text")>
                    <textarea class="textarea" id="text" name="text" rows="8"
                        aria-describedby=move || described_by("text", true, error("text").get().is_some())
                        aria-invalid=move || error("text").get().map(|_| "true")
                        bind:value=text></textarea>
                </FieldGroup>
                <button type="submit" class="button">{move || if pending.get() { tr(t::sending()) } else { tr(t::thread_send()) }}</button>
                " "<a href=paths::COMMUNICATIONS class="button button--secondary">{tr(t::cancel())}</a>
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
                tr(t::thread_answer_sent())
            } else {
                { tr(t::thread_message_sent()) }.to_string()
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
                Some(Arrival::Sent) => Some(tr(t::thread_arrived_sent(&s.protocol))),
                Some(Arrival::OutcomeRecorded) => Some(tr(t::thread_arrived_outcome(s.status.label()))),
                _ => None,
            };
            let open = matches!(s.status, CommunicationStatus::Inviata | CommunicationStatus::InLavorazione);
            let rating_due = t.rating_due;
            view! {
                <PageHeading title=s.subject.clone()/>
                {done.map(|m| view! { <div class="alert alert--success" role="status"><p>{m}</p></div> })}
                <dl class="facts">
                    <div><dt>{tr(t::label_protocol())}</dt><dd>{s.protocol.clone()}</dd></div>
                    <div><dt>{tr(t::label_contributor())}</dt><dd>{format!("{} ({})", t.contributor.name, t.contributor.cf)}
                        {is_office.then(|| view! { " – "<a href=paths::office_contributor(&t.contributor.cf)>{tr(t::thread_contributor_card())}</a> })}</dd></div>
                    <div><dt>{tr(t::label_topic())}</dt><dd>{s.topic.label.clone()}</dd></div>
                    <div><dt>{tr(t::label_sent_on())}</dt><dd>{crate::language::date_time(&s.sent_at)}</dd></div>
                    <div><dt>{tr(t::label_office())}</dt><dd>{t.office.clone()}</dd></div>
                    <div><dt>{tr(t::label_status())}</dt><dd><StatusTag status=s.status/></dd></div>
                </dl>
                {if is_office {
                    // The outcome is the routed office's; the office that hosts the appointment
                    // reads and answers, and says whose the thread is.
                    let routed_here = session.info().and_then(|i| i.user.office) == Some(t.office.clone());
                    let appointment = match s.eligibility.active_appointment.clone() {
                        Some(reference) => view! {
                            <a href=paths::appointment(&reference) class="button button--secondary">{tr(t::thread_appointment(reference.as_str()))}</a>
                        }.into_any(),
                        None if s.status != CommunicationStatus::Chiusa => view! {
                            <a href=paths::office_booking(s.id) class="button button--secondary">{tr(t::thread_book_for())}</a>
                        }.into_any(),
                        None => ().into_any(),
                    };
                    if routed_here {
                        view! {
                            <p class="actions">
                                {open.then(|| view! { <a href=paths::outcome(s.id) class="button">{tr(t::thread_record_outcome())}</a> })}
                                {appointment}
                            </p>
                        }.into_any()
                    } else {
                        view! {
                            <p class="hint">{tr(t::thread_routed_elsewhere(&t.office))}</p>
                        }.into_any()
                    }
                } else {
                    view! { <RequestAppointment thread_id=s.id eligibility=s.eligibility.clone()/> }.into_any()
                }}
                {is_office.then(|| view! { <crate::components::thread_office::ThreadOfficePanel id=s.id/> })}
                <h2>{tr(t::thread_messages())}</h2>
                <ol class="messages">
                    {let last = t.messages.len().saturating_sub(1);
                    t.messages.into_iter().enumerate().map(|(i, m)| view! {
                        <li class="message" class:message--institute=m.from_institute class:message--automatic=m.automatic
                            id=(i == last).then_some("ultimo-messaggio") tabindex=(i == last).then_some("-1")>
                            <p class="message__meta"><strong>{m.author}</strong>" – "{crate::language::date_time(&m.sent_at)}</p>
                            <p class="message__text">{m.text}</p>
                            <MessageFiles files=m.attachments/>
                        </li>
                    }).collect_view()}
                </ol>
                {rating_due.map(|occasion| view! {
                    <crate::components::rating::Rating occasion=occasion url=calls::thread_rating(s.id)/>
                })}
            }
        })}
        // What sending did, seen where the person is and announced, with the way to it.
        <div role="status" class="status-region">
            {move || writing.done.get().map(|text| view! {
                <div class="alert alert--success">
                    <p>{text}" "<a href="#ultimo-messaggio">{tr(t::thread_go_to_message())}</a></p>
                </div>
            })}
        </div>
        // Only under a thread that was shown and still takes messages: never under a 404. While
        // it reloads after a message, the form stays (and keeps the focus).
        {move || writable.get().then(|| view! {
            <h2>{if is_office { tr(t::thread_answer_title()) } else { tr(t::thread_write_title()) }}</h2>
            <ErrorSummary problems=problems/>
            <form class="form narrow" novalidate on:submit=submit>
                <FieldGroup id="reply" label=trs(t::label_message()) hint=trs(t::hint_max_4000()) error=writing.error("reply")>
                    <textarea class="textarea" id="reply" name="text" rows="5"
                        aria-describedby=move || described_by("reply", true, writing.error("reply").get().is_some())
                        aria-invalid=move || writing.error("reply").get().map(|_| "true")
                        bind:value=reply></textarea>
                </FieldGroup>
                <AttachmentPicker files=files thread=id.get_untracked() limits=limits.get_untracked()/>
                <button type="submit" class="button">{move || if writing.pending().get() { tr(t::sending()) } else { tr(t::thread_send_message()) }}</button>
            </form>
        })}
        {move || shown.get().then(|| view! {
            <p><a href=if is_office { paths::OFFICE_QUEUE } else { paths::COMMUNICATIONS }>{tr(t::thread_back())}</a></p>
        })}
    }
}
