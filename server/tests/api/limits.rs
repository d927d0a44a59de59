//! Limits that stop abuse without stopping people: each refuses at N+1, not at N, with a 429
//! that says when to retry, and stores nothing.

use crate::helpers::*;
use axum::http::StatusCode;
use serde_json::json;

const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";

fn assert_limited(answer: &TestResponse, code: &str) {
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.text()
    );
    assert_eq!(answer.code(), code);
    assert!(answer.header("retry-after").parse::<i64>().unwrap() > 0);
    assert!(answer.error().message.contains("Riprova tra"));
}

#[tokio::test]
async fn thirty_new_threads_a_day_and_not_one_more() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let path = format!("/api/contributors/{ROSSI}/communications");
    let new =
        |n: usize| json!({ "topic": "durc", "subject": format!("Richiesta {n}"), "text": "Testo" });
    for n in 0..30 {
        let answer = rossi.post(&path, new(n)).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{n}: {}", answer.text());
    }
    let threads = app.count("communications").await;
    assert_limited(&rossi.post(&path, new(30)).await, "too_many_communications");
    assert_eq!(app.count("communications").await, threads);
    app.clock.advance(24 * 3600);
    let mut rossi = app.logged_in(ROSSI).await;
    assert_eq!(rossi.post(&path, new(31)).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn thirty_messages_an_hour_in_a_thread_and_the_office_may_still_answer() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    // Booking events write into the thread too; they are not the person's messages.
    let body = json!({ "communication_id": thread, "point": "sportello", "office": 1,
        "start": FIRST_SLOT, "phone": "06 1234 5678", "notes": "Verifica." });
    let held: api::Appointment = post_with_key(&mut rossi, "/api/appointments", "k", &body)
        .await
        .json();
    rossi
        .post(
            &format!("/api/appointments/{}/release", held.reference),
            json!({}),
        )
        .await;
    let path = format!("/api/communications/{thread}/messages");
    for n in 0..30 {
        let answer = rossi
            .post(&path, json!({ "text": format!("Messaggio {n}") }))
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{n}: {}", answer.text());
    }
    let messages = app.count("messages").await;
    assert_limited(
        &rossi.post(&path, json!({ "text": "Ancora" })).await,
        "too_many_messages",
    );
    assert_eq!(app.count("messages").await, messages);
    let mut roma = app.logged_in("operatore.roma").await;
    assert_eq!(
        roma.post(&path, json!({ "text": "Risposta" })).await.status,
        StatusCode::CREATED
    );
    app.clock.advance(3601);
    let mut rossi = app.logged_in(ROSSI).await;
    assert_eq!(
        rossi
            .post(&path, json!({ "text": "Dopo un'ora" }))
            .await
            .status,
        StatusCode::CREATED
    );
}

/// Holds one place and gives it up again; the answer of the hold.
async fn cycle(client: &mut Client<'_>, thread: api::ThreadId, key: &str) -> TestResponse {
    let body = json!({ "communication_id": thread, "point": "sportello", "office": 1,
        "start": FIRST_SLOT, "phone": "06 1234 5678", "notes": "Verifica." });
    let held = post_with_key(client, "/api/appointments", key, &body).await;
    if held.status == StatusCode::CREATED {
        let reference = held.json::<api::Appointment>().reference;
        let released = client
            .post(&format!("/api/appointments/{reference}/release"), json!({}))
            .await;
        assert_eq!(released.status, StatusCode::OK);
    }
    held
}

#[tokio::test]
async fn ten_holds_given_up_in_an_hour_then_no_more_holds_for_a_while() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    for n in 0..10 {
        let held = cycle(&mut rossi, thread, &format!("k{n}")).await;
        assert_eq!(held.status, StatusCode::CREATED, "{n}: {}", held.text());
    }
    let appointments = app.count("appointments").await;
    assert_limited(
        &cycle(&mut rossi, thread, "k10").await,
        "too_many_released_holds",
    );
    assert_eq!(app.count("appointments").await, appointments);
    app.clock.advance(3601);
    let mut rossi = app.logged_in(ROSSI).await;
    assert_eq!(
        cycle(&mut rossi, thread, "k11").await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn an_intermediary_gives_up_thirty_holds_an_hour_across_delegators_and_not_one_more() {
    let app = spawn_app().await;
    let people = app.many_contributors(2).await;
    let verdi: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(VERDI)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let extra: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, cf FROM contributors WHERE cf LIKE 'LDTCNT%' ORDER BY id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    for (n, (contributor, _)) in extra.iter().enumerate() {
        sqlx::query(
            "INSERT INTO delegations (id, intermediary_id, contributor_id, valid_from) VALUES ($1, $2, $3, $4)",
        )
        .bind(1_000 + n as i64)
        .bind(verdi)
        .bind(contributor)
        .bind(app.clock_now() - 60)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let mut studio = app.logged_in(VERDI).await;
    let rossi = thread_of(&mut studio, ROSSI, "Contributi del 2024").await;
    let bianchi = thread_of(&mut studio, BIANCHI, "Contributi del 2024").await;
    let threads = [rossi, bianchi, people[0].1];
    for (t, thread) in threads.iter().enumerate() {
        for n in 0..10 {
            let held = cycle(&mut studio, *thread, &format!("k{t}-{n}")).await;
            assert_eq!(held.status, StatusCode::CREATED, "{t}/{n}: {}", held.text());
        }
    }
    let fourth = cycle(&mut studio, people[1].1, "k-last").await;
    assert_limited(&fourth, "too_many_released_holds");
    assert!(fourth.error().message.contains("30 prenotazioni"));
}

#[tokio::test]
async fn the_office_queue_comes_fifty_at_a_time() {
    let app = spawn_app().await;
    app.many_contributors(60).await;
    let mut roma = app.logged_in("operatore.roma").await;
    let first: api::OfficeQueuePage = roma.get("/api/office/communications").await.json();
    assert_eq!(
        (first.page, first.page_size, first.items.len()),
        (1, 50, 50)
    );
    assert!(first.total > 60, "{}", first.total);
    let last: api::OfficeQueuePage = roma.get("/api/office/communications?page=2").await.json();
    assert_eq!(last.items.len() as u32, first.total - 50);
    assert!(last
        .items
        .iter()
        .all(|c| first.items.iter().all(|f| f.id != c.id)));
    let beyond = roma.get("/api/office/communications?page=0").await;
    assert_eq!(beyond.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(beyond.error().fields.contains_key("page"));
}
