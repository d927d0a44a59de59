//! "Recapiti": the e-mail address the service writes to (confirmations, reminders, the office's
//! cancellations) and whether reminders are wanted.

use crate::client;
use crate::components::error_summary::{message_for, problems_from, ErrorSummary, Problem};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::session::Session;
use api::{Contacts, ContactsUpdate, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;

const FIELDS: [(&str, &str); 1] = [("email", "email")];

#[component]
pub fn ContactsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() == Some(Role::Operatore) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let current = fetch::<Contacts>(|| "/api/me/contacts".to_string());
    view! {
        <div class="narrow">
            <PageHeading title="Recapiti"/>
            <p class="lead">"L'indirizzo e-mail a cui l'Istituto ti scriverà per le conferme degli appuntamenti, i promemoria e gli avvisi della sede, ad esempio se un appuntamento viene annullato."</p>
            {when_loaded(current, |contacts: Contacts| view! { <ContactsForm contacts=contacts/> })}
        </div>
    }
    .into_any()
}

#[component]
fn ContactsForm(contacts: Contacts) -> impl IntoView {
    let email = RwSignal::new(contacts.email.clone().unwrap_or_default());
    let reminders = RwSignal::new(contacts.reminders);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let pending = RwSignal::new(false);
    let saved = RwSignal::new(None::<String>);
    let error = move || problems.with(|list| message_for(list, "email"));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        saved.set(None);
        let update = ContactsUpdate {
            email: email.get_untracked(),
            reminders: reminders.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match client::put::<_, Contacts>("/api/me/contacts", &update).await {
                Ok(now) => {
                    problems.set(Vec::new());
                    email.set(now.email.clone().unwrap_or_default());
                    let to = now.masked.unwrap_or_default();
                    saved.set(Some(if now.reminders {
                        format!("Recapiti salvati: {to}, con i promemoria.")
                    } else {
                        format!("Recapiti salvati: {to}, senza promemoria.")
                    }));
                }
                Err(failure) => {
                    let list = problems_from(&failure.fields, &FIELDS);
                    problems.set(if list.is_empty() {
                        vec![Problem {
                            field: None,
                            message: failure.message,
                        }]
                    } else {
                        list
                    });
                }
            }
            pending.set(false);
        });
    };

    view! {
        <ErrorSummary problems=problems.into()/>
        <div role="status" class="status-region">
            {move || saved.get().map(|text| view! { <div class="alert alert--success"><p>{text}</p></div> })}
        </div>
        <form class="form" novalidate on:submit=submit>
            <div class="form-group" class:form-group--error=move || error().is_some()>
                <label class="label" for="email">"Indirizzo e-mail"</label>
                <p class="hint" id="email-hint">"Ad esempio nome.cognome@example.it. Non lo useremo per altro."</p>
                {move || error().map(|m| view! {
                    <p class="field-error" id="email-error"><span class="visually-hidden">"Errore: "</span>{m}</p>
                })}
                <input class="input" id="email" name="email" type="email" autocomplete="email"
                    spellcheck="false" maxlength="254"
                    aria-describedby=move || if error().is_some() { "email-hint email-error" } else { "email-hint" }
                    aria-invalid=move || error().is_some().then_some("true")
                    bind:value=email/>
            </div>
            <div class="form-group">
                <div class="check">
                    <input id="reminders" name="reminders" type="checkbox" bind:checked=reminders/>
                    <label for="reminders">"Voglio un promemoria prima di ogni appuntamento"</label>
                </div>
            </div>
            <button type="submit" class="button">{move || if pending.get() { "Salvataggio…" } else { "Salva i recapiti" }}</button>
        </form>
    }
}
