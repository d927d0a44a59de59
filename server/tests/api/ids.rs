//! Ids without the `sequences` table (migration 0020): a database as the earlier code left it,
//! counters included, goes on numbering after what it holds, and no new row reuses an id or a
//! number. PostgreSQL takes each counter's value over into a sequence of its own; SQLite
//! numbers from each table's highest, as it numbers rowids.

use crate::helpers::*;
use axum::http::StatusCode;
use server::db::{Backend, Db};

const ROMA: i64 = 1;
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";
const LATER: &str = "2026-03-04T09:00:00+01:00";
/// How far the earlier counters stood past the rows (rows deleted, as a revoked closure is).
const AHEAD: i64 = 100;

const TABLES: [&str; 12] = [
    "appointment_events",
    "attachments",
    "appointments",
    "closures",
    "communications",
    "contributors",
    "delegations",
    "messages",
    "outbox",
    "thread_notes",
    "users",
    "waitlist",
];

async fn scalar(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

async fn run(db: &Db, sql: &str) {
    sqlx::query(sql)
        .execute(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Puts the database back where migration 0019 left it, with the counters the earlier code
/// kept (each `AHEAD` past its table's highest id or its year's highest number).
async fn as_before_0020(db: &Db) {
    if db.backend == Backend::Postgres {
        run(db, "DROP FUNCTION cassetto_take(TEXT, BIGINT)").await;
        for table in TABLES {
            run(
                db,
                &format!("ALTER TABLE {table} ALTER COLUMN id DROP DEFAULT"),
            )
            .await;
            run(db, &format!("DROP SEQUENCE counter_{table}")).await;
        }
        run(db, "DROP SEQUENCE IF EXISTS counter_protocol_2026").await;
        run(db, "DROP SEQUENCE IF EXISTS counter_appointment_2026").await;
    } else {
        run(db, "DROP INDEX appointments_year_number").await;
        run(db, "DROP INDEX communications_year_number").await;
        run(db, "DROP TRIGGER closures_id_floor").await;
        run(db, "DROP TRIGGER attachments_id_floor").await;
        run(db, "DROP TABLE id_floor").await;
    }
    run(
        db,
        "CREATE TABLE sequences (name TEXT PRIMARY KEY, value BIGINT NOT NULL CHECK (value >= 0))",
    )
    .await;
    for table in TABLES {
        let highest = scalar(db, &format!("SELECT COALESCE(MAX(id), 0) FROM {table}")).await;
        sqlx::query("INSERT INTO sequences (name, value) VALUES ($1, $2)")
            .bind(table)
            .bind(highest + AHEAD)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    let protocol = highest_number(db, "protocol", 16).await;
    let reference = highest_number(db, "reference", 9).await;
    run(db, &format!("INSERT INTO sequences (name, value) VALUES ('protocol-2026', {}), ('appointment-2026', {})", protocol + AHEAD, reference + AHEAD)).await;
    // What came after 0020 goes too (each later migration adds its undoing here).
    run(db, "DROP INDEX appointments_by_booker").await;
    run(db, "DROP INDEX communications_closed_by_age").await;
    run(db, "DROP INDEX sessions_by_expiry").await;
    run(db, "DROP INDEX sessions_by_last_seen").await;
    run(db, "DROP TABLE ratings").await;
    run(db, "DROP TABLE accessibility_reports").await;
    run(db, "ALTER TABLE appointments DROP COLUMN video_room").await;
    run(db, "DELETE FROM _sqlx_migrations WHERE version >= 20").await;
}

async fn highest_number(db: &Db, column: &str, from: usize) -> i64 {
    let table = if column == "protocol" {
        "communications"
    } else {
        "appointments"
    };
    let numbers: Vec<String> = sqlx::query_scalar(&format!("SELECT {column} FROM {table}"))
        .fetch_all(&db.pool)
        .await
        .unwrap();
    numbers
        .iter()
        .map(|n| n[from - 1..].parse::<i64>().unwrap())
        .max()
        .unwrap_or(0)
}

#[tokio::test]
async fn the_ids_go_on_from_a_database_the_earlier_code_left() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    // What the demo holds, with an appointment and its events among it.
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "before").await;
    as_before_0020(&app.db).await;
    let highest: Vec<i64> = {
        let mut all = Vec::new();
        for table in TABLES {
            all.push(
                scalar(
                    &app.db,
                    &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
                )
                .await,
            );
        }
        all
    };
    let (protocol, reference) = (
        highest_number(&app.db, "protocol", 16).await,
        highest_number(&app.db, "reference", 9).await,
    );

    // The migration runs as at the next start.
    let again = Db::connect(&app.url).await.expect("migration 0020 again");
    assert_eq!(
        scalar(
            &again,
            "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 20"
        )
        .await,
        1
    );
    drop(again);

    // A new thread (its id, protocol and first message) and a booking (the appointment, its
    // reference, event and message).
    let sent = rossi
        .post(
            &format!("/api/contributors/{ROSSI}/communications"),
            serde_json::json!({ "topic": "durc", "subject": "Dopo la migrazione",
                "text": "Un messaggio scritto dopo la migrazione." }),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text());
    let sent: api::CommunicationDetail = sent.json();
    let mut bianchi = app.logged_in(BIANCHI).await;
    let other = thread_of(&mut bianchi, BIANCHI, "Contributi del 2024").await;
    let new_reference = book_at(&mut bianchi, other, ROMA, LATER, "after").await;

    // PostgreSQL goes on from the counters (never below a row); SQLite from the rows.
    let ahead = if app.db.backend == Backend::Postgres {
        AHEAD
    } else {
        0
    };
    let number = |text: &str, from: usize| text[from - 1..].parse::<i64>().unwrap();
    assert_eq!(
        number(&sent.summary.protocol, 16),
        protocol + ahead + 1,
        "{}",
        sent.summary.protocol
    );
    assert_eq!(
        number(&new_reference, 9),
        reference + ahead + 1,
        "{new_reference}"
    );
    for (table, highest) in TABLES.iter().zip(&highest) {
        if [
            "communications",
            "appointments",
            "appointment_events",
            "messages",
        ]
        .contains(table)
        {
            let now = scalar(&app.db, &format!("SELECT MAX(id) FROM {table}")).await;
            assert!(now > *highest, "{table}: {now} after {highest}");
            let first_new = scalar(
                &app.db,
                &format!("SELECT MIN(id) FROM {table} WHERE id > {highest}"),
            )
            .await;
            assert_eq!(first_new, highest + ahead + 1, "{table}");
        }
    }
    let left: i64 = scalar(
        &app.db,
        "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 20",
    )
    .await;
    assert_eq!(left, 1);
}

/// A revoked closure's id is not handed to the next one (an open page may still name it).
#[tokio::test]
async fn a_revoked_closure_leaves_its_id_behind() {
    let app = spawn_app().await;
    let mut roma = app.logged_in("operatore.roma").await;
    let declare = |day: &str| {
        serde_json::json!({ "from": day, "to": day, "reason": "Assemblea del personale",
            "cancel_appointments": true })
    };
    let first = roma
        .post("/api/office/closures", declare("2026-03-20"))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let first: api::ClosureOutcome = first.json();
    let first = first.closure.expect("declared").id;
    let revoked = roma.delete(&format!("/api/office/closures/{first}")).await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text());
    let second = roma
        .post("/api/office/closures", declare("2026-03-27"))
        .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text());
    let second: api::ClosureOutcome = second.json();
    let second = second.closure.expect("declared").id;
    assert!(second > first, "{second} after the revoked {first}");
    // The stale page's Revoca names the old closure: nothing to revoke, the new one stays.
    let stale = roma.delete(&format!("/api/office/closures/{first}")).await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND);
}
