//! The office's reports over a period: Andamento della sede (its figures and the charts the
//! server draws) and the CSV exports of the agenda and of the queue. Handlers only: the facts
//! come from `office::stats` and the repositories, the sums from `domain::stats`.

use super::handlers::{day_param, office_of};
use crate::agenda::places;
use crate::agenda::repo as appointments;
use crate::auth::CurrentUser;
use crate::domain::rome;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::extract::{Json, Query};
use crate::state::AppState;
use api::OfficeId;
use axum::extract::State;
use jiff::civil::Date;
use std::collections::HashMap;

/// The longest period one export covers: a quarter.
const CSV_MAX_DAYS: i32 = 92;

/// The days of `from` and `to` (included): `from` defaults to `default_from` (today when None),
/// `to` to today when a default start was given, else to `from`; at most `CSV_MAX_DAYS` apart.
fn period(
    query: &HashMap<String, String>,
    today: Date,
    default_from: Option<Date>,
) -> AppResult<(Date, Date)> {
    let mut errors = FieldErrors::default();
    let from = day_param(query, "from", &mut errors, default_from.unwrap_or(today));
    let to = match query.get("to").filter(|d| !d.is_empty()) {
        None if default_from.is_some() => Some(today),
        None => from,
        Some(_) => day_param(query, "to", &mut errors, today),
    };
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.add("to", catalogue::t::period_to_before_from());
        } else if (to - from).get_days() > CSV_MAX_DAYS {
            errors.add(
                "to",
                format!("Si possono esaminare al massimo {CSV_MAX_DAYS} giorni alla volta."),
            );
        }
    }
    errors.into_result()?;
    match (from, to) {
        (Some(from), Some(to)) => Ok((from, to)),
        _ => Err(AppError::Internal("days checked".into())),
    }
}

/// The instants that bound the days `from`..=`to` in Rome.
fn bounds(from: Date, to: Date) -> AppResult<(api::Instant, api::Instant)> {
    let after = to
        .tomorrow()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((rome::start_of_day(from), rome::start_of_day(after)))
}

/// The first day of the default period of Andamento: the last 30 days.
fn month_before(today: Date) -> Date {
    today
        .checked_sub(jiff::Span::new().days(29))
        .unwrap_or(today)
}

#[utoipa::path(get, path = "/api/office/stats", tag = "office",
    params(
        ("from" = Option<String>, Query, format = Date, description = "First day, 29 days before today by default"),
        ("to" = Option<String>, Query, format = Date, description = "Last day (included), today by default; at most 92 days after `from`"),
    ),
    responses(
        (status = 200, description = "Andamento della sede: appointments per day and point, no-show rate, the queue and its ages, time to first answer, the Lista d'attesa", body = api::OfficeStats),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "Malformed date, `to` before `from`, or more than 92 days", body = api::ErrorEnvelope),
    ))]
/// Andamento della sede.
pub async fn stats(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<api::OfficeStats>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let today = rome::date_of(now);
    let (from, to) = period(&query, today, Some(month_before(today)))?;
    Ok(Json(office_stats(&state, office, from, to, now).await?))
}

