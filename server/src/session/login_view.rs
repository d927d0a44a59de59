//! The login page's markup: the app's header and words, the SPID/CIE doors, the password form
//! and its error summary, drawn as the app's components draw them (the same classes, so one
//! stylesheet serves both). `page` decides what to show; this only writes it.

use crate::html::{error_summary, escape, field_error, Frame};
use api::{
    paths, IdentityProvider, IdentityScheme, Language, LoginFailure, LoginNotice, LoginOptions,
    PasswordLogin,
};
use axum::http::StatusCode;
use axum::response::Response;
use catalogue::{t, Catalogue, Text};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Where the login page's one script is served (`page::prefetch_script`).
pub const PREFETCH_SCRIPT: &str = "/accedi.js";

pub(super) fn failure_text(failure: LoginFailure) -> Text {
    match failure {
        LoginFailure::Expired => t::login_failure_expired(),
        LoginFailure::Cancelled => t::login_failure_cancelled(),
        LoginFailure::Provider => t::login_failure_provider(),
        LoginFailure::Level => t::login_failure_level(),
        LoginFailure::Unknown => t::login_failure_unknown(),
        LoginFailure::Unverified => t::login_failure_unverified(),
    }
}

fn notice_text(notice: LoginNotice) -> Text {
    match notice {
        LoginNotice::LoggedOut => t::shell_logged_out(),
        LoginNotice::Ended => t::session_ended(),
        LoginNotice::Idle => t::session_expired_idle(),
    }
}

/// What the password form got wrong: each field's sentence, or one for the whole form (wrong
/// credentials, too many attempts), which leads to the first field.
#[derive(Default)]
pub(super) struct Problems {
    form: Option<Text>,
    fields: BTreeMap<String, Text>,
}

impl Problems {
    pub(super) fn of(message: Text, fields: BTreeMap<String, Text>) -> Problems {
        if fields.is_empty() {
            Problems {
                form: Some(message),
                fields,
            }
        } else {
            Problems { form: None, fields }
        }
    }

    fn field(&self, name: &str) -> Option<&Text> {
        self.fields.get(name)
    }

    fn is_empty(&self) -> bool {
        self.form.is_none() && self.fields.is_empty()
    }
}

pub(super) struct Page<'a> {
    pub(super) language: Language,
    pub(super) options: LoginOptions,
    pub(super) head: &'a [String],
    pub(super) prefetch: &'a [String],
    pub(super) back: Option<&'a str>,
    pub(super) notice: Option<LoginNotice>,
    pub(super) refused: Option<Text>,
    pub(super) problems: Problems,
    pub(super) username: &'a str,
}

