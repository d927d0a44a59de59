//! Comunicazione bidirezionale, the contributor's side (API.md): topics, the threads of a
//! contributor, one thread, writing in it, and whether an appointment may be requested.

use crate::access::{acting_for, author_label, thread_access, ActingFor, ThreadAccess};
use crate::auth::CurrentUser;
use crate::db::next_value;
use crate::domain::communication::{parse_draft, parse_message};
use crate::domain::eligibility::{decide, describe, Facts};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::{rome, AppState};
use api::{
    CommunicationDetail, CommunicationPage, CommunicationStatus, CommunicationSummary, Eligibility,
    Message, NewCommunication, NewMessage, Topic,
};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;

pub const PAGE_SIZE: u32 = 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/topics", get(topics))
        .route(
            "/api/contributors/{cf}/communications",
            get(list).post(create),
        )
        .route("/api/communications/{id}", get(detail))
        .route("/api/communications/{id}/messages", post(write))
        .route("/api/communications/{id}/eligibility", get(eligibility))
}

pub async fn all_topics(state: &AppState) -> AppResult<Vec<Topic>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT code, label, appointment_after_days FROM topics ORDER BY position, code",
    )
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, label, days)| Topic {
            code,
            label,
            appointment_after_days: days as u32,
        })
        .collect())
}

async fn topics(State(state): State<AppState>, _user: CurrentUser) -> AppResult<Json<Vec<Topic>>> {
    Ok(Json(all_topics(&state).await?))
}

/// The columns every summary needs, in this order.
pub const SUMMARY_COLUMNS: &str =
    "t.id, t.protocol, t.topic_code, tp.label, tp.appointment_after_days, \
     t.subject, t.sent_at, t.status, t.last_institute_message_at, t.contributor_read_at";

pub type SummaryRow = (
    i64,
    String,
    String,
    String,
    i64,
    String,
    i64,
    String,
    Option<i64>,
    Option<i64>,
);

pub fn parse_status(code: &str) -> AppResult<CommunicationStatus> {
    CommunicationStatus::from_code(code)
        .ok_or_else(|| AppError::Internal(format!("unknown communication status {code}")))
}

pub fn eligibility_of(
    sent_at: i64,
    topic_days: i64,
    status: CommunicationStatus,
    active_appointment: Option<&str>,
    now: i64,
) -> Eligibility {
    let decision = decide(&Facts {
        sent_on: rome::date_of(sent_at),
        topic_days,
        status,
        active_appointment,
        today: rome::date_of(now),
    });
    describe(&decision, topic_days)
}

/// The active appointment of each thread of a contributor (a live hold or a confirmed one that
/// has not begun), by thread.
pub async fn active_appointments(
    state: &AppState,
    contributor_id: i64,
    now: i64,
) -> AppResult<HashMap<i64, String>> {
    let rows: Vec<(i64, String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT communication_id, reference, status, hold_expires_at, starts_at FROM appointments
         WHERE contributor_id = $1 AND status IN ('prenotato', 'confermato')",
    )
    .bind(contributor_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, status, hold, starts)| {
            api::AppointmentStatus::from_code(status)
                .is_some_and(|s| crate::domain::booking::is_active(s, *hold, *starts, now))
        })
        .map(|(thread, reference, ..)| (thread, reference))
        .collect())
}

pub fn summary(
    row: SummaryRow,
    now: i64,
    active: &HashMap<i64, String>,
) -> AppResult<CommunicationSummary> {
    let (id, protocol, code, label, days, subject, sent_at, status, last_answer, read_at) = row;
    let status = parse_status(&status)?;
    Ok(CommunicationSummary {
        id,
        protocol,
        eligibility: eligibility_of(
            sent_at,
            days,
            status,
            active.get(&id).map(String::as_str),
            now,
        ),
        topic: Topic {
            code,
            label,
            appointment_after_days: days as u32,
        },
        subject,
        sent_at: rome::instant(sent_at),
        status,
        new_answer: last_answer.is_some_and(|answer| read_at.is_none_or(|read| answer > read)),
    })
}