async fn office_stats(
    state: &AppState,
    office: OfficeId,
    from: Date,
    to: Date,
    now: api::Instant,
) -> AppResult<api::OfficeStats> {
    use crate::domain::stats as rules;
    let (start, end) = bounds(from, to)?;
    let offered = places::all_offices(&state.db)
        .await?
        .into_iter()
        .find(|o| o.id == office)
        .map(|o| o.points)
        .unwrap_or_default();
    let points: Vec<api::ConsultationPoint> = places::all_points(&state.db)
        .await?
        .into_iter()
        .filter(|p| offered.contains(&p.code))
        .collect();
    let codes: Vec<api::PointCode> = points.iter().map(|p| p.code).collect();
    let mut conn = state.db.pool.acquire().await?;
    let facts: Vec<rules::AppointmentFact> =
        super::stats::appointments(&mut conn, office, start, end)
            .await?
            .into_iter()
            .map(|(at, point, status)| rules::AppointmentFact {
                day: rome::date_of(at),
                point,
                status,
            })
            .collect();
    let days = rules::per_day(&facts, &codes);
    let total = rules::total(&days);
    let (open, waiting) = super::stats::queue(&mut conn, office).await?;
    let answers =
        rules::first_answer(&super::stats::first_answers(&mut conn, office, start, end).await?);
    let entries = super::stats::waitlist(&mut conn, office, start, end).await?;
    let (ratings, rating_comments) =
        crate::ratings::repo::of_office(&mut conn, office, start, end).await?;
    let counts = |c: rules::Counts| api::StatsCounts {
        appointments: c.appointments,
        attended: c.attended,
        no_shows: c.no_shows,
        cancelled: c.cancelled,
    };
    Ok(api::OfficeStats {
        ratings,
        rating_comments,
        from: from.to_string(),
        to: to.to_string(),
        points,
        no_show_rate: rules::no_show_rate(&total),
        total: counts(total),
        days: days
            .into_iter()
            .map(|(date, row)| api::StatsDay {
                date: date.to_string(),
                points: row.into_iter().map(counts).collect(),
            })
            .collect(),
        queue: api::QueueStats {
            open,
            awaiting: waiting.len() as i64,
            ages: rules::age_buckets(&waiting, now)
                .into_iter()
                .map(|(label, count)| api::AgeBucket {
                    label: crate::language::render(&catalogue::Text::new(label, Vec::new())),
                    count,
                })
                .collect(),
        },
        first_answer: api::FirstAnswerStats {
            sent: answers.sent,
            answered: answers.answered,
            median_hours: answers.median_hours,
            within_two_days: answers.within_two_days,
        },
        waitlist: rules::waitlist(&entries)
            .into_iter()
            .map(|(status, count)| api::WaitlistCount { status, count })
            .collect(),
    })
}

#[utoipa::path(get, path = "/api/office/stats/chart", tag = "office",
    params(
        ("chart" = String, Query, description = "`giorni`: appointments per day and point; `coda`: how long the threads owed an answer have waited"),
        ("from" = Option<String>, Query, format = Date, description = "As for /api/office/stats"),
        ("to" = Option<String>, Query, format = Date, description = "As for /api/office/stats"),
    ),
    responses(
        (status = 200, description = "The chart as SVG, each series with a pattern as well as a colour; the numbers are in /api/office/stats", content_type = "image/svg+xml", body = String),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "Unknown chart, malformed date, `to` before `from`, or more than 92 days", body = api::ErrorEnvelope),
    ))]
/// A chart of Andamento della sede, drawn by the server.
pub async fn stats_chart(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<axum::response::Response> {
    use crate::domain::chart::{bars, Series};
    use axum::http::header;
    use axum::response::IntoResponse;
    let office = office_of(&user)?;
    let now = state.clock.now();
    let today = rome::date_of(now);
    let chart = query.get("chart").map(String::as_str).unwrap_or_default();
    if !matches!(chart, "giorni" | "coda") {
        return Err(AppError::field("chart", catalogue::t::chart_unknown()));
    }
    let (from, to) = period(&query, today, Some(month_before(today)))?;
    let stats = office_stats(&state, office, from, to, now).await?;
    let svg = if chart == "giorni" {
        let labels: Vec<String> = stats
            .days
            .iter()
            .map(|d| format!("{}/{}", &d.date[8..10], &d.date[5..7]))
            .collect();
        let series: Vec<Series> = stats
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| Series {
                name: &p.label,
                values: stats
                    .days
                    .iter()
                    .map(|d| d.points.get(i).map_or(0, |c| c.appointments))
                    .collect(),
            })
            .collect();
        bars(
            "Appuntamenti per giorno e punto di consulenza",
            &labels,
            &series,
        )
    } else {
        let labels: Vec<String> = stats.queue.ages.iter().map(|b| b.label.clone()).collect();
        let values = stats.queue.ages.iter().map(|b| b.count).collect();
        bars(
            "Comunicazioni da rispondere, per attesa",
            &labels,
            &[Series {
                name: "Comunicazioni",
                values,
            }],
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        svg,
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/office/communications.csv", tag = "office",
    params(
        ("from" = Option<String>, Query, format = Date, description = "First day of sending, 29 days before today by default"),
        ("to" = Option<String>, Query, format = Date, description = "Last day (included), today by default; at most 92 days after `from`"),
    ),
    responses(
        (status = 200, description = "The threads routed to the office sent in those days, one row each: UTF-8 with a BOM, `;` between cells", content_type = "text/csv", body = String),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "Malformed date, `to` before `from`, or more than 92 days", body = api::ErrorEnvelope),
    ))]
