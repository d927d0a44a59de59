//! Recapiti: the logged-in user's e-mail address and reminders.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{header, StatusCode};
use serde_json::json;

async fn put(client: &mut Client<'_>, body: serde_json::Value) -> TestResponse {
    let request = client
        .request("PUT", "/api/me/contacts")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    client.send(request).await
}

#[tokio::test]
async fn a_contributor_reads_and_changes_their_recapiti() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let contacts: api::Contacts = rossi.get("/api/me/contacts").await.json();
    assert_eq!(contacts.email.as_deref(), Some("mario.rossi@example.it"));
    assert_eq!(contacts.masked.as_deref(), Some("m•••@example.it"));
    assert!(contacts.reminders, "on by default");

    let changed = put(
        &mut rossi,
        json!({ "email": " M.Rossi@Esempio.IT ", "reminders": false }),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    let changed: api::Contacts = changed.json();
    assert_eq!(changed.email.as_deref(), Some("M.Rossi@esempio.it"));
    assert!(!changed.reminders);
    let again: api::Contacts = rossi.get("/api/me/contacts").await.json();
    assert_eq!(again, changed);
}

#[tokio::test]
async fn a_bad_address_is_refused_by_field_and_changes_nothing() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    for email in [
        "",
        "studio",
        "studio@verdi",
        "studio verdi@example.it",
        "studio\u{202E}@example.it",
    ] {
        let answer = put(&mut verdi, json!({ "email": email, "reminders": true })).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert!(answer.error().fields.contains_key("email"), "{email}");
    }
    let unknown = put(
        &mut verdi,
        json!({ "email": "a@b.it", "reminders": true, "pec": "x" }),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let contacts: api::Contacts = verdi.get("/api/me/contacts").await.json();
    assert_eq!(contacts.email.as_deref(), Some("studio.verdi@example.it"));
}

#[tokio::test]
async fn operators_have_no_recapiti_and_visitors_none_at_all() {
    let app = spawn_app().await;
    let mut roma = app.logged_in("operatore.roma").await;
    assert_eq!(
        roma.get("/api/me/contacts").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.client().get("/api/me/contacts").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_language_chosen_is_kept_with_the_account_and_a_new_session_finds_it() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let session: api::SessionInfo = rossi.get("/api/session").await.json();
    assert_eq!(session.language, None, "nobody has chosen yet");
    let chosen = rossi
        .put("/api/me/language", serde_json::json!({"language": "en"}))
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.text());
    assert_eq!(
        chosen.json::<api::SessionInfo>().language,
        Some(api::Language::En)
    );
    // Another device, another session: the choice is the account's.
    let mut elsewhere = app.logged_in(ROSSI).await;
    let session: api::SessionInfo = elsewhere.get("/api/session").await.json();
    assert_eq!(session.language, Some(api::Language::En));

    // A language the service does not speak: 422 on the field, nothing changed.
    let refused = rossi
        .put("/api/me/language", serde_json::json!({"language": "de"}))
        .await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (422, "validation")
    );
    assert!(refused.error().fields.contains_key("language"));
    let session: api::SessionInfo = rossi.get("/api/session").await.json();
    assert_eq!(session.language, Some(api::Language::En));

    // Operators choose too; a visitor has no account to keep it in.
    let mut roma = app.logged_in("operatore.roma").await;
    let chosen = roma
        .put("/api/me/language", serde_json::json!({"language": "it"}))
        .await;
    assert_eq!(
        chosen.json::<api::SessionInfo>().language,
        Some(api::Language::It)
    );
    let anonymous = app
        .client()
        .put("/api/me/language", serde_json::json!({"language": "en"}))
        .await;
    assert_eq!(anonymous.status.as_u16(), 401);
}

/// Issue 25: a 422 asked in English names the field in English; the same request in Italian
/// (or naming neither language) reads as it always has.
#[tokio::test]
async fn a_refusal_speaks_the_language_the_request_asks_for() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    fn ask(client: &Client<'_>, language: Option<&str>) -> axum::http::Request<Body> {
        let mut request = client
            .request("PUT", "/api/me/contacts")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(language) = language {
            request = request.header(header::ACCEPT_LANGUAGE, language);
        }
        request
            .body(Body::from(
                json!({ "email": "studio@verdi", "reminders": true }).to_string(),
            ))
            .unwrap()
    }
    let english = ask(&verdi, Some("en-GB,en;q=0.9"));
    let english = verdi.send(english).await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        english.header("vary").contains("accept-language"),
        "{:?}",
        english.header("vary")
    );
    let error = english.error();
    assert_eq!(
        error.message,
        "Some details are not valid. Correct the fields shown."
    );
    assert_eq!(
        error.fields["email"],
        "Enter a valid email address, for example name.surname@example.it."
    );
    for language in [Some("it-IT,it;q=0.9,en;q=0.8"), Some("de-DE"), None] {
        let request = ask(&verdi, language);
        let italian = verdi.send(request).await.error();
        assert_eq!(
            italian.message, "Alcuni dati non sono validi. Correggi i campi indicati.",
            "{language:?}"
        );
        assert_eq!(
            italian.fields["email"],
            "Inserisci un indirizzo e-mail valido, ad esempio nome.cognome@example.it.",
            "{language:?}"
        );
    }
    // A malformed body names its field in the asked language too.
    let request = verdi
        .request("PUT", "/api/me/contacts")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(json!({ "email": "a@b.it" }).to_string()))
        .unwrap();
    let missing = verdi.send(request).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        missing.error().message,
        "The request is not valid: the field “reminders” is missing."
    );
    let contacts: api::Contacts = verdi.get("/api/me/contacts").await.json();
    assert_eq!(contacts.email.as_deref(), Some("studio.verdi@example.it"));
}
