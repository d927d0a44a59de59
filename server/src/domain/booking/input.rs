//! What a booking request must carry, read from what was sent: every problem is an Italian
//! sentence for the field it names (seed: "è obbligatorio inserire un recapito telefonico e le
//! note, prima di utilizzare il tasto «Prenota appuntamento»").

use api::{Attendance, Code, Instant};

pub const NOTES_MAX: usize = 500;

/// An Italian landline (0…) or mobile (3…) number, kept as digits with the +39 prefix removed.
pub const PHONE_MAX: usize = 30;

pub fn parse_phone(raw: &str) -> Result<String, String> {
    const MESSAGE: &str = "Inserisci un numero di telefono italiano valido, fisso o cellulare, ad esempio 06 1234 5678 oppure 347 123 4567.";
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err("Inserisci un recapito telefonico.".into());
    }
    if crate::domain::text::longer_than(raw, PHONE_MAX) {
        return Err(format!(
            "Il recapito telefonico può contenere al massimo {PHONE_MAX} caratteri."
        ));
    }
    if trimmed
        .chars()
        .any(|c| !(c.is_ascii_digit() || " .-/()+".contains(c)))
    {
        return Err(MESSAGE.into());
    }
    let mut digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') {
        digits = digits.strip_prefix("39").ok_or(MESSAGE)?.to_string();
    } else if let Some(rest) = digits.strip_prefix("0039") {
        digits = rest.to_string();
    }
    let valid = match digits.chars().next() {
        Some('0') => (6..=11).contains(&digits.len()),
        Some('3') => (9..=10).contains(&digits.len()),
        _ => false,
    };
    if valid {
        Ok(digits)
    } else {
        Err(MESSAGE.into())
    }
}

/// A video appointment's link is sent by SMS before the time: it needs a mobile number
/// (`digits` as `parse_phone` leaves them; Italian mobiles start with 3).
pub fn check_phone_for(point: api::PointCode, digits: &str) -> Result<(), &'static str> {
    if point == api::PointCode::Video && !digits.starts_with('3') {
        return Err(VIDEO_NEEDS_MOBILE);
    }
    Ok(())
}

pub const VIDEO_NEEDS_MOBILE: &str = "Per la videochiamata indica un numero di cellulare, ad esempio 347 123 4567: il collegamento arriva per SMS a quel numero.";

pub fn parse_notes(raw: &str) -> Result<String, String> {
    let notes = raw.trim();
    if notes.is_empty() {
        return Err("Scrivi una nota: di cosa vuoi parlare all'appuntamento.".into());
    }
    if crate::domain::text::longer_than(raw, NOTES_MAX) {
        return Err("Le note possono contenere al massimo 500 caratteri.".into());
    }
    if notes.chars().any(crate::domain::text::forbidden) {
        return Err("Le note contengono caratteri non ammessi.".into());
    }
    Ok(notes.to_string())
}

/// The start of the slot chosen, as the availability wrote it (any RFC 3339 offset).
pub fn parse_start(raw: &str) -> Result<Instant, &'static str> {
    crate::domain::rome::parse_instant(raw).ok_or("Scegli la data e l'ora dell'appuntamento.")
}

/// A topic code the service does not have.
pub const UNKNOWN_TOPIC: &str = "Argomento non riconosciuto.";

/// A start the slot engine does not offer now.
pub const NOT_OFFERED: &str =
    "L'orario scelto non è tra quelli prenotabili: scegli un orario dall'elenco.";

/// The office of a query (`?office=`): a number.
pub fn parse_office(raw: Option<&str>) -> Result<api::OfficeId, &'static str> {
    raw.and_then(|s| s.parse().ok())
        .ok_or("Scegli una struttura territoriale.")
}

/// The `Idempotency-Key` header: one identifier per booking, at most 200 characters as sent.
pub fn parse_idempotency_key(raw: &str) -> Result<String, &'static str> {
    let key = raw.trim();
    if key.is_empty() {
        return Err(
            "manca l'intestazione Idempotency-Key (un identificativo unico per ogni richiesta).",
        );
    }
    if raw.len() > 200 {
        return Err("l'intestazione Idempotency-Key può contenere al massimo 200 caratteri.");
    }
    Ok(key.to_string())
}

