//! Scheda del contribuente, for operators: what the office holds of one person (their threads
//! routed to it, their appointments there, how often they came or did not, the phones their
//! bookings gave), to answer at the desk or on the phone.

use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::status::StatusTag;
use crate::language::{date, date_with_weekday, time, tr};
use crate::session::Session;
use api::{calls, paths, status_text, OfficeContributorFile, Role};
use catalogue::t;
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
        <PageHeading title=tr(t::office_contributor_file())/>
        {when_loaded(file, move |f: OfficeContributorFile| {
            let c = f.contributor.clone();
            crate::components::heading::set_title(&tr(t::file_of(&c.name)));
            let attended = tr(t::file_attended(f.attended));
            let no_shows = tr(t::file_no_shows(f.no_shows));
            view! {
                <p class="lead">{format!("{} – {}", c.name, c.cf)}</p>
                <dl class="facts">
                    <div><dt>{tr(t::file_category())}</dt><dd>{tr(c.category.label())}</dd></div>
                    <div><dt>{tr(t::file_province())}</dt><dd>{c.province.clone()}</dd></div>
                    <div><dt>{tr(t::file_phones())}</dt><dd>{if f.phones.is_empty() { tr(t::file_no_phones()) } else { f.phones.join(", ") }}</dd></div>
                    <div><dt>{tr(t::file_at_office())}</dt><dd>{format!("{attended}, {no_shows}")}</dd></div>
                </dl>
                <section aria-labelledby="scheda-comunicazioni">
                    <h2 id="scheda-comunicazioni">{tr(t::file_threads())}</h2>
                    {if f.communications.is_empty() {
                        view! { <p>{tr(t::file_no_threads())}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="search-results">
                                {f.communications.into_iter().map(|t| {
                                    let book = (t.status != api::CommunicationStatus::Chiusa).then(|| view! {
                                        " – "<a href=paths::office_booking(t.id)>{tr(t::file_book())}<span class="visually-hidden">{tr(t::file_book_for(&t.protocol))}</span></a>
                                    });
                                    view! {
                                        <li>
                                            <a href=paths::thread(t.id)>{t.subject.clone()}</a>
                                            {tr(t::file_thread_line(&t.protocol, date(&t.sent_at)))}
                                            <StatusTag status=t.status/>
                                            {t.awaiting_answer.then(|| view! { " "<span class="tag">{tr(t::queue_awaiting())}</span> })}
                                            {book}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="scheda-appuntamenti">
                    <h2 id="scheda-appuntamenti">{tr(t::file_appointments())}</h2>
                    {if f.appointments.is_empty() {
                        view! { <p>{tr(t::file_no_appointments())}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="search-results">
                                {f.appointments.into_iter().map(|a| view! {
                                    <li>
                                        <a href=paths::appointment(&a.reference)>{a.reference.to_string()}</a>
                                        {tr(t::file_appointment_line(date_with_weekday(&a.starts_at), time(&a.starts_at), &a.point.label, status_text(a.status, a.cancelled_by_office)))}
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
