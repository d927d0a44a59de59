//! The Italian sentences that booking events write into their thread, built from typed data so
//! that tests can read them and every path says the same thing.

use super::transition::{CancelledBy, Transition};
use api::AppointmentStatus;

/// The author of what the agenda writes by itself (an expired hold).
pub const SYSTEM_AUTHOR: &str = "Agenda appuntamenti (messaggio automatico)";
/// The timeline's actor for the same.
pub const SYSTEM_ACTOR: &str = "Sistema";

/// The appointment a sentence is about. Instants are RFC 3339 with Rome's offset.
pub struct About<'a> {
    pub reference: &'a str,
    pub starts_at: &'a str,
    pub office: &'a str,
    pub point: &'a str,
}

/// "martedì 3 marzo 2026 alle 10:30"
pub fn when(starts_at: &str) -> String {
    format!(
        "{} alle {}",
        api::it::date_with_weekday(starts_at),
        api::it::time(starts_at)
    )
}

/// Prenota Appuntamento, by `who`.
pub fn held(a: &About, hold_until: &str, who: &str) -> String {
    format!(
        "Appuntamento {} prenotato da {who} per {} presso la {}, {}: da confermare entro le {}.",
        a.reference,
        when(a.starts_at),
        a.office,
        a.point,
        api::it::time(hold_until),
    )
}

/// Lista d'attesa: a freed place held for the person who waited.
pub fn offered(a: &About, until: &str) -> String {
    format!(
        "Si è liberato un posto dalla lista d'attesa: appuntamento {} per {} presso la {}, {}, tenuto per te fino a {}. Confermalo entro quell'ora oppure rifiutalo: poi passerà alla persona successiva.",
        a.reference,
        when(a.starts_at),
        a.office,
        a.point,
        when(until),
    )
}

/// The message a transition writes into the thread. `hold_until` is the new deadline of an
/// extended hold; `who` is the person on the contributor's side who made the change (the message
/// itself is signed by the service).
pub fn after(t: &Transition, a: &About, hold_until: &str, who: &str) -> String {
    let (reference, office, day) = (a.reference, a.office, when(a.starts_at));
    match t {
        Transition::Extend => format!(
            "Prenotazione {reference} estesa da {who}: da confermare entro le {}.",
            api::it::time(hold_until)
        ),
        Transition::Confirm => format!(
            "Appuntamento {reference} confermato da {who} per {day} presso la {office}, {}.",
            a.point
        ),
        Transition::Release => format!(
            "Prenotazione {reference} cancellata da {who}: l'orario di {day} presso la {office} è di nuovo disponibile."
        ),
        Transition::Expire => format!(
            "Prenotazione {reference} scaduta: non è stata confermata entro il tempo previsto e l'orario è di nuovo disponibile per altri."
        ),
        Transition::Cancel { by, reason, .. } => {
            let by = match by {
                CancelledBy::Sede => format!("dalla {office}"),
                CancelledBy::Contribuente => format!("da {who}"),
            };
            let because = reason
                .as_deref()
                .map(|r| format!(" Motivo: {r}"))
                .unwrap_or_default();
            format!("Appuntamento {reference} di {day} presso la {office} annullato {by}.{because}")
        }
        Transition::ReleaseForClosure { reason } => {
            format!("Prenotazione {reference} cancellata dalla sede. Motivo: {reason}")
        }
        Transition::Attend { outcome, esito } => match (outcome, esito) {
            (AppointmentStatus::Svolto, Some(esito)) => format!(
                "Esito dell'incontro dell'appuntamento {reference} di {day} presso la {office}:\n{esito}"
            ),
            (AppointmentStatus::Svolto, None) => {
                format!("L'appuntamento {reference} di {day} presso la {office} si è svolto.")
            }
            _ => format!(
                "Il contribuente non si è presentato all'appuntamento {reference} di {day} presso la {office}. Se ha ancora bisogno, può richiederne un altro."
            ),
        },
    }
}

/// Sposta appuntamento: the timeline's note, "Spostato dal … al …", with the office's reason.
pub fn moved_note(from: &About, to: &About, reason: Option<&str>) -> String {
    let place = |a: &About| format!("{} presso la {}, {}", when(a.starts_at), a.office, a.point);
    let because = reason.map(|r| format!(" Motivo: {r}")).unwrap_or_default();
    format!("Spostato da {} a {}.{because}", place(from), place(to))
}

/// Sposta appuntamento: the thread's message.
pub fn moved(from: &About, to: &About, reason: Option<&str>, who: &str) -> String {
    format!(
        "Appuntamento {} spostato da {who}. {}",
        to.reference,
        moved_note(from, to, reason)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABOUT: About = About {
        reference: "AP-2026-000001",
        starts_at: "2026-03-03T08:30:00+01:00",
        office: "Sede di Roma",
        point: "Sportello in sede",
    };

    #[test]
    fn a_hold_says_until_when_it_must_be_confirmed() {
        assert_eq!(
            held(&ABOUT, "2026-03-02T10:15:00+01:00", "Mario Rossi"),
            "Appuntamento AP-2026-000001 prenotato da Mario Rossi per martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma, Sportello in sede: da confermare entro le 10:15."
        );
    }

    #[test]
    fn a_move_says_from_where_to_where() {
        let to = About {
            reference: "AP-2026-000001",
            starts_at: "2026-03-05T10:00:00+01:00",
            office: "Sede di Roma",
            point: "Consulenza telefonica",
        };
        assert_eq!(
            moved(&ABOUT, &to, None, "Mario Rossi"),
            "Appuntamento AP-2026-000001 spostato da Mario Rossi. Spostato da martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma, Sportello in sede a giovedì 5 marzo 2026 alle 10:00 presso la Sede di Roma, Consulenza telefonica."
        );
        assert!(moved_note(&ABOUT, &to, Some("Sciopero")).ends_with(" Motivo: Sciopero"));
    }

    #[test]
    fn a_cancellation_names_who_and_why() {
        let t = Transition::Cancel {
            by: CancelledBy::Contribuente,
            reason: Some("Ho risolto.".into()),
            latest: 0,
        };
        assert_eq!(
            after(&t, &ABOUT, "", "Mario Rossi"),
            "Appuntamento AP-2026-000001 di martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma annullato da Mario Rossi. Motivo: Ho risolto."
        );
        let t = Transition::Cancel {
            by: CancelledBy::Sede,
            reason: None,
            latest: 0,
        };
        assert!(after(&t, &ABOUT, "", "").ends_with("annullato dalla Sede di Roma."));
    }
}
