//! The office's agenda: the day's appointments, closures (which cancel what falls inside them,
//! never silently) and a day's capacity. Operators act only on their own office; other roles
//! get 403.

use crate::auth::CurrentUser;
use crate::domain::closure::{self, ClosureSpec};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::routes::agenda::{check_office_point, closures, schedule};
use crate::routes::appointments::{
    cancel_confirmed, expire_holds, release_for_closure, Cancellation,
};
use crate::{rome, AppState};
use api::{
    AppointmentStatus, CapacityRequest, Closure, ClosureOutcome, ConsultationPoint,
    DayAvailability, NewClosure, OfficeAgenda, OfficeAppointment, Role, SlotAvailability,
};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use jiff::civil::Date;
use jiff::ToSpan;
use sqlx::Row;
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/office/agenda", get(agenda))
        .route("/api/office/closures", get(list_closures).post(declare))
        .route("/api/office/closures/preview", post(preview))
        .route("/api/office/capacity", post(capacity))
}

/// The operator's office. Other roles may never do this (403, as for the office's queue);
/// another office's data is simply never reached, since every query is bound to this one.
fn office_of(user: &CurrentUser) -> AppResult<i64> {
    match (user.role, user.office_id) {
        (Role::Operatore, Some(office)) => Ok(office),
        _ => Err(AppError::Forbidden),
    }
}

const SELECT: &str = "SELECT a.id, a.reference, a.status, a.cancelled_by, a.starts_at, a.ends_at,
        c.cf, c.name, c.category, c.province, tp.label, a.point_code, p.label, a.phone, a.notes,
        a.communication_id, t.protocol, o.name
 FROM appointments a
 JOIN contributors c ON c.id = a.contributor_id
 JOIN topics tp ON tp.code = a.topic_code
 JOIN consultation_points p ON p.code = a.point_code
 JOIN communications t ON t.id = a.communication_id
 JOIN offices o ON o.id = a.office_id";

/// One line of the agenda, with its id and its office's name for the callers that act on it.
struct Line {
    id: i64,
    starts_at: i64,
    office: String,
    appointment: OfficeAppointment,
}

fn line(row: &sqlx::any::AnyRow, now: i64) -> AppResult<Line> {
    let status: String = row.try_get(2)?;
    let status = AppointmentStatus::from_code(&status)
        .ok_or_else(|| AppError::Internal(format!("unknown status {status}")))?;
    let starts_at: i64 = row.try_get(4)?;
    let phone: String = row.try_get(13)?;
    let point_code: String = row.try_get(11)?;
    let contact = match point_code.as_str() {
        "telefono" => Some(format!("Richiamare il contribuente al numero {phone}.")),
        "video" => Some(format!(
            "Inviare il collegamento alla videochiamata al numero {phone} prima dell'orario."
        )),
        _ => None,
    };
    let cancelled_by: Option<String> = row.try_get(3)?;
    let confirmed = status == AppointmentStatus::Confermato;
    Ok(Line {
        id: row.try_get(0)?,
        starts_at,
        office: row.try_get(17)?,
        appointment: OfficeAppointment {
            reference: row.try_get(1)?,
            status,
            cancelled_by_office: cancelled_by.as_deref() == Some("sede"),
            starts_at: rome::instant(starts_at),
            ends_at: rome::instant(row.try_get(5)?),
            contributor: crate::access::contributor_from_row(
                row.try_get(6)?,
                row.try_get(7)?,
                row.try_get(8)?,
                row.try_get(9)?,
            )?,
            topic: row.try_get(10)?,
            point: ConsultationPoint {
                code: point_code,
                label: row.try_get(12)?,
            },
            phone,
            notes: row.try_get(14)?,
            communication_id: row.try_get(15)?,
            protocol: row.try_get(16)?,
            contact,
            can_record_attendance: confirmed && now >= starts_at,
            can_cancel: confirmed && now < starts_at,
        },
    })
}

