//! The changes to threads, each in one write transaction: opening a thread, writing in it,
//! the office's outcome, reading the Institute's answers.

use super::repo::{self, FirstMessage, NewThread, Writing};
use crate::db::{next_value, Counter, Db, WriteTx};
use crate::domain::limits::{self, DAY, HOUR};
use crate::error::{AppError, AppResult};
use crate::notify::outbox::{self, NewNotice};
use api::{CommunicationStatus, ErrorCode, Instant, NoticeKind, ThreadId};

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

/// A message from either side; a closed thread takes none (409); the contributor's side at
/// most `MESSAGES_PER_HOUR` a thread, counted under the thread's lock.
pub async fn write(db: &Db, w: &Writing<'_>, now: Instant) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    tx.lock(&[w.thread]).await?;
    if !w.from_institute {
        let recent = repo::recent_messages(&mut tx, w.thread, now - HOUR).await?;
        limits::messages(recent, now)?;
    }
    if !repo::write(&mut tx, w, now).await? {
        return Err(AppError::conflict(
            ErrorCode::CommunicationClosed,
            "La comunicazione è chiusa: non è possibile aggiungere messaggi.",
        ));
    }
    if w.from_institute {
        answered(&mut tx, w.thread, now).await?;
    }
    tx.commit().await?;
    Ok(())
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
            "L'esito di questa comunicazione è già stato registrato.",
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
