//! Transitions as data: what each change of an appointment leads to — the next status, the
//! timeline event, whether the place is given back, the thread message and the notice owed to
//! the people involved (an outbox row, see `notices`). `booking` decides whether
//! a change may happen; this module says what follows from it. The workflow applies it in one
//! transaction.

use api::AppointmentStatus;

/// How the consultation happens (`consultation_points.code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    Sportello,
    Telefono,
    Video,
}

impl Point {
    pub fn from_code(code: &str) -> Option<Point> {
        match code {
            "sportello" => Some(Point::Sportello),
            "telefono" => Some(Point::Telefono),
            "video" => Some(Point::Video),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Point::Sportello => "sportello",
            Point::Telefono => "telefono",
            Point::Video => "video",
        }
    }
}

/// What a timeline entry records (`appointment_events.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Prenotato,
    Esteso,
    Confermato,
    PrenotazioneCancellata,
    Scaduto,
    Annullato,
    Svolto,
    NonPresentato,
    Spostato,
    /// A place freed and offered to the first matching entry of the Lista d'attesa.
    Offerto,
}

impl EventKind {
    pub const ALL: [EventKind; 10] = [
        EventKind::Prenotato,
        EventKind::Esteso,
        EventKind::Confermato,
        EventKind::PrenotazioneCancellata,
        EventKind::Scaduto,
        EventKind::Annullato,
        EventKind::Svolto,
        EventKind::NonPresentato,
        EventKind::Spostato,
        EventKind::Offerto,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Prenotato => "prenotato",
            EventKind::Esteso => "esteso",
            EventKind::Confermato => "confermato",
            EventKind::PrenotazioneCancellata => "prenotazione_cancellata",
            EventKind::Scaduto => "scaduto",
            EventKind::Annullato => "annullato",
            EventKind::Svolto => "svolto",
            EventKind::NonPresentato => "non_presentato",
            EventKind::Spostato => "spostato",
            EventKind::Offerto => "offerto",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The timeline's wording.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Prenotato => "Prenotazione effettuata",
            EventKind::Esteso => "Prenotazione estesa",
            EventKind::Confermato => "Appuntamento confermato",
            EventKind::PrenotazioneCancellata => "Prenotazione cancellata",
            EventKind::Scaduto => "Prenotazione scaduta",
            EventKind::Annullato => "Appuntamento annullato",
            EventKind::Svolto => "Appuntamento svolto",
            EventKind::NonPresentato => "Contribuente non presentato",
            EventKind::Spostato => "Appuntamento spostato",
            EventKind::Offerto => "Posto proposto dalla lista d'attesa",
        }
    }
}

/// Who cancelled a confirmed appointment (`appointments.cancelled_by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelledBy {
    /// The contributor or their intermediary.
    Contribuente,
    /// The office, one by one or by a closure.
    Sede,
}

impl CancelledBy {
    pub fn code(self) -> &'static str {
        match self {
            CancelledBy::Contribuente => "contribuente",
            CancelledBy::Sede => "sede",
        }
    }

    pub fn from_code(code: &str) -> Option<CancelledBy> {
        match code {
            "contribuente" => Some(CancelledBy::Contribuente),
            "sede" => Some(CancelledBy::Sede),
            _ => None,
        }
    }
}

/// Who booked an appointment, by the role of the user who pressed "Prenota Appuntamento".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookedBy {
    Contribuente,
    Intermediario,
}

impl BookedBy {
    pub fn from_role(role: api::Role) -> BookedBy {
        match role {
            api::Role::Intermediario => BookedBy::Intermediario,
            _ => BookedBy::Contribuente,
        }
    }

