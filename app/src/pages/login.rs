//! tr(t::login_title()): SPID and CIE first, when the service is in the federation; below them the password
//! form, labelled for whom it is (the demo's accounts, or the Institute's operators); the reason
//! a SPID/CIE login came back refused.

use crate::client;
use crate::components::error_summary::{ErrorSummary, Problem};
use crate::components::heading::PageHeading;
use crate::components::identity_doors::IdentityDoors;
use crate::components::loaded::fetch;
use crate::components::submit::Submission;
use crate::language::{tr, trs};
use crate::session::{safe_return, Auth, Session};
use api::{calls, LoginFailure, LoginOptions, LoginRequest, PasswordLogin, SessionInfo};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

const FIELDS: &[(&str, &str)] = &[("username", "username"), ("password", "password")];

#[component]
pub fn Login() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let notice = session.notice.get_untracked();
    // Where the person was when the session ended: back there after logging in.
    let back = use_query_map()
        .get_untracked()
        .get("torna")
        .and_then(|path| safe_return(&path));
    let after_login = back.clone();
    let redirect_to = back.clone();
    let logging_in = Submission::refusing(
        FIELDS,
        move |request: LoginRequest| async move {
            client::post::<_, SessionInfo>(calls::SESSION, &request).await
        },
        move |info: SessionInfo| {
            session.notice.set(None);
            session.logged_in(info);
            let next = after_login
                .clone()
                .unwrap_or_else(|| session.home().to_string());
            navigate(&next, Default::default());
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
    let options = fetch::<LoginOptions>(|| calls::SESSION_OPTIONS.to_string());
    // Until the options arrive (or if they cannot), the form shows as it always has.
    let doors = move || options.get().and_then(Result::ok);
    let failure = use_query_map()
        .get_untracked()
        .get("errore")
        .and_then(|code| LoginFailure::from_code(&code));
    let refused = Signal::derive(move || {
        failure
            .map(|f| {
                vec![Problem {
                    field: None,
                    message: failure_message(f).to_string(),
                }]
            })
            .unwrap_or_default()
    });
    let form_title = move || match doors() {
        Some(o) if o.demo => trs(t::login_demo_title()),
        Some(o) if o.password_login == PasswordLogin::Operators => trs(t::login_operators_title()),
        Some(_) => trs(t::login_password_title()),
        None => trs(t::login_password_title()),
    };
    let form_hint = move || match doors() {
        Some(o) if o.demo => trs(t::login_demo_hint()),
        Some(o) if o.password_login == PasswordLogin::Operators => trs(t::login_operators_hint()),
        _ => trs(t::login_password_hint()),
    };
    let shows_form = move || doors().is_none_or(|o| o.password_login != PasswordLogin::Off);

    view! {
        <Show when=already_in>
            <Redirect path=redirect_to.clone().unwrap_or_else(|| session.home().to_string())/>
        </Show>
        <div class="narrow">
            <PageHeading title=tr(t::login_title())/>
            {notice.map(|text| view! { <div class="alert alert--info" role="status"><p>{text}</p></div> })}
            <ErrorSummary problems=refused/>
            <p class="lead">{tr(t::login_lead())}</p>
            {move || doors().filter(|o| !o.providers.is_empty()).map(|o| view! { <IdentityDoors providers=o.providers back=back.clone()/> })}
            <Show when=shows_form>
            <section class="password-login" aria-labelledby="password-title">
            <h2 id="password-title" class="password-login__title">{form_title}</h2>
            <ErrorSummary problems=logging_in.problems.into()/>
            <form class="form" novalidate on:submit=submit>
                <div class="form-group" class:form-group--error=move || field_error("username").is_some()>
                    <label class="label" for="username">{tr(t::login_username())}</label>
                    <p class="hint" id="username-hint">{form_hint}</p>
                    {move || field_error("username").map(|m| view! {
                        <p class="field-error" id="username-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                    })}
                    <input class="input" id="username" name="username" type="text" autocomplete="username"
                        autocapitalize="characters" spellcheck="false"
                        aria-describedby=move || if field_error("username").is_some() { "username-hint username-error" } else { "username-hint" }
                        aria-invalid=move || field_error("username").is_some().then_some("true")
                        bind:value=username/>
                </div>
                <div class="form-group" class:form-group--error=move || field_error("password").is_some()>
                    <label class="label" for="password">{tr(t::login_password())}</label>
                    {move || field_error("password").map(|m| view! {
                        <p class="field-error" id="password-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                    })}
                    <input class="input" id="password" name="password" type="password" autocomplete="current-password"
                        aria-describedby=move || field_error("password").is_some().then_some("password-error")
                        aria-invalid=move || field_error("password").is_some().then_some("true")
                        bind:value=password/>
                </div>
                <button type="submit" class="button">{move || if pending.get() { tr(t::login_pending()) } else { tr(t::login_title()) }}</button>
            </form>
            </section>
            </Show>
        </div>
    }
}

/// What a refused SPID/CIE login tells the person, and what to do next.
fn failure_message(failure: LoginFailure) -> &'static str {
    match failure {
        LoginFailure::Expired => trs(t::login_failure_expired()),
        LoginFailure::Cancelled => trs(t::login_failure_cancelled()),
        LoginFailure::Provider => trs(t::login_failure_provider()),
        LoginFailure::Level => trs(t::login_failure_level()),
        LoginFailure::Unknown => trs(t::login_failure_unknown()),
        LoginFailure::Unverified => trs(t::login_failure_unverified()),
    }
}