/// The reason of a move: as a cancellation's, mandatory for the office.
pub fn parse_move_reason(raw: Option<&str>, required: bool) -> Result<Option<String>, String> {
    if required && raw.unwrap_or_default().trim().is_empty() {
        return Err("Scrivi il motivo dello spostamento: il contribuente lo leggerà.".into());
    }
    parse_reason(raw, required)
}

/// The reason given for a cancellation: optional for the contributor's side, mandatory for the
/// office (the contributor must be told why); at most 500 characters.
pub fn parse_reason(raw: Option<&str>, required: bool) -> Result<Option<String>, String> {
    let raw = raw.unwrap_or_default();
    let reason = raw.trim();
    if reason.is_empty() {
        return if required {
            Err("Scrivi il motivo dell'annullamento: il contribuente lo leggerà.".into())
        } else {
            Ok(None)
        };
    }
    if crate::domain::text::longer_than(raw, NOTES_MAX) {
        return Err("Il motivo può contenere al massimo 500 caratteri.".into());
    }
    if reason.chars().any(crate::domain::text::forbidden) {
        return Err("Il motivo contiene caratteri non ammessi.".into());
    }
    Ok(Some(reason.to_string()))
}

/// The outcome an operator may record.
pub fn parse_attendance(raw: &Code<Attendance>) -> Result<Attendance, String> {
    let known = match raw {
        Code::Unknown(text) => text.trim().parse().ok(),
        known => known.known(),
    };
    known.ok_or_else(|| "Scegli «Svolto» oppure «Non presentato».".into())
}

/// The "Esito dell'incontro": optional, at most 2000 characters, only with "Svolto".
pub fn parse_meeting_outcome(
    raw: Option<&str>,
    outcome: Attendance,
) -> Result<Option<String>, String> {
    let raw = raw.unwrap_or_default();
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if outcome != Attendance::Svolto {
        return Err("L'esito dell'incontro si scrive solo per un appuntamento svolto.".into());
    }
    if crate::domain::text::longer_than(raw, 2000) {
        return Err("L'esito dell'incontro può contenere al massimo 2000 caratteri.".into());
    }
    if text.chars().any(crate::domain::text::forbidden) {
        return Err("L'esito dell'incontro contiene caratteri non ammessi.".into());
    }
    Ok(Some(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_video_appointment_needs_a_mobile_number() {
        use api::PointCode::*;
        let mobile = parse_phone("+39 347 123 4567").unwrap();
        let landline = parse_phone("06 1234 5678").unwrap();
        assert_eq!(check_phone_for(Video, &mobile), Ok(()));
        assert_eq!(check_phone_for(Video, &landline), Err(VIDEO_NEEDS_MOBILE));
        assert_eq!(check_phone_for(Telefono, &landline), Ok(()));
        assert_eq!(check_phone_for(Sportello, &landline), Ok(()));
    }

    #[test]
    fn landlines_and_mobiles_are_accepted_in_the_usual_spellings() {
        for (raw, digits) in [
            ("06 1234 5678", "0612345678"),
            ("+39 347 123 4567", "3471234567"),
            ("0039-02-12345678", "0212345678"),
            ("(011) 123.456", "011123456"),
        ] {
            assert_eq!(parse_phone(raw).as_deref(), Ok(digits), "{raw}");
        }
    }

    #[test]
    fn what_is_not_an_italian_number_is_refused() {
        for raw in [
            "",
            "12345",
            "+44 20 7946 0958",
            "347 123 45678 9",
            "06 1234 abc",
            "5551234567",
        ] {
            assert!(parse_phone(raw).is_err(), "{raw}");
        }
        // Spaces count towards the schema's maxLength even where they would be trimmed.
        let padded = format!("{}347 123 4567", " ".repeat(PHONE_MAX));
        assert!(parse_phone(&padded).is_err());
    }

    #[test]
    fn notes_are_mandatory_and_short() {
        assert!(parse_notes(" ").is_err());
        assert!(parse_notes(&"a".repeat(501)).is_err());
        assert!(parse_notes(&format!("{}\n", "a".repeat(500))).is_err());
        assert_eq!(parse_notes(" <b>ciao</b> ").as_deref(), Ok("<b>ciao</b>"));
    }
}
