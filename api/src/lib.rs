//! The JSON contract between the browser app, the server and third-party software
//! (see `docs/API.md`). Both sides compile these types, so they cannot drift apart.

pub mod it;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who a user is for the service; decides which pages and calls are open to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A self-employed artisan or merchant, acting for themself.
    Contribuente,
    /// An accountant, CAF or patronato acting for the contributors who delegated them.
    Intermediario,
    /// Staff of one INPS office.
    Operatore,
}

impl Role {
    /// The Italian word shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Role::Contribuente => "Contribuente",
            Role::Intermediario => "Intermediario",
            Role::Operatore => "Operatore",
        }
    }
}

/// The contributor's social-security scheme (Gestione).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Artigiano,
    Commerciante,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Artigiano => "Artigiano",
            Category::Commerciante => "Commerciante",
        }
    }
}

/// `POST /api/session`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub password: String,
}

/// A contributor the caller may act for (`GET /api/contributors`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contributor {
    /// Codice fiscale, the contributor's identifier in every path.
    pub cf: String,
    pub name: String,
    pub category: Category,
    /// The province (sigla, e.g. "RM") that decides the contributor's office.
    pub province: String,
}

/// The logged-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub username: String,
    /// Full name, or for an intermediary the firm's name as well ("Studio Verdi").
    pub name: String,
    pub role: Role,
    /// For an intermediary, the name of the firm that appears on what they do.
    pub organisation: Option<String>,
    /// For an operator, the office they belong to.
    pub office: Option<String>,
}

/// `GET /api/session` and the answer to a successful `POST /api/session`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub user: User,
    /// Who the user may act for: themself for a contributor, the delegating contributors for an
    /// intermediary, nobody for an operator.
    pub contributors: Vec<Contributor>,
    /// Seconds of inactivity after which the session ends; the app warns before then.
    pub idle_timeout_seconds: u32,
    /// When the session ends regardless of activity (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: String,
}

/// `GET /api/session/status`: like `GET /api/session`, but a visitor who is not logged in gets
/// `session: null` (200) instead of a 401, so the app can ask at start-up without an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionStatus {
    pub session: Option<SessionInfo>,
}

/// The status of a thread ("comunicazione").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommunicationStatus {
    Inviata,
    InLavorazione,
    Accolta,
    NonAccolta,
    Chiusa,
}

impl CommunicationStatus {
    pub const ALL: [CommunicationStatus; 5] = [
        CommunicationStatus::Inviata,
        CommunicationStatus::InLavorazione,
        CommunicationStatus::Accolta,
        CommunicationStatus::NonAccolta,
        CommunicationStatus::Chiusa,
    ];

    /// The word on screen, always shown as text (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            CommunicationStatus::Inviata => "Inviata",
            CommunicationStatus::InLavorazione => "In lavorazione",
            CommunicationStatus::Accolta => "Accolta",
            CommunicationStatus::NonAccolta => "Non accolta",
            CommunicationStatus::Chiusa => "Chiusa",
        }
    }

    /// The value on the wire and in the database.
    pub fn code(self) -> &'static str {
        match self {
            CommunicationStatus::Inviata => "inviata",
            CommunicationStatus::InLavorazione => "in_lavorazione",
            CommunicationStatus::Accolta => "accolta",
            CommunicationStatus::NonAccolta => "non_accolta",
            CommunicationStatus::Chiusa => "chiusa",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// An argomento: it decides after how many days an appointment may be requested.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Topic {
    pub code: String,
    pub label: String,
    pub appointment_after_days: u32,
}

/// `POST /api/contributors/{cf}/communications`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCommunication {
    pub topic: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 150))]
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub text: String,
}

/// `POST /api/communications/{id}/messages`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub text: String,
}

/// `POST /api/communications/{id}/outcome`: `outcome` is `accolta` or `non_accolta`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = OutcomeCode))]
    pub outcome: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub text: String,
}

/// Whether "Richiedi appuntamento" is enabled, decided by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligibility {
    pub eligible: bool,
    /// The sentence shown beside the action (and joined to it by `aria-describedby`).
    pub reason: String,
    /// `YYYY-MM-DD`: when a not-yet-eligible thread becomes eligible by days.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub available_from: Option<String>,
    /// The identifier of the thread's active appointment, when it has one.
    pub active_appointment: Option<String>,
}

