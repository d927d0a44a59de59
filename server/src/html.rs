//! The server's own pages (the login page, the statement, the privacy and cookie notices, help
//! and contacts) in the app's frame: its head (Trunk's stylesheet, the preloaded faces), its
//! header with the language choice as links, and its footer — the same classes as the app's
//! `Shell`, so one stylesheet serves both, and no wasm is needed to read them.

use api::{paths, Language};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use catalogue::{t, Catalogue, Text};
use std::fmt::Write;

/// Text and attribute values: what a person typed or a provider is called is never markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A 303 to `location`, never kept by a cache.
pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, "no-store"),
        ],
    )
        .into_response()
}

/// `?lingua=` on one of the server's pages: the choice kept on this device, and back to the
/// page without it.
pub fn language_chosen(location: &str, language: Language, secure: bool) -> Response {
    let mut response = see_other(location);
    response.headers_mut().append(
        header::SET_COOKIE,
        crate::language::choice_cookie(language, secure),
    );
    response
}

/// A refusal's page with the seconds to wait, if it says them (429).
pub fn with_retry_after(mut response: Response, seconds: Option<i64>) -> Response {
    if let Some(value) = seconds.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A page in `language`. Its words depend on the cookie and the browser's languages, and a
/// form's page holds what a person typed: never kept by a shared cache.
pub fn respond(status: StatusCode, language: Language, page: String) -> Response {
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(language.code()),
    );
    response
}

/// One page's frame.
pub struct Frame<'a> {
    pub language: Language,
    /// The page's own name, for `<title>`.
    pub title: &'a str,
    pub description: &'a str,
    /// The stylesheet and the faces' preloads (`assets::AppHead::links`).
    pub head: &'a [String],
    /// Where the language links lead: this page, with what its query must keep.
    pub here: &'a str,
    pub keep: &'a [(&'a str, &'a str)],
}

impl Frame<'_> {
    pub fn words(&self) -> &'static Catalogue {
        crate::language::catalogue(self.language)
    }

    pub fn say(&self, text: Text) -> String {
        escape(&self.words().render(&text))
    }

    /// From `<!DOCTYPE html>` to the header's end; `extra_head` goes in `<head>` as it is.
    pub fn open(&self, html: &mut String, extra_head: &str) {
        let _ = write!(
            html,
            r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{description}">
<title>{page_title}</title>
<link rel="icon" href="data:,">
"#,
            lang = self.language.code(),
            description = escape(self.description),
            page_title = self.say(t::page_title(self.title)),
        );
        for link in self.head {
            html.push_str(link);
            html.push('\n');
        }
        html.push_str(extra_head);
        html.push_str("</head>\n<body>\n");
        self.header(html);
    }

    /// The app's header, as `Shell` draws it for a visitor: the owner, the language switch
    /// (links here: no script needed), the service's name.
    fn header(&self, html: &mut String) {
        let _ = write!(
            html,
            r##"<a class="skip-link" href="#contenuto">{skip}</a>
<header class="site-header">
<div class="header-slim"><div class="container header-slim__inner">
<span class="header-slim__owner"><span class="header-slim__owner-full">{owner}</span><span class="header-slim__owner-short" aria-hidden="true">INPS</span></span>
<nav class="language-switch" aria-label="{language}"><ul class="language-switch__list">"##,
            skip = self.say(t::shell_skip_link()),
            owner = self.say(t::shell_owner()),
            language = self.say(t::shell_language()),
        );
        for &language in Language::ALL {
            let code = language.code();
            if language == self.language {
                let _ = write!(
                    html,
                    r#"<li><span class="language-switch__current" lang="{code}" aria-current="true">{}</span></li>"#,
                    language.own_name()
                );
            } else {
                let mut query = form_urlencoded::Serializer::new(String::new());
                query.append_pair("lingua", code);
                for (name, value) in self.keep {
                    query.append_pair(name, value);
                }
                let _ = write!(
                    html,
                    r#"<li><a class="language-switch__choice" lang="{code}" hreflang="{code}" href="{}?{}">{}</a></li>"#,
                    self.here,
                    escape(&query.finish()),
                    language.own_name()
                );
            }
        }
        let _ = write!(
            html,
            r#"</ul></nav>
</div></div>
<div class="header-center"><div class="container"><a class="brand" href="/"><span class="brand__title">{name}</span><span class="brand__tagline">{tagline}</span></a></div></div>
<div class="header-nav"><div class="container"></div></div>
</header>
"#,
            name = self.say(t::shell_service_name()),
            tagline = self.say(t::shell_service_tagline()),
        );
    }

    /// The footer and the document's end.
    pub fn close(&self, html: &mut String) {
        footer(html, self.words());
        html.push_str("</body>\n</html>\n");
    }
}

