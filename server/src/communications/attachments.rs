//! The attachments' SQL: a checked and scanned upload kept pending in its uploader's name and
//! thread, taken by the message that carries it inside that message's transaction, read back
//! for download, and swept when a day passes without a message.

use crate::db::ids::{Counter, Ids};
use crate::db::{Db, WriteTx};
use crate::domain::attachment::Held;
use crate::domain::limits::{Recent, DAY};
use crate::error::AppResult;
use api::{AttachmentId, AttachmentType, ContributorId, Instant, ThreadId, UserId};
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
    pub media_type: AttachmentType,
    pub sha256: &'a str,
    pub scan: Scan,
    pub data: &'a [u8],
    pub now: Instant,
}

/// An attachment without its bytes.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Meta {
    pub id: AttachmentId,
    pub communication_id: ThreadId,
    pub message_id: Option<i64>,
    pub uploaded_by: UserId,
    pub name: String,
    pub media_type: AttachmentType,
    pub size: i64,
    pub sha256: String,
    pub created_at: Instant,
}

const META: &str = "SELECT id, communication_id, message_id, uploaded_by, name, media_type, size,
        sha256, created_at FROM attachments";

impl Meta {
    pub fn into_api(self) -> api::Attachment {
        api::Attachment {
            id: self.id,
            name: self.name,
            media_type: self.media_type,
            size: self.size.max(0) as u64,
            sha256: self.sha256,
        }
    }
}

/// What the thread and its contributor already hold, for the limits (read again under the
/// contributor's and the thread's locks before a file is kept). Only the contributor's side's uploads count against
/// the contributor's day.
pub async fn held(
    conn: &mut AnyConnection,
    contributor: ContributorId,
    thread: ThreadId,
    uploaded_by: UserId,
    now: Instant,
) -> AppResult<Held> {
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM attachments
         WHERE communication_id = $1 AND uploaded_by = $2 AND message_id IS NULL
           AND discarded_at IS NULL",
    )
    .bind(thread)
    .bind(uploaded_by)
    .fetch_one(&mut *conn)
    .await?;
    let thread_bytes: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments
         WHERE communication_id = $1 AND discarded_at IS NULL",
    )
    .bind(thread)
    .fetch_one(&mut *conn)
    .await?;
    let contributor_today: Recent = sqlx::query_as(
        "SELECT COUNT(*) AS n, MIN(a.created_at) AS oldest FROM attachments a
         JOIN communications c ON c.id = a.communication_id
         JOIN users u ON u.id = a.uploaded_by
         WHERE c.contributor_id = $1 AND u.role <> 'operatore' AND a.created_at > $2",
    )
    .bind(contributor)
    .bind(now - DAY)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Held {
        pending: pending.max(0) as usize,
        thread_bytes,
        contributor_today,
    })
}

/// Keeps an upload, pending until a message takes it: its id. The caller holds the thread's
/// lock and has checked the limits under it.
pub async fn insert_pending(tx: &mut WriteTx, u: &NewUpload<'_>) -> AppResult<AttachmentId> {
    let mut ids = Ids::take(tx, &[(Counter::Attachments, 1)]).await?;
    let id = AttachmentId(ids.next(Counter::Attachments)?);
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
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Takes back one pending upload of `uploaded_by` (the file a person removed before sending):
/// its bytes go at once, its row stays for the day's count until the sweeper deletes it.
/// Whether there was one.
pub async fn discard_pending(
    db: &Db,
    id: AttachmentId,
    uploaded_by: UserId,
    now: Instant,
) -> AppResult<bool> {
    let mut tx = db.begin_write().await?;
    let n = sqlx::query(
        "UPDATE attachments SET discarded_at = $1, data = $2
         WHERE id = $3 AND uploaded_by = $4 AND message_id IS NULL AND discarded_at IS NULL",
    )
    .bind(now)
    .bind(Vec::<u8>::new())
    .bind(id)
    .bind(uploaded_by)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(n == 1)
}

/// The uploader's pending uploads in the thread, the oldest first.
pub async fn pending(
    conn: &mut AnyConnection,
    thread: ThreadId,
    uploaded_by: UserId,
) -> AppResult<Vec<Meta>> {
    Ok(sqlx::query_as(&format!(
        "{META} WHERE communication_id = $1 AND uploaded_by = $2 AND message_id IS NULL
           AND discarded_at IS NULL ORDER BY id"
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
    ids: &[AttachmentId],
) -> AppResult<usize> {
    let mut taken = 0;
    for (position, id) in ids.iter().enumerate() {
        taken += sqlx::query(
            "UPDATE attachments SET message_id = $1, position = $2
             WHERE id = $3 AND communication_id = $4 AND uploaded_by = $5 AND message_id IS NULL
               AND discarded_at IS NULL",
        )
        .bind(message)
        .bind(position as i64)
        .bind(id)
        .bind(thread)
        .bind(uploaded_by)
        .execute(&mut **tx)
        .await?
        .rows_affected() as usize;
    }
    Ok(taken)
}

/// The attachments of a thread's messages, in the order of the messages and, within one, in the
/// order its writer listed them.
pub async fn of_thread(conn: &mut AnyConnection, thread: ThreadId) -> AppResult<Vec<Meta>> {
    Ok(sqlx::query_as(&format!(
        "{META} WHERE communication_id = $1 AND message_id IS NOT NULL
         ORDER BY message_id, position, id"
    ))
    .bind(thread)
    .fetch_all(conn)
    .await?)
}

/// One attachment with its bytes.
pub async fn find(
    conn: &mut AnyConnection,
    id: AttachmentId,
) -> AppResult<Option<(Meta, Vec<u8>)>> {
    let meta: Option<Meta> =
        sqlx::query_as(&format!("{META} WHERE id = $1 AND discarded_at IS NULL"))
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
