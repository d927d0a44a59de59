//! Every URL of the API that a client calls, made in one place from typed ids (the paths
//! themselves are the contract of `docs/API.md`). Query values are the client's to encode:
//! these builders take them as already fit for an address.

use crate::{Cf, EntryId, OfficeId, PointCode, Reference, ThreadId};

pub const SESSION: &str = "/api/session";
pub const SESSION_STATUS: &str = "/api/session/status";
pub const SESSION_OPTIONS: &str = "/api/session/options";
pub const TOPICS: &str = "/api/topics";
pub const POINTS: &str = "/api/consultation-points";
pub const OFFICES: &str = "/api/offices";
pub const CONTACTS: &str = "/api/me/contacts";
pub const MY_LANGUAGE: &str = "/api/me/language";
/// Prenota appuntamento.
pub const APPOINTMENTS: &str = "/api/appointments";
pub const STUDIO_AGENDA: &str = "/api/intermediary/agenda";
pub const CLOSURES: &str = "/api/office/closures";
pub const CLOSURE_PREVIEW: &str = "/api/office/closures/preview";
pub const CAPACITY: &str = "/api/office/capacity";
/// Prenota per il contribuente (operators).
pub const OFFICE_APPOINTMENTS: &str = "/api/office/appointments";
/// Avvisami se si libera un posto.
pub const WAITLIST: &str = "/api/waitlist";
/// Valuta il servizio.
pub const RATINGS: &str = "/api/ratings";
/// The accessibility reports (operators).
pub const ACCESSIBILITY_REPORTS: &str = "/api/office/accessibility-reports";

/// The contributors the caller acts for, searched (`q` encoded).
pub fn contributors(q: &str) -> String {
    format!("/api/contributors?q={q}")
}

/// A contributor's threads (POST opens one).
pub fn communications(cf: &Cf) -> String {
    format!("/api/contributors/{cf}/communications")
}

/// A page of a contributor's threads, filtered.
pub fn communications_page(cf: &Cf, status: &str, topic: &str, page: u32) -> String {
    format!("/api/contributors/{cf}/communications?status={status}&topic={topic}&page={page}")
}

/// Gestione appuntamenti, with its filters as a query (encoded).
pub fn appointments_of(cf: &Cf, query: &str) -> String {
    format!("/api/contributors/{cf}/appointments?{query}")
}

/// A contributor's entries in the Lista d'attesa.
pub fn waitlist_of(cf: &Cf) -> String {
    format!("/api/contributors/{cf}/waitlist")
}

/// The office's side of a thread (who handles it, internal notes).
pub fn thread_office(id: ThreadId) -> String {
    format!("/api/communications/{id}/office")
}

/// Presa in carico (PUT) and its release (DELETE).
pub fn thread_handling(id: ThreadId) -> String {
    format!("/api/communications/{id}/handling")
}

/// The office's internal notes on a thread (POST).
pub fn thread_notes(id: ThreadId) -> String {
    format!("/api/communications/{id}/notes")
}

pub fn thread(id: ThreadId) -> String {
    format!("/api/communications/{id}")
}

pub fn messages(id: ThreadId) -> String {
    format!("/api/communications/{id}/messages")
}

/// Where a file for a message of the thread is uploaded.
pub fn attachments(id: ThreadId) -> String {
    format!("/api/communications/{id}/attachments")
}

/// One attachment: its bytes (GET), or a pending upload taken back (DELETE).
pub fn attachment(id: crate::AttachmentId) -> String {
    format!("/api/attachments/{id}")
}

pub fn outcome(id: ThreadId) -> String {
    format!("/api/communications/{id}/outcome")
}

/// Free places of an office and point, for a topic when given.
/// The days a wait could be taken for at an office's point.
pub fn waitlist_days(point: PointCode, office: OfficeId) -> String {
    format!("/api/waitlist/days?point={point}&office={office}")
}

pub fn availability(topic: Option<&str>, point: PointCode, office: OfficeId) -> String {
    match topic {
        Some(topic) => format!("/api/availability?topic={topic}&point={point}&office={office}"),
        None => format!("/api/availability?point={point}&office={office}"),
    }
}

