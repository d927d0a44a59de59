//! The frame of every page: skip link, header with the service name, the user and "Esci", the
//! main navigation for the user's role, the "Stai operando per" banner, and the footer.

use crate::client;
use crate::components::session_warning::SessionWarning;
use crate::session::{Auth, Session};
use api::Role;
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

fn focus_main() {
    if let Some(main) = document()
        .get_element_by_id("contenuto")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let log_out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let _ = client::delete("/api/session").await;
            session.logged_out(Some("Sei uscito dal servizio."));
            navigate("/accedi", Default::default());
        });
    };

    let user = move || {
        session.info().map(|info| {
            let label = match &info.user.organisation {
                Some(org) => format!("{} – {}", info.user.name, org),
                None => info.user.name.clone(),
            };
            view! {
                <div class="header-slim__user">
                    <span class="header-slim__name">{label}</span>
                    <span class="header-slim__role">{info.user.role.label()}</span>
                    <button type="button" class="button button--small button--inverse" on:click=log_out.clone()>
                        "Esci"
                    </button>
                </div>
            }
        })
    };

    let navigation = move || {
        session.role().map(|role| {
            let links: Vec<(&'static str, &'static str)> = match role {
                Role::Contribuente => vec![
                    ("/comunicazioni", "Comunicazione bidirezionale"),
                    ("/appuntamenti", "Gestione appuntamenti"),
                    ("/recapiti", "Recapiti"),
                ],
                Role::Intermediario => vec![
                    ("/studio", "Agenda dello studio"),
                    ("/contribuenti", "Contribuenti"),
                    ("/comunicazioni", "Comunicazione bidirezionale"),
                    ("/appuntamenti", "Gestione appuntamenti"),
                    ("/recapiti", "Recapiti"),
                ],
                Role::Operatore => vec![
                    ("/sede/comunicazioni", "Comunicazioni della sede"),
                    ("/sede/agenda", "Agenda della sede"),
                    ("/sede/chiusure", "Chiusure e capienza"),
                ],
            };
            view! {
                <nav class="main-nav" aria-label="Navigazione principale">
                    <ul class="main-nav__list">
                        {links.into_iter().map(|(href, label)| view! {
                            <li><A href=href attr:class="main-nav__link">{label}</A></li>
                        }).collect_view()}
                    </ul>
                </nav>
            }
        })
    };

    let banner = move || {
        (session.role() == Some(Role::Intermediario))
            .then(|| session.selected_contributor())
            .flatten()
            .map(|c| {
                view! {
                    <div class="acting-for">
                        <div class="container acting-for__inner">
                            <p>
                                "Stai operando per: "
                                <strong>{format!("{} ({})", c.name, c.cf)}</strong>
                            </p>
                            <A href="/contribuenti" attr:class="acting-for__change">"Cambia contribuente"</A>
                        </div>
                    </div>
                }
            })
    };

    view! {
        <a class="skip-link" href="#contenuto" on:click=|ev| { ev.prevent_default(); focus_main(); }>
            "Vai al contenuto principale"
        </a>
        <header class="site-header">
            <div class="header-slim">
                <div class="container header-slim__inner">
                    <span class="header-slim__owner">"INPS – Istituto Nazionale Previdenza Sociale"</span>
                    {user}
                </div>
            </div>
            <div class="header-center">
                <div class="container">
                    <A href="/" attr:class="brand">
                        <span class="brand__title">"Cassetto Previdenziale per Artigiani e Commercianti"</span>
                        <span class="brand__tagline">"Comunicazione bidirezionale e Agenda appuntamenti"</span>
                    </A>
                </div>
            </div>
            <div class="header-nav">
                <div class="container">{navigation}</div>
            </div>
        </header>
        {banner}
        <main id="contenuto" class="container main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container">
                <p>"Istituto Nazionale Previdenza Sociale – Cassetto Previdenziale per Artigiani e Commercianti"</p>
            </div>
        </footer>
        <SessionWarning/>
    }
}

/// Shows its children only to a logged-in user; sends anyone else to "Accedi".
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    move || match session.auth.get() {
        Auth::Loading => view! { <p class="loading" role="status">"Caricamento…"</p> }.into_any(),
        Auth::Anonymous => view! { <Redirect path="/accedi"/> }.into_any(),
        Auth::LoggedIn(_) => children().into_any(),
    }
}

/// For pages about one contributor: the contributor the user acts for, or where to go instead
/// (an operator to the office's queue, an intermediary who has not chosen to the list).
pub fn selected_contributor_or_redirect() -> Result<api::Contributor, AnyView> {
    let session = expect_context::<Session>();
    if session.role() == Some(Role::Operatore) {
        return Err(view! { <Redirect path="/sede/comunicazioni"/> }.into_any());
    }
    session
        .selected_contributor()
        .ok_or_else(|| view! { <Redirect path="/contribuenti"/> }.into_any())
}
