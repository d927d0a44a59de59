//! The frame of every page: skip link, header with the service name, the user and tr(t::shell_log_out()), the
//! main navigation for the user's role, the "Stai operando per" banner, and the footer.

use crate::client;
use crate::components::session_warning::SessionWarning;
use crate::language::{tr, trs};
use crate::session::{here, leave_for_login, Auth, Session};
use api::{calls, paths, Language, LoginNotice, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
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
    // Esci: the session ends on the server, whatever the answer, and the login page says so.
    let leaving = Action::new_local(move |_: &()| async move {
        let _ = client::delete(calls::SESSION).await;
        session.logged_out();
        leave_for_login(paths::HOME, Some(LoginNotice::LoggedOut), false);
    });
    let log_out = move |_| {
        // The drafts go at the press, before anything is awaited: a page left at once (or a
        // request that never answers) must not keep them for the next person.
        crate::drafts::forget_all();
        if !leaving.pending().get_untracked() {
            leaving.dispatch_local(());
        }
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
                    <span class="header-slim__role">{tr(info.user.role.label())}</span>
                    <button type="button" class="button button--small button--inverse" on:click=log_out>
                        {tr(t::shell_log_out())}
                    </button>
                </div>
            }
        })
    };

    // Italiano / English: each named in itself, the current one marked; a choice is kept for
    // this device and the account, and the page comes back in it with what was typed.
    let languages = move || {
        let signed_in = session.info().is_some();
        view! {
            <nav class="language-switch" aria-label=tr(t::shell_language())>
                <ul class="language-switch__list">
                    {Language::ALL.iter().map(|&language| {
                        let code = language.code();
                        if language == crate::language::current() {
                            view! {
                                <li><span class="language-switch__current" lang=code aria-current="true">{language.own_name()}</span></li>
                            }.into_any()
                        } else {
                            view! {
                                <li><button type="button" class="language-switch__choice" lang=code
                                    on:click=move |_| leptos::task::spawn_local(crate::language::choose(language, signed_in))>
                                    {language.own_name()}
                                </button></li>
                            }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    };

    let menu_open = RwSignal::new(false);
    let navigation = move || {
        session.role().map(|role| {
            let links: Vec<(&'static str, &'static str)> = match role {
                Role::Contribuente => vec![
                    (paths::COMMUNICATIONS, trs(t::nav_communications())),
                    (paths::APPOINTMENTS, trs(t::nav_appointments())),
                    (paths::CONTACTS, trs(t::nav_contacts())),
                ],
                Role::Intermediario => vec![
                    (paths::STUDIO, trs(t::nav_studio())),
                    (paths::CONTRIBUTORS, trs(t::nav_contributors())),
                    (paths::COMMUNICATIONS, trs(t::nav_communications())),
                    (paths::APPOINTMENTS, trs(t::nav_appointments())),
                    (paths::CONTACTS, trs(t::nav_contacts())),
                ],
                Role::Operatore => vec![
                    (paths::OFFICE_QUEUE, trs(t::nav_office_queue())),
                    (paths::OFFICE_AGENDA, trs(t::nav_office_agenda())),
                    (paths::OFFICE_WEEK, trs(t::nav_office_week())),
                    (paths::CLOSURES, trs(t::nav_closures())),
                    (paths::OFFICE_STATS, trs(t::nav_office_stats())),
                ],
            };
            view! {
                <nav class="main-nav" aria-label=tr(t::nav_main())>
                    // On a phone the links fold behind tr(t::nav_menu()), so the page starts in the first
                    // screen; the button is hidden on wider screens, where the list always shows.
                    <button type="button" class="main-nav__toggle" aria-controls="menu-principale"
                        aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                        on:click=move |_| menu_open.update(|open| *open = !*open)>
                        {tr(t::nav_menu())}
                    </button>
                    <ul id="menu-principale" class="main-nav__list" class:main-nav__list--open=move || menu_open.get()>
                        {
                            let entries: Vec<&'static str> = links.iter().map(|(href, _)| *href).collect();
                            let location = leptos_router::hooks::use_location();
                            links.into_iter().map(move |(href, label)| {
                                let entries = entries.clone();
                                let current = move || {
                                    (crate::session::nav_section(role, &location.pathname.get(), &entries) == Some(href))
                                        .then_some("page")
                                };
                                view! {
                                    // A link followed closes the menu.
                                    <li on:click=move |_| menu_open.set(false)><a href=href class="main-nav__link" aria-current=current>{label}</a></li>
                                }
                            }).collect_view()
                        }
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
                                {tr(t::shell_acting_for())}
                                <strong>{format!("{} ({})", c.name, c.cf)}</strong>
                            </p>
                            <A href=paths::CONTRIBUTORS attr:class="acting-for__change">{tr(t::shell_change_contributor())}</A>
                        </div>
                    </div>
                }
            })
    };

    view! {
        <a class="skip-link" href="#contenuto" on:click=|ev| { ev.prevent_default(); focus_main(); }>
            {tr(t::shell_skip_link())}
        </a>
        <header class="site-header">
            <div class="header-slim">
                <div class="container header-slim__inner">
                    // On a phone the short name, so the user's name and tr(t::shell_log_out()) fit on the same line.
                    <span class="header-slim__owner">
                        <span class="header-slim__owner-full">{tr(t::shell_owner())}</span>
                        <span class="header-slim__owner-short" aria-hidden="true">"INPS"</span>
                    </span>
                    {languages}
                    {user}
                </div>
            </div>
            <div class="header-center">
                <div class="container">
                    <A href=paths::HOME attr:class="brand">
                        <span class="brand__title">{tr(t::shell_service_name())}</span>
                        <span class="brand__tagline">{tr(t::shell_service_tagline())}</span>
                    </A>
                </div>
            </div>
            <div class="header-nav">
                <div class="container">{navigation}</div>
            </div>
        </header>
        {banner}
        // Operators find anyone from every office page: a contributor phones with a code.
        {move || (session.role() == Some(Role::Operatore)).then(|| {
            let query = leptos_router::hooks::use_query_map();
            let current = Signal::derive(move || query.read().get("q").unwrap_or_default());
            view! {
                <div class="office-search-bar no-print">
                    <div class="container"><super::office_search::OfficeSearchBox current=current/></div>
                </div>
            }
        })}
        <main id="contenuto" class="container main" tabindex="-1">
            {children()}
        </main>
        <SiteFooter/>
        <SessionWarning/>
    }
}

/// The footer of every page (the server's pages draw the same, `server/src/html.rs`): the
/// Institute, the service, and the pages a public service owes its users — the server's own,
/// so they are opened by a full navigation (`rel="external"`), not by the router.
#[component]
fn SiteFooter() -> impl IntoView {
    let links = [
        (paths::ACCESSIBILITY, t::footer_accessibility()),
        (paths::PRIVACY, t::footer_privacy()),
        (paths::COOKIES, t::footer_cookies()),
        (paths::HELP, t::footer_help()),
        (paths::CONTACT_CENTRE, t::footer_contacts()),
    ];
    view! {
        <footer class="site-footer">
            <div class="container">
                <p class="site-footer__owner">{tr(t::shell_owner())}</p>
                <p class="site-footer__service">{tr(t::shell_service_name())}</p>
                <nav class="site-footer__nav" aria-label=tr(t::footer_label())>
                    <ul class="site-footer__links">
                        {links.into_iter().map(|(href, text)| view! {
                            <li><a href=href rel="external">{tr(text)}</a></li>
                        }).collect_view()}
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// What every page does when the server says the session is over (it ended elsewhere, or by
/// inactivity): the header shows the truth at once, and the login page says why and brings the
/// person back to this same address, where the drafts wait.
pub fn session_ended() -> impl Fn(LoginNotice) + Clone {
    let session = use_context::<Session>();
    move |notice| {
        if let Some(session) = session {
            session.logged_out();
        }
        leave_for_login(&here(), Some(notice), false);
    }
}

/// The notice for a session that ended while the person was on a page.
pub fn ended() -> LoginNotice {
    LoginNotice::Ended
}

/// Shows its children only to a logged-in user; sends anyone else to "Accedi", which brings
/// them back here. (The server sends a visitor without a session there before the app loads;
/// this is for a session that ends while the app runs.)
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    Effect::new(move |_| {
        if session.auth.get() == Auth::Anonymous {
            leave_for_login(&here(), None, true);
        }
    });
    move || match session.auth.get() {
        Auth::LoggedIn(_) => children().into_any(),
        _ => view! { <p class="loading" role="status">{tr(t::loading())}</p> }.into_any(),
    }
}

/// For pages about one contributor: the contributor the user acts for, or where to go instead
/// (an operator to the office's queue, an intermediary who has not chosen to the list).
pub fn selected_contributor_or_redirect() -> Result<api::Contributor, AnyView> {
    let session = expect_context::<Session>();
    if session.role() == Some(Role::Operatore) {
        return Err(view! { <Redirect path=paths::OFFICE_QUEUE/> }.into_any());
    }
    session
        .selected_contributor()
        .ok_or_else(|| view! { <Redirect path=paths::CONTRIBUTORS/> }.into_any())
}
