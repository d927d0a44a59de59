//! The accessibility reports: kept, counted per sender (to limit abuse), listed for operators,
//! forgotten on time.

use crate::db::Db;
use crate::domain::feedback::{Report, ANSWER_WITHIN_DAYS};
use crate::domain::retention::{ACCESSIBILITY_REPORTS, DAY, REPORT_SENDERS};
use crate::domain::rome;
use crate::error::AppResult;
use api::{AccessibilityReport, Instant, Language};

/// Reports one sender may send in an hour, and all senders together (a flood from many
/// addresses must not fill the operators' list).
pub const PER_SENDER_HOUR: i64 = 5;
pub const ALL_HOUR: i64 = 200;

/// How many reports arrived in the last hour: from `sender`, and from anyone.
pub async fn recent(db: &Db, sender: &str, now: Instant) -> AppResult<(i64, i64)> {
    let (mine, all): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN sender = $1 THEN 1 ELSE 0 END), 0), COUNT(*)
         FROM accessibility_reports WHERE received_at > $2",
    )
    .bind(sender)
    .bind(now - 3600)
    .fetch_one(&db.pool)
    .await?;
    Ok((mine, all))
}

/// Keeps a report; its number, acknowledged to the sender.
pub async fn insert(
    db: &Db,
    report: &Report,
    language: Language,
    sender: &str,
    now: Instant,
) -> AppResult<i64> {
    let mut tx = db.begin_write().await?;
    let number: i64 = sqlx::query_scalar(
        "INSERT INTO accessibility_reports (received_at, page, description, name, email, language,
             sender)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(now)
    .bind(&report.page)
    .bind(&report.description)
    .bind(&report.name)
    .bind(&report.email)
    .bind(language.code())
    .bind(sender)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(number)
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    received_at: Instant,
    page: String,
    description: String,
    name: String,
    email: String,
}

/// The reports, newest first (at most 200: they are few, and older ones are answered).
pub async fn list(db: &Db) -> AppResult<Vec<AccessibilityReport>> {
    let rows: Vec<ReportRow> = sqlx::query_as(
        "SELECT id, received_at, page, description, name, email FROM accessibility_reports
         ORDER BY received_at DESC, id DESC LIMIT 200",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AccessibilityReport {
            number: r.id,
            received_at: rome::instant(r.received_at),
            answer_by: rome::instant(r.received_at + ANSWER_WITHIN_DAYS * DAY)
                .get(..10)
                .unwrap_or_default()
                .to_string(),
            page: r.page,
            description: r.description,
            name: r.name,
            email: r.email,
        })
        .collect())
}

/// Reports past `ACCESSIBILITY_REPORTS`, and senders' fingerprints past `REPORT_SENDERS`.
pub async fn purge(db: &Db, now: Instant) -> AppResult<u64> {
    let mut tx = db.begin_write().await?;
    let gone = sqlx::query("DELETE FROM accessibility_reports WHERE received_at < $1")
        .bind(now - ACCESSIBILITY_REPORTS)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE accessibility_reports SET sender = NULL
         WHERE sender IS NOT NULL AND received_at < $1",
    )
    .bind(now - REPORT_SENDERS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(gone.rows_affected())
}
