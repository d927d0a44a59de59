//! What the service writes by itself into a thread and a timeline, built from typed data: a
//! `Saying` is kept as the catalogue's key and arguments (JSON beside the Italian words), so
//! each reader gets it in their language from what happened (issue 25), and tests read it.

use super::rome;
use super::speech;
use super::transition::{Place, Transition};
use api::{Attendance, CancelledBy, Language, PointCode, UserId};
use catalogue::{t, Arg, Key, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The author of what the agenda writes by itself (an expired hold), as stored: the reader
/// sees `t::system_author` in their language.
pub const SYSTEM_AUTHOR: &str = "Agenda appuntamenti (messaggio automatico)";
/// The timeline's actor for the same (`t::system_actor` on screen).
pub const SYSTEM_ACTOR: &str = "Sistema";

/// Who makes a change, as the timeline and the thread sign it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<UserId>,
    /// "Mario Rossi", "Studio Verdi", "Sede di Roma", "Sistema"
    pub timeline: String,
    /// "Studio Verdi per conto di Mario Rossi", "Sede di Roma", the automatic author
    pub thread: String,
}

impl Actor {
    /// The service itself (an expired hold, an offer).
    pub fn system() -> Actor {
        Actor {
            user: None,
            timeline: SYSTEM_ACTOR.into(),
            thread: SYSTEM_AUTHOR.into(),
        }
    }
}

/// A stored author or actor label in the reader's language: the service's own, translated;
/// a person's or an office's name, as it is.
pub fn signed(language: Language, label: &str) -> String {
    match label {
        SYSTEM_AUTHOR => speech::catalogue(language).render(&t::system_author()),
        SYSTEM_ACTOR => speech::catalogue(language).render(&t::system_actor()),
        name => name.to_string(),
    }
}

/// A value inside a sentence, kept as what it is rather than as words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// A name, a reference, what a person wrote: the same in every language.
    #[serde(rename = "s")]
    Name(String),
    /// Another of the catalogue's sentences (a status).
    #[serde(rename = "k")]
    Said(Box<Saying>),
    /// A day and time (RFC 3339, Rome), said in the reader's language.
    #[serde(rename = "when")]
    When(String),
    /// A time of day of that instant.
    #[serde(rename = "time")]
    Time(String),
    #[serde(rename = "point")]
    Point(PointCode),
}

/// A sentence of the service: a catalogue key with its parts, lines one under the other, or
/// what a person wrote, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Saying {
    /// A key and its parts by variable name: a stored sentence reads the same after the
    /// catalogue reorders its words.
    #[serde(rename = "w")]
    Words(String, BTreeMap<String, Part>),
    #[serde(rename = "l")]
    Lines(Vec<Saying>),
    #[serde(rename = "v")]
    AsWritten(String),
}

impl Saying {
    /// `parts` in the order of the Italian sentence's variables.
    fn words(key: Key, parts: Vec<Part>) -> Saying {
        debug_assert_eq!(key.variables().len(), parts.len(), "{}", key.id());
        let named = key
            .variables()
            .iter()
            .map(|v| v.to_string())
            .zip(parts)
            .collect();
        Saying::Words(key.id().to_string(), named)
    }

    /// The sentence in `language`; `None` when its key is no longer in the catalogue.
    pub fn render(&self, language: Language) -> Option<String> {
        match self {
            Saying::AsWritten(text) => Some(text.clone()),
            Saying::Lines(lines) => lines
                .iter()
                .map(|l| l.render(language))
                .collect::<Option<Vec<_>>>()
                .map(|l| l.join("\n")),
            Saying::Words(..) => Some(speech::catalogue(language).render(&self.text(language)?)),
        }
    }

