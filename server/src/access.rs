//! Who may act for whom. Every contributor-scoped request goes through here, on every request:
//! a delegation revoked or expired a second ago no longer counts.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use api::{Category, Contributor, Role};

type ContributorRow = (String, String, String, String);

pub fn contributor_from_row(
    cf: String,
    name: String,
    category: String,
    province: String,
) -> AppResult<Contributor> {
    to_contributor((cf, name, category, province))
}

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

/// A contributor the caller may act for, as the handlers need it.
#[derive(Clone, Debug)]
pub struct ActingFor {
    pub id: i64,
    pub contributor: Contributor,
}

/// The contributor named by `cf`, if `user` may act for them now; otherwise 404, whether the
/// contributor exists or not.
pub async fn acting_for(db: &Db, user: &CurrentUser, cf: &str, now: i64) -> AppResult<ActingFor> {
    let row: Option<(i64, String, String, String, String)> = match user.role {
        Role::Contribuente => {
            sqlx::query_as(
                "SELECT id, cf, name, category, province FROM contributors
                 WHERE cf = $1 AND user_id = $2",
            )
            .bind(cf)
            .bind(user.id)
            .fetch_optional(&db.pool)
            .await?
        }
        Role::Intermediario => {
            sqlx::query_as(
                "SELECT c.id, c.cf, c.name, c.category, c.province FROM contributors c
                 WHERE c.cf = $1 AND EXISTS (
                     SELECT 1 FROM delegations d
                     WHERE d.contributor_id = c.id AND d.intermediary_id = $2
                       AND d.revoked_at IS NULL AND d.valid_from <= $3
                       AND (d.valid_until IS NULL OR d.valid_until > $3))",
            )
            .bind(cf)
            .bind(user.id)
            .bind(now)
            .fetch_optional(&db.pool)
            .await?
        }
        Role::Operatore => None,
    };
    let (id, cf, name, category, province) = row.ok_or(AppError::NotFound)?;
    Ok(ActingFor {
        id,
        contributor: to_contributor((cf, name, category, province))?,
    })
}

/// How the caller reaches a thread.
#[derive(Clone, Debug)]
pub enum ThreadAccess {
    /// The contributor, or an intermediary acting for them.
    ContributorSide(ActingFor),
    /// An operator of the office the thread is routed to.
    Office { office_id: i64 },
}

/// The thread `id` if the caller may see it now: its contributor, an intermediary with a live
/// delegation from that contributor, or an operator of its office. Anyone else gets 404.
pub async fn thread_access(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    now: i64,
) -> AppResult<ThreadAccess> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT c.cf, t.office_id FROM communications t
         JOIN contributors c ON c.id = t.contributor_id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let (cf, office_id) = row.ok_or(AppError::NotFound)?;
    match user.role {
        Role::Operatore if user.office_id == Some(office_id) => {
            Ok(ThreadAccess::Office { office_id })
        }
        Role::Operatore => Err(AppError::NotFound),
        _ => Ok(ThreadAccess::ContributorSide(
            acting_for(db, user, &cf, now).await?,
        )),
    }
}

/// The name that signs what `user` writes for `contributor`: their own name, "Studio Verdi per
/// conto di Mario Rossi", or the office's name for the Institute.
pub fn author_label(user: &CurrentUser, contributor_name: &str) -> String {
    match user.role {
        Role::Contribuente => user.name.clone(),
        Role::Intermediario => format!(
            "{} per conto di {contributor_name}",
            user.organisation.as_deref().unwrap_or(&user.name)
        ),
        Role::Operatore => user.office_name.clone().unwrap_or_else(|| "INPS".into()),
    }
}
