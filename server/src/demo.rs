//! The demo data (`--demo`): the people of README's table, loaded only into an empty database.

use crate::clock::Clock;
use crate::communications::repo::{
    insert_message, insert_thread, FirstMessage, NewMessage, NewThread,
};
use crate::db::{next_value, Counter, Db, WriteTx};
use crate::domain::rome;
use crate::secrets::{hash_password, new_token, token_hash};
use api::{
    CommunicationStatus, ContributorId, EventKind, Instant, OfficeId, PointCode, Role, ThreadId,
    UserId,
};

pub const PASSWORD: &str = "demo2026";

pub const ACCOUNTS_HELP: &str = "Account dimostrativi (password: demo2026):
  RSSMRA80A01H501U  Mario Rossi, artigiano, Roma (contribuente)
  BNCLCU85M41F205T  Lucia Bianchi, commerciante, Milano (contribuente)
  FRRGNN72T10F839E  Giovanni Ferri, artigiano, Napoli (contribuente)
  VRDGPP70C15L219C  Giuseppe Verdi, Studio Verdi (intermediario per Rossi e Bianchi)
  operatore.roma    operatore della Sede di Roma
  operatore.milano  operatore della Sede di Milano";

const CONTRIBUTORS: &[(&str, &str, api::Category, &str)] = &[
    (
        "RSSMRA80A01H501U",
        "Mario Rossi",
        api::Category::Artigiano,
        "RM",
    ),
    (
        "BNCLCU85M41F205T",
        "Lucia Bianchi",
        api::Category::Commerciante,
        "MI",
    ),
    (
        "FRRGNN72T10F839E",
        "Giovanni Ferri",
        api::Category::Artigiano,
        "NA",
    ),
];

/// (username, name, office province)
const OPERATORS: &[(&str, &str, &str)] = &[
    ("operatore.roma", "Anna Conti", "RM"),
    ("operatore.milano", "Paolo Greco", "MI"),
];

const INTERMEDIARY: (&str, &str, &str) = ("VRDGPP70C15L219C", "Giuseppe Verdi", "Studio Verdi");
const DELEGATORS: &[&str] = &["RSSMRA80A01H501U", "BNCLCU85M41F205T"];

const EMAILS: &[(&str, &str)] = &[
    ("RSSMRA80A01H501U", "mario.rossi@example.it"),
    ("BNCLCU85M41F205T", "lucia.bianchi@example.it"),
    ("FRRGNN72T10F839E", "giovanni.ferri@example.it"),
    ("VRDGPP70C15L219C", "studio.verdi@example.it"),
];

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

    let mut contributor_ids = Vec::new();
    for (cf, name, category, province) in CONTRIBUTORS {
        let user_id = UserId(next_value(&mut tx, Counter::Users).await?);
        let user = NewUser {
            id: user_id,
            username: cf,
            name,
            role: Role::Contribuente,
            password_hash: &hashes.next().unwrap(),
            organisation: None,
            office: None,
        };
        insert_user(&mut tx, &user).await?;
        let id = ContributorId(next_value(&mut tx, Counter::Contributors).await?);
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
        let user = NewUser {
            id: UserId(next_value(&mut tx, Counter::Users).await?),
            username,
            name,
            role: Role::Operatore,
            password_hash: &hashes.next().unwrap(),
            organisation: None,
            office,
        };
        insert_user(&mut tx, &user).await?;
    }

    let (cf, name, organisation) = INTERMEDIARY;
    let intermediary_id = UserId(next_value(&mut tx, Counter::Users).await?);
    let intermediary = NewUser {
        id: intermediary_id,
        username: cf,
        name,
        role: Role::Intermediario,
        password_hash: &hashes.next().unwrap(),
        organisation: Some(organisation),
        office: None,
    };
    insert_user(&mut tx, &intermediary).await?;
    for delegator in DELEGATORS {
        let contributor_id = contributor_ids
            .iter()
            .find(|(c, _)| c == delegator)
            .map(|(_, id)| *id);
        let id = next_value(&mut tx, Counter::Delegations).await?;
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
        now: answered_at,
    };
    insert_message(tx, &answer).await.map_err(demo_error)?;
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

