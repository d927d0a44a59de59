//! Sessions, credentials and failed logins in the database.

use crate::auth::{self, CurrentUser, ABSOLUTE_TIMEOUT, IDLE_LIMIT};
use crate::db::Db;
use crate::error::AppResult;
use crate::throttle::{lock_seconds, FAILURE_WINDOW};

#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    username: String,
    name: String,
    role: String,
    organisation: Option<String>,
    office_id: Option<i64>,
    office_name: Option<String>,
}

/// Until when logins for this username are refused, if they are now.
pub async fn locked_until(db: &Db, key: &str, now: i64) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT locked_until FROM login_failures WHERE username_key = $1 AND locked_until > $2",
    )
    .bind(key)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?)
}

pub async fn credentials(db: &Db, key: &str) -> AppResult<Option<Credentials>> {
    Ok(
        sqlx::query_as("SELECT id, password_hash FROM users WHERE username_key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// A new session for `user` under `token_hash`, in one transaction: the username's failures
/// forgotten, the session the browser held before (if any) and the user's dead ones deleted.
pub async fn start(
    db: &Db,
    user: i64,
    key: &str,
    previous: Option<String>,
    token_hash: &str,
    now: i64,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM login_failures WHERE username_key = $1")
        .bind(key)
        .execute(&mut *tx)
        .await?;
    if let Some(previous) = previous {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(previous)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)",
    )
    .bind(user)
    .bind(now)
    .bind(now - IDLE_LIMIT)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(now)
    .bind(now + ABSOLUTE_TIMEOUT)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Counts a failed login for the username (failures older than the window are forgotten) and
/// locks it when the count says so; the count.
pub async fn count_failure(db: &Db, key: &str, now: i64) -> AppResult<i64> {
    let mut tx = db.begin_write().await?;
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO login_failures (username_key, failures, last_failure_at, locked_until)
         VALUES ($1, 1, $2, 0)
         ON CONFLICT (username_key) DO UPDATE SET
             failures = CASE WHEN login_failures.last_failure_at <= $3 THEN 1
                             ELSE login_failures.failures + 1 END,
             last_failure_at = $2
         RETURNING failures",
    )
    .bind(key)
    .bind(now)
    .bind(now - FAILURE_WINDOW)
    .fetch_one(&mut *tx)
    .await?;
    let lock = lock_seconds(failures);
    if lock > 0 {
        sqlx::query("UPDATE login_failures SET locked_until = $1 WHERE username_key = $2")
            .bind(now + lock)
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(failures)
}

pub async fn load_user(db: &Db, user_id: i64, expires_at: i64) -> AppResult<CurrentUser> {
    let row: UserRow = sqlx::query_as(
        "SELECT u.username, u.name, u.role, u.organisation, u.office_id, o.name AS office_name
         FROM users u LEFT JOIN offices o ON o.id = u.office_id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(CurrentUser {
        id: user_id,
        username: row.username,
        name: row.name,
        role: auth::parse_role(&row.role)?,
        organisation: row.organisation,
        office_id: row.office_id,
        office_name: row.office_name,
        session_expires_at: expires_at,
    })
}

pub async fn end(db: &Db, token_hash: &str) -> AppResult<()> {
    db.write_one(sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash))
        .await?;
    Ok(())
}