/// `status` and `topic` filters; an unknown value is a 422 rather than an empty page.
fn filters(
    query: &HashMap<String, String>,
) -> AppResult<(Option<CommunicationStatus>, Option<String>, u32)> {
    let mut errors = std::collections::BTreeMap::new();
    let status = match query
        .get("status")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(code) => match CommunicationStatus::from_code(code) {
            Some(status) => Some(status),
            None => {
                errors.insert("status".to_string(), "Stato non riconosciuto.".to_string());
                None
            }
        },
    };
    let topic = query
        .get("topic")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let page = match query.get("page").map(|p| p.trim()) {
        None | Some("") => 1,
        Some(text) => match text.parse::<u32>() {
            Ok(page) if (1..=100_000).contains(&page) => page,
            _ => {
                errors.insert(
                    "page".to_string(),
                    "Numero di pagina non valido.".to_string(),
                );
                1
            }
        },
    };
    if errors.is_empty() {
        Ok((status, topic, page))
    } else {
        Err(AppError::Validation(errors))
    }
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<CommunicationPage>> {
    let now = state.clock.now();
    let ActingFor { id, .. } = acting_for(&state.db, &user, &cf, now).await?;
    let (status, topic, page) = filters(&query)?;
    if let Some(code) = &topic {
        if !all_topics(&state).await?.iter().any(|t| &t.code == code) {
            return Err(AppError::field("topic", "Argomento non riconosciuto."));
        }
    }

    let mut condition = String::from("t.contributor_id = $1");
    let mut next = 2;
    if status.is_some() {
        condition.push_str(&format!(" AND t.status = ${next}"));
        next += 1;
    }
    if topic.is_some() {
        condition.push_str(&format!(" AND t.topic_code = ${next}"));
        next += 1;
    }
    let count_sql = format!("SELECT COUNT(*) FROM communications t WHERE {condition}");
    let list_sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM communications t JOIN topics tp ON tp.code = t.topic_code
         WHERE {condition} ORDER BY t.sent_at DESC, t.id DESC LIMIT ${next} OFFSET ${}",
        next + 1
    );

    let mut count = sqlx::query_as::<_, (i64,)>(&count_sql).bind(id);
    let mut rows = sqlx::query_as::<_, SummaryRow>(&list_sql).bind(id);
    if let Some(status) = status {
        count = count.bind(status.code());
        rows = rows.bind(status.code());
    }
    if let Some(topic) = &topic {
        count = count.bind(topic.clone());
        rows = rows.bind(topic.clone());
    }
    let (total,) = count.fetch_one(&state.db.pool).await?;
    let rows = rows
        .bind(i64::from(PAGE_SIZE))
        .bind(i64::from((page - 1) * PAGE_SIZE))
        .fetch_all(&state.db.pool)
        .await?;
    let active = active_appointments(&state, id, now).await?;
    Ok(Json(CommunicationPage {
        items: rows
            .into_iter()
            .map(|row| summary(row, now, &active))
            .collect::<AppResult<_>>()?,
        total: total as u32,
        page,
        page_size: PAGE_SIZE,
    }))
}

/// The thread with its messages, as both sides see it.
pub async fn load_detail(state: &AppState, id: i64) -> AppResult<CommunicationDetail> {
    let now = state.clock.now();
    let row: SummaryRow = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM communications t JOIN topics tp ON tp.code = t.topic_code
         WHERE t.id = $1"
    ))
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let (contributor_id, cf, name, category, province, office): (
        i64,
        String,
        String,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT c.id, c.cf, c.name, c.category, c.province, o.name FROM communications t
             JOIN contributors c ON c.id = t.contributor_id
             JOIN offices o ON o.id = t.office_id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_one(&state.db.pool)
    .await?;
    let messages: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT id, author_label, from_institute, text, created_at FROM messages
         WHERE communication_id = $1 ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(CommunicationDetail {
        summary: summary(
            row,
            now,
            &active_appointments(state, contributor_id, now).await?,
        )?,
        contributor: crate::access::contributor_from_row(cf, name, category, province)?,
        office,
        messages: messages
            .into_iter()
            .map(|(id, author, from_institute, text, at)| Message {
                id,
                author,
                from_institute: from_institute == 1,
                text,
                sent_at: rome::instant(at),
            })
            .collect(),
    })
}

async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<CommunicationDetail>> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    if let ThreadAccess::ContributorSide(_) = thread_access(&state.db, &user, id, now).await? {
        // Opening the thread reads the Institute's answers: they are no longer new.
        state
            .db
            .write_one(
                sqlx::query("UPDATE communications SET contributor_read_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(id),
            )
            .await?;
    }
    Ok(Json(load_detail(&state, id).await?))
}

