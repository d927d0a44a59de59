//! The demo data (`--demo`): the people of README's table, loaded only into an empty database;
//! a day for the office to work on (`office_day`); contributors for load tests (`load_test`).

mod load_test;
mod office_day;
mod people;

pub use load_test::load_test_contributors;
pub use office_day::load_office_day;
pub use people::{ACCOUNTS_HELP, PASSWORD};

use people::{demo_error, CONTRIBUTORS, DAY, DELEGATORS, EMAILS, INTERMEDIARY, OPERATORS};

use crate::clock::Clock;
use crate::communications::repo::{
    insert_message, insert_thread, FirstMessage, NewMessage, NewThread,
};
use crate::db::ids::{next_value, Counter};
use crate::db::{Db, WriteTx};
use crate::secrets::hash_password;
use api::{CommunicationStatus, ContributorId, Instant, OfficeId, Role, UserId};

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
    // Servers started together on an empty database: the first loads, the others then find it.
    tx.exclusive(crate::db::Shared::DemoLoad).await?;
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *tx)
        .await?;
    if users > 0 {
        return Ok(false);
    }

    // Offices are reference data (migration 0003); the demo only links people to them.
    let office_ids: Vec<OfficeRow> = sqlx::query_as("SELECT province, id, name FROM offices")
        .fetch_all(&mut *tx)
        .await?;
    let office_id = |province: &str| {
        office_ids
            .iter()
            .find(|o| o.province == province)
            .map(|o| (o.id, o.name.clone()))
    };

    let contributor_ids = load_contributors(&mut tx, &mut hashes).await?;
    for (username, name, province) in OPERATORS {
        let user = NewUser {
            id: UserId(next_value(&mut tx, Counter::Users).await?),
            username,
            name,
            role: Role::Operatore,
            password_hash: &hashes.next().unwrap(),
            organisation: None,
            office: office_id(province).map(|(id, _)| id),
        };
        insert_user(&mut tx, &user).await?;
    }
    let hash = hashes.next().unwrap();
    load_intermediary(&mut tx, &hash, &contributor_ids, now).await?;
    for (cf, contributor_id) in &contributor_ids {
        let (name, province) = CONTRIBUTORS
            .iter()
            .find(|(c, ..)| c == cf)
            .map(|(_, name, _, province)| (*name, *province))
            .expect("listed");
        let (office_id, office) = office_id(province).expect("every demo province has an office");
        for thread in THREADS {
            load_thread(
                &mut tx,
                *contributor_id,
                office_id,
                name,
                &office,
                thread,
                now,
            )
            .await?;
        }
    }
    // Recapiti on example.it (reserved for examples: nothing is ever delivered there).
    for (username, email) in EMAILS {
        sqlx::query("UPDATE users SET email = $1 WHERE username = $2")
            .bind(*email)
            .bind(*username)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!("demo data loaded");
    Ok(true)
}

/// The contributors, each with their account: (codice fiscale, id).
async fn load_contributors(
    tx: &mut WriteTx,
    hashes: &mut impl Iterator<Item = String>,
) -> Result<Vec<(&'static str, ContributorId)>, sqlx::Error> {
    let mut contributor_ids = Vec::new();
    for (cf, name, category, province) in CONTRIBUTORS {
        let user_id = UserId(next_value(tx, Counter::Users).await?);
        let user = NewUser {
            id: user_id,
            username: cf,
            name,
            role: Role::Contribuente,
            password_hash: &hashes.next().unwrap(),
            organisation: None,
            office: None,
        };
        insert_user(tx, &user).await?;
        let id = ContributorId(next_value(tx, Counter::Contributors).await?);
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
        .execute(&mut **tx)
        .await?;
        contributor_ids.push((*cf, id));
    }
    Ok(contributor_ids)
}

