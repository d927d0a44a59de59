//! The changes to threads, each in one write transaction: opening a thread, writing in it,
//! the office's outcome, reading the Institute's answers.

use super::attachments::{self, NewUpload};
use super::repo::{self, FirstMessage, NewThread, Writing};
use crate::db::ids::{next_value, Counter};
use crate::db::{Db, WriteTx};
use crate::domain::attachment::{self as attachment, Limits, NoRoom};
use crate::domain::limits::{self, DAY, HOUR};
use crate::error::{AppError, AppResult};
use crate::notify::outbox::{self, NewNotice};
use api::{
    AttachmentId, CommunicationStatus, ContributorId, ErrorCode, Instant, NoticeKind, ThreadId,
};

/// Opens a thread with its first message; its id and protocol. At most `THREADS_PER_DAY` a
/// contributor, counted under the contributor's lock.
pub async fn open(
    db: &Db,
    thread: NewThread<'_>,
    first: FirstMessage<'_>,
) -> AppResult<(ThreadId, String)> {
    let mut tx = db.begin_write().await?;
    tx.lock(&[thread.contributor_id]).await?;
    let now = thread.sent_at;
    let recent = repo::recent_threads(&mut tx, thread.contributor_id, now - DAY).await?;
    limits::threads(recent, now)?;
    let opened = repo::insert_thread(&mut tx, thread, first).await?;
    tx.commit().await?;
    Ok(opened)
}

/// A closed thread takes neither messages nor files.
pub fn closed() -> AppError {
    AppError::conflict(
        ErrorCode::CommunicationClosed,
        catalogue::t::thread_closed(),
    )
}

/// A message from either side, with the writer's pending uploads `files`; a closed thread
/// takes none (409); the contributor's side at most `MESSAGES_PER_HOUR` a thread, counted
/// under the thread's lock. A file that is not (or no longer) a pending upload of the writer in
/// this thread refuses the whole message: nothing is written, the other files stay pending.
pub async fn write(
    db: &Db,
    w: &Writing<'_>,
    files: &[AttachmentId],
    now: Instant,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    tx.lock(&[w.thread]).await?;
    if !w.from_institute {
        let recent = repo::recent_messages(&mut tx, w.thread, now - HOUR).await?;
        limits::messages(recent, now)?;
    }
    let Some(message) = repo::write(&mut tx, w, now).await? else {
        return Err(closed());
    };
    if !files.is_empty()
        && attachments::attach(&mut tx, w.thread, w.author, message, files).await? != files.len()
    {
        return Err(AppError::field(
            "attachments",
            catalogue::t::thread_attachment_gone(),
        ));
    }
    if w.from_institute {
        answered(&mut tx, w.thread, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Keeps a checked and scanned file pending in its uploader's name, when there is room: the
/// message's count and the thread's bytes under the thread's lock, the contributor's files of
/// the day (`counted`: the contributor's side) under the contributor's.
pub async fn keep_upload(
    db: &Db,
    contributor: ContributorId,
    upload: &NewUpload<'_>,
    limits: Limits,
    counted: bool,
) -> AppResult<AttachmentId> {
    let mut tx = db.begin_write().await?;
    tx.lock(&[contributor]).await?;
    tx.lock(&[upload.thread]).await?;
    let held = attachments::held(
        &mut tx,
        contributor,
        upload.thread,
        upload.uploaded_by,
        upload.now,
    )
    .await?;
    attachment::room(
        limits,
        held,
        upload.data.len() as i64,
        counted,
        upload.now,
        crate::language::current(),
    )
    .map_err(no_room)?;
    let id = attachments::insert_pending(&mut tx, upload).await?;
    tx.commit().await?;
    Ok(id)
}

/// The answer to a file that does not fit.
pub fn no_room(why: NoRoom) -> AppError {
    match why {
        NoRoom::Message(message) => AppError::conflict(ErrorCode::TooManyAttachments, message),
        NoRoom::Thread(message) => AppError::conflict(ErrorCode::ThreadAttachmentsFull, message),
        NoRoom::Day(e) => AppError::TooManyRequests {
            code: e.code,
            message: e.message,
            retry_after: e.retry_after,
        },
    }
}

/// Registra esito, once (409 after that).
pub async fn record_outcome(
    db: &Db,
    status: CommunicationStatus,
    w: &Writing<'_>,
    now: Instant,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if !repo::record_outcome(&mut tx, status, w, now).await? {
        return Err(AppError::conflict(
            ErrorCode::OutcomeRecorded,
            catalogue::t::thread_outcome_recorded(),
        ));
    }
    answered(&mut tx, w.thread, now).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", event = "outcome_recorded", user = w.author.0,
        communication = w.thread.0, outcome = status.code());
    Ok(())
}

/// The contributor's side is told that the office wrote (in the same transaction).
async fn answered(tx: &mut WriteTx, thread: ThreadId, now: Instant) -> AppResult<()> {
    let notice = NewNotice {
        id: next_value(tx, Counter::Outbox).await?,
        kind: NoticeKind::ThreadAnswered,
        appointment: None,
        thread,
        due_at: now,
    };
    outbox::insert(tx, &notice, now).await
}

/// Opening the thread on the contributor's side reads the Institute's answers: no longer new.
/// Presa in carico (`Some`) or its release (`None`), in one statement.
pub async fn set_handler(
    db: &Db,
    thread: ThreadId,
    user: Option<api::UserId>,
    now: Instant,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    super::handling::set_handler(&mut tx, thread, user, now).await?;
    tx.commit().await?;
    Ok(())
}

/// An internal note on the thread, for colleagues only.
pub async fn add_note(
    db: &Db,
    thread: ThreadId,
    author: api::UserId,
    text: &str,
    now: Instant,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let id = next_value(&mut tx, Counter::ThreadNotes).await?;
    super::handling::insert_note(&mut tx, id, thread, author, text, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn mark_read(db: &Db, id: ThreadId, now: Instant) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    repo::mark_read(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}
