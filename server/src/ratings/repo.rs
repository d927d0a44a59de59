//! The ratings: kept once per event and person, read back as what is still due, summed up for
//! an office's period, forgotten on time.

use crate::db::Db;
use crate::domain::feedback::Rating;
use crate::domain::rome;
use crate::error::AppResult;
use api::{Instant, OfficeId, RatingComment, RatingOccasion, RatingSummary, UserId};
use sqlx::AnyConnection;

/// Whether `user` already rated `subject` (an appointment's id, or a thread's) for `occasion`.
pub async fn rated(
    conn: &mut AnyConnection,
    occasion: RatingOccasion,
    subject: i64,
    user: UserId,
) -> AppResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM ratings WHERE occasion = $1 AND subject_id = $2 AND user_id = $3",
    )
    .bind(occasion)
    .bind(subject)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// What `user` may rate now, of what `due` says the subject may be rated for.
pub async fn still_due(
    db: &Db,
    due: Option<RatingOccasion>,
    subject: i64,
    user: UserId,
) -> AppResult<Option<RatingOccasion>> {
    let Some(occasion) = due else {
        return Ok(None);
    };
    let mut conn = db.pool.acquire().await?;
    Ok((!rated(&mut conn, occasion, subject, user).await?).then_some(occasion))
}

/// Keeps a rating; false if this person had already rated this event (the first one stays).
pub async fn insert(
    db: &Db,
    rating: &Rating,
    subject: i64,
    user: UserId,
    office: OfficeId,
    now: Instant,
) -> AppResult<bool> {
    let done = db
        .write_one_uncached(
            sqlx::query(
                "INSERT INTO ratings (occasion, subject_id, user_id, office_id, score, comment,
                     given_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (occasion, subject_id, user_id) DO NOTHING",
            )
            .bind(rating.occasion)
            .bind(subject)
            .bind(user)
            .bind(office)
            .bind(rating.score)
            .bind(&rating.comment)
            .bind(now),
        )
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct CountRow {
    occasion: RatingOccasion,
    score: i64,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    occasion: RatingOccasion,
    score: i64,
    comment: String,
    given_at: Instant,
}

/// An office's ratings given in `[from, to)`: each occasion's count, scores and average (every
/// occasion listed, none rated too), and the latest comments.
pub async fn of_office(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<(Vec<RatingSummary>, Vec<RatingComment>)> {
    let counts: Vec<CountRow> = sqlx::query_as(
        "SELECT occasion, score, COUNT(*) AS n FROM ratings
         WHERE office_id = $1 AND given_at >= $2 AND given_at < $3
         GROUP BY occasion, score",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let summaries = RatingOccasion::ALL
        .iter()
        .map(|&occasion| {
            let mut scores = [0i64; 5];
            for row in counts.iter().filter(|r| r.occasion == occasion) {
                if let Some(slot) = usize::try_from(row.score - 1)
                    .ok()
                    .and_then(|i| scores.get_mut(i))
                {
                    *slot += row.n;
                }
            }
            let count: i64 = scores.iter().sum();
            let total: i64 = scores
                .iter()
                .enumerate()
                .map(|(i, n)| (i as i64 + 1) * n)
                .sum();
            RatingSummary {
                occasion,
                count,
                scores,
                // Rounded half up, in tenths.
                average_tenths: (count > 0).then(|| (total * 20 + count) / (2 * count)),
            }
        })
        .collect();
    let comments: Vec<CommentRow> = sqlx::query_as(
        "SELECT occasion, score, comment, given_at FROM ratings
         WHERE office_id = $1 AND given_at >= $2 AND given_at < $3 AND comment <> ''
         ORDER BY given_at DESC, id DESC LIMIT 20",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    Ok((
        summaries,
        comments
            .into_iter()
            .map(|c| RatingComment {
                occasion: c.occasion,
                score: c.score,
                comment: c.comment,
                given_at: rome::instant(c.given_at),
            })
            .collect(),
    ))
}

/// Ratings past `domain::retention::RATINGS`.
pub async fn purge(db: &Db, now: Instant) -> AppResult<u64> {
    let done = db
        .write_one_uncached(
            sqlx::query("DELETE FROM ratings WHERE given_at < $1")
                .bind(now - crate::domain::retention::RATINGS),
        )
        .await?;
    Ok(done.rows_affected())
}

/// A thread's status and office, for its rating.
pub async fn thread(
    db: &Db,
    id: api::ThreadId,
) -> AppResult<Option<(api::CommunicationStatus, OfficeId)>> {
    Ok(
        sqlx::query_as("SELECT status, office_id FROM communications WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?,
    )
}
