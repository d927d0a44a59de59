//! What a thread, a message and an outcome must be before anything is stored: parse, don't
//! validate. Each failure is a field and a catalogue sentence.

use api::Outcome;
use catalogue::{t, Text};
use std::collections::BTreeMap;

pub const SUBJECT_MAX: usize = 150;
pub const TEXT_MAX: usize = 4000;

pub type FieldErrors = BTreeMap<String, Text>;

/// Trimmed, non-empty, at most `max` characters, no control characters but new lines and tabs
/// (PostgreSQL refuses NUL, and nobody types the others).
fn text_field(raw: &str, max: usize, empty: Text, too_long: Text) -> Result<String, Text> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(empty);
    }
    if super::text::longer_than(raw, max) {
        return Err(too_long);
    }
    if value.chars().any(super::text::forbidden) {
        return Err(t::thread_text_forbidden());
    }
    Ok(value.to_string())
}

pub struct Draft {
    pub topic: String,
    pub subject: String,
    pub text: String,
}

/// A new thread. `known_topic` says whether a topic code exists.
pub fn parse_draft(
    raw: &api::NewCommunication,
    known_topic: impl Fn(&str) -> bool,
) -> Result<Draft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let topic = raw.topic.trim();
    if topic.is_empty() {
        errors.insert("topic".into(), t::thread_topic_empty());
    } else if !known_topic(topic) {
        errors.insert("topic".into(), t::thread_topic_unknown());
    }
    let subject = text_field(
        &raw.subject,
        SUBJECT_MAX,
        t::thread_subject_empty(),
        t::thread_subject_too_long(SUBJECT_MAX),
    )
    .and_then(|subject| {
        if subject.chars().any(super::text::forbidden_in_line) {
            Err(t::thread_subject_one_line())
        } else {
            Ok(subject)
        }
    })
    .map_err(|e| errors.insert("subject".into(), e))
    .ok();
    let text = message_text(&raw.text)
        .map_err(|e| errors.insert("text".into(), e))
        .ok();
    match (subject, text) {
        (Some(subject), Some(text)) if errors.is_empty() => Ok(Draft {
            topic: topic.to_string(),
            subject,
            text,
        }),
        _ => Err(errors),
    }
}

pub fn message_text(text: &str) -> Result<String, Text> {
    text_field(
        text,
        TEXT_MAX,
        t::thread_message_empty(),
        t::thread_message_too_long(TEXT_MAX),
    )
}

/// An internal note of the office: at most 2000 characters, the same text rules.
pub fn note_text(text: &str) -> Result<String, Text> {
    text_field(
        text,
        NOTE_MAX,
        t::thread_note_empty(),
        t::thread_note_too_long(NOTE_MAX),
    )
}

pub const NOTE_MAX: usize = 2000;

pub fn parse_message(raw: &api::NewMessage) -> Result<String, FieldErrors> {
    message_text(&raw.text).map_err(|e| FieldErrors::from([("text".to_string(), e)]))
}

/// The files a message carries: at most `limits.per_message`, each once.
pub fn parse_attachment_ids(
    ids: &[api::AttachmentId],
    limits: super::attachment::Limits,
) -> Result<Vec<api::AttachmentId>, Text> {
    if ids.len() > limits.per_message {
        return Err(t::thread_too_many_attachments(limits.per_message));
    }
    let mut seen = std::collections::BTreeSet::new();
    if !ids.iter().all(|id| seen.insert(*id)) {
        return Err(t::thread_attachment_twice());
    }
    Ok(ids.to_vec())
}

/// A page of a list (`?page=`), from 1 (the default) to 100 000.
pub fn parse_page(raw: Option<&str>) -> Result<u32, Text> {
    match raw {
        None | Some("") => Ok(1),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .ok_or_else(t::list_page_invalid),
    }
}

/// A thread status filter (`?status=`).
pub fn parse_status(raw: &str) -> Result<api::CommunicationStatus, Text> {
    raw.parse().map_err(|_| t::list_status_unknown())
}

/// A topic filter (`?topic=`), one of `known`.
pub fn parse_topic(raw: &str, known: impl Fn(&str) -> bool) -> Result<String, Text> {
    if known(raw) {
        Ok(raw.to_string())
    } else {
        Err(t::list_topic_unknown())
    }
}