    fn text(&self, language: Language) -> Option<Text> {
        let Saying::Words(id, parts) = self else {
            return self.render(language).map(Text::verbatim);
        };
        let key = Key::ALL.iter().find(|k| k.id() == id)?;
        let args = key
            .variables()
            .iter()
            .map(|variable| {
                Some(match parts.get(*variable)? {
                    Part::Name(name) => Arg::from(name),
                    Part::Said(saying) => Arg::from(saying.text(language)?),
                    Part::When(at) => Arg::from(speech::when(language, at)),
                    Part::Time(at) => Arg::from(match language {
                        Language::It => api::it::time(at),
                        Language::En => api::en::time(at),
                    }),
                    Part::Point(code) => Arg::from(speech::point(*code)),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Text::new(*key, args))
    }

    /// The Italian words, kept beside the sentence (exports, and readers of old rows).
    pub fn italian(&self) -> String {
        self.render(Language::It).unwrap_or_default()
    }

    /// What is stored: nothing for what a person wrote (its words are the stored text).
    pub fn stored(&self) -> Option<String> {
        match self {
            Saying::AsWritten(_) => None,
            _ => serde_json::to_string(self).ok(),
        }
    }

    /// A stored sentence read back.
    pub fn from_stored(json: &str) -> Option<Saying> {
        serde_json::from_str(json).ok()
    }
}

/// A stored text in `language`: from its sentence when the service wrote it, as written
/// otherwise.
pub fn read_back(language: Language, text: String, said: Option<&str>) -> String {
    said.and_then(Saying::from_stored)
        .and_then(|s| s.render(language))
        .unwrap_or(text)
}

fn name(value: &str) -> Part {
    Part::Name(value.to_string())
}

/// The appointment a sentence is about. Instants are RFC 3339 with Rome's offset.
pub struct About<'a> {
    pub reference: &'a str,
    pub starts_at: &'a str,
    pub office: &'a str,
    pub point: PointCode,
}

impl About<'_> {
    fn when(&self) -> Part {
        Part::When(self.starts_at.to_string())
    }
}

/// Prenota appuntamento, by `who`.
pub fn held(a: &About, hold_until: &str, who: &str) -> Saying {
    Saying::words(
        Key::SaidHeld,
        vec![
            name(a.reference),
            name(who),
            a.when(),
            name(a.office),
            Part::Point(a.point),
            Part::Time(hold_until.to_string()),
        ],
    )
}

/// Lista d'attesa: a freed place held for the person who waited.
pub fn offered(a: &About, until: &str) -> Saying {
    Saying::words(
        Key::SaidOffered,
        vec![
            name(a.reference),
            a.when(),
            name(a.office),
            Part::Point(a.point),
            Part::When(until.to_string()),
        ],
    )
}

/// Lista d'attesa: the timeline's note on an offered place.
pub fn offered_note(until: &str) -> Saying {
    Saying::words(Key::SaidOfferedNote, vec![Part::When(until.to_string())])
}

/// The place `to`, as a sentence about the appointment `reference` shows it.
fn about_place<'a>(reference: &'a str, to: &'a Place, starts_at: &'a str) -> About<'a> {
    About {
        reference,
        starts_at,
        office: &to.office_name,
        point: to.point,
    }
}

/// " Motivo: …", or nothing.
fn because(reason: Option<&str>) -> Part {
    match reason {
        Some(r) => Part::Said(Box::new(Saying::words(Key::SaidBecause, vec![name(r)]))),
        None => name(""),
    }
}

/// The note on a transition's timeline entry: the why (or, for a move, from where to where).
pub fn note(t: &Transition, a: &About) -> Option<Saying> {
    match t {
        Transition::Expire => Some(Saying::words(Key::SaidExpiredNote, vec![])),
        Transition::Cancel { reason, .. } => reason.clone().map(Saying::AsWritten),
        Transition::ReleaseForClosure { reason } => Some(Saying::AsWritten(reason.clone())),
        Transition::Attend { esito, .. } => esito.clone().map(Saying::AsWritten),
        Transition::CorrectAttendance { from, to, esito } => {
            let corrected = Saying::words(
                Key::SaidCorrectedNote,
                vec![
                    Part::Said(Box::new(status(from.status()))),
                    Part::Said(Box::new(status(to.status()))),
                ],
            );
            Some(match esito {
                Some(e) => Saying::Lines(vec![
                    corrected,
                    Saying::words(Key::SaidOutcomeHeading, vec![]),
                    Saying::AsWritten(e.clone()),
                ]),
                None => corrected,
            })
        }
        Transition::Move { to, reason, .. } => {
            let starts = rome::instant(to.starts_at);
            let to = about_place(a.reference, to, &starts);
            Some(moved_note(a, &to, reason.as_deref()))
        }
        _ => None,
    }
}

/// A status's word, as a sentence inside another.
fn status(status: api::AppointmentStatus) -> Saying {
    Saying::words(status.label().key, vec![])
}