pub fn appointment(reference: &Reference) -> String {
    format!("/api/appointments/{reference}")
}

/// What may be done to an appointment, each at its own URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Estendi.
    Extend,
    /// Conferma appuntamento.
    Confirm,
    /// Cancella prenotazione.
    Release,
    /// Annulla appuntamento.
    Cancel,
    /// Sposta appuntamento.
    Move,
    /// Svolto or Non presentato.
    Attendance,
    /// Correggi la presenza.
    AttendanceCorrection,
    /// The calendar file.
    Calendar,
}

pub fn appointment_step(reference: &Reference, step: Step) -> String {
    let step = match step {
        Step::Extend => "extend",
        Step::Confirm => "confirm",
        Step::Release => "release",
        Step::Cancel => "cancel",
        Step::Move => "move",
        Step::Attendance => "attendance",
        Step::AttendanceCorrection => "attendance/correction",
        Step::Calendar => "ics",
    };
    format!("/api/appointments/{reference}/{step}")
}

/// The office's agenda of a day (encoded; empty for today).
pub fn office_agenda(date: &str) -> String {
    format!("/api/office/agenda?date={date}")
}

/// Seven days of the office from `from` (empty: the first bookable day).
pub fn office_week(from: &str) -> String {
    format!("/api/office/week?from={from}")
}

/// One of the office's closures (Revoca).
pub fn closure(id: i64) -> String {
    format!("/api/office/closures/{id}")
}

/// Cerca, for operators (`q` encoded).
pub fn office_search(q: &str) -> String {
    format!("/api/office/search?q={q}")
}

/// Scheda del contribuente (encoded codice fiscale).
pub fn office_contributor(cf: &str) -> String {
    format!("/api/office/contributors/{cf}")
}

/// Andamento della sede of a period (encoded days; empty for the last 30 days).
pub fn office_stats(from: &str, to: &str) -> String {
    format!("/api/office/stats?from={from}&to={to}")
}

/// A chart of Andamento della sede (`giorni` or `coda`).
pub fn office_stats_chart(chart: &str, from: &str, to: &str) -> String {
    format!("/api/office/stats/chart?chart={chart}&from={from}&to={to}")
}

/// The threads the office received in some days, as CSV.
pub fn office_queue_csv(from: &str, to: &str) -> String {
    format!("/api/office/communications.csv?from={from}&to={to}")
}

/// The office's agenda of some days, as CSV.
pub fn office_agenda_csv(from: &str, to: &str) -> String {
    format!("/api/office/agenda.csv?from={from}&to={to}")
}

/// A page of the office's queue; `awaiting`: only the threads owed an answer.
pub fn office_queue(status: &str, awaiting: bool, page: u32) -> String {
    format!("/api/office/communications?status={status}&awaiting={awaiting}&page={page}")
}

/// Esci dalla lista.
pub fn waitlist_entry(id: EntryId) -> String {
    format!("/api/waitlist/{id}")
}

/// An answer to an offered place.
pub fn waitlist_answer(id: EntryId, accept: bool) -> String {
    format!(
        "/api/waitlist/{id}/{}",
        if accept { "accept" } else { "decline" }
    )
}

/// Valuta il servizio, for an appointment (`prenotazione`, `appuntamento`).
pub fn appointment_rating(reference: &Reference) -> String {
    format!("/api/appointments/{reference}/rating")
}

/// Valuta il servizio, for a closed thread.
pub fn thread_rating(id: ThreadId) -> String {
    format!("/api/communications/{id}/rating")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_the_documented_paths() {
        let r = Reference::from("AP-2026-000001");
        assert_eq!(
            appointment_step(&r, Step::Calendar),
            "/api/appointments/AP-2026-000001/ics"
        );
        assert_eq!(
            availability(Some("durc"), PointCode::Video, OfficeId(1)),
            "/api/availability?topic=durc&point=video&office=1"
        );
        assert_eq!(
            waitlist_answer(EntryId(3), false),
            "/api/waitlist/3/decline"
        );
    }
}
