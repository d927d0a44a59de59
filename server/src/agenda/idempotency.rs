//! "Prenota Appuntamento" and "Sposta appuntamento" may be retried (double click, network
//! retry): the first answer is kept per user and key, with a hash of the request it answered.

use super::hold::Idempotency;
use crate::db::{Db, WriteTx};
use crate::error::{AppError, AppResult};

#[derive(sqlx::FromRow)]
struct Stored {
    request_hash: String,
    status: Option<i64>,
    body: Option<String>,
}

/// A stored answer for this user and key: the same answer again, or 422 for another body.
pub async fn replay(db: &Db, user: i64, idem: &Idempotency) -> AppResult<Option<(u16, String)>> {
    let stored: Option<Stored> = sqlx::query_as(
        "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2",
    )
    .bind(user)
    .bind(&idem.key)
    .fetch_optional(&db.pool)
    .await?;
    match stored {
        None => Ok(None),
        Some(s) if s.request_hash != idem.hash => Err(AppError::field(
            "idempotency_key",
            "Questa chiave Idempotency-Key è già stata usata per una richiesta diversa.",
        )),
        Some(Stored {
            status: Some(status),
            body: Some(body),
            ..
        }) => Ok(Some((status as u16, body))),
        Some(_) => Err(AppError::Conflict {
            code: "in_progress",
            message: "La stessa richiesta è già in corso: attendi qualche secondo.".into(),
        }),
    }
}

/// The answer of the request that claimed the key first, for one that found it claimed (its
/// transaction is over by then).
pub async fn replay_claimed(db: &Db, user: i64, idem: &Idempotency) -> AppResult<(u16, String)> {
    replay(db, user, idem)
        .await?
        .ok_or_else(|| AppError::Internal("idempotency key vanished".into()))
}

/// Claims the key inside the booking's transaction: false if another request holds it.
pub async fn claim(tx: &mut WriteTx, user: i64, idem: &Idempotency, now: i64) -> AppResult<bool> {
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, idem_key) DO NOTHING",
    )
    .bind(user)
    .bind(&idem.key)
    .bind(&idem.hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The answer, kept for the next request with the same key.
pub async fn store(
    tx: &mut WriteTx,
    user: i64,
    idem: &Idempotency,
    status: u16,
    body: &str,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE idempotency_keys SET status = $1, body = $2 WHERE user_id = $3 AND idem_key = $4",
    )
    .bind(i64::from(status))
    .bind(body)
    .bind(user)
    .bind(&idem.key)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