/// The message a transition writes into the thread. `hold_until` is the new deadline of an
/// extended hold; `actor` made the change (on the contributor's side the message itself is
/// signed by the service and names them).
pub fn after(t: &Transition, a: &About, hold_until: &str, actor: &Actor) -> Saying {
    let (reference, office) = (name(a.reference), name(a.office));
    let who = name(&actor.thread);
    let words = Saying::words;
    match t {
        Transition::Extend => words(
            Key::SaidExtended,
            vec![reference, who, Part::Time(hold_until.to_string())],
        ),
        Transition::Confirm => words(
            Key::SaidConfirmed,
            vec![reference, who, a.when(), office, Part::Point(a.point)],
        ),
        Transition::Release => words(Key::SaidReleased, vec![reference, who, a.when(), office]),
        Transition::Expire => words(Key::SaidExpired, vec![reference]),
        Transition::Cancel { by, reason, .. } => {
            let why = because(reason.as_deref());
            match by {
                CancelledBy::Sede => words(
                    Key::SaidCancelledByOffice,
                    vec![reference, a.when(), office, why],
                ),
                CancelledBy::Contribuente => words(
                    Key::SaidCancelled,
                    vec![reference, a.when(), office, who, why],
                ),
            }
        }
        Transition::ReleaseForClosure { reason } => {
            words(Key::SaidReleasedForClosure, vec![reference, name(reason)])
        }
        Transition::Attend { outcome, esito } => match (outcome, esito) {
            (Attendance::Svolto, Some(esito)) => Saying::Lines(vec![
                words(Key::SaidOutcomeOf, vec![reference, a.when(), office]),
                Saying::AsWritten(esito.clone()),
            ]),
            (Attendance::Svolto, None) => {
                words(Key::SaidAttended, vec![reference, a.when(), office])
            }
            _ => words(Key::SaidNoShow, vec![reference, a.when(), office]),
        },
        Transition::CorrectAttendance { to, esito, .. } => {
            let now = match to {
                Attendance::Svolto => Key::SaidNowHeld,
                Attendance::NonPresentato => Key::SaidNowNoShow,
            };
            let corrected = words(
                Key::SaidCorrected,
                vec![
                    office,
                    reference,
                    a.when(),
                    Part::Said(Box::new(words(now, vec![]))),
                ],
            );
            match esito {
                Some(e) => Saying::Lines(vec![
                    corrected,
                    words(Key::SaidOutcomeHeading, vec![]),
                    Saying::AsWritten(e.clone()),
                ]),
                None => corrected,
            }
        }
        // A move names who moved it as the timeline does: the studio, not on whose behalf.
        Transition::Move { to, reason, .. } => {
            let starts = rome::instant(to.starts_at);
            let to = about_place(a.reference, to, &starts);
            moved(a, &to, reason.as_deref(), &actor.timeline)
        }
    }
}

/// "martedì 3 marzo 2026 alle 10:30 presso la Sede di Roma, Sportello in sede".
fn place(a: &About) -> Part {
    Part::Said(Box::new(Saying::words(
        Key::SaidPlace,
        vec![a.when(), name(a.office), Part::Point(a.point)],
    )))
}

/// Sposta appuntamento: the timeline's note, "Spostato dal … al …", with the office's reason.
pub fn moved_note(from: &About, to: &About, reason: Option<&str>) -> Saying {
    Saying::words(
        Key::SaidMovedNote,
        vec![place(from), place(to), because(reason)],
    )
}

/// Sposta appuntamento: the thread's message.
pub fn moved(from: &About, to: &About, reason: Option<&str>, who: &str) -> Saying {
    Saying::words(
        Key::SaidMoved,
        vec![
            name(to.reference),
            name(who),
            Part::Said(Box::new(moved_note(from, to, reason))),
        ],
    )
}

