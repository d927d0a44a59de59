//! The office's side of Comunicazione bidirezionale: its queue and the outcome of a request.
//! Operators see only the threads routed to their own office.

use crate::access::{author_label, contributor_from_row, thread_access, ThreadAccess};
use crate::auth::CurrentUser;
use crate::domain::communication::parse_outcome;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::routes::communications::{insert_message, load_detail, parse_status};
use crate::{rome, AppState};
use api::{
    CommunicationDetail, CommunicationStatus, OfficeCommunication, OutcomeRequest, Role, Topic,
};
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/office/communications", get(queue))
        .route("/api/communications/{id}/outcome", post(outcome))
}

type QueueRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    i64,
    i64,
    String,
);

/// The office's threads, those awaiting an answer first, oldest first.
async fn queue(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<Vec<OfficeCommunication>>> {
    let (Role::Operatore, Some(office_id)) = (user.role, user.office_id) else {
        return Err(AppError::Forbidden);
    };
    let status = match query
        .get("status")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(code) => Some(
            CommunicationStatus::from_code(code)
                .ok_or_else(|| AppError::field("status", "Stato non riconosciuto."))?,
        ),
    };
    let sql = format!(
        "SELECT t.id, t.protocol, c.cf, c.name, c.category, c.province, t.topic_code, tp.label,
                tp.appointment_after_days, t.subject, t.sent_at, t.awaiting_answer, t.last_message_at,
                t.status
         FROM communications t
         JOIN contributors c ON c.id = t.contributor_id
         JOIN topics tp ON tp.code = t.topic_code
         WHERE t.office_id = $1 {}
         ORDER BY t.awaiting_answer DESC, t.last_message_at ASC, t.id ASC",
        if status.is_some() { "AND t.status = $2" } else { "" }
    );
    let mut rows = sqlx::query_as::<_, QueueRow>(&sql).bind(office_id);
    if let Some(status) = status {
        rows = rows.bind(status.code());
    }
    let rows = rows.fetch_all(&state.db.pool).await?;
    rows.into_iter()
        .map(
            |(
                id,
                protocol,
                cf,
                name,
                category,
                province,
                code,
                label,
                days,
                subject,
                sent_at,
                awaiting,
                last,
                status,
            )| {
                Ok(OfficeCommunication {
                    id,
                    protocol,
                    contributor: contributor_from_row(cf, name, category, province)?,
                    topic: Topic {
                        code,
                        label,
                        appointment_after_days: days as u32,
                    },
                    subject,
                    sent_at: rome::instant(sent_at),
                    status: parse_status(&status)?,
                    awaiting_answer: awaiting == 1,
                    last_message_at: rome::instant(last),
                })
            },
        )
        .collect::<AppResult<Vec<_>>>()
        .map(Json)
}

/// Registra esito: Accolta or Non accolta, with a motivation that becomes a message.
async fn outcome(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Json(raw): Json<OutcomeRequest>,
) -> AppResult<Json<CommunicationDetail>> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    // Only the office decides; to anyone else the call does not exist.
    let ThreadAccess::Office { .. } = thread_access(&state.db, &user, id, now).await? else {
        return Err(AppError::NotFound);
    };
    let (outcome, motivation) = parse_outcome(&raw).map_err(AppError::Validation)?;
    let status = outcome.status();

    let mut tx = state.db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE communications SET status = $1, last_message_at = $2,
             last_institute_message_at = $2, awaiting_answer = 0
         WHERE id = $3 AND status IN ('inviata', 'in_lavorazione')",
    )
    .bind(status.code())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::Conflict {
            code: "outcome_recorded",
            message: "L'esito di questa comunicazione è già stato registrato.".into(),
        });
    }
    let text = format!("Esito: {}.\n{motivation}", status.label());
    insert_message(
        &mut tx,
        id,
        Some(user.id),
        &author_label(&user, ""),
        true,
        &text,
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        communication = id,
        outcome = status.code(),
        "outcome recorded"
    );
    Ok(Json(load_detail(&state, id).await?))
}
