//! The booking state machine: what each step may do from each state, and who may take it.
//! What a request must carry is read in `input`.

mod input;

pub use input::*;

use api::{AppointmentStatus, Attendance, ErrorCode, Instant};
use catalogue::{t, Text};

/// A hold lasts this long, and each "Estendi" gives this long again from that moment.
pub const HOLD_SECONDS: i64 = 15 * 60;
/// WCAG 2.2.1 asks that a time limit can be extended at least ten times.
pub const MAX_EXTENSIONS: i64 = 10;
/// At most this many active appointments per contributor.
pub const MAX_ACTIVE_PER_CONTRIBUTOR: i64 = 3;

/// An office moves its appointments only to another time of its own.
pub fn may_move_to(viewer: Viewer, from: api::OfficeId, to: api::OfficeId) -> Result<(), Text> {
    if viewer == Viewer::Office && from != to {
        return Err(t::office_moves_at_own_office());
    }
    Ok(())
}

/// The office books for a contributor only at itself (its agenda, its desk).
pub fn office_books_at(own: Option<api::OfficeId>, at: api::OfficeId) -> Result<(), Text> {
    if own != Some(at) {
        return Err(t::office_books_at_own_office());
    }
    Ok(())
}

/// The office books for a thread whenever it is open to messages: the waiting days of
/// "Richiedi appuntamento" bind the contributor's side, not the office that decides to meet.
pub fn office_may_book(status: api::CommunicationStatus) -> Result<(), Text> {
    if status == api::CommunicationStatus::Chiusa {
        return Err(t::office_thread_closed());
    }
    Ok(())
}

/// Only a confirmed appointment goes into a calendar.
pub fn calendar_file(status: AppointmentStatus) -> Result<(), Refusal> {
    if status == AppointmentStatus::Confermato {
        Ok(())
    } else {
        Err(Refusal::Conflict(
            ErrorCode::NotConfirmed,
            t::calendar_only_confirmed(),
        ))
    }
}

/// What an appointment is, as far as the rules care, at a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Held and still within its time.
    Held,
    /// Held, but the time ran out (whether or not the sweeper has noticed).
    HoldExpired,
    Other(AppointmentStatus),
}

pub fn state(status: AppointmentStatus, hold_expires_at: Option<Instant>, now: Instant) -> State {
    match status {
        AppointmentStatus::Prenotato if hold_expires_at.is_some_and(|t| t > now) => State::Held,
        AppointmentStatus::Prenotato => State::HoldExpired,
        other => State::Other(other),
    }
}

/// Whether an appointment still takes its place and counts toward the limits.
pub fn is_active(
    status: AppointmentStatus,
    hold_expires_at: Option<Instant>,
    starts_at: Instant,
    now: Instant,
) -> bool {
    match state(status, hold_expires_at, now) {
        State::Held => true,
        State::Other(AppointmentStatus::Confermato) => starts_at > now,
        _ => false,
    }
}

/// Why a step is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 410: the hold is over.
    Expired,
    /// 409, with the user's sentence.
    Conflict(ErrorCode, Text),
}

/// The outcome of asking for a step: a new status, or the same answer again (idempotent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    To(AppointmentStatus),
    AlreadyDone,
}

pub fn confirm(current: State) -> Result<Step, Refusal> {
    match current {
        State::Held => Ok(Step::To(AppointmentStatus::Confermato)),
        State::Other(AppointmentStatus::Confermato) => Ok(Step::AlreadyDone),
        State::HoldExpired | State::Other(AppointmentStatus::Scaduto) => Err(Refusal::Expired),
        State::Other(_) => Err(Refusal::Conflict(
            ErrorCode::NotHeld,
            t::hold_cannot_confirm(),
        )),
    }
}

pub fn release(current: State) -> Result<Step, Refusal> {
    match current {
        State::Held => Ok(Step::To(AppointmentStatus::PrenotazioneCancellata)),
        State::Other(AppointmentStatus::PrenotazioneCancellata) => Ok(Step::AlreadyDone),
        State::HoldExpired | State::Other(AppointmentStatus::Scaduto) => Err(Refusal::Expired),
        State::Other(AppointmentStatus::Confermato) => Err(Refusal::Conflict(
            ErrorCode::AlreadyConfirmed,
            t::hold_already_confirmed(),
        )),
        State::Other(_) => Err(Refusal::Conflict(
            ErrorCode::NotHeld,
            t::hold_cannot_release(),
        )),
    }
}

