//! Agenda appuntamenti: Prenota Appuntamento (a hold with an identifier), Estendi, Conferma
//! Appuntamento, Cancella Prenotazione, the appointment itself and its calendar file. Capacity
//! is enforced inside the database: a conditional update of the slot's counter under the write
//! lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's row locks) and a CHECK behind it.

use crate::access::{author_label, thread_access, ThreadAccess};
use crate::auth::CurrentUser;
use crate::db::{next_values, Backend};
use crate::domain::booking::{
    self, is_active, parse_notes, parse_phone, Refusal, Step, HOLD_SECONDS,
    MAX_ACTIVE_PER_CONTRIBUTOR,
};
use crate::domain::eligibility::{decide, describe, Facts};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::routes::agenda::{check_office_point, free_slots};
use crate::routes::communications::{insert_message_with_id, parse_status};
use crate::{rome, AppState};
use api::{
    Appointment, AppointmentEvent, AppointmentStatus, AttendanceRequest, CancelRequest,
    HoldRequest, Topic,
};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/appointments", post(hold))
        .route("/api/appointments/{reference}", get(detail))
        .route("/api/appointments/{reference}/extend", post(extend))
        .route("/api/appointments/{reference}/confirm", post(confirm))
        .route("/api/appointments/{reference}/release", post(release))
        .route("/api/appointments/{reference}/cancel", post(cancel))
        .route("/api/appointments/{reference}/attendance", post(attendance))
        .route("/api/appointments/{reference}/ics", get(ics))
        .route("/api/contributors/{cf}/appointments", get(history))
        .route("/api/intermediary/agenda", get(studio_agenda))
}

type Tx = crate::db::WriteTx;

fn refusal(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::Expired => AppError::Gone,
        Refusal::Conflict(code, message) => AppError::Conflict {
            code,
            message: message.into(),
        },
    }
}

fn status_of(code: &str) -> AppResult<AppointmentStatus> {
    AppointmentStatus::from_code(code)
        .ok_or_else(|| AppError::Internal(format!("unknown appointment status {code}")))
}

