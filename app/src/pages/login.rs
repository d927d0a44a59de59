//! "Accedi": codice fiscale (or an operator's username) and password.

use crate::client;
use crate::components::error_summary::{ErrorSummary, Problem};
use crate::components::heading::PageHeading;
use crate::components::submit::Submission;
use crate::session::{Auth, Session};
use api::{calls, LoginRequest, SessionInfo};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

const FIELDS: &[(&str, &str)] = &[("username", "username"), ("password", "password")];

#[component]
pub fn Login() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let notice = session.notice.get_untracked();
    let logging_in = Submission::refusing(
        FIELDS,
        move |request: LoginRequest| async move {
            client::post::<_, SessionInfo>(calls::SESSION, &request).await
        },
        move |info: SessionInfo| {
            session.notice.set(None);
            session.logged_in(info);
            navigate(session.home(), Default::default());
            None
        },
        move |error| {
            password.set(String::new());
            // Wrong credentials concern no field: the summary leads to the first.
            error.fields.is_empty().then(|| {
                vec![Problem {
                    field: Some("username"),
                    message: error.message.clone(),
                }]
            })
        },
    );
    let field_error = move |field: &'static str| logging_in.error(field).get();
    let pending = logging_in.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        logging_in.submit(LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
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
            <ErrorSummary problems=logging_in.problems.into()/>
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
