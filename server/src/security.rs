//! What every response carries and what every state-changing request must pass before any
//! handler runs: security headers, refusal of cross-site requests, of non-JSON bodies and of
//! control characters in an API address.

use crate::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;

/// Bodies larger than this are refused (413) before they are read in full.
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every response carries, fixed at start.
#[derive(Clone)]
pub struct Policy {
    pub csp: HeaderValue,
    /// Served over HTTPS (`--secure-cookies`): browsers are told to come back only over HTTPS.
    pub https: bool,
}

pub async fn headers(State(policy): State<Policy>, request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A downloaded file carries its own, stricter policy.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy.csp);
    }
    if policy.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), \
             fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), \
             midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), \
             screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=(), \
             browsing-topics=()",
        ),
    );
    if is_api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses, before any handler, a state-changing request that another site made the browser
/// send, and a body that is not JSON — except on the upload route, whose body is a file of a
/// type taken (never a form: a page of another site can post a form without asking first), and
/// whose handler holds it to its own limit. Requests without browser headers (an
/// intermediary's own software) pass: without the SameSite=Strict cookie they cannot act for
/// anyone anyway.
pub async fn guard(request: Request, next: Next) -> Response {
    let body = if is_upload(request.method(), request.uri().path()) {
        Body::File
    } else if is_page_form(request.method(), request.uri().path()) {
        Body::Form
    } else {
        Body::Json
    };
    if let Err(error) =
        check_uri(request.uri()).and_then(|()| check(request.method(), request.headers(), body))
    {
        return error.into_response();
    }
    next.run(request).await
}

/// No code fiscale, reference, id or filter holds a control character, and PostgreSQL refuses
/// NUL in text: such an API address is refused here (a path 404, a query value 422 on its
/// name) rather than as a 500 from whichever query first meets it.
fn check_uri(uri: &Uri) -> Result<(), AppError> {
    if !uri.path().starts_with("/api/") {
        return Ok(());
    }
    let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy();
    if path.chars().any(char::is_control) {
        return Err(AppError::NotFound);
    }
    for (name, value) in form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
        if name.chars().chain(value.chars()).any(char::is_control) {
            return Err(AppError::invalid(BTreeMap::from([(
                name.chars().filter(|c| !c.is_control()).collect(),
                catalogue::t::request_value_forbidden(),
            )])));
        }
    }
    Ok(())
}

/// What a state-changing request's body may be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Body {
    Json,
    /// The upload route's: a file of a type taken.
    File,
    /// The forms of the server's own pages, which work without JavaScript (the login, the
    /// accessibility report): only there, and only from our own pages (the cross-site rule
    /// below holds for them as for everything else).
    Form,
}

/// `POST /accedi`, `POST /accessibilita/segnalazione`.
fn is_page_form(method: &Method, path: &str) -> bool {
    *method == Method::POST
        && (path == api::paths::LOGIN || path == api::paths::ACCESSIBILITY_REPORT)
}