pub fn extend(current: State, extensions: i64) -> Result<Step, Refusal> {
    match current {
        State::Held if extensions < MAX_EXTENSIONS => Ok(Step::To(AppointmentStatus::Prenotato)),
        State::Held => Err(Refusal::Conflict(
            ErrorCode::TooManyExtensions,
            t::hold_extended_enough(),
        )),
        State::HoldExpired | State::Other(AppointmentStatus::Scaduto) => Err(Refusal::Expired),
        State::Other(_) => Err(Refusal::Conflict(ErrorCode::NotHeld, t::hold_not_waiting())),
    }
}

/// Until when the contributor's side may cancel a confirmed appointment online: the topic's
/// cut-off before its start.
pub fn cancel_deadline(starts_at: Instant, cutoff_minutes: i64) -> Instant {
    starts_at - cutoff_minutes * 60
}

/// Annulla appuntamento, by the contributor or their intermediary.
pub fn cancel(
    current: State,
    starts_at: Instant,
    cutoff_minutes: i64,
    now: Instant,
) -> Result<Step, Refusal> {
    match current {
        State::Other(AppointmentStatus::Confermato)
            if now < cancel_deadline(starts_at, cutoff_minutes) =>
        {
            Ok(Step::To(AppointmentStatus::Annullato))
        }
        State::Other(AppointmentStatus::Confermato) if now < starts_at => Err(Refusal::Conflict(
            ErrorCode::PastCutoff,
            t::cancel_too_late(),
        )),
        State::Other(AppointmentStatus::Annullato) => Ok(Step::AlreadyDone),
        State::Other(AppointmentStatus::Confermato) => Err(Refusal::Conflict(
            ErrorCode::AlreadyStarted,
            t::cancel_started(),
        )),
        _ => Err(Refusal::Conflict(
            ErrorCode::NotConfirmed,
            t::cancel_only_confirmed(),
        )),
    }
}

/// Annulla appuntamento by the office: a confirmed appointment that has not started yet.
pub fn cancel_by_office(current: State, starts_at: Instant, now: Instant) -> Result<Step, Refusal> {
    match current {
        State::Other(AppointmentStatus::Confermato) if now < starts_at => {
            Ok(Step::To(AppointmentStatus::Annullato))
        }
        // No cut-off for the office, so any later cancellation is the same rule as the user's.
        other => cancel(other, starts_at, 0, now),
    }
}

/// How many times an appointment may be moved: moving is not a way to keep places.
pub const MAX_MOVES: i64 = 3;

/// What the time limits of a confirmed appointment depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    pub starts_at: Instant,
    /// The topic's cut-off for cancelling or moving online, before the start.
    pub cutoff_minutes: i64,
    /// How many times it was moved already.
    pub moves: i64,
    /// When the office first recorded whether it took place.
    pub attended_at: Option<Instant>,
}

/// Sposta appuntamento: a confirmed appointment, by the contributor's side until the same
/// cut-off as cancelling, by the office until the start; at most `MAX_MOVES` times.
pub fn may_move(
    current: State,
    when: &Deadlines,
    viewer: Viewer,
    now: Instant,
) -> Result<(), Refusal> {
    let Deadlines {
        starts_at,
        cutoff_minutes,
        moves,
        ..
    } = *when;
    let cutoff = match viewer {
        Viewer::ContributorSide => cutoff_minutes,
        Viewer::Office => 0,
    };
    match current {
        State::Other(AppointmentStatus::Confermato) if now < cancel_deadline(starts_at, cutoff) => {
            if moves >= MAX_MOVES {
                Err(Refusal::Conflict(
                    ErrorCode::TooManyMoves,
                    t::move_too_many(),
                ))
            } else {
                Ok(())
            }
        }
        State::Other(AppointmentStatus::Confermato) if now < starts_at => {
            Err(Refusal::Conflict(ErrorCode::PastCutoff, t::move_too_late()))
        }
        State::Other(AppointmentStatus::Confermato) => Err(Refusal::Conflict(
            ErrorCode::AlreadyStarted,
            t::move_started(),
        )),
        _ => Err(Refusal::Conflict(
            ErrorCode::NotConfirmed,
            t::move_only_confirmed(),
        )),
    }
}

/// Who looks at an appointment: the contributor's side, or an operator of its office.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    ContributorSide,
    Office,
}

