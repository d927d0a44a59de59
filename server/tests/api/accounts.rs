//! Accounts nobody can lock out: throttling by username and client address, a bound on
//! password checks, and retention of what is kept only for a while.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;

const ATTACKER: &str = "203.0.113.7";
const HOME: &str = "198.51.100.2";

fn login_request(address: &str, username: &str, password: &str) -> Request<Body> {
    Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", address)
        .body(Body::from(
            json!({ "username": username, "password": password }).to_string(),
        ))
        .unwrap()
}

async fn all_at_once(app: &TestApp, requests: Vec<Request<Body>>) -> Vec<StatusCode> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|request| {
            let router = app.router.clone();
            tokio::spawn(async move {
                use tower::ServiceExt;
                router.oneshot(request).await.unwrap().status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses
}

#[tokio::test]
async fn the_real_user_gets_in_while_an_attacker_elsewhere_is_throttled() {
    let app = spawn_app().await;
    let mut attacker = app.client();
    for _ in 0..5 {
        let answer = attacker.login_from(ATTACKER, ROSSI, "indovino").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let refused = attacker.login_from(ATTACKER, ROSSI, "indovino").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.header("retry-after"), "60");
    // One request a minute from there keeps nobody else out.
    for _ in 0..3 {
        app.clock.advance(61);
        attacker.login_from(ATTACKER, ROSSI, "indovino").await;
        let home = app.client().login_from(HOME, ROSSI, PASSWORD).await;
        assert_eq!(home.status, StatusCode::OK, "{}", home.text());
    }
    // Even the right password waits where the guessing came from.
    let there = app.client().login_from(ATTACKER, ROSSI, PASSWORD).await;
    assert_eq!(there.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_forty_parallel_guesses_gets_at_most_five_checks() {
    let app = spawn_app().await;
    let before = app.state.settings.hashing.checks();
    let requests = (0..40)
        .map(|n| login_request(ATTACKER, ROSSI, &format!("tentativo{n}")))
        .collect();
    let statuses = all_at_once(&app, requests).await;
    let checked = app.state.settings.hashing.checks() - before;
    assert!(checked <= 5, "{checked} passwords checked");
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(refused >= 35, "{statuses:?}");
    assert!(statuses
        .iter()
        .all(|s| [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(s)));
    assert_eq!(
        app.client().login_from(HOME, ROSSI, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_random_usernames_checks_a_few_passwords_at_a_time_and_health_answers() {
    let app = spawn_app().await;
    let requests: Vec<_> = (0..200)
        .map(|n| login_request(&format!("192.0.2.{}", n % 250), &format!("ignoto{n}"), "x"))
        .collect();
    let flood = {
        let app_router = app.router.clone();
        tokio::spawn(async move {
            let tasks: Vec<_> = requests
                .into_iter()
                .map(|request| {
                    let router = app_router.clone();
                    tokio::spawn(async move {
                        use tower::ServiceExt;
                        router.oneshot(request).await.unwrap().status()
                    })
                })
                .collect();
            let mut statuses = Vec::new();
            for task in tasks {
                statuses.push(task.await.unwrap());
            }
            statuses
        })
    };
    let health = app.client().get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    let statuses = flood.await.unwrap();
    assert!(
        statuses
            .iter()
            .all(|s| [StatusCode::UNAUTHORIZED, StatusCode::SERVICE_UNAVAILABLE].contains(s)),
        "{statuses:?}"
    );
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    assert!(app.state.settings.hashing.peak() <= cores);
}

#[tokio::test]
async fn an_address_failing_for_many_usernames_is_slowed_but_its_real_user_gets_in() {
    let app = spawn_app().await;
    for n in 0..21 {
        let answer = app
            .client()
            .login_from(ATTACKER, &format!("ignoto{n}"), "x")
            .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let started = std::time::Instant::now();
    let answer = app.client().login_from(ATTACKER, BIANCHI, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
}

#[tokio::test]
async fn failures_and_idempotency_keys_older_than_a_day_are_deleted() {
    let app = spawn_app().await;
    app.client().login_from(ATTACKER, "ignoto", "x").await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let body = json!({ "communication_id": thread, "point": "sportello", "office": 1,
        "start": "2026-03-03T08:30:00+01:00", "phone": "06 1234 5678", "notes": "Verifica." });
    post_with_key(&mut rossi, "/api/appointments", "k1", &body).await;
    assert!(app.count("login_failures").await > 0);
    assert_eq!(app.count("idempotency_keys").await, 1);

    server::session::repo::purge(&app.db, app.now() + 86_000)
        .await
        .unwrap();
    assert_eq!(app.count("idempotency_keys").await, 1, "younger than a day");
    server::session::repo::purge(&app.db, app.now() + 86_401)
        .await
        .unwrap();
    assert_eq!(app.count("login_failures").await, 0);
    assert_eq!(app.count("idempotency_keys").await, 0);
}

#[tokio::test]
async fn over_https_browsers_are_told_to_come_back_only_over_https() {
    let https = spawn_app_with(true).await;
    let answer = https.client().get("/healthz").await;
    assert_eq!(
        answer.header("strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
    let plain = spawn_app().await;
    let answer = plain.client().get("/healthz").await;
    assert!(answer.headers.get("strict-transport-security").is_none());
}

#[tokio::test]
async fn a_username_with_a_nul_or_control_character_is_just_wrong_credentials() {
    // Found by the fuzzer on PostgreSQL, which refuses NUL in text: it was a 500.
    let app = spawn_app().await;
    for username in [
        format!("{ROSSI}\u{0}"),
        "\u{0}".to_string(),
        "a\u{7}b".to_string(),
    ] {
        let answer = app.client().login_from(HOME, &username, PASSWORD).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.text());
        assert_eq!(
            answer.json::<serde_json::Value>()["error"]["code"],
            "invalid_credentials"
        );
    }
    // And the owner of the name is not held back by it.
    let home = app.client().login_from(HOME, ROSSI, PASSWORD).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.text());
}