    pub fn from_filter(code: &str) -> Option<BookedBy> {
        match code {
            "contribuente" => Some(BookedBy::Contribuente),
            "intermediario" => Some(BookedBy::Intermediario),
            _ => None,
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
        latest: i64,
    },
    /// A live hold inside a closure the office declares.
    ReleaseForClosure {
        reason: String,
    },
    /// Svolto or Non presentato, with the optional "Esito dell'incontro".
    Attend {
        outcome: AppointmentStatus,
        esito: Option<String>,
    },
}

pub use super::notices::Notice;

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
            Transition::Attend { outcome, .. } => *outcome,
        }
    }

    /// The status the appointment must have for the change to apply (checked again inside the
    /// write, so a concurrent change makes this one a no-op).
    pub fn from_status(&self) -> AppointmentStatus {
        match self {
            Transition::Cancel { .. } | Transition::Attend { .. } => AppointmentStatus::Confermato,
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
            Transition::Attend { outcome, .. } if *outcome == AppointmentStatus::Svolto => {
                EventKind::Svolto
            }
            Transition::Attend { .. } => EventKind::NonPresentato,
        }
    }

    /// The note on the timeline entry: the why.
    pub fn note(&self) -> Option<&str> {
        match self {
            Transition::Expire => Some("Prenotazione non confermata entro il tempo previsto."),
            Transition::Cancel { reason, .. } => reason.as_deref(),
            Transition::ReleaseForClosure { reason } => Some(reason),
            Transition::Attend { esito, .. } => esito.as_deref(),
            _ => None,
        }
    }

    /// Whether the slot gets its place back.
    pub fn frees_place(&self) -> bool {
        matches!(
            self,
            Transition::Release
                | Transition::ReleaseForClosure { .. }
                | Transition::Expire
                | Transition::Cancel { .. }
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
        )
    }

    /// What the people involved must be told, beyond the thread.
    pub fn notice(&self) -> Option<Notice> {
        match self {
            Transition::Confirm => Some(Notice::Confirmed),
            Transition::Cancel {
                by: CancelledBy::Contribuente,
                ..
            } => Some(Notice::CancelledByContributor),
            Transition::Cancel {
                by: CancelledBy::Sede,
                ..
            }
            | Transition::ReleaseForClosure { .. } => Some(Notice::CancelledByOffice),
            Transition::Attend { .. } => Some(Notice::Attended),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_as_the_same_values() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_code(kind.code()), Some(kind));
        }
        for point in [Point::Sportello, Point::Telefono, Point::Video] {
            assert_eq!(Point::from_code(point.code()), Some(point));
        }
        for by in [CancelledBy::Contribuente, CancelledBy::Sede] {
            assert_eq!(CancelledBy::from_code(by.code()), Some(by));
        }
        assert_eq!(EventKind::from_code("altro"), None);
    }

    #[test]
    fn what_frees_a_place_and_what_does_not() {
        assert!(Transition::Release.frees_place());
        assert!(Transition::Expire.frees_place());
        assert!(!Transition::Confirm.frees_place());
        assert!(!Transition::Extend.frees_place());
        let attended = Transition::Attend {
            outcome: AppointmentStatus::Svolto,
            esito: None,
        };
        assert!(!attended.frees_place(), "the meeting used its place");
        assert_eq!(attended.event(), EventKind::Svolto);
    }

    #[test]
    fn an_office_cancellation_is_the_institute_speaking_and_owes_a_notice() {
        let by_office = Transition::Cancel {
            by: CancelledBy::Sede,
            reason: Some("Sciopero".into()),
            latest: 0,
        };
        assert!(by_office.from_institute());
        assert_eq!(by_office.notice(), Some(Notice::CancelledByOffice));
        assert_eq!(by_office.note(), Some("Sciopero"));
        let by_contributor = Transition::Cancel {
            by: CancelledBy::Contribuente,
            reason: None,
            latest: 0,
        };
        assert!(!by_contributor.from_institute());
        assert_eq!(by_contributor.next_status(), AppointmentStatus::Annullato);
        assert_eq!(by_contributor.from_status(), AppointmentStatus::Confermato);
        assert_eq!(Transition::Extend.notice(), None);
    }
}
