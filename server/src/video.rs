//! The videochiamata's room on the Institute's video platform (`--video-base-url`, e.g. a
//! self-hosted Jitsi). A confirmed video appointment keeps a room name of at least 128 random
//! bits (`new_room`, not derived from anything a person can see); its link is the base and the
//! room, made where it is shown. The base is the process's setting, kept for each request's (and
//! each delivery round's) whole future as the language is, so the views read it without every
//! caller passing it. Without a base, video appointments are not offered.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// `--demo` without `--video-base-url`: a base that names no real platform (`.invalid` is
/// reserved for that), so the demo shows where the link goes without sending anyone anywhere.
pub const DEMO_BASE: &str = "https://videochiamata.inps.invalid/stanza";

/// The platform's address, as configured: `https://…`, no trailing slash.
pub type Base = Option<Arc<str>>;

tokio::task_local! {
    static BASE: Base;
}

/// Checks a `--video-base-url`: an https address (http only on this machine, for tests).
pub fn parse_base(url: &str) -> Result<Arc<str>, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(trimmed)
        .map_err(|e| format!("--video-base-url is not a URL ({url}): {e}"))?;
    let local = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost"));
    if parsed.scheme() != "https" && !(parsed.scheme() == "http" && local) {
        return Err(format!("--video-base-url must be https ({url})"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!(
            "--video-base-url must have no query or fragment ({url})"
        ));
    }
    Ok(Arc::from(trimmed))
}

/// A new room: 256 random bits, URL-safe.
pub fn new_room() -> String {
    crate::secrets::new_token()
}

/// Runs `f` with `base` as the platform's address.
pub async fn with_base<F: std::future::Future>(base: Base, f: F) -> F::Output {
    BASE.scope(base, f).await
}

/// The middleware that gives every request the process's base.
pub async fn scope(State(base): State<Base>, request: Request, next: Next) -> Response {
    with_base(base, next.run(request)).await
}

/// Whether video appointments are offered (a base is set).
pub fn offered() -> bool {
    BASE.try_with(|base| base.is_some()).unwrap_or(false)
}

/// The link of `room` on the platform; none without a base.
pub fn link(room: &str) -> Option<String> {
    BASE.try_with(|base| base.as_ref().map(|base| format!("{base}/{room}")))
        .ok()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_must_be_https_and_plain() {
        assert_eq!(
            &*parse_base("https://video.example.it/stanze/").unwrap(),
            "https://video.example.it/stanze"
        );
        assert!(parse_base("http://video.example.it").is_err());
        assert!(parse_base("http://127.0.0.1:9000").is_ok());
        assert!(parse_base("https://video.example.it/?x=1").is_err());
        assert!(parse_base("video.example.it").is_err());
    }

    #[test]
    fn rooms_are_long_and_never_the_same() {
        let (a, b) = (new_room(), new_room());
        assert_ne!(a, b);
        // 32 bytes in base64url: 43 characters, well past 128 bits.
        assert_eq!(a.len(), 43);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[tokio::test]
    async fn the_link_follows_the_base_of_its_scope() {
        assert_eq!(link("r"), None);
        assert!(!offered());
        let base: Base = Some(Arc::from("https://v.example.it"));
        with_base(base, async {
            assert!(offered());
            assert_eq!(link("abc").as_deref(), Some("https://v.example.it/abc"));
        })
        .await;
        with_base(None, async { assert_eq!(link("abc"), None) }).await;
    }
}
