//! The office's agenda over HTTP: the day's appointments, closures and a day's capacity.
//! Operators act only on their own office; other roles get 403.

use super::repo;
use super::workflow::{self, ValidCapacity};
use crate::agenda::places;
use crate::agenda::repo as appointments;
use crate::auth::CurrentUser;
use crate::domain::calendar;
use crate::domain::closure::{self, ValidClosure};
use crate::domain::rome;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;
use api::{
    CapacityRequest, Closure, ClosureOutcome, ConsultationPoint, DayAvailability, NewClosure,
    NoticeDelivery, OfficeAgenda, OfficeId, Role, SlotAvailability,
};
use axum::extract::State;
use axum::http::StatusCode;
use jiff::civil::Date;
use std::collections::HashMap;

/// The operator's office. Other roles may never do this (403, as for the office's queue);
/// another office's data is simply never reached, since every query is bound to this one.
fn office_of(user: &CurrentUser) -> AppResult<OfficeId> {
    match (user.role, user.office_id) {
        (Role::Operatore, Some(office)) => Ok(office),
        _ => Err(AppError::Forbidden),
    }
}

#[utoipa::path(get, path = "/api/office/week", tag = "office",
    params(("from" = Option<String>, Query, format = Date, description = "The first of seven days; the first bookable day by default")),
    responses(
        (status = 200, description = "Seven days of the office: per point, places and those taken; closures; people waiting", body = api::OfficeWeek),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "Malformed or far date", body = api::ErrorEnvelope),
    ))]
/// The week: how full each day is, at each point, and why a day is empty.
pub async fn week(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<api::OfficeWeek>> {
    use jiff::ToSpan;
    let office = office_of(&user)?;
    let now = state.clock.now();
    let (first, _) = crate::domain::slots::window(now, None);
    let mut errors = FieldErrors::default();
    let from = day_param(&query, "from", &mut errors, first);
    errors.into_result()?;
    let from = from.ok_or_else(|| AppError::Internal("day checked".into()))?;
    let shift = |days: i64| {
        from.checked_add(days.days())
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    let to = shift(6)?;
    let offered = places::all_offices(&state.db)
        .await?
        .into_iter()
        .find(|o| o.id == office)
        .map(|o| o.points)
        .unwrap_or_default();
    let labels = places::all_points(&state.db).await?;
    // Per point, the engine's slots of those days with their free places.
    let mut loads = Vec::new();
    for point in labels.iter().filter(|p| offered.contains(&p.code)) {
        let days =
            places::free_slots(&state.db, office, point.code, Some(from), Some(to), now).await?;
        loads.push((point.clone(), days));
    }
    let mut conn = state.db.pool.acquire().await?;
    let mut days = Vec::new();
    for n in 0..7 {
        let date = shift(n)?;
        let (start, end) = (rome::start_of_day(date), rome::start_of_day(shift(n + 1)?));
        let points = loads
            .iter()
            .map(|(point, list)| {
                let slots = list.iter().find(|(d, _)| *d == date).map(|(_, s)| s);
                let (capacity, free) = slots
                    .into_iter()
                    .flatten()
                    .fold((0, 0), |(c, f), (slot, free)| (c + slot.capacity, f + free));
                api::PointLoad {
                    point: point.clone(),
                    capacity: capacity.max(0) as u32,
                    booked: (capacity - free).max(0) as u32,
                }
            })
            .collect();
        days.push(api::OfficeWeekDay {
            date: date.to_string(),
            points,
            closures: repo::closures_between(&mut conn, office, start, end)
                .await?
                .into_iter()
                .map(closure_of)
                .collect(),
            waiting: crate::waitlist::repo::waiting_on(&mut conn, office, start, end).await?,
        });
    }
    Ok(Json(api::OfficeWeek {
        from: from.to_string(),
        previous: shift(-7)?.to_string(),
        next: shift(7)?.to_string(),
        days,
    }))
}

/// How many of each kind a search answers.
const SEARCH_LIMIT: i64 = 20;

#[utoipa::path(get, path = "/api/office/search", tag = "office",
    params(("q" = String, Query, min_length = 1, max_length = 100, description = "A codice fiscale, a name, a protocol or an appointment reference, or part of one")),
    responses(
        (status = 200, description = "What matches, of the operator's office only: contributors, threads, appointments (20 of each at most, the latest first)", body = api::OfficeSearch),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 422, description = "An empty or too long `q`", body = api::ErrorEnvelope),
    ))]
