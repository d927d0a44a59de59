//! Segnalazioni di accessibilità: what people reported from the statement's form, newest
//! first, with the day the answer is owed and the sender's address to answer to.

use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::language::{date, date_time, tr};
use crate::session::Session;
use api::{calls, AccessibilityReport, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn OfficeReportsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() != Some(Role::Operatore) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let reports = fetch::<Vec<AccessibilityReport>>(|| calls::ACCESSIBILITY_REPORTS.to_string());
    view! {
        <PageHeading title=tr(t::reports_title())/>
        <p class="lead">{tr(t::reports_lead())}</p>
        {when_loaded(reports, |list: Vec<AccessibilityReport>| {
            if list.is_empty() {
                return view! { <p>{tr(t::reports_none())}</p> }.into_any();
            }
            view! {
                <ol class="reports">
                    {list.into_iter().map(|r| {
                        let title_id = format!("segnalazione-{}", r.number);
                        let by = match (r.name.is_empty(), r.email.is_empty()) {
                            (true, true) => tr(t::reports_anonymous()),
                            (false, true) => r.name.clone(),
                            _ => String::new(),
                        };
                        view! {
                            <li class="card">
                                <h2 class="card__title" id=title_id>{tr(t::reports_number(r.number))}</h2>
                                <p class="message__meta">{tr(t::reports_received(date_time(&r.received_at), date(&format!("{}T12:00:00+01:00", r.answer_by))))}</p>
                                {(!r.page.is_empty()).then(|| view! { <p><strong>{tr(t::reports_page())}</strong>" "{r.page.clone()}</p> })}
                                <p class="message__text">{r.description.clone()}</p>
                                <p>
                                    {(!by.is_empty()).then(|| by.clone())}
                                    {(!r.email.is_empty()).then(|| {
                                        let who = if r.name.is_empty() { r.email.clone() } else { format!("{} <{}>", r.name, r.email) };
                                        view! { <a href=format!("mailto:{}", r.email)>{tr(t::reports_answer_to(who))}</a> }
                                    })}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        })}
    }
    .into_any()
}
