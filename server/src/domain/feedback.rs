//! What people tell the service about itself: Valuta il servizio (one rating per event per
//! person, never in the way) and the accessibility reports of the Dichiarazione di
//! accessibilità's form. Parse, don't validate: each failure is a field and a sentence.

use super::communication::FieldErrors;
use api::{AppointmentStatus, CommunicationStatus, RatingOccasion, RATING_COMMENT_MAX};
use catalogue::{t, Text};

/// What an appointment in `status` may be rated for by its contributor's side.
pub fn appointment_occasion(status: AppointmentStatus) -> Option<RatingOccasion> {
    match status {
        AppointmentStatus::Confermato => Some(RatingOccasion::Booked),
        AppointmentStatus::Svolto => Some(RatingOccasion::Attended),
        _ => None,
    }
}

/// A thread is rated once the office has closed it, whatever its outcome.
pub fn thread_occasion(status: CommunicationStatus) -> Option<RatingOccasion> {
    match status {
        CommunicationStatus::Accolta
        | CommunicationStatus::NonAccolta
        | CommunicationStatus::Chiusa => Some(RatingOccasion::Closed),
        CommunicationStatus::Inviata | CommunicationStatus::InLavorazione => None,
    }
}

/// A rating as it is kept.
#[derive(Debug, PartialEq, Eq)]
pub struct Rating {
    pub occasion: RatingOccasion,
    pub score: i64,
    pub comment: String,
}

/// A rating for `due` (what the subject may be rated for now; none: nothing is).
pub fn parse_rating(
    raw: &api::NewRating,
    due: Option<RatingOccasion>,
) -> Result<Rating, FieldErrors> {
    let mut errors = FieldErrors::new();
    let occasion = match &raw.occasion {
        api::Code::Known(occasion) if Some(*occasion) == due => Some(*occasion),
        api::Code::Known(_) => {
            errors.insert("occasion".into(), t::rating_not_due());
            None
        }
        api::Code::Unknown(_) => {
            errors.insert("occasion".into(), t::rating_occasion_unknown());
            None
        }
    };
    if !api::RATING_SCORES.contains(&raw.score) {
        errors.insert("score".into(), t::rating_score_missing());
    }
    let comment = raw.comment.trim();
    if super::text::longer_than(&raw.comment, RATING_COMMENT_MAX) {
        errors.insert(
            "comment".into(),
            t::rating_comment_too_long(RATING_COMMENT_MAX),
        );
    } else if comment.chars().any(super::text::forbidden) {
        errors.insert("comment".into(), t::thread_text_forbidden());
    }
    match occasion {
        Some(occasion) if errors.is_empty() => Ok(Rating {
            occasion,
            score: raw.score,
            comment: comment.to_string(),
        }),
        _ => Err(errors),
    }
}

pub const REPORT_PAGE_MAX: usize = 300;
pub const REPORT_TEXT_MAX: usize = 4000;
pub const REPORT_NAME_MAX: usize = 150;

/// A report of an accessibility problem, as the statement's form sends it.
#[derive(Debug, PartialEq, Eq, Default)]
pub struct Report {
    pub page: String,
    pub description: String,
    pub name: String,
    pub email: String,
}

fn optional_line(raw: &str, max: usize, too_long: Text) -> Result<String, Text> {
    if super::text::longer_than(raw, max) {
        return Err(too_long);
    }
    let value = raw.trim();
    if value.chars().any(super::text::forbidden_in_line) {
        return Err(t::report_text_forbidden());
    }
    Ok(value.to_string())
}

