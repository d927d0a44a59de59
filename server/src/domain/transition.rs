//! Transitions as data: what each change of an appointment leads to — the next status, the
//! timeline event, whether the place is given back, the thread message and the notice owed to
//! the people involved (an outbox row, see `notices`). `booking` decides whether
//! a change may happen; this module says what follows from it. The workflow applies it in one
//! transaction.

use api::{
    AppointmentStatus, Attendance, CancelledBy, EventKind, Instant, NoticeKind, OfficeId,
    PointCode, SlotId,
};

/// A place in time: the slot, its office and point with the names messages give them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub slot: SlotId,
    pub office: OfficeId,
    pub office_name: String,
    pub point: PointCode,
    pub point_label: String,
    pub starts_at: Instant,
    pub ends_at: Instant,
}

impl Place {
    /// The place of `slot` at a time the engine offered, at `office`'s `point`.
    pub fn chosen(
        slot: SlotId,
        office: &api::Office,
        point: &api::ConsultationPoint,
        time: &super::slots::Slot,
    ) -> Place {
        Place {
            slot,
            office: office.id,
            office_name: office.name.clone(),
            point: point.code,
            point_label: point.label.clone(),
            starts_at: time.start,
            ends_at: time.end,
        }
    }
}

/// A change of an existing appointment, with what it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transition {
    Extend,
    Confirm,
    Release,
    /// The hold's time ran out.
    Expire,
    /// Annulla appuntamento, allowed until `latest` (the cut-off, or the start for the office).
    Cancel {
        by: CancelledBy,
        reason: Option<String>,
        latest: Instant,
    },
    /// A live hold inside a closure the office declares.
    ReleaseForClosure {
        reason: String,
    },
    /// Svolto or Non presentato, with the optional "Esito dell'incontro".
    Attend {
        outcome: Attendance,
        esito: Option<String>,
    },
    /// The office corrects the attendance it recorded (within a day), with a new esito when it
    /// becomes Svolto.
    CorrectAttendance {
        from: Attendance,
        to: Attendance,
        esito: Option<String>,
    },
    /// Sposta appuntamento: a confirmed appointment takes the place `to` (already taken for it)
    /// and gives its own back; the office must say why.
    Move {
        to: Place,
        reason: Option<String>,
        by_office: bool,
    },
}

impl Transition {
    /// The status the appointment has afterwards.
    pub fn next_status(&self) -> AppointmentStatus {
        match self {
            Transition::Extend => AppointmentStatus::Prenotato,
            Transition::Confirm => AppointmentStatus::Confermato,
            Transition::Release | Transition::ReleaseForClosure { .. } => {
                AppointmentStatus::PrenotazioneCancellata
            }
            Transition::Expire => AppointmentStatus::Scaduto,
            Transition::Cancel { .. } => AppointmentStatus::Annullato,
            Transition::Attend { outcome, .. } => outcome.status(),
            Transition::CorrectAttendance { to, .. } => to.status(),
            Transition::Move { .. } => AppointmentStatus::Confermato,
        }
    }

    /// The status the appointment must have for the change to apply (checked again inside the
    /// write, so a concurrent change makes this one a no-op).
    pub fn from_status(&self) -> AppointmentStatus {
        match self {
            Transition::Cancel { .. } | Transition::Attend { .. } | Transition::Move { .. } => {
                AppointmentStatus::Confermato
            }
            Transition::CorrectAttendance { from, .. } => from.status(),
            _ => AppointmentStatus::Prenotato,
        }
    }

    pub fn event(&self) -> EventKind {
        match self {
            Transition::Extend => EventKind::Esteso,
            Transition::Confirm => EventKind::Confermato,
            Transition::Release | Transition::ReleaseForClosure { .. } => {
                EventKind::PrenotazioneCancellata
            }
            Transition::Expire => EventKind::Scaduto,
            Transition::Cancel { .. } => EventKind::Annullato,
            Transition::Attend {
                outcome: Attendance::Svolto,
                ..
            } => EventKind::Svolto,
            Transition::Attend { .. } => EventKind::NonPresentato,
            Transition::CorrectAttendance { .. } => EventKind::PresenzaCorretta,
            Transition::Move { .. } => EventKind::Spostato,
        }
    }

    /// Whether the slot gets its place back (a move gives back the place it leaves).
    pub fn frees_place(&self) -> bool {
        matches!(
            self,
            Transition::Release
                | Transition::ReleaseForClosure { .. }
                | Transition::Expire
                | Transition::Cancel { .. }
                | Transition::Move { .. }
        )
    }

