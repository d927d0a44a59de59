//! "Accedi": codice fiscale (or an operator's username) and password.

use crate::client;
use crate::components::error_summary::{message_for, problems_from, ErrorSummary, Problem};
use crate::components::heading::PageHeading;
use crate::session::{Auth, Session};
use api::{LoginRequest, SessionInfo};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

const FIELDS: [(&str, &str); 2] = [("username", "username"), ("password", "password")];

#[component]
pub fn Login() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let pending = RwSignal::new(false);
    let notice = session.notice.get_untracked();

    let field_error = move |field: &'static str| problems.with(|list| message_for(list, field));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        let request = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match client::post::<_, SessionInfo>("/api/session", &request).await {
                Ok(info) => {
                    session.notice.set(None);
                    session.logged_in(info);
                    navigate(session.home(), Default::default());
                }
                Err(error) => {
                    password.set(String::new());
                    let list = if error.fields.is_empty() {
                        vec![Problem {
                            field: Some("username"),
                            message: error.message,
                        }]
                    } else {
                        problems_from(&error.fields, &FIELDS)
                    };
                    problems.set(list);
                }
            }
            pending.set(false);
        });
    };

    let already_in = move || matches!(session.auth.get(), Auth::LoggedIn(_));

    view! {
        <Show when=already_in>
            <Redirect path=session.home()/>
        </Show>
        <div class="narrow">
            <PageHeading title="Accedi"/>
            {notice.map(|text| view! { <div class="alert alert--info" role="status"><p>{text}</p></div> })}
            <ErrorSummary problems=problems.into()/>
            <p class="lead">"Accedi al Cassetto Previdenziale per Artigiani e Commercianti per scambiare comunicazioni con l'Istituto e gestire i tuoi appuntamenti."</p>
            <form class="form" novalidate on:submit=submit>
                <div class="form-group" class:form-group--error=move || field_error("username").is_some()>
                    <label class="label" for="username">"Codice fiscale o nome utente"</label>
                    <p class="hint" id="username-hint">"Gli operatori dell'Istituto usano il nome utente assegnato, ad esempio operatore.roma."</p>
                    {move || field_error("username").map(|m| view! {
                        <p class="field-error" id="username-error"><span class="visually-hidden">"Errore: "</span>{m}</p>
                    })}
                    <input class="input" id="username" name="username" type="text" autocomplete="username"
                        autocapitalize="characters" spellcheck="false"
                        aria-describedby=move || if field_error("username").is_some() { "username-hint username-error" } else { "username-hint" }
                        aria-invalid=move || field_error("username").is_some().then_some("true")
                        bind:value=username/>
                </div>
                <div class="form-group" class:form-group--error=move || field_error("password").is_some()>
                    <label class="label" for="password">"Password"</label>
                    {move || field_error("password").map(|m| view! {
                        <p class="field-error" id="password-error"><span class="visually-hidden">"Errore: "</span>{m}</p>
                    })}
                    <input class="input" id="password" name="password" type="password" autocomplete="current-password"
                        aria-describedby=move || field_error("password").is_some().then_some("password-error")
                        aria-invalid=move || field_error("password").is_some().then_some("true")
                        bind:value=password/>
                </div>
                <button type="submit" class="button">{move || if pending.get() { "Accesso in corso…" } else { "Accedi" }}</button>
            </form>
        </div>
    }
}
