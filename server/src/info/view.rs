//! The service's own pages, in the app's frame (`html::Frame`): the Dichiarazione di
//! accessibilità with its feedback form, the Informativa privacy, the cookie page, help and
//! contacts. Every period and every cookie they name is read from the code that applies it.

use crate::domain::feedback::{
    ANSWER_WITHIN_DAYS, REPORT_NAME_MAX, REPORT_PAGE_MAX, REPORT_TEXT_MAX,
};
use crate::domain::retention::{self, Period};
use crate::html::{error_summary, escape, field_error, Frame};
use api::{paths, Language};
use catalogue::{t, Text};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The date of the last accessibility evaluation (the e2e suite's axe checks, keyboard walks and
/// screenshots at three widths, on every page and state): said on the statement.
pub const LAST_EVALUATION: &str = "2026-12-07";

/// A period in words: "30 minuti", "1 giorno", "10 anni".
pub fn period(seconds: i64) -> Text {
    match retention::period(seconds) {
        Period::Years(n) => t::period_years(n),
        Period::Days(n) => t::period_days(n),
        Period::Hours(n) => t::period_hours(n),
        Period::Minutes(n) => t::period_minutes(n),
    }
}

/// What the service keeps and for how long, as the privacy notice lists it.
pub fn retention_rows() -> Vec<(Text, Text)> {
    use retention::{
        ACCESSIBILITY_REPORTS, IDEMPOTENCY_KEYS, LOGIN_ATTEMPTS, NOTICES, RATINGS, RECORDS,
        REPORT_SENDERS, SPID_CIE_LOGINS,
    };
    vec![
        (
            t::privacy_kept_session(),
            t::privacy_kept_session_period(
                period(crate::auth::IDLE_TIMEOUT),
                period(crate::auth::ABSOLUTE_TIMEOUT),
            ),
        ),
        (t::privacy_kept_attempts(), period(LOGIN_ATTEMPTS)),
        (t::privacy_kept_spid_cie(), period(SPID_CIE_LOGINS)),
        (t::privacy_kept_keys(), period(IDEMPOTENCY_KEYS)),
        (
            t::privacy_kept_holds(),
            t::privacy_kept_holds_period(period(crate::domain::booking::HOLD_SECONDS)),
        ),
        (
            t::privacy_kept_uploads(),
            period(crate::domain::attachment::ORPHAN_SECONDS),
        ),
        (t::privacy_kept_notices(), period(NOTICES)),
        (t::privacy_kept_records(), period(RECORDS)),
        (t::privacy_kept_ratings(), period(RATINGS)),
        (t::privacy_kept_reports(), period(ACCESSIBILITY_REPORTS)),
        (t::privacy_kept_report_senders(), period(REPORT_SENDERS)),
    ]
}

/// The cookies the service sets, as the cookie page lists them: name, purpose, lifetime.
pub fn cookie_rows(secure: bool) -> Vec<(String, Text, Text)> {
    use crate::auth::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT, SESSION, SPID_CIE_LOGIN};
    vec![
        (
            SESSION.full_name(secure),
            t::cookies_session(),
            t::cookies_session_lifetime(period(ABSOLUTE_TIMEOUT), period(IDLE_TIMEOUT)),
        ),
        (
            SPID_CIE_LOGIN.full_name(secure),
            t::cookies_spid_cie(),
            period(retention::SPID_CIE_LOGINS),
        ),
        (
            api::LANGUAGE_COOKIE.to_string(),
            t::cookies_language(),
            period(api::LANGUAGE_COOKIE_MAX_AGE),
        ),
    ]
}

/// A page: the frame, the title, the body.
fn page(frame: &Frame, title: &str, body: impl FnOnce(&mut String)) -> String {
    let mut html = String::with_capacity(12 * 1024);
    frame.open(&mut html, "");
    html.push_str(
        r#"<main id="contenuto" class="container main" tabindex="-1"><div class="narrow prose">"#,
    );
    let _ = writeln!(html, "\n<h1 class=\"page-title\">{}</h1>", escape(title));
    body(&mut html);
    html.push_str("</div></main>\n");
    frame.close(&mut html);
    html
}

