//! `/accedi` as the server draws it: a page that works without JavaScript, its form posted
//! here with the API's checks, and the app's pages closed to visitors without a session.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

/// The form as Chromium posts it from our own page.
fn form(body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/accedi")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, "http://127.0.0.1:8080")
        .header(header::HOST, "127.0.0.1:8080");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

fn cookie_of(response: &TestResponse) -> String {
    response
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|pair| pair.starts_with("cassetto_session="))
        .expect("a session cookie")
}

#[tokio::test]
async fn the_page_needs_no_wasm_and_prefetches_the_app() {
    let app = spawn_app().await;
    let page = app.client().get("/accedi").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.header("cache-control"), "no-store");
    let html = page.text();
    assert!(html.contains(r#"<html lang="it">"#));
    assert!(html.contains("<title>Accedi – Cassetto Previdenziale</title>"));
    // The app's own stylesheet, as Trunk linked it; one script, which only prefetches the app
    // once the page has loaded.
    assert!(html.contains(
        r#"<link rel="stylesheet" href="/main-0123456789abcdef.css" integrity="sha384-abc"/>"#
    ));
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains(r#"<meta name="cassetto-app" content="/app-0123456789abcdef.js /app-0123456789abcdef_bg.wasm">"#));
    assert!(html.contains(r#"<script src="/accedi.js" defer></script>"#));
    let script = app.client().get("/accedi.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        script.header("content-type"),
        "text/javascript; charset=utf-8"
    );
    assert!(script.text().contains(r#"link.rel = "prefetch""#));
    assert!(html.contains(r#"<form class="form" method="post" action="/accedi" novalidate>"#));
    assert!(html
        .contains(r#"<label class="label" for="username">Codice fiscale o nome utente</label>"#));
    assert!(html.contains("Accesso con password"));
}

#[tokio::test]
async fn the_form_logs_in_and_sends_the_person_into_the_app() {
    let app = spawn_app().await;
    let response = app
        .send(form(&format!("username={ROSSI}&password={PASSWORD}"), None))
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location"), "/comunicazioni");
    let cookie = cookie_of(&response);
    let me = app
        .send(
            Request::get("/api/session")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json::<api::SessionInfo>().user.name, "Mario Rossi");

    // An operator to the office, and anyone back where they were sent from.
    let operator = app
        .send(form("username=operatore.roma&password=demo2026", None))
        .await;
    assert_eq!(operator.header("location"), "/sede/comunicazioni");
    let back = app
        .send(form(
            &format!("username={VERDI}&password={PASSWORD}&torna=%2Fappuntamenti%2FAP-2026-000001"),
            None,
        ))
        .await;
    assert_eq!(back.header("location"), "/appuntamenti/AP-2026-000001");
    // Never to another site.
    let elsewhere = app
        .send(form(
            &format!("username={BIANCHI}&password={PASSWORD}&torna=%2F%2Faltro.example"),
            None,
        ))
        .await;
    assert_eq!(elsewhere.header("location"), "/comunicazioni");
}

#[tokio::test]
async fn a_wrong_password_shows_the_page_again_with_the_summary_and_changes_nothing() {
    let app = spawn_app().await;
    let response = app
        .send(form(
            &format!("username={ROSSI}&password=sbagliata&torna=%2Frecapiti"),
            None,
        ))
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert!(response.headers.get(header::SET_COOKIE).is_none());
    let html = response.text();
    assert!(html.contains(r#"role="alert""#) && html.contains("autofocus"));
    assert!(html.contains("C&#39;è un problema"));
    assert!(html.contains(r##"<a href="#username">Nome utente o password non corretti."##));
    // The name typed stays, the password does not, the way back goes on.
    assert!(html.contains(&format!(r#"value="{ROSSI}""#)));
    assert!(!html.contains("sbagliata"));
    assert!(html.contains(r#"<input type="hidden" name="torna" value="/recapiti">"#));
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn empty_fields_are_each_named_on_the_page() {
    let app = spawn_app().await;
    let response = app.send(form("username=&password=", None)).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text();
    assert!(html.contains(r##"<a href="#username">Inserisci il codice fiscale o il nome utente"##));
    assert!(html.contains(r##"<a href="#password">Inserisci la password."##));
    assert!(html.contains(r#"id="password-error""#));
    assert!(html.contains(r#"aria-invalid="true""#));
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn the_form_is_throttled_like_the_api() {
    let app = spawn_app().await;
    let mut last = None;
    for _ in 0..8 {
        let response = app
            .send(form(&format!("username={ROSSI}&password=sbagliata"), None))
            .await;
        if response.status == StatusCode::TOO_MANY_REQUESTS {
            last = Some(response);
            break;
        }
    }
    let refused = last.expect("refused after a few failures");
    assert!(refused.header("retry-after").parse::<i64>().unwrap() > 0);
    assert!(refused
        .text()
        .contains("Troppi tentativi di accesso non riusciti"));
    // Even the right password, until the wait is over.
    let right = app
        .send(form(&format!("username={ROSSI}&password={PASSWORD}"), None))
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn a_form_from_another_site_or_of_another_kind_is_refused() {
    let app = spawn_app().await;
    let cross = Request::post("/accedi")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!("username={ROSSI}&password={PASSWORD}")))
        .unwrap();
    assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN);
    let origin = Request::post("/accedi")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "https://sito-malevolo.example")
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::from(format!("username={ROSSI}&password={PASSWORD}")))
        .unwrap();
    assert_eq!(app.send(origin).await.status, StatusCode::FORBIDDEN);
    let multipart = Request::post("/accedi")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .header(header::CONTENT_LENGTH, "5")
        .body(Body::from("--x--"))
        .unwrap();
    assert_eq!(
        app.send(multipart).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn app_pages_send_visitors_to_the_door_and_back() {
    let app = spawn_app().await;
    let home = app.client().get("/").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert_eq!(home.header("location"), "/accedi");
    let deep = app.client().get("/comunicazioni/7?esito=inviata").await;
    assert_eq!(deep.status, StatusCode::SEE_OTHER);
    assert_eq!(
        deep.header("location"),
        "/accedi?torna=%2Fcomunicazioni%2F7%3Fesito%3Dinviata"
    );
    // From another site the session cookie (SameSite=Strict) is held back: the app decides.
    let from_webmail = app
        .send(
            Request::get("/appuntamenti/AP-2026-000001")
                .header("sec-fetch-site", "cross-site")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(from_webmail.status, StatusCode::OK);
    assert_eq!(from_webmail.text(), INDEX_HTML);
    // Files are files, whoever asks.
    let js = app.client().get("/app-0123456789abcdef.js").await;
    assert_eq!(js.status, StatusCode::OK);
    // Someone signed in who opens the door goes where they were headed.
    let mut signed_in = app.logged_in(VERDI).await;
    let door = signed_in.get("/accedi").await;
    assert_eq!(door.status, StatusCode::SEE_OTHER);
    assert_eq!(door.header("location"), "/studio");
    let door = signed_in.get("/accedi?torna=%2Frecapiti").await;
    assert_eq!(door.header("location"), "/recapiti");
}

#[tokio::test]
async fn a_session_that_ended_is_said_on_the_door() {
    let app = spawn_app().await;
    let mut client = app.logged_in(ROSSI).await;
    app.clock.advance(server::auth::IDLE_LIMIT + 1);
    let response = client.get("/appuntamenti").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let location = response.header("location").to_string();
    assert_eq!(location, "/accedi?torna=%2Fappuntamenti&avviso=scaduta");
    let page = app.client().get(&location).await.text();
    assert!(page.contains("La sessione è scaduta."));
    assert!(page.contains(r#"<input type="hidden" name="torna" value="/appuntamenti">"#));
}

#[tokio::test]
async fn the_language_is_chosen_on_the_door_and_kept() {
    let app = spawn_app().await;
    let chosen = app
        .client()
        .get("/accedi?lingua=en&torna=%2Frecapiti")
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    assert_eq!(chosen.header("location"), "/accedi?torna=%2Frecapiti");
    assert!(chosen
        .header("set-cookie")
        .starts_with("lingua=en; Path=/; Max-Age=31536000; SameSite=Lax"));
    let english = app
        .send(
            Request::get("/accedi?torna=%2Frecapiti")
                .header(header::COOKIE, "lingua=en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let html = english.text();
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(
        html.contains("<h1 class=\"page-title\" tabindex=\"-1\">Sign in</h1>"),
        "{html}"
    );
    assert!(html.contains(r#"<a class="language-switch__choice" lang="it" hreflang="it" href="/accedi?lingua=it&amp;torna=%2Frecapiti">Italiano</a>"#));
    // Without a choice, the browser's languages decide.
    let browser = app
        .send(
            Request::get("/accedi")
                .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(browser.text().contains(r#"<html lang="en">"#));
}