/// The office's message that records a thread's outcome: "Esito: Accolta." and its reasons.
pub fn outcome(status: api::CommunicationStatus, motivation: &str) -> Saying {
    Saying::Lines(vec![
        Saying::words(
            Key::SaidThreadOutcome,
            vec![Part::Said(Box::new(Saying::words(
                status.label().key,
                vec![],
            )))],
        ),
        Saying::AsWritten(motivation.to_string()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABOUT: About = About {
        reference: "AP-2026-000001",
        starts_at: "2026-03-03T08:30:00+01:00",
        office: "Sede di Roma",
        point: PointCode::Sportello,
    };

    #[test]
    fn a_hold_says_until_when_it_must_be_confirmed() {
        assert_eq!(
            held(&ABOUT, "2026-03-02T10:15:00+01:00", "Mario Rossi").italian(),
            "Appuntamento AP-2026-000001 prenotato da Mario Rossi per martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma, Sportello in sede: da confermare entro le 10:15."
        );
    }

    #[test]
    fn a_move_says_from_where_to_where() {
        let to = About {
            reference: "AP-2026-000001",
            starts_at: "2026-03-05T10:00:00+01:00",
            office: "Sede di Roma",
            point: PointCode::Telefono,
        };
        assert_eq!(
            moved(&ABOUT, &to, None, "Mario Rossi").italian(),
            "Appuntamento AP-2026-000001 spostato da Mario Rossi. Spostato da martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma, Sportello in sede a giovedì 5 marzo 2026 alle 10:00 presso la Sede di Roma, Consulenza telefonica (richiamata)."
        );
        assert!(moved_note(&ABOUT, &to, Some("Sciopero"))
            .italian()
            .ends_with(" Motivo: Sciopero"));
    }

    fn rossi() -> Actor {
        Actor {
            user: Some(UserId(1)),
            timeline: "Mario Rossi".into(),
            thread: "Mario Rossi".into(),
        }
    }

    #[test]
    fn a_cancellation_names_who_and_why() {
        let t = Transition::Cancel {
            by: CancelledBy::Contribuente,
            reason: Some("Ho risolto.".into()),
            latest: api::Instant(0),
        };
        assert_eq!(
            after(&t, &ABOUT, "", &rossi()).italian(),
            "Appuntamento AP-2026-000001 di martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma annullato da Mario Rossi. Motivo: Ho risolto."
        );
        let t = Transition::Cancel {
            by: CancelledBy::Sede,
            reason: Some("Sciopero".into()),
            latest: api::Instant(0),
        };
        assert!(after(&t, &ABOUT, "", &Actor::system())
            .italian()
            .ends_with("annullato dalla Sede di Roma. Motivo: Sciopero"));
        assert_eq!(note(&t, &ABOUT), Some(Saying::AsWritten("Sciopero".into())));
    }

    #[test]
    fn a_move_is_signed_by_who_moved_it_and_its_note_says_from_where_to_where() {
        let to = Place {
            slot: api::SlotId(1),
            office: api::OfficeId(1),
            office_name: "Sede di Roma".into(),
            point: api::PointCode::Telefono,
            point_label: "Consulenza telefonica".into(),
            starts_at: rome::parse_instant("2026-03-05T10:00:00+01:00").unwrap(),
            ends_at: rome::parse_instant("2026-03-05T10:20:00+01:00").unwrap(),
        };
        let studio = Actor {
            user: Some(UserId(4)),
            timeline: "Studio Verdi".into(),
            thread: "Studio Verdi per conto di Mario Rossi".into(),
        };
        let t = Transition::Move {
            to,
            reason: None,
            by_office: false,
        };
        assert!(after(&t, &ABOUT, "", &studio)
            .italian()
            .starts_with("Appuntamento AP-2026-000001 spostato da Studio Verdi. Spostato da"));
        assert!(note(&t, &ABOUT).unwrap().italian().ends_with(
            "a giovedì 5 marzo 2026 alle 10:00 presso la Sede di Roma, Consulenza telefonica (richiamata)."
        ));
    }

    #[test]
    fn a_stored_sentence_is_read_back_in_each_language() {
        let said = held(&ABOUT, "2026-03-02T10:15:00+01:00", "Mario Rossi");
        let stored = said.stored().unwrap();
        assert_eq!(
            read_back(Language::En, said.italian(), Some(&stored)),
            "Appointment AP-2026-000001 booked by Mario Rossi for Tuesday 3 March 2026 at 8:30 at Sede di Roma, At the office counter: to be confirmed by 10:15."
        );
        assert_eq!(
            read_back(Language::It, "kept".into(), Some(&stored)),
            said.italian()
        );
        // What a person wrote stays as written, and a sentence the catalogue no longer has
        // falls back to the Italian words kept beside it.
        assert_eq!(Saying::AsWritten("Ho risolto.".into()).stored(), None);
        assert_eq!(
            read_back(Language::En, "kept".into(), Some(r#"{"w":["gone",{}]}"#)),
            "kept"
        );
    }

    #[test]
    fn an_outcome_keeps_the_offices_words_under_the_services() {
        let said = outcome(api::CommunicationStatus::Accolta, "Rateazione concessa.");
        assert_eq!(said.italian(), "Esito: Accolta.\nRateazione concessa.");
        assert_eq!(
            said.render(Language::En).unwrap(),
            "Outcome: Granted.\nRateazione concessa."
        );
    }

    #[test]
    fn the_services_own_signature_is_translated_and_names_are_not() {
        assert_eq!(
            signed(Language::En, SYSTEM_AUTHOR),
            "Appointment diary (automatic message)"
        );
        assert_eq!(signed(Language::En, "Sede di Roma"), "Sede di Roma");
    }
}
