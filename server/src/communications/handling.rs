//! Presa in carico and the office's internal notes on a thread: the SQL. Only the office's
//! side reads these rows; `handlers` checks who asks.

use crate::db::WriteTx;
use crate::error::AppResult;
use api::{Instant, ThreadId, UserId};
use sqlx::AnyConnection;

/// Presa in carico: `user` handles the thread from `now` (taking it over from a colleague is
/// allowed, and seen), or nobody does (`None`).
pub async fn set_handler(
    tx: &mut WriteTx,
    thread: ThreadId,
    user: Option<UserId>,
    now: Instant,
) -> AppResult<()> {
    sqlx::query("UPDATE communications SET handled_by = $2, handled_since = $3 WHERE id = $1")
        .bind(thread)
        .bind(user)
        .bind(user.map(|_| now))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Handler {
    pub user_id: UserId,
    pub name: String,
    pub since: Instant,
}

/// Who handles the thread, if anyone.
pub async fn handler(conn: &mut AnyConnection, thread: ThreadId) -> AppResult<Option<Handler>> {
    Ok(sqlx::query_as(
        "SELECT u.id AS user_id, u.name, t.handled_since AS since
         FROM communications t JOIN users u ON u.id = t.handled_by WHERE t.id = $1",
    )
    .bind(thread)
    .fetch_optional(conn)
    .await?)
}

#[derive(sqlx::FromRow)]
pub struct NoteRow {
    pub author: String,
    pub text: String,
    pub created_at: Instant,
}

/// The office's internal notes on the thread, oldest first.
pub async fn notes(conn: &mut AnyConnection, thread: ThreadId) -> AppResult<Vec<NoteRow>> {
    Ok(sqlx::query_as(
        "SELECT u.name AS author, n.text, n.created_at FROM thread_notes n
         JOIN users u ON u.id = n.author_user_id WHERE n.communication_id = $1 ORDER BY n.id",
    )
    .bind(thread)
    .fetch_all(conn)
    .await?)
}

pub async fn insert_note(
    tx: &mut WriteTx,
    id: i64,
    thread: ThreadId,
    author: UserId,
    text: &str,
    now: Instant,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO thread_notes (id, communication_id, author_user_id, text, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(thread)
    .bind(author)
    .bind(text)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
