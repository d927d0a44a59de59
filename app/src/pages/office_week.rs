//! The office's week: for each day and point, how many places are taken of how many, the
//! closures that empty a day, and who waits; each day leads to its agenda.

use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::session::Session;
use api::{calls, it, paths, OfficeWeek, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// A point's name short enough for the label column of a phone's card.
fn short(point: api::PointCode) -> &'static str {
    match point {
        api::PointCode::Sportello => "Sportello",
        api::PointCode::Telefono => "Telefono",
        api::PointCode::Video => "Video",
    }
}

fn long_day(date: &str) -> String {
    it::date_with_weekday(&format!("{date}T12:00:00+01:00"))
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
        <PageHeading title="Settimana della sede"/>
        {when_loaded(week, move |w: OfficeWeek| {
            let points: Vec<_> = w.days.first().map(|d| d.points.iter().map(|p| p.point.label.clone()).collect()).unwrap_or_default();
            let last = w.days.last().map(|d| d.date.clone()).unwrap_or_default();
            crate::components::heading::set_title(&format!("Settimana della sede – dal {}", long_day(&w.from)));
            view! {
                <p class="lead">{format!("Dal {} al {}: per ogni giorno e punto di consulenza, i posti prenotati su quelli disponibili.", long_day(&w.from), long_day(&last))}</p>
                <nav class="day-nav" aria-label="Settimane">
                    <a href=week_href(&w.previous)>"← Settimana precedente"</a>
                    <a href=paths::OFFICE_WEEK>"Da domani"</a>
                    <a href=week_href(&w.next)>"Settimana successiva →"</a>
                </nav>
                // On a phone each day becomes a card, as the other lists do.
                <div class="table-wrap table-wrap--stack">
                <table class="table table--stack table--week">
                    <caption class="visually-hidden">{format!("Posti prenotati su disponibili dal {}", long_day(&w.from))}</caption>
                    <thead><tr>
                        <th scope="col">"Giorno"</th>
                        {points.into_iter().map(|p| view! { <th scope="col">{p}</th> }).collect_view()}
                        <th scope="col">"Lista d'attesa"</th>
                    </tr></thead>
                    <tbody>
                        {w.days.into_iter().map(|d| {
                            let closed = d.points.iter().all(|p| p.capacity == 0);
                            view! {
                                <tr class:week__closed=closed>
                                    <th scope="row">
                                        <a href=paths::office_day(&d.date)>{long_day(&d.date)}</a>
                                        {d.closures.iter().map(|c| view! {
                                            <br/><span class="hint">{format!("Sede chiusa: {} – {}", it::period(&c.starts_at, &c.ends_at), c.reason)}</span>
                                        }).collect_view()}
                                    </th>
                                    {d.points.into_iter().map(|p| view! {
                                        <td data-label=short(p.point.code)>{if p.capacity == 0 {
                                            "—".to_string()
                                        } else if p.booked >= p.capacity {
                                            format!("{} su {} (pieno)", p.booked, p.capacity)
                                        } else {
                                            format!("{} su {}", p.booked, p.capacity)
                                        }}</td>
                                    }).collect_view()}
                                    <td data-label="Lista d'attesa">{match d.waiting { 0 => "—".to_string(), 1 => "1 persona".to_string(), n => format!("{n} persone") }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p class="hint">"«—»: nessun posto in quel giorno (fuori dal periodo prenotabile, festivo, chiuso, o il punto non riceve)."</p>
            }
        })}
    }
    .into_any()
}
