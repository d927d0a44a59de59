//! What the Institute keeps of a closed thread, and for how long (`domain::retention::RECORDS`):
//! the deletion of a thread with everything it holds, in the lock order.

use crate::error::AppResult;
use api::{Instant, ThreadId};

/// The threads closed by the office whose last message, and the end of whose last appointment,
/// are older than `before`
/// (`domain::retention::RECORDS`), with all they hold: attachments, notes, the Lista d'attesa's
/// entries, appointments, their timelines and notices, ratings. A hundred at a time, oldest
/// first; each in the lock order (its thread's lock first), so a late write waits or is refused.
pub async fn purge_records(db: &crate::db::Db, before: Instant) -> AppResult<u64> {
    let old: Vec<ThreadId> = sqlx::query_scalar(
        "SELECT id FROM communications
         WHERE status IN ('accolta', 'non_accolta', 'chiusa') AND last_message_at < $1
           AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.communication_id = communications.id
                             AND a.ends_at >= $1)
         ORDER BY last_message_at LIMIT 100",
    )
    .bind(before)
    .fetch_all(&db.pool)
    .await?;
    if old.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin_write().await?;
    tx.lock(&old).await?;
    let mut deleted = 0;
    for id in &old {
        // Children before parents; a thread written to meanwhile (no longer old) is kept.
        let still_old: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM communications WHERE id = $1 AND last_message_at < $2
               AND status IN ('accolta', 'non_accolta', 'chiusa')",
        )
        .bind(*id)
        .bind(before)
        .fetch_optional(&mut *tx)
        .await?;
        if still_old.is_none() {
            continue;
        }
        for sql in [
            "DELETE FROM ratings WHERE (occasion = 'comunicazione' AND subject_id = $1)
                OR (occasion <> 'comunicazione' AND subject_id IN
                    (SELECT id FROM appointments WHERE communication_id = $1))",
            "DELETE FROM outbox WHERE communication_id = $1",
            "DELETE FROM waitlist WHERE communication_id = $1",
            "DELETE FROM appointment_events WHERE appointment_id IN
                (SELECT id FROM appointments WHERE communication_id = $1)",
            "DELETE FROM appointments WHERE communication_id = $1",
            "DELETE FROM attachments WHERE communication_id = $1",
            "DELETE FROM thread_notes WHERE communication_id = $1",
            "DELETE FROM messages WHERE communication_id = $1",
            "DELETE FROM communications WHERE id = $1",
        ] {
            sqlx::query(sql).bind(*id).execute(&mut *tx).await?;
        }
        deleted += 1;
    }
    tx.commit().await?;
    Ok(deleted)
}
