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
        assert_eq!(answer.error().code, "bad_request");
        assert!(
            answer.error().fields.contains_key(field),
            "{body}: {}",
            answer.text()
        );
        assert!(answer.error().message.contains(field), "{}", answer.text());
    }
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