fn section(html: &mut String, frame: &Frame, id: &str, title: Text, paragraphs: &[Text]) {
    let _ = writeln!(
        html,
        "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{}</h2>",
        frame.say(title)
    );
    for p in paragraphs {
        let _ = writeln!(html, "<p>{}</p>", frame.say(p.clone()));
    }
    html.push_str("</section>\n");
}

/// A table with a caption and a header row.
fn table(html: &mut String, frame: &Frame, caption: Text, head: &[Text], rows: &[Vec<String>]) {
    // On a phone each row becomes a card, each cell saying its column (as the app's tables do).
    let _ = write!(
        html,
        "<div class=\"table-wrap table-wrap--stack\"><table class=\"table table--stack\"><caption>{}</caption>\n<thead><tr>",
        frame.say(caption)
    );
    for h in head {
        let _ = write!(html, "<th scope=\"col\">{}</th>", frame.say(h.clone()));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(html, "<th scope=\"row\">{cell}</th>");
            } else {
                let label = head
                    .get(i)
                    .map(|h| frame.say(h.clone()))
                    .unwrap_or_default();
                let _ = write!(html, "<td data-label=\"{label}\">{cell}</td>");
            }
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table></div>\n");
}

/// What the statement's form holds: what was typed (kept after a refusal), what went wrong,
/// and the number of a report just received.
#[derive(Default)]
pub struct ReportForm {
    pub page: String,
    pub description: String,
    pub name: String,
    pub email: String,
    pub problems: BTreeMap<String, Text>,
    /// A refusal of the whole form (too many reports).
    pub refused: Option<Text>,
    pub received: Option<i64>,
}

pub fn accessibility(frame: &Frame, form: &ReportForm) -> String {
    let title = frame.words().render(&t::accessibility_title());
    page(frame, &title, |html| {
        let _ = writeln!(
            html,
            "<p class=\"lead\">{}</p>",
            frame.say(t::accessibility_intro())
        );
        if let Some(number) = form.received {
            let _ = writeln!(
                html,
                "<div class=\"alert alert--success\" role=\"status\" tabindex=\"-1\" autofocus><h2 class=\"alert__title\">{}</h2><p>{}</p></div>",
                frame.say(t::report_received_title(number)),
                frame.say(t::report_received_body(ANSWER_WITHIN_DAYS))
            );
        }
        section(
            html,
            frame,
            "status",
            t::accessibility_status_title(),
            &[t::accessibility_status(), t::accessibility_status_how()],
        );
        section(
            html,
            frame,
            "gaps",
            t::accessibility_gaps_title(),
            &[
                t::accessibility_gaps_files(),
                t::accessibility_gaps_charts(),
            ],
        );
        section(
            html,
            frame,
            "made",
            t::accessibility_made_title(),
            &[t::accessibility_made(crate::domain::speech::date(
                frame.language,
                LAST_EVALUATION,
            ))],
        );
        let _ = writeln!(
            html,
            "<section aria-labelledby=\"report\"><h2 id=\"report\">{}</h2>\n<p>{}</p>",
            frame.say(t::report_title()),
            frame.say(t::report_intro(ANSWER_WITHIN_DAYS))
        );
        report_form(html, frame, form);
        html.push_str("</section>\n");
        let _ = writeln!(
            html,
            "<section aria-labelledby=\"enforcement\"><h2 id=\"enforcement\">{}</h2>\n<p>{} <a href=\"https://form.agid.gov.it\" rel=\"noopener\">{}</a>.</p></section>",
            frame.say(t::accessibility_escalation_title()),
            frame.say(t::accessibility_escalation(ANSWER_WITHIN_DAYS)),
            frame.say(t::accessibility_escalation_link())
        );
    })
}

