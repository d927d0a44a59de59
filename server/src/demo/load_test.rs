//! Contributors in bulk, for load tests and benchmarks.

use super::people::{demo_error, DAY};
use crate::communications::repo::{insert_thread, FirstMessage, NewThread};
use crate::db::ids::{next_value, Counter};
use crate::db::Db;
use crate::secrets::{new_token, token_hash};
use api::{CommunicationStatus, ContributorId, Instant, OfficeId, ThreadId, UserId};

/// For load tests and benchmarks: `n` contributors in Rome, each with a live session and one
/// thread that may book at once (not accepted the day before). Returns (session token, thread).
/// The session is written directly, sparing `n` deliberately slow password hashes.
pub async fn load_test_contributors(
    db: &Db,
    n: usize,
    now: Instant,
) -> Result<Vec<(String, ThreadId)>, sqlx::Error> {
    let mut people = Vec::with_capacity(n);
    let mut tx = db.begin_write().await?;
    for i in 0..n {
        let user = UserId(next_value(&mut tx, Counter::Users).await?);
        let contributor = ContributorId(next_value(&mut tx, Counter::Contributors).await?);
        let cf = format!("LDTCNT80A01H{:04}", user.0 % 10_000);
        let name = format!("Contribuente di prova {i}");
        sqlx::query(
            "INSERT INTO users (id, username, username_key, name, role, password_hash)
             VALUES ($1, $2, $3, $4, 'contribuente', 'nessuna')",
        )
        .bind(user)
        .bind(&cf)
        .bind(cf.to_lowercase())
        .bind(&name)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO contributors (id, cf, name, category, province, user_id)
             VALUES ($1, $2, $3, 'artigiano', 'RM', $4)",
        )
        .bind(contributor)
        .bind(&cf)
        .bind(&name)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        let office: OfficeId = sqlx::query_scalar("SELECT id FROM offices WHERE province = 'RM'")
            .fetch_one(&mut *tx)
            .await?;
        let (thread, _) = insert_thread(
            &mut tx,
            NewThread {
                contributor_id: contributor,
                office_id: office,
                topic: "durc",
                subject: "Prova di carico",
                status: CommunicationStatus::NonAccolta,
                sent_at: now - DAY,
            },
            FirstMessage {
                author: None,
                label: &name,
                text: "Prova di carico.",
            },
        )
        .await
        .map_err(demo_error)?;
        let token = new_token();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(user)
        .bind(now)
        .bind(now + 3600)
        .execute(&mut *tx)
        .await?;
        people.push((token, thread));
    }
    tx.commit().await?;
    Ok(people)
}
