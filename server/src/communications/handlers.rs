//! Comunicazione bidirezionale over HTTP: the contributor's side (topics, threads, writing,
//! eligibility) and the office's (its queue, Registra esito). Handlers translate only.

use super::repo::{self, FirstMessage, SummaryRow, Writing};
use super::workflow;
use crate::access::{self, author_label, Access};
use crate::agenda::repo as appointments;
use crate::auth::CurrentUser;
use crate::domain::communication::{self, parse_draft, parse_message, parse_outcome};
use crate::domain::eligibility::{decide, describe, Facts};
use crate::domain::rome;
use crate::domain::texts;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;
use api::{
    Cf, CommunicationDetail, CommunicationPage, CommunicationStatus, CommunicationSummary,
    ContributorId, Eligibility, ErrorCode, Instant, Message, NewCommunication, NewMessage,
    OfficeId, OutcomeRequest, Reference, Role, ThreadId, Topic,
};
use axum::extract::State;
use axum::http::StatusCode;
use catalogue::t;
use std::collections::HashMap;

pub const PAGE_SIZE: u32 = 20;
/// The office's queue is read by people at work: longer pages.
pub const QUEUE_PAGE_SIZE: u32 = 50;

/// `page`, from 1 (the default) to 100 000.
fn page_number(query: &HashMap<String, String>, errors: &mut FieldErrors) -> u32 {
    let raw = query.get("page").map(String::as_str);
    errors
        .check("page", communication::parse_page(raw))
        .unwrap_or(1)
}

async fn all_topics(state: &AppState) -> AppResult<Vec<Topic>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(repo::topics(&mut conn)
        .await?
        .into_iter()
        .map(|t| Topic {
            label: crate::language::topic(&t.code, &t.label),
            code: t.code,
            appointment_after_days: t.appointment_after_days as u32,
        })
        .collect())
}

#[utoipa::path(get, path = "/api/topics", tag = "communications", responses((status = 200, description = "Argomenti", body = Vec<api::Topic>)))]
pub async fn topics(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> AppResult<Json<Vec<Topic>>> {
    Ok(Json(all_topics(&state).await?))
}

/// The active appointment of each thread of a contributor, by thread.
async fn active(
    state: &AppState,
    contributor: ContributorId,
    now: Instant,
) -> AppResult<HashMap<ThreadId, Reference>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(appointments::active_of(&mut conn, contributor, now)
        .await?
        .into_iter()
        .map(|a| (a.communication_id, a.reference))
        .collect())
}

fn eligibility(
    row: &SummaryRow,
    active: &HashMap<ThreadId, Reference>,
    now: Instant,
) -> Eligibility {
    let decision = decide(&Facts {
        sent_on: rome::date_of(row.sent_at),
        topic_days: row.topic_days,
        status: row.status,
        active_appointment: active.get(&row.id),
        today: rome::date_of(now),
    });
    crate::domain::eligibility::within_limit(
        describe(&decision, row.topic_days, crate::language::current()),
        active.len(),
        crate::language::current(),
    )
}

fn summary(
    row: SummaryRow,
    now: Instant,
    active: &HashMap<ThreadId, Reference>,
) -> CommunicationSummary {
    CommunicationSummary {
        eligibility: eligibility(&row, active, now),
        id: row.id,
        protocol: row.protocol,
        topic: Topic {
            label: crate::language::topic(&row.topic_code, &row.topic_label),
            code: row.topic_code,
            appointment_after_days: row.topic_days as u32,
        },
        subject: row.subject,
        sent_at: rome::instant(row.sent_at),
        status: row.status,
        new_answer: row
            .last_institute_message_at
            .is_some_and(|answer| row.contributor_read_at.is_none_or(|read| answer > read)),
    }
}

