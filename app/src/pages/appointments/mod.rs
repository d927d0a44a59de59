//! Gestione appuntamenti: the selected contributor's appointments, those to come first, each
//! with its status in words and who booked it.

mod waitlist;

use crate::components::filters::{FilterBar, SelectFilter};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::shell::selected_contributor_or_redirect;
use crate::language::{date_with_weekday, time, tr, trs};
use crate::session::Session;
use api::paths::{self, Arrival};
use api::{calls, AppointmentStatus, AppointmentSummary, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn table(caption: &'static str, rows: Vec<AppointmentSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap table-wrap--stack">
        <table class="table table--stack">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr>
                <th scope="col">{tr(t::label_reference_short())}</th>
                <th scope="col">{tr(t::wizard_step_time())}</th>
                <th scope="col">{tr(t::label_office_and_point())}</th>
                <th scope="col">{tr(t::label_topic())}</th>
                <th scope="col">{tr(t::label_status())}</th>
                <th scope="col">{tr(t::label_booked_by())}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| {
                    let moving = a.can_move.then(|| {
                        let href = crate::booking::move_href(a.communication_id, a.point_code, a.office_id, &a.reference);
                        let hidden = tr(t::appointments_move_what(a.reference.as_str()));
                        view! { <br/><a href=href>{tr(t::appointments_move())}<span class="visually-hidden">{hidden}</span></a> }
                    });
                    view! {
                    <tr>
                        <td class="nowrap table__lead">
                            <a href=paths::appointment(&a.reference)>{a.reference.to_string()}</a>
                            {moving}
                        </td>
                        <td data-label=tr(t::wizard_step_time())>{tr(t::when_at(date_with_weekday(&a.starts_at), time(&a.starts_at)))}</td>
                        <td data-label=tr(t::label_office_short())>{a.office.clone()}<br/><span class="hint">{a.point.clone()}</span></td>
                        <td data-label=tr(t::label_topic())>{a.topic.clone()}</td>
                        <td data-label=tr(t::label_status())><crate::components::status::AppointmentTag status=a.status cancelled_by_office=a.cancelled_by_office ends_at=a.ends_at.clone()/></td>
                        <td data-label=tr(t::label_booked_by())>
                            {a.booked_by.clone()}
                            {a.managed_by_intermediary.then(|| view! { <br/><span class="tag">{tr(t::appointments_by_intermediary())}</span> })}
                        </td>
                    </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// The address's filters, as the API wants them.
fn api_query(status: &str, from: &str, to: &str, own_only: bool) -> String {
    let mut query = format!(
        "status={}&from={}&to={}",
        js_sys::encode_uri_component(status),
        js_sys::encode_uri_component(from),
        js_sys::encode_uri_component(to)
    );
    if own_only {
        query.push_str("&managed_by=contribuente");
    }
    query
}

#[component]
fn DateFilter(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(into)] current: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-errore");
    view! {
        <div class="filters__field" class:form-group--error=move || error.get().is_some()>
            <label class="label" for=id>{label}</label>
            <p class="hint" id=format!("{id}-hint")>{crate::components::field::date_hint()}</p>
            {let error_id = error_id.clone(); move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input class="input" type="date" id=id name=name prop:value=move || current.get()
                aria-describedby=move || match error.get() { Some(_) => format!("{id}-hint {error_id}"), None => format!("{id}-hint") }/>
        </div>
    }
}

#[component]
pub fn AppointmentList() -> impl IntoView {
    let contributor = match selected_contributor_or_redirect() {
        Ok(contributor) => contributor,
        Err(redirect) => return redirect,
    };
    let session = expect_context::<Session>();
    let is_contributor = session.role() == Some(Role::Contribuente);
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let status = move || param("status");
    let from = move || param("from");
    let to = move || param("to");
    // The box starts ticked; once the form was sent, an unticked box leaves it out.
    let include_intermediaries =
        move || param("filtrato").is_empty() || !param("intermediari").is_empty();
    let filtered = move || {
        !status().is_empty() || !from().is_empty() || !to().is_empty() || !include_intermediaries()
    };
    let cf = contributor.cf.clone();
    let list = fetch::<Vec<AppointmentSummary>>(move || {
        let own_only = is_contributor && !include_intermediaries();
        calls::appointments_of(&cf, &api_query(&status(), &from(), &to(), own_only))
    });
    // A bad date range comes back as a 422 per field: shown beside the field.
    let field_error = move |key: &'static str| {
        Signal::derive(move || match list.get() {
            Some(Err(e)) => e.fields.get(key).cloned(),
            _ => None,
        })
    };
    view! {
        <PageHeading title=tr(t::nav_appointments())/>
        <p class="lead">{tr(t::appointments_lead(&contributor.name))}</p>
        <waitlist::WaitlistSection cf=contributor.cf.clone()
            joined=Signal::derive(move || Arrival::from_code(&param("esito")) == Some(Arrival::Waiting))/>
        <FilterBar action=paths::APPOINTMENTS label=trs(t::appointments_filter())>
            <SelectFilter id="filtro-stato" name="status" label=trs(t::label_status()) all=trs(t::threads_all_statuses())
                options={AppointmentStatus::ALL.iter().map(|s| (s.code().to_string(), tr(s.label()))).collect::<Vec<_>>()}
                current=Signal::derive(status)/>
            <DateFilter id="filtro-dal" name="from" label=trs(t::label_from_day()) current=Signal::derive(from) error=field_error("from")/>
            <DateFilter id="filtro-al" name="to" label=trs(t::label_to_day()) current=Signal::derive(to) error=field_error("to")/>
            {is_contributor.then(|| view! {
                <input type="hidden" name="filtrato" value="1"/>
                <div class="filters__field filters__field--check">
                    <input class="checkbox" type="checkbox" id="filtro-intermediari" name="intermediari" value="1"
                        prop:checked=include_intermediaries/>
                    <label for="filtro-intermediari">{tr(t::appointments_include_intermediaries())}</label>
                </div>
            })}
        </FilterBar>
        {when_loaded(list, move |list: Vec<AppointmentSummary>| {
            let count = list.len();
            if list.is_empty() {
                return view! {
                    <div class="alert alert--info" role="status"><p>{if filtered() {
                        {tr(t::appointments_none_filtered())}
                    } else {
                        {tr(t::appointments_none())}
                    }}</p></div>
                }.into_any();
            }
            // Only what still holds a place comes first; cancelled, annulled and lapsed bookings
            // are history, whatever their date.
            let (upcoming, past): (Vec<_>, Vec<_>) = list.into_iter().partition(|a| {
                a.upcoming && matches!(a.status, AppointmentStatus::Prenotato | AppointmentStatus::Confermato)
            });
            view! {
                <p class="result-count" role="status">{tr(t::appointments_count(count))}</p>
                {(!upcoming.is_empty()).then(|| view! { <h2>{tr(t::appointments_upcoming())}</h2>{table(trs(t::appointments_upcoming()), upcoming)} })}
                {(!past.is_empty()).then(|| view! { <h2>{tr(t::appointments_history_caption())}</h2>{table(trs(t::appointments_history()), past)} })}
            }.into_any()
        })}
    }
    .into_any()
}
