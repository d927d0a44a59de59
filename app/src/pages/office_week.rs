//! The office's week: for each day and point, how many places are taken of how many, the
//! closures that empty a day, and who waits; each day leads to its agenda.

use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::language::{date_with_weekday, period, tr, trs};
use crate::session::Session;
use api::{calls, paths, OfficeWeek, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// A point's name short enough for the label column of a phone's card.
fn short(point: api::PointCode) -> &'static str {
    trs(match point {
        api::PointCode::Sportello => t::week_short_sportello(),
        api::PointCode::Telefono => t::week_short_telefono(),
        api::PointCode::Video => t::week_short_video(),
    })
}

fn long_day(date: &str) -> String {
    date_with_weekday(&format!("{date}T12:00:00+01:00"))
}

#[component]
pub fn OfficeWeekPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() != Some(Role::Operatore) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let query = use_query_map();
    let from = move || query.read().get("dal").unwrap_or_default();
    let week = fetch::<OfficeWeek>(move || {
        calls::office_week(&String::from(js_sys::encode_uri_component(&from())))
    });
    let week_href = |date: &str| format!("{}?dal={date}", paths::OFFICE_WEEK);
    view! {
        <PageHeading title=tr(t::week_title())/>
        {when_loaded(week, move |w: OfficeWeek| {
            let points: Vec<_> = w.days.first().map(|d| d.points.iter().map(|p| p.point.label.clone()).collect()).unwrap_or_default();
            let last = w.days.last().map(|d| d.date.clone()).unwrap_or_default();
            crate::components::heading::set_title(&tr(t::week_title_from(long_day(&w.from))));
            view! {
                <p class="lead">{tr(t::week_lead(long_day(&w.from), long_day(&last)))}</p>
                <nav class="day-nav" aria-label=tr(t::week_nav())>
                    <a href=week_href(&w.previous)>{tr(t::week_previous())}</a>
                    <a href=paths::OFFICE_WEEK>{tr(t::week_from_tomorrow())}</a>
                    <a href=week_href(&w.next)>{tr(t::week_next())}</a>
                </nav>
                // On a phone each day becomes a card, as the other lists do.
                <div class="table-wrap table-wrap--stack">
                <table class="table table--stack table--week">
                    <caption class="visually-hidden">{tr(t::week_caption(long_day(&w.from)))}</caption>
                    <thead><tr>
                        <th scope="col">{tr(t::agenda_day())}</th>
                        {points.into_iter().map(|p| view! { <th scope="col">{p}</th> }).collect_view()}
                        <th scope="col">{tr(t::week_waitlist())}</th>
                    </tr></thead>
                    <tbody>
                        {w.days.into_iter().map(|d| {
                            let closed = d.points.iter().all(|p| p.capacity == 0);
                            view! {
                                <tr class:week__closed=closed>
                                    <th scope="row">
                                        <a href=paths::office_day(&d.date)>{long_day(&d.date)}</a>
                                        {d.closures.iter().map(|c| view! {
                                            <br/><span class="hint">{tr(t::week_closed(period(&c.starts_at, &c.ends_at), &c.reason))}</span>
                                        }).collect_view()}
                                    </th>
                                    {d.points.into_iter().map(|p| view! {
                                        <td data-label=short(p.point.code)>{if p.capacity == 0 {
                                            "—".to_string()
                                        } else if p.booked >= p.capacity {
                                            tr(t::week_full(p.booked, p.capacity))
                                        } else {
                                            tr(t::week_booked(p.booked, p.capacity))
                                        }}</td>
                                    }).collect_view()}
                                    <td data-label=trs(t::week_waitlist())>{match d.waiting { 0 => "—".to_string(), n => tr(t::week_people(n)) }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p class="hint">{tr(t::week_dash())}</p>
            }
        })}
    }
    .into_any()
}
