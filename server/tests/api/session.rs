//! Login, who am I, logout, expiry and throttling (API.md "Session").

use crate::helpers::*;
use api::{Role, SessionInfo};
use axum::http::StatusCode;

#[tokio::test]
async fn every_demo_account_logs_in_and_sees_its_own_name() {
    let app = spawn_app().await;
    let accounts = [
        (ROSSI, "Mario Rossi", Role::Contribuente),
        (BIANCHI, "Lucia Bianchi", Role::Contribuente),
        (FERRI, "Giovanni Ferri", Role::Contribuente),
        (VERDI, "Giuseppe Verdi", Role::Intermediario),
        ("operatore.roma", "Anna Conti", Role::Operatore),
        ("operatore.milano", "Paolo Greco", Role::Operatore),
    ];
    for (username, name, role) in accounts {
        let mut client = app.logged_in(username).await;
        let info: SessionInfo = client.get("/api/session").await.json();
        assert_eq!(info.user.name, name);
        assert_eq!(info.user.role, role);
    }
}

#[tokio::test]
async fn an_operator_belongs_to_an_office() {
    let app = spawn_app().await;
    let mut client = app.logged_in("operatore.milano").await;
    let info: SessionInfo = client.get("/api/session").await.json();
    assert_eq!(info.user.office.as_deref(), Some("Sede di Milano"));
    assert!(info.contributors.is_empty());
}

#[tokio::test]
async fn a_codice_fiscale_typed_in_lower_case_finds_its_account() {
    let app = spawn_app().await;
    let response = app.client().login(&ROSSI.to_lowercase(), PASSWORD).await;
    assert_eq!(response.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    let wrong_password = app.client().login(ROSSI, "sbagliata").await;
    let unknown_user = app.client().login("XXXXXX00X00X000X", PASSWORD).await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password.body, unknown_user.body);
    assert_eq!(wrong_password.code(), "invalid_credentials");
    assert!(wrong_password.headers.get("set-cookie").is_none());
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn empty_fields_get_a_message_each_and_create_nothing() {
    let app = spawn_app().await;
    let response = app.client().login("  ", "").await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = response.error();
    assert_eq!(
        error.fields.get("username").map(String::as_str),
        Some("Inserisci il codice fiscale o il nome utente.")
    );
    assert_eq!(
        error.fields.get("password").map(String::as_str),
        Some("Inserisci la password.")
    );
    assert_eq!(app.count("sessions").await, 0);
    assert_eq!(app.count("login_failures").await, 0);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_strict_and_for_the_whole_site() {
    let app = spawn_app().await;
    let response = app.client().login(ROSSI, PASSWORD).await;
    let cookie = response.header("set-cookie");
    assert!(cookie.starts_with("cassetto_session="), "{cookie}");
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("cassetto_session=");
    assert!(token.len() >= 22, "at least 128 bits: {token}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP cannot keep a Secure cookie"
    );
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_with_the_host_prefix() {
    let app = spawn_app_with(true).await;
    let response = app.client().login(ROSSI, PASSWORD).await;
    let cookie = response.header("set-cookie");
    assert!(cookie.starts_with("__Host-cassetto_session="), "{cookie}");
    assert!(cookie.contains("; Secure"));
    assert!(cookie.contains("Path=/") && !cookie.contains("Domain"));
}

#[tokio::test]
async fn each_login_gets_a_new_token_and_the_old_one_dies() {
    let app = spawn_app().await;
    let mut client = app.logged_in(ROSSI).await;
    let first = client.cookie.clone().unwrap();
    client.login(ROSSI, PASSWORD).await;
    let second = client.cookie.clone().unwrap();
    assert_ne!(first, second);

    let mut stale = app.client();
    stale.cookie = Some(first);
    assert_eq!(
        stale.get("/api/session").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(client.get("/api/session").await.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let mut client = app.logged_in(ROSSI).await;
    let cookie = client.cookie.clone();
    let response = client.delete("/api/session").await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert!(response.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(app.count("sessions").await, 0);

    // A copy of the cookie kept by an attacker is worth nothing now.
    let mut copy = app.client();
    copy.cookie = cookie;
    let response = copy.get("/api/session").await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.code(), "unauthenticated");
}

#[tokio::test]
async fn without_a_session_the_api_answers_401() {
    let app = spawn_app().await;
    let response = app.client().get("/api/session").await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.error().message, "Accedi per continuare.");
}

#[tokio::test]
async fn a_session_idle_for_thirty_minutes_ends() {
    let app = spawn_app().await;
    let mut client = app.logged_in(ROSSI).await;
    app.clock.advance(29 * 60);
    assert_eq!(client.get("/api/session").await.status, StatusCode::OK);
    app.clock.advance(31 * 60);
    let response = client.get("/api/session").await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.code(), "session_expired");
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn activity_keeps_a_session_alive_but_never_beyond_twelve_hours() {
    let app = spawn_app().await;
    let mut client = app.logged_in(ROSSI).await;
    for _ in 0..35 {
        app.clock.advance(20 * 60);
        assert_eq!(client.get("/api/session").await.status, StatusCode::OK);
    }
    // 35 × 20 minutes = 11 h 40 min; 20 more minutes cross the absolute limit.
    app.clock.advance(20 * 60);
    let response = client.get("/api/session").await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.code(), "session_expired");
}

#[tokio::test]
async fn five_failures_throttle_the_account_for_a_short_time() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let response = app.client().login(ROSSI, "sbagliata").await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits: otherwise guessing would go on.
    let response = app.client().login(ROSSI, PASSWORD).await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.header("retry-after"), "60");
    assert_eq!(response.code(), "too_many_attempts");
    assert!(response.error().message.contains("Riprova tra un minuto"));
    assert_eq!(app.count("sessions").await, 0);

    app.clock.advance(61);
    let response = app.client().login(ROSSI, PASSWORD).await;
    assert_eq!(response.status, StatusCode::OK);
}

#[tokio::test]
async fn each_further_failure_doubles_the_wait() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.client().login(ROSSI, "sbagliata").await;
    }
    app.clock.advance(61);
    app.client().login(ROSSI, "sbagliata").await;
    let response = app.client().login(ROSSI, PASSWORD).await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.header("retry-after"), "120");
}

#[tokio::test]
async fn an_unknown_username_is_throttled_the_same_way() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.client().login("nessuno", "x").await;
    }
    let response = app.client().login("nessuno", "x").await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_success_forgets_earlier_failures() {
    let app = spawn_app().await;
    for _ in 0..4 {
        app.client().login(ROSSI, "sbagliata").await;
    }
    app.client().login(ROSSI, PASSWORD).await;
    for _ in 0..4 {
        app.client().login(ROSSI, "sbagliata").await;
    }
    assert_eq!(
        app.client().login(ROSSI, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn throttling_one_account_leaves_the_others_alone() {
    let app = spawn_app().await;
    for _ in 0..6 {
        app.client().login(ROSSI, "sbagliata").await;
    }
    assert_eq!(
        app.client().login(BIANCHI, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_status_says_null_for_a_visitor_and_the_session_for_a_user() {
    let app = spawn_app().await;
    let response = app.client().get("/api/session/status").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json::<api::SessionStatus>().session, None);

    let mut client = app.logged_in(VERDI).await;
    let status: api::SessionStatus = client.get("/api/session/status").await.json();
    assert_eq!(status.session.unwrap().user.name, "Giuseppe Verdi");

    app.clock.advance(31 * 60);
    let status: api::SessionStatus = client.get("/api/session/status").await.json();
    assert_eq!(status.session, None, "an expired session is no session");
}
