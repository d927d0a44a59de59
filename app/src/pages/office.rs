//! The office's side: "Comunicazioni della sede" and "Registra esito".

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::described_by;
use crate::components::filters::{FilterBar, SelectFilter};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::pager::{page_of, Pager};
use crate::components::params::thread_id;
use crate::components::status::StatusTag;
use crate::components::submit::Submission;
use crate::language::{date, tr, trs};
use crate::session::Session;
use api::paths::{self, Arrival};
use api::{
    calls, CommunicationDetail, CommunicationStatus, OfficeQueuePage, Outcome, OutcomeRequest, Role,
};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn OfficeQueue() -> impl IntoView {
    let session = expect_context::<Session>();
    let Some(info) = session.info().filter(|i| i.user.role == Role::Operatore) else {
        return view! { <Redirect path=session.home()/> }.into_any();
    };
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let awaiting = move || query.read().get("da_rispondere").is_some_and(|v| v == "1");
    let page = move || page_of(&query.read());
    let queue =
        fetch::<OfficeQueuePage>(move || calls::office_queue(&status(), awaiting(), page()));
    view! {
        <PageHeading title=tr(t::queue_title())/>
        <p class="lead">{tr(t::queue_lead())}</p>
        <p class="context">{tr(t::queue_office())}<strong>{info.user.office.unwrap_or_default()}</strong></p>
        <FilterBar action=paths::OFFICE_QUEUE label=trs(t::queue_filter())>
            <SelectFilter id="filtro-stato" name="status" label=trs(t::label_status()) all=trs(t::threads_all_statuses())
                options={CommunicationStatus::ALL.iter().map(|s| (s.code().to_string(), tr(s.label()))).collect::<Vec<_>>()}
                current=Signal::derive(status)/>
            <div class="filters__field filters__field--check">
                <input class="checkbox" type="checkbox" id="filtro-da-rispondere" name="da_rispondere" value="1"
                    prop:checked=awaiting/>
                <label for="filtro-da-rispondere">{tr(t::queue_only_awaiting())}</label>
            </div>
        </FilterBar>
        {when_loaded(queue, move |queue: OfficeQueuePage| {
            if queue.items.is_empty() {
                return view! { <div class="alert alert--info" role="status"><p>{tr(t::queue_empty())}</p></div> }.into_any();
            }
            let pages = queue.total.div_ceil(queue.page_size).max(1);
            let link = move |p: u32| paths::office_queue_page(&status(), awaiting(), p);
            view! {
                <p class="result-count" role="status">{tr(t::queue_count(queue.total))}</p>
                <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <caption class="visually-hidden">{tr(t::queue_caption())}</caption>
                    <thead><tr>
                        <th scope="col">{tr(t::label_subject())}</th>
                        <th scope="col">{tr(t::label_contributor())}</th>
                        <th scope="col">{tr(t::label_topic())}</th>
                        <th scope="col">{tr(t::label_sent_on())}</th>
                        <th scope="col">{tr(t::label_status())}</th>
                    </tr></thead>
                    <tbody>
                        {queue.items.into_iter().map(|c| view! {
                            <tr>
                                <td class="table__lead">
                                    <a href=paths::thread(c.id)>{c.subject.clone()}</a>
                                    {c.awaiting_answer.then(|| view! { <span class="badge">{tr(t::queue_awaiting())}</span> })}
                                    {c.handled_by.clone().map(|who| view! {
                                        <br/><span class="hint">{tr(t::queue_handled_by(who))}</span>
                                    })}
                                    {c.awaiting_since.as_deref().map(|since| view! {
                                        <br/><span class="waiting-since">{tr(t::queue_waiting_since(date(since)))}</span>
                                    })}
                                    <br/><span class="hint">{c.protocol.clone()}</span>
                                </td>
                                <td data-label=trs(t::label_contributor())>{c.contributor.name.clone()}<br/><span class="hint">{c.contributor.cf.to_string()}</span></td>
                                <td data-label=trs(t::label_topic())>{c.topic.label.clone()}</td>
                                <td class="nowrap" data-label=trs(t::label_sent_on())>{date(&c.sent_at)}</td>
                                <td data-label=trs(t::label_status())><StatusTag status=c.status/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <Pager page=queue.page pages=pages link=link/>
            }.into_any()
        })}
    }
    .into_any()
}

fn is_open(status: CommunicationStatus) -> bool {
    matches!(
        status,
        CommunicationStatus::Inviata | CommunicationStatus::InLavorazione
    )
}

#[component]
pub fn OutcomePage() -> impl IntoView {
    let id = thread_id();
    let thread = fetch::<CommunicationDetail>(move || calls::thread(id.get()));
    let navigate = use_navigate();
    let outcome = RwSignal::new(None::<Outcome>);
    let text = RwSignal::new(String::new());
    let recording = Submission::new(
        &[("outcome", "outcome-accolta"), ("text", "motivation")],
        move |body: OutcomeRequest| async move {
            client::post::<_, CommunicationDetail>(&calls::outcome(id.get_untracked()), &body).await
        },
        move |_: CommunicationDetail| {
            navigate(
                &paths::thread_after(id.get_untracked(), Arrival::OutcomeRecorded),
                Default::default(),
            );
            None
        },
    );
    let error = move |field: &'static str| recording.error(field);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        recording.submit(OutcomeRequest {
            outcome: outcome.get_untracked().map(Into::into).unwrap_or_default(),
            text: text.get_untracked(),
        });
    };
    let choice = |code: Outcome, label: &'static str| {
        let id = format!("outcome-{}", code.code());
        view! {
            <div class="radio">
                <input type="radio" id=id.clone() name="outcome" value=code.code()
                    on:change=move |_| outcome.set(Some(code))/>
                <label for=id>{label}</label>
            </div>
        }
    };

    view! {
        <div class="narrow">
            <PageHeading title=tr(t::outcome_title())/>
            {when_loaded(thread, |t: CommunicationDetail| {
                let status = t.summary.status;
                view! {
                    <p class="lead">{tr(t::outcome_lead(&t.summary.protocol, &t.summary.subject, &t.contributor.name))}</p>
                    {(!is_open(status)).then(|| view! {
                        <div class="alert alert--info" role="status">
                            <p>{tr(t::outcome_already(status.label()))}</p>
                        </div>
                        <p><a href=paths::thread(t.summary.id)>{tr(t::back_to_thread())}</a></p>
                    })}
                }
            })}
            <ErrorSummary problems=recording.problems.into()/>
            // The form only for a request still waiting for its outcome.
            <form class="form" novalidate on:submit=submit
                hidden=move || !thread.get().and_then(Result::ok).is_some_and(|t| is_open(t.summary.status))>
                <div class="form-group" class:form-group--error=move || error("outcome-accolta").get().is_some()>
                    <fieldset class="fieldset" aria-describedby=move || described_by("outcome", false, error("outcome-accolta").get().is_some())>
                        <legend class="label">{tr(t::outcome_legend())}</legend>
                        {move || error("outcome-accolta").get().map(|m| view! {
                            <p class="field-error" id="outcome-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                        })}
                        {choice(Outcome::Accolta, trs(Outcome::Accolta.status().label()))}
                        {choice(Outcome::NonAccolta, trs(Outcome::NonAccolta.status().label()))}
                    </fieldset>
                </div>
                <div class="form-group" class:form-group--error=move || error("motivation").get().is_some()>
                    <label class="label" for="motivation">{tr(t::outcome_motivation())}</label>
                    <p class="hint" id="motivation-hint">{tr(t::outcome_motivation_hint())}</p>
                    {move || error("motivation").get().map(|m| view! {
                        <p class="field-error" id="motivation-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                    })}
                    <textarea class="textarea" id="motivation" name="text" rows="6"
                        aria-describedby=move || described_by("motivation", true, error("motivation").get().is_some())
                        aria-invalid=move || error("motivation").get().map(|_| "true")
                        bind:value=text></textarea>
                </div>
                <button type="submit" class="button">{tr(t::outcome_title())}</button>
                " "<a href=move || paths::thread(id.get()) class="button button--secondary">{tr(t::cancel())}</a>
            </form>
        </div>
    }
}
