//! Cerca, for operators: a contributor phones or walks in with a codice fiscale, a name, a
//! protocol or an appointment reference; what matches of the office, in three lists.

use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::status::StatusTag;
use crate::language::{date_with_weekday, time, tr};
use crate::session::Session;
use api::{calls, paths, status_text, OfficeSearch, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OfficeSearchPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() != Some(Role::Operatore) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let query = use_query_map();
    let q = Signal::derive(move || query.read().get("q").unwrap_or_default());
    let results = fetch::<OfficeSearch>(move || {
        calls::office_search(&String::from(js_sys::encode_uri_component(q.get().trim())))
    });
    view! {
        <PageHeading title=tr(t::search_title())/>
        <p class="lead">{tr(t::search_lead())}</p>
        {move || (!q.get().trim().is_empty()).then(|| when_loaded(results, move |r: OfficeSearch| {
            let total = r.contributors.len() + r.communications.len() + r.appointments.len();
            let said = tr(t::search_count(total, q.get_untracked().trim()));
            view! {
                <p class="result-count" role="status">{said}</p>
                {(!r.contributors.is_empty()).then(|| view! {
                    <section aria-labelledby="trovati-contribuenti">
                        <h2 id="trovati-contribuenti">{tr(t::search_contributors())}</h2>
                        <ul class="search-results">
                            {r.contributors.into_iter().map(|c| view! {
                                <li>
                                    <a href=paths::office_contributor(&c.cf)>{c.name.clone()}</a>
                                    " – "{c.cf.to_string()}" – "{tr(c.category.label())}", "{c.province.clone()}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                {(!r.communications.is_empty()).then(|| view! {
                    <section aria-labelledby="trovate-comunicazioni">
                        <h2 id="trovate-comunicazioni">{tr(t::file_threads())}</h2>
                        <ul class="search-results">
                            {r.communications.into_iter().map(|c| view! {
                                <li>
                                    <a href=paths::thread(c.id)>{c.subject.clone()}</a>
                                    " – "{c.protocol.clone()}" – "{c.contributor.name.clone()}" "
                                    <StatusTag status=c.status/>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                {(!r.appointments.is_empty()).then(|| view! {
                    <section aria-labelledby="trovati-appuntamenti">
                        <h2 id="trovati-appuntamenti">{tr(t::search_appointments())}</h2>
                        <ul class="search-results">
                            {r.appointments.into_iter().map(|a| view! {
                                <li>
                                    <a href=paths::appointment(&a.reference)>{a.reference.to_string()}</a>
                                    {tr(t::search_appointment_line(date_with_weekday(&a.starts_at), time(&a.starts_at), &a.point.label, &a.contributor.name, status_text(a.status, a.cancelled_by_office)))}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            }
        }))}
    }
    .into_any()
}