/// Cerca: a contributor phones or walks in with one of their codes or their name.
pub async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<api::OfficeSearch>> {
    let office = office_of(&user)?;
    let q = query.get("q").map(|q| q.trim()).unwrap_or_default();
    if q.is_empty() {
        return Err(AppError::field(
            "q",
            "Scrivi un codice fiscale, un nome, un protocollo o un identificativo di appuntamento.",
        ));
    }
    if q.chars().count() > 100 || q.chars().any(crate::domain::text::forbidden_in_line) {
        return Err(AppError::field(
            "q",
            "La ricerca può contenere al massimo 100 caratteri, senza caratteri di controllo.",
        ));
    }
    let pattern = crate::domain::text::like_contains(q);
    let (code, name) = (pattern.to_uppercase(), pattern.to_lowercase());
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let contributors = repo::contributors_matching(&mut conn, office, &code, &name, SEARCH_LIMIT)
        .await?
        .iter()
        .map(crate::access::ContributorRow::to_api)
        .collect();
    let communications = crate::communications::repo::search_of_office(
        &mut conn,
        office,
        &code,
        &name,
        SEARCH_LIMIT,
    )
    .await?
    .into_iter()
    .map(crate::communications::repo::QueueRow::into_api)
    .collect();
    let appointments =
        appointments::search_of_office(&mut conn, office, &code, &name, SEARCH_LIMIT)
            .await?
            .iter()
            .map(|r| r.to_office_line(now))
            .collect();
    Ok(Json(api::OfficeSearch {
        contributors,
        communications,
        appointments,
    }))
}

#[utoipa::path(get, path = "/api/office/contributors/{cf}", tag = "office",
    params(("cf" = String, Path, description = "Codice fiscale")),
    responses(
        (status = 200, description = "The contributor's file at the operator's office: threads, appointments, no-shows, phones", body = api::OfficeContributorFile),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 404, description = "No thread routed to the office and no appointment there", body = api::ErrorEnvelope),
    ))]
/// Scheda del contribuente: what the office holds of one person.
pub async fn contributor_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<api::Cf>,
) -> AppResult<Json<api::OfficeContributorFile>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let row = repo::contributor_of_office(&mut conn, office, &cf)
        .await?
        .ok_or(AppError::NotFound)?;
    let threads =
        crate::communications::repo::of_contributor_at_office(&mut conn, office, row.id).await?;
    let records = appointments::of_contributor_at_office(&mut conn, office, row.id).await?;
    let count = |status| records.iter().filter(|r| r.status == status).count() as i64;
    let mut phones: Vec<String> = Vec::new();
    for r in &records {
        if !r.phone.is_empty() && !phones.contains(&r.phone) {
            phones.push(r.phone.clone());
        }
    }
    Ok(Json(api::OfficeContributorFile {
        contributor: row.to_api(),
        phones,
        no_shows: count(api::AppointmentStatus::NonPresentato),
        attended: count(api::AppointmentStatus::Svolto),
        communications: threads
            .into_iter()
            .map(crate::communications::repo::QueueRow::into_api)
            .collect(),
        appointments: records.iter().map(|r| r.to_office_line(now)).collect(),
    }))
}

/// The longest period one export covers: a quarter.
const CSV_MAX_DAYS: i32 = 92;

/// A day from the query (`name`), today when absent.
fn day_param(
    query: &HashMap<String, String>,
    name: &str,
    errors: &mut FieldErrors,
    today: Date,
) -> Option<Date> {
    match query
        .get(name)
        .map(String::as_str)
        .filter(|d| !d.is_empty())
    {
        None => Some(today),
        Some(text) => errors.check(name, rome::parse_date(text)),
    }
}

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
            errors.add("to", "Il giorno finale non può precedere quello iniziale.");
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
    let counts = |c: rules::Counts| api::StatsCounts {
        appointments: c.appointments,
        attended: c.attended,
        no_shows: c.no_shows,
        cancelled: c.cancelled,
    };
    Ok(api::OfficeStats {
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
                    label: label.into(),
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
        return Err(AppError::field(
            "chart",
            "Grafico non riconosciuto: usa giorni oppure coda.",
        ));
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
    use axum::http::header;
    use axum::response::IntoResponse;
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
            t.status.label().to_string(),
            t.awaiting_since
                .as_deref()
                .map(api::it::date_time)
                .unwrap_or_default(),
            t.handled_by.clone().unwrap_or_default(),
        ]));
    }
    let name = format!("attachment; filename=\"comunicazioni-{from}-{to}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
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
    use axum::http::header;
    use axum::response::IntoResponse;
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
            api::status_text(line.status, line.cancelled_by_office).to_string(),
            line.contributor.name.clone(),
            line.contributor.cf.to_string(),
            api::it::phone(&line.phone),
            line.topic.clone(),
        ]));
    }
    let name = format!("attachment; filename=\"agenda-{from}-{to}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/office/agenda", tag = "office",
    params(("date" = Option<String>, Query, format = Date, description = "Today by default")),
    responses((status = 200, description = "Agenda della sede: the office's appointments of a day by time", body = api::OfficeAgenda), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 422, description = "Malformed or far date", body = api::ErrorEnvelope)))]
