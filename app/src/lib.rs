//! The browser app: a Leptos single-page app over the JSON API. Pages live in `pages/` and do
//! not import each other; what two share lives in `components/`; rules in plain modules
//! (`session`, `booking`) tested natively. Every address comes from `api::paths` and
//! `api::calls`; the router's patterns below are the only other place that spells them.

pub mod booking;
pub mod client;
pub mod components;
pub mod drafts;
pub mod language;
pub mod pages;
pub mod session;

use components::shell::{RequireLogin, Shell};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use pages::*;
use session::Session;

pub fn start() {
    console_error_panic_hook::set_once();
    // The words (English is fetched only for those who read it) and who is here, then the
    // pages. Until then index.html's frame is on screen; the app replaces it whole, in the same
    // frame it first draws, already knowing the session: nothing drawn moves afterwards (the
    // navigation and the name do not arrive later). The browser's own executor: Leptos sets
    // up its own only when mounting.
    wasm_bindgen_futures::spawn_local(async {
        language::start().await;
        // The server puts the session in the page it serves to a signed-in person; asked only
        // when it could not (a page reached from another site, where the cookie is held back).
        let who = match embedded_status() {
            Some(status) => {
                session::note_activity();
                status.session
            }
            None => match client::get::<api::SessionStatus>(api::calls::SESSION_STATUS).await {
                Ok(api::SessionStatus { session }) => session,
                Err(_) => None,
            },
        };
        if let Some(frame) = leptos::prelude::document().get_element_by_id("shell") {
            frame.remove();
        }
        leptos::mount::mount_to_body(move || view! { <App who=who.clone()/> });
    });
}

/// The session the server wrote into the page (`<script type="application/json"
/// id="sessione">`), read once and removed.
fn embedded_status() -> Option<api::SessionStatus> {
    let block = leptos::prelude::document().get_element_by_id("sessione")?;
    let text = block.text_content()?;
    block.remove();
    serde_json::from_str(&text).ok()
}

#[component]
pub fn App(
    /// The session as the server told it at start (none for a visitor).
    who: Option<api::SessionInfo>,
) -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    provide_context(components::contact_fields::BookingMemory::new());
    match who {
        Some(info) => session.logged_in(info),
        None => session.logged_out(),
    }

    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <components::not_found::NotFound/> }>
                    <Route path=path!("/") view=home::Home/>
                    <Route
                        path=path!("/studio")
                        view=|| view! { <RequireLogin><studio::StudioAgenda/></RequireLogin> }
                    />
                    <Route
                        path=path!("/contribuenti")
                        view=|| view! { <RequireLogin><contributors::ChooseContributor/></RequireLogin> }
                    />
                    <Route
                        path=path!("/comunicazioni")
                        view=|| view! { <RequireLogin><communications::CommunicationList/></RequireLogin> }
                    />
                    <Route
                        path=path!("/comunicazioni/nuova")
                        view=|| view! { <RequireLogin><communications::NewCommunicationPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/comunicazioni/:id")
                        view=|| view! { <RequireLogin><communications::ThreadPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/comunicazioni/:id/appuntamento")
                        view=|| view! { <RequireLogin><pages::booking::BookingWizard/></RequireLogin> }
                    />
                    <Route
                        path=path!("/comunicazioni/:id/lista-attesa")
                        view=|| view! { <RequireLogin><pages::waitlist::WaitlistJoin/></RequireLogin> }
                    />
                    <Route
                        path=path!("/appuntamenti/:reference")
                        view=|| view! { <RequireLogin><appointment::AppointmentPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/appuntamenti")
                        view=|| view! { <RequireLogin><appointments::AppointmentList/></RequireLogin> }
                    />
                    <Route
                        path=path!("/recapiti")
                        view=|| view! { <RequireLogin><contacts::ContactsPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/comunicazioni")
                        view=|| view! { <RequireLogin><office::OfficeQueue/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/agenda")
                        view=|| view! { <RequireLogin><office_agenda::OfficeAgendaPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/chiusure")
                        view=|| view! { <RequireLogin><office_agenda::ClosuresPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/settimana")
                        view=|| view! { <RequireLogin><office_week::OfficeWeekPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/cerca")
                        view=|| view! { <RequireLogin><office_search::OfficeSearchPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/andamento")
                        view=|| view! { <RequireLogin><pages::office_stats::OfficeStatsPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/segnalazioni-accessibilita")
                        view=|| view! { <RequireLogin><pages::office_reports::OfficeReportsPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/contribuenti/:cf")
                        view=|| view! { <RequireLogin><pages::office_contributor::OfficeContributorPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/comunicazioni/:id/prenota")
                        view=|| view! { <RequireLogin><pages::office_booking::OfficeBookingPage/></RequireLogin> }
                    />
                    <Route
                        path=path!("/sede/comunicazioni/:id/esito")
                        view=|| view! { <RequireLogin><office::OutcomePage/></RequireLogin> }
                    />
                </Routes>
            </Shell>
        </Router>
    }
}