/// A thread in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunicationSummary {
    pub id: i64,
    pub protocol: String,
    pub topic: Topic,
    pub subject: String,
    /// When it was first sent (RFC 3339, Europe/Rome offset).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub sent_at: String,
    pub status: CommunicationStatus,
    /// The Institute wrote since the contributor's side last opened the thread.
    pub new_answer: bool,
    pub eligibility: Eligibility,
}

/// `GET /api/contributors/{cf}/communications`: one page, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunicationPage {
    pub items: Vec<CommunicationSummary>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// One message of a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: i64,
    /// Who wrote it, as shown: "Mario Rossi", "Studio Verdi per conto di Mario Rossi",
    /// "Sede di Roma".
    pub author: String,
    pub from_institute: bool,
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub sent_at: String,
}

/// `GET /api/communications/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunicationDetail {
    #[serde(flatten)]
    pub summary: CommunicationSummary,
    pub contributor: Contributor,
    /// The office the thread is routed to.
    pub office: String,
    pub messages: Vec<Message>,
}

/// A thread in the office's queue (`GET /api/office/communications`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeCommunication {
    pub id: i64,
    pub protocol: String,
    pub contributor: Contributor,
    pub topic: Topic,
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub sent_at: String,
    pub status: CommunicationStatus,
    /// The last message came from the contributor's side: the office owes an answer.
    pub awaiting_answer: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub last_message_at: String,
}

/// `GET /api/me/contacts`: where the service writes to the logged-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contacts {
    /// Not set yet: null.
    #[cfg_attr(feature = "openapi", schema(format = Email))]
    pub email: Option<String>,
    /// Reminders before an appointment (on unless turned off).
    pub reminders: bool,
    /// The address half hidden, as pages show it ("m•••@example.it").
    pub masked: Option<String>,
}

/// `PUT /api/me/contacts`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactsUpdate {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub email: String,
    pub reminders: bool,
}

/// `GET /api/office/communications`: one page of the office's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeQueuePage {
    pub items: Vec<OfficeCommunication>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// A punto di consulenza.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationPoint {
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub code: String,
    pub label: String,
}

/// A Struttura territoriale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Office {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub address: String,
    pub province: String,
    /// The consultation points it offers (codes).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<PointCode>))]
    pub points: Vec<String>,
}

/// A bookable time with its free places.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotAvailability {
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub end: String,
    pub free: u32,
}

/// `GET /api/availability`: the days with free slots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayAvailability {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    pub slots: Vec<SlotAvailability>,
}

/// The status of an appointment, as on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Prenotato,
    Confermato,
    PrenotazioneCancellata,
    Scaduto,
    Annullato,
    Svolto,
    NonPresentato,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 7] = [
        AppointmentStatus::Prenotato,
        AppointmentStatus::Confermato,
        AppointmentStatus::PrenotazioneCancellata,
        AppointmentStatus::Scaduto,
        AppointmentStatus::Annullato,
        AppointmentStatus::Svolto,
        AppointmentStatus::NonPresentato,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Prenotato => "Prenotato – da confermare",
            AppointmentStatus::Confermato => "Confermato",
            AppointmentStatus::PrenotazioneCancellata => "Prenotazione cancellata",
            AppointmentStatus::Scaduto => "Scaduto",
            AppointmentStatus::Annullato => "Annullato",
            AppointmentStatus::Svolto => "Svolto",
            AppointmentStatus::NonPresentato => "Non presentato",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AppointmentStatus::Prenotato => "prenotato",
            AppointmentStatus::Confermato => "confermato",
            AppointmentStatus::PrenotazioneCancellata => "prenotazione_cancellata",
            AppointmentStatus::Scaduto => "scaduto",
            AppointmentStatus::Annullato => "annullato",
            AppointmentStatus::Svolto => "svolto",
            AppointmentStatus::NonPresentato => "non_presentato",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// `POST /api/appointments` (Prenota Appuntamento), with an `Idempotency-Key` header.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HoldRequest {
    #[serde(deserialize_with = "integer::deserialize")]
    pub communication_id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub point: String,
    #[serde(deserialize_with = "integer::deserialize")]
    pub office: i64,
    /// The slot's start, as `GET /api/availability` gave it.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 30))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub notes: String,
}

