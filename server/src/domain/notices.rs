//! Notices: what the people involved are told by e-mail, when, and in which words. A notice is
//! an outbox row written with the change that causes it; this module decides when reminders are
//! due, how a failed delivery is retried, when a notice is too late to be worth sending, and
//! builds the letter (plain text and HTML from the same blocks).

use super::{rome, speech};
use api::{AppointmentStatus, Instant, Language, NoticeKind, PointCode};
use catalogue::{t, Catalogue, Text};

/// When reminders go out: the day before at `hour` (Rome), and `hours_before` the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReminderPolicy {
    pub hour: i8,
    pub hours_before: i64,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        ReminderPolicy {
            hour: 18,
            hours_before: 2,
        }
    }
}

/// The reminders owed for an appointment starting at `starts_at`, confirmed at `now`: only those
/// still in the future, the earlier first.
pub fn reminders(
    starts_at: Instant,
    now: Instant,
    policy: ReminderPolicy,
) -> Vec<(NoticeKind, Instant)> {
    let day = rome::date_of(starts_at);
    let day_before = day
        .yesterday()
        .ok()
        .and_then(|d| rome::at(d, jiff::civil::time(policy.hour, 0, 0, 0)));
    let mut due: Vec<(NoticeKind, Instant)> = day_before
        .map(|at| (NoticeKind::ReminderDayBefore, at))
        .into_iter()
        .chain([(
            NoticeKind::ReminderHoursBefore,
            starts_at - policy.hours_before * 3600,
        )])
        .filter(|(_, at)| *at > now && *at < starts_at)
        .collect();
    due.sort_by_key(|(_, at)| *at);
    due
}

/// Attempts before a notice is given up as failed.
pub const MAX_ATTEMPTS: i64 = 8;

/// When to try again after the `attempts`-th failed one: 1, 2, 4… minutes, at most an hour
/// apart; None once `MAX_ATTEMPTS` are spent (about 3 hours in all).
pub fn retry_in(attempts: i64) -> Option<i64> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exponent = attempts.clamp(1, 7) - 1;
    Some((60_i64 << exponent).min(3600))
}

/// A notice that could not go out for this long after it was due is no longer news.
pub const TOO_LATE: i64 = 3 * 24 * 3600;

/// Why a notice due at `due_at` should no longer be sent at `now`, if so. `starts_at` is the
/// appointment's start and `status` its status now (None for a thread's notice).
pub fn withdrawn_because(
    notice: NoticeKind,
    due_at: Instant,
    appointment: Option<(Instant, AppointmentStatus)>,
    now: Instant,
) -> Option<&'static str> {
    if now - due_at > TOO_LATE {
        return Some("non recapitato in tempo utile");
    }
    let (starts_at, status) = appointment?;
    if notice == NoticeKind::Offered && status != AppointmentStatus::Prenotato {
        return Some("il posto proposto non è più in attesa di risposta");
    }
    if notice.is_reminder() && status != AppointmentStatus::Confermato {
        return Some("l'appuntamento non è più confermato");
    }
    if matches!(
        notice,
        NoticeKind::Confirmed | NoticeKind::ReminderDayBefore | NoticeKind::ReminderHoursBefore
    ) && now >= starts_at
    {
        return Some("l'appuntamento è già iniziato");
    }
    None
}

/// What a letter is about; instants as RFC 3339 with Rome's offset.
pub struct Facts<'a> {
    pub reference: &'a str,
    pub starts_at: &'a str,
    pub office: &'a str,
    pub address: &'a str,
    pub point_code: Option<PointCode>,
    pub phone: &'a str,
    pub protocol: &'a str,
    pub subject: &'a str,
    pub contributor: &'a str,
    /// The office's reason for a cancellation, or the esito of a meeting.
    pub note: Option<&'a str>,
    pub outcome: Option<AppointmentStatus>,
    /// Whether what was cancelled was only a hold (Prenotazione cancellata).
    pub was_hold: bool,
    /// Until when an offered place is held (RFC 3339).
    pub hold_until: Option<&'a str>,
    /// The page of the appointment, and of its thread (absolute URLs).
    pub appointment_link: String,
    pub thread_link: String,
    pub book_again_link: String,
    /// Files the office's answer carries (a thread's notice only): said, never sent.
    pub attachments: usize,
    /// A confirmed videochiamata's room.
    pub video_link: Option<&'a str>,
}