/// Demo appointments for Rossi at the Sede di Roma, so that "Agenda della sede" has a day to
/// work on: two meetings on the last working day (attendance still to record) and one on the
/// first bookable day (which the office may cancel). Only `--demo` loads them: the tests book
/// their own.
pub async fn load_office_day(db: &Db, now: Instant) -> Result<(), sqlx::Error> {
    use crate::domain::calendar::{is_closed_day, next_working_day};
    use jiff::ToSpan;
    let office: OfficeId = sqlx::query_scalar("SELECT id FROM offices WHERE province = 'RM'")
        .fetch_one(&db.pool)
        .await?;
    let patron: Option<String> = sqlx::query_scalar("SELECT patron_day FROM offices WHERE id = $1")
        .bind(office)
        .fetch_one(&db.pool)
        .await?;
    let contributor: ContributorId =
        sqlx::query_scalar("SELECT id FROM contributors WHERE cf = $1")
            .bind(CONTRIBUTORS[0].0)
            .fetch_one(&db.pool)
            .await?;
    let today = rome::date_of(now);
    let mut past = today.checked_sub(1.day()).expect("in range");
    while is_closed_day(past, patron.as_deref()) {
        past = past.checked_sub(1.day()).expect("in range");
    }
    let future = next_working_day(today, patron.as_deref());
    let at = |day: jiff::civil::Date, hour: i8, minute: i8| {
        rome::at(day, jiff::civil::Time::constant(hour, minute, 0, 0)).unwrap_or_default()
    };
    let meetings = [
        (
            "estratto_conto",
            "Contributi 2023: verifica dei versamenti",
            at(past, 9, 0),
            "Porto le quietanze F24 del 2023.",
        ),
        (
            "iscrizione",
            "Variazione della sede dell'attività",
            at(past, 9, 30),
            "Devo comunicare il trasferimento del laboratorio.",
        ),
        (
            "esonero",
            "Esonero contributivo per il primo anno di attività",
            at(future, 10, 0),
            "Vorrei sapere se posso ancora chiedere l'esonero.",
        ),
    ];
    let mut tx = db.begin_write().await?;
    let office_name: String = sqlx::query_scalar("SELECT name FROM offices WHERE id = $1")
        .bind(office)
        .fetch_one(&mut *tx)
        .await?;
    for (topic, subject, starts_at, notes) in meetings {
        let sent_at = now - 60 * DAY;
        let (thread, _) = insert_thread(
            &mut tx,
            NewThread {
                contributor_id: contributor,
                office_id: office,
                topic,
                subject,
                status: CommunicationStatus::InLavorazione,
                sent_at,
            },
            FirstMessage {
                author: None,
                label: CONTRIBUTORS[0].1,
                text: notes,
            },
        )
        .await
        .map_err(demo_error)?;
        let ends_at = starts_at + 30 * 60;
        // Booked three days before, and never later than now (a Monday meeting seen on a Friday
        // morning).
        let booked_at = (starts_at - 3 * DAY).min(now - 3600);
        let slot = crate::agenda::slot_rows::slot_id(office, PointCode::Sportello, starts_at);
        sqlx::query(
            "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
             VALUES ($1, $2, 'sportello', $3, $4, 2, 1)
             ON CONFLICT (office_id, point_code, starts_at) DO NOTHING",
        )
        .bind(slot)
        .bind(office)
        .bind(starts_at)
        .bind(ends_at)
        .execute(&mut *tx)
        .await?;
        let slot: api::SlotId = sqlx::query_scalar(
            "SELECT id FROM slots WHERE office_id = $1 AND point_code = 'sportello' AND starts_at = $2",
        )
        .bind(office)
        .bind(starts_at)
        .fetch_one(&mut *tx)
        .await?;
        let id = next_value(&mut tx, Counter::Appointments).await?;
        let year = rome::date_of(booked_at).year();
        let reference = format!(
            "AP-{year}-{:06}",
            next_value(&mut tx, Counter::Reference(year)).await?
        );
        let user: UserId = sqlx::query_scalar("SELECT user_id FROM contributors WHERE id = $1")
            .bind(contributor)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO appointments (id, reference, communication_id, contributor_id, slot_id,
                 office_id, point_code, topic_code, starts_at, ends_at, phone, notes, status,
                 booked_by, booked_by_label, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'sportello', $7, $8, $9, '0612345678', $10,
                 'confermato', $11, $12, $13, $13)",
        )
        .bind(id)
        .bind(&reference)
        .bind(thread)
        .bind(contributor)
        .bind(slot)
        .bind(office)
        .bind(topic)
        .bind(starts_at)
        .bind(ends_at)
        .bind(notes)
        .bind(user)
        .bind(CONTRIBUTORS[0].1)
        .bind(booked_at)
        .execute(&mut *tx)
        .await?;
        for kind in [EventKind::Prenotato, EventKind::Confermato] {
            let event = next_value(&mut tx, Counter::AppointmentEvents).await?;
            sqlx::query(
                "INSERT INTO appointment_events (id, appointment_id, at, kind, actor_user_id, actor_label)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(event)
            .bind(id)
            .bind(booked_at)
            .bind(kind)
            .bind(user)
            .bind(CONTRIBUTORS[0].1)
            .execute(&mut *tx)
            .await?;
        }
        let text = format!(
            "Appuntamento {reference} confermato da {} per {} alle {} presso la {office_name}, Sportello in sede.",
            CONTRIBUTORS[0].1,
            api::it::date_with_weekday(&rome::instant(starts_at)),
            api::it::time(&rome::instant(starts_at))
        );
        // The service's message, as a real booking writes it.
        let booked = NewMessage {
            id: next_value(&mut tx, Counter::Messages).await?,
            communication_id: thread,
            author: Some(user),
            label: crate::domain::texts::SYSTEM_AUTHOR,
            from_institute: false,
            text: &text,
            now: booked_at,
        };
        crate::communications::repo::post(&mut tx, &booked)
            .await
            .map_err(demo_error)?;
        sqlx::query("UPDATE communications SET last_message_at = $1 WHERE id = $2")
            .bind(booked_at.max(sent_at))
            .bind(thread)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

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
