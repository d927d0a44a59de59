//! Logins in flight (single use, ten minutes) and the account a codice fiscale opens.

use crate::db::Db;
use crate::error::AppResult;
use api::{Cf, Instant, UserId};

/// How long a login may take at the provider.
pub const LOGIN_LIFETIME: i64 = crate::domain::retention::SPID_CIE_LOGINS;

/// What the callback needs of the login it ends.
#[derive(sqlx::FromRow)]
pub struct Pending {
    pub nonce: String,
    pub verifier: String,
    pub provider: String,
    pub return_to: Option<String>,
}

pub async fn remember(db: &Db, state_hash: &str, pending: &Pending, now: Instant) -> AppResult<()> {
    db.write_one_uncached(
        sqlx::query(
            "INSERT INTO oidc_logins (state_hash, nonce, verifier, provider, return_to, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(state_hash)
        .bind(&pending.nonce)
        .bind(&pending.verifier)
        .bind(&pending.provider)
        .bind(&pending.return_to)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// Takes the login for `state_hash` if it is unused and young enough, marking it used in the
/// same statement: a replayed callback, or two racing, find nothing.
pub async fn claim(db: &Db, state_hash: &str, now: Instant) -> AppResult<Option<Pending>> {
    let mut tx = db.begin_write().await?;
    let pending = sqlx::query_as(
        "UPDATE oidc_logins SET used_at = $2
         WHERE state_hash = $1 AND used_at IS NULL AND created_at > $3
         RETURNING nonce, verifier, provider, return_to",
    )
    .bind(state_hash)
    .bind(now)
    .bind(now - LOGIN_LIFETIME)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(pending)
}

/// The contributor's or intermediary's account for a codice fiscale. Operators never enter
/// this way: they are the Institute's staff, known by its own directory.
pub async fn account(db: &Db, cf: &Cf) -> AppResult<Option<UserId>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM users WHERE username_key = $1 AND role IN ('contribuente', 'intermediario')",
    )
    .bind(cf.0.to_lowercase())
    .fetch_optional(&db.pool)
    .await?)
}

/// Logins past their ten minutes, used or not: nothing can finish them any more. Run by the
/// sweeper every 30 seconds, so links opened by the thousand leave no pile behind.
pub async fn purge(db: &Db, now: Instant) -> AppResult<u64> {
    let done = db
        .write_one_uncached(
            sqlx::query("DELETE FROM oidc_logins WHERE created_at <= $1")
                .bind(now - LOGIN_LIFETIME),
        )
        .await?;
    Ok(done.rows_affected())
}
