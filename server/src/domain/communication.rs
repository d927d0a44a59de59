//! What a thread, a message and an outcome must be before anything is stored: parse, don't
//! validate. Each failure is a field and an Italian sentence.

use api::Outcome;
use std::collections::BTreeMap;

pub const SUBJECT_MAX: usize = 150;
pub const TEXT_MAX: usize = 4000;

pub type FieldErrors = BTreeMap<String, String>;

/// Trimmed, non-empty, at most `max` characters, no control characters but new lines and tabs
/// (PostgreSQL refuses NUL, and nobody types the others).
fn text_field(raw: &str, max: usize, empty: &str, too_long: &str) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(empty.to_string());
    }
    if super::text::longer_than(raw, max) {
        return Err(too_long.to_string());
    }
    if value.chars().any(super::text::forbidden) {
        return Err("Il testo contiene caratteri non ammessi.".to_string());
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
        errors.insert("topic".into(), "Scegli l'argomento.".into());
    } else if !known_topic(topic) {
        errors.insert("topic".into(), "Scegli un argomento dell'elenco.".into());
    }
    let subject = text_field(
        &raw.subject,
        SUBJECT_MAX,
        "Inserisci l'oggetto.",
        "L'oggetto può contenere al massimo 150 caratteri.",
    )
    .and_then(|subject| {
        if subject.chars().any(super::text::forbidden_in_line) {
            Err("L'oggetto sta su una riga e non può contenere caratteri invisibili o di controllo.".to_string())
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

pub fn message_text(text: &str) -> Result<String, String> {
    text_field(
        text,
        TEXT_MAX,
        "Scrivi il testo del messaggio.",
        "Il testo può contenere al massimo 4000 caratteri.",
    )
}

/// An internal note of the office: at most 2000 characters, the same text rules.
pub fn note_text(text: &str) -> Result<String, String> {
    text_field(
        text,
        NOTE_MAX,
        "Scrivi il testo della nota.",
        "La nota può contenere al massimo 2000 caratteri.",
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
) -> Result<Vec<api::AttachmentId>, String> {
    if ids.len() > limits.per_message {
        return Err(format!(
            "Un messaggio può avere al massimo {} allegati.",
            limits.per_message
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    if !ids.iter().all(|id| seen.insert(*id)) {
        return Err("Lo stesso allegato è indicato più di una volta.".into());
    }
    Ok(ids.to_vec())
}

/// A page of a list (`?page=`), from 1 (the default) to 100 000.
pub fn parse_page(raw: Option<&str>) -> Result<u32, &'static str> {
    match raw {
        None | Some("") => Ok(1),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .ok_or("Numero di pagina non valido."),
    }
}

/// A thread status filter (`?status=`).
pub fn parse_status(raw: &str) -> Result<api::CommunicationStatus, &'static str> {
    raw.parse().map_err(|_| "Stato non riconosciuto.")
}

/// A topic filter (`?topic=`), one of `known`.
pub fn parse_topic(raw: &str, known: impl Fn(&str) -> bool) -> Result<String, &'static str> {
    if known(raw) {
        Ok(raw.to_string())
    } else {
        Err("Argomento non riconosciuto.")
    }
}

/// No office serves the contributor's province.
pub const NO_OFFICE: &str = "Non è stato possibile individuare la struttura territoriale competente per la tua provincia. Contatta il Contact Center INPS.";

/// The office's message that records an outcome.
pub fn outcome_text(outcome: Outcome, motivation: &str) -> String {
    format!("Esito: {}.\n{motivation}", outcome.status().label())
}

pub fn parse_outcome(raw: &api::OutcomeRequest) -> Result<(Outcome, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let outcome = raw.outcome.known();
    if outcome.is_none() {
        errors.insert(
            "outcome".into(),
            "Scegli l'esito: Accolta o Non accolta.".into(),
        );
    }
    let text = text_field(
        &raw.text,
        TEXT_MAX,
        "Scrivi la motivazione dell'esito.",
        "La motivazione può contenere al massimo 4000 caratteri.",
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
                errors.get(field).map(String::as_str),
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
