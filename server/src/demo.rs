//! The demo data (`--demo`): the people of README's table, loaded only into an empty database.

use crate::auth::hash_password;
use crate::clock::Clock;
use crate::db::{next_value, Db};
use crate::routes::communications::{insert_message, insert_thread, NewThread};
use api::CommunicationStatus;

pub const PASSWORD: &str = "demo2026";

pub const ACCOUNTS_HELP: &str = "Account dimostrativi (password: demo2026):
  RSSMRA80A01H501U  Mario Rossi, artigiano, Roma (contribuente)
  BNCLCU85M41F205T  Lucia Bianchi, commerciante, Milano (contribuente)
  FRRGNN72T10F839E  Giovanni Ferri, artigiano, Napoli (contribuente)
  VRDGPP70C15L219C  Giuseppe Verdi, Studio Verdi (intermediario per Rossi e Bianchi)
  operatore.roma    operatore della Sede di Roma
  operatore.milano  operatore della Sede di Milano";

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

    // Offices are reference data (migration 0003); the demo only links people to them.
    let office_ids: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT province, id, name FROM offices")
            .fetch_all(&mut *tx)
            .await?;
    let office_id = |province: &str| {
        office_ids
            .iter()
            .find(|(p, ..)| p == province)
            .map(|(_, id, name)| (*id, name.clone()))
    };

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
        let office = office_id(province).map(|(id, _)| id);
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
    tx.commit().await?;
    tracing::info!("demo data loaded");
    Ok(true)
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
    tx: &mut crate::db::WriteTx,
    contributor_id: i64,
    office_id: i64,
    contributor: &str,
    office: &str,
    thread: &DemoThread,
    now: i64,
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
    )
    .await
    .map_err(demo_error)?;
    insert_message(tx, id, None, contributor, false, thread.text, sent_at)
        .await
        .map_err(demo_error)?;
    insert_message(tx, id, None, office, true, thread.answer.1, answered_at)
        .await
        .map_err(demo_error)?;
    sqlx::query(
        "UPDATE communications SET last_message_at = $1, last_institute_message_at = $1,
             awaiting_answer = 0, contributor_read_at = $2 WHERE id = $3",
    )
    .bind(answered_at)
    .bind(thread.read.then_some(answered_at + 3600))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn demo_error(error: crate::error::AppError) -> sqlx::Error {
    sqlx::Error::Protocol(error.to_string())
}

#[allow(clippy::too_many_arguments)]
async fn insert_user(
    tx: &mut crate::db::WriteTx,
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

/// For load tests and benchmarks: `n` contributors in Rome, each with a live session and one
/// thread that may book at once (not accepted the day before). Returns (session token, thread).
/// The session is written directly, sparing `n` deliberately slow password hashes.
pub async fn load_test_contributors(
    db: &Db,
    n: usize,
    now: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut people = Vec::with_capacity(n);
    let mut tx = db.begin_write().await?;
    for i in 0..n {
        let user = next_value(&mut tx, "users").await?;
        let contributor = next_value(&mut tx, "contributors").await?;
        let cf = format!("LDTCNT80A01H{:04}", user % 10_000);
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
        let (office,): (i64,) = sqlx::query_as("SELECT id FROM offices WHERE province = 'RM'")
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
        )
        .await
        .map_err(demo_error)?;
        let token = crate::auth::new_token();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(crate::auth::token_hash(&token))
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