/// Locks rows on PostgreSQL; on SQLite the transaction already holds the database's write lock.
async fn lock(tx: &mut Tx, backend: Backend, table: &str, id: i64) -> AppResult<()> {
    if backend == Backend::Postgres {
        sqlx::query(&format!("SELECT id FROM {table} WHERE id = $1 FOR UPDATE"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Ids for one timeline event and one thread message, in one round trip.
async fn event_and_message_ids(tx: &mut Tx) -> AppResult<(i64, i64)> {
    let ids = next_values(tx, &["appointment_events", "messages"]).await?;
    Ok((ids[0], ids[1]))
}

#[allow(clippy::too_many_arguments)]
async fn event(
    tx: &mut Tx,
    id: i64,
    appointment: i64,
    now: i64,
    kind: &str,
    actor: Option<i64>,
    label: &str,
    note: Option<&str>,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO appointment_events (id, appointment_id, at, kind, actor_user_id, actor_label, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(appointment)
    .bind(now)
    .bind(kind)
    .bind(actor)
    .bind(label)
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Every booking event is also a message in its thread, so that the conversation and the
/// appointment stay one story. What the office writes (`from_institute`) counts as the
/// Institute's answer, so the contributor sees it as new.
#[allow(clippy::too_many_arguments)]
pub async fn post_to_thread(
    tx: &mut Tx,
    id: i64,
    communication_id: i64,
    author: Option<i64>,
    label: &str,
    from_institute: bool,
    text: &str,
    now: i64,
) -> AppResult<()> {
    insert_message_with_id(
        tx,
        id,
        communication_id,
        author,
        label,
        from_institute,
        text,
        now,
    )
    .await?;
    sqlx::query(
        "UPDATE communications SET last_message_at = $1,
             last_institute_message_at = CASE WHEN $2 = 1 THEN $1 ELSE last_institute_message_at END
         WHERE id = $3",
    )
    .bind(now)
    .bind(i64::from(from_institute))
    .bind(communication_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The author of what the agenda writes by itself (an expired hold).
const SYSTEM_AUTHOR: &str = "Agenda appuntamenti (messaggio automatico)";

/// Marks expired holds `scaduto` and gives their places back, for one slot or for all.
/// Each hold is taken by a conditional update, so two servers sweeping at once never free a
/// place twice.
pub async fn expire_holds(tx: &mut Tx, slot: Option<i64>, now: i64) -> AppResult<usize> {
    let expired: Vec<(i64, i64, i64, String)> = match slot {
        Some(slot) => {
            sqlx::query_as(
                "UPDATE appointments SET status = 'scaduto', updated_at = $1
                 WHERE slot_id = $2 AND status = 'prenotato' AND hold_expires_at <= $1
                 RETURNING id, slot_id, communication_id, reference",
            )
            .bind(now)
            .bind(slot)
            .fetch_all(&mut **tx)
            .await?
        }
        None => {
            sqlx::query_as(
                "UPDATE appointments SET status = 'scaduto', updated_at = $1
                 WHERE status = 'prenotato' AND hold_expires_at <= $1
                 RETURNING id, slot_id, communication_id, reference",
            )
            .bind(now)
            .fetch_all(&mut **tx)
            .await?
        }
    };
    for (id, slot, communication_id, reference) in &expired {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1")
            .bind(slot)
            .execute(&mut **tx)
            .await?;
        let (event_id, message_id) = event_and_message_ids(tx).await?;
        event(
            tx,
            event_id,
            *id,
            now,
            "scaduto",
            None,
            "Sistema",
            Some("Prenotazione non confermata entro il tempo previsto."),
        )
        .await?;
        post_to_thread(
            tx,
            message_id,
            *communication_id,
            None,
            SYSTEM_AUTHOR,
            false,
            &format!(
                "Prenotazione {reference} scaduta: non è stata confermata entro il tempo previsto e l'orario è di nuovo disponibile per altri."
            ),
            now,
        )
        .await?;
    }
    Ok(expired.len())
}

/// One more place in the slot, only while it has one free (the CHECK stands behind this).
async fn take_place(tx: &mut Tx, slot: i64) -> AppResult<bool> {
    let taken =
        sqlx::query("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity")
            .bind(slot)
            .execute(&mut **tx)
            .await?;
    Ok(taken.rows_affected() == 1)
}

/// Whether the office declared a closure over the appointment's time (after it was held).
async fn inside_closure(tx: &mut Tx, appointment: i64) -> AppResult<bool> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT k.id FROM closures k JOIN appointments a ON a.id = $1
         WHERE k.office_id = a.office_id AND (k.point_code IS NULL OR k.point_code = a.point_code)
           AND k.starts_at < a.ends_at AND k.ends_at > a.starts_at",
    )
    .bind(appointment)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

/// The place an appointment held goes back to its slot (it was released or cancelled).
async fn give_back_place(tx: &mut Tx, appointment: i64) -> AppResult<()> {
    sqlx::query(
        "UPDATE slots SET booked = booked - 1
         WHERE id = (SELECT slot_id FROM appointments WHERE id = $1)",
    )
    .bind(appointment)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The answer to a step: the appointment as it is now, read after the commit (outside the
/// write lock), as `access` sees it.
async fn answer(
    state: &AppState,
    reference: &str,
    access: &ThreadAccess,
) -> AppResult<Json<Appointment>> {
    let now = state.clock.now();
    let mut read = state.db.pool.begin().await?;
    let appointment = load(&mut read, reference, now).await?;
    read.commit().await?;
    Ok(Json(for_viewer(appointment, access, now)))
}

/// The sweeper: every 30 seconds, expired holds become `scaduto`.
pub fn spawn_sweeper(state: AppState) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(30));
        loop {
            interval.tick().await;
            let now = state.clock.now();
            let result = async {
                let mut tx = state.db.begin_write().await?;
                let n = expire_holds(&mut tx, None, now).await?;
                tx.commit().await?;
                AppResult::Ok(n)
            }
            .await;
            match result {
                Ok(0) => {}
                Ok(n) => tracing::info!(expired = n, "holds expired"),
                Err(error) => tracing::warn!(%error, "sweeper"),
            }
        }
    });
}

fn request_hash(request: &HoldRequest) -> String {
    hex::encode(Sha256::digest(
        serde_json::to_vec(request).unwrap_or_default(),
    ))
}

fn idempotency_key(headers: &HeaderMap) -> AppResult<String> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() || key.len() > 200 {
        return Err(AppError::BadRequest(
            "manca l'intestazione Idempotency-Key (un identificativo unico per ogni prenotazione)."
                .into(),
        ));
    }
    Ok(key.to_string())
}

/// A stored answer for this user and key: the same answer again, or 422 for another body.
async fn replay(state: &AppState, user: i64, key: &str, hash: &str) -> AppResult<Option<Response>> {
    let stored: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2",
    )
    .bind(user)
    .bind(key)
    .fetch_optional(&state.db.pool)
    .await?;
    match stored {
        None => Ok(None),
        Some((stored_hash, _, _)) if stored_hash != hash => Err(AppError::field(
            "idempotency_key",
            "Questa chiave Idempotency-Key è già stata usata per una prenotazione diversa.",
        )),
        Some((_, Some(status), Some(body))) => Ok(Some(
            (
                StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK),
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response(),
        )),
        Some(_) => Err(AppError::Conflict {
            code: "in_progress",
            message: "La stessa prenotazione è già in corso: attendi qualche secondo.".into(),
        }),
    }
}

/// Prenota Appuntamento.
async fn hold(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Json(request): Json<HoldRequest>,
) -> AppResult<Response> {
    let key = idempotency_key(&headers)?;
    let hash = request_hash(&request);
    if let Some(answer) = replay(&state, user.id, &key, &hash).await? {
        return Ok(answer);
    }
    let now = state.clock.now();

    // Whose thread: the contributor's side only; to anyone else it does not exist.
    let ThreadAccess::ContributorSide(acting) =
        thread_access(&state.db, &user, request.communication_id, now).await?
    else {
        return Err(AppError::NotFound);
    };

    let mut errors = BTreeMap::new();
    let phone = parse_phone(&request.phone)
        .map_err(|e| errors.insert("phone".into(), e))
        .ok();
    let notes = parse_notes(&request.notes)
        .map_err(|e| errors.insert("notes".into(), e))
        .ok();
    let start = rome::parse_instant(&request.start);
    if start.is_none() {
        errors.insert(
            "start".into(),
            "Scegli la data e l'ora dell'appuntamento.".into(),
        );
    }
    let place = match check_office_point(&state, request.office, &request.point).await {
        Ok(place) => Some(place),
        Err(AppError::Validation(fields)) => {
            errors.extend(fields);
            None
        }
        Err(other) => return Err(other),
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (phone, notes, start, (point, office)) = (
        phone.expect("checked"),
        notes.expect("checked"),
        start.expect("checked"),
        place.expect("checked"),
    );

    // The slot must be one the engine offers now: in the window, in opening hours, not on a
    // holiday or in a closure.
    let day = rome::date_of(start);
    let offered = free_slots(&state, request.office, &request.point, Some(day), Some(day)).await?;
    let Some((slot, _)) = offered
        .into_iter()
        .flat_map(|(_, list)| list)
        .find(|(s, _)| s.start == start)
    else {
        return Err(AppError::field(
            "start",
            "L'orario scelto non è tra quelli prenotabili: scegli un orario dall'elenco.",
        ));
    };

    let (topic, sent_at, days, status, topic_label, protocol, subject): (
        String,
        i64,
        i64,
        String,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT t.topic_code, t.sent_at, tp.appointment_after_days, t.status, tp.label,
                t.protocol, t.subject
         FROM communications t JOIN topics tp ON tp.code = t.topic_code WHERE t.id = $1",
    )
    .bind(request.communication_id)
    .fetch_one(&state.db.pool)
    .await?;

    let backend = state.db.backend;
    let mut tx = state.db.begin_write().await?;
    // Same lock order everywhere: contributor, thread, slot.
    lock(&mut tx, backend, "contributors", acting.id).await?;
    lock(&mut tx, backend, "communications", request.communication_id).await?;
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, idem_key) DO NOTHING",
    )
    .bind(user.id)
    .bind(&key)
    .bind(&hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        drop(tx);
        return match replay(&state, user.id, &key, &hash).await? {
            Some(answer) => Ok(answer),
            None => Err(AppError::Internal("idempotency key vanished".into())),
        };
    }

    // Eligibility and limits, read under the locks.
    let live: Vec<(i64, String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT communication_id, reference, status, hold_expires_at, starts_at FROM appointments
         WHERE contributor_id = $1 AND status IN ('prenotato', 'confermato')",
    )
    .bind(acting.id)
    .fetch_all(&mut *tx)
    .await?;
    let live: Vec<(i64, String)> = live
        .into_iter()
        .filter(|(_, _, s, hold, starts)| {
            AppointmentStatus::from_code(s).is_some_and(|s| is_active(s, *hold, *starts, now))
        })
        .map(|(c, r, ..)| (c, r))
        .collect();
    let thread_active = live
        .iter()
        .find(|(c, _)| *c == request.communication_id)
        .map(|(_, r)| r.as_str());
    let decision = decide(&Facts {
        sent_on: rome::date_of(sent_at),
        topic_days: days,
        status: parse_status(&status)?,
        active_appointment: thread_active,
        today: rome::date_of(now),
    });
    let eligibility = describe(&decision, days);
    if let Some(reference) = thread_active {
        return Err(AppError::Conflict {
            code: "thread_has_appointment",
            message: format!("Per questa comunicazione c'è già l'appuntamento {reference}: puoi gestirlo da Gestione appuntamenti."),
        });
    }
    if !eligibility.eligible {
        return Err(AppError::Conflict {
            code: "not_eligible",
            message: eligibility.reason,
        });
    }
    if live.len() as i64 >= MAX_ACTIVE_PER_CONTRIBUTOR {
        return Err(AppError::TooManyRequests {
            code: "too_many_appointments",
            message: format!(
                "Hai già {MAX_ACTIVE_PER_CONTRIBUTOR} appuntamenti attivi ({}): per prenotarne un altro annullane uno da Gestione appuntamenti.",
                live.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>().join(", ")
            ),
            retry_after: 0,
        });
    }

    // Every id this booking needs, in one round trip under the lock.
    let year = rome::date_of(now).year();
    let ids = next_values(
        &mut tx,
        &[
            "slots",
            "appointments",
            &format!("appointment-{year}"),
            "appointment_events",
            "messages",
        ],
    )
    .await?;
    let (id, reference, event_id, message_id) =
        (ids[1], format!("AP-{year}-{:06}", ids[2]), ids[3], ids[4]);

    // The place: the slot row (made the first time it is held), then one more only if free;
    // if it looks full, its expired holds are given back first and the place asked for again.
    let (slot_id,): (i64,) = sqlx::query_as(
        "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
         VALUES ($1, $2, $3, $4, $5, $6, 0)
         ON CONFLICT (office_id, point_code, starts_at) DO UPDATE SET capacity = slots.capacity
         RETURNING id",
    )
    .bind(ids[0])
    .bind(request.office)
    .bind(&request.point)
    .bind(slot.start)
    .bind(slot.end)
    .bind(slot.capacity)
    .fetch_one(&mut *tx)
    .await?;
    lock(&mut tx, backend, "slots", slot_id).await?;
    let mut taken = take_place(&mut tx, slot_id).await?;
    if !taken && expire_holds(&mut tx, Some(slot_id), now).await? > 0 {
        taken = take_place(&mut tx, slot_id).await?;
    }
    if !taken {
        return Err(AppError::Conflict {
            code: "slot_unavailable",
            message: "L'orario scelto non è più disponibile. Scegli un altro orario.".into(),
        });
    }

    let booked_by = match user.role {
        api::Role::Intermediario => user.organisation.clone().unwrap_or(user.name.clone()),
        _ => user.name.clone(),
    };
    sqlx::query(
        "INSERT INTO appointments (id, reference, communication_id, contributor_id, slot_id, office_id,
             point_code, topic_code, starts_at, ends_at, phone, notes, status, hold_expires_at,
             booked_by, booked_by_label, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'prenotato', $13, $14, $15, $16, $16)",
    )
    .bind(id)
    .bind(&reference)
    .bind(request.communication_id)
    .bind(acting.id)
    .bind(slot_id)
    .bind(request.office)
    .bind(&request.point)
    .bind(&topic)
    .bind(slot.start)
    .bind(slot.end)
    .bind(&phone)
    .bind(&notes)
    .bind(now + HOLD_SECONDS)
    .bind(user.id)
    .bind(&booked_by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    event(
        &mut tx,
        event_id,
        id,
        now,
        "prenotato",
        Some(user.id),
        &booked_by,
        None,
    )
    .await?;
    post_to_thread(
        &mut tx,
        message_id,
        request.communication_id,
        Some(user.id),
        &author_label(&user, &acting.contributor.name),
        false,
        &format!(
            "Appuntamento {reference} prenotato per {} presso la {} ({}): da confermare entro le {}.",
            when(&rome::instant(slot.start)),
            office.name,
            point.label,
            api::it::time(&rome::instant(now + HOLD_SECONDS)),
        ),
        now,
    )
    .await?;

    // The answer is made from what is at hand, so that the write lock is held no longer than
    // the writes need.
    let appointment = Appointment {
        reference: reference.clone(),
        status: AppointmentStatus::Prenotato,
        communication_id: request.communication_id,
        protocol,
        subject,
        topic: Topic {
            code: topic,
            label: topic_label,
            appointment_after_days: days as u32,
        },
        office: api::Office {
            points: vec![point.code.clone()],
            ..office
        },
        point,
        contributor: acting.contributor.clone(),
        starts_at: rome::instant(slot.start),
        ends_at: rome::instant(slot.end),
        phone,
        notes,
        hold_expires_at: Some(rome::instant(now + HOLD_SECONDS)),
        booked_by: booked_by.clone(),
        timeline: vec![AppointmentEvent {
            at: rome::instant(now),
            kind: "prenotato".into(),
            label: event_label("prenotato").into(),
            actor: booked_by,
            note: None,
        }],
        cancelled_by_office: false,
        cancel_reason: None,
        cancel_until: None,
        can_cancel: false,
        can_record_attendance: false,
        viewed_by_office: false,
    };
    let body =
        serde_json::to_string(&appointment).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query(
        "UPDATE idempotency_keys SET status = 201, body = $1 WHERE user_id = $2 AND idem_key = $3",
    )
    .bind(&body)
    .bind(user.id)
    .bind(&key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(%reference, "appointment held");
    Ok((
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

/// id, reference, status, hold end, start, thread, extensions, office name, point label.
type Row = (
    i64,
    String,
    String,
    Option<i64>,
    i64,
    i64,
    i64,
    String,
    String,
);

/// The appointment `reference` if the caller may see it: the contributor's side, or an operator
/// of its office. Anyone else gets 404.
async fn find(
    state: &AppState,
    user: &CurrentUser,
    reference: &str,
) -> AppResult<(Row, ThreadAccess)> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT a.id, a.reference, a.status, a.hold_expires_at, a.starts_at, a.communication_id,
                a.extensions, o.name, p.label
         FROM appointments a
         JOIN offices o ON o.id = a.office_id
         JOIN consultation_points p ON p.code = a.point_code
         WHERE a.reference = $1",
    )
    .bind(reference)
    .fetch_optional(&state.db.pool)
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    let access = thread_access(&state.db, user, row.5, state.clock.now()).await?;
    Ok((row, access))
}

/// The appointment as the pages show it at `now`; `can_cancel` is the contributor side's rule
/// (the office's own view adjusts it).
pub async fn load(
    tx: &mut sqlx::AnyConnection,
    reference: &str,
    now: i64,
) -> AppResult<Appointment> {
    type Full = (
        String,
        String,
        i64,
        String,
        String,
        String,
        i64,
        String,
        String,
        i64,
        i64,
        String,
        String,
        Option<i64>,
        String,
        i64,
    );
    let (reference, status, communication_id, protocol, subject, topic_code, topic_days, topic_label, point_code, office_id, starts_at, phone, notes, hold, booked_by, id): Full =
        sqlx::query_as(
            "SELECT a.reference, a.status, a.communication_id, t.protocol, t.subject, a.topic_code,
                    tp.appointment_after_days, tp.label, a.point_code, a.office_id, a.starts_at, a.phone,
                    a.notes, a.hold_expires_at, a.booked_by_label, a.id
             FROM appointments a
             JOIN communications t ON t.id = a.communication_id
             JOIN topics tp ON tp.code = a.topic_code
             WHERE a.reference = $1",
        )
        .bind(reference)
        .fetch_one(&mut *tx)
        .await?;
    type More = (
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        i64,
    );
    let (ends_at, cf, name, category, province, cancelled_by, cancel_reason, cutoff): More =
        sqlx::query_as(
            "SELECT a.ends_at, c.cf, c.name, c.category, c.province, a.cancelled_by,
                    a.cancel_reason, tp.cancel_cutoff_minutes
             FROM appointments a
             JOIN contributors c ON c.id = a.contributor_id
             JOIN topics tp ON tp.code = a.topic_code WHERE a.id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    let (point_label,): (String,) =
        sqlx::query_as("SELECT label FROM consultation_points WHERE code = $1")
            .bind(&point_code)
            .fetch_one(&mut *tx)
            .await?;
    let (office_name, city, address, office_province): (String, String, String, String) =
        sqlx::query_as("SELECT name, city, address, province FROM offices WHERE id = $1")
            .bind(office_id)
            .fetch_one(&mut *tx)
            .await?;
    let events: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT at, kind, actor_label, note FROM appointment_events WHERE appointment_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let status = status_of(&status)?;
    let confirmed_ahead = status == AppointmentStatus::Confermato && starts_at > now;
    let deadline = booking::cancel_deadline(starts_at, cutoff);
    Ok(Appointment {
        reference,
        status,
        communication_id,
        protocol,
        subject,
        topic: Topic {
            code: topic_code,
            label: topic_label,
            appointment_after_days: topic_days as u32,
        },
        point: api::ConsultationPoint {
            code: point_code.clone(),
            label: point_label,
        },
        office: api::Office {
            id: office_id,
            name: office_name,
            city,
            address,
            province: office_province,
            points: vec![point_code],
        },
        contributor: crate::access::contributor_from_row(cf, name, category, province)?,
        starts_at: rome::instant(starts_at),
        ends_at: rome::instant(ends_at),
        phone,
        notes,
        hold_expires_at: (status == AppointmentStatus::Prenotato)
            .then(|| hold.map(rome::instant))
            .flatten(),
        booked_by,
        timeline: events
            .into_iter()
            .map(|(at, kind, actor, note)| AppointmentEvent {
                at: rome::instant(at),
                label: event_label(&kind).to_string(),
                kind,
                actor,
                note,
            })
            .collect(),
        cancelled_by_office: cancelled_by.as_deref() == Some("sede"),
        cancel_reason,
        cancel_until: confirmed_ahead.then(|| rome::instant(deadline)),
        can_cancel: confirmed_ahead && now < deadline,
        can_record_attendance: false,
        viewed_by_office: false,
    })
}

/// The appointment as `access` sees it: the office cancels until the start (no cut-off) and
/// records attendance after it.
fn for_viewer(mut a: Appointment, access: &ThreadAccess, now: i64) -> Appointment {
    if let ThreadAccess::Office { .. } = access {
        let starts = rome::parse_instant(&a.starts_at).unwrap_or(i64::MAX);
        let confirmed = a.status == AppointmentStatus::Confermato;
        a.viewed_by_office = true;
        a.cancel_until = None;
        a.can_cancel = confirmed && now < starts;
        a.can_record_attendance = confirmed && now >= starts;
    }
    a
}

fn event_label(kind: &str) -> &'static str {
    match kind {
        "prenotato" => "Prenotazione effettuata",
        "esteso" => "Prenotazione estesa",
        "confermato" => "Appuntamento confermato",
        "prenotazione_cancellata" => "Prenotazione cancellata",
        "scaduto" => "Prenotazione scaduta",
        "annullato" => "Appuntamento annullato",
        "svolto" => "Appuntamento svolto",
        "non_presentato" => "Contribuente non presentato",
        _ => "Aggiornamento",
    }
}

async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<String>,
) -> AppResult<Json<Appointment>> {
    let (_, access) = find(&state, &user, &reference).await?;
    answer(&state, &reference, &access).await
}

/// Who acts on an appointment, as the timeline and the thread show it.
fn actor(user: &CurrentUser, contributor_name: &str) -> String {
    match user.role {
        api::Role::Intermediario => user.organisation.clone().unwrap_or(user.name.clone()),
        api::Role::Operatore => author_label(user, contributor_name),
        api::Role::Contribuente => user.name.clone(),
    }
}

/// "martedì 3 marzo 2026 alle 10:30"
fn when(starts_at: &str) -> String {
    format!(
        "{} alle {}",
        api::it::date_with_weekday(starts_at),
        api::it::time(starts_at)
    )
}

enum Action {
    Extend,
    Confirm,
    Release,
}

async fn step(
    state: AppState,
    user: CurrentUser,
    reference: String,
    action: Action,
) -> AppResult<Json<Appointment>> {
    let (
        (id, reference, status, hold, starts_at, communication_id, extensions, office, point),
        access,
    ) = find(&state, &user, &reference).await?;
    let ThreadAccess::ContributorSide(acting) = access else {
        return Err(AppError::NotFound);
    };
    let now = state.clock.now();
    let current = booking::state(status_of(&status)?, hold, now);
    let outcome = match action {
        Action::Extend => booking::extend(current, extensions),
        Action::Confirm => booking::confirm(current),
        Action::Release => booking::release(current),
    };
    let label = actor(&user, &acting.contributor.name);
    let mut tx = state.db.begin_write().await?;
    match outcome {
        Err(Refusal::Expired) => {
            // Say so now and give the place back at once, without waiting for the sweeper.
            let slot: (i64,) = sqlx::query_as("SELECT slot_id FROM appointments WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            expire_holds(&mut tx, Some(slot.0), now).await?;
            tx.commit().await?;
            return Err(AppError::Gone);
        }
        Err(other) => return Err(refusal(other)),
        Ok(Step::AlreadyDone) => {}
        Ok(Step::To(next)) => {
            if matches!(action, Action::Confirm) && inside_closure(&mut tx, id).await? {
                return Err(AppError::Conflict {
                    code: "office_closed",
                    message: "La sede ha dichiarato una chiusura in questo orario: la prenotazione non può essere confermata. Cancellala e scegli un altro orario.".into(),
                });
            }
            // Conditional on the status read above: a concurrent step makes this one a no-op
            // that is then answered from the fresh state.
            let changed = match action {
                Action::Extend => sqlx::query(
                    "UPDATE appointments SET hold_expires_at = $1, extensions = extensions + 1, updated_at = $2
                     WHERE id = $3 AND status = 'prenotato' AND hold_expires_at > $2",
                )
                .bind(now + HOLD_SECONDS)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?,
                Action::Confirm => sqlx::query(
                    "UPDATE appointments SET status = 'confermato', hold_expires_at = NULL, updated_at = $1
                     WHERE id = $2 AND status = 'prenotato' AND hold_expires_at > $1",
                )
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?,
                Action::Release => sqlx::query(
                    "UPDATE appointments SET status = 'prenotazione_cancellata', hold_expires_at = NULL, updated_at = $1
                     WHERE id = $2 AND status = 'prenotato' AND hold_expires_at > $1",
                )
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?,
            };
            if changed.rows_affected() == 1 {
                let kind = match action {
                    Action::Extend => "esteso",
                    _ => next.code(),
                };
                let (event_id, message_id) = event_and_message_ids(&mut tx).await?;
                event(
                    &mut tx,
                    event_id,
                    id,
                    now,
                    kind,
                    Some(user.id),
                    &label,
                    None,
                )
                .await?;
                let starts_at = rome::instant(starts_at);
                let text = match action {
                    Action::Extend => format!(
                        "Prenotazione {reference} estesa: da confermare entro le {}.",
                        api::it::time(&rome::instant(now + HOLD_SECONDS))
                    ),
                    Action::Confirm => format!(
                        "Appuntamento {reference} confermato per {} presso la {office} ({point}).",
                        when(&starts_at)
                    ),
                    Action::Release => {
                        give_back_place(&mut tx, id).await?;
                        format!(
                            "Prenotazione {reference} cancellata: l'orario di {} presso la {office} è di nuovo disponibile.",
                            when(&starts_at)
                        )
                    }
                };
                let author = author_label(&user, &acting.contributor.name);
                post_to_thread(
                    &mut tx,
                    message_id,
                    communication_id,
                    Some(user.id),
                    &author,
                    false,
                    &text,
                    now,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    answer(&state, &reference, &ThreadAccess::ContributorSide(acting)).await
}

async fn extend(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<String>,
) -> AppResult<Json<Appointment>> {
    step(state, user, reference, Action::Extend).await
}

async fn confirm(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<String>,
) -> AppResult<Json<Appointment>> {
    step(state, user, reference, Action::Confirm).await
}

async fn release(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<String>,
) -> AppResult<Json<Appointment>> {
    step(state, user, reference, Action::Release).await
}

/// Annulla appuntamento: the contributor's side until the topic's cut-off (reason optional), or
/// an operator of the office until the start (reason mandatory). The place is free at once and
/// the thread is told.
async fn cancel(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<String>,
    Json(request): Json<CancelRequest>,
) -> AppResult<Json<Appointment>> {
    let ((id, reference, status, hold, starts_at, communication_id, ..), access) =
        find(&state, &user, &reference).await?;
    let now = state.clock.now();
    let by_office = matches!(&access, ThreadAccess::Office { .. });
    let reason = booking::parse_reason(request.reason.as_deref(), by_office)
        .map_err(|e| AppError::field("reason", &e))?;
    let (cutoff, office, contributor_name): (i64, String, String) = sqlx::query_as(
        "SELECT tp.cancel_cutoff_minutes, o.name, c.name FROM appointments a
         JOIN topics tp ON tp.code = a.topic_code
         JOIN offices o ON o.id = a.office_id
         JOIN contributors c ON c.id = a.contributor_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_one(&state.db.pool)
    .await?;
    let current = booking::state(status_of(&status)?, hold, now);
    let outcome = if by_office {
        booking::cancel_by_office(current, starts_at, now)
    } else {
        booking::cancel(current, starts_at, cutoff, now)
    };
    if let Step::To(_) = outcome.map_err(refusal)? {
        // The same rule again inside the write, so a step that raced this one wins cleanly.
        let latest = if by_office {
            starts_at
        } else {
            booking::cancel_deadline(starts_at, cutoff)
        };
        let mut tx = state.db.begin_write().await?;
        let target = Cancellation {
            id,
            reference: &reference,
            starts_at,
            communication_id,
            office: &office,
            contributor_name: &contributor_name,
        };
        cancel_confirmed(
            &mut tx,
            &target,
            &user,
            by_office,
            reason.as_deref(),
            latest,
            now,
        )
        .await?;
        tx.commit().await?;
    }
    answer(&state, &reference, &access).await
}

/// "Svolto" or "Non presentato", by an operator of the office once the appointment started;
/// with "Svolto" the "Esito dell'incontro" becomes the office's message in the thread, so the
/// conversation and the meeting stay one story.
async fn attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<String>,
    Json(request): Json<AttendanceRequest>,
) -> AppResult<Json<Appointment>> {
    let ((id, reference, status, hold, starts_at, communication_id, _, office, _), access) =
        find(&state, &user, &reference).await?;
    if !matches!(access, ThreadAccess::Office { .. }) {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    let outcome =
        booking::parse_attendance(&request.outcome).map_err(|e| AppError::field("outcome", &e))?;
    let text = booking::parse_meeting_outcome(request.text.as_deref(), outcome)
        .map_err(|e| AppError::field("text", &e))?;
    let current = booking::state(status_of(&status)?, hold, now);
    if let Step::To(next) =
        booking::attendance(current, outcome, starts_at, now).map_err(refusal)?
    {
        let mut tx = state.db.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE appointments SET status = $1, updated_at = $2
             WHERE id = $3 AND status = 'confermato' AND starts_at <= $2",
        )
        .bind(next.code())
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 1 {
            let (event_id, message_id) = event_and_message_ids(&mut tx).await?;
            let label = author_label(&user, "");
            event(
                &mut tx,
                event_id,
                id,
                now,
                next.code(),
                Some(user.id),
                &label,
                text.as_deref(),
            )
            .await?;
            let day = when(&rome::instant(starts_at));
            let message = match (&next, &text) {
                (AppointmentStatus::Svolto, Some(esito)) => format!(
                    "Esito dell'incontro dell'appuntamento {reference} di {day} presso la {office}:\n{esito}"
                ),
                (AppointmentStatus::Svolto, None) => format!(
                    "L'appuntamento {reference} di {day} presso la {office} si è svolto."
                ),
                _ => format!(
                    "Il contribuente non si è presentato all'appuntamento {reference} di {day} presso la {office}. Se ha ancora bisogno, può richiederne un altro."
                ),
            };
            post_to_thread(
                &mut tx,
                message_id,
                communication_id,
                Some(user.id),
                &label,
                true,
                &message,
                now,
            )
            .await?;
        }
        tx.commit().await?;
    }
    answer(&state, &reference, &access).await
}

/// A live hold inside a closure the office declares: released with the closure's reason, the
/// place given back and the thread told, so the hold cannot be confirmed into a closed slot.
pub async fn release_for_closure(
    tx: &mut Tx,
    id: i64,
    reference: &str,
    communication_id: i64,
    user: &CurrentUser,
    reason: &str,
    now: i64,
) -> AppResult<()> {
    let changed = sqlx::query(
        "UPDATE appointments SET status = 'prenotazione_cancellata', hold_expires_at = NULL,
             updated_at = $1
         WHERE id = $2 AND status = 'prenotato' AND hold_expires_at > $1",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Ok(());
    }
    give_back_place(tx, id).await?;
    let (event_id, message_id) = event_and_message_ids(tx).await?;
    let label = author_label(user, "");
    event(
        tx,
        event_id,
        id,
        now,
        "prenotazione_cancellata",
        Some(user.id),
        &label,
        Some(reason),
    )
    .await?;
    let text = format!("Prenotazione {reference} cancellata dalla sede. Motivo: {reason}");
    post_to_thread(
        tx,
        message_id,
        communication_id,
        Some(user.id),
        &label,
        true,
        &text,
        now,
    )
    .await
}

/// What a cancellation needs to know about its appointment.
pub struct Cancellation<'a> {
    pub id: i64,
    pub reference: &'a str,
    pub starts_at: i64,
    pub communication_id: i64,
    pub office: &'a str,
    pub contributor_name: &'a str,
}

/// Annulla appuntamento inside the caller's write: only while confirmed and before `latest`;
/// the place is given back, the timeline and the thread are told. False if it no longer
/// applied (a concurrent step won).
#[allow(clippy::too_many_arguments)]
pub async fn cancel_confirmed(
    tx: &mut Tx,
    target: &Cancellation<'_>,
    user: &CurrentUser,
    by_office: bool,
    reason: Option<&str>,
    latest: i64,
    now: i64,
) -> AppResult<bool> {
    let changed = sqlx::query(
        "UPDATE appointments SET status = 'annullato', cancelled_by = $1, cancel_reason = $2,
             updated_at = $3
         WHERE id = $4 AND status = 'confermato' AND $3 < $5",
    )
    .bind(if by_office { "sede" } else { "contribuente" })
    .bind(reason)
    .bind(now)
    .bind(target.id)
    .bind(latest)
    .execute(&mut **tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Ok(false);
    }
    give_back_place(tx, target.id).await?;
    let (event_id, message_id) = event_and_message_ids(tx).await?;
    let label = actor(user, target.contributor_name);
    event(
        tx,
        event_id,
        target.id,
        now,
        "annullato",
        Some(user.id),
        &label,
        reason,
    )
    .await?;
    let office = target.office;
    let who = if by_office {
        format!("dalla {office}")
    } else {
        format!("da {}", author_label(user, target.contributor_name))
    };
    let because = reason.map(|r| format!(" Motivo: {r}")).unwrap_or_default();
    let text = format!(
        "Appuntamento {} di {} presso la {office} annullato {who}.{because}",
        target.reference,
        when(&rome::instant(target.starts_at))
    );
    let author = author_label(user, target.contributor_name);
    post_to_thread(
        tx,
        message_id,
        target.communication_id,
        Some(user.id),
        &author,
        by_office,
        &text,
        now,
    )
    .await?;
    tracing::info!(
        reference = target.reference,
        by_office,
        "appointment cancelled"
    );
    Ok(true)
}

/// The columns `summary` reads; callers add their WHERE.
const SUMMARY_SELECT: &str = "SELECT a.reference, a.status, a.starts_at, a.ends_at, o.name,
        p.label, tp.label, a.communication_id, a.booked_by_label, a.hold_expires_at, u.role,
        a.cancelled_by, c.cf, c.name, c.category, c.province
 FROM appointments a
 JOIN offices o ON o.id = a.office_id
 JOIN consultation_points p ON p.code = a.point_code
 JOIN topics tp ON tp.code = a.topic_code
 JOIN users u ON u.id = a.booked_by
 JOIN contributors c ON c.id = a.contributor_id";

/// One line of Gestione appuntamenti (and of the studio's agenda) at `now`, with its start.
fn summary(row: &sqlx::any::AnyRow, now: i64) -> AppResult<(i64, api::AppointmentSummary)> {
    use sqlx::Row;
    let starts: i64 = row.try_get(2)?;
    let hold: Option<i64> = row.try_get(9)?;
    let mut status = status_of(&row.try_get::<String, _>(1)?)?;
    // A hold whose time ran out is expired, whether or not the sweeper has written it.
    if booking::state(status, hold, now) == booking::State::HoldExpired {
        status = AppointmentStatus::Scaduto;
    }
    let role: String = row.try_get(10)?;
    let cancelled_by: Option<String> = row.try_get(11)?;
    Ok((
        starts,
        api::AppointmentSummary {
            reference: row.try_get(0)?,
            status,
            starts_at: rome::instant(starts),
            ends_at: rome::instant(row.try_get(3)?),
            office: row.try_get(4)?,
            point: row.try_get(5)?,
            topic: row.try_get(6)?,
            communication_id: row.try_get(7)?,
            booked_by: row.try_get(8)?,
            managed_by_intermediary: role == "intermediario",
            cancelled_by_office: cancelled_by.as_deref() == Some("sede"),
            contributor: crate::access::contributor_from_row(
                row.try_get(12)?,
                row.try_get(13)?,
                row.try_get(14)?,
                row.try_get(15)?,
            )?,
            upcoming: starts > now,
        },
    ))
}

/// Gestione appuntamenti: every appointment of the contributor (never deleted), those still to
/// come first (soonest first), then the past ones (latest first). Filters: `status`, `from`,
/// `to` (dates, Europe/Rome), `managed_by` (`contribuente` or `intermediario`: who booked it).
async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> AppResult<Json<Vec<api::AppointmentSummary>>> {
    let now = state.clock.now();
    let acting = crate::access::acting_for(&state.db, &user, &cf, now).await?;
    let mut errors = BTreeMap::new();
    let text = |key: &str| query.get(key).map(|s| s.trim()).filter(|s| !s.is_empty());
    let status = match text("status") {
        None => None,
        Some(code) => AppointmentStatus::from_code(code).or_else(|| {
            errors.insert("status".to_string(), "Stato non riconosciuto.".to_string());
            None
        }),
    };
    let managed_by = match text("managed_by") {
        None => None,
        Some(role @ ("contribuente" | "intermediario")) => Some(role == "intermediario"),
        Some(_) => {
            errors.insert(
                "managed_by".to_string(),
                "Filtro non riconosciuto: usa contribuente oppure intermediario.".to_string(),
            );
            None
        }
    };
    let mut date = |key: &str| match text(key) {
        None => None,
        Some(text) => match text.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.insert(
                    key.to_string(),
                    "Data non valida: usa il formato AAAA-MM-GG.".to_string(),
                );
                None
            }
        },
    };
    let (from, to) = (date("from"), date("to"));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.insert(
                "to".to_string(),
                "La data finale non può precedere quella iniziale.".to_string(),
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let rows = sqlx::query(&format!("{SUMMARY_SELECT} WHERE a.contributor_id = $1"))
        .bind(acting.id)
        .fetch_all(&state.db.pool)
        .await?;
    let from = from.map(rome::start_of_day);
    let to = to.map(|d| rome::start_of_day(d) + 86_400);
    let mut list = Vec::new();
    for row in &rows {
        let (starts, a) = summary(row, now)?;
        if status.is_some_and(|s| s != a.status)
            || managed_by.is_some_and(|m| m != a.managed_by_intermediary)
            || from.is_some_and(|f| starts < f)
            || to.is_some_and(|t| starts >= t)
        {
            continue;
        }
        list.push((starts, a));
    }
    // Upcoming first, soonest first; then past, latest first.
    list.sort_by_key(|(starts, a)| {
        if a.upcoming {
            (0, *starts)
        } else {
            (1, -*starts)
        }
    });
    Ok(Json(list.into_iter().map(|(_, a)| a).collect()))
}

/// Agenda dello studio: the appointments to come (held or confirmed) of every contributor who
/// delegated the calling intermediary now, soonest first. Other roles: 403.
async fn studio_agenda(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<api::AppointmentSummary>>> {
    if user.role != api::Role::Intermediario {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let rows = sqlx::query(&format!(
        "{SUMMARY_SELECT}
         WHERE a.starts_at > $2 AND a.status IN ('prenotato', 'confermato')
           AND EXISTS (
             SELECT 1 FROM delegations d
             WHERE d.contributor_id = a.contributor_id AND d.intermediary_id = $1
               AND d.revoked_at IS NULL AND d.valid_from <= $2
               AND (d.valid_until IS NULL OR d.valid_until > $2))
         ORDER BY a.starts_at, a.reference"
    ))
    .bind(user.id)
    .bind(now)
    .fetch_all(&state.db.pool)
    .await?;
    let mut list = Vec::new();
    for row in &rows {
        let (_, a) = summary(row, now)?;
        if a.status != AppointmentStatus::Scaduto {
            list.push(a);
        }
    }
    Ok(Json(list))
}

/// Text of an iCalendar property value: backslash, comma, semicolon and new lines escaped.
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Lines of at most 75 octets, continued with a space (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn ics_local(instant: &str) -> String {
    // "2026-03-03T10:30:00+01:00" → "20260303T103000" (wall time in Europe/Rome)
    instant
        .get(..19)
        .unwrap_or_default()
        .replace(['-', ':'], "")
}

pub fn calendar(a: &Appointment, now: i64) -> String {
    let stamp = time::OffsetDateTime::from_unix_timestamp(now)
        .ok()
        .and_then(|t| {
            t.format(&time::macros::format_description!(
                "[year][month][day]T[hour][minute][second]Z"
            ))
            .ok()
        })
        .unwrap_or_default();
    let location = match a.point.code.as_str() {
        "sportello" => format!("{}, {}", a.office.name, a.office.address),
        "telefono" => format!("Richiamata al numero {}", a.phone),
        _ => "Videochiamata: il collegamento arriverà dalla sede".to_string(),
    };
    let description = format!(
        "{} – {}.\nComunicazione {}: {}.\nIdentificativo appuntamento: {}.",
        a.point.label, a.office.name, a.protocol, a.subject, a.reference
    );
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//INPS//Cassetto Previdenziale Agenda appuntamenti//IT".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VTIMEZONE".into(),
        "TZID:Europe/Rome".into(),
        "BEGIN:DAYLIGHT".into(),
        "TZOFFSETFROM:+0100".into(),
        "TZOFFSETTO:+0200".into(),
        "TZNAME:CEST".into(),
        "DTSTART:19700329T020000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into(),
        "END:DAYLIGHT".into(),
        "BEGIN:STANDARD".into(),
        "TZOFFSETFROM:+0200".into(),
        "TZOFFSETTO:+0100".into(),
        "TZNAME:CET".into(),
        "DTSTART:19701025T030000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}@cassetto-previdenziale.inps.it", a.reference),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;TZID=Europe/Rome:{}", ics_local(&a.starts_at)),
        format!("DTEND;TZID=Europe/Rome:{}", ics_local(&a.ends_at)),
        format!(
            "SUMMARY:{}",
            ics_text(&format!(
                "Appuntamento INPS {} – {}",
                a.reference, a.topic.label
            ))
        ),
        format!("LOCATION:{}", ics_text(&location)),
        format!("DESCRIPTION:{}", ics_text(&description)),
        "STATUS:CONFIRMED".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

async fn ics(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(reference): Path<String>,
) -> AppResult<Response> {
    find(&state, &user, &reference).await?;
    let mut tx = state.db.pool.begin().await?;
    let appointment = load(&mut tx, &reference, state.clock.now()).await?;
    tx.commit().await?;
    if appointment.status != AppointmentStatus::Confermato {
        return Err(AppError::Conflict {
            code: "not_confirmed",
            message: "Solo un appuntamento confermato può essere aggiunto al calendario.".into(),
        });
    }
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.ics\"", appointment.reference),
            ),
        ],
        calendar(&appointment, state.clock.now()),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ics_lines_are_folded_at_75_octets() {
        let folded = fold(&format!("DESCRIPTION:{}", "è".repeat(60)));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert!(folded.contains("\r\n "));
    }

    #[test]
    fn ics_text_escapes_separators() {
        assert_eq!(ics_text("a, b; c\nd"), "a\\, b\\; c\\nd");
    }
}
