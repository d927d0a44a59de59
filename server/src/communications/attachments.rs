//! The attachments' SQL: a checked and scanned upload kept pending in its uploader's name and
//! thread, taken by the message that carries it inside that message's transaction, read back
//! for download, and swept when a day passes without a message.

use crate::db::{Counter, Db, Ids, WriteTx};
use crate::error::AppResult;
use api::{Instant, ThreadId, UserId};
use sqlx::AnyConnection;

/// What was checked of a file, as it is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    /// clamd found nothing.
    Clean,
    /// No antivirus was configured (only `--demo` allows it).
    NotScanned,
}

impl Scan {
    fn code(self) -> &'static str {
        match self {
            Scan::Clean => "pulito",
            Scan::NotScanned => "non_scansionato",
        }
    }
}

/// A file ready to keep: its name to show, its type, its bytes and their sha256.
pub struct NewUpload<'a> {
    pub thread: ThreadId,
    pub uploaded_by: UserId,
    pub name: &'a str,
    pub media_type: &'static str,
    pub sha256: &'a str,
    pub scan: Scan,
    pub data: &'a [u8],
    pub now: Instant,
}

/// An attachment without its bytes.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Meta {
    pub id: i64,
    pub communication_id: ThreadId,
    pub message_id: Option<i64>,
    pub uploaded_by: UserId,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: Instant,
}

const META: &str = "SELECT id, communication_id, message_id, uploaded_by, name, media_type, size,
        sha256, created_at FROM attachments";

/// Keeps an upload, pending until a message takes it: its id.
pub async fn insert_pending(db: &Db, u: &NewUpload<'_>) -> AppResult<i64> {
    let mut tx = db.begin_write().await?;
    let mut ids = Ids::take(&mut tx, &[(Counter::Attachments, 1)]).await?;
    let id = ids.next(Counter::Attachments)?;
    sqlx::query(
        "INSERT INTO attachments (id, communication_id, message_id, uploaded_by, name, media_type,
             size, sha256, scan, data, created_at)
         VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(u.thread)
    .bind(u.uploaded_by)
    .bind(u.name)
    .bind(u.media_type)
    .bind(u.data.len() as i64)
    .bind(u.sha256)
    .bind(u.scan.code())
    .bind(u.data.to_vec())
    .bind(u.now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The uploader's pending uploads in the thread, the oldest first.
pub async fn pending(
    conn: &mut AnyConnection,
    thread: ThreadId,
    uploaded_by: UserId,
) -> AppResult<Vec<Meta>> {
    Ok(sqlx::query_as(&format!(
        "{META} WHERE communication_id = $1 AND uploaded_by = $2 AND message_id IS NULL
         ORDER BY id"
    ))
    .bind(thread)
    .bind(uploaded_by)
    .fetch_all(conn)
    .await?)
}

/// Gives `message` the uploader's pending uploads `ids` of the thread, inside the message's
/// transaction (which holds the thread's lock): how many it took. Fewer than asked means some
/// id was not a pending upload of theirs in that thread, and the caller refuses the message.
pub async fn attach(
    tx: &mut WriteTx,
    thread: ThreadId,
    uploaded_by: UserId,
    message: i64,
    ids: &[i64],
) -> AppResult<usize> {
    let mut taken = 0;
    for id in ids {
        taken += sqlx::query(
            "UPDATE attachments SET message_id = $1
             WHERE id = $2 AND communication_id = $3 AND uploaded_by = $4 AND message_id IS NULL",
        )
        .bind(message)
        .bind(id)
        .bind(thread)
        .bind(uploaded_by)
        .execute(&mut **tx)
        .await?
        .rows_affected() as usize;
    }
    Ok(taken)
}

/// The attachments of a thread's messages, in the order of the messages and of upload.
pub async fn of_thread(conn: &mut AnyConnection, thread: ThreadId) -> AppResult<Vec<Meta>> {
    Ok(sqlx::query_as(&format!(
        "{META} WHERE communication_id = $1 AND message_id IS NOT NULL ORDER BY message_id, id"
    ))
    .bind(thread)
    .fetch_all(conn)
    .await?)
}

/// One attachment with its bytes.
pub async fn find(conn: &mut AnyConnection, id: i64) -> AppResult<Option<(Meta, Vec<u8>)>> {
    let meta: Option<Meta> = sqlx::query_as(&format!("{META} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(meta) = meta else {
        return Ok(None);
    };
    let data: Vec<u8> = sqlx::query_scalar("SELECT data FROM attachments WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await?;
    Ok(Some((meta, data)))
}

/// Deletes the uploads no message took before `before`: how many.
pub async fn delete_orphans(db: &Db, before: Instant) -> AppResult<u64> {
    let mut tx = db.begin_write().await?;
    let n = sqlx::query("DELETE FROM attachments WHERE message_id IS NULL AND created_at < $1")
        .bind(before)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(n)
}
