//! tr(t::nav_contacts()): the e-mail address the service writes to (confirmations, reminders, the office's
//! cancellations) and whether reminders are wanted.

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::submit::{Done, Submission};
use crate::language::tr;
use crate::session::Session;
use api::{calls, Contacts, ContactsUpdate, Role};
use catalogue::t;
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
            <PageHeading title=tr(t::nav_contacts())/>
            <p class="lead">{tr(t::contacts_lead())}</p>
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
                tr(t::contacts_saved_with_reminders(to))
            } else {
                tr(t::contacts_saved_without_reminders(to))
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
                <label class="label" for="email">{tr(t::contacts_email())}</label>
                <p class="hint" id="email-hint">{tr(t::contacts_email_hint())}</p>
                {move || error().map(|m| view! {
                    <p class="field-error" id="email-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
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
                    <label for="reminders">{tr(t::contacts_reminders())}</label>
                </div>
            </div>
            <button type="submit" class="button">{move || if pending.get() { tr(t::saving()) } else { tr(t::contacts_save()) }}</button>
        </form>
    }
}
