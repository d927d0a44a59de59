//! The policy: who may act for whom, who may see a thread, who may act on an appointment.
//! Every path asks here, on every request: a delegation revoked or expired a second ago no
//! longer counts, and an operator reaches only what belongs to their own office.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::domain::booking::Viewer;
use crate::domain::texts::Actor;
use crate::error::{AppError, AppResult};
use api::{Category, Cf, Contributor, ContributorId, Instant, OfficeId, Role, ThreadId, UserId};

/// A contributor as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContributorRow {
    pub id: ContributorId,
    pub cf: Cf,
    pub name: String,
    pub category: Category,
    pub province: String,
}

impl ContributorRow {
    pub fn to_api(&self) -> Contributor {
        Contributor {
            cf: self.cf.clone(),
            name: self.name.clone(),
            category: self.category,
            province: self.province.clone(),
        }
    }
}

/// "A live delegation from contributor `c` to intermediary $n at instant $m" (SQL).
pub fn delegated(contributor_column: &str, intermediary: usize, now: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM delegations d
                 WHERE d.contributor_id = {contributor_column} AND d.intermediary_id = ${intermediary}
                   AND d.revoked_at IS NULL AND d.valid_from <= ${now}
                   AND (d.valid_until IS NULL OR d.valid_until > ${now}))"
    )
}

/// The contributors `user` may act for at `now`: themself for a contributor, those with a
/// live delegation for an intermediary, nobody for an operator.
pub async fn contributors_for(
    db: &Db,
    user: &CurrentUser,
    now: Instant,
) -> AppResult<Vec<Contributor>> {
    let rows: Vec<ContributorRow> = match user.role {
        Role::Contribuente => {
            sqlx::query_as(
                "SELECT id, cf, name, category, province FROM contributors WHERE user_id = $1",
            )
            .bind(user.id)
            .fetch_all(&db.pool)
            .await?
        }
        Role::Intermediario => {
            sqlx::query_as(&format!(
                "SELECT c.id, c.cf, c.name, c.category, c.province FROM contributors c
                 WHERE {} ORDER BY c.name, c.cf",
                delegated("c.id", 1, 2)
            ))
            .bind(user.id)
            .bind(now)
            .fetch_all(&db.pool)
            .await?
        }
        Role::Operatore => Vec::new(),
    };
    Ok(rows.iter().map(ContributorRow::to_api).collect())
}

/// A contributor the caller may act for, as the handlers need it.
#[derive(Clone, Debug)]
pub struct ActingFor {
    pub id: ContributorId,
    pub contributor: Contributor,
}

/// The contributor named by `cf`, if `user` may act for them now; otherwise 404, whether the
/// contributor exists or not.
pub async fn acting_for(
    db: &Db,
    user: &CurrentUser,
    cf: &Cf,
    now: Instant,
) -> AppResult<ActingFor> {
    let row: Option<ContributorRow> = match user.role {
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
            sqlx::query_as(&format!(
                "SELECT c.id, c.cf, c.name, c.category, c.province FROM contributors c
                 WHERE c.cf = $1 AND {}",
                delegated("c.id", 2, 3)
            ))
            .bind(cf)
            .bind(user.id)
            .bind(now)
            .fetch_optional(&db.pool)
            .await?
        }
        Role::Operatore => None,
    };
    let Some(row) = row else {
        refused_not_delegated(user);
        return Err(AppError::NotFound);
    };
    Ok(ActingFor {
        id: row.id,
        contributor: row.to_api(),
    })
}

/// Logged without the codice fiscale; the request id ties it to the route.
fn refused_not_delegated(user: &CurrentUser) {
    tracing::warn!(target: "audit", event = "refused", reason = "not_delegated", user = user.id.0, role = ?user.role);
}

/// How the caller reaches a thread or an appointment.
#[derive(Clone, Debug)]
pub enum Access {
    /// The contributor, or an intermediary acting for them.
    ContributorSide(ActingFor),
    /// An operator of the office concerned: the one the thread is routed to (`routed`), or
    /// the one where its appointment takes place, while that is live or recent.
    Office { office_id: OfficeId, routed: bool },
}

impl Access {
    pub fn viewer(&self) -> Viewer {
        match self {
            Access::ContributorSide(_) => Viewer::ContributorSide,
            Access::Office { .. } => Viewer::Office,
        }
    }

    /// The contributor's side, or 404: an operator may not do what only they do.
    pub fn contributor_side(self) -> AppResult<ActingFor> {
        match self {
            Access::ContributorSide(acting) => Ok(acting),
            Access::Office { .. } => Err(AppError::NotFound),
        }
    }

    /// An operator of the office, or 404: the contributor's side may not do what only the
    /// office does, and learns nothing from the refusal.
    pub fn office(&self) -> AppResult<OfficeId> {
        match self {
            Access::Office { office_id, .. } => Ok(*office_id),
            Access::ContributorSide(_) => Err(AppError::NotFound),
        }
    }

    /// An operator of the office the thread is routed to, or 404: only that office records
    /// the thread's outcome.
    pub fn routed_office(&self) -> AppResult<OfficeId> {
        match self {
            Access::Office {
                office_id,
                routed: true,
            } => Ok(*office_id),
            _ => Err(AppError::NotFound),
        }
    }
}