/// `status`, `topic` and `page`; an unknown value is a 422 rather than an empty page.
fn filters(
    query: &HashMap<String, String>,
    topics: &[Topic],
) -> AppResult<(Option<CommunicationStatus>, Option<String>, u32)> {
    let mut errors = FieldErrors::default();
    let text = |key: &str| query.get(key).map(String::as_str).filter(|s| !s.is_empty());
    let status =
        text("status").and_then(|code| errors.check("status", communication::parse_status(code)));
    let topic = text("topic").and_then(|code| {
        let known = |c: &str| topics.iter().any(|t| t.code == c);
        errors.check("topic", communication::parse_topic(code, known))
    });
    let page = page_number(query, &mut errors);
    errors.into_result()?;
    Ok((status, topic, page))
}

#[utoipa::path(get, path = "/api/contributors/{cf}/communications", tag = "communications",
    params(("cf" = String, Path, description = "Codice fiscale of a contributor the caller may act for"),
        ("status" = Option<api::CommunicationStatus>, Query),
        ("topic" = Option<String>, Query, description = "An argomento's code"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 100000),
    ),
    responses((status = 200, description = "Comunicazione bidirezionale: the threads, newest first, 20 a page", body = api::CommunicationPage), (status = 404, description = "Not a contributor the caller may act for", body = api::ErrorEnvelope), (status = 422, description = "Unknown filter or page", body = api::ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<Cf>,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<CommunicationPage>> {
    let now = state.clock.now();
    let acting = access::acting_for(&state.db, &user, &cf, now).await?;
    let (status, topic, page) = filters(&query, &all_topics(&state).await?)?;
    let mut conn = state.db.pool.acquire().await?;
    let (total, rows) = repo::page(
        &mut conn,
        acting.id,
        status,
        topic.as_deref(),
        i64::from(PAGE_SIZE),
        i64::from((page - 1) * PAGE_SIZE),
    )
    .await?;
    drop(conn);
    let active = active(&state, acting.id, now).await?;
    Ok(Json(CommunicationPage {
        items: rows
            .into_iter()
            .map(|row| summary(row, now, &active))
            .collect(),
        total: total as u32,
        page,
        page_size: PAGE_SIZE,
    }))
}

/// The thread with its messages, as both sides see it.
/// `reader` is who asks: the phone proposed is only one they gave themselves.
async fn load_detail(
    state: &AppState,
    id: ThreadId,
    user: &CurrentUser,
) -> AppResult<CommunicationDetail> {
    let reader = user.id;
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let row = repo::summary(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parties = repo::parties(&mut conn, id).await?;
    let messages = repo::messages(&mut conn, id).await?;
    let mut files: HashMap<i64, Vec<api::Attachment>> = HashMap::new();
    for file in super::attachments::of_thread(&mut conn, id).await? {
        if let Some(message) = file.message_id {
            files.entry(message).or_default().push(file.into_api());
        }
    }
    let last_phone = repo::last_phone(&mut conn, parties.contributor_id, reader).await?;
    drop(conn);
    let language = crate::language::current();
    let active = active(state, parties.contributor_id, now).await?;
    // Valuta il servizio: the contributor's side, once the office has closed the thread.
    let rating_due = if user.role == api::Role::Operatore {
        None
    } else {
        let due = crate::domain::feedback::thread_occasion(row.status);
        crate::ratings::repo::still_due(&state.db, due, id.0, reader).await?
    };
    Ok(CommunicationDetail {
        summary: summary(row, now, &active),
        contributor: parties.contributor(),
        office: parties.office_name,
        messages: messages
            .into_iter()
            .map(|m| Message {
                id: m.id,
                automatic: m.event == 1 && m.author_label == texts::SYSTEM_AUTHOR,
                author: texts::signed(language, &m.author_label),
                from_institute: m.from_institute == 1,
                text: texts::read_back(language, m.text, m.said.as_deref()),
                sent_at: rome::instant(m.created_at),
                attachments: files.remove(&m.id).unwrap_or_default(),
            })
            .collect(),
        last_phone,
        attachment_limits: state.uploads.limits.wire(),
        rating_due,
    })
}

#[utoipa::path(get, path = "/api/communications/{id}", tag = "communications", params(("id" = i64, Path, description = "The thread")),
    responses((status = 200, description = "One thread with its messages", body = api::CommunicationDetail), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope)))]
