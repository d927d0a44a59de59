//! "Recapiti": the e-mail address the service writes to (confirmations, reminders, the office's
//! cancellations) and whether reminders are wanted.

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::submit::{Done, Submission};
use crate::session::Session;
use api::{calls, Contacts, ContactsUpdate, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;

const FIELDS: &[(&str, &str)] = &[("email", "email")];

#[component]
pub fn ContactsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() == Some(Role::Operatore) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let current = fetch::<Contacts>(|| calls::CONTACTS.to_string());
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
    let saving = Submission::new(
        FIELDS,
        move |update: ContactsUpdate| async move {
            client::put::<_, Contacts>(calls::CONTACTS, &update).await
        },
        move |now: Contacts| {
            email.set(now.email.clone().unwrap_or_default());
            let to = now.email.unwrap_or_default();
            Some(if now.reminders {
                format!("Recapiti salvati: {to}, con i promemoria.")
            } else {
                format!("Recapiti salvati: {to}, senza promemoria.")
            })
        },
    );
    let error = move || saving.error("email").get();
    let pending = saving.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saving.submit(ContactsUpdate {
            email: email.get_untracked(),
            reminders: reminders.get_untracked(),
        });
    };

    view! {
        <ErrorSummary problems=saving.problems.into()/>
        <Done text=saving.done/>
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