fn report_form(html: &mut String, frame: &Frame, form: &ReportForm) {
    let words = frame.words();
    if form.refused.is_some() || !form.problems.is_empty() {
        let mut items: Vec<(Option<&str>, &Text)> = Vec::new();
        if let Some(refused) = &form.refused {
            items.push((None, refused));
        }
        for name in ["pagina", "descrizione", "nome", "email"] {
            if let Some(text) = form.problems.get(name) {
                items.push((Some(name), text));
            }
        }
        error_summary(html, words, "error-summary-title-report", &items);
    }
    let _ = writeln!(
        html,
        r#"<form class="form" method="post" action="{}" novalidate>"#,
        paths::ACCESSIBILITY_REPORT
    );
    let field = |html: &mut String,
                 name: &str,
                 label: Text,
                 hint: Option<Text>,
                 value: &str,
                 kind: &str,
                 max: usize| {
        let error = form.problems.get(name);
        let mut described = Vec::new();
        if hint.is_some() {
            described.push(format!("{name}-hint"));
        }
        if error.is_some() {
            described.push(format!("{name}-error"));
        }
        let _ = write!(
            html,
            "<div class=\"form-group{}\">\n<label class=\"label\" for=\"{name}\">{}</label>\n",
            if error.is_some() {
                " form-group--error"
            } else {
                ""
            },
            frame.say(label)
        );
        if let Some(hint) = hint {
            let _ = writeln!(
                html,
                "<p class=\"hint\" id=\"{name}-hint\">{}</p>",
                frame.say(hint)
            );
        }
        html.push_str(&field_error(words, name, error));
        let described = if described.is_empty() {
            String::new()
        } else {
            format!(" aria-describedby=\"{}\"", described.join(" "))
        };
        let invalid = if error.is_some() {
            " aria-invalid=\"true\""
        } else {
            ""
        };
        if kind == "textarea" {
            let _ = writeln!(
                html,
                "<textarea class=\"textarea\" id=\"{name}\" name=\"{name}\" rows=\"6\" maxlength=\"{max}\"{described}{invalid}>{}</textarea>\n</div>",
                escape(value)
            );
        } else {
            let autocomplete = match name {
                "nome" => " autocomplete=\"name\"",
                "email" => " autocomplete=\"email\" spellcheck=\"false\"",
                _ => "",
            };
            let _ = writeln!(
                html,
                "<input class=\"input\" id=\"{name}\" name=\"{name}\" type=\"{kind}\" maxlength=\"{max}\"{autocomplete}{described}{invalid} value=\"{}\">\n</div>",
                escape(value)
            );
        }
    };
    field(
        html,
        "descrizione",
        t::report_description(),
        Some(t::report_description_hint()),
        &form.description,
        "textarea",
        REPORT_TEXT_MAX,
    );
    field(
        html,
        "pagina",
        t::report_page(),
        Some(t::report_page_hint()),
        &form.page,
        "text",
        REPORT_PAGE_MAX,
    );
    field(
        html,
        "nome",
        t::report_name(),
        None,
        &form.name,
        "text",
        REPORT_NAME_MAX,
    );
    field(
        html,
        "email",
        t::report_email(),
        Some(t::report_email_hint()),
        &form.email,
        "email",
        crate::domain::contacts::EMAIL_MAX,
    );
    let _ = writeln!(
        html,
        "<button type=\"submit\" class=\"button\">{}</button>\n</form>",
        frame.say(t::report_submit())
    );
}

pub fn privacy(frame: &Frame) -> String {
    let title = frame.words().render(&t::privacy_title());
    page(frame, &title, |html| {
        let _ = writeln!(
            html,
            "<p class=\"lead\">{}</p>",
            frame.say(t::privacy_intro())
        );
        section(
            html,
            frame,
            "controller",
            t::privacy_controller_title(),
            &[t::privacy_controller(), t::privacy_dpo()],
        );
        section(
            html,
            frame,
            "purposes",
            t::privacy_purposes_title(),
            &[t::privacy_purposes(), t::privacy_data()],
        );
        section(
            html,
            frame,
            "basis",
            t::privacy_basis_title(),
            &[t::privacy_basis()],
        );
        section(
            html,
            frame,
            "recipients",
            t::privacy_recipients_title(),
            &[t::privacy_recipients(), t::privacy_transfers()],
        );
        let _ = writeln!(
            html,
            "<section aria-labelledby=\"retention\"><h2 id=\"retention\">{}</h2>\n<p>{}</p>",
            frame.say(t::privacy_retention_title()),
            frame.say(t::privacy_retention_intro())
        );
        let rows: Vec<Vec<String>> = retention_rows()
            .into_iter()
            .map(|(what, how_long)| vec![frame.say(what), frame.say(how_long)])
            .collect();
        table(
            html,
            frame,
            t::privacy_retention_caption(),
            &[t::privacy_retention_what(), t::privacy_retention_period()],
            &rows,
        );
        html.push_str("</section>\n");
        section(
            html,
            frame,
            "rights",
            t::privacy_rights_title(),
            &[t::privacy_rights(), t::privacy_complaint()],
        );
        let _ = writeln!(
            html,
            "<p><a href=\"{}\">{}</a></p>",
            paths::COOKIES,
            frame.say(t::privacy_see_cookies())
        );
    })
}

