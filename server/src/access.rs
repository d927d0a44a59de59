//! Who may act for whom. Every contributor-scoped request goes through here, on every request:
//! a delegation revoked or expired a second ago no longer counts.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use api::{Category, Contributor, Role};

type ContributorRow = (String, String, String, String);

fn to_contributor((cf, name, category, province): ContributorRow) -> AppResult<Contributor> {
    let category = match category.as_str() {
        "artigiano" => Category::Artigiano,
        "commerciante" => Category::Commerciante,
        other => return Err(AppError::Internal(format!("unknown category {other}"))),
    };
    Ok(Contributor {
        cf,
        name,
        category,
        province,
    })
}

/// The contributors `user` may act for at `now`: themself for a contributor, those with a
/// live delegation for an intermediary, nobody for an operator.
pub async fn contributors_for(
    db: &Db,
    user: &CurrentUser,
    now: i64,
) -> AppResult<Vec<Contributor>> {
    let rows: Vec<ContributorRow> = match user.role {
        Role::Contribuente => {
            sqlx::query_as(
                "SELECT cf, name, category, province FROM contributors WHERE user_id = $1",
            )
            .bind(user.id)
            .fetch_all(&db.pool)
            .await?
        }
        Role::Intermediario => {
            sqlx::query_as(
                "SELECT c.cf, c.name, c.category, c.province
                 FROM contributors c
                 WHERE EXISTS (
                     SELECT 1 FROM delegations d
                     WHERE d.contributor_id = c.id AND d.intermediary_id = $1
                       AND d.revoked_at IS NULL AND d.valid_from <= $2
                       AND (d.valid_until IS NULL OR d.valid_until > $2))
                 ORDER BY c.name, c.cf",
            )
            .bind(user.id)
            .bind(now)
            .fetch_all(&db.pool)
            .await?
        }
        Role::Operatore => Vec::new(),
    };
    rows.into_iter().map(to_contributor).collect()
}
