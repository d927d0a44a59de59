//! What a booking request must carry, read from what was sent: every problem is a catalogue
//! sentence for the field it names (seed: "è obbligatorio inserire un recapito telefonico e le
//! note, prima di utilizzare il tasto «Prenota appuntamento»").

use api::{Attendance, Code, Instant};
use catalogue::{t, Text};

pub const NOTES_MAX: usize = 500;
/// The "Esito dell'incontro" an operator writes.
pub const OUTCOME_MAX: usize = 2000;

/// An Italian landline (0…) or mobile (3…) number, kept as digits with the +39 prefix removed.
pub const PHONE_MAX: usize = 30;

pub fn parse_phone(raw: &str) -> Result<String, Text> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(t::booking_phone_empty());
    }
    if crate::domain::text::longer_than(raw, PHONE_MAX) {
        return Err(t::booking_phone_too_long(PHONE_MAX));
    }
    if trimmed
        .chars()
        .any(|c| !(c.is_ascii_digit() || " .-/()+".contains(c)))
    {
        return Err(t::booking_phone_invalid());
    }
    let mut digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') {
        digits = digits
            .strip_prefix("39")
            .ok_or_else(t::booking_phone_invalid)?
            .to_string();
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
        Err(t::booking_phone_invalid())
    }
}

/// A video appointment's link is sent by SMS before the time: it needs a mobile number
/// (`digits` as `parse_phone` leaves them; Italian mobiles start with 3).
pub fn check_phone_for(point: api::PointCode, digits: &str) -> Result<(), Text> {
    if point == api::PointCode::Video && !digits.starts_with('3') {
        return Err(t::booking_video_needs_mobile());
    }
    Ok(())
}

pub fn parse_notes(raw: &str) -> Result<String, Text> {
    let notes = raw.trim();
    if notes.is_empty() {
        return Err(t::booking_notes_empty());
    }
    if crate::domain::text::longer_than(raw, NOTES_MAX) {
        return Err(t::booking_notes_too_long(NOTES_MAX));
    }
    if notes.chars().any(crate::domain::text::forbidden) {
        return Err(t::booking_notes_forbidden());
    }
    Ok(notes.to_string())
}

/// The start of the slot chosen, as the availability wrote it (any RFC 3339 offset).
pub fn parse_start(raw: &str) -> Result<Instant, Text> {
    crate::domain::rome::parse_instant(raw).ok_or_else(t::booking_start_missing)
}

/// The office of a query (`?office=`): a number.
pub fn parse_office(raw: Option<&str>) -> Result<api::OfficeId, Text> {
    raw.and_then(|s| s.parse().ok())
        .ok_or_else(t::booking_office_missing)
}

/// The `Idempotency-Key` header: one identifier per booking, at most 200 characters as sent.
pub fn parse_idempotency_key(raw: &str) -> Result<String, Text> {
    let key = raw.trim();
    if key.is_empty() {
        return Err(t::booking_idempotency_missing());
    }
    if raw.len() > 200 {
        return Err(t::booking_idempotency_too_long());
    }
    Ok(key.to_string())
}

/// The reason of a move: as a cancellation's, mandatory for the office.
pub fn parse_move_reason(raw: Option<&str>, required: bool) -> Result<Option<String>, Text> {
    if required && raw.unwrap_or_default().trim().is_empty() {
        return Err(t::booking_move_reason_empty());
    }
    parse_reason(raw, required)
}

/// The reason given for a cancellation: optional for the contributor's side, mandatory for the
/// office (the contributor must be told why); at most 500 characters.
pub fn parse_reason(raw: Option<&str>, required: bool) -> Result<Option<String>, Text> {
    let raw = raw.unwrap_or_default();
    let reason = raw.trim();
    if reason.is_empty() {
        return if required {
            Err(t::booking_cancel_reason_empty())
        } else {
            Ok(None)
        };
    }
    if crate::domain::text::longer_than(raw, NOTES_MAX) {
        return Err(t::booking_reason_too_long(NOTES_MAX));
    }
    if reason.chars().any(crate::domain::text::forbidden) {
        return Err(t::booking_reason_forbidden());
    }
    Ok(Some(reason.to_string()))
}

/// The outcome an operator may record.
pub fn parse_attendance(raw: &Code<Attendance>) -> Result<Attendance, Text> {
    let known = match raw {
        Code::Unknown(text) => text.trim().parse().ok(),
        known => known.known(),
    };
    known.ok_or_else(t::booking_attendance_missing)
}

/// The "Esito dell'incontro": optional, at most 2000 characters, only with "Svolto".
pub fn parse_meeting_outcome(
    raw: Option<&str>,
    outcome: Attendance,
) -> Result<Option<String>, Text> {
    let raw = raw.unwrap_or_default();
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if outcome != Attendance::Svolto {
        return Err(t::booking_outcome_not_held());
    }
    if crate::domain::text::longer_than(raw, OUTCOME_MAX) {
        return Err(t::booking_outcome_too_long(OUTCOME_MAX));
    }
    if text.chars().any(crate::domain::text::forbidden) {
        return Err(t::booking_outcome_forbidden());
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
        assert_eq!(
            check_phone_for(Video, &landline),
            Err(t::booking_video_needs_mobile())
        );
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