impl Page<'_> {
    pub(super) fn respond(&self, status: StatusCode) -> Response {
        // A page with a person's typed name and their session's state: never kept.
        crate::html::respond(status, self.language, self.render())
    }

    fn render(&self) -> String {
        let words = crate::language::catalogue(self.language);
        let say = |text: Text| escape(&words.render(&text));
        let title = words.render(&t::login_title());
        let description = words.render(&t::login_lead());
        let mut keep: Vec<(&str, &str)> = Vec::new();
        if let Some(back) = self.back {
            keep.push(("torna", back));
        }
        if let Some(notice) = self.notice {
            keep.push(("avviso", notice.code()));
        }
        let frame = Frame {
            language: self.language,
            title: &title,
            description: &description,
            head: self.head,
            here: paths::LOGIN,
            keep: &keep,
        };
        // The app the login leads to, prefetched by `PREFETCH` once this page has loaded (a
        // `<link rel="prefetch">` in the markup would compete with the page's own files).
        let mut app: Vec<&str> = self.prefetch.iter().map(String::as_str).collect();
        if self.language == Language::En {
            app.push(crate::language::ENGLISH_CATALOGUE);
        }
        let extra_head = format!(
            r#"<meta name="cassetto-app" content="{}">
<script src="{PREFETCH_SCRIPT}" defer></script>
"#,
            escape(&app.join(" "))
        );
        let mut html = String::with_capacity(8 * 1024);
        frame.open(&mut html, &extra_head);
        html.push_str(
            r#"<main id="contenuto" class="container main" tabindex="-1"><div class="narrow">"#,
        );
        let _ = write!(
            html,
            "\n<h1 class=\"page-title\" tabindex=\"-1\">{}</h1>\n",
            escape(&title)
        );
        if let Some(notice) = self.notice {
            let _ = writeln!(
                html,
                "<div class=\"alert alert--info\" role=\"status\"><p>{}</p></div>",
                say(notice_text(notice))
            );
        }
        if let Some(refused) = &self.refused {
            // A SPID/CIE login that came back refused: said first, and focused.
            error_summary(
                &mut html,
                words,
                "error-summary-title-1",
                &[(None, refused)],
            );
        }
        let _ = writeln!(html, "<p class=\"lead\">{}</p>", say(t::login_lead()));
        self.doors(&mut html, words);
        if self.options.password_login != PasswordLogin::Off {
            self.password_form(&mut html, words);
        }
        html.push_str("</div></main>\n");
        frame.close(&mut html);
        html
    }

    /// "Entra con SPID" (a disclosure of the providers: `<details>`, which needs no script)
    /// and "Entra con CIE" (a link), as every PA site shows them.
    fn doors(&self, html: &mut String, words: &Catalogue) {
        let say = |text: Text| escape(&words.render(&text));
        let providers = &self.options.providers;
        if providers.is_empty() {
            return;
        }
        // The page to come back to after the provider, as the password form does.
        let suffix = self
            .back
            .map(|back| {
                let mut query = form_urlencoded::Serializer::new(String::new());
                query.append_pair("torna", back);
                format!("&{}", query.finish())
            })
            .unwrap_or_default();
        let of = |scheme| -> Vec<&IdentityProvider> {
            providers.iter().filter(|p| p.scheme == scheme).collect()
        };
        let _ = write!(
            html,
            r#"<section class="identity" aria-labelledby="identity-title">
<h2 id="identity-title" class="identity__title">{}</h2>
<p>{}</p>
<div class="identity__doors">
"#,
            say(t::doors_title()),
            say(t::doors_hint())
        );
        let spid = of(IdentityScheme::Spid);
        if !spid.is_empty() {
            let _ = write!(
                html,
                r#"<details class="identity__spid"><summary class="button button--identity"><span class="identity__mark" aria-hidden="true">SPID</span>{}</summary>
<ul id="spid-providers" class="identity__providers" aria-label="{}">
"#,
                say(t::doors_spid()),
                say(t::doors_spid_providers())
            );
            for provider in spid {
                let _ = writeln!(
                    html,
                    r#"<li><a href="{}{}">{}</a></li>"#,
                    escape(&provider.login_url),
                    escape(&suffix),
                    escape(&provider.name)
                );
            }
            let _ = write!(
                html,
                "<li class=\"identity__help\"><a href=\"https://www.spid.gov.it/cos-e-spid/come-attivare-spid/\" rel=\"noopener\">{}</a></li>\n</ul></details>\n",
                say(t::doors_spid_how())
            );
        }
        for provider in of(IdentityScheme::Cie) {
            let _ = writeln!(
                html,
                r#"<a class="button button--identity" href="{}{}"><span class="identity__mark" aria-hidden="true">CIE</span>{}</a>"#,
                escape(&provider.login_url),
                escape(&suffix),
                say(t::doors_cie())
            );
        }
        html.push_str("</div>\n</section>\n");
    }

    fn password_form(&self, html: &mut String, words: &Catalogue) {
        let say = |text: Text| escape(&words.render(&text));
        let (title, hint) = if self.options.demo {
            (t::login_demo_title(), t::login_demo_hint())
        } else if self.options.password_login == PasswordLogin::Operators {
            (t::login_operators_title(), t::login_operators_hint())
        } else {
            (t::login_password_title(), t::login_password_hint())
        };
        let _ = write!(
            html,
            r#"<section class="password-login" aria-labelledby="password-title">
<h2 id="password-title" class="password-login__title">{}</h2>
"#,
            say(title)
        );
        if !self.problems.is_empty() {
            let mut items: Vec<(Option<&str>, &Text)> = Vec::new();
            if let Some(form) = &self.problems.form {
                items.push((Some("username"), form));
            }
            for name in ["username", "password"] {
                if let Some(text) = self.problems.field(name) {
                    items.push((Some(name), text));
                }
            }
            error_summary(html, words, "error-summary-title-2", &items);
        }
        let _ = writeln!(
            html,
            r#"<form class="form" method="post" action="{}" novalidate>"#,
            paths::LOGIN
        );
        if let Some(back) = self.back {
            let _ = writeln!(
                html,
                r#"<input type="hidden" name="torna" value="{}">"#,
                escape(back)
            );
        }
        let username_error = self.problems.field("username");
        let _ = write!(
            html,
            r#"<div class="form-group{group}">
<label class="label" for="username">{label}</label>
<p class="hint" id="username-hint">{hint}</p>
{error}<input class="input" id="username" name="username" type="text" autocomplete="username" autocapitalize="characters" spellcheck="false" aria-describedby="{described}"{invalid} value="{value}">
</div>
"#,
            group = if username_error.is_some() {
                " form-group--error"
            } else {
                ""
            },
            label = say(t::login_username()),
            hint = say(hint),
            error = field_error(words, "username", username_error),
            described = if username_error.is_some() {
                "username-hint username-error"
            } else {
                "username-hint"
            },
            invalid = if username_error.is_some() {
                r#" aria-invalid="true""#
            } else {
                ""
            },
            value = escape(self.username),
        );
        // The password is never sent back: typed again after a refusal, as the app does.
        let password_error = self.problems.field("password");
        let _ = write!(
            html,
            r#"<div class="form-group{group}">
<label class="label" for="password">{label}</label>
{error}<input class="input" id="password" name="password" type="password" autocomplete="current-password"{described}{invalid}>
</div>
<button type="submit" class="button">{submit}</button>
</form>
</section>
"#,
            group = if password_error.is_some() {
                " form-group--error"
            } else {
                ""
            },
            label = say(t::login_password()),
            error = field_error(words, "password", password_error),
            described = if password_error.is_some() {
                r#" aria-describedby="password-error""#
            } else {
                ""
            },
            invalid = if password_error.is_some() {
                r#" aria-invalid="true""#
            } else {
                ""
            },
            submit = say(t::login_title()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(problems: Problems, username: &'a str) -> Page<'a> {
        Page {
            language: Language::It,
            options: LoginOptions {
                providers: vec![IdentityProvider {
                    id: "https://spid.example".into(),
                    name: "Gestore <prova>".into(),
                    scheme: IdentityScheme::Spid,
                    login_url: "/auth/oidc/begin?provider=https%3A%2F%2Fspid.example".into(),
                }],
                password_login: PasswordLogin::All,
                demo: true,
            },
            head: &[],
            prefetch: &[],
            back: Some("/comunicazioni/7"),
            notice: Some(LoginNotice::Ended),
            refused: None,
            problems,
            username,
        }
    }

    #[test]
    fn what_people_typed_is_never_markup() {
        let html = page(Problems::default(), "\"><script>alert(1)</script>").render();
        assert!(!html.contains("<script>"));
        assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
        assert!(html.contains("Gestore &lt;prova&gt;"));
    }

    #[test]
    fn the_way_back_goes_with_the_form_and_the_doors() {
        let html = page(Problems::default(), "").render();
        assert!(html.contains(r#"<input type="hidden" name="torna" value="/comunicazioni/7">"#));
        assert!(html.contains("provider=https%3A%2F%2Fspid.example&amp;torna=%2Fcomunicazioni%2F7"));
        assert!(html.contains("La sessione è scaduta"));
    }

    #[test]
    fn a_refusal_is_summarised_first_and_each_field_says_its_own() {
        let fields = BTreeMap::from([
            ("username".to_string(), t::login_username_empty()),
            ("password".to_string(), t::login_password_empty()),
        ]);
        let html = page(Problems::of(t::error_invalid_credentials(), fields), "").render();
        assert_eq!(html.matches("class=\"field-error\"").count(), 2);
        assert!(html.contains("autofocus"));
        assert!(html.contains(r##"<a href="#password">"##));
        assert!(
            html.contains(r#"aria-describedby="username-hint username-error" aria-invalid="true""#)
        );
        let wrong = page(
            Problems::of(t::error_invalid_credentials(), BTreeMap::new()),
            "x",
        )
        .render();
        assert!(wrong.contains(r##"<li><a href="#username">Nome utente o password non corretti."##));
        assert!(!wrong.contains("class=\"field-error\""));
    }
}
