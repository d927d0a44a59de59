//! The delivery worker: claims due notices, writes each as an e-mail and hands it to the mailer,
//! then marks it. A notice is marked only after the mailer took it, so a crash in between
//! sends it again after the lease runs out: with the same `Message-ID`, which the receiving
//! side recognises. Several servers on one database share the work through the claims.

use super::mailer::{Mailer, SendError};
use super::outbox::{self, Claimed, Outcome, Recipient};
use crate::agenda::ics;
use crate::agenda::view::read_back;
use crate::domain::booking::Viewer;
use crate::domain::notices::{self, Facts};
use crate::domain::rome;
use crate::error::AppResult;
use api::{AppointmentId, Instant, Language, NoticeKind};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::Message;
use sqlx::AnyConnection;

/// How long a claim holds before another worker may take the notice over.
pub const LEASE: i64 = 300;
/// Claimed at once: with the SMTP timeout of 30 s a message, a whole batch is sent well within
/// its lease, so no row of it is taken over by another worker while this one still holds it.
const BATCH: i64 = 5;

pub struct Delivery {
    pub db: crate::db::Db,
    pub mailer: Mailer,
    from: Mailbox,
    /// "https://cassetto.example.it", no trailing slash: links in messages start with it.
    public_url: String,
    /// This worker's name in its claims.
    worker: String,
    /// The video platform, for a videochiamata's link in its letters and calendar file.
    video: crate::video::Base,
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub withdrawn: usize,
    pub no_address: usize,
}

/// A notice's letter and calendar file in each language its readers need, or why it is no
/// longer worth sending.
type Written = Result<Vec<(notices::Letter, Option<(String, String)>)>, &'static str>;

