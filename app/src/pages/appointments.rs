//! Gestione appuntamenti: the selected contributor's appointments, those to come first, each
//! with its status in words and who booked it.

use crate::components::filters::{FilterBar, SelectFilter};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::shell::selected_contributor_or_redirect;
use api::{it, AppointmentStatus, AppointmentSummary};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn table(caption: &'static str, rows: Vec<AppointmentSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap">
        <table class="table">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr>
                <th scope="col">"Identificativo"</th>
                <th scope="col">"Data e ora"</th>
                <th scope="col">"Struttura e punto di consulenza"</th>
                <th scope="col">"Argomento"</th>
                <th scope="col">"Stato"</th>
                <th scope="col">"Prenotato da"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| view! {
                    <tr>
                        <td class="nowrap"><A href=format!("/appuntamenti/{}", a.reference)>{a.reference.clone()}</A></td>
                        <td>{format!("{}, ore {}", it::date_with_weekday(&a.starts_at), it::time(&a.starts_at))}</td>
                        <td>{a.office.clone()}<br/><span class="hint">{a.point.clone()}</span></td>
                        <td>{a.topic.clone()}</td>
                        <td><span class=format!("status-tag status-tag--{}", a.status.code())>{a.status.label()}</span></td>
                        <td>{a.booked_by.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
pub fn AppointmentList() -> impl IntoView {
    let contributor = match selected_contributor_or_redirect() {
        Ok(contributor) => contributor,
        Err(redirect) => return redirect,
    };
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let cf = contributor.cf.clone();
    let list = fetch::<Vec<AppointmentSummary>>(move || {
        format!("/api/contributors/{cf}/appointments?status={}", status())
    });
    view! {
        <PageHeading title="Gestione appuntamenti"/>
        <p class="lead">{format!("L'elenco storico degli appuntamenti di {}, con i dettagli e lo stato di ciascuno.", contributor.name)}</p>
        <FilterBar action="/appuntamenti" label="Filtra gli appuntamenti">
            <SelectFilter id="filtro-stato" name="status" label="Stato" all="Tutti gli stati"
                options={AppointmentStatus::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect::<Vec<_>>()}
                current=Signal::derive(status)/>
        </FilterBar>
        {when_loaded(list, move |list: Vec<AppointmentSummary>| {
            if list.is_empty() {
                return view! {
                    <div class="alert alert--info" role="status"><p>{if status().is_empty() {
                        "Non ci sono appuntamenti. Puoi richiederne uno da una comunicazione, con «Richiedi appuntamento»."
                    } else {
                        "Nessun appuntamento corrisponde al filtro scelto."
                    }}</p></div>
                }.into_any();
            }
            let (upcoming, past): (Vec<_>, Vec<_>) = list.into_iter().partition(|a| a.upcoming);
            view! {
                {(!upcoming.is_empty()).then(|| view! { <h2>"Prossimi appuntamenti"</h2>{table("Prossimi appuntamenti", upcoming)} })}
                {(!past.is_empty()).then(|| view! { <h2>"Appuntamenti passati"</h2>{table("Appuntamenti passati", past)} })}
            }.into_any()
        })}
    }
    .into_any()
}
