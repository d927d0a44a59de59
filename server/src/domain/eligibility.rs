//! "Richiedi appuntamento" (seed: "può essere attivata sia dopo un dato numero di giorni
//! (fissato in funzione dell'argomento) dalla data iniziale di invio della comunicazione sia nel
//! caso di istanza non accolta").

use super::speech;
use api::{CommunicationStatus, Eligibility, Language, Reference};
use catalogue::t;
use jiff::civil::Date;
use jiff::ToSpan;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Enough days have passed since the thread was first sent.
    ByDays,
    /// The request was not accepted: an appointment may be asked at once.
    ByRejection,
    /// Not yet: from this date by days, or earlier if the request, still open, is not accepted.
    NotYet {
        available_from: Date,
        still_open: bool,
    },
    /// The thread already has an active appointment: that one is shown instead.
    AlreadyBooked { reference: Reference },
}

pub struct Facts<'a> {
    pub sent_on: Date,
    pub topic_days: i64,
    pub status: CommunicationStatus,
    pub active_appointment: Option<&'a Reference>,
    pub today: Date,
}

pub fn decide(facts: &Facts) -> Decision {
    if let Some(reference) = facts.active_appointment {
        return Decision::AlreadyBooked {
            reference: reference.clone(),
        };
    }
    if facts.status == CommunicationStatus::NonAccolta {
        return Decision::ByRejection;
    }
    let available_from = facts
        .sent_on
        .checked_add(facts.topic_days.days())
        .unwrap_or(Date::MAX);
    if facts.today >= available_from {
        Decision::ByDays
    } else {
        Decision::NotYet {
            available_from,
            still_open: matches!(
                facts.status,
                CommunicationStatus::Inviata | CommunicationStatus::InLavorazione
            ),
        }
    }
}

/// The decision as the API states it, with the sentence the user reads in `language`.
pub fn describe(decision: &Decision, topic_days: i64, language: Language) -> Eligibility {
    let words = speech::catalogue(language);
    let days = topic_days;
    match decision {
        Decision::ByDays => Eligibility {
            eligible: true,
            reason: words.render(&t::eligible_by_days(days)),
            available_from: None,
            active_appointment: None,
            limit_reached: false,
        },
        Decision::ByRejection => Eligibility {
            eligible: true,
            reason: words.render(&t::eligible_by_rejection()),
            available_from: None,
            active_appointment: None,
            limit_reached: false,
        },
        Decision::NotYet {
            available_from,
            still_open,
        } => {
            let date = available_from.to_string();
            // An accepted or closed request will not be rejected any more: no "or earlier".
            let said = speech::date(language, &date);
            let reason = if *still_open {
                t::eligible_from_or_earlier(said, days)
            } else {
                t::eligible_from(said, days)
            };
            Eligibility {
                eligible: false,
                reason: words.render(&reason),
                available_from: Some(date),
                active_appointment: None,
                limit_reached: false,
            }
        }
        Decision::AlreadyBooked { reference } => Eligibility {
            eligible: false,
            reason: words.render(&t::eligible_already_booked(reference.as_str())),
            available_from: None,
            active_appointment: Some(reference.clone()),
            limit_reached: false,
        },
    }
}

/// A thread that could be booked, for a contributor who already has `active` active
/// appointments: past the limit it cannot, and says so before anything is filled in.
pub fn within_limit(e: Eligibility, active: usize, language: Language) -> Eligibility {
    let max = super::booking::MAX_ACTIVE_PER_CONTRIBUTOR;
    if !e.eligible || (active as i64) < max {
        return e;
    }
    Eligibility {
        eligible: false,
        reason: speech::catalogue(language).render(&t::eligible_limit_reached(max)),
        limit_reached: true,
        ..e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_limit_of_active_appointments_is_said_before_booking() {
        let open = describe(&Decision::ByRejection, 30, Language::It);
        assert!(within_limit(open.clone(), 2, Language::It).eligible);
        let full = within_limit(open, 3, Language::It);
        assert!(!full.eligible && full.limit_reached);
        assert!(full.reason.contains("Gestione appuntamenti"));
        // A thread not bookable anyway keeps its own reason.
        let booked = describe(
            &Decision::AlreadyBooked {
                reference: Reference::from("AP-2026-000001"),
            },
            30,
            Language::It,
        );
        assert_eq!(within_limit(booked.clone(), 3, Language::It), booked);
    }

    fn facts(status: CommunicationStatus, today: Date) -> Facts<'static> {
        Facts {
            sent_on: date(2026, 2, 10),
            topic_days: 30,
            status,
            active_appointment: None,
            today,
        }
    }

    #[test]
    fn the_topic_days_after_sending_enable_it() {
        let f = facts(CommunicationStatus::InLavorazione, date(2026, 3, 12));
        assert_eq!(decide(&f), Decision::ByDays);
    }

    #[test]
    fn the_day_before_it_is_not_yet_and_says_from_when() {
        let f = facts(CommunicationStatus::InLavorazione, date(2026, 3, 11));
        let decision = decide(&f);
        assert_eq!(
            decision,
            Decision::NotYet {
                available_from: date(2026, 3, 12),
                still_open: true,
            }
        );
        let described = describe(&decision, 30, Language::It);
        assert!(!described.eligible);
        assert_eq!(
            described.reason,
            "Potrai richiedere un appuntamento dal 12 marzo 2026 (30 giorni dopo l'invio), oppure prima se la richiesta non viene accolta."
        );
        assert_eq!(described.available_from.as_deref(), Some("2026-03-12"));
        let accepted = facts(CommunicationStatus::Accolta, date(2026, 3, 11));
        assert_eq!(
            describe(&decide(&accepted), 30, Language::It).reason,
            "Potrai richiedere un appuntamento dal 12 marzo 2026 (30 giorni dopo l'invio).",
            "an accepted request will not be rejected any more"
        );
    }

    #[test]
    fn a_rejection_enables_it_at_once() {
        let f = facts(CommunicationStatus::NonAccolta, date(2026, 2, 11));
        assert_eq!(decide(&f), Decision::ByRejection);
        assert!(describe(&Decision::ByRejection, 30, Language::It).eligible);
    }

    #[test]
    fn an_accepted_request_still_waits_for_the_days() {
        let f = facts(CommunicationStatus::Accolta, date(2026, 2, 20));
        assert!(matches!(decide(&f), Decision::NotYet { .. }));
    }

    #[test]
    fn an_active_appointment_wins_over_everything() {
        let mut f = facts(CommunicationStatus::NonAccolta, date(2026, 4, 1));
        let reference = Reference::from("AP-2026-000123");
        f.active_appointment = Some(&reference);
        let decision = decide(&f);
        let described = describe(&decision, 30, Language::It);
        assert!(!described.eligible);
        assert_eq!(described.active_appointment, Some(reference.clone()));
    }

    #[test]
    fn months_of_different_lengths_are_counted_in_days() {
        let mut f = Facts {
            sent_on: date(2026, 1, 31),
            topic_days: 30,
            status: CommunicationStatus::Inviata,
            active_appointment: None,
            today: date(2026, 3, 1),
        };
        assert!(
            matches!(decide(&f), Decision::NotYet { .. }),
            "February has 28 days"
        );
        f.today = date(2026, 3, 2);
        assert_eq!(decide(&f), Decision::ByDays);
    }
}