/// Agenda della sede: the office's meetings of a day (today by default), by time.
pub async fn agenda(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<OfficeAgenda>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let day = match query
        .get("date")
        .map(String::as_str)
        .filter(|d| !d.is_empty())
    {
        None => rome::date_of(now),
        Some(text) => rome::parse_date(text).map_err(|e| AppError::field("date", e))?,
    };
    // The arrows go to the office's working days: no empty Sundays, holidays, patron's day.
    let patron = {
        let mut conn = state.db.pool.acquire().await?;
        repo::patron_day(&mut conn, office).await?
    };
    let (previous, next) = (
        calendar::previous_working_day(day, patron.as_deref()).to_string(),
        calendar::next_working_day(day, patron.as_deref()).to_string(),
    );
    let from = rome::start_of_day(day);
    let to = rome::start_of_day(
        day.tomorrow()
            .map_err(|e| AppError::Internal(e.to_string()))?,
    );
    let mut conn = state.db.pool.acquire().await?;
    let records = appointments::of_office_day(&mut conn, office, from, to).await?;
    let ids: Vec<_> = records.iter().map(|r| r.id).collect();
    let notices = crate::notify::outbox::cancellation_notices(&mut conn, &ids).await?;
    let lines = records
        .iter()
        .map(|r| {
            let mut line = r.to_office_line(now);
            line.cancellation_notice = notices.get(&r.id).copied().map(NoticeDelivery::of);
            line
        })
        .collect();
    Ok(Json(OfficeAgenda {
        date: day.to_string(),
        previous,
        next,
        office: repo::office_name(&mut conn, office).await?,
        appointments: lines,
        waiting: crate::waitlist::repo::waiting_on(&mut conn, office, from, to).await?,
        closures: repo::closures_between(&mut conn, office, from, to)
            .await?
            .into_iter()
            .map(closure_of)
            .collect(),
        waitlist: crate::waitlist::repo::waiters_on(&mut conn, office, from, to)
            .await?
            .into_iter()
            .map(|w| api::DayWaiter {
                contributor: api::Contributor {
                    cf: w.cf,
                    name: w.name,
                    category: w.category,
                    province: w.province,
                },
                communication_id: w.communication_id,
                point: api::ConsultationPoint {
                    code: w.point_code,
                    label: w.point_label,
                },
                part_of_day: w.part_of_day,
                status: w.status,
                since: rome::instant(w.created_at),
                offered_start: w.offered_at.map(rome::instant),
                offer_until: w.offer_until.map(rome::instant),
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/office/closures", tag = "office",
    responses((status = 200, description = "The office's closures still to end", body = Vec<api::Closure>), (status = 403, description = "Not an operator", body = api::ErrorEnvelope)))]
pub async fn list_closures(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<Closure>>> {
    let office = office_of(&user)?;
    let mut conn = state.db.pool.acquire().await?;
    let rows = repo::closures(&mut conn, office, state.clock.now()).await?;
    Ok(Json(rows.into_iter().map(closure_of).collect()))
}

#[utoipa::path(delete, path = "/api/office/closures/{id}", tag = "office", params(("id" = i64, Path, description = "The closure")),
    description = "Revoca: a closure not yet started goes and its hours are bookable again; the appointments it cancelled stay cancelled (their people were told and may book again)",
    responses(
        (status = 200, description = "The revoked closure", body = api::Closure),
        (status = 403, description = "Not an operator", body = api::ErrorEnvelope),
        (status = 404, description = "Not a closure of the operator's office", body = api::ErrorEnvelope),
        (status = 409, description = "The closure has started", body = api::ErrorEnvelope),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    crate::extract::Path(id): crate::extract::Path<i64>,
) -> AppResult<Json<Closure>> {
    let office = office_of(&user)?;
    let r = workflow::revoke(&state.db, &user, office, id, state.clock.now()).await?;
    Ok(Json(closure_of(r)))
}

fn closure_of(r: repo::ClosureRow) -> Closure {
    Closure {
        id: r.id,
        point: r
            .point_code
            .zip(r.point_label)
            .map(|(code, label)| ConsultationPoint { code, label }),
        starts_at: rome::instant(r.starts_at),
        ends_at: rome::instant(r.ends_at),
        reason: r.reason,
    }
}

/// Parses a closure: every problem per field, the point one the office offers.
async fn parse_closure(
    state: &AppState,
    user: &CurrentUser,
    raw: &NewClosure,
) -> AppResult<(ValidClosure, Option<ConsultationPoint>)> {
    let office = office_of(user)?;
    let now = state.clock.now();
    let mut errors = FieldErrors::default();
    let spec = closure::parse(
        &raw.from,
        &raw.to,
        raw.start_time.as_deref(),
        raw.end_time.as_deref(),
        &raw.reason,
        rome::date_of(now),
    )
    .map_err(|e| errors.extend(e))
    .ok();
    let point = match closure::parse_point(raw.point.as_ref()) {
        Ok(None) => None,
        Ok(Some(code)) => match places::office_point(&state.db, office, Some(code)).await? {
            Ok((point, _)) => Some(point),
            Err(_) => {
                errors.add("point", closure::POINT_OR_ALL);
                None
            }
        },
        Err(message) => {
            errors.add("point", message);
            None
        }
    };
    let Some(spec) = spec.filter(|_| errors.is_empty()) else {
        return Err(errors.into_error());
    };
    let (starts_at, ends_at) = spec
        .span()
        .ok_or_else(|| AppError::Internal("a closure's days have instants".into()))?;
    closure::not_past(ends_at, now).map_err(|e| AppError::field("end_time", e))?;
    let valid = ValidClosure {
        office,
        point: point.as_ref().map(|p| p.code),
        starts_at,
        ends_at,
        reason: spec.reason,
    };
    Ok((valid, point))
}

#[utoipa::path(post, path = "/api/office/closures/preview", tag = "office", request_body = api::NewClosure,
    responses((status = 200, description = "The appointments a closure would cancel, changing nothing (closure null)", body = api::ClosureOutcome), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
/// What a closure would cancel, before it is declared.
pub async fn preview(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(raw): Json<NewClosure>,
) -> AppResult<Json<ClosureOutcome>> {
    let (valid, _) = parse_closure(&state, &user, &raw).await?;
    let now = state.clock.now();
    let inside = workflow::inside(&state.db, &valid, now).await?;
    Ok(Json(ClosureOutcome {
        closure: None,
        affected: inside.iter().map(|r| r.to_office_line(now)).collect(),
    }))
}

#[utoipa::path(post, path = "/api/office/closures", tag = "office", request_body = api::NewClosure,
    description = "Declare a closure (a day, part of a day, a period; one point or all). Appointments inside are cancelled with its reason only with cancel_appointments",
    responses((status = 201, description = "The closure and what it cancelled", body = api::ClosureOutcome), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 409, description = "Appointments inside: confirm with cancel_appointments", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
pub async fn declare(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(raw): Json<NewClosure>,
) -> AppResult<(StatusCode, Json<ClosureOutcome>)> {
    let (valid, point) = parse_closure(&state, &user, &raw).await?;
    let (id, affected) = workflow::declare(
        &state.db,
        &user,
        &valid,
        raw.cancel_appointments,
        state.clock.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ClosureOutcome {
            closure: Some(Closure {
                id,
                point,
                starts_at: rome::instant(valid.starts_at),
                ends_at: rome::instant(valid.ends_at),
                reason: valid.reason,
            }),
            affected,
        }),
    ))
}

#[utoipa::path(post, path = "/api/office/capacity", tag = "office", request_body = api::CapacityRequest,
    responses((status = 200, description = "The day's slots for the point with their free places", body = api::DayAvailability), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 409, description = "Below what a slot already holds", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
/// A day's capacity for a point (an extra colleague on duty, or one fewer).
pub async fn capacity(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<CapacityRequest>,
) -> AppResult<Json<DayAvailability>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let mut errors = FieldErrors::default();
    let day = errors.check(
        "date",
        closure::parse_capacity_day(&request.date, rome::date_of(now)),
    );
    errors.check("capacity", closure::parse_capacity(request.capacity));
    let found = places::office_point(&state.db, office, request.point.known()).await?;
    if found.is_err() {
        errors.add("point", closure::POINT_OFFERED);
    }
    let (Some(day), Ok((point, office))) = (day.filter(|_| errors.is_empty()), found) else {
        return Err(errors.into_error());
    };
    let valid = ValidCapacity {
        office,
        point,
        day,
        capacity: request.capacity,
    };
    let slots = workflow::capacity(&state.db, &user, &valid, now).await?;
    Ok(Json(DayAvailability {
        date: day.to_string(),
        slots: slots
            .into_iter()
            .map(|(slot, free)| SlotAvailability {
                start: rome::instant(slot.start),
                end: rome::instant(slot.end),
                free: free as u32,
            })
            .collect(),
    }))
}