/// Agenda della sede: the office's appointments of a day (today by default), by time: the
/// confirmed, the attended and the cancelled ones (holds and expired holds are not meetings).
async fn agenda(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<axum::Json<OfficeAgenda>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let day = match query
        .get("date")
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
    {
        None => rome::date_of(now),
        Some(text) => text
            .parse::<Date>()
            .map_err(|_| AppError::field("date", "Data non valida: usa il formato AAAA-MM-GG."))?,
    };
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.office_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
           AND a.status IN ('confermato', 'svolto', 'non_presentato', 'annullato')
         ORDER BY a.starts_at, a.reference"
    ))
    .bind(office)
    .bind(rome::start_of_day(day))
    .bind(rome::start_of_day(
        day.tomorrow()
            .map_err(|e| AppError::Internal(e.to_string()))?,
    ))
    .fetch_all(&state.db.pool)
    .await?;
    let appointments = rows
        .iter()
        .map(|r| line(r, now).map(|l| l.appointment))
        .collect::<AppResult<Vec<_>>>()?;
    let (office_name,): (String,) = sqlx::query_as("SELECT name FROM offices WHERE id = $1")
        .bind(office)
        .fetch_one(&state.db.pool)
        .await?;
    let step = |d: Result<Date, jiff::Error>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(axum::Json(OfficeAgenda {
        date: day.to_string(),
        previous: step(day.yesterday()),
        next: step(day.tomorrow()),
        office: office_name,
        appointments,
    }))
}

async fn list_closures(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<axum::Json<Vec<Closure>>> {
    let office = office_of(&user)?;
    type ClosureRow = (i64, Option<String>, Option<String>, i64, i64, String);
    let rows: Vec<ClosureRow> = sqlx::query_as(
        "SELECT k.id, k.point_code, p.label, k.starts_at, k.ends_at, k.reason
         FROM closures k LEFT JOIN consultation_points p ON p.code = k.point_code
         WHERE k.office_id = $1 AND k.ends_at > $2
         ORDER BY k.starts_at, k.id",
    )
    .bind(office)
    .bind(state.clock.now())
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|(id, code, label, starts_at, ends_at, reason)| Closure {
                id,
                point: code
                    .zip(label)
                    .map(|(code, label)| ConsultationPoint { code, label }),
                starts_at: rome::instant(starts_at),
                ends_at: rome::instant(ends_at),
                reason,
            })
            .collect(),
    ))
}

/// The instants a closure covers, Rome's wall clock (daylight saving included).
fn span(spec: &ClosureSpec) -> AppResult<(i64, i64)> {
    let at = |day: Date, time: jiff::civil::Time| {
        rome::tz()
            .to_timestamp(day.to_datetime(time))
            .map(|t| t.as_second())
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    match spec.hours {
        Some((start, end)) => Ok((at(spec.from, start)?, at(spec.from, end)?)),
        None => Ok((
            rome::start_of_day(spec.from),
            rome::start_of_day(
                spec.to
                    .checked_add(1.day())
                    .map_err(|e| AppError::Internal(e.to_string()))?,
            ),
        )),
    }
}

struct Checked {
    office: i64,
    point: Option<ConsultationPoint>,
    spec: ClosureSpec,
    starts_at: i64,
    ends_at: i64,
}

async fn check(state: &AppState, user: &CurrentUser, raw: &NewClosure) -> AppResult<Checked> {
    let office = office_of(user)?;
    let now = state.clock.now();
    let mut errors = match closure::parse(
        &raw.from,
        &raw.to,
        raw.start_time.as_deref(),
        raw.end_time.as_deref(),
        &raw.reason,
        rome::date_of(now),
    ) {
        Ok(_) => Default::default(),
        Err(errors) => errors,
    };
    let point = match raw
        .point
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(code) => match check_office_point(state, office, code).await {
            Ok((point, _)) => Some(point),
            Err(AppError::Validation(_)) => {
                errors.insert(
                    "point".into(),
                    "Scegli un punto di consulenza che la sede offre, o tutti.".into(),
                );
                None
            }
            Err(other) => return Err(other),
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let spec = closure::parse(
        &raw.from,
        &raw.to,
        raw.start_time.as_deref(),
        raw.end_time.as_deref(),
        &raw.reason,
        rome::date_of(now),
    )
    .map_err(AppError::Validation)?;
    let (starts_at, ends_at) = span(&spec)?;
    if ends_at <= now {
        return Err(AppError::field(
            "end_time",
            "La chiusura indicata è già passata.",
        ));
    }
    Ok(Checked {
        office,
        point,
        spec,
        starts_at,
        ends_at,
    })
}

/// The appointments still to come inside a closure: confirmed ones and live holds.
async fn inside(db: &mut sqlx::AnyConnection, c: &Checked, now: i64) -> AppResult<Vec<Line>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.office_id = $1 AND a.starts_at < $3 AND a.ends_at > $2
           AND ($4 = '' OR a.point_code = $4) AND a.starts_at > $5
           AND (a.status = 'confermato' OR (a.status = 'prenotato' AND a.hold_expires_at > $5))
         ORDER BY a.starts_at, a.reference"
    ))
    .bind(c.office)
    .bind(c.starts_at)
    .bind(c.ends_at)
    .bind(c.point.as_ref().map(|p| p.code.as_str()).unwrap_or(""))
    .bind(now)
    .fetch_all(&mut *db)
    .await?;
    rows.iter().map(|r| line(r, now)).collect()
}