/// Studio Verdi, with the delegations of its contributors.
async fn load_intermediary(
    tx: &mut WriteTx,
    hash: &str,
    contributor_ids: &[(&str, ContributorId)],
    now: Instant,
) -> Result<(), sqlx::Error> {
    let (cf, name, organisation) = INTERMEDIARY;
    let intermediary_id = UserId(next_value(tx, Counter::Users).await?);
    let intermediary = NewUser {
        id: intermediary_id,
        username: cf,
        name,
        role: Role::Intermediario,
        password_hash: hash,
        organisation: Some(organisation),
        office: None,
    };
    insert_user(tx, &intermediary).await?;
    for delegator in DELEGATORS {
        let contributor_id = contributor_ids
            .iter()
            .find(|(c, _)| c == delegator)
            .map(|(_, id)| *id);
        let id = next_value(tx, Counter::Delegations).await?;
        sqlx::query(
            "INSERT INTO delegations (id, intermediary_id, contributor_id, valid_from, valid_until)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(intermediary_id)
        .bind(contributor_id)
        .bind(now - 30 * DAY)
        .bind(now + 365 * DAY)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A demo thread: topic, subject, status, days ago it was sent, the contributor's text, and the
/// office's answer (days ago, text). Together they show every state of "Richiedi appuntamento".
struct DemoThread {
    topic: &'static str,
    subject: &'static str,
    status: CommunicationStatus,
    sent_days_ago: i64,
    text: &'static str,
    answer: (i64, &'static str),
    read: bool,
}

const THREADS: &[DemoThread] = &[
    // Eligible by days: 40 days on a 30-day topic.
    DemoThread {
        topic: "estratto_conto",
        subject: "Contributi del 2024 non presenti nell'estratto conto",
        status: CommunicationStatus::InLavorazione,
        sent_days_ago: 40,
        text: "Buongiorno, nell'estratto conto non risultano i contributi del terzo e quarto trimestre 2024, regolarmente versati con F24. Allego le quietanze.",
        answer: (35, "Abbiamo avviato la verifica dei versamenti con l'ufficio competente. Le daremo notizia appena possibile."),
        read: true,
    },
    // Eligible by rejection: 5 days on a 30-day topic, not accepted.
    DemoThread {
        topic: "riduzione",
        subject: "Domanda di riduzione contributiva del 50%",
        status: CommunicationStatus::NonAccolta,
        sent_days_ago: 5,
        text: "Chiedo l'applicazione della riduzione del 50% dei contributi prevista per i pensionati ultrasessantacinquenni.",
        answer: (2, "Esito: Non accolta.\nLa riduzione spetta ai titolari di pensione INPS con più di 65 anni: dai nostri archivi non risulta una pensione a suo nome."),
        read: false,
    },
    // Not yet eligible: 3 days on a 20-day topic, in progress.
    DemoThread {
        topic: "rateazione",
        subject: "Richiesta di rateazione dell'avviso di addebito",
        status: CommunicationStatus::InLavorazione,
        sent_days_ago: 3,
        text: "Vorrei rateizzare in 24 rate l'avviso di addebito ricevuto il mese scorso.",
        answer: (1, "Abbiamo preso in carico la richiesta. Per completare l'istruttoria ci invii copia dell'avviso di addebito."),
        read: false,
    },
    // Accepted: 10 days on a 45-day topic.
    DemoThread {
        topic: "rimborsi",
        subject: "Rimborso di contributi versati in eccesso",
        status: CommunicationStatus::Accolta,
        sent_days_ago: 10,
        text: "Nel 2025 ho versato due volte la rata di maggio. Chiedo il rimborso della somma versata in eccesso.",
        answer: (4, "Esito: Accolta.\nIl rimborso di 412,50 euro sarà disposto entro 30 giorni sul conto corrente indicato."),
        read: true,
    },
];

async fn load_thread(
    tx: &mut WriteTx,
    contributor_id: ContributorId,
    office_id: OfficeId,
    contributor: &str,
    office: &str,
    thread: &DemoThread,
    now: Instant,
) -> Result<(), sqlx::Error> {
    let sent_at = now - thread.sent_days_ago * DAY;
    let answered_at = now - thread.answer.0 * DAY;
    let (id, _) = insert_thread(
        tx,
        NewThread {
            contributor_id,
            office_id,
            topic: thread.topic,
            subject: thread.subject,
            status: thread.status,
            sent_at,
        },
        FirstMessage {
            author: None,
            label: contributor,
            text: thread.text,
        },
    )
    .await
    .map_err(demo_error)?;
    let answer = NewMessage {
        id: next_value(tx, Counter::Messages).await?,
        communication_id: id,
        author: None,
        label: office,
        from_institute: true,
        text: thread.answer.1,
        said: None,
        now: answered_at,
    };
    insert_message(tx, &answer).await.map_err(demo_error)?;
    sqlx::query(
        "UPDATE communications SET last_message_at = $1, last_institute_message_at = $1,
             awaiting_answer = 0, awaiting_since = NULL, contributor_read_at = $2 WHERE id = $3",
    )
    .bind(answered_at)
    .bind(thread.read.then_some(answered_at + 3600))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OfficeRow {
    province: String,
    id: OfficeId,
    name: String,
}

/// An account of the demo.
struct NewUser<'a> {
    id: UserId,
    username: &'a str,
    name: &'a str,
    role: Role,
    password_hash: &'a str,
    organisation: Option<&'a str>,
    office: Option<OfficeId>,
}

async fn insert_user(tx: &mut WriteTx, u: &NewUser<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (id, username, username_key, name, role, password_hash, organisation, office_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(u.id)
    .bind(u.username)
    .bind(u.username.to_lowercase())
    .bind(u.name)
    .bind(u.role)
    .bind(u.password_hash)
    .bind(u.organisation)
    .bind(u.office)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