/// What a viewer may do with an appointment now: the one rule behind every `can_cancel`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Permissions {
    pub can_cancel: bool,
    /// Sposta appuntamento: the same window as cancelling, while moves are left.
    pub can_move: bool,
    /// The contributor's side only: until when a confirmed appointment may be cancelled.
    pub cancel_until: Option<Instant>,
    pub can_record_attendance: bool,
    /// The office corrects what it recorded, within a day of recording it.
    pub can_correct_attendance: bool,
}

pub fn permissions(
    viewer: Viewer,
    status: AppointmentStatus,
    when: &Deadlines,
    now: Instant,
) -> Permissions {
    let Deadlines {
        starts_at,
        cutoff_minutes,
        moves,
        attended_at,
    } = *when;
    let confirmed = status == AppointmentStatus::Confermato;
    let moves_left = moves < MAX_MOVES;
    match viewer {
        Viewer::ContributorSide => {
            let ahead = confirmed && starts_at > now;
            let deadline = cancel_deadline(starts_at, cutoff_minutes);
            Permissions {
                can_cancel: ahead && now < deadline,
                can_move: ahead && now < deadline && moves_left,
                cancel_until: ahead.then_some(deadline),
                can_record_attendance: false,
                can_correct_attendance: false,
            }
        }
        // The office cancels until the start (no cut-off) and records attendance after it.
        Viewer::Office => Permissions {
            can_cancel: confirmed && now < starts_at,
            can_move: confirmed && now < starts_at && moves_left,
            cancel_until: None,
            can_record_attendance: confirmed && now >= starts_at,
            can_correct_attendance: correct_attendance(status, attended_at, None, now).is_ok(),
        },
    }
}

/// "Svolto" or "Non presentato", recorded by the office once the appointment has started.
pub fn attendance(
    current: State,
    outcome: Attendance,
    starts_at: Instant,
    now: Instant,
) -> Result<Step, Refusal> {
    let outcome = outcome.status();
    match current {
        State::Other(AppointmentStatus::Confermato) if now >= starts_at => Ok(Step::To(outcome)),
        State::Other(AppointmentStatus::Confermato) => Err(Refusal::Conflict(
            ErrorCode::NotStarted,
            t::attendance_not_started(),
        )),
        State::Other(recorded) if recorded == outcome => Ok(Step::AlreadyDone),
        State::Other(AppointmentStatus::Svolto | AppointmentStatus::NonPresentato) => Err(
            Refusal::Conflict(ErrorCode::AttendanceRecorded, t::attendance_already()),
        ),
        _ => Err(Refusal::Conflict(
            ErrorCode::NotConfirmed,
            t::attendance_only_confirmed(),
        )),
    }
}

/// How long the office may correct the attendance it recorded: a slip of the hand at the desk
/// is seen the same day, while what the contributor was told is still fresh.
pub const ATTENDANCE_CORRECTION_SECONDS: i64 = 24 * 3600;

