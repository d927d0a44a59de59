//! The language the app speaks, decided once before the app mounts: the person's choice on
//! this device (the `lingua` cookie), else the browser's languages, else Italian. Italian is
//! compiled in; English (`/i18n/en.ftl`) is fetched only when it is the language, before the
//! first paint. Choosing another language stores it (cookie, and the account when signed in)
//! and reloads: what was typed is kept by `drafts`, and no page needs to re-render its words.

use api::Language;
use catalogue::{Catalogue, Text};
use std::cell::Cell;
use std::sync::OnceLock;
use wasm_bindgen::JsCast;

/// The cookie that keeps the choice on this device (a technical cookie: no consent needed).
pub const COOKIE: &str = api::LANGUAGE_COOKIE;
/// Where the server serves the English catalogue.
pub const ENGLISH_CATALOGUE: &str = "/i18n/en.ftl";

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::It) };
}
static ENGLISH: OnceLock<Catalogue> = OnceLock::new();

/// The language of the pages, and of every API request's `Accept-Language`.
pub fn current() -> Language {
    CURRENT.with(Cell::get)
}

/// A sentence in the page's language.
pub fn tr(text: Text) -> String {
    catalogue().render(&text)
}

/// A message without variables as `'static` text, for labels kept in `&'static str`.
pub fn trs(text: Text) -> &'static str {
    catalogue().plain(text.key)
}

fn catalogue() -> &'static Catalogue {
    match (current(), ENGLISH.get()) {
        (Language::En, Some(english)) => english,
        _ => Catalogue::italian(),
    }
}

/// The language chosen on this device, if any.
fn chosen() -> Option<Language> {
    let cookies = document_cookie()?;
    cookies.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE)
            .then(|| Language::from_code(value))
            .flatten()
    })
}

fn document_cookie() -> Option<String> {
    web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?
        .cookie()
        .ok()
}

/// The first of the browser's languages (in the person's order) that the service speaks.
/// Not `Language::negotiate`: the list has no weights, and parsing them would cost the
/// download a float parser.
fn browser() -> Option<Language> {
    let languages = web_sys::window()?.navigator().languages();
    languages.iter().find_map(|tag| {
        let tag = tag.as_string()?;
        let primary = tag.split('-').next()?.to_ascii_lowercase();
        Language::from_code(&primary)
    })
}

/// Decides the language and, for English, loads its catalogue; Italian if it cannot be loaded
/// (the pages must appear either way).
pub async fn start() {
    let wanted = chosen().or_else(browser).unwrap_or(Language::It);
    if wanted == Language::En && ENGLISH.get().is_none() {
        match fetch_english().await {
            Some(english) => {
                let _ = ENGLISH.set(english);
            }
            None => return set(Language::It),
        }
    }
    set(wanted);
}

async fn fetch_english() -> Option<Catalogue> {
    let response = gloo_net::http::Request::get(ENGLISH_CATALOGUE)
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    Catalogue::parse(&response.text().await.ok()?).ok()
}

fn set(language: Language) {
    CURRENT.with(|c| c.set(language));
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", language.code());
    }
}

/// Keeps `language` for this device (a year) and, when signed in, for the account; then
/// reloads the page in it.
pub async fn choose(language: Language, signed_in: bool) {
    if let Some(document) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let _ = document.set_cookie(&format!(
            "{COOKIE}={}; path=/; max-age={}; SameSite=Lax",
            language.code(),
            api::LANGUAGE_COOKIE_MAX_AGE
        ));
    }
    if signed_in {
        let choice = api::LanguageChoice {
            language: api::Code::Known(language),
        };
        let _ = crate::client::put::<_, api::SessionInfo>(api::calls::MY_LANGUAGE, &choice).await;
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// After sign-in: a choice made on this device (before signing in, say) becomes the
/// account's; without one, the account's language wins over the browser's and the page
/// reloads in it.
pub fn follow_account(account: Option<Language>) {
    match (chosen(), account) {
        (Some(mine), theirs) if theirs != Some(mine) => leptos::task::spawn_local(async move {
            let choice = api::LanguageChoice {
                language: api::Code::Known(mine),
            };
            let _ =
                crate::client::put::<_, api::SessionInfo>(api::calls::MY_LANGUAGE, &choice).await;
        }),
        (None, Some(language)) if language != current() => {
            leptos::task::spawn_local(choose(language, false));
        }
        _ => {}
    }
}

/// "12 marzo 2026" / "12 March 2026".
pub fn date(text: &str) -> String {
    match current() {
        Language::It => api::it::date(text),
        Language::En => api::en::date(text),
    }
}

/// "09:30" / "9:30".
pub fn time(instant: &str) -> String {
    match current() {
        Language::It => api::it::time(instant),
        Language::En => api::en::time(instant),
    }
}

/// "giovedì 12 marzo 2026" / "Thursday 12 March 2026".
pub fn date_with_weekday(text: &str) -> String {
    match current() {
        Language::It => api::it::date_with_weekday(text),
        Language::En => api::en::date_with_weekday(text),
    }
}

/// "2,4 MB" / "2.4 MB".
pub fn size(bytes: u64) -> String {
    match current() {
        Language::It => api::it::size_in_words(bytes),
        Language::En => api::en::size_in_words(bytes),
    }
}

/// "da lunedì 1 alle 9:00 a …" / "from …": a closure's period.
pub fn period(starts_at: &str, ends_at: &str) -> String {
    match current() {
        Language::It => api::it::period(starts_at, ends_at),
        Language::En => api::en::period(starts_at, ends_at),
    }
}

/// "12 marzo 2026, ore 9:30" / "12 March 2026, 9:30".
pub fn date_time(instant: &str) -> String {
    match current() {
        Language::It => api::it::date_time(instant),
        Language::En => api::en::date_time(instant),
    }
}
