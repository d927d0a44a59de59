//! The language a request is answered in: its `Accept-Language` (the app sends the person's
//! choice), Italian when it names neither. Kept for the request's whole future, so an error
//! becomes words in that language wherever it is turned into a response.

use api::Language;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use catalogue::{Catalogue, Text};

tokio::task_local! {
    static REQUEST_LANGUAGE: Language;
}

/// The language of the request being answered; Italian outside one (a job, a letter).
pub fn current() -> Language {
    REQUEST_LANGUAGE.try_with(|l| *l).unwrap_or(Language::It)
}

/// The catalogue of a language.
pub fn catalogue(language: Language) -> &'static Catalogue {
    crate::domain::speech::catalogue(language)
}

/// A sentence in the language of the request being answered.
pub fn render(text: &Text) -> String {
    catalogue(current()).render(text)
}

/// A topic's name in the request's language (the stored label for a topic added since).
pub fn topic(code: &str, label: &str) -> String {
    render(&crate::domain::speech::topic(code, label))
}

/// A consultation point's name in the request's language.
pub fn point(code: api::PointCode) -> String {
    render(&crate::domain::speech::point(code))
}

/// What a request asks for: the first language of its `Accept-Language` that the service
/// speaks, Italian otherwise.
pub fn of_request(request: &Request) -> Language {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::negotiate)
        .unwrap_or(Language::It)
}

pub async fn scope(request: Request, next: Next) -> Response {
    let language = of_request(&request);
    let is_api = request.uri().path().starts_with("/api");
    let mut response = REQUEST_LANGUAGE.scope(language, next.run(request)).await;
    // The API's words depend on the header: caches must keep one answer per language.
    if is_api {
        let headers = response.headers_mut();
        let vary = match headers.get(header::VARY).and_then(|v| v.to_str().ok()) {
            Some(before) => format!("{before}, accept-language"),
            None => "accept-language".to_string(),
        };
        if let Ok(value) = header::HeaderValue::from_str(&vary) {
            headers.insert(header::VARY, value);
        }
    }
    response
}

/// Where the app fetches its English (the app's `language::ENGLISH_CATALOGUE`).
pub const ENGLISH_CATALOGUE: &str = "/i18n/en.ftl";

/// `GET /i18n/en.ftl`: the English catalogue, fetched by the app only for those who read
/// English. It changes only with a new build, so it is cached and revalidated by its hash.
pub async fn english_catalogue(headers: axum::http::HeaderMap) -> Response {
    use axum::response::IntoResponse;
    use std::sync::OnceLock;
    static ETAG: OnceLock<String> = OnceLock::new();
    let etag = ETAG.get_or_init(|| {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(catalogue::APP_ENGLISH.as_bytes());
        format!("\"{}\"", hex::encode(&digest[..12]))
    });
    let cache = (
        header::CACHE_CONTROL,
        "public, max-age=3600, must-revalidate",
    );
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag)
    {
        return (
            axum::http::StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag.clone())],
            [cache],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_string(),
            ),
            (header::ETAG, etag.clone()),
        ],
        [cache],
        catalogue::APP_ENGLISH,
    )
        .into_response()
}

/// A page's language (the server's own pages): the person's choice on this device (the
/// `lingua` cookie), else the browser's languages, else Italian — as the app decides.
pub fn of_page(headers: &axum::http::HeaderMap) -> Language {
    let chosen = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == api::LANGUAGE_COOKIE)
                .then(|| Language::from_code(value))
                .flatten()
        });
    chosen
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::negotiate)
        })
        .unwrap_or(Language::It)
}

/// The `Set-Cookie` that keeps `language` chosen on this device (`?lingua=` on a page).
pub fn choice_cookie(language: Language, secure: bool) -> axum::http::HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    axum::http::HeaderValue::from_str(&format!(
        "{}={}; Path=/; Max-Age={}; SameSite=Lax{secure}",
        api::LANGUAGE_COOKIE,
        language.code(),
        api::LANGUAGE_COOKIE_MAX_AGE
    ))
    .expect("ASCII cookie")
}