/// One step of an appointment's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentEvent {
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    /// `prenotato`, `esteso`, `confermato`, `prenotazione_cancellata`, `scaduto`, …
    #[cfg_attr(feature = "openapi", schema(value_type = EventKindCode))]
    pub kind: String,
    pub label: String,
    /// Who: "Mario Rossi", "Studio Verdi", "Sede di Roma", or "Sistema" for an expiry.
    pub actor: String,
    pub note: Option<String>,
}

/// An appointment with everything the pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appointment {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^AP-[0-9]{4}-[0-9]{6,}$"))]
    pub reference: String,
    pub status: AppointmentStatus,
    pub communication_id: i64,
    pub protocol: String,
    pub subject: String,
    pub topic: Topic,
    pub point: ConsultationPoint,
    pub office: Office,
    pub contributor: Contributor,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    pub phone: String,
    pub notes: String,
    /// While `prenotato`: when the hold ends.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub hold_expires_at: Option<String>,
    /// "Mario Rossi", or the intermediary's firm ("Studio Verdi").
    pub booked_by: String,
    pub timeline: Vec<AppointmentEvent>,
    /// Cancelled by the office rather than by the contributor's side.
    pub cancelled_by_office: bool,
    pub cancel_reason: Option<String>,
    /// While confirmed and to come: until when "Annulla appuntamento" is possible online.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub cancel_until: Option<String>,
    /// Whether the caller may press "Annulla appuntamento" now (the server decides).
    pub can_cancel: bool,
    /// For an operator of its office: started and confirmed, attendance may be recorded.
    pub can_record_attendance: bool,
    /// Whether the caller is the office (its operators act differently on it).
    pub viewed_by_office: bool,
}

/// `POST /api/appointments/{reference}/cancel` (Annulla appuntamento).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

/// The status in words, telling apart an office's cancellation ("Annullato dalla sede").
pub fn status_text(status: AppointmentStatus, cancelled_by_office: bool) -> &'static str {
    if status == AppointmentStatus::Annullato && cancelled_by_office {
        "Annullato dalla sede"
    } else {
        status.label()
    }
}

/// An appointment in Gestione appuntamenti.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentSummary {
    pub reference: String,
    pub status: AppointmentStatus,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    pub office: String,
    pub point: String,
    pub topic: String,
    pub communication_id: i64,
    /// "Mario Rossi", or the intermediary's firm ("Studio Verdi").
    pub booked_by: String,
    /// Booked by an intermediary for the contributor.
    pub managed_by_intermediary: bool,
    pub cancelled_by_office: bool,
    /// Whom it is for (the studio's agenda lists many contributors).
    pub contributor: Contributor,
    /// Not yet begun.
    pub upcoming: bool,
}

/// One appointment in "Agenda della sede", with what the operator needs to hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeAppointment {
    pub reference: String,
    pub status: AppointmentStatus,
    pub cancelled_by_office: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    pub contributor: Contributor,
    pub topic: String,
    pub point: ConsultationPoint,
    pub phone: String,
    pub notes: String,
    pub communication_id: i64,
    pub protocol: String,
    /// For a call-back or a video call: what to do and at which number.
    pub contact: Option<String>,
    /// Started and still confirmed: "Svolto" or "Non presentato" may be recorded.
    pub can_record_attendance: bool,
    /// Confirmed and not yet started: the office may cancel it, with a reason.
    pub can_cancel: bool,
}

/// `GET /api/office/agenda?date=`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeAgenda {
    /// The day shown (AAAA-MM-GG), and the ones before and after it.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub previous: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub next: String,
    pub office: String,
    pub appointments: Vec<OfficeAppointment>,
}

/// `POST /api/appointments/{reference}/attendance`: `outcome` is `svolto` or
/// `non_presentato`; with `svolto`, `text` (the "Esito dell'incontro") goes into the thread.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = AttendanceCode))]
    pub outcome: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub text: Option<String>,
}

