//! `/accedi`, the door, as a page of the server's own: the words, header and stylesheet of the
//! app, SPID and CIE as links, and the password form posted here — no wasm to download before a
//! person can log in, and it works with JavaScript off. While the person reads it, the app's
//! script and wasm are prefetched, so the first page after the login starts from the cache.

use super::handlers::password_login;
pub use super::login_view::PREFETCH_SCRIPT;
use super::login_view::{failure_text, Page, Problems};
use crate::auth::{session_cookie, CurrentUser};
use crate::error::AppError;
use crate::oidc::workflow::login_options;
use crate::security::ClientAddress;
use crate::state::AppState;
use api::{paths, Language, LoginFailure, LoginNotice};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Half a second after the page has loaded and been painted, when the browser is idle (a
/// person takes seconds to type), the app's files named in its `cassetto-app` meta, at the
/// lowest priority: nothing of the page itself waits on them. The page needs no script:
/// without it there is simply no prefetch.
const PREFETCH: &str = r#"addEventListener("load", () => {
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
  requestAnimationFrame(() => setTimeout(() => idle(() => {
    const app = document.querySelector('meta[name="cassetto-app"]');
    for (const href of (app ? app.content : "").split(" ").filter(Boolean)) {
      const link = document.createElement("link");
      link.rel = "prefetch";
      link.href = href;
      link.crossOrigin = "anonymous";
      document.head.append(link);
    }
  }), 500));
});
"#;

/// `GET /accedi.js`.
pub async fn prefetch_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        PREFETCH,
    )
        .into_response()
}

#[derive(Deserialize, Default)]
pub struct Asked {
    torna: Option<String>,
    errore: Option<String>,
    avviso: Option<String>,
    lingua: Option<String>,
}

/// `GET /accedi`. Someone already signed in goes where they were headed; `?lingua=` keeps the
/// language chosen and comes back without it.
pub async fn show(
    State(state): State<AppState>,
    user: Result<CurrentUser, AppError>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    let back = asked.torna.as_deref().and_then(paths::local_return);
    if let Some(chosen) = asked.lingua.as_deref().and_then(Language::from_code) {
        let again = paths::login(
            back,
            asked.avviso.as_deref().and_then(LoginNotice::from_code),
        );
        return crate::html::language_chosen(&again, chosen, state.settings.secure_cookies);
    }
    if let Ok(user) = user {
        return see_other(back.unwrap_or(paths::home(user.role)));
    }
    let failure = asked.errore.as_deref().and_then(LoginFailure::from_code);
    let page = Page {
        language: crate::language::of_page(&headers),
        options: login_options(&state),
        head: &state.assets.head().links,
        prefetch: &state.assets.head().app_files,
        back,
        notice: asked.avviso.as_deref().and_then(LoginNotice::from_code),
        refused: failure.map(failure_text),
        problems: Problems::default(),
        username: "",
    };
    page.respond(StatusCode::OK)
}

/// `POST /accedi` (a form: `username`, `password`, `torna`): the password door of the API
/// (`POST /api/session`), with the same checks, throttling and messages; the session cookie
/// and a 303 into the app, or the page again with what went wrong.
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in form_urlencoded::parse(&body) {
        fields
            .entry(name.into_owned())
            .or_insert(value.into_owned());
    }
    let field = |name: &str| fields.get(name).map(String::as_str).unwrap_or_default();
    let back = paths::local_return(field("torna"));
    let language = crate::language::of_page(&headers);
    let username = field("username");
    let outcome = password_login(
        &state,
        address,
        &headers,
        username,
        field("password").to_string(),
    )
    .await;
    match outcome {
        Ok((token, _, role)) => {
            let mut response = see_other(back.unwrap_or(paths::home(role)));
            response.headers_mut().append(
                header::SET_COOKIE,
                session_cookie(state.settings.secure_cookies, Some(&token)),
            );
            response
        }
        Err(error) => {
            error.log();
            let (status, message, field_texts) = error.shown();
            let page = Page {
                language,
                options: login_options(&state),
                head: &state.assets.head().links,
                prefetch: &state.assets.head().app_files,
                back,
                notice: None,
                refused: None,
                problems: Problems::of(message, field_texts),
                username,
            };
            crate::html::with_retry_after(page.respond(status), error.retry_after())
        }
    }
}

fn see_other(location: &str) -> Response {
    crate::html::see_other(location)
}
