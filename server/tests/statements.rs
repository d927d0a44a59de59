//! What a booking costs the database, counted as sqlx logs each statement (`sqlx::query`):
//! Prenota and Conferma run a known number of statements (docs/PERFORMANCE.md; the bench's
//! fair ceiling, `benches/agenda/fair_ceiling.rs`, runs the same). A change that adds a round
//! trip to the booking path fails here, on SQLite and, with TEST_DATABASE_URL, on PostgreSQL;
//! one that saves one fails too, so that the figures and the ceiling follow it. A binary of its
//! own: the count is process-wide, and nothing else may run beside the test.

#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;

use axum::http::StatusCode;
use helpers::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

/// Counts the events sqlx writes for each statement it runs, but the listening channel's
/// heartbeat (PostgreSQL, every 10 s, whatever the requests do).
struct Count;

#[derive(Default)]
struct Statement(String);

impl tracing::field::Visit for Statement {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "db.statement" {
            self.0 = format!("{value:?}");
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for Count {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let mut statement = Statement::default();
        event.record(&mut statement);
        if !statement.0.contains("AS heartbeat") {
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// The statements `f` runs.
async fn counted<T>(f: impl std::future::Future<Output = T>) -> (T, usize) {
    let before = STATEMENTS.load(Ordering::SeqCst);
    let out = f.await;
    (out, STATEMENTS.load(Ordering::SeqCst) - before)
}

#[tokio::test]
async fn a_booking_runs_the_statements_the_figures_say() {
    let filter = tracing_subscriber::filter::Targets::new()
        .with_target("sqlx::query", tracing::Level::DEBUG);
    tracing::subscriber::set_global_default(
        tracing_subscriber::registry().with(Count.with_filter(filter)),
    )
    .expect("the only subscriber of this binary");
    let app = spawn_app().await;
    let postgres = app.url.starts_with("postgres");
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    // Warm: what the first request of a process reads once (reference data) is not counted.
    free_places(&mut rossi, "sportello", 1, "2026-03-03T08:30:00+01:00").await;

    let body = |start: &str| {
        serde_json::json!({ "communication_id": thread, "point": "sportello", "office": 1,
            "start": start, "phone": "06 1234 5678", "notes": "Verifica dei versamenti." })
    };
    let (held, prenota) = counted(post_with_key(
        &mut rossi,
        "/api/appointments",
        "count-1",
        &body("2026-03-03T08:30:00+01:00"),
    ))
    .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());
    let reference = held.json::<api::Appointment>().reference.0;
    let (confirmed, conferma) = counted(rossi.post(
        &format!("/api/appointments/{reference}/confirm"),
        serde_json::json!({}),
    ))
    .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text());

    // A slot nobody had booked: its row is made. SQLite: BEGIN, SAVEPOINT, RELEASE, COMMIT
    // frame each write; PostgreSQL: the contributor's and the thread's locks, COMMIT (its
    // BEGIN is not logged) and the announcement after it, and Conferma's appointment lock is
    // its UPDATE.
    let expected = if postgres { (20, 12) } else { (20, 13) };
    assert_eq!(
        (prenota, conferma),
        expected,
        "statements of (Prenota, Conferma): update docs/PERFORMANCE.md and the bench's fair ceiling"
    );
}