pub async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
) -> AppResult<Json<CommunicationDetail>> {
    let now = state.clock.now();
    if let Access::ContributorSide(_) = access::thread_access(&state.db, &user, id, now).await? {
        workflow::mark_read(&state.db, id, now).await?;
    }
    Ok(Json(load_detail(&state, id, &user).await?))
}

/// The office's side of the thread as `reader` sees it.
async fn office_side(
    state: &AppState,
    id: ThreadId,
    reader: api::UserId,
) -> AppResult<api::ThreadOffice> {
    let mut conn = state.db.pool.acquire().await?;
    let handler = super::handling::handler(&mut conn, id).await?;
    let notes = super::handling::notes(&mut conn, id).await?;
    Ok(api::ThreadOffice {
        handled_by_me: handler.as_ref().is_some_and(|h| h.user_id == reader),
        handled_since: handler.as_ref().map(|h| rome::instant(h.since)),
        handled_by: handler.map(|h| h.name),
        notes: notes
            .into_iter()
            .map(|n| api::InternalNote {
                author: n.author,
                text: n.text,
                written_at: rome::instant(n.created_at),
            })
            .collect(),
    })
}

#[utoipa::path(get, path = "/api/communications/{id}/office", tag = "office", params(("id" = i64, Path, description = "The thread")),
    responses((status = 200, description = "Who handles the thread and the office's internal notes", body = api::ThreadOffice), (status = 404, description = "Missing, not the office's, or asked by the contributor's side", body = api::ErrorEnvelope)))]
pub async fn office_of_thread(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
) -> AppResult<Json<api::ThreadOffice>> {
    access::thread_access(&state.db, &user, id, state.clock.now())
        .await?
        .office()?;
    Ok(Json(office_side(&state, id, user.id).await?))
}

#[utoipa::path(put, path = "/api/communications/{id}/handling", tag = "office", params(("id" = i64, Path, description = "The thread")),
    description = "Prendi in carico: the caller handles the thread (taking it over from a colleague is allowed and shown)",
    responses((status = 200, description = "The office's side, now handled by the caller", body = api::ThreadOffice), (status = 404, description = "Missing, not the office's, or asked by the contributor's side", body = api::ErrorEnvelope)))]
pub async fn take_in_charge(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
) -> AppResult<Json<api::ThreadOffice>> {
    let now = state.clock.now();
    access::thread_access(&state.db, &user, id, now)
        .await?
        .office()?;
    workflow::set_handler(&state.db, id, Some(user.id), now).await?;
    tracing::info!(target: "audit", event = "thread_taken", user = user.id.0, thread = id.0);
    Ok(Json(office_side(&state, id, user.id).await?))
}

#[utoipa::path(delete, path = "/api/communications/{id}/handling", tag = "office", params(("id" = i64, Path, description = "The thread")),
    description = "Rilascia: nobody handles the thread any more",
    responses((status = 200, description = "The office's side, handled by nobody", body = api::ThreadOffice), (status = 404, description = "Missing, not the office's, or asked by the contributor's side", body = api::ErrorEnvelope)))]
pub async fn release_charge(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
) -> AppResult<Json<api::ThreadOffice>> {
    let now = state.clock.now();
    access::thread_access(&state.db, &user, id, now)
        .await?
        .office()?;
    workflow::set_handler(&state.db, id, None, now).await?;
    Ok(Json(office_side(&state, id, user.id).await?))
}

#[utoipa::path(post, path = "/api/communications/{id}/notes", tag = "office", params(("id" = i64, Path, description = "The thread")),
    request_body = api::NewInternalNote,
    responses((status = 201, description = "The office's side with the new note", body = api::ThreadOffice), (status = 404, description = "Missing, not the office's, or asked by the contributor's side", body = api::ErrorEnvelope), (status = 422, description = "Empty or too long", body = api::ErrorEnvelope)))]
pub async fn add_note(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
    Json(raw): Json<api::NewInternalNote>,
) -> AppResult<(StatusCode, Json<api::ThreadOffice>)> {
    let now = state.clock.now();
    access::thread_access(&state.db, &user, id, now)
        .await?
        .office()?;
    let text = communication::note_text(&raw.text).map_err(|e| AppError::field("text", &e))?;
    workflow::add_note(&state.db, id, user.id, &text, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(office_side(&state, id, user.id).await?),
    ))
}

