//! "Prenota appuntamento" and "Sposta appuntamento" may be retried (double click, network
//! retry): the first answer is kept per user and key, with a hash of the request it answered.
//! `once` is the one shape of such a write: a stored answer is replayed; otherwise the write
//! runs, claims the key inside its own transaction (after its row locks) and stores its answer
//! there (`finish`), so the key and the change commit together or not at all.

use super::view::read_back;
use crate::db::{Db, WriteTx};
use crate::domain::booking::Viewer;
use crate::error::{AppError, AppResult};
use api::{AppointmentId, ErrorCode, Instant, UserId};
use std::future::Future;

/// The idempotency key of one user's request and the hash of its body.
pub struct Idempotency {
    pub user: UserId,
    pub key: String,
    pub hash: String,
}

/// What a keyed write came to.
pub enum Written {
    /// Its answer: status and body, as stored for the key.
    Answer(u16, String),
    /// Another request holds the key: its answer is the one to give.
    KeyTaken,
}

#[derive(sqlx::FromRow)]
struct Stored {
    request_hash: String,
    status: Option<i64>,
    body: Option<String>,
}

/// The stored answer for this key, or the answer of `write`, which claims the key in its
/// transaction (`claim`) and stores its answer there (`finish`).
pub async fn once<F, Fut>(db: &Db, idem: &Idempotency, write: F) -> AppResult<(u16, String)>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = AppResult<Written>>,
{
    if let Some(stored) = replay(db, idem).await? {
        return Ok(stored);
    }
    claimed_inside(db, idem, write).await
}

/// `once` without the look-up before the write: for a write whose work before its transaction
/// refuses nothing a replay would meet, so that its claim alone tells a replay (one statement
/// fewer for every first request; a replay costs a write transaction, rolled back).
pub async fn claimed_inside<F, Fut>(
    db: &Db,
    idem: &Idempotency,
    write: F,
) -> AppResult<(u16, String)>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = AppResult<Written>>,
{
    match write().await? {
        Written::Answer(status, body) => Ok((status, body)),
        // The request that claimed the key first has finished by now: its transaction held
        // the lock this one waited for.
        Written::KeyTaken => replay(db, idem)
            .await?
            .ok_or_else(|| AppError::Internal("idempotency key vanished".into())),
    }
}

/// A stored answer for this user and key: the same answer again, or 422 for another body.
async fn replay(db: &Db, idem: &Idempotency) -> AppResult<Option<(u16, String)>> {
    let stored: Option<Stored> = sqlx::query_as(
        "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2",
    )
    .bind(idem.user)
    .bind(&idem.key)
    .fetch_optional(&db.pool)
    .await?;
    match stored {
        None => Ok(None),
        Some(s) if s.request_hash != idem.hash => Err(AppError::field(
            "idempotency_key",
            catalogue::t::idempotency_key_reused(),
        )),
        Some(Stored {
            status: Some(status),
            body: Some(body),
            ..
        }) => Ok(Some((status as u16, body))),
        Some(_) => Err(AppError::conflict(
            ErrorCode::InProgress,
            catalogue::t::idempotency_in_progress(),
        )),
    }
}

/// Claims the key inside the write's transaction: false if another request holds it.
pub async fn claim(tx: &mut WriteTx, idem: &Idempotency, now: Instant) -> AppResult<bool> {
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, idem_key) DO NOTHING",
    )
    .bind(idem.user)
    .bind(&idem.key)
    .bind(&idem.hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The write's answer: the appointment as `viewer` sees it after the change, kept for the key
/// in the same transaction, which commits here.
pub async fn finish(
    mut tx: WriteTx,
    idem: &Idempotency,
    status: u16,
    appointment: AppointmentId,
    viewer: Viewer,
    now: Instant,
) -> AppResult<Written> {
    let answer = read_back(&mut tx, appointment, viewer, now).await?;
    let body = serde_json::to_string(&answer).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query(
        "UPDATE idempotency_keys SET status = $1, body = $2 WHERE user_id = $3 AND idem_key = $4",
    )
    .bind(i64::from(status))
    .bind(&body)
    .bind(idem.user)
    .bind(&idem.key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Written::Answer(status, body))
}
