//! Scheda del contribuente, for operators: what the office holds of one person (their threads
//! routed to it, their appointments there, how often they came or did not, the phones their
//! bookings gave), to answer at the desk or on the phone.

use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::status::StatusTag;
use crate::language::tr;
use crate::session::Session;
use api::{calls, it, paths, status_text, OfficeContributorFile, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfficeContributorPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() != Some(Role::Operatore) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let params = use_params_map();
    let cf = move || params.read().get("cf").unwrap_or_default();
    let file = fetch::<OfficeContributorFile>(move || {
        calls::office_contributor(&String::from(js_sys::encode_uri_component(&cf())))
    });
    view! {
        <PageHeading title="Scheda del contribuente"/>
        {when_loaded(file, move |f: OfficeContributorFile| {
            let c = f.contributor.clone();
            crate::components::heading::set_title(&format!("Scheda di {}", c.name));
            let attended = match f.attended {
                0 => "nessun appuntamento svolto".to_string(),
                1 => "1 appuntamento svolto".to_string(),
                n => format!("{n} appuntamenti svolti"),
            };
            let no_shows = match f.no_shows {
                0 => "nessuna assenza".to_string(),
                1 => "1 volta non presentato".to_string(),
                n => format!("{n} volte non presentato"),
            };
            view! {
                <p class="lead">{format!("{} – {}", c.name, c.cf)}</p>
                <dl class="facts">
                    <div><dt>"Categoria"</dt><dd>{tr(c.category.label())}</dd></div>
                    <div><dt>"Provincia"</dt><dd>{c.province.clone()}</dd></div>
                    <div><dt>"Recapiti telefonici"</dt><dd>{if f.phones.is_empty() { "Nessuno: non ha ancora prenotato".to_string() } else { f.phones.join(", ") }}</dd></div>
                    <div><dt>"Presso la sede"</dt><dd>{format!("{attended}, {no_shows}")}</dd></div>
                </dl>
                <section aria-labelledby="scheda-comunicazioni">
                    <h2 id="scheda-comunicazioni">"Comunicazioni"</h2>
                    {if f.communications.is_empty() {
                        view! { <p>"Nessuna comunicazione assegnata alla sede."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="search-results">
                                {f.communications.into_iter().map(|t| {
                                    let book = (t.status != api::CommunicationStatus::Chiusa).then(|| view! {
                                        " – "<a href=paths::office_booking(t.id)>"Prenota"<span class="visually-hidden">{format!(" per la comunicazione {}", t.protocol)}</span></a>
                                    });
                                    view! {
                                        <li>
                                            <a href=paths::thread(t.id)>{t.subject.clone()}</a>
                                            {format!(" – {} – inviata il {} ", t.protocol, it::date(&t.sent_at))}
                                            <StatusTag status=t.status/>
                                            {t.awaiting_answer.then(|| view! { " "<span class="tag">"Da rispondere"</span> })}
                                            {book}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="scheda-appuntamenti">
                    <h2 id="scheda-appuntamenti">"Appuntamenti presso la sede"</h2>
                    {if f.appointments.is_empty() {
                        view! { <p>"Nessun appuntamento presso la sede."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="search-results">
                                {f.appointments.into_iter().map(|a| view! {
                                    <li>
                                        <a href=paths::appointment(&a.reference)>{a.reference.to_string()}</a>
                                        {format!(" – {}, ore {} – {} – {}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at), a.point.label, tr(status_text(a.status, a.cancelled_by_office)))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
        })}
    }
    .into_any()
}
