//! tr(t::nav_studio()): an intermediary's home. The appointments to come of every contributor
//! who delegated them, by date, each saying for whom; and the search that picks the contributor
//! to act for.

use crate::components::contributor_search::ContributorSearch;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::language::{date_with_weekday, time, tr};
use crate::session::Session;
use api::{AppointmentSummary, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn StudioAgenda() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() != Some(Role::Intermediario) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let organisation = session
        .info()
        .and_then(|i| i.user.organisation)
        .unwrap_or_default();
    let list = fetch::<Vec<AppointmentSummary>>(|| api::calls::STUDIO_AGENDA.to_string());
    view! {
        <PageHeading title=tr(t::nav_studio())/>
        <p class="lead">{tr(t::studio_lead(organisation))}</p>
        <h2>{tr(t::contributors_choose())}</h2>
        <p>{tr(t::studio_search_hint())}</p>
        <ContributorSearch current=Signal::derive(String::new)/>
        <p><a href=api::paths::CONTRIBUTORS>{tr(t::studio_all_contributors())}</a></p>
        <h2>{tr(t::appointments_upcoming())}</h2>
        {when_loaded(list, |list: Vec<AppointmentSummary>| {
            if list.is_empty() {
                return view! {
                    <div class="alert alert--info"><p>{tr(t::studio_none())}</p></div>
                }.into_any();
            }
            view! {
                // Cards on a phone, as the other lists: the date leads, each cell says what it is.
                <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <caption class="visually-hidden">{tr(t::studio_caption())}</caption>
                    <thead><tr>
                        <th scope="col">{tr(t::wizard_step_time())}</th>
                        <th scope="col">{tr(t::label_contributor())}</th>
                        <th scope="col">{tr(t::label_reference_short())}</th>
                        <th scope="col">{tr(t::label_office_and_point())}</th>
                        <th scope="col">{tr(t::label_topic())}</th>
                        <th scope="col">{tr(t::label_status())}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|a| view! {
                            <tr>
                                <td class="table__lead">{tr(t::when_at(date_with_weekday(&a.starts_at), time(&a.starts_at)))}</td>
                                <td data-label=tr(t::label_contributor())>{a.contributor.name.clone()}<br/><span class="hint">{a.contributor.cf.to_string()}</span></td>
                                <td class="nowrap" data-label=tr(t::label_reference_short())><a href=api::paths::appointment(&a.reference)>{a.reference.to_string()}</a></td>
                                <td data-label=tr(t::label_office_short())>{a.office.clone()}<br/><span class="hint">{a.point.clone()}</span></td>
                                <td data-label=tr(t::label_topic())>{a.topic.clone()}</td>
                                <td data-label=tr(t::label_status())><crate::components::status::AppointmentTag status=a.status cancelled_by_office=a.cancelled_by_office ends_at=a.ends_at.clone()/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        })}
    }
    .into_any()
}
