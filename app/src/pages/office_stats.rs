//! Andamento della sede: how the office is doing over a period (the last 30 days by default):
//! the figures first, then the charts the server draws, each followed by its numbers as a
//! table, and the period's agenda and queue as CSV.

use crate::components::get_form::GetForm;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::language::{tr, trs};
use crate::session::Session;
use api::{calls, paths, OfficeStats, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

fn long_day(date: &str) -> String {
    crate::language::date(&format!("{date}T12:00:00+01:00"))
}

/// "4,3" / "4.3" from tenths, in the page's language.
fn tenths(value: i64) -> String {
    let mark = match crate::language::current() {
        api::Language::It => ',',
        api::Language::En => '.',
    };
    format!("{}{mark}{}", value / 10, value % 10)
}

/// Valuta il servizio: how easy people found each step, and what they wrote.
#[component]
fn Ratings(ratings: Vec<api::RatingSummary>, comments: Vec<api::RatingComment>) -> impl IntoView {
    view! {
        <section aria-labelledby="valutazioni">
            <h2 id="valutazioni">{tr(t::stats_ratings_title())}</h2>
            <p>{tr(t::stats_ratings_lead())}</p>
            <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <caption class="visually-hidden">{tr(t::stats_ratings_title())}</caption>
                    <thead><tr>
                        <th scope="col">{tr(t::stats_ratings_occasion())}</th>
                        <th scope="col">{tr(t::stats_ratings_count())}</th>
                        <th scope="col">{tr(t::stats_ratings_average())}</th>
                        {(1..=5).map(|n| view! { <th scope="col">{tr(api::rating_score_label(n))}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {ratings.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{tr(r.occasion.label())}</th>
                                <td data-label=tr(t::stats_ratings_count())>{r.count}</td>
                                <td data-label=tr(t::stats_ratings_average())>{r.average_tenths.map(tenths).unwrap_or_else(|| "–".into())}</td>
                                {r.scores.iter().enumerate().map(|(i, n)| view! {
                                    <td data-label=tr(api::rating_score_label(i as i64 + 1))>{*n}</td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>{tr(t::stats_ratings_comments())}</h3>
            {if comments.is_empty() {
                view! { <p>{tr(t::stats_ratings_no_comments())}</p> }.into_any()
            } else {
                view! {
                    <ul class="rating-comments">
                        {comments.into_iter().map(|c| view! {
                            <li>
                                <p class="message__meta">{format!("{} – {} – {}", crate::language::date_time(&c.given_at), tr(c.occasion.label()), tr(api::rating_score_label(c.score)))}</p>
                                <p class="message__text">{c.comment}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn OfficeStatsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() != Some(Role::Operatore) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let query = use_query_map();
    let param = move |name: &str| {
        String::from(js_sys::encode_uri_component(
            &query.read().get(name).unwrap_or_default(),
        ))
    };
    let stats = fetch::<OfficeStats>(move || calls::office_stats(&param("dal"), &param("al")));
    view! {
        <PageHeading title=tr(t::stats_title())/>
        {when_loaded(stats, move |s: OfficeStats| {
            crate::components::heading::set_title(&tr(t::stats_title_of(long_day(&s.from), long_day(&s.to))));
            let rate = s.no_show_rate.map(|r| tr(t::stats_rate(r))).unwrap_or_else(|| tr(t::stats_no_rate()));
            let median = match s.first_answer.median_hours {
                None => tr(t::stats_no_answer()),
                Some(h) if h < 48 => tr(t::stats_hours(h)),
                Some(h) => tr(t::stats_days((h + 23) / 24)),
            };
            let waiting: i64 = s.waitlist.iter().filter(|w| matches!(w.status, api::WaitlistStatus::InAttesa | api::WaitlistStatus::Offerta)).map(|w| w.count).sum();
            let booked_from_list: i64 = s.waitlist.iter().filter(|w| w.status == api::WaitlistStatus::Prenotato).map(|w| w.count).sum();
            let entries: i64 = s.waitlist.iter().map(|w| w.count).sum();
            let (from, to) = (s.from.clone(), s.to.clone());
            let days_chart = calls::office_stats_chart("giorni", &from, &to);
            let queue_chart = calls::office_stats_chart("coda", &from, &to);
            let agenda_csv = calls::office_agenda_csv(&from, &to);
            let queue_csv = calls::office_queue_csv(&from, &to);
            let lead = tr(t::stats_lead(long_day(&from), long_day(&to)));
            view! {
                <p class="lead">{lead}</p>
                <GetForm action=paths::OFFICE_STATS class="filters no-print" label=trs(t::stats_choose())>
                    <div class="filters__field">
                        <label class="label" for="dal">{tr(t::stats_from())}</label>
                        <p class="hint" id="dal-hint">{crate::components::field::date_hint()}</p>
                        <input class="input" type="date" id="dal" name="dal" prop:value=from aria-describedby="dal-hint"/>
                    </div>
                    <div class="filters__field">
                        <label class="label" for="al">{tr(t::stats_to())}</label>
                        <p class="hint" id="al-hint">{tr(t::stats_to_hint())}</p>
                        <input class="input" type="date" id="al" name="al" prop:value=to aria-describedby="al-hint"/>
                    </div>
                    <button type="submit" class="button button--secondary">{tr(t::agenda_show())}</button>
                </GetForm>
                <dl class="facts">
                    <div><dt>{tr(t::search_appointments())}</dt><dd>{tr(t::stats_appointments(s.total.appointments, s.total.cancelled))}</dd></div>
                    <div><dt>{tr(t::stats_attendance())}</dt><dd>{tr(t::stats_attended(s.total.attended, s.total.no_shows))}</dd></div>
                    <div><dt>{tr(t::stats_absence())}</dt><dd>{rate}</dd></div>
                    <div><dt>{tr(t::stats_to_answer())}</dt><dd>{tr(t::stats_of_open(s.queue.awaiting, s.queue.open))}</dd></div>
                    <div><dt>{tr(t::stats_first_answer())}</dt><dd>{tr(t::stats_answers(median, s.first_answer.answered, s.first_answer.sent, s.first_answer.within_two_days))}</dd></div>
                    <div><dt>{tr(t::week_waitlist())}</dt><dd>{tr(t::stats_waitlist(entries, booked_from_list, waiting))}</dd></div>
                </dl>
                <p class="actions no-print">
                    <a href=agenda_csv download="">{tr(t::stats_download_agenda())}</a>
                    <a href=queue_csv download="">{tr(t::stats_download_queue())}</a>
                    <a href=paths::OFFICE_ACCESSIBILITY>{tr(t::reports_title())}</a>
                </p>
                <section aria-labelledby="grafico-giorni">
                    <h2 id="grafico-giorni">{tr(t::stats_days_title())}</h2>
                    {if s.days.is_empty() {
                        view! { <p>{tr(t::stats_no_appointments())}</p> }.into_any()
                    } else {
                        view! {
                            <figure class="chart">
                                <div class="chart__scroll" tabindex="0" role="group" aria-label=tr(t::stats_days_chart())><img src=days_chart alt=tr(t::stats_chart_alt())/></div>
                                <figcaption>{tr(t::stats_days_caption())}</figcaption>
                            </figure>
                            <div class="table-wrap table-wrap--stack">
                                <table class="table table--stack">
                                    <caption class="visually-hidden">{tr(t::stats_days_table())}</caption>
                                    <thead><tr>
                                        <th scope="col">{tr(t::agenda_day())}</th>
                                        {s.points.iter().map(|p| view! { <th scope="col">{p.label.clone()}</th> }).collect_view()}
                                    </tr></thead>
                                    <tbody>
                                        {s.days.iter().map(|d| view! {
                                            <tr>
                                                <th scope="row">{long_day(&d.date)}</th>
                                                {d.points.iter().zip(s.points.iter()).map(|(c, p)| view! {
                                                    <td data-label=p.label.clone()>{tr(t::stats_day_cell(c.appointments, c.attended, c.no_shows))}</td>
                                                }).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                </section>
                <section aria-labelledby="grafico-coda">
                    <h2 id="grafico-coda">{tr(t::stats_queue_title())}</h2>
                    <figure class="chart">
                        <div class="chart__scroll" tabindex="0" role="group" aria-label=tr(t::stats_queue_chart())><img src=queue_chart alt=tr(t::stats_chart_alt())/></div>
                        <figcaption>{tr(t::stats_queue_caption())}</figcaption>
                    </figure>
                    <table class="table">
                        <caption>{tr(t::stats_queue_title())}</caption>
                        <thead><tr><th scope="col">{tr(t::stats_waiting_for())}</th><th scope="col">{tr(t::file_threads())}</th></tr></thead>
                        <tbody>
                            {s.queue.ages.iter().map(|b| view! {
                                <tr><th scope="row">{b.label.clone()}</th><td>{b.count}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
                <Ratings ratings=s.ratings.clone() comments=s.rating_comments.clone()/>
            }
        })}
    }
    .into_any()
}