pub fn cookies(frame: &Frame, secure: bool) -> String {
    let title = frame.words().render(&t::cookies_title());
    page(frame, &title, |html| {
        let _ = writeln!(
            html,
            "<p class=\"lead\">{}</p>",
            frame.say(t::cookies_intro())
        );
        let rows: Vec<Vec<String>> = cookie_rows(secure)
            .into_iter()
            .map(|(name, purpose, lifetime)| {
                vec![
                    format!("<code>{}</code>", escape(&name)),
                    frame.say(purpose),
                    frame.say(lifetime),
                ]
            })
            .collect();
        table(
            html,
            frame,
            t::cookies_caption(),
            &[
                t::cookies_name(),
                t::cookies_purpose(),
                t::cookies_lifetime(),
            ],
            &rows,
        );
        section(
            html,
            frame,
            "storage",
            t::cookies_storage_title(),
            &[t::cookies_storage()],
        );
        section(
            html,
            frame,
            "consent",
            t::cookies_no_banner_title(),
            &[t::cookies_no_banner()],
        );
    })
}

pub fn help(frame: &Frame) -> String {
    let title = frame.words().render(&t::help_title());
    page(frame, &title, |html| {
        let _ = writeln!(html, "<p class=\"lead\">{}</p>", frame.say(t::help_intro()));
        section(
            html,
            frame,
            "login",
            t::help_login_title(),
            &[t::help_login(), t::help_intermediaries()],
        );
        section(
            html,
            frame,
            "threads",
            t::help_threads_title(),
            &[t::help_threads()],
        );
        section(
            html,
            frame,
            "appointments",
            t::help_appointments_title(),
            &[
                t::help_appointments(period(crate::domain::booking::HOLD_SECONDS)),
                t::help_appointments_change(),
                t::help_waitlist(),
            ],
        );
        section(
            html,
            frame,
            "video",
            t::help_video_title(),
            &[t::help_video()],
        );
        let _ = writeln!(
            html,
            "<p>{} <a href=\"{}\">{}</a></p>",
            frame.say(t::help_more()),
            paths::CONTACT_CENTRE,
            frame.say(t::footer_contacts())
        );
    })
}

pub fn contacts(frame: &Frame) -> String {
    let title = frame.words().render(&t::contacts_centre_title());
    page(frame, &title, |html| {
        let _ = writeln!(
            html,
            "<p class=\"lead\">{}</p>",
            frame.say(t::contacts_centre_intro())
        );
        let _ = writeln!(
            html,
            "<ul class=\"contact-list\">\n<li><a href=\"tel:803164\">803 164</a> – {}</li>\n<li><a href=\"tel:+3906164164\">06 164 164</a> – {}</li>\n</ul>\n<p>{}</p>",
            frame.say(t::contacts_centre_landline()),
            frame.say(t::contacts_centre_mobile()),
            frame.say(t::contacts_centre_hours())
        );
        section(
            html,
            frame,
            "office",
            t::contacts_office_title(),
            &[t::contacts_office()],
        );
        let _ = writeln!(
            html,
            "<p>{} <a href=\"{}#report\">{}</a></p>",
            frame.say(t::contacts_accessibility()),
            paths::ACCESSIBILITY,
            frame.say(t::report_title())
        );
    })
}

/// The language of a page: the same rule as the login page's.
pub fn frame<'a>(
    language: Language,
    title: &'a str,
    description: &'a str,
    head: &'a [String],
    here: &'a str,
) -> Frame<'a> {
    Frame {
        language,
        title,
        description,
        head,
        here,
        keep: &[],
    }
}