/// The office corrects "Svolto" into "Non presentato" or back, within
/// `ATTENDANCE_CORRECTION_SECONDS` of first recording it; `to` None asks only whether it may.
pub fn correct_attendance(
    status: AppointmentStatus,
    attended_at: Option<Instant>,
    to: Option<Attendance>,
    now: Instant,
) -> Result<Step, Refusal> {
    let recorded = matches!(
        status,
        AppointmentStatus::Svolto | AppointmentStatus::NonPresentato
    );
    match attended_at {
        Some(at) if recorded && now < at + ATTENDANCE_CORRECTION_SECONDS => {}
        Some(_) if recorded => {
            return Err(Refusal::Conflict(
                ErrorCode::CorrectionClosed,
                t::attendance_correction_too_late(),
            ))
        }
        _ => {
            return Err(Refusal::Conflict(
                ErrorCode::CorrectionClosed,
                t::attendance_nothing_to_correct(),
            ))
        }
    }
    match to.map(Attendance::status) {
        Some(same) if same == status => Ok(Step::AlreadyDone),
        Some(other) => Ok(Step::To(other)),
        None => Ok(Step::AlreadyDone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::Code;
    use AppointmentStatus::*;

    const fn at(seconds: i64) -> Instant {
        Instant(seconds)
    }

    const WHEN: Deadlines = Deadlines {
        starts_at: at(10_000),
        cutoff_minutes: 120,
        moves: 0,
        attended_at: None,
    };

    #[test]
    fn the_office_corrects_an_attendance_within_a_day_of_recording_it() {
        let day = ATTENDANCE_CORRECTION_SECONDS;
        assert_eq!(
            correct_attendance(
                Svolto,
                Some(at(100)),
                Some(Attendance::NonPresentato),
                at(100 + day - 1)
            ),
            Ok(Step::To(NonPresentato))
        );
        assert_eq!(
            correct_attendance(
                NonPresentato,
                Some(at(100)),
                Some(Attendance::NonPresentato),
                at(200)
            ),
            Ok(Step::AlreadyDone)
        );
        assert!(matches!(
            correct_attendance(
                Svolto,
                Some(at(100)),
                Some(Attendance::NonPresentato),
                at(100 + day)
            ),
            Err(Refusal::Conflict(ErrorCode::CorrectionClosed, _))
        ));
        assert!(matches!(
            correct_attendance(Confermato, None, Some(Attendance::Svolto), at(100)),
            Err(Refusal::Conflict(ErrorCode::CorrectionClosed, _))
        ));
        let recorded = Deadlines {
            attended_at: Some(at(10_500)),
            ..WHEN
        };
        assert!(permissions(Viewer::Office, Svolto, &recorded, at(10_600)).can_correct_attendance);
        assert!(
            !permissions(Viewer::Office, Svolto, &recorded, at(10_500 + day))
                .can_correct_attendance
        );
        assert!(
            !permissions(Viewer::ContributorSide, Svolto, &recorded, at(10_600))
                .can_correct_attendance
        );
    }

    #[test]
    fn a_live_hold_can_be_confirmed_released_or_extended() {
        let held = state(Prenotato, Some(at(100)), at(99));
        assert_eq!(confirm(held), Ok(Step::To(Confermato)));
        assert_eq!(release(held), Ok(Step::To(PrenotazioneCancellata)));
        assert_eq!(extend(held, 0), Ok(Step::To(Prenotato)));
    }

    #[test]
    fn an_expired_hold_answers_gone_even_before_the_sweeper() {
        let expired = state(Prenotato, Some(at(100)), at(100));
        assert_eq!(confirm(expired), Err(Refusal::Expired));
        assert_eq!(release(expired), Err(Refusal::Expired));
        assert_eq!(extend(expired, 0), Err(Refusal::Expired));
        assert!(!is_active(Prenotato, Some(at(100)), at(500), at(100)));
    }

    #[test]
    fn confirming_twice_is_the_same_answer_and_releasing_a_confirmed_one_is_a_conflict() {
        let confirmed = State::Other(Confermato);
        assert_eq!(confirm(confirmed), Ok(Step::AlreadyDone));
        assert!(matches!(
            release(confirmed),
            Err(Refusal::Conflict(ErrorCode::AlreadyConfirmed, _))
        ));
    }

    #[test]
    fn extensions_stop_after_ten() {
        let held = state(Prenotato, Some(at(100)), at(0));
        assert!(extend(held, 9).is_ok());
        assert!(matches!(
            extend(held, 10),
            Err(Refusal::Conflict(ErrorCode::TooManyExtensions, _))
        ));
    }

    #[test]
    fn a_confirmed_appointment_is_active_until_it_starts() {
        assert!(is_active(Confermato, None, at(200), at(199)));
        assert!(!is_active(Confermato, None, at(200), at(200)));
        assert!(!is_active(Annullato, None, at(200), at(0)));
    }
    #[test]
    fn a_confirmed_appointment_can_be_cancelled_until_the_cutoff() {
        let confirmed = State::Other(Confermato);
        let starts = at(10_000);
        assert_eq!(
            cancel(confirmed, starts, 120, starts - 7_201),
            Ok(Step::To(Annullato))
        );
        assert!(matches!(
            cancel(confirmed, starts, 120, starts - 7_200),
            Err(Refusal::Conflict(ErrorCode::PastCutoff, _))
        ));
        assert!(matches!(
            cancel(confirmed, starts, 0, starts),
            Err(Refusal::Conflict(ErrorCode::AlreadyStarted, _))
        ));
        assert_eq!(
            cancel(State::Other(Annullato), starts, 120, at(0)),
            Ok(Step::AlreadyDone)
        );
    }

    #[test]
    fn only_a_confirmed_appointment_can_be_cancelled() {
        for current in [
            State::Held,
            State::HoldExpired,
            State::Other(PrenotazioneCancellata),
            State::Other(Svolto),
            State::Other(NonPresentato),
        ] {
            assert!(
                matches!(
                    cancel(current, at(10_000), 120, at(0)),
                    Err(Refusal::Conflict(ErrorCode::NotConfirmed, _))
                ),
                "{current:?}"
            );
        }
    }
    #[test]
    fn the_contributor_side_cancels_until_the_cutoff_and_the_office_until_the_start() {
        let side = permissions(Viewer::ContributorSide, Confermato, &WHEN, at(2_799));
        assert_eq!(
            (side.can_cancel, side.cancel_until),
            (true, Some(at(2_800)))
        );
        assert!(side.can_move);
        let late = permissions(Viewer::ContributorSide, Confermato, &WHEN, at(2_800));
        assert!(!late.can_cancel && late.cancel_until.is_some());
        let office = permissions(Viewer::Office, Confermato, &WHEN, at(9_999));
        assert!(office.can_cancel && !office.can_record_attendance);
        let started = permissions(Viewer::Office, Confermato, &WHEN, at(10_000));
        assert!(!started.can_cancel && started.can_record_attendance);
        assert!(!permissions(Viewer::Office, Annullato, &WHEN, at(0)).can_cancel);
        let moved = Deadlines {
            moves: MAX_MOVES,
            ..WHEN
        };
        let tired = permissions(Viewer::ContributorSide, Confermato, &moved, at(0));
        assert!(tired.can_cancel && !tired.can_move, "moves are counted");
        assert!(matches!(
            may_move(State::Other(Confermato), &moved, Viewer::Office, at(0)),
            Err(Refusal::Conflict(ErrorCode::TooManyMoves, _))
        ));
    }

    #[test]
    fn the_office_cancels_until_the_start_and_must_say_why() {
        let confirmed = State::Other(Confermato);
        assert_eq!(
            cancel_by_office(confirmed, at(100), at(99)),
            Ok(Step::To(Annullato))
        );
        assert!(cancel_by_office(confirmed, at(100), at(100)).is_err());
        assert!(parse_reason(None, true).is_err());
        assert_eq!(parse_reason(Some("  "), false), Ok(None));
        assert!(parse_reason(Some(&"x".repeat(501)), false).is_err());
        assert_eq!(
            parse_reason(Some(" Sede chiusa "), true),
            Ok(Some("Sede chiusa".into()))
        );
    }
    #[test]
    fn attendance_is_recorded_from_the_start_and_once() {
        let confirmed = State::Other(Confermato);
        assert!(matches!(
            attendance(confirmed, Attendance::Svolto, at(100), at(99)),
            Err(Refusal::Conflict(ErrorCode::NotStarted, _))
        ));
        assert_eq!(
            attendance(confirmed, Attendance::Svolto, at(100), at(100)),
            Ok(Step::To(Svolto))
        );
        assert_eq!(
            attendance(State::Other(Svolto), Attendance::Svolto, at(100), at(200)),
            Ok(Step::AlreadyDone)
        );
        assert!(matches!(
            attendance(
                State::Other(Svolto),
                Attendance::NonPresentato,
                at(100),
                at(200)
            ),
            Err(Refusal::Conflict(ErrorCode::AttendanceRecorded, _))
        ));
        assert!(matches!(
            attendance(
                State::Other(Annullato),
                Attendance::Svolto,
                at(100),
                at(200)
            ),
            Err(Refusal::Conflict(ErrorCode::NotConfirmed, _))
        ));
        assert!(parse_attendance(&Code::Unknown("annullato".into())).is_err());
        assert_eq!(
            parse_meeting_outcome(Some(" "), Attendance::Svolto),
            Ok(None)
        );
        assert!(parse_meeting_outcome(Some("Esito"), Attendance::NonPresentato).is_err());
        assert!(parse_meeting_outcome(Some(&"x".repeat(2001)), Attendance::Svolto).is_err());
    }

    #[test]
    fn the_office_books_only_at_itself() {
        use api::OfficeId;
        assert!(office_books_at(Some(OfficeId(1)), OfficeId(1)).is_ok());
        assert!(office_books_at(Some(OfficeId(1)), OfficeId(2)).is_err());
        assert!(office_books_at(None, OfficeId(1)).is_err());
        use api::CommunicationStatus::*;
        for open in [Inviata, InLavorazione, Accolta, NonAccolta] {
            assert!(office_may_book(open).is_ok(), "{open:?}");
        }
        assert!(office_may_book(Chiusa).is_err());
    }
}