pub fn parse_outcome(raw: &api::OutcomeRequest) -> Result<(Outcome, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let outcome = raw.outcome.known();
    if outcome.is_none() {
        errors.insert("outcome".into(), t::thread_outcome_missing());
    }
    let text = text_field(
        &raw.text,
        TEXT_MAX,
        t::thread_motivation_empty(),
        t::thread_motivation_too_long(TEXT_MAX),
    )
    .map_err(|e| errors.insert("text".into(), e))
    .ok();
    match (outcome, text) {
        (Some(outcome), Some(text)) => Ok((outcome, text)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_carries_each_file_once_and_no_more_than_allowed() {
        let limits = crate::domain::attachment::Limits::default();
        let ids = |v: &[i64]| v.iter().map(|&n| api::AttachmentId(n)).collect::<Vec<_>>();
        assert_eq!(
            parse_attachment_ids(&ids(&[3, 1, 2]), limits),
            Ok(ids(&[3, 1, 2]))
        );
        assert!(parse_attachment_ids(&ids(&[1, 2, 3, 4]), limits).is_err());
        assert!(parse_attachment_ids(&ids(&[1, 1]), limits).is_err());
        assert_eq!(parse_attachment_ids(&[], limits), Ok(vec![]));
    }

    fn draft(topic: &str, subject: &str, text: &str) -> api::NewCommunication {
        api::NewCommunication {
            topic: topic.into(),
            subject: subject.into(),
            text: text.into(),
        }
    }

    fn known(code: &str) -> bool {
        code == "rateazione"
    }

    #[test]
    fn a_complete_draft_is_trimmed_and_accepted() {
        let d = parse_draft(
            &draft("rateazione", "  Piano di rientro ", " Testo "),
            known,
        )
        .unwrap();
        assert_eq!(d.subject, "Piano di rientro");
        assert_eq!(d.text, "Testo");
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let cases = [
            (draft("", "a", "b"), "topic", "Scegli l'argomento."),
            (
                draft("pizza", "a", "b"),
                "topic",
                "Scegli un argomento dell'elenco.",
            ),
            (
                draft("rateazione", "   ", "b"),
                "subject",
                "Inserisci l'oggetto.",
            ),
            (
                draft("rateazione", &"x".repeat(151), "b"),
                "subject",
                "L'oggetto può contenere al massimo 150 caratteri.",
            ),
            (
                draft("rateazione", "a", "\n\t "),
                "text",
                "Scrivi il testo del messaggio.",
            ),
            (
                draft("rateazione", "a", &"è".repeat(4001)),
                "text",
                "Il testo può contenere al massimo 4000 caratteri.",
            ),
            (
                draft("rateazione", "a", "nul\u{0}"),
                "text",
                "Il testo contiene caratteri non ammessi.",
            ),
        ];
        for (raw, field, message) in cases {
            let errors = parse_draft(&raw, known).err().expect(field);
            assert_eq!(
                errors.get(field).map(Text::italian).as_deref(),
                Some(message),
                "{field}"
            );
        }
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(parse_draft(&draft("rateazione", &"à".repeat(150), "b"), known).is_ok());
    }

    #[test]
    fn limits_count_what_was_sent_surrounding_spaces_included() {
        // The schema says maxLength of the field as sent: trimming must not let an over-long
        // request through (found by the fuzzer with a leading vertical tab).
        let text = format!("\u{000B}{}", "*".repeat(TEXT_MAX));
        assert!(message_text(&text).is_err());
        assert!(message_text(&format!(" {} ", "*".repeat(TEXT_MAX - 2))).is_ok());
        let subject = format!("{} ", "s".repeat(SUBJECT_MAX));
        assert!(parse_draft(&draft("rateazione", &subject, "b"), known).is_err());
    }

    #[test]
    fn an_outcome_needs_a_known_value_and_a_motivation() {
        let bad = parse_outcome(&api::OutcomeRequest {
            outcome: api::Code::Unknown("forse".into()),
            text: " ".into(),
        })
        .unwrap_err();
        assert!(bad.contains_key("outcome") && bad.contains_key("text"));
        let (outcome, _) = parse_outcome(&api::OutcomeRequest {
            outcome: Outcome::NonAccolta.into(),
            text: "Mancano i documenti.".into(),
        })
        .unwrap();
        assert_eq!(outcome, Outcome::NonAccolta);
    }
}