enum Prepared {
    /// One message per language among the readers, with its `.eml` name.
    Send(Vec<(String, Message)>),
    NoAddress,
    Withdraw(&'static str),
}

impl Delivery {
    pub fn new(
        db: crate::db::Db,
        mailer: Mailer,
        from: &str,
        public_url: &str,
    ) -> Result<Delivery, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("--mail-from non valido ({from}): {e}"))?;
        let worker = format!(
            "{}-{}-{}",
            std::process::id(),
            jiff::Timestamp::now().as_millisecond(),
            rand::random::<u32>()
        );
        Ok(Delivery {
            db,
            mailer,
            from,
            public_url: public_url.trim_end_matches('/').to_string(),
            worker,
            video: None,
        })
    }

    /// The video platform whose links the letters carry (`--video-base-url`).
    pub fn with_video(mut self, base: crate::video::Base) -> Delivery {
        self.video = base;
        self
    }

    /// Delivers every notice due at `now`, batch by batch.
    pub async fn deliver_due(&self, now: Instant) -> AppResult<Round> {
        crate::video::with_base(self.video.clone(), self.deliver_batches(now)).await
    }

    async fn deliver_batches(&self, now: Instant) -> AppResult<Round> {
        let mut round = Round::default();
        loop {
            let batch = outbox::claim(&self.db, &self.worker, now, LEASE, BATCH).await?;
            let full = batch.len() as i64 == BATCH;
            for claimed in batch {
                self.deliver(claimed, now, &mut round).await?;
            }
            if !full {
                return Ok(round);
            }
        }
    }

    async fn deliver(&self, c: Claimed, now: Instant, round: &mut Round) -> AppResult<()> {
        let prepared = match self.db.pool.acquire().await {
            Ok(mut conn) => self.prepare(&mut conn, &c, now).await,
            Err(error) => Err(error.into()),
        };
        let failure = match prepared {
            Ok(Prepared::Withdraw(why)) => {
                round.withdrawn += 1;
                return self.finish(&c, Outcome::Withdrawn(why), now).await;
            }
            Ok(Prepared::NoAddress) => {
                round.no_address += 1;
                return self.finish(&c, Outcome::NoAddress, now).await;
            }
            Ok(Prepared::Send(messages)) => match self.send_all(messages).await {
                Ok(()) => {
                    round.sent += 1;
                    tracing::info!(notice = c.id, kind = %c.kind, "notice sent");
                    return self.finish(&c, Outcome::Sent, now).await;
                }
                Err(error) => error,
            },
            // Reading what the notice is about failed (the database away): like a busy server.
            Err(error) => SendError {
                permanent: false,
                message: error.to_string(),
            },
        };
        let SendError { permanent, message } = failure;
        let next = (!permanent)
            .then(|| notices::retry_in(c.attempts))
            .flatten();
        tracing::warn!(notice = c.id, kind = %c.kind, attempts = c.attempts, permanent,
            error = %message, "notice not delivered");
        let outcome = match next {
            Some(wait) => {
                round.retried += 1;
                Outcome::RetryAt(now + wait, &message)
            }
            None => {
                round.failed += 1;
                Outcome::Failed(&message)
            }
        };
        self.finish(&c, outcome, now).await
    }

    /// Every language's message; a failure sends them all again later, each with its own
    /// stable `Message-ID`, so a reader who already got theirs recognises the repeat.
    async fn send_all(&self, messages: Vec<(String, Message)>) -> Result<(), SendError> {
        for (name, message) in messages {
            self.mailer.send(&name, message).await?;
        }
        Ok(())
    }

    async fn finish(&self, c: &Claimed, outcome: Outcome<'_>, now: Instant) -> AppResult<()> {
        if !outbox::finish(&self.db, c.id, &self.worker, outcome, now).await? {
            tracing::info!(notice = c.id, "notice taken over or withdrawn meanwhile");
        }
        Ok(())
    }

    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    async fn prepare(
        &self,
        conn: &mut AnyConnection,
        c: &Claimed,
        now: Instant,
    ) -> AppResult<Prepared> {
        let mut people = outbox::recipients(conn, c).await?;
        if c.kind.is_reminder() {
            people.retain(|p| p.reminders == 1);
        }
        let spoken = |p: &Recipient| p.language.unwrap_or(Language::It);
        let mut languages: Vec<Language> = people.iter().map(spoken).collect();
        languages.sort_by_key(|l| l.code());
        languages.dedup();
        let written = match c.appointment_id {
            Some(id) => self.about_appointment(conn, c, id, now, &languages).await?,
            None => self.about_thread(conn, c, now, &languages).await?,
        };
        let letters = match written {
            Ok(written) => written,
            Err(why) => return Ok(Prepared::Withdraw(why)),
        };
        let messages: Vec<(String, Message)> = letters
            .into_iter()
            .filter_map(|(letter, calendar)| {
                let readers: Vec<&Recipient> = people
                    .iter()
                    .filter(|p| spoken(p) == letter.language)
                    .collect();
                let name = match letter.language {
                    Language::It => file_name(c),
                    other => format!("{}-{}", file_name(c), other.code()),
                };
                Some((name, self.message(c, &readers, &letter, calendar)?))
            })
            .collect();
        Ok(if messages.is_empty() {
            Prepared::NoAddress
        } else {
            Prepared::Send(messages)
        })
    }

    /// A notice about an appointment, as it is now: its letter and, for a confirmation or a
    /// move, its calendar file.
    async fn about_appointment(
        &self,
        conn: &mut AnyConnection,
        c: &Claimed,
        id: AppointmentId,
        now: Instant,
        languages: &[Language],
    ) -> AppResult<Written> {
        let (notice, thread) = (c.kind, c.communication_id);
        let a = read_back(conn, id, Viewer::ContributorSide, now).await?;
        let starts = rome::parse_instant(&a.starts_at).unwrap_or_default();
        if let Some(why) =
            notices::withdrawn_because(notice, c.due_at, Some((starts, a.status)), now)
        {
            return Ok(Err(why));
        }
        let last_note = a.timeline.last().and_then(|e| e.note.as_deref());
        let facts = Facts {
            reference: a.reference.as_str(),
            starts_at: &a.starts_at,
            office: &a.office.name,
            address: &a.office.address,
            point_code: Some(a.point.code),
            phone: &a.phone,
            protocol: &a.protocol,
            subject: &a.subject,
            contributor: &a.contributor.name,
            note: match notice {
                NoticeKind::CancelledByOffice => a.cancel_reason.as_deref().or(last_note),
                NoticeKind::Attended | NoticeKind::Moved => last_note,
                // The correction's note says from what to what; the esito is the letter's.
                NoticeKind::AttendanceCorrected => last_note
                    .and_then(|n| n.split_once(" Esito dell'incontro: "))
                    .map(|(_, esito)| esito),
                _ => None,
            },
            outcome: Some(a.status),
            was_hold: a.status == api::AppointmentStatus::PrenotazioneCancellata,
            hold_until: a.hold_expires_at.as_deref(),
            appointment_link: self.link(&api::paths::appointment(&a.reference)),
            thread_link: self.link(&api::paths::thread(thread)),
            book_again_link: self.link(&api::paths::booking(thread)),
            attachments: 0,
            video_link: a.video_link.as_deref(),
        };
        let with_calendar = matches!(notice, NoticeKind::Confirmed | NoticeKind::Moved);
        Ok(Ok(languages
            .iter()
            .map(|&language| {
                let calendar = with_calendar.then(|| {
                    (
                        format!("{}.ics", a.reference),
                        ics::calendar(&a, now, language),
                    )
                });
                (notices::letter(notice, &facts, language), calendar)
            })
            .collect()))
    }

    /// A notice about a thread: the office wrote in it.
    async fn about_thread(
        &self,
        conn: &mut AnyConnection,
        c: &Claimed,
        now: Instant,
        languages: &[Language],
    ) -> AppResult<Written> {
        if let Some(why) = notices::withdrawn_because(c.kind, c.due_at, None, now) {
            return Ok(Err(why));
        }
        let Some(t) = outbox::thread_facts(conn, c.communication_id, c.created_at).await? else {
            return Ok(Err("comunicazione non trovata"));
        };
        let facts = Facts {
            reference: "",
            starts_at: "",
            office: &t.office,
            address: "",
            point_code: None,
            phone: "",
            protocol: &t.protocol,
            subject: &t.subject,
            contributor: &t.contributor,
            note: None,
            outcome: None,
            was_hold: false,
            hold_until: None,
            appointment_link: String::new(),
            thread_link: self.link(&api::paths::thread(c.communication_id)),
            book_again_link: String::new(),
            attachments: t.attachments.max(0) as usize,
            video_link: None,
        };
        Ok(Ok(languages
            .iter()
            .map(|&language| (notices::letter(c.kind, &facts, language), None))
            .collect()))
    }

    /// The e-mail: plain text and HTML alternatives, and the calendar file when there is one.
    fn message(
        &self,
        c: &Claimed,
        people: &[&Recipient],
        letter: &notices::Letter,
        calendar: Option<(String, String)>,
    ) -> Option<Message> {
        let domain = self.from.email.domain().to_string();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .subject(letter.subject.clone())
            // Stable per notice: a second delivery after a crash is the same message.
            .message_id(Some(format!(
                "<avviso.{}.{}{}@{domain}>",
                c.id,
                c.created_at.seconds(),
                match letter.language {
                    Language::It => String::new(),
                    other => format!(".{}", other.code()),
                }
            )))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".into(),
            ));
        let mut anyone = false;
        for person in people {
            if let Ok(mailbox) = person.email.parse::<Mailbox>() {
                builder = builder.to(mailbox);
                anyone = true;
            }
        }
        if !anyone {
            return None;
        }
        let alternative = MultiPart::alternative_plain_html(letter.text(), letter.html());
        let body = match calendar {
            Some((name, ics)) => MultiPart::mixed().multipart(alternative).singlepart(
                Attachment::new(name).body(
                    ics,
                    ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                        .expect("a valid content type"),
                ),
            ),
            None => alternative,
        };
        match builder.multipart(body) {
            Ok(message) => Some(message),
            Err(error) => {
                tracing::error!(notice = c.id, %error, "message could not be built");
                None
            }
        }
    }
}

/// "000000000042-appointment_confirmed": the notice's file in the `.eml` folder.
pub fn file_name(c: &Claimed) -> String {
    format!("{:012}-{}", c.id, c.kind)
}
