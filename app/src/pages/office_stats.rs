//! Andamento della sede: how the office is doing over a period (the last 30 days by default):
//! the figures first, then the charts the server draws, each followed by its numbers as a
//! table, and the period's agenda and queue as CSV.

use crate::components::get_form::GetForm;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::session::Session;
use api::{calls, it, paths, OfficeStats, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

fn long_day(date: &str) -> String {
    it::date(&format!("{date}T12:00:00+01:00"))
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
        <PageHeading title="Andamento della sede"/>
        {when_loaded(stats, move |s: OfficeStats| {
            crate::components::heading::set_title(&format!("Andamento della sede – dal {} al {}", long_day(&s.from), long_day(&s.to)));
            let rate = s.no_show_rate.map(|r| format!("{r}% delle presenze registrate")).unwrap_or_else(|| "nessuna presenza registrata".into());
            let median = match s.first_answer.median_hours {
                None => "nessuna risposta ancora".to_string(),
                Some(h) if h < 48 => format!("{h} ore"),
                Some(h) => format!("{} giorni", (h + 23) / 24),
            };
            let waiting: i64 = s.waitlist.iter().filter(|w| matches!(w.status, api::WaitlistStatus::InAttesa | api::WaitlistStatus::Offerta)).map(|w| w.count).sum();
            let booked_from_list: i64 = s.waitlist.iter().filter(|w| w.status == api::WaitlistStatus::Prenotato).map(|w| w.count).sum();
            let entries: i64 = s.waitlist.iter().map(|w| w.count).sum();
            let (from, to) = (s.from.clone(), s.to.clone());
            let days_chart = calls::office_stats_chart("giorni", &from, &to);
            let queue_chart = calls::office_stats_chart("coda", &from, &to);
            let agenda_csv = calls::office_agenda_csv(&from, &to);
            let queue_csv = calls::office_queue_csv(&from, &to);
            let lead = format!("Dal {} al {}.", long_day(&from), long_day(&to));
            view! {
                <p class="lead">{lead}</p>
                <GetForm action=paths::OFFICE_STATS class="filters no-print" label="Scegli il periodo">
                    <div class="filters__field">
                        <label class="label" for="dal">"Dal"</label>
                        <p class="hint" id="dal-hint">{crate::components::field::date_hint()}</p>
                        <input class="input" type="date" id="dal" name="dal" prop:value=from aria-describedby="dal-hint"/>
                    </div>
                    <div class="filters__field">
                        <label class="label" for="al">"Al"</label>
                        <p class="hint" id="al-hint">"Al massimo 92 giorni dopo."</p>
                        <input class="input" type="date" id="al" name="al" prop:value=to aria-describedby="al-hint"/>
                    </div>
                    <button type="submit" class="button button--secondary">"Mostra"</button>
                </GetForm>
                <dl class="facts">
                    <div><dt>"Appuntamenti"</dt><dd>{format!("{} ({} annullati)", s.total.appointments, s.total.cancelled)}</dd></div>
                    <div><dt>"Svolti e non presentati"</dt><dd>{format!("{} svolti, {} non presentati", s.total.attended, s.total.no_shows)}</dd></div>
                    <div><dt>"Tasso di assenza"</dt><dd>{rate}</dd></div>
                    <div><dt>"Comunicazioni da rispondere oggi"</dt><dd>{format!("{} su {} aperte", s.queue.awaiting, s.queue.open)}</dd></div>
                    <div><dt>"Prima risposta (mediana)"</dt><dd>{format!("{median}: {} risposte su {} comunicazioni ricevute, {} entro due giorni", s.first_answer.answered, s.first_answer.sent, s.first_answer.within_two_days)}</dd></div>
                    <div><dt>"Lista d'attesa"</dt><dd>{format!("{entries} richieste, {booked_from_list} diventate appuntamento, {waiting} ancora in attesa")}</dd></div>
                </dl>
                <p class="actions no-print">
                    <a href=agenda_csv download="">"Scarica l'agenda del periodo (CSV)"</a>
                    <a href=queue_csv download="">"Scarica le comunicazioni del periodo (CSV)"</a>
                </p>
                <section aria-labelledby="grafico-giorni">
                    <h2 id="grafico-giorni">"Appuntamenti per giorno e punto di consulenza"</h2>
                    {if s.days.is_empty() {
                        view! { <p>"Nessun appuntamento nel periodo."</p> }.into_any()
                    } else {
                        view! {
                            <figure class="chart">
                                <div class="chart__scroll" tabindex="0" role="group" aria-label="Grafico degli appuntamenti per giorno"><img src=days_chart alt="Grafico a barre: i numeri sono nella tabella che segue."/></div>
                                <figcaption>"Ogni barra è un giorno, divisa per punto di consulenza (ciascuno con il suo motivo, come nella legenda); il numero sopra è il totale."</figcaption>
                            </figure>
                            <div class="table-wrap table-wrap--stack">
                                <table class="table table--stack">
                                    <caption class="visually-hidden">"Appuntamenti per giorno: per ogni punto di consulenza, quelli del giorno (svolti, non presentati)"</caption>
                                    <thead><tr>
                                        <th scope="col">"Giorno"</th>
                                        {s.points.iter().map(|p| view! { <th scope="col">{p.label.clone()}</th> }).collect_view()}
                                    </tr></thead>
                                    <tbody>
                                        {s.days.iter().map(|d| view! {
                                            <tr>
                                                <th scope="row">{long_day(&d.date)}</th>
                                                {d.points.iter().zip(s.points.iter()).map(|(c, p)| view! {
                                                    <td data-label=p.label.clone()>{format!("{} ({} svolti, {} non presentati)", c.appointments, c.attended, c.no_shows)}</td>
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
                    <h2 id="grafico-coda">"Comunicazioni da rispondere, per attesa"</h2>
                    <figure class="chart">
                        <div class="chart__scroll" tabindex="0" role="group" aria-label="Grafico delle comunicazioni per attesa"><img src=queue_chart alt="Grafico a barre: i numeri sono nella tabella che segue."/></div>
                        <figcaption>"Quante comunicazioni aspettano una risposta della sede, da quanto tempo."</figcaption>
                    </figure>
                    <table class="table">
                        <caption>"Comunicazioni da rispondere, per attesa"</caption>
                        <thead><tr><th scope="col">"In attesa da"</th><th scope="col">"Comunicazioni"</th></tr></thead>
                        <tbody>
                            {s.queue.ages.iter().map(|b| view! {
                                <tr><th scope="row">{b.label.clone()}</th><td>{b.count}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        })}
    }
    .into_any()
}