/// The one rule for who may act on something of a contributor's that belongs to an office:
/// the contributor's side (themself, or an intermediary with a live delegation), or an
/// operator of that office. Anyone else gets 404, the answer for something missing.
pub async fn access(
    db: &Db,
    user: &CurrentUser,
    contributor_cf: &Cf,
    office_id: OfficeId,
    now: Instant,
) -> AppResult<Access> {
    match user.role {
        Role::Operatore if user.office_id == Some(office_id) => Ok(Access::Office {
            office_id,
            routed: true,
        }),
        Role::Operatore => {
            tracing::warn!(target: "audit", event = "refused", reason = "another_office", user = user.id.0, office_id = office_id.0);
            Err(AppError::NotFound)
        }
        _ => Ok(Access::ContributorSide(
            acting_for(db, user, contributor_cf, now).await?,
        )),
    }
}

/// `access` for something whose contributor is already read with it (`contributor`, and the
/// account they log in with): the contributor themself needs no further query.
pub async fn access_known(
    db: &Db,
    user: &CurrentUser,
    contributor: ActingFor,
    contributor_user: Option<UserId>,
    office_id: OfficeId,
    now: Instant,
) -> AppResult<Access> {
    if user.role == Role::Contribuente && contributor_user == Some(user.id) {
        return Ok(Access::ContributorSide(contributor));
    }
    access(db, user, &contributor.contributor.cf, office_id, now).await
}

/// A thread's office and contributor, with whether the caller may act for that contributor.
#[derive(sqlx::FromRow)]
struct ThreadOwner {
    #[sqlx(flatten)]
    contributor: ContributorRow,
    user_id: Option<UserId>,
    office_id: OfficeId,
    delegated: i64,
}

/// The thread `id` if the caller may see it now: a thread belongs to the office it is routed
/// to. Anyone else gets 404. One statement for the contributor's side (the thread, its
/// contributor and the caller's delegation read together).
pub async fn thread_access(
    db: &Db,
    user: &CurrentUser,
    id: ThreadId,
    now: Instant,
) -> AppResult<Access> {
    let owner: Option<ThreadOwner> = sqlx::query_as(&format!(
        "SELECT c.id, c.cf, c.name, c.category, c.province, c.user_id, t.office_id,
                CASE WHEN {} THEN 1 ELSE 0 END AS delegated
         FROM communications t
         JOIN contributors c ON c.id = t.contributor_id WHERE t.id = $1",
        delegated("c.id", 2, 3)
    ))
    .bind(id)
    .bind(user.id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let owner = owner.ok_or(AppError::NotFound)?;
    let may = match user.role {
        Role::Operatore => {
            if let Some(mine) = user.office_id {
                if mine != owner.office_id && hosts_appointment_of(db, id, mine, now).await? {
                    return Ok(Access::Office {
                        office_id: mine,
                        routed: false,
                    });
                }
            }
            return access(db, user, &owner.contributor.cf, owner.office_id, now).await;
        }
        Role::Contribuente => owner.user_id == Some(user.id),
        Role::Intermediario => owner.delegated != 0,
    };
    if !may {
        refused_not_delegated(user);
        return Err(AppError::NotFound);
    }
    Ok(Access::ContributorSide(ActingFor {
        id: owner.contributor.id,
        contributor: owner.contributor.to_api(),
    }))
}

/// The contributor of thread `id`, for an operator whose office reaches the thread (the office
/// books for them at its desk or on the phone); 404 for anyone else.
pub async fn office_acting_for(
    db: &Db,
    user: &CurrentUser,
    id: ThreadId,
    now: Instant,
) -> AppResult<ActingFor> {
    if user.role != Role::Operatore {
        return Err(AppError::Forbidden);
    }
    thread_access(db, user, id, now).await?.office()?;
    let row: ContributorRow = sqlx::query_as(
        "SELECT c.id, c.cf, c.name, c.category, c.province FROM contributors c
         JOIN communications t ON t.contributor_id = c.id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(ActingFor {
        id: row.id,
        contributor: row.to_api(),
    })
}

/// How long after an appointment its office still reads (and answers) the thread routed to
/// another office: time to write the esito and to answer what follows.
pub const HOSTED_THREAD_DAYS: i64 = 30;

/// Whether the thread has an appointment at `office` that is live, or ended less than
/// `HOSTED_THREAD_DAYS` ago: that office meets the person and must read why they come.
async fn hosts_appointment_of(
    db: &Db,
    thread: ThreadId,
    office: OfficeId,
    now: Instant,
) -> AppResult<bool> {
    let since = now - HOSTED_THREAD_DAYS * 86_400;
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM appointments WHERE communication_id = $1 AND office_id = $2
           AND status IN ('prenotato', 'confermato', 'svolto', 'non_presentato')
           AND ends_at > $3
         LIMIT 1",
    )
    .bind(thread)
    .bind(office)
    .bind(since)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
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

/// Who acts on an appointment, as its timeline shows it: the person, the studio, the office.
pub fn actor_label(user: &CurrentUser, contributor_name: &str) -> String {
    match user.role {
        Role::Intermediario => user.organisation.clone().unwrap_or(user.name.clone()),
        Role::Operatore => author_label(user, contributor_name),
        Role::Contribuente => user.name.clone(),
    }
}

/// Who acts on an appointment, as both the timeline and the thread sign it.
pub fn actor(user: &CurrentUser, contributor_name: &str) -> Actor {
    Actor {
        user: Some(user.id),
        timeline: actor_label(user, contributor_name),
        thread: author_label(user, contributor_name),
    }
}
