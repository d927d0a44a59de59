//! Sessions, credentials and failed logins in the database.

use crate::auth::{CurrentUser, ABSOLUTE_TIMEOUT, IDLE_LIMIT};
use crate::db::Db;
use crate::error::AppResult;
use crate::throttle::{lock_seconds_sql, FAILURE_WINDOW};
use api::{IdentityScheme, Instant, OfficeId, Role, UserId};

/// How a session is opened.
pub enum Via<'a> {
    /// The password form; its throttling key is forgotten on success.
    Password { attempts: &'a str },
    /// SPID or CIE: the provider and level are kept with the session (and the access token,
    /// to revoke it at logout).
    Identity {
        scheme: IdentityScheme,
        provider: &'a str,
        acr: &'a str,
        access_token: &'a str,
    },
}

#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: UserId,
    pub role: Role,
    pub password_hash: String,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    username: String,
    name: String,
    role: Role,
    organisation: Option<String>,
    office_id: Option<OfficeId>,
    office_name: Option<String>,
    language: Option<api::Language>,
}

/// Counts an attempt for `key` before its password is checked, in one statement that also
/// locks once the count says so: `Ok(())` to go on, `Err(until)` while the key is locked.
/// Parallel attempts are counted exactly, so a burst gets no more checks than the limit.
pub async fn count_attempt(db: &Db, key: &str, now: Instant) -> AppResult<Result<(), Instant>> {
    let failures = "CASE WHEN login_failures.last_failure_at <= $3 THEN 1
                         ELSE login_failures.failures + 1 END";
    let sql = format!(
        "INSERT INTO login_failures (key, failures, last_failure_at, locked_until)
         VALUES ($1, 1, $2, $2 + {first})
         ON CONFLICT (key) DO UPDATE SET
             failures = {failures},
             last_failure_at = $2,
             locked_until = $2 + {lock}
         WHERE login_failures.locked_until <= $2
         RETURNING failures",
        first = lock_seconds_sql("1"),
        lock = lock_seconds_sql(&format!("({failures})")),
    );
    let counted: Option<i64> = sqlx::query_scalar(&sql)
        .bind(key)
        .bind(now)
        .bind(now - FAILURE_WINDOW)
        .fetch_optional(&db.pool)
        .await?;
    if counted.is_some() {
        return Ok(Ok(()));
    }
    let until: Option<Instant> =
        sqlx::query_scalar("SELECT locked_until FROM login_failures WHERE key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    Ok(Err(until.unwrap_or(now + 1)))
}

/// A failure from an address, whatever the username; the recent count.
pub async fn count_address_failure(db: &Db, key: &str, now: Instant) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO login_failures (key, failures, last_failure_at, locked_until)
         VALUES ($1, 1, $2, 0)
         ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN login_failures.last_failure_at <= $3 THEN 1
                             ELSE login_failures.failures + 1 END,
             last_failure_at = $2
         RETURNING failures",
    )
    .bind(key)
    .bind(now)
    .bind(now - FAILURE_WINDOW)
    .fetch_one(&db.pool)
    .await?)
}

/// The address's recent failures (0 when none in the window).
pub async fn address_failures(db: &Db, key: &str, now: Instant) -> AppResult<i64> {
    let failures: Option<i64> = sqlx::query_scalar(
        "SELECT failures FROM login_failures WHERE key = $1 AND last_failure_at > $2",
    )
    .bind(key)
    .bind(now - FAILURE_WINDOW)
    .fetch_optional(&db.pool)
    .await?;
    Ok(failures.unwrap_or(0))
}

/// What is kept only for a while (`domain::retention`): login attempts, idempotency keys, and
/// sessions over (those of a person who never logs in again would otherwise stay).
pub async fn purge(db: &Db, now: Instant) -> AppResult<u64> {
    use crate::domain::retention::{IDEMPOTENCY_KEYS, LOGIN_ATTEMPTS};
    let mut tx = db.begin_write().await?;
    let attempts =
        sqlx::query("DELETE FROM login_failures WHERE last_failure_at < $1 AND locked_until < $2")
            .bind(now - LOGIN_ATTEMPTS)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    let keys = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(now - IDEMPOTENCY_KEYS)
        .execute(&mut *tx)
        .await?;
    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(now - crate::auth::IDLE_LIMIT)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(attempts.rows_affected() + keys.rows_affected() + sessions.rows_affected())
}

pub async fn credentials(db: &Db, key: &str) -> AppResult<Option<Credentials>> {
    Ok(
        sqlx::query_as("SELECT id, role, password_hash FROM users WHERE username_key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?,
    )
}

/// A new session for `user` under `token_hash`, in one transaction: the attempts of this
/// username from this address forgotten, the session the browser held before (if any) and the
/// user's dead ones deleted.
pub async fn start(
    db: &Db,
    user: UserId,
    via: &Via<'_>,
    previous: Option<String>,
    token_hash: &str,
    now: Instant,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if let Via::Password { attempts } = via {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(*attempts)
            .execute(&mut *tx)
            .await?;
    }
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
    let (method, provider, acr, access_token) = match via {
        Via::Password { .. } => ("password", None, None, None),
        Via::Identity {
            scheme,
            provider,
            acr,
            access_token,
        } => (
            scheme.code(),
            Some(*provider),
            Some(*acr),
            Some(*access_token),
        ),
    };
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at,
                               method, provider, acr, access_token)
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(now)
    .bind(now + ABSOLUTE_TIMEOUT)
    .bind(method)
    .bind(provider)
    .bind(acr)
    .bind(access_token)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn load_user(db: &Db, user_id: UserId, expires_at: Instant) -> AppResult<CurrentUser> {
    let row: UserRow = sqlx::query_as(
        "SELECT u.username, u.name, u.role, u.organisation, u.office_id, o.name AS office_name,
                u.language
         FROM users u LEFT JOIN offices o ON o.id = u.office_id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(CurrentUser {
        id: user_id,
        username: row.username,
        name: row.name,
        role: row.role,
        organisation: row.organisation,
        office_id: row.office_id,
        office_name: row.office_name,
        session_expires_at: expires_at,
        language: row.language,
    })
}

/// Ends the session; answers the provider and access token to revoke when it was opened with
/// SPID or CIE.
pub async fn end(db: &Db, token_hash: &str) -> AppResult<Option<(String, String)>> {
    let mut tx = db.begin_write().await?;
    let row: Option<(Option<String>, Option<String>)> = sqlx::query_as(
        "DELETE FROM sessions WHERE token_hash = $1 RETURNING provider, access_token",
    )
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(row.and_then(|(provider, token)| provider.zip(token)))
}

#[derive(sqlx::FromRow)]
pub struct ContactsRow {
    pub email: Option<String>,
    pub reminders: i64,
}

pub async fn contacts(db: &Db, user: UserId) -> AppResult<ContactsRow> {
    Ok(
        sqlx::query_as("SELECT email, reminders FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(&db.pool)
            .await?,
    )
}

/// The language a person chose.
pub async fn set_language(db: &Db, user: UserId, language: api::Language) -> AppResult<()> {
    db.write_one(
        sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(language)
            .bind(user),
    )
    .await?;
    Ok(())
}

pub async fn set_contacts(db: &Db, user: UserId, email: &str, reminders: bool) -> AppResult<()> {
    db.write_one(
        sqlx::query("UPDATE users SET email = $1, reminders = $2 WHERE id = $3")
            .bind(email)
            .bind(i64::from(reminders))
            .bind(user),
    )
    .await?;
    Ok(())
}
