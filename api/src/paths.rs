//! Every address of the app's pages, made in one place from typed ids: the app links with
//! these, and the server's e-mails link with the same builders, so a page cannot move without
//! its links following. The router's patterns (`/comunicazioni/:id`) stay beside the routes in
//! the app. The API's own URLs are in `calls`.

use crate::{OfficeId, PointCode, Reference, ThreadId};

pub const HOME: &str = "/";
pub const LOGIN: &str = "/accedi";
/// Agenda dello studio (intermediaries).
pub const STUDIO: &str = "/studio";
/// Scegli il contribuente (intermediaries).
pub const CONTRIBUTORS: &str = "/contribuenti";
/// Comunicazione bidirezionale.
pub const COMMUNICATIONS: &str = "/comunicazioni";
pub const NEW_COMMUNICATION: &str = "/comunicazioni/nuova";
/// Gestione appuntamenti.
pub const APPOINTMENTS: &str = "/appuntamenti";
/// Recapiti.
pub const CONTACTS: &str = "/recapiti";
/// Comunicazioni della sede.
pub const OFFICE_QUEUE: &str = "/sede/comunicazioni";
/// Agenda della sede: today's.
pub const OFFICE_AGENDA: &str = "/sede/agenda";
/// Chiusure e capienza.
pub const CLOSURES: &str = "/sede/chiusure";
/// The office's week (`?dal=`).
pub const OFFICE_WEEK: &str = "/sede/settimana";
/// Cerca, for operators (`?q=`).
pub const OFFICE_SEARCH: &str = "/sede/cerca";
/// Andamento della sede.
pub const OFFICE_STATS: &str = "/sede/andamento";
/// Segnalazioni di accessibilità (operators): the reports sent from the statement's form.
pub const OFFICE_ACCESSIBILITY: &str = "/sede/segnalazioni-accessibilita";

/// The service's own pages, drawn by the server (no session, no wasm), linked from the footer
/// of every page.
pub const ACCESSIBILITY: &str = "/accessibilita";
/// Where the statement's form is posted (a form, as `POST /accedi`).
pub const ACCESSIBILITY_REPORT: &str = "/accessibilita/segnalazione";
pub const PRIVACY: &str = "/privacy";
pub const COOKIES: &str = "/cookie";
pub const HELP: &str = "/aiuto";
/// Contatti: the contact centre's numbers.
pub const CONTACT_CENTRE: &str = "/contatti";

/// The service's own pages, in the footer's order.
pub const SERVICE_PAGES: [&str; 5] = [ACCESSIBILITY, PRIVACY, COOKIES, HELP, CONTACT_CENTRE];

/// What a page arrived from, said on it once ("Comunicazione inviata…").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// A new thread was sent.
    Sent,
    /// The office recorded its outcome.
    OutcomeRecorded,
    /// The person joined the Lista d'attesa.
    Waiting,
    /// The office booked for the contributor (Prenota per il contribuente).
    BookedByOffice,
}

impl Arrival {
    /// The `esito` of the address.
    pub fn code(self) -> &'static str {
        match self {
            Arrival::Sent => "inviata",
            Arrival::OutcomeRecorded => "registrato",
            Arrival::Waiting => "lista-attesa",
            Arrival::BookedByOffice => "prenotato-dalla-sede",
        }
    }

    pub fn from_code(code: &str) -> Option<Arrival> {
        [
            Arrival::Sent,
            Arrival::OutcomeRecorded,
            Arrival::Waiting,
            Arrival::BookedByOffice,
        ]
        .into_iter()
        .find(|a| a.code() == code)
    }
}

/// A thread and its messages.
pub fn thread(id: ThreadId) -> String {
    format!("/comunicazioni/{id}")
}

/// A thread, saying what just happened to it.
pub fn thread_after(id: ThreadId, arrival: Arrival) -> String {
    format!("/comunicazioni/{id}?esito={}", arrival.code())
}

/// "Richiedi appuntamento" for a thread: the booking wizard (its steps add a query).
pub fn booking(id: ThreadId) -> String {
    format!("/comunicazioni/{id}/appuntamento")
}

/// "Avvisami se si libera un posto" for a thread, an office and a point.
pub fn waitlist_join(id: ThreadId, point: PointCode, office: OfficeId) -> String {
    format!("/comunicazioni/{id}/lista-attesa?punto={point}&sede={office}")
}

/// Registra esito of a thread (operators).
pub fn outcome(id: ThreadId) -> String {
    format!("/sede/comunicazioni/{id}/esito")
}

/// One appointment.
pub fn appointment(reference: &Reference) -> String {
    format!("/appuntamenti/{reference}")
}

/// One appointment, saying what just happened to it.
pub fn appointment_after(reference: &Reference, arrival: Arrival) -> String {
    format!("/appuntamenti/{reference}?esito={}", arrival.code())
}

/// Scheda del contribuente (operators).
pub fn office_contributor(cf: &crate::Cf) -> String {
    format!("/sede/contribuenti/{cf}")
}

/// Prenota per il contribuente, for a thread (operators).
pub fn office_booking(id: ThreadId) -> String {
    format!("/sede/comunicazioni/{id}/prenota")
}