/// What a closure would cancel, before it is declared.
async fn preview(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(raw): Json<NewClosure>,
) -> AppResult<axum::Json<ClosureOutcome>> {
    let checked = check(&state, &user, &raw).await?;
    let mut conn = state.db.pool.acquire().await?;
    let affected = inside(&mut conn, &checked, state.clock.now()).await?;
    Ok(axum::Json(ClosureOutcome {
        closure: None,
        affected: affected.into_iter().map(|l| l.appointment).collect(),
    }))
}

/// Declares a closure: its slots leave availability at once. Appointments inside it are
/// cancelled with its reason and told in their threads, but only once the operator has seen
/// them (`cancel_appointments`); otherwise 409 and nothing changes.
async fn declare(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(raw): Json<NewClosure>,
) -> AppResult<(StatusCode, axum::Json<ClosureOutcome>)> {
    let checked = check(&state, &user, &raw).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let affected = inside(&mut tx, &checked, now).await?;
    if !affected.is_empty() && !raw.cancel_appointments {
        let n = affected.len();
        return Err(AppError::Conflict {
            code: "closure_has_appointments",
            message: if n == 1 {
                "Nel periodo di chiusura c'è 1 appuntamento: controllalo e conferma per annullarlo con il motivo della chiusura.".into()
            } else {
                format!("Nel periodo di chiusura ci sono {n} appuntamenti: controllali e conferma per annullarli con il motivo della chiusura.")
            },
        });
    }
    let id = crate::db::next_value(&mut tx, "closures").await?;
    sqlx::query(
        "INSERT INTO closures (id, office_id, point_code, starts_at, ends_at, reason, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(checked.office)
    .bind(checked.point.as_ref().map(|p| p.code.clone()))
    .bind(checked.starts_at)
    .bind(checked.ends_at)
    .bind(&checked.spec.reason)
    .bind(user.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let reason = format!("chiusura della sede – {}", checked.spec.reason);
    let mut answer = Vec::new();
    for l in &affected {
        let a = &l.appointment;
        // Whatever it was when read: a hold confirmed meanwhile is cancelled, a hold still
        // held is released (each statement is conditional on the status it changes).
        let target = Cancellation {
            id: l.id,
            reference: &a.reference,
            starts_at: l.starts_at,
            communication_id: a.communication_id,
            office: &l.office,
            contributor_name: &a.contributor.name,
        };
        let cancelled = cancel_confirmed(
            &mut tx,
            &target,
            &user,
            true,
            Some(&reason),
            l.starts_at,
            now,
        )
        .await?;
        let mut done = a.clone();
        done.can_cancel = false;
        done.can_record_attendance = false;
        if cancelled {
            done.status = AppointmentStatus::Annullato;
            done.cancelled_by_office = true;
        } else {
            done.status = AppointmentStatus::PrenotazioneCancellata;
            release_for_closure(
                &mut tx,
                l.id,
                &a.reference,
                a.communication_id,
                &user,
                &reason,
                now,
            )
            .await?;
        }
        answer.push(done);
    }
    tx.commit().await?;
    tracing::info!(
        office = checked.office,
        cancelled = affected.len(),
        "closure declared"
    );
    Ok((
        StatusCode::CREATED,
        axum::Json(ClosureOutcome {
            closure: Some(Closure {
                id,
                point: checked.point,
                starts_at: rome::instant(checked.starts_at),
                ends_at: rome::instant(checked.ends_at),
                reason: checked.spec.reason,
            }),
            affected: answer,
        }),
    ))
}

/// A day's capacity for a point (an extra colleague on duty, or one fewer). Lowering it below
/// what a slot already holds is refused, naming the slot; nothing changes then.
async fn capacity(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<CapacityRequest>,
) -> AppResult<axum::Json<DayAvailability>> {
    let office = office_of(&user)?;
    let now = state.clock.now();
    let mut errors = std::collections::BTreeMap::new();
    let day = request.date.trim().parse::<Date>().ok();
    match day {
        None => {
            errors.insert(
                "date".into(),
                "Data non valida: usa il formato AAAA-MM-GG.".into(),
            );
        }
        Some(d) if d < rome::date_of(now) => {
            errors.insert(
                "date".into(),
                "Non si può cambiare la capienza di un giorno passato.".into(),
            );
        }
        _ => {}
    }
    if let Err(e) = closure::parse_capacity(request.capacity) {
        errors.insert("capacity".into(), e);
    }
    if let Err(AppError::Validation(_)) = check_office_point(&state, office, &request.point).await {
        errors.insert(
            "point".into(),
            "Scegli un punto di consulenza che la sede offre.".into(),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let day = day.expect("checked");
    let schedule = schedule(&state, office, &request.point).await?;
    let from = rome::start_of_day(day);
    let to = from + 2 * 86_400;
    let closed = closures(&state, office, &request.point, from, to).await?;
    let slots = crate::domain::slots::slots(
        &schedule.templates,
        schedule.patron.as_deref(),
        &closed,
        day,
        day,
    )
    .into_iter()
    .flat_map(|(_, list)| list)
    .filter(|s| s.start > now)
    .collect::<Vec<_>>();
    if slots.is_empty() {
        return Err(AppError::field(
            "date",
            "In questo giorno la sede non riceve per questo punto di consulenza.",
        ));
    }
    let mut tx = state.db.begin_write().await?;
    // Places held by expired holds are given back first: only live bookings count.
    expire_holds(&mut tx, None, now).await?;
    let booked: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT starts_at, booked FROM slots
         WHERE office_id = $1 AND point_code = $2 AND starts_at >= $3 AND starts_at < $4",
    )
    .bind(office)
    .bind(&request.point)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *tx)
    .await?;
    let booked: HashMap<i64, i64> = booked.into_iter().collect();
    if let Some((start, n)) = slots
        .iter()
        .filter_map(|s| booked.get(&s.start).map(|n| (s.start, *n)))
        .filter(|(_, n)| *n > request.capacity)
        .min()
    {
        return Err(AppError::Conflict {
            code: "capacity_below_bookings",
            message: format!(
                "Non puoi scendere a {} {}: alle {} ci sono già {n} prenotazioni. Per liberare posti annulla prima gli appuntamenti, con un motivo.",
                request.capacity,
                if request.capacity == 1 { "posto" } else { "posti" },
                api::it::time(&rome::instant(start))
            ),
        });
    }
    let mut answer = Vec::new();
    for slot in &slots {
        let id = crate::db::next_value(&mut tx, "slots").await?;
        sqlx::query(
            "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
             VALUES ($1, $2, $3, $4, $5, $6, 0)
             ON CONFLICT (office_id, point_code, starts_at) DO UPDATE SET capacity = $6",
        )
        .bind(id)
        .bind(office)
        .bind(&request.point)
        .bind(slot.start)
        .bind(slot.end)
        .bind(request.capacity)
        .execute(&mut *tx)
        .await?;
        let taken = booked.get(&slot.start).copied().unwrap_or(0);
        answer.push(SlotAvailability {
            start: rome::instant(slot.start),
            end: rome::instant(slot.end),
            free: (request.capacity - taken).max(0) as u32,
        });
    }
    tx.commit().await?;
    Ok(axum::Json(DayAvailability {
        date: day.to_string(),
        slots: answer,
    }))
}