/// The footer of every page (the app's `Shell` draws the same): the Institute, the service, and
/// the links every public service owes its users.
pub fn footer(html: &mut String, words: &Catalogue) {
    let say = |text: Text| escape(&words.render(&text));
    let _ = write!(
        html,
        r#"<footer class="site-footer">
<div class="container">
<p class="site-footer__owner">{owner}</p>
<p class="site-footer__service">{service}</p>
<nav class="site-footer__nav" aria-label="{label}"><ul class="site-footer__links">
"#,
        owner = say(t::shell_owner()),
        service = say(t::shell_service_name()),
        label = say(t::footer_label()),
    );
    for (path, text) in footer_links() {
        let _ = writeln!(html, r#"<li><a href="{path}">{}</a></li>"#, say(text));
    }
    html.push_str("</ul></nav>\n</div>\n</footer>\n");
}

/// The footer's links, in order.
pub fn footer_links() -> [(&'static str, Text); 5] {
    [
        (paths::ACCESSIBILITY, t::footer_accessibility()),
        (paths::PRIVACY, t::footer_privacy()),
        (paths::COOKIES, t::footer_cookies()),
        (paths::HELP, t::footer_help()),
        (paths::CONTACT_CENTRE, t::footer_contacts()),
    ]
}

/// GOV.UK's error summary, as the app's `ErrorSummary` draws it; `autofocus` takes the focus
/// to it when the page loads, with no script, so a screen reader reads it first.
pub fn error_summary(
    html: &mut String,
    words: &Catalogue,
    id: &str,
    items: &[(Option<&str>, &Text)],
) {
    let _ = write!(
        html,
        r#"<div class="error-summary" role="alert" aria-labelledby="{id}" tabindex="-1" autofocus>
<h2 id="{id}" class="error-summary__title">{}</h2>
<ul class="error-summary__list">
"#,
        escape(&words.render(&t::error_summary_title()))
    );
    for (field, text) in items {
        let text = escape(&words.render(text));
        let _ = match field {
            Some(field) => writeln!(html, r##"<li><a href="#{field}">{text}</a></li>"##),
            None => writeln!(html, "<li>{text}</li>"),
        };
    }
    html.push_str("</ul>\n</div>\n");
}

pub fn field_error(words: &Catalogue, name: &str, error: Option<&Text>) -> String {
    error
        .map(|text| {
            format!(
                r#"<p class="field-error" id="{name}-error"><span class="visually-hidden">{}</span>{}</p>
"#,
                escape(&words.render(&t::field_error_prefix())),
                escape(&words.render(text))
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_links_each_service_page_and_keeps_the_query_in_the_language_links() {
        let frame = Frame {
            language: Language::It,
            title: "Privacy",
            description: "d",
            head: &[],
            here: "/accedi",
            keep: &[("torna", "/comunicazioni/7")],
        };
        let mut html = String::new();
        frame.open(&mut html, "");
        frame.close(&mut html);
        for path in paths::SERVICE_PAGES {
            assert!(html.contains(&format!(r#"<a href="{path}">"#)), "{path}");
        }
        assert!(html.contains("/accedi?lingua=en&amp;torna=%2Fcomunicazioni%2F7"));
        assert!(html.contains("<title>Privacy"));
    }
}