/// Gestione appuntamenti, saying what just happened.
pub fn appointments_after(arrival: Arrival) -> String {
    format!("/appuntamenti?esito={}", arrival.code())
}

/// The office's agenda of a day (`YYYY-MM-DD`).
pub fn office_day(date: &str) -> String {
    format!("/sede/agenda?data={date}")
}

/// A page of the contributor's threads, filtered.
pub fn communications_page(status: &str, topic: &str, page: u32) -> String {
    format!("/comunicazioni?status={status}&topic={topic}&page={page}")
}

/// A page of the office's queue, filtered.
pub fn office_queue_page(status: &str, awaiting: bool, page: u32) -> String {
    let awaiting = if awaiting { "&da_rispondere=1" } else { "" };
    format!("/sede/comunicazioni?status={status}{awaiting}&page={page}")
}

/// The first page after login, and where "home" leads, for each role.
pub fn home(role: crate::Role) -> &'static str {
    match role {
        crate::Role::Contribuente => COMMUNICATIONS,
        // The studio's agenda, whoever is selected: it is where an intermediary's day starts.
        crate::Role::Intermediario => STUDIO,
        crate::Role::Operatore => OFFICE_QUEUE,
    }
}

/// The login page, bringing the person back to `back` (a path of the app) afterwards and
/// saying `notice` once.
pub fn login(back: Option<&str>, notice: Option<crate::LoginNotice>) -> String {
    let mut query = Vec::new();
    if let Some(path) = back.and_then(local_return) {
        query.push(format!("torna={}", encode_component(path)));
    }
    if let Some(notice) = notice {
        query.push(format!("avviso={notice}"));
    }
    if query.is_empty() {
        LOGIN.to_string()
    } else {
        format!("{LOGIN}?{}", query.join("&"))
    }
}

/// Percent-encodes everything but the unreserved characters (RFC 3986), as
/// `encodeURIComponent` would for a path.
fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A return address the login may follow afterwards (`torna`): a path of this site, never
/// another site's (`//host`, a backslash), never the login page itself, no control characters.
/// The app builds it and the server checks it for SPID/CIE, by this one rule.
pub fn local_return(raw: &str) -> Option<&str> {
    let local = raw.starts_with('/') && !raw.starts_with("//") && !raw.contains('\\');
    let login = raw == LOGIN
        || raw
            .strip_prefix(LOGIN)
            .is_some_and(|rest| rest.starts_with('?'));
    (local && !login && raw.len() <= 500 && !raw.chars().any(char::is_control)).then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_starts_from_its_own_page() {
        assert_eq!(home(crate::Role::Intermediario), "/studio");
        assert_eq!(home(crate::Role::Contribuente), "/comunicazioni");
        assert_eq!(home(crate::Role::Operatore), "/sede/comunicazioni");
    }

    #[test]
    fn the_login_page_carries_where_to_come_back_and_why() {
        assert_eq!(login(None, None), "/accedi");
        assert_eq!(
            login(
                Some("/comunicazioni/7?x=1"),
                Some(crate::LoginNotice::Ended)
            ),
            "/accedi?torna=%2Fcomunicazioni%2F7%3Fx%3D1&avviso=scaduta"
        );
        // Never back to another site, nor to the login page itself.
        assert_eq!(login(Some("//altro.example"), None), "/accedi");
        assert_eq!(
            login(
                Some("/accedi?torna=/x"),
                Some(crate::LoginNotice::LoggedOut)
            ),
            "/accedi?avviso=uscita"
        );
    }

    #[test]
    fn pages_are_named_by_their_ids() {
        assert_eq!(thread(ThreadId(7)), "/comunicazioni/7");
        assert_eq!(booking(ThreadId(7)), "/comunicazioni/7/appuntamento");
        assert_eq!(
            appointment(&Reference::from("AP-2026-000001")),
            "/appuntamenti/AP-2026-000001"
        );
        assert_eq!(
            waitlist_join(ThreadId(7), PointCode::Telefono, OfficeId(1)),
            "/comunicazioni/7/lista-attesa?punto=telefono&sede=1"
        );
        assert_eq!(
            thread_after(ThreadId(7), Arrival::Sent),
            "/comunicazioni/7?esito=inviata"
        );
    }

    #[test]
    fn an_arrival_reads_back_from_its_address() {
        for a in [Arrival::Sent, Arrival::OutcomeRecorded, Arrival::Waiting] {
            assert_eq!(Arrival::from_code(a.code()), Some(a));
        }
        assert_eq!(Arrival::from_code("altro"), None);
    }
}

#[cfg(test)]
mod return_tests {
    use super::local_return;

    #[test]
    fn the_login_returns_only_to_a_page_of_this_site() {
        assert_eq!(local_return("/comunicazioni/3"), Some("/comunicazioni/3"));
        assert_eq!(
            local_return("/prenota/3?passo=4"),
            Some("/prenota/3?passo=4")
        );
        assert_eq!(local_return("//evil.example/x"), None);
        assert_eq!(local_return("https://evil.example/"), None);
        assert_eq!(local_return("/\\evil.example"), None);
        assert_eq!(local_return("/accedi"), None);
        assert_eq!(local_return("/accedi?torna=/x"), None);
        assert_eq!(local_return("/a\nb"), None);
        assert_eq!(local_return(""), None);
    }
}