#[utoipa::path(get, path = "/api/communications/{id}/eligibility", tag = "communications", params(("id" = i64, Path, description = "The thread")),
    responses((status = 200, description = "Whether Richiedi appuntamento is enabled, and why", body = api::Eligibility), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope)))]
pub async fn eligibility_of(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
) -> AppResult<Json<Eligibility>> {
    let now = state.clock.now();
    access::thread_access(&state.db, &user, id, now).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = repo::summary(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let facts = repo::facts(&mut conn, id).await?;
    drop(conn);
    let active = active(&state, facts.contributor_id, now).await?;
    Ok(Json(eligibility(&row, &active, now)))
}

#[utoipa::path(post, path = "/api/contributors/{cf}/communications", tag = "communications", params(("cf" = String, Path, description = "Codice fiscale of a contributor the caller may act for")),
    request_body = api::NewCommunication,
    responses((status = 201, description = "The new thread", body = api::CommunicationDetail), (status = 404, description = "Not a contributor the caller may act for", body = api::ErrorEnvelope), (status = 409, description = "No office for the contributor's province", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope), (status = 429, description = "30 new threads in 24 hours already; see Retry-After", body = api::ErrorEnvelope)))]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cf): Path<Cf>,
    Json(raw): Json<NewCommunication>,
) -> AppResult<(StatusCode, Json<CommunicationDetail>)> {
    let now = state.clock.now();
    let acting = access::acting_for(&state.db, &user, &cf, now).await?;
    let topics = all_topics(&state).await?;
    let draft = parse_draft(&raw, |code| topics.iter().any(|t| t.code == code))
        .map_err(AppError::invalid)?;
    let mut conn = state.db.pool.acquire().await?;
    let office = repo::office_of_province(&mut conn, &acting.contributor.province).await?;
    drop(conn);
    let Some(office_id) = office else {
        return Err(AppError::conflict(
            ErrorCode::NoOffice,
            catalogue::t::thread_no_office(),
        ));
    };
    let label = author_label(&user, &acting.contributor.name);
    let thread = repo::NewThread {
        contributor_id: acting.id,
        office_id,
        topic: &draft.topic,
        subject: &draft.subject,
        status: CommunicationStatus::Inviata,
        sent_at: now,
    };
    let first = FirstMessage {
        author: Some(user.id),
        label: &label,
        text: &draft.text,
    };
    let (id, protocol) = workflow::open(&state.db, thread, first).await?;
    tracing::info!(communication = id.0, %protocol, "communication opened");
    Ok((
        StatusCode::CREATED,
        Json(load_detail(&state, id, &user).await?),
    ))
}

#[utoipa::path(post, path = "/api/communications/{id}/messages", tag = "communications", params(("id" = i64, Path, description = "The thread")),
    request_body = api::NewMessage,
    responses((status = 201, description = "The thread with the new message", body = api::CommunicationDetail), (status = 404, description = "Missing, or not the caller's", body = api::ErrorEnvelope), (status = 409, description = "Closed thread", body = api::ErrorEnvelope), (status = 422, description = "Empty, too long, or characters not allowed; more attachments than allowed, or one that is not a pending upload of the caller in this thread (`fields.attachments`)", body = api::ErrorEnvelope), (status = 429, description = "30 messages from the contributor's side in the last hour; see Retry-After", body = api::ErrorEnvelope)))]