/// A part of a letter, rendered the same in both parts.
#[derive(Debug, PartialEq, Eq)]
pub enum Block {
    Para(String),
    /// Label and value, shown as a list.
    Details(Vec<(String, String)>),
    /// Text and absolute URL.
    Link(String, String),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Letter {
    pub language: Language,
    pub subject: String,
    pub blocks: Vec<Block>,
}

/// A letter's words in its reader's language.
struct Pen {
    language: Language,
    catalogue: &'static Catalogue,
}

impl Pen {
    fn say(&self, text: Text) -> String {
        self.catalogue.render(&text)
    }

    fn para(&self, text: Text) -> Block {
        Block::Para(self.say(text))
    }

    fn link(&self, text: Text, url: &str) -> Block {
        Block::Link(self.say(text), url.to_string())
    }

    fn when(&self, instant: &str) -> String {
        speech::when(self.language, instant)
    }
}

fn where_it_happens(p: &Pen, f: &Facts) -> String {
    if let Some(link) = f.video_link {
        return p.say(t::mail_where_video_room(link));
    }
    match f.point_code {
        Some(PointCode::Sportello) => format!("{}, {}", f.office, f.address),
        Some(PointCode::Telefono) => p.say(t::mail_where_phone(api::it::phone(f.phone))),
        _ => p.say(t::mail_where_video(api::it::phone(f.phone))),
    }
}

fn details(p: &Pen, f: &Facts) -> Block {
    let point = f
        .point_code
        .map(|code| p.say(speech::point(code)))
        .unwrap_or_default();
    Block::Details(vec![
        (p.say(t::mail_label_reference()), f.reference.to_string()),
        (p.say(t::mail_label_when()), p.when(f.starts_at)),
        (p.say(t::mail_label_point()), point),
        (p.say(t::mail_label_where()), where_it_happens(p, f)),
        (
            p.say(t::mail_label_contributor()),
            f.contributor.to_string(),
        ),
        (
            p.say(t::mail_label_thread()),
            format!("{} – {}", f.protocol, f.subject),
        ),
    ])
}

fn moved(p: &Pen, f: &Facts, when: &str) -> (String, Vec<Block>) {
    let r = f.reference;
    let mut blocks = vec![p.para(t::mail_moved_body(r, when.to_string(), f.office))];
    if let Some(note) = f.note {
        blocks.push(Block::Para(note.to_string()));
    }
    blocks.push(details(p, f));
    blocks.push(p.para(t::mail_moved_calendar()));
    blocks.extend(room(p, f));
    blocks.push(see(p, f));
    (p.say(t::mail_moved_subject(r)), blocks)
}

fn offered(p: &Pen, f: &Facts, when: &str) -> (String, Vec<Block>) {
    let until = f.hold_until.map(|u| p.when(u)).unwrap_or_default();
    (
        p.say(t::mail_offered_subject(when.to_string())),
        vec![
            p.para(t::mail_offered_body(when.to_string(), f.office)),
            p.para(t::mail_offered_until(until)),
            details(p, f),
            p.para(t::mail_offered_decline()),
            p.link(t::mail_offered_link(), &f.appointment_link),
        ],
    )
}

fn cancelled_by_office(p: &Pen, f: &Facts, when: &str) -> (String, Vec<Block>) {
    let r = f.reference;
    let what = if f.was_hold {
        t::mail_cancelled_hold(r, when.to_string(), f.office)
    } else {
        t::mail_cancelled_appointment(r, when.to_string(), f.office)
    };
    let mut blocks = vec![p.para(what)];
    if let Some(reason) = f.note {
        blocks.push(p.para(t::mail_reason(reason)));
    }
    blocks.push(details(p, f));
    blocks.push(p.para(t::mail_cancelled_what_now()));
    blocks.push(p.link(t::mail_book_again_link(), &f.book_again_link));
    (p.say(t::mail_cancelled_by_office_subject(r)), blocks)
}

fn attended(p: &Pen, f: &Facts, when: &str) -> (String, Vec<Block>) {
    let r = f.reference;
    let mut blocks = Vec::new();
    if f.outcome == Some(AppointmentStatus::NonPresentato) {
        blocks.push(p.para(t::mail_no_show(f.office, r, when.to_string())));
    } else {
        blocks.push(p.para(t::mail_held(f.office, r, when.to_string())));
        if let Some(esito) = f.note {
            blocks.push(p.para(t::mail_outcome(esito)));
        }
    }
    blocks.push(details(p, f));
    blocks.push(see(p, f));
    (p.say(t::mail_attended_subject(r)), blocks)
}

/// A videochiamata's way in: the room's link, and that it opens shortly before the start.
fn room(p: &Pen, f: &Facts) -> Vec<Block> {
    match f.video_link {
        Some(link) => vec![
            p.para(t::mail_video_when()),
            p.link(t::mail_video_link(), link),
        ],
        None => Vec::new(),
    }
}

/// The link to the appointment, that most letters end with.
fn see(p: &Pen, f: &Facts) -> Block {
    p.link(t::mail_see_link(), &f.appointment_link)
}

/// The letter for `notice`, in `language`.
pub fn letter(notice: NoticeKind, f: &Facts, language: Language) -> Letter {
    let p = &Pen {
        language,
        catalogue: speech::catalogue(language),
    };
    let r = f.reference;
    let when = p.when(f.starts_at);
    let (subject, blocks) = match notice {
        NoticeKind::Confirmed => (
            p.say(t::mail_confirmed_subject(r)),
            vec![
                p.para(t::mail_confirmed_body(r, when.clone(), f.office)),
                details(p, f),
                p.para(t::mail_confirmed_calendar()),
            ]
            .into_iter()
            .chain(room(p, f))
            .chain([see(p, f)])
            .collect(),
        ),
        NoticeKind::Moved => moved(p, f, &when),
        NoticeKind::Offered => offered(p, f, &when),
        NoticeKind::ReminderDayBefore | NoticeKind::ReminderHoursBefore => (
            p.say(t::mail_reminder_subject(r, when.clone())),
            vec![
                p.para(t::mail_reminder_body(r, when.clone(), f.office)),
                details(p, f),
                p.para(t::mail_reminder_cancel()),
            ]
            .into_iter()
            .chain(room(p, f))
            .chain([see(p, f)])
            .collect(),
        ),
        NoticeKind::CancelledByContributor => (
            p.say(t::mail_cancelled_by_you_subject(r)),
            vec![
                p.para(t::mail_cancelled_by_you_body(r, when.clone(), f.office)),
                details(p, f),
                p.link(t::mail_cancelled_by_you_link(), &f.book_again_link),
            ],
        ),
        NoticeKind::CancelledByOffice => cancelled_by_office(p, f, &when),
        NoticeKind::Attended => attended(p, f, &when),
        NoticeKind::AttendanceCorrected => {
            let (_, mut blocks) = attended(p, f, &when);
            blocks.insert(0, p.para(t::mail_corrected_body(f.office, r)));
            (p.say(t::mail_corrected_subject(r)), blocks)
        }
        NoticeKind::ThreadAnswered => {
            let mut blocks = vec![p.para(t::mail_answered_body(
                f.office,
                f.protocol,
                f.subject,
                f.contributor,
            ))];
            if f.attachments > 0 {
                blocks.push(p.para(t::mail_answered_files(f.attachments)));
            }
            blocks.push(p.link(t::mail_answered_link(), &f.thread_link));
            (p.say(t::mail_answered_subject(f.protocol)), blocks)
        }
    };
    Letter {
        language,
        subject,
        blocks,
    }
}

impl Letter {
    fn footer(&self) -> String {
        speech::catalogue(self.language).render(&t::mail_footer())
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Para(p) => out.push_str(p),
                Block::Details(rows) => {
                    for (label, value) in rows {
                        out.push_str(&format!("{label}: {value}\n"));
                    }
                    out.pop();
                }
                Block::Link(text, url) => out.push_str(&format!("{text}: {url}")),
            }
            out.push_str("\n\n");
        }
        out.push_str("-- \n");
        out.push_str(&self.footer());
        out.push('\n');
        out
    }

    /// Plain, readable HTML: a heading, paragraphs, a definition list, a link that says where
    /// it goes; no images, no tracking, no styles a reader cannot override.
    pub fn html(&self) -> String {
        let e = escape;
        let mut body = format!("<h1>{}</h1>\n", e(&self.subject));
        for block in &self.blocks {
            match block {
                Block::Para(p) => body.push_str(&format!("<p>{}</p>\n", e(p))),
                Block::Details(rows) => {
                    body.push_str("<dl>\n");
                    for (label, value) in rows {
                        body.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", e(label), e(value)));
                    }
                    body.push_str("</dl>\n");
                }
                Block::Link(text, url) => {
                    body.push_str(&format!("<p><a href=\"{}\">{}</a></p>\n", e(url), e(text)))
                }
            }
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{body}<hr>\n<p><small>{}</small></p>\n</body>\n</html>\n",
            self.language.code(),
            e(&self.subject),
            e(&self.footer())
        )
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Instant {
        rome::parse_instant(text).unwrap()
    }

    #[test]
    fn reminders_fall_on_rome_wall_time_across_the_change_to_summer_time() {
        // Monday 29 March 2027, the day after clocks go forward (28 March, 02:00 → 03:00).
        let starts = at("2027-03-29T09:00:00+02:00");
        let due = reminders(
            starts,
            at("2027-03-01T10:00:00+01:00"),
            ReminderPolicy::default(),
        );
        assert_eq!(
            due,
            vec![
                (
                    NoticeKind::ReminderDayBefore,
                    at("2027-03-28T18:00:00+02:00")
                ),
                (
                    NoticeKind::ReminderHoursBefore,
                    at("2027-03-29T07:00:00+02:00")
                ),
            ]
        );
        // Across the change back (31 October 2027): the day before is still CEST, 18:00 local.
        let starts = at("2027-11-02T08:30:00+01:00");
        let due = reminders(
            starts,
            at("2027-10-01T10:00:00+02:00"),
            ReminderPolicy::default(),
        );
        assert_eq!(
            due[0],
            (
                NoticeKind::ReminderDayBefore,
                at("2027-11-01T18:00:00+01:00")
            )
        );
    }

    #[test]
    fn only_reminders_still_to_come_are_owed() {
        let starts = at("2026-03-03T10:00:00+01:00");
        let late_evening = at("2026-03-02T19:00:00+01:00");
        assert_eq!(
            reminders(starts, late_evening, ReminderPolicy::default()),
            vec![(
                NoticeKind::ReminderHoursBefore,
                at("2026-03-03T08:00:00+01:00")
            )]
        );
        assert!(reminders(
            starts,
            at("2026-03-03T09:00:00+01:00"),
            ReminderPolicy::default()
        )
        .is_empty());
    }

    #[test]
    fn retries_back_off_and_end() {
        assert_eq!(retry_in(1), Some(60));
        assert_eq!(retry_in(2), Some(120));
        assert_eq!(retry_in(7), Some(3600));
        assert_eq!(retry_in(MAX_ATTEMPTS), None);
    }

    #[test]
    fn a_reminder_of_a_cancelled_appointment_is_withdrawn() {
        let starts = at("2026-03-03T10:00:00+01:00");
        let due = at("2026-03-02T18:00:00+01:00");
        let ok = Some((starts, AppointmentStatus::Confermato));
        assert_eq!(
            withdrawn_because(NoticeKind::ReminderDayBefore, due, ok, due),
            None
        );
        let cancelled = Some((starts, AppointmentStatus::Annullato));
        assert!(withdrawn_because(NoticeKind::ReminderDayBefore, due, cancelled, due).is_some());
        assert_eq!(
            withdrawn_because(NoticeKind::CancelledByOffice, due, cancelled, due),
            None,
            "the cancellation itself still goes out"
        );
        assert!(
            withdrawn_because(NoticeKind::ThreadAnswered, due, None, due + TOO_LATE + 1).is_some()
        );
        assert!(withdrawn_because(NoticeKind::Confirmed, due, ok, starts).is_some());
    }

    fn facts() -> Facts<'static> {
        Facts {
            reference: "AP-2026-000001",
            starts_at: "2026-03-03T08:30:00+01:00",
            office: "Sede di Roma",
            address: "Via Ciro il Grande 21",
            point_code: Some(PointCode::Sportello),
            phone: "3331234567",
            protocol: "INPS.5100.2026.0000001",
            subject: "Riduzione <50%> & altro",
            contributor: "Mario Rossi",
            note: Some("Sciopero del personale"),
            outcome: None,
            was_hold: false,
            hold_until: None,
            appointment_link: "https://example.test/appuntamenti/AP-2026-000001".into(),
            thread_link: "https://example.test/comunicazioni/1".into(),
            book_again_link: "https://example.test/comunicazioni/1/appuntamento".into(),
            attachments: 0,
            video_link: None,
        }
    }

    #[test]
    fn a_videochiamata_letter_carries_its_room() {
        let (mut f, link) = (facts(), "https://video.example.it/stanza/xyz");
        (f.point_code, f.video_link) = (Some(PointCode::Video), Some(link));
        use NoticeKind::*;
        for l in [Confirmed, Moved, ReminderHoursBefore].map(|n| letter(n, &f, Language::It)) {
            assert!(l.text().contains(link) && l.html().contains(&format!("href=\"{link}\"")));
        }
        assert!(!letter(Confirmed, &facts(), Language::It)
            .text()
            .contains(link));
    }

    #[test]
    fn an_office_cancellation_says_why_and_what_to_do_next() {
        let l = letter(NoticeKind::CancelledByOffice, &facts(), Language::It);
        assert_eq!(
            l.subject,
            "La sede ha annullato l'appuntamento AP-2026-000001"
        );
        let text = l.text();
        assert!(text.contains("martedì 3 marzo 2026 alle 08:30"));
        assert!(text.contains("Motivo: Sciopero del personale"));
        assert!(text.contains("Cosa fare ora"));
        assert!(text.contains("https://example.test/comunicazioni/1/appuntamento"));
        let mut hold = facts();
        hold.was_hold = true;
        assert!(letter(NoticeKind::CancelledByOffice, &hold, Language::It)
            .text()
            .starts_with("La prenotazione AP-2026-000001 di martedì 3 marzo 2026 alle 08:30 è stata cancellata dalla Sede di Roma."));
    }

    #[test]
    fn the_html_part_escapes_what_people_wrote_and_has_no_images() {
        let html = letter(NoticeKind::Confirmed, &facts(), Language::It).html();
        assert!(html.contains("<html lang=\"it\">"));
        assert!(html.contains("Riduzione &lt;50%&gt; &amp; altro"));
        assert!(!html.contains("<img"));
        assert!(html.contains("<a href=\"https://example.test/appuntamenti/AP-2026-000001\">"));
    }

    #[test]
    fn attendance_carries_the_esito() {
        let mut f = facts();
        f.note = Some("Pratica definita.");
        f.outcome = Some(AppointmentStatus::Svolto);
        assert!(letter(NoticeKind::Attended, &f, Language::It)
            .text()
            .contains("Esito dell'incontro: Pratica definita."));
        f.outcome = Some(AppointmentStatus::NonPresentato);
        assert!(letter(NoticeKind::Attended, &f, Language::It)
            .text()
            .contains("non si è presentato"));
    }

    #[test]
    fn a_reader_who_chose_english_gets_the_letter_in_english() {
        let mut f = facts();
        f.attachments = 2;
        let l = letter(NoticeKind::Confirmed, &f, Language::En);
        assert_eq!(l.subject, "Appointment confirmed AP-2026-000001");
        let text = l.text();
        assert!(text.starts_with(
            "Appointment AP-2026-000001 is confirmed for Tuesday 3 March 2026 at 8:30 at the Sede di Roma."
        ));
        assert!(text.contains("Consultation point: At the office counter"));
        assert!(text.contains("do not reply to this address"));
        assert!(l.html().contains("<html lang=\"en\">"));
        let answered = letter(NoticeKind::ThreadAnswered, &f, Language::En).text();
        assert!(answered.contains("The reply contains 2 attached documents: for your security"));
        f.attachments = 1;
        let italian = letter(NoticeKind::ThreadAnswered, &f, Language::It).text();
        assert!(italian.contains("La risposta contiene un documento allegato: per sicurezza"));
    }
}