/// The form's fields: the description is required, the rest optional (an e-mail address, if
/// given, must be one: the answer goes there).
pub fn parse_report(
    page: &str,
    description: &str,
    name: &str,
    email: &str,
) -> Result<Report, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut report = Report::default();
    match optional_line(
        page,
        REPORT_PAGE_MAX,
        t::report_page_too_long(REPORT_PAGE_MAX),
    ) {
        Ok(value) => report.page = value,
        Err(e) => drop(errors.insert("pagina".into(), e)),
    }
    let text = description.trim();
    if text.is_empty() {
        errors.insert("descrizione".into(), t::report_description_empty());
    } else if super::text::longer_than(description, REPORT_TEXT_MAX) {
        errors.insert(
            "descrizione".into(),
            t::report_description_too_long(REPORT_TEXT_MAX),
        );
    } else if text.chars().any(super::text::forbidden) {
        errors.insert("descrizione".into(), t::report_text_forbidden());
    } else {
        report.description = text.to_string();
    }
    match optional_line(
        name,
        REPORT_NAME_MAX,
        t::report_name_too_long(REPORT_NAME_MAX),
    ) {
        Ok(value) => report.name = value,
        Err(e) => drop(errors.insert("nome".into(), e)),
    }
    if !email.trim().is_empty() {
        match super::contacts::parse_email(email) {
            Ok(value) => report.email = value,
            Err(e) => drop(errors.insert("email".into(), e)),
        }
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        Err(errors)
    }
}

/// AgID's guidelines: the administration answers a report within 30 days.
pub const ANSWER_WITHIN_DAYS: i64 = 30;

#[cfg(test)]
mod tests {
    use super::*;
    use api::Code;

    fn rating(occasion: &str, score: i64, comment: &str) -> api::NewRating {
        api::NewRating {
            occasion: Code::read(occasion),
            score,
            comment: comment.into(),
        }
    }

    #[test]
    fn a_rating_is_for_what_is_due_now_on_a_scale_of_five() {
        let due = Some(RatingOccasion::Booked);
        let ok = parse_rating(&rating("prenotazione", 4, "  Tutto chiaro  "), due).unwrap();
        assert_eq!((ok.score, ok.comment.as_str()), (4, "Tutto chiaro"));
        assert!(parse_rating(&rating("prenotazione", 5, ""), due).is_ok());
        for score in [0, 6, -1] {
            let e = parse_rating(&rating("prenotazione", score, ""), due).unwrap_err();
            assert!(e.contains_key("score"));
        }
        let e = parse_rating(&rating("appuntamento", 3, ""), due).unwrap_err();
        assert!(e.contains_key("occasion"));
        let e = parse_rating(&rating("boh", 3, ""), due).unwrap_err();
        assert!(e.contains_key("occasion"));
        let e = parse_rating(&rating("prenotazione", 3, ""), None).unwrap_err();
        assert!(e.contains_key("occasion"));
        let long = "x".repeat(RATING_COMMENT_MAX + 1);
        let e = parse_rating(&rating("prenotazione", 3, &long), due).unwrap_err();
        assert!(e.contains_key("comment"));
        let e = parse_rating(&rating("prenotazione", 3, "a\u{202E}b"), due).unwrap_err();
        assert!(e.contains_key("comment"));
    }

    #[test]
    fn what_may_be_rated_follows_the_status() {
        assert_eq!(
            appointment_occasion(AppointmentStatus::Confermato),
            Some(RatingOccasion::Booked)
        );
        assert_eq!(
            appointment_occasion(AppointmentStatus::Svolto),
            Some(RatingOccasion::Attended)
        );
        assert_eq!(appointment_occasion(AppointmentStatus::Prenotato), None);
        assert_eq!(appointment_occasion(AppointmentStatus::Annullato), None);
        assert_eq!(thread_occasion(CommunicationStatus::InLavorazione), None);
        assert_eq!(
            thread_occasion(CommunicationStatus::NonAccolta),
            Some(RatingOccasion::Closed)
        );
    }

    #[test]
    fn a_report_needs_a_description_and_a_real_address_if_any() {
        let r = parse_report(" /appuntamenti ", " Il pulsante non si legge ", "", "").unwrap();
        assert_eq!(r.page, "/appuntamenti");
        assert_eq!(r.description, "Il pulsante non si legge");
        let e = parse_report("", "   ", "Anna", "non-un-indirizzo").unwrap_err();
        assert!(e.contains_key("descrizione") && e.contains_key("email"));
        let e = parse_report("a\nb", "testo", "", "").unwrap_err();
        assert!(e.contains_key("pagina"));
        let e = parse_report("", &"x".repeat(REPORT_TEXT_MAX + 1), "", "").unwrap_err();
        assert!(e.contains_key("descrizione"));
        let ok = parse_report("", "testo", "Anna Bianchi", "anna@example.it").unwrap();
        assert_eq!(ok.email, "anna@example.it");
    }
}