/// `POST /api/communications/{id}/attachments`.
fn is_upload(method: &Method, path: &str) -> bool {
    *method == Method::POST
        && path
            .strip_prefix("/api/communications/")
            .and_then(|rest| rest.strip_suffix("/attachments"))
            // Whatever the id, the route is the upload's: its handler answers a bad one (404).
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

fn check(method: &Method, headers: &HeaderMap, body: Body) -> Result<(), AppError> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let site = text(header::HeaderName::from_static("sec-fetch-site"));
    if let Some(site) = site {
        if site != "same-origin" && site != "none" {
            return Err(AppError::CrossSite);
        }
    }
    // Under our `Referrer-Policy: no-referrer` a browser's form post says `Origin: null`: only
    // the browser's own `Sec-Fetch-Site` can then vouch for it.
    let vouched = site == Some("same-origin");
    if let Some(origin) = text(header::ORIGIN).filter(|o| !(vouched && *o == "null")) {
        let host = text(header::HOST).unwrap_or_default();
        let origin_host = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        if origin_host != Some(host) {
            return Err(AppError::CrossSite);
        }
    }
    let has_body = text(header::TRANSFER_ENCODING).is_some()
        || text(header::CONTENT_LENGTH).is_some_and(|len| len.trim() != "0");
    if body == Body::File {
        // The file's type and size are the upload's own business; a form never reaches it.
        let is_file = text(header::CONTENT_TYPE)
            .and_then(crate::domain::attachment::kind_of)
            .is_some();
        return if is_file {
            Ok(())
        } else {
            Err(AppError::UnsupportedFile)
        };
    }
    if has_body {
        let wanted = match body {
            Body::Form => "application/x-www-form-urlencoded",
            _ => "application/json",
        };
        let is_wanted = text(header::CONTENT_TYPE).is_some_and(|ct| {
            let essence = ct.split(';').next().unwrap_or_default().trim();
            essence.eq_ignore_ascii_case(wanted)
        });
        if !is_wanted {
            return Err(AppError::UnsupportedMediaType);
        }
        if text(header::CONTENT_LENGTH)
            .and_then(|len| len.trim().parse::<usize>().ok())
            .is_some_and(|len| len > BODY_LIMIT)
        {
            return Err(AppError::PayloadTooLarge);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn control_characters_in_an_api_address_are_refused() {
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        assert!(matches!(
            check_uri(&uri("/api/appointments/A%00")),
            Err(AppError::NotFound)
        ));
        match check_uri(&uri("/api/availability?office=RM01&topic=a%00b")) {
            Err(AppError::Validation(fields)) => assert!(fields.contains_key("topic")),
            other => panic!("{other:?}"),
        }
        assert!(check_uri(&uri("/api/contributors?q=Rossi%20Mario&x=%C3%A8")).is_ok());
        assert!(check_uri(&uri("/api/contributors/RSSMRA80A01H501U/appointments")).is_ok());
        // The app's own pages are the app's business (it answers every path with itself).
        assert!(check_uri(&uri("/prenota/%00")).is_ok());
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        let h = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(matches!(
            check(&Method::POST, &h, Body::Json),
            Err(AppError::CrossSite)
        ));
        let h = headers(&[("sec-fetch-site", "same-site")]);
        assert!(matches!(
            check(&Method::POST, &h, Body::Json),
            Err(AppError::CrossSite)
        ));
    }

    #[test]
    fn an_origin_that_is_not_ours_is_refused() {
        let h = headers(&[
            ("origin", "https://evil.example"),
            ("host", "cassetto.example"),
        ]);
        assert!(matches!(
            check(&Method::DELETE, &h, Body::Json),
            Err(AppError::CrossSite)
        ));
        let h = headers(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert!(check(&Method::DELETE, &h, Body::Json).is_ok());
    }

    #[test]
    fn only_the_upload_route_takes_a_file_and_never_a_form() {
        assert!(is_upload(
            &Method::POST,
            "/api/communications/12/attachments"
        ));
        assert!(!is_upload(&Method::POST, "/api/communications/12/messages"));
        assert!(!is_upload(
            &Method::POST,
            "/api/communications//attachments"
        ));
        assert!(!is_upload(
            &Method::GET,
            "/api/communications/12/attachments"
        ));
        let pdf = headers(&[
            ("content-type", "application/pdf"),
            ("content-length", "900000"),
        ]);
        assert!(check(&Method::POST, &pdf, Body::File).is_ok());
        assert!(matches!(
            check(&Method::POST, &pdf, Body::Json),
            Err(AppError::UnsupportedMediaType)
        ));
        let form = headers(&[
            ("content-type", "multipart/form-data; boundary=x"),
            ("content-length", "900"),
        ]);
        assert!(matches!(
            check(&Method::POST, &form, Body::File),
            Err(AppError::UnsupportedFile)
        ));
        let cross = headers(&[
            ("content-type", "application/pdf"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(matches!(
            check(&Method::POST, &cross, Body::File),
            Err(AppError::CrossSite)
        ));
    }

    #[test]
    fn only_the_login_page_takes_a_form_and_only_from_this_site() {
        let form = headers(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", "30"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(check(&Method::POST, &form, Body::Form).is_ok());
        assert!(matches!(
            check(&Method::POST, &form, Body::Json),
            Err(AppError::UnsupportedMediaType)
        ));
        let cross = headers(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", "30"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(matches!(
            check(&Method::POST, &cross, Body::Form),
            Err(AppError::CrossSite)
        ));
        // Our pages' `no-referrer` makes a form's Origin "null": fine when the browser vouches.
        let null = headers(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", "30"),
            ("sec-fetch-site", "same-origin"),
            ("origin", "null"),
        ]);
        assert!(check(&Method::POST, &null, Body::Form).is_ok());
        let unvouched = headers(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", "30"),
            ("origin", "null"),
        ]);
        assert!(matches!(
            check(&Method::POST, &unvouched, Body::Form),
            Err(AppError::CrossSite)
        ));
        assert!(is_page_form(&Method::POST, "/accedi"));
        assert!(!is_page_form(&Method::POST, "/accedi/x"));
        assert!(!is_page_form(&Method::POST, "/api/session"));
        assert!(is_page_form(&Method::POST, "/accessibilita/segnalazione"));
        assert!(!is_page_form(&Method::GET, "/accessibilita/segnalazione"));
    }

    #[test]
    fn reads_are_never_refused() {
        let h = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(check(&Method::GET, &h, Body::Json).is_ok());
    }

    #[test]
    fn a_body_that_is_not_json_is_refused() {
        let h = headers(&[("content-type", "text/plain"), ("content-length", "5")]);
        assert!(matches!(
            check(&Method::POST, &h, Body::Json),
            Err(AppError::UnsupportedMediaType)
        ));
        let h = headers(&[
            ("content-type", "application/json; charset=utf-8"),
            ("content-length", "5"),
        ]);
        assert!(check(&Method::POST, &h, Body::Json).is_ok());
    }
}

/// The client's address: the socket's peer, or, when the peer is the trusted proxy, the last
/// address it appended to `X-Forwarded-For` (earlier entries are the client's own word).
/// Unknown (in-process requests) reads as 0.0.0.0.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub std::net::IpAddr);

impl axum::extract::FromRequestParts<crate::state::AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &crate::state::AppState,
    ) -> Result<Self, AppError> {
        use axum::extract::ConnectInfo;
        use std::net::{IpAddr, Ipv4Addr, SocketAddr};
        let peer = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
            .await
            .ok()
            .map(|ConnectInfo(address)| address.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|last| last.trim().parse::<IpAddr>().ok())
        };
        let address = match (peer, state.settings.trusted_proxy) {
            (Some(peer), Some(proxy)) if peer == proxy => forwarded().unwrap_or(peer),
            (Some(peer), _) => peer,
            (None, _) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        };
        Ok(ClientAddress(address))
    }
}
