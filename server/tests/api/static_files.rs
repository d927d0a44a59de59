//! Serving the built app: client routes, caching and compression.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::io::Read;

#[tokio::test]
async fn a_reload_on_any_client_route_serves_the_app() {
    let app = spawn_app().await;
    let mut client = app.logged_in(ROSSI).await;
    for path in [
        "/",
        "/comunicazioni",
        "/sede/comunicazioni",
        "/una/pagina/che/non/esiste",
    ] {
        let response = client.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.header("content-type"), "text/html; charset=utf-8");
        assert_eq!(response.header("cache-control"), "no-store", "{path}");
        // The page carries who is signed in, for the app to start from without asking.
        let html = response.text();
        let (page, block) = html
            .split_once(r#"<script type="application/json" id="sessione">"#)
            .unwrap_or_else(|| panic!("{path}: {html}"));
        assert_eq!(format!("{page}</body></html>"), INDEX_HTML);
        let json = block.split_once("</script>").unwrap().0;
        let status: api::SessionStatus = serde_json::from_str(json).unwrap();
        assert_eq!(status.session.unwrap().user.name, "Mario Rossi");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_others_are_revalidated() {
    let app = spawn_app().await;
    let js = app.client().get("/app-0123456789abcdef.js").await;
    assert_eq!(
        js.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");

    let font = app.client().get("/fonts/titillium.woff2").await;
    assert_eq!(font.header("cache-control"), "no-cache");
    let etag = font.header("etag").to_string();
    let again = app
        .send(
            Request::get("/fonts/titillium.woff2")
                .header(header::IF_NONE_MATCH, etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn assets_are_sent_compressed_as_the_browser_accepts() {
    let app = spawn_app().await;
    let get = |encoding: &'static str| {
        Request::get("/app-0123456789abcdef.js")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap()
    };
    let plain = app.client().get("/app-0123456789abcdef.js").await;

    let br = app.send(get("gzip, deflate, br")).await;
    assert_eq!(br.header("content-encoding"), "br");
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br.body[..], 4096)
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain.body);
    assert!(br.body.len() < plain.body.len() / 4);

    let gz = app.send(get("gzip")).await;
    assert_eq!(gz.header("content-encoding"), "gzip");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz.body[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain.body);
    assert_eq!(gz.header("vary"), "Accept-Encoding");
}

#[tokio::test]
async fn a_missing_file_is_a_404_not_the_app() {
    let app = spawn_app().await;
    let response = app.client().get("/app-ffffffffffffffff.js").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

/// Issue 25: the English catalogue the app fetches when English is the language: every key,
/// cached and revalidated by its hash.
#[tokio::test]
async fn the_english_catalogue_is_served_for_the_app_to_fetch() {
    let app = spawn_app().await;
    let english = app.client().get("/i18n/en.ftl").await;
    assert_eq!(english.status, StatusCode::OK);
    assert_eq!(english.header("content-type"), "text/plain; charset=utf-8");
    let parsed = catalogue::Catalogue::parse(&english.text()).unwrap();
    // Every sentence of the app, and none of the server's (the app never shows them).
    let missing = parsed.missing();
    assert_eq!(
        missing.len(),
        catalogue::Key::ALL.len() - catalogue::APP_KEYS
    );
    assert!(missing
        .iter()
        .all(|key| *key as usize >= catalogue::APP_KEYS));
    assert_eq!(parsed.render(&catalogue::t::shell_log_out()), "Sign out");
    let etag = english.header("etag").to_string();
    let again = app
        .send(
            Request::get("/i18n/en.ftl")
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}