async fn eligibility(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<Eligibility>> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    thread_access(&state.db, &user, id, now).await?;
    let (sent_at, days, status, contributor_id): (i64, i64, String, i64) = sqlx::query_as(
        "SELECT t.sent_at, tp.appointment_after_days, t.status, t.contributor_id
         FROM communications t JOIN topics tp ON tp.code = t.topic_code WHERE t.id = $1",
    )
    .bind(id)
    .fetch_one(&state.db.pool)
    .await?;
    let active = active_appointments(&state, contributor_id, now).await?;
    Ok(Json(eligibility_of(
        sent_at,
        days,
        parse_status(&status)?,
        active.get(&id).map(String::as_str),
        now,
    )))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<String>,
    Json(raw): Json<NewCommunication>,
) -> AppResult<(StatusCode, Json<CommunicationDetail>)> {
    let now = state.clock.now();
    let acting = acting_for(&state.db, &user, &cf, now).await?;
    let topics = all_topics(&state).await?;
    let draft = parse_draft(&raw, |code| topics.iter().any(|t| t.code == code))
        .map_err(AppError::Validation)?;
    let office: Option<(i64,)> = sqlx::query_as("SELECT id FROM offices WHERE province = $1")
        .bind(&acting.contributor.province)
        .fetch_optional(&state.db.pool)
        .await?;
    let Some((office_id,)) = office else {
        return Err(AppError::Conflict {
            code: "no_office",
            message: "Non è stato possibile individuare la struttura territoriale competente per la tua provincia. Contatta il Contact Center INPS.".into(),
        });
    };
    let label = author_label(&user, &acting.contributor.name);

    let mut tx = state.db.begin_write().await?;
    let (id, protocol) = insert_thread(
        &mut tx,
        NewThread {
            contributor_id: acting.id,
            office_id,
            topic: &draft.topic,
            subject: &draft.subject,
            status: CommunicationStatus::Inviata,
            sent_at: now,
        },
    )
    .await?;
    insert_message(&mut tx, id, Some(user.id), &label, false, &draft.text, now).await?;
    tx.commit().await?;
    tracing::info!(communication = id, %protocol, "communication opened");
    Ok((StatusCode::CREATED, Json(load_detail(&state, id).await?)))
}

pub struct NewThread<'a> {
    pub contributor_id: i64,
    pub office_id: i64,
    pub topic: &'a str,
    pub subject: &'a str,
    pub status: CommunicationStatus,
    pub sent_at: i64,
}

/// Stores a thread with a new id and the next protocol number of its year; the caller adds the
/// first message in the same transaction.
pub async fn insert_thread(
    tx: &mut crate::db::WriteTx,
    thread: NewThread<'_>,
) -> AppResult<(i64, String)> {
    let id = next_value(tx, "communications").await?;
    let year = rome::date_of(thread.sent_at).year();
    let number = next_value(tx, &format!("protocol-{year}")).await?;
    let protocol = format!("INPS.5100.{year}.{number:07}");
    sqlx::query(
        "INSERT INTO communications (id, protocol, contributor_id, office_id, topic_code, subject,
             status, sent_at, last_message_at, awaiting_answer)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1)",
    )
    .bind(id)
    .bind(&protocol)
    .bind(thread.contributor_id)
    .bind(thread.office_id)
    .bind(thread.topic)
    .bind(thread.subject)
    .bind(thread.status.code())
    .bind(thread.sent_at)
    .execute(&mut **tx)
    .await?;
    Ok((id, protocol))
}

pub async fn insert_message(
    tx: &mut crate::db::WriteTx,
    communication_id: i64,
    author: Option<i64>,
    label: &str,
    from_institute: bool,
    text: &str,
    now: i64,
) -> AppResult<i64> {
    let id = next_value(tx, "messages").await?;
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
    Ok(id)
}

/// `insert_message` with an id the caller already took (with its other ids, in one statement).
#[allow(clippy::too_many_arguments)]
pub async fn insert_message_with_id(
    tx: &mut crate::db::WriteTx,
    id: i64,
    communication_id: i64,
    author: Option<i64>,
    label: &str,
    from_institute: bool,
    text: &str,
    now: i64,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO messages (id, communication_id, author_user_id, author_label, from_institute, text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(communication_id)
    .bind(author)
    .bind(label)
    .bind(i64::from(from_institute))
    .bind(text)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn write(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Json(raw): Json<NewMessage>,
) -> AppResult<(StatusCode, Json<CommunicationDetail>)> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    let access = thread_access(&state.db, &user, id, now).await?;
    let text = parse_message(&raw).map_err(AppError::Validation)?;
    let (label, from_institute) = match &access {
        ThreadAccess::ContributorSide(acting) => {
            (author_label(&user, &acting.contributor.name), false)
        }
        ThreadAccess::Office { .. } => (author_label(&user, ""), true),
    };

    let mut tx = state.db.begin_write().await?;
    // The thread's new state in one conditional update: a closed thread takes no messages,
    // and the office's first answer puts a sent thread "In lavorazione".
    let updated = if from_institute {
        sqlx::query(
            "UPDATE communications SET last_message_at = $1, last_institute_message_at = $1,
                 awaiting_answer = 0,
                 status = CASE WHEN status = 'inviata' THEN 'in_lavorazione' ELSE status END
             WHERE id = $2 AND status <> 'chiusa'",
        )
    } else {
        sqlx::query(
            "UPDATE communications SET last_message_at = $1, awaiting_answer = 1,
                 contributor_read_at = $1
             WHERE id = $2 AND status <> 'chiusa'",
        )
    }
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::Conflict {
            code: "communication_closed",
            message: "La comunicazione è chiusa: non è possibile aggiungere messaggi.".into(),
        });
    }
    insert_message(
        &mut tx,
        id,
        Some(user.id),
        &label,
        from_institute,
        &text,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(load_detail(&state, id).await?)))
}