    /// Whether the thread message is the office's (it then counts as the Institute's answer).
    pub fn from_institute(&self) -> bool {
        matches!(
            self,
            Transition::Cancel {
                by: CancelledBy::Sede,
                ..
            } | Transition::ReleaseForClosure { .. }
                | Transition::Attend { .. }
                | Transition::CorrectAttendance { .. }
                | Transition::Move {
                    by_office: true,
                    ..
                }
        )
    }

    /// The start the reminders are counted from, when the change owes new ones: a confirmed
    /// appointment's own, or the new one of a move.
    pub fn reminds_of(&self, starts_at: Instant) -> Option<Instant> {
        match self {
            Transition::Confirm => Some(starts_at),
            Transition::Move { to, .. } => Some(to.starts_at),
            _ => None,
        }
    }

    /// What the people involved must be told, beyond the thread.
    pub fn notice(&self) -> Option<NoticeKind> {
        match self {
            Transition::Confirm => Some(NoticeKind::Confirmed),
            Transition::Cancel {
                by: CancelledBy::Contribuente,
                ..
            } => Some(NoticeKind::CancelledByContributor),
            Transition::Cancel {
                by: CancelledBy::Sede,
                ..
            }
            | Transition::ReleaseForClosure { .. } => Some(NoticeKind::CancelledByOffice),
            Transition::Attend { .. } => Some(NoticeKind::Attended),
            Transition::CorrectAttendance { .. } => Some(NoticeKind::AttendanceCorrected),
            Transition::Move { .. } => Some(NoticeKind::Moved),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Place {
        Place {
            slot: SlotId(1),
            office: OfficeId(1),
            office_name: "Sede di Roma".into(),
            point: PointCode::Sportello,
            point_label: "Sportello in sede".into(),
            starts_at: Instant(2_000),
            ends_at: Instant(3_800),
        }
    }

    #[test]
    fn what_frees_a_place_and_what_does_not() {
        assert!(Transition::Release.frees_place());
        assert!(Transition::Expire.frees_place());
        assert!(!Transition::Confirm.frees_place());
        assert!(!Transition::Extend.frees_place());
        let attended = Transition::Attend {
            outcome: Attendance::Svolto,
            esito: None,
        };
        assert!(!attended.frees_place(), "the meeting used its place");
        assert_eq!(attended.event(), EventKind::Svolto);
    }

    #[test]
    fn a_corrected_attendance_goes_from_one_outcome_to_the_other_and_is_told() {
        let corrected = Transition::CorrectAttendance {
            from: Attendance::Svolto,
            to: Attendance::NonPresentato,
            esito: None,
        };
        assert_eq!(corrected.from_status(), AppointmentStatus::Svolto);
        assert_eq!(corrected.next_status(), AppointmentStatus::NonPresentato);
        assert_eq!(corrected.event(), EventKind::PresenzaCorretta);
        assert!(corrected.from_institute() && !corrected.frees_place());
        assert_eq!(corrected.notice(), Some(NoticeKind::AttendanceCorrected));
    }

    #[test]
    fn an_office_cancellation_is_the_institute_speaking_and_owes_a_notice() {
        let by_office = Transition::Cancel {
            by: CancelledBy::Sede,
            reason: Some("Sciopero".into()),
            latest: Instant(0),
        };
        assert!(by_office.from_institute());
        assert_eq!(by_office.notice(), Some(NoticeKind::CancelledByOffice));
        let by_contributor = Transition::Cancel {
            by: CancelledBy::Contribuente,
            reason: None,
            latest: Instant(0),
        };
        assert!(!by_contributor.from_institute());
        assert_eq!(by_contributor.next_status(), AppointmentStatus::Annullato);
        assert_eq!(by_contributor.from_status(), AppointmentStatus::Confermato);
        assert_eq!(Transition::Extend.notice(), None);
    }

    #[test]
    fn a_move_keeps_it_confirmed_frees_the_old_place_and_reminds_of_the_new_time() {
        let moved = Transition::Move {
            to: place(),
            reason: None,
            by_office: false,
        };
        assert_eq!(moved.from_status(), AppointmentStatus::Confermato);
        assert_eq!(moved.next_status(), AppointmentStatus::Confermato);
        assert!(moved.frees_place() && !moved.from_institute());
        assert_eq!(moved.notice(), Some(NoticeKind::Moved));
        assert_eq!(moved.reminds_of(Instant(1_000)), Some(Instant(2_000)));
        assert_eq!(
            Transition::Confirm.reminds_of(Instant(1_000)),
            Some(Instant(1_000))
        );
        let by_office = Transition::Move {
            to: place(),
            reason: Some("Lavori".into()),
            by_office: true,
        };
        assert!(by_office.from_institute());
    }
}
