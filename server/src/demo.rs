//! The demo data (`--demo`): the people of README's table, loaded only into an empty database.

use crate::auth::hash_password;
use crate::clock::Clock;
use crate::db::{next_value, Db};

pub const PASSWORD: &str = "demo2026";

pub const ACCOUNTS_HELP: &str = "Account dimostrativi (password: demo2026):
  RSSMRA80A01H501U  Mario Rossi, artigiano, Roma (contribuente)
  BNCLCU85M41F205T  Lucia Bianchi, commerciante, Milano (contribuente)
  FRRGNN72T10F839E  Giovanni Ferri, artigiano, Napoli (contribuente)
  VRDGPP70C15L219C  Giuseppe Verdi, Studio Verdi (intermediario per Rossi e Bianchi)
  operatore.roma    operatore della Sede di Roma
  operatore.milano  operatore della Sede di Milano";

const OFFICES: &[(&str, &str, &str, &str)] = &[
    (
        "Sede di Roma",
        "Roma",
        "Via dell'Amba Aradam, 5 – 00184 Roma",
        "RM",
    ),
    (
        "Sede di Milano",
        "Milano",
        "Piazza Missori, 8/10 – 20122 Milano",
        "MI",
    ),
    (
        "Sede di Napoli",
        "Napoli",
        "Via Alcide De Gasperi, 55 – 80133 Napoli",
        "NA",
    ),
];

const CONTRIBUTORS: &[(&str, &str, &str, &str)] = &[
    ("RSSMRA80A01H501U", "Mario Rossi", "artigiano", "RM"),
    ("BNCLCU85M41F205T", "Lucia Bianchi", "commerciante", "MI"),
    ("FRRGNN72T10F839E", "Giovanni Ferri", "artigiano", "NA"),
];

/// (username, name, office province)
const OPERATORS: &[(&str, &str, &str)] = &[
    ("operatore.roma", "Anna Conti", "RM"),
    ("operatore.milano", "Paolo Greco", "MI"),
];

const INTERMEDIARY: (&str, &str, &str) = ("VRDGPP70C15L219C", "Giuseppe Verdi", "Studio Verdi");
const DELEGATORS: &[&str] = &["RSSMRA80A01H501U", "BNCLCU85M41F205T"];

const DAY: i64 = 24 * 60 * 60;

/// Loads the demo data unless the database already has users. Returns whether it loaded.
pub async fn load_if_empty(db: &Db, clock: &dyn Clock) -> Result<bool, sqlx::Error> {
    let hashes = tokio::task::spawn_blocking(|| {
        (0..CONTRIBUTORS.len() + OPERATORS.len() + 1)
            .map(|_| hash_password(PASSWORD))
            .collect::<Vec<_>>()
    })
    .await
    .expect("hashing thread");
    let mut hashes = hashes.into_iter();
    let now = clock.now();

    let mut tx = db.begin_write().await?;
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *tx)
        .await?;
    if users > 0 {
        return Ok(false);
    }

    let mut office_ids = Vec::new();
    for (name, city, address, province) in OFFICES {
        let id = next_value(&mut tx, "offices").await?;
        sqlx::query(
            "INSERT INTO offices (id, name, city, address, province) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(*name)
        .bind(*city)
        .bind(*address)
        .bind(*province)
        .execute(&mut *tx)
        .await?;
        office_ids.push((*province, id));
    }

    let mut contributor_ids = Vec::new();
    for (cf, name, category, province) in CONTRIBUTORS {
        let user_id = next_value(&mut tx, "users").await?;
        insert_user(
            &mut tx,
            user_id,
            cf,
            name,
            "contribuente",
            &hashes.next().unwrap(),
            None,
            None,
        )
        .await?;
        let id = next_value(&mut tx, "contributors").await?;
        sqlx::query(
            "INSERT INTO contributors (id, cf, name, category, province, user_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(*cf)
        .bind(*name)
        .bind(*category)
        .bind(*province)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        contributor_ids.push((*cf, id));
    }

    for (username, name, province) in OPERATORS {
        let office = office_ids
            .iter()
            .find(|(p, _)| p == province)
            .map(|(_, id)| *id);
        let user_id = next_value(&mut tx, "users").await?;
        insert_user(
            &mut tx,
            user_id,
            username,
            name,
            "operatore",
            &hashes.next().unwrap(),
            None,
            office,
        )
        .await?;
    }

    let (cf, name, organisation) = INTERMEDIARY;
    let intermediary_id = next_value(&mut tx, "users").await?;
    insert_user(
        &mut tx,
        intermediary_id,
        cf,
        name,
        "intermediario",
        &hashes.next().unwrap(),
        Some(organisation),
        None,
    )
    .await?;
    for delegator in DELEGATORS {
        let contributor_id = contributor_ids
            .iter()
            .find(|(c, _)| c == delegator)
            .map(|(_, id)| *id);
        let id = next_value(&mut tx, "delegations").await?;
        sqlx::query(
            "INSERT INTO delegations (id, intermediary_id, contributor_id, valid_from, valid_until)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(intermediary_id)
        .bind(contributor_id)
        .bind(now - 30 * DAY)
        .bind(now + 365 * DAY)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    tracing::info!("demo data loaded");
    Ok(true)
}

#[allow(clippy::too_many_arguments)]
async fn insert_user(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    username: &str,
    name: &str,
    role: &str,
    password_hash: &str,
    organisation: Option<&str>,
    office_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (id, username, username_key, name, role, password_hash, organisation, office_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(username)
    .bind(username.to_lowercase())
    .bind(name)
    .bind(role)
    .bind(password_hash)
    .bind(organisation)
    .bind(office_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