pub async fn write(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
    Json(raw): Json<NewMessage>,
) -> AppResult<(StatusCode, Json<CommunicationDetail>)> {
    let now = state.clock.now();
    let access = access::thread_access(&state.db, &user, id, now).await?;
    let text = parse_message(&raw);
    let files = communication::parse_attachment_ids(&raw.attachments, state.uploads.limits);
    let (text, files) = match (text, files) {
        (Ok(text), Ok(files)) => (text, files),
        (text, files) => {
            let mut fields = text.err().unwrap_or_default();
            if let Err(message) = files {
                fields.insert("attachments".into(), message);
            }
            return Err(AppError::invalid(fields));
        }
    };
    let (label, from_institute) = match &access {
        Access::ContributorSide(acting) => (author_label(&user, &acting.contributor.name), false),
        Access::Office { .. } => (author_label(&user, ""), true),
    };
    let writing = Writing {
        thread: id,
        author: user.id,
        label: &label,
        from_institute,
        text: &text,
        said: None,
    };
    workflow::write(&state.db, &writing, &files, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(load_detail(&state, id, &user).await?),
    ))
}

/// The operator's office; other roles may never do this (403).
fn office_of(user: &CurrentUser) -> AppResult<OfficeId> {
    match (user.role, user.office_id) {
        (Role::Operatore, Some(office)) => Ok(office),
        _ => Err(AppError::Forbidden),
    }
}

#[utoipa::path(get, path = "/api/office/communications", tag = "office",
    params(
        ("status" = Option<api::CommunicationStatus>, Query),
        ("awaiting" = Option<bool>, Query, description = "true: only the threads awaiting an answer"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 100000),
    ),
    responses((status = 200, description = "The threads routed to the caller's office: those awaiting an answer first, the longest waiting first; then the others, the latest active first; 50 a page", body = api::OfficeQueuePage), (status = 403, description = "Not an operator", body = api::ErrorEnvelope), (status = 422, description = "Unknown status or page", body = api::ErrorEnvelope)))]
/// The office's threads, those awaiting an answer first, oldest first, a page at a time.
pub async fn queue(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<api::OfficeQueuePage>> {
    let office = office_of(&user)?;
    let mut errors = FieldErrors::default();
    let status = query
        .get("status")
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .and_then(|code| errors.check("status", communication::parse_status(code)));
    let awaiting = match query.get("awaiting").map(String::as_str) {
        None | Some("" | "false") => false,
        Some("true") => true,
        Some(_) => {
            errors.add("awaiting", t::office_awaiting_filter());
            false
        }
    };
    let page = page_number(&query, &mut errors);
    errors.into_result()?;
    let mut conn = state.db.pool.acquire().await?;
    let size = i64::from(QUEUE_PAGE_SIZE);
    let offset = i64::from(page - 1) * size;
    let (total, rows) = repo::queue(&mut conn, office, status, awaiting, size, offset).await?;
    let items = rows.into_iter().map(repo::QueueRow::into_api).collect();
    Ok(Json(api::OfficeQueuePage {
        items,
        total: total as u32,
        page,
        page_size: QUEUE_PAGE_SIZE,
    }))
}

#[utoipa::path(post, path = "/api/communications/{id}/outcome", tag = "office", params(("id" = i64, Path, description = "The thread")),
    request_body = api::OutcomeRequest,
    responses((status = 200, description = "Registra esito: the thread with the outcome", body = api::CommunicationDetail), (status = 404, description = "Not a thread of the caller's office", body = api::ErrorEnvelope), (status = 409, description = "Outcome already recorded", body = api::ErrorEnvelope), (status = 422, description = "A message per field", body = api::ErrorEnvelope)))]
/// Registra esito: Accolta or Non accolta, with a motivation that becomes a message. Only the
/// office decides; to anyone else the call does not exist.
pub async fn outcome(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
    Json(raw): Json<OutcomeRequest>,
) -> AppResult<Json<CommunicationDetail>> {
    let now = state.clock.now();
    access::thread_access(&state.db, &user, id, now)
        .await?
        .routed_office()?;
    let (outcome, motivation) = parse_outcome(&raw).map_err(AppError::invalid)?;
    let said = texts::outcome(outcome.status(), &motivation);
    let (text, stored) = (said.italian(), said.stored());
    let label = author_label(&user, "");
    let writing = Writing {
        thread: id,
        author: user.id,
        label: &label,
        from_institute: true,
        text: &text,
        said: stored.as_deref(),
    };
    workflow::record_outcome(&state.db, outcome.status(), &writing, now).await?;
    Ok(Json(load_detail(&state, id, &user).await?))
}
