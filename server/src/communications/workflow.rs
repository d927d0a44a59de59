//! The changes to threads, each in one write transaction: opening a thread, writing in it,
//! the office's outcome, reading the Institute's answers.

use super::repo::{self, NewThread};
use crate::db::{next_value, Db, Level, WriteTx};
use crate::domain::limits::{self, DAY, HOUR, MESSAGES_PER_HOUR, THREADS_PER_DAY};
use crate::domain::notices::Notice;
use crate::error::{AppError, AppResult};
use crate::notify::outbox;
use crate::throttle::wait_in_words;
use api::CommunicationStatus;

/// Opens a thread with its first message; its id and protocol. At most `THREADS_PER_DAY` a
/// contributor, counted under the contributor's lock.
pub async fn open(
    db: &Db,
    thread: NewThread<'_>,
    author: i64,
    label: &str,
    text: &str,
) -> AppResult<(i64, String)> {
    let mut tx = db.begin_write().await?;
    tx.lock(Level::Contributor, &[thread.contributor_id])
        .await?;
    let now = thread.sent_at;
    let recent = repo::recent_threads(&mut tx, thread.contributor_id, now - DAY).await?;
    if let Err(wait) = limits::check(recent, THREADS_PER_DAY, DAY, now) {
        return Err(AppError::TooManyRequests {
            code: "too_many_communications",
            message: format!(
                "Sono già state inviate {THREADS_PER_DAY} comunicazioni nelle ultime 24 ore. {}",
                wait_in_words(wait)
            ),
            retry_after: wait,
        });
    }
    let opened = repo::insert_thread(&mut tx, thread, (Some(author), label, text)).await?;
    tx.commit().await?;
    Ok(opened)
}

/// A message from either side; a closed thread takes none (409); the contributor's side at
/// most `MESSAGES_PER_HOUR` a thread, counted under the thread's lock.
pub async fn write(
    db: &Db,
    id: i64,
    author: i64,
    label: &str,
    from_institute: bool,
    text: &str,
    now: i64,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    tx.lock(Level::Thread, &[id]).await?;
    if !from_institute {
        let recent = repo::recent_messages(&mut tx, id, now - HOUR).await?;
        if let Err(wait) = limits::check(recent, MESSAGES_PER_HOUR, HOUR, now) {
            return Err(AppError::TooManyRequests {
                code: "too_many_messages",
                message: format!(
                    "In questa comunicazione sono già stati scritti {MESSAGES_PER_HOUR} messaggi nell'ultima ora. {}",
                    wait_in_words(wait)
                ),
                retry_after: wait,
            });
        }
    }
    if !repo::write(&mut tx, id, author, label, from_institute, text, now).await? {
        return Err(AppError::Conflict {
            code: "communication_closed",
            message: "La comunicazione è chiusa: non è possibile aggiungere messaggi.".into(),
        });
    }
    if from_institute {
        answered(&mut tx, id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Registra esito, once (409 after that).
pub async fn record_outcome(
    db: &Db,
    id: i64,
    status: CommunicationStatus,
    author: i64,
    label: &str,
    text: &str,
    now: i64,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if !repo::record_outcome(&mut tx, id, status, author, label, text, now).await? {
        return Err(AppError::Conflict {
            code: "outcome_recorded",
            message: "L'esito di questa comunicazione è già stato registrato.".into(),
        });
    }
    answered(&mut tx, id, now).await?;
    tx.commit().await?;
    tracing::info!(target: "audit", event = "outcome_recorded", user = author, communication = id,
        outcome = status.code());
    Ok(())
}

/// The contributor's side is told that the office wrote (in the same transaction).
async fn answered(tx: &mut WriteTx, id: i64, now: i64) -> AppResult<()> {
    let notice = next_value(tx, "outbox").await?;
    outbox::insert(tx, notice, Notice::ThreadAnswered, None, id, now, now).await
}

/// Opening the thread on the contributor's side reads the Institute's answers: no longer new.
pub async fn mark_read(db: &Db, id: i64, now: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    repo::mark_read(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}
