//! The office's own side of a thread: "Presa in carico da …" with Prendi in carico /
//! Rilascia, and the internal notes colleagues write for each other. The contributor's side
//! never sees it (the server answers them 404).

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::FieldGroup;
use crate::components::loaded::fetch;
use crate::components::submit::{Done, Submission};
use crate::language::{date, time, tr, trs};
use api::{calls, NewInternalNote, ThreadId, ThreadOffice};
use catalogue::t;
use leptos::prelude::*;

/// The empty JSON object a PUT sends.
#[derive(serde::Serialize)]
struct NoBody {}

#[derive(Clone)]
enum Act {
    Take,
    Release,
    Note(String),
}

#[component]
pub fn ThreadOfficePanel(id: ThreadId) -> impl IntoView {
    let side = fetch::<ThreadOffice>(move || calls::thread_office(id));
    let note = RwSignal::new(String::new());
    let acting = Submission::new(
        &[("text", "nota-interna")],
        move |act: Act| async move {
            Ok(match act {
                Act::Take => (
                    trs(t::office_took_thread()),
                    client::put::<_, ThreadOffice>(&calls::thread_handling(id), &NoBody {}).await?,
                ),
                Act::Release => {
                    client::delete(&calls::thread_handling(id)).await?;
                    (
                        trs(t::office_released_thread()),
                        client::get::<ThreadOffice>(&calls::thread_office(id)).await?,
                    )
                }
                Act::Note(text) => (
                    trs(t::office_note_saved()),
                    client::post::<_, ThreadOffice>(
                        &calls::thread_notes(id),
                        &NewInternalNote { text },
                    )
                    .await?,
                ),
            })
        },
        move |(said, now): (&'static str, ThreadOffice)| {
            note.set(String::new());
            side.set(Some(Ok(now)));
            Some(said.to_string())
        },
    );
    let submit_note = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        acting.submit(Act::Note(note.get_untracked()));
    };
    view! {
        <section class="thread-office" aria-labelledby="sede-interna">
            <h2 id="sede-interna">{tr(t::office_internal_title())}</h2>
            <p class="hint">{tr(t::office_internal_hint())}</p>
            <Done text=acting.done/>
            <ErrorSummary problems=acting.problems.into()/>
            {move || side.get().and_then(Result::ok).map(|s| view! {
                <p>{match (&s.handled_by, &s.handled_since) {
                    (Some(who), Some(since)) => tr(t::office_in_charge(who, date(since), time(since))),
                    _ => tr(t::office_nobody_in_charge()),
                }}</p>
                <p>{if s.handled_by_me {
                    view! { <button type="button" class="button button--secondary" on:click=move |_| acting.submit(Act::Release)>{tr(t::office_release())}</button> }.into_any()
                } else {
                    view! { <button type="button" class="button button--secondary" on:click=move |_| acting.submit(Act::Take)>{tr(t::office_take())}</button> }.into_any()
                }}</p>
                {(!s.notes.is_empty()).then(|| view! {
                    <h3>{tr(t::office_notes_title())}</h3>
                    <ul class="internal-notes">
                        {s.notes.into_iter().map(|n| view! {
                            <li><strong>{tr(t::office_note_signature(n.author, date(&n.written_at), time(&n.written_at)))}</strong><p class="message__text">{n.text}</p></li>
                        }).collect_view()}
                    </ul>
                })}
            })}
            <form class="form narrow" novalidate on:submit=submit_note>
                <FieldGroup id="nota-interna" label=trs(t::office_note_label()) hint=trs(t::office_note_hint()) error=acting.error("nota-interna")>
                    <textarea class="textarea" id="nota-interna" rows="3" maxlength="2000"
                        aria-describedby="nota-interna-hint" bind:value=note></textarea>
                </FieldGroup>
                <button type="submit" class="button button--secondary">{tr(t::office_note_save())}</button>
            </form>
        </section>
    }
}
