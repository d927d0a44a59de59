//! The Italian sentences that booking events write into their thread, built from typed data so
//! that tests can read them and every path says the same thing.

use super::rome;
use super::transition::{Place, Transition};
use api::{Attendance, CancelledBy, UserId};

/// The author of what the agenda writes by itself (an expired hold).
pub const SYSTEM_AUTHOR: &str = "Agenda appuntamenti (messaggio automatico)";
/// The timeline's actor for the same.
pub const SYSTEM_ACTOR: &str = "Sistema";

/// Who makes a change, as the timeline and the thread sign it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<UserId>,
    /// "Mario Rossi", "Studio Verdi", "Sede di Roma", "Sistema"
    pub timeline: String,
    /// "Studio Verdi per conto di Mario Rossi", "Sede di Roma", the automatic author
    pub thread: String,
}

impl Actor {
    /// The service itself (an expired hold, an offer).
    pub fn system() -> Actor {
        Actor {
            user: None,
            timeline: SYSTEM_ACTOR.into(),
            thread: SYSTEM_AUTHOR.into(),
        }
    }
}

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

/// Prenota appuntamento, by `who`.
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

/// The place `to`, as a sentence about the appointment `reference` shows it.
fn about_place<'a>(reference: &'a str, to: &'a Place, starts_at: &'a str) -> About<'a> {
    About {
        reference,
        starts_at,
        office: &to.office_name,
        point: &to.point_label,
    }
}

/// The note on a transition's timeline entry: the why (or, for a move, from where to where).
pub fn note(t: &Transition, a: &About) -> Option<String> {
    match t {
        Transition::Expire => Some("Prenotazione non confermata entro il tempo previsto.".into()),
        Transition::Cancel { reason, .. } => reason.clone(),
        Transition::ReleaseForClosure { reason } => Some(reason.clone()),
        Transition::Attend { esito, .. } => esito.clone(),
        Transition::CorrectAttendance { from, to, esito } => Some(format!(
            "Da «{}» a «{}».{}",
            from.status().label().italian(),
            to.status().label().italian(),
            esito
                .as_deref()
                .map(|e| format!(" Esito dell'incontro: {e}"))
                .unwrap_or_default()
        )),
        Transition::Move { to, reason, .. } => {
            let starts = rome::instant(to.starts_at);
            let to = about_place(a.reference, to, &starts);
            Some(moved_note(a, &to, reason.as_deref()))
        }
        _ => None,
    }
}

/// The message a transition writes into the thread. `hold_until` is the new deadline of an
/// extended hold; `actor` made the change (on the contributor's side the message itself is
/// signed by the service and names them).
pub fn after(t: &Transition, a: &About, hold_until: &str, actor: &Actor) -> String {
    let (reference, office, day) = (a.reference, a.office, when(a.starts_at));
    let who = &actor.thread;
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
            (Attendance::Svolto, Some(esito)) => format!(
                "Esito dell'incontro dell'appuntamento {reference} di {day} presso la {office}:\n{esito}"
            ),
            (Attendance::Svolto, None) => {
                format!("L'appuntamento {reference} di {day} presso la {office} si è svolto.")
            }
            _ => format!(
                "Il contribuente non si è presentato all'appuntamento {reference} di {day} presso la {office}. Se ha ancora bisogno, può richiederne un altro."
            ),
        },
        Transition::CorrectAttendance { to, esito, .. } => {
            let now = match to {
                Attendance::Svolto => "si è svolto".to_string(),
                Attendance::NonPresentato => "il contribuente non si è presentato".to_string(),
            };
            let esito = esito
                .as_deref()
                .map(|e| format!("\nEsito dell'incontro:\n{e}"))
                .unwrap_or_default();
            format!("Rettifica: la {office} ha corretto quanto registrato per l'appuntamento {reference} di {day}: {now}.{esito}")
        }
        // A move names who moved it as the timeline does: the studio, not on whose behalf.
        Transition::Move { to, reason, .. } => {
            let starts = rome::instant(to.starts_at);
            let to = about_place(reference, to, &starts);
            moved(a, &to, reason.as_deref(), &actor.timeline)
        }
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

    fn rossi() -> Actor {
        Actor {
            user: Some(UserId(1)),
            timeline: "Mario Rossi".into(),
            thread: "Mario Rossi".into(),
        }
    }

    #[test]
    fn a_cancellation_names_who_and_why() {
        let t = Transition::Cancel {
            by: CancelledBy::Contribuente,
            reason: Some("Ho risolto.".into()),
            latest: api::Instant(0),
        };
        assert_eq!(
            after(&t, &ABOUT, "", &rossi()),
            "Appuntamento AP-2026-000001 di martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma annullato da Mario Rossi. Motivo: Ho risolto."
        );
        let t = Transition::Cancel {
            by: CancelledBy::Sede,
            reason: Some("Sciopero".into()),
            latest: api::Instant(0),
        };
        assert!(after(&t, &ABOUT, "", &Actor::system())
            .ends_with("annullato dalla Sede di Roma. Motivo: Sciopero"));
        assert_eq!(note(&t, &ABOUT).as_deref(), Some("Sciopero"));
    }

    #[test]
    fn a_move_is_signed_by_who_moved_it_and_its_note_says_from_where_to_where() {
        let to = Place {
            slot: api::SlotId(1),
            office: api::OfficeId(1),
            office_name: "Sede di Roma".into(),
            point: api::PointCode::Telefono,
            point_label: "Consulenza telefonica".into(),
            starts_at: rome::parse_instant("2026-03-05T10:00:00+01:00").unwrap(),
            ends_at: rome::parse_instant("2026-03-05T10:20:00+01:00").unwrap(),
        };
        let studio = Actor {
            user: Some(UserId(4)),
            timeline: "Studio Verdi".into(),
            thread: "Studio Verdi per conto di Mario Rossi".into(),
        };
        let t = Transition::Move {
            to,
            reason: None,
            by_office: false,
        };
        assert!(after(&t, &ABOUT, "", &studio)
            .starts_with("Appuntamento AP-2026-000001 spostato da Studio Verdi. Spostato da"));
        assert!(note(&t, &ABOUT).unwrap().ends_with(
            "a giovedì 5 marzo 2026 alle 10:00 presso la Sede di Roma, Consulenza telefonica."
        ));
    }
}