/// The queue of a period for a spreadsheet.
pub async fn queue_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<axum::response::Response> {
    use crate::domain::csv;
    let office = office_of(&user)?;
    let today = rome::date_of(state.clock.now());
    let (from, to) = period(&query, today, Some(month_before(today)))?;
    let (start, end) = bounds(from, to)?;
    let mut conn = state.db.pool.acquire().await?;
    let rows = crate::communications::repo::sent_between(&mut conn, office, start, end).await?;
    let mut body = String::from(csv::BOM);
    body.push_str(&csv::row(&[
        "Protocollo",
        "Inviata il",
        "Contribuente",
        "Codice fiscale",
        "Argomento",
        "Oggetto",
        "Stato",
        "In attesa di risposta dal",
        "In carico a",
    ]));
    for row in rows {
        let t = row.into_api();
        body.push_str(&csv::row(&[
            t.protocol.clone(),
            api::it::date_time(&t.sent_at),
            t.contributor.name.clone(),
            t.contributor.cf.to_string(),
            t.topic.label.clone(),
            t.subject.clone(),
            t.status.label().italian(),
            t.awaiting_since
                .as_deref()
                .map(api::it::date_time)
                .unwrap_or_default(),
            t.handled_by.clone().unwrap_or_default(),
        ]));
    }
    Ok(csv_file(&format!("comunicazioni-{from}-{to}.csv"), body))
}

#[utoipa::path(get, path = "/api/office/agenda.csv", tag = "office",
    params(
        ("from" = Option<String>, Query, format = Date, description = "First day, today by default"),
        ("to" = Option<String>, Query, format = Date, description = "Last day (included), `from` by default; at most 92 days after `from`"),
    ),
    responses(
        (status = 200, description = "The office's appointments of those days, one row each: UTF-8 with a BOM, `;` between cells", content_type = "text/csv", body = String),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "Malformed date, `to` before `from`, or more than 92 days", body = api::ErrorEnvelope),
    ))]
/// The agenda of a period for a spreadsheet.
pub async fn agenda_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<axum::response::Response> {
    use crate::domain::csv;
    let office = office_of(&user)?;
    let now = state.clock.now();
    let today = rome::date_of(now);
    let (from, to) = period(&query, today, None)?;
    let (start, end) = bounds(from, to)?;
    let mut conn = state.db.pool.acquire().await?;
    let records = appointments::of_office_day(&mut conn, office, start, end).await?;
    let mut body = String::from(csv::BOM);
    body.push_str(&csv::row(&[
        "Identificativo appuntamento",
        "Data",
        "Ora",
        "Punto di consulenza",
        "Stato",
        "Contribuente",
        "Codice fiscale",
        "Recapito telefonico",
        "Argomento",
    ]));
    for r in &records {
        let line = r.to_office_line(now);
        let day = line.starts_at.get(..10).unwrap_or_default();
        let date = format!(
            "{}/{}/{}",
            day.get(8..10).unwrap_or_default(),
            day.get(5..7).unwrap_or_default(),
            day.get(..4).unwrap_or_default()
        );
        body.push_str(&csv::row(&[
            line.reference.to_string(),
            date,
            api::it::time(&line.starts_at),
            line.point.label.clone(),
            api::status_text(line.status, line.cancelled_by_office).italian(),
            line.contributor.name.clone(),
            line.contributor.cf.to_string(),
            api::it::phone(&line.phone),
            line.topic.clone(),
        ]));
    }
    Ok(csv_file(&format!("agenda-{from}-{to}.csv"), body))
}

/// A CSV download: the spreadsheet's type and the file's name.
fn csv_file(name: &str, body: String) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}
