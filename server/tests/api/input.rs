//! Input that lies or does not fit: each refused with the field or header named, nothing stored.

use crate::helpers::*;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn text_with_invisible_or_line_breaking_characters_is_refused_by_field() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let path = format!("/api/contributors/{ROSSI}/communications");
    let threads = app.count("communications").await;
    for (body, field) in [
        (
            json!({ "topic": "durc", "subject": "Fattura \u{202E}fdp.exe", "text": "Testo" }),
            "subject",
        ),
        (
            json!({ "topic": "durc", "subject": "Riga uno\rRiga due", "text": "Testo" }),
            "subject",
        ),
        (
            json!({ "topic": "durc", "subject": "DURC", "text": "Testo\u{2066}nascosto\u{2069}" }),
            "text",
        ),
        (
            json!({ "topic": "durc", "subject": "DURC\u{200B}", "text": "Testo" }),
            "subject",
        ),
    ] {
        let answer = rossi.post(&path, body.clone()).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            answer.error().fields.contains_key(field),
            "{body}: {}",
            answer.text()
        );
    }
    assert_eq!(app.count("communications").await, threads);
    let fine = rossi
        .post(
            &path,
            json!({ "topic": "durc", "subject": "Però è già l'ora – «sì»", "text": "Riga\nriga" }),
        )
        .await;
    assert_eq!(fine.status, StatusCode::CREATED, "{}", fine.text());
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_names_the_field_in_its_400() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let path = format!("/api/contributors/{ROSSI}/communications");
    let threads = app.count("communications").await;
    for (body, field) in [
        (
            json!({ "topic": 7, "subject": "DURC", "text": "Testo" }),
            "topic",
        ),
        (json!({ "topic": "durc", "subject": "DURC" }), "text"),
        (
            json!({ "topic": "durc", "subject": "DURC", "text": "Testo", "admin": true }),
            "admin",
        ),
    ] {
        let answer = rossi.post(&path, body.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer.code(), "bad_request");
        assert!(
            answer.error().fields.contains_key(field),
            "{body}: {}",
            answer.text()
        );
        assert!(answer.error().message.contains(field), "{}", answer.text());
    }
    assert_eq!(app.count("communications").await, threads);
}

#[tokio::test]
async fn an_idempotency_key_too_long_is_said_so() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let body = json!({ "communication_id": thread, "point": "sportello", "office": 1,
        "start": "2026-03-03T08:30:00+01:00", "phone": "06 1234 5678", "notes": "Verifica." });
    let long = "k".repeat(201);
    let answer = post_with_key(&mut rossi, "/api/appointments", &long, &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.error().fields.contains_key("Idempotency-Key"));
    assert!(
        answer.error().message.contains("al massimo 200"),
        "{}",
        answer.text()
    );
    assert_eq!(app.count("appointments").await, 0);
    let fits = post_with_key(&mut rossi, "/api/appointments", &"k".repeat(200), &body).await;
    assert_eq!(fits.status, StatusCode::CREATED);
}

#[tokio::test]
async fn every_free_text_field_refuses_text_that_lies_and_stores_nothing() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let hold = |notes: &str| {
        json!({ "communication_id": thread, "point": "sportello", "office": 1,
                "start": "2026-03-03T08:30:00+01:00", "phone": "06 1234 5678", "notes": notes })
    };
    let lying = post_with_key(
        &mut rossi,
        "/api/appointments",
        "k1",
        &hold("Nota \u{202E}atlov"),
    )
    .await;
    assert_eq!(lying.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lying.error().fields.contains_key("notes"));
    assert_eq!(app.count("appointments").await, 0);
    assert_eq!(app.count("idempotency_keys").await, 0);

    let reference = book_at(&mut rossi, thread, 1, "2026-03-03T08:30:00+01:00", "k2").await;
    let messages = app.count("messages").await;
    let cancel = rossi
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": "Motivo\u{2067}nascosto" }),
        )
        .await;
    assert_eq!(cancel.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(cancel.error().fields.contains_key("reason"));
    let reply = rossi
        .post(
            &format!("/api/communications/{thread}/messages"),
            json!({ "text": "Ciao\u{FEFF}" }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error().fields.contains_key("text"));
    assert_eq!(app.count("messages").await, messages);

    let mut roma = app.logged_in("operatore.roma").await;
    let closure = roma
        .post(
            "/api/office/closures/preview",
            json!({ "from": "2026-03-04", "to": "2026-03-04", "reason": "Sciopero\u{202D}" }),
        )
        .await;
    assert_eq!(closure.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(closure.error().fields.contains_key("reason"));
    app.clock.advance(24 * 3600);
    let mut roma = app.logged_in("operatore.roma").await;
    let esito = roma
        .post(
            &format!("/api/appointments/{reference}/attendance"),
            json!({ "outcome": "svolto", "text": "Esito\u{200E}" }),
        )
        .await;
    assert_eq!(esito.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(esito.error().fields.contains_key("text"));
}

#[tokio::test]
async fn a_nul_in_an_address_is_a_404_or_a_422_never_a_500() {
    // PostgreSQL refuses NUL in text: before the guard these were 500s there.
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    for path in [
        "/api/appointments/AP-2026-000001%00".to_string(),
        "/api/appointments/%00/ics".to_string(),
        "/api/contributors/%00/communications".to_string(),
        format!("/api/contributors/{ROSSI}%00/waitlist"),
    ] {
        let answer = rossi.get(&path).await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{path}: {}",
            answer.text()
        );
    }
    let answer = rossi.post("/api/appointments/%00/release", json!({})).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.text());
    let answer = rossi
        .get("/api/availability?office=1&point=sportello&topic=a%00b")
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.text()
    );
    assert!(
        answer.error().fields.contains_key("topic"),
        "{}",
        answer.text()
    );
    let threads = app.count("communications").await;
    let answer = rossi
        .post(
            "/api/contributors/%00/communications",
            json!({ "topic": "iscrizione", "subject": "Oggetto", "text": "Testo" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.text());
    assert_eq!(app.count("communications").await, threads);
}
