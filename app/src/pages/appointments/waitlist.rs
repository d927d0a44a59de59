//! Gestione appuntamenti's tr(t::waitlist_title()): the live entries, each offer with Conferma
//! Appuntamento and Rifiuta, each waiting entry with Esci dalla lista. Nothing when empty.

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::heading::focus_later;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::submit::{Done, Submission};
use crate::language::{date, date_with_weekday, time, tr, trs};
use api::{calls, paths, Appointment, Cf, EntryId, Reference, WaitlistEntry, WaitlistStatus};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The empty JSON object the answer calls send.
#[derive(serde::Serialize)]
struct NoBody {}

/// What the person does with an entry.
#[derive(Clone, Copy)]
enum Answer {
    Accept(EntryId),
    Decline(EntryId),
    Leave(EntryId),
}

/// What an answer came to: the appointment an accepted offer became, or what to say.
enum Answered {
    Booked(Reference),
    Said(&'static str),
}

async fn answer(a: Answer) -> Result<Answered, client::ApiError> {
    Ok(match a {
        Answer::Accept(id) => Answered::Booked(
            client::post::<_, Appointment>(&calls::waitlist_answer(id, true), &NoBody {})
                .await?
                .reference,
        ),
        Answer::Decline(id) => {
            client::post::<_, WaitlistEntry>(&calls::waitlist_answer(id, false), &NoBody {})
                .await?;
            Answered::Said(trs(t::waitlist_declined()))
        }
        Answer::Leave(id) => {
            client::delete(&calls::waitlist_entry(id)).await?;
            Answered::Said(trs(t::waitlist_left()))
        }
    })
}

/// "dal 3 marzo 2026 al 5 marzo 2026, di mattina (prima delle 13)"
pub fn days_in_words(e: &WaitlistEntry) -> String {
    let days = if e.from == e.to {
        tr(t::waitlist_one_day(date_with_weekday(&e.from)))
    } else {
        tr(t::waitlist_day_span(date(&e.from), date(&e.to)))
    };
    match e.part_of_day {
        Some(part) => tr(t::waitlist_days_part(days, part.label())),
        None => tr(t::waitlist_days_any(days)),
    }
}

/// Gestione appuntamenti's tr(t::waitlist_title()): the live entries, each offer with Conferma
/// Appuntamento and Rifiuta, each waiting entry with Esci dalla lista. Nothing when empty.
#[component]
pub fn WaitlistSection(cf: Cf, #[prop(into)] joined: Signal<bool>) -> impl IntoView {
    let navigate = use_navigate();
    let version = RwSignal::new(0u32);
    let list = fetch::<Vec<WaitlistEntry>>(move || {
        version.track();
        calls::waitlist_of(&cf)
    });
    // tr(t::waitlist_leave()) asks first: leaving gives up the person's turn, and cannot be undone.
    let confirming = RwSignal::new(None::<EntryId>);
    let answering = Submission::refusing(
        &[],
        answer,
        move |done: Answered| match done {
            Answered::Booked(reference) => {
                navigate(&paths::appointment(&reference), Default::default());
                None
            }
            Answered::Said(text) => {
                version.update(|v| *v += 1);
                // The entry is gone with the button that was pressed: the focus goes to what
                // happened, not to the page's start.
                focus_later("lista-attesa-esito");
                Some(text.to_string())
            }
        },
        move |_| {
            // Whatever changed meanwhile (a lapsed offer), the list shows it now.
            version.update(|v| *v += 1);
            None
        },
    );
    let act = move |a: Answer| {
        confirming.set(None);
        answering.submit(a)
    };
    view! {
        {move || joined.get().then(|| view! {
            <div class="alert alert--success" role="status"><p>{tr(t::waitlist_explain())}</p></div>
        })}
        <div id="lista-attesa-esito" tabindex="-1"><Done text=answering.done/></div>
        <ErrorSummary problems=answering.problems.into()/>
        {when_loaded(list, move |entries: Vec<WaitlistEntry>| {
            let live: Vec<WaitlistEntry> = entries.into_iter().filter(|e| e.status.is_live()).collect();
            if live.is_empty() {
                return ().into_any();
            }
            view! {
                <section aria-labelledby="lista-attesa-titolo">
                    <h2 id="lista-attesa-titolo">{tr(t::waitlist_title())}</h2>
                    <ul class="waitlist">
                        {live.into_iter().map(|e| {
                            let title_id = format!("attesa-{}", e.id);
                            let title = format!("{} – {}", e.office_name, e.point_label);
                            let id = e.id;
                            let body = match (&e.status, &e.offer) {
                                (WaitlistStatus::Offerta, Some(offer)) => {
                                    view! {
                                        <p class="waitlist__offer"><strong>{tr(t::waitlist_offer(date_with_weekday(&offer.starts_at), time(&offer.starts_at)))}</strong></p>
                                        <p>{tr(t::waitlist_offer_until(date_with_weekday(&offer.expires_at), time(&offer.expires_at), offer.reference.as_str()))}</p>
                                        <div class="actions">
                                            <button type="button" class="button" aria-describedby=title_id.clone()
                                                on:click=move |_| act(Answer::Accept(id))>{tr(t::hold_confirm())}</button>
                                            <button type="button" class="button button--secondary" aria-describedby=title_id.clone()
                                                on:click=move |_| act(Answer::Decline(id))>{tr(t::waitlist_decline())}</button>
                                        </div>
                                    }.into_any()
                                }
                                _ => {
                                    view! {
                                        <p><span class="status-tag">{tr(WaitlistStatus::InAttesa.label())}</span></p>
                                        <p class="hint">{match e.ahead {
                                            0 => tr(t::waitlist_ahead_none()),
                                            n => tr(t::waitlist_ahead(n)),
                                        }}</p>
                                        {let title_id = title_id.clone(); move || if confirming.get() == Some(id) {
                                            let question = format!("esci-{id}");
                                            focus_later(&question);
                                            view! {
                                                <div class="confirm-leave" role="group" aria-labelledby=question.clone()>
                                                    <p id=question.clone() tabindex="-1"><strong>{tr(t::waitlist_leave_question())}</strong>{tr(t::waitlist_leave_warning())}</p>
                                                    <div class="actions">
                                                        <button type="button" class="button button--danger" on:click=move |_| act(Answer::Leave(id))>{tr(t::waitlist_leave_yes())}</button>
                                                        <button type="button" class="button button--secondary" on:click=move |_| {
                                                            confirming.set(None);
                                                            focus_later(&format!("esci-lista-{id}"));
                                                        }>{tr(t::waitlist_leave_no())}</button>
                                                    </div>
                                                </div>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <div class="actions">
                                                    <button type="button" class="button button--secondary" id=format!("esci-lista-{id}") aria-describedby=title_id.clone()
                                                        on:click=move |_| confirming.set(Some(id))>{tr(t::waitlist_leave())}</button>
                                                </div>
                                            }.into_any()
                                        }}
                                    }.into_any()
                                }
                            };
                            view! {
                                <li class="waitlist__entry">
                                    <h3 class="waitlist__title" id=title_id.clone()>{title}</h3>
                                    <p>{tr(t::thread_context(&e.protocol, &e.subject))}</p>
                                    <p>{tr(t::waitlist_entry_days(days_in_words(&e)))}</p>
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