/// `POST /api/office/closures` (and `/preview`): a day, part of a day (`start_time`/`end_time`
/// on a single day) or a period, for one consultation point or all (`point` empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewClosure {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<PointCode>))]
    pub point: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{2}:[0-9]{2}$"))]
    pub start_time: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{2}:[0-9]{2}$"))]
    pub end_time: Option<String>,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
    /// Must be true when confirmed appointments fall inside: they are cancelled with the reason.
    #[serde(default)]
    pub cancel_appointments: bool,
}

/// A declared closure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Closure {
    pub id: i64,
    pub point: Option<ConsultationPoint>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    pub reason: String,
}

/// What a closure would do before it is declared, and what it did after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosureOutcome {
    pub closure: Option<Closure>,
    /// The appointments inside it: to be cancelled (preview) or cancelled.
    pub affected: Vec<OfficeAppointment>,
}

/// `POST /api/office/capacity`: the people on duty for a point on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CapacityRequest {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub point: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 50))]
    #[serde(deserialize_with = "integer::deserialize")]
    pub capacity: i64,
}

/// `GET /healthz`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
}

/// The error envelope every failed API call answers with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable machine-readable code, e.g. `invalid_credentials`.
    pub code: String,
    /// An Italian sentence written for the user.
    pub message: String,
    /// Per-field messages for validation errors (422), keyed by the request's field names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// JSON integers as JSON Schema counts them: `3` and `3.0` alike (a client's JSON library may
/// write either), never `3.5`.
pub mod integer {
    use serde::{de::Error, Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Number {
            Integer(i64),
            Float(f64),
        }
        match Number::deserialize(deserializer)? {
            Number::Integer(n) => Ok(n),
            Number::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
            Number::Float(_) => Err(D::Error::custom("expected an integer")),
        }
    }
}

/// Codes that travel as strings, declared as enums in the OpenAPI document only.
#[cfg(feature = "openapi")]
mod codes {
    #![allow(dead_code)]
    use utoipa::ToSchema;

    /// A punto di consulenza.
    #[derive(ToSchema)]
    #[schema(rename_all = "snake_case")]
    pub enum PointCode {
        Sportello,
        Telefono,
        Video,
    }

    /// The office's outcome on a request.
    #[derive(ToSchema)]
    #[schema(rename_all = "snake_case")]
    pub enum OutcomeCode {
        Accolta,
        NonAccolta,
    }

    /// Whether the meeting took place.
    #[derive(ToSchema)]
    #[schema(rename_all = "snake_case")]
    pub enum AttendanceCode {
        Svolto,
        NonPresentato,
    }

    /// What a timeline entry records.
    #[derive(ToSchema)]
    #[schema(rename_all = "snake_case")]
    pub enum EventKindCode {
        Prenotato,
        Esteso,
        Confermato,
        PrenotazioneCancellata,
        Scaduto,
        Annullato,
        Svolto,
        NonPresentato,
    }

    /// Who booked an appointment (Gestione appuntamenti's filter).
    #[derive(ToSchema)]
    #[schema(rename_all = "snake_case")]
    pub enum ManagedBy {
        Contribuente,
        Intermediario,
    }
}
#[cfg(feature = "openapi")]
pub use codes::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_travel_as_lowercase_words() {
        assert_eq!(
            serde_json::to_string(&Role::Intermediario).unwrap(),
            "\"intermediario\""
        );
    }

    #[test]
    fn an_error_without_fields_omits_them() {
        let body = ErrorEnvelope {
            error: ErrorBody {
                code: "x".into(),
                message: "y".into(),
                fields: BTreeMap::new(),
            },
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":{"code":"x","message":"y"}}"#
        );
    }

    #[test]
    fn integers_may_be_written_as_whole_floats_but_not_as_fractions() {
        let parsed: CapacityRequest =
            serde_json::from_str(r#"{"date":"2026-03-03","point":"video","capacity":2.0}"#)
                .unwrap();
        assert_eq!(parsed.capacity, 2);
        let fraction: Result<CapacityRequest, _> =
            serde_json::from_str(r#"{"date":"2026-03-03","point":"video","capacity":2.5}"#);
        assert!(fraction.is_err());
    }

    #[test]
    fn a_login_with_unknown_fields_is_refused() {
        let parsed: Result<LoginRequest, _> =
            serde_json::from_str(r#"{"username":"a","password":"b","admin":true}"#);
        assert!(parsed.is_err());
    }
}
