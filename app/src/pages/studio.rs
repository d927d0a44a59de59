//! "Agenda dello studio": an intermediary's home. The appointments to come of every contributor
//! who delegated them, by date, each saying for whom; and the search that picks the contributor
//! to act for.

use crate::components::contributor_search::ContributorSearch;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::session::Session;
use api::{it, AppointmentSummary, Role};
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
        <PageHeading title="Agenda dello studio"/>
        <p class="lead">{format!("I prossimi appuntamenti dei contribuenti che hanno delegato {organisation}, in ordine di data.")}</p>
        <h2>"Scegli il contribuente"</h2>
        <p>"Cerca tra i contribuenti che ti hanno delegato per operare per uno di loro."</p>
        <ContributorSearch current=Signal::derive(String::new)/>
        <p><a href=api::paths::CONTRIBUTORS>"Vedi tutti i contribuenti delegati"</a></p>
        <h2>"Prossimi appuntamenti"</h2>
        {when_loaded(list, |list: Vec<AppointmentSummary>| {
            if list.is_empty() {
                return view! {
                    <div class="alert alert--info"><p>"Nessun appuntamento in programma per i contribuenti delegati."</p></div>
                }.into_any();
            }
            view! {
                // Cards on a phone, as the other lists: the date leads, each cell says what it is.
                <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <caption class="visually-hidden">"Prossimi appuntamenti dei contribuenti delegati"</caption>
                    <thead><tr>
                        <th scope="col">"Data e ora"</th>
                        <th scope="col">"Contribuente"</th>
                        <th scope="col">"Identificativo"</th>
                        <th scope="col">"Struttura e punto di consulenza"</th>
                        <th scope="col">"Argomento"</th>
                        <th scope="col">"Stato"</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|a| view! {
                            <tr>
                                <td class="table__lead">{format!("{}, ore {}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))}</td>
                                <td data-label="Contribuente">{a.contributor.name.clone()}<br/><span class="hint">{a.contributor.cf.to_string()}</span></td>
                                <td class="nowrap" data-label="Identificativo"><a href=api::paths::appointment(&a.reference)>{a.reference.to_string()}</a></td>
                                <td data-label="Struttura">{a.office.clone()}<br/><span class="hint">{a.point.clone()}</span></td>
                                <td data-label="Argomento">{a.topic.clone()}</td>
                                <td data-label="Stato"><crate::components::status::AppointmentTag status=a.status cancelled_by_office=a.cancelled_by_office ends_at=a.ends_at.clone()/></td>
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
