//! Cerca, for operators: a contributor phones or walks in with a codice fiscale, a name, a
//! protocol or an appointment reference; what matches of the office, in three lists.

use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::status::StatusTag;
use crate::language::tr;
use crate::session::Session;
use api::{calls, it, paths, status_text, OfficeSearch, Role};
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
        <PageHeading title="Cerca nella sede"/>
        <p class="lead">"Scrivi nella casella sopra un codice fiscale, un nome, un protocollo o un identificativo di appuntamento: trovi quelli della tua sede."</p>
        {move || (!q.get().trim().is_empty()).then(|| when_loaded(results, move |r: OfficeSearch| {
            let total = r.contributors.len() + r.communications.len() + r.appointments.len();
            let said = match total {
                0 => format!("Nessun risultato per «{}» nella sede.", q.get_untracked().trim()),
                1 => "1 risultato.".to_string(),
                n => format!("{n} risultati."),
            };
            view! {
                <p class="result-count" role="status">{said}</p>
                {(!r.contributors.is_empty()).then(|| view! {
                    <section aria-labelledby="trovati-contribuenti">
                        <h2 id="trovati-contribuenti">"Contribuenti"</h2>
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
                        <h2 id="trovate-comunicazioni">"Comunicazioni"</h2>
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
                        <h2 id="trovati-appuntamenti">"Appuntamenti"</h2>
                        <ul class="search-results">
                            {r.appointments.into_iter().map(|a| view! {
                                <li>
                                    <a href=paths::appointment(&a.reference)>{a.reference.to_string()}</a>
                                    {format!(" – {}, ore {} – {} – {} – {}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), a.point.label, a.contributor.name, tr(status_text(a.status, a.cancelled_by_office)))}
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
