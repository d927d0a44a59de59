//! The headers every response carries and the requests refused before any handler runs.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use sha2::{Digest, Sha256};

fn expected_script_hash() -> String {
    let start =
        INDEX_HTML.find("<script type=\"module\">").unwrap() + "<script type=\"module\">".len();
    let end = INDEX_HTML.find("</script>").unwrap();
    let digest = Sha256::digest(&INDEX_HTML.as_bytes()[start..end]);
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let csp = format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'",
        expected_script_hash()
    );
    for path in [
        "/",
        "/accedi",
        "/comunicazioni",
        "/app-0123456789abcdef.js",
        "/manca.js",
        "/healthz",
        "/api/session",
        "/api/inesistente",
    ] {
        let response = app.client().get(path).await;
        assert_eq!(response.header("content-security-policy"), csp, "{path}");
        assert_eq!(
            response.header("x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(response.header("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(
            response.header("cross-origin-opener-policy"),
            "same-origin",
            "{path}"
        );
        let permissions = response.header("permissions-policy");
        for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"] {
            assert!(permissions.contains(feature), "{path}: {permissions}");
        }
        assert!(
            !csp.contains("'unsafe-inline'")
                && !csp.contains("'unsafe-eval'")
                && !csp.contains("nonce-")
        );
    }
}

#[tokio::test]
async fn api_answers_are_never_cached() {
    let app = spawn_app().await;
    let mut client = app.client();
    for response in [
        client.get("/api/session").await,
        client.login(ROSSI, PASSWORD).await,
        client.get("/api/contributors").await,
        client.get("/api/inesistente").await,
    ] {
        assert_eq!(response.header("cache-control"), "no-store");
    }
}

#[tokio::test]
async fn a_cross_site_login_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let request = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!(
            r#"{{"username":"{ROSSI}","password":"{PASSWORD}"}}"#
        )))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.code(), "cross_site");
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn a_logout_posted_from_another_origin_is_refused() {
    let app = spawn_app().await;
    let client = app.logged_in(ROSSI).await;
    let request = client
        .request("DELETE", "/api/session")
        .header(header::ORIGIN, "https://sito-malevolo.example")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("sessions").await, 1, "the session survives");
}

#[tokio::test]
async fn a_same_origin_request_from_the_app_passes() {
    let app = spawn_app().await;
    let request = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, "http://127.0.0.1:8080")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::from(format!(
            r#"{{"username":"{ROSSI}","password":"{PASSWORD}"}}"#
        )))
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_body_that_is_not_json_gets_415() {
    let app = spawn_app().await;
    let request = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("username={ROSSI}&password={PASSWORD}")))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        response.error().message,
        "Il contenuto della richiesta deve essere in formato JSON."
    );
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413() {
    let app = spawn_app().await;
    let password = "x".repeat(100 * 1024);
    let response = app.client().login(ROSSI, &password).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.code(), "payload_too_large");
}

#[tokio::test]
async fn malformed_json_and_unknown_fields_get_400_in_the_envelope() {
    let app = spawn_app().await;
    let request = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"username\": "))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(response.code(), "bad_request");

    let response = app
        .client()
        .post(
            "/api/session",
            serde_json::json!({"username": ROSSI, "password": PASSWORD, "role": "operatore"}),
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_never_the_app() {
    let app = spawn_app().await;
    let response = app.client().get("/api/inesistente").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.error().message, "La risorsa richiesta non esiste.");
}

#[tokio::test]
async fn health_answers_when_the_database_is_reachable() {
    let app = spawn_app().await;
    let response = app.client().get("/healthz").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json::<api::Health>().status, "ok");
}

/// The same service over a real socket, as `run` serves it.
#[tokio::test]
async fn the_service_answers_over_a_real_socket() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"status\":\"ok\""));
}

/// Every path and method the OpenAPI document lists is routed: none answers the JSON 404 or 405.
#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = spawn_app().await;
    let document: serde_json::Value = app.client().get("/api/openapi.json").await.json();
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.contains_key("/api/session") && paths.contains_key("/api/contributors"));
    for (path, operations) in paths {
        let uri = path
            .replace("{cf}", ROSSI)
            .replace("{id}", "1")
            .replace("{reference}", "AP-2026-000001");
        for method in operations
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "parameters")
        {
            let request = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(uri.as_str())
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let response = app.send(request).await;
            assert_ne!(response.status, StatusCode::NOT_FOUND, "{method} {path}");
            assert_ne!(
                response.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
        }
    }
}

/// The document publishes each code as it travels (`not_found`), never the Rust name
/// (`NotFound`): a client generated from it, or a fuzzer, must accept the answers it gets.
#[tokio::test]
async fn the_documents_enums_are_the_codes_on_the_wire() {
    let app = spawn_app().await;
    let document: serde_json::Value = app.client().get("/api/openapi.json").await.json();
    let schemas = &document["components"]["schemas"];
    let published = |name: &str| -> Vec<String> {
        schemas[name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} has no enum"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let wire = |all: Vec<&str>| all.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        published("ErrorCode"),
        wire(api::ErrorCode::ALL.iter().map(|c| c.code()).collect())
    );
    assert_eq!(
        published("PointCode"),
        wire(api::PointCode::ALL.iter().map(|c| c.code()).collect())
    );
    assert_eq!(
        published("EventKind"),
        wire(api::EventKind::ALL.iter().map(|c| c.code()).collect())
    );
    assert_eq!(
        published("ManagedBy"),
        wire(api::ManagedBy::ALL.iter().map(|c| c.code()).collect())
    );
}
