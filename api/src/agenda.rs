//! Agenda appuntamenti: points, offices, availability, appointments, the office's agenda,
//! closures and capacity.

use super::*;

/// A punto di consulenza.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationPoint {
    pub code: PointCode,
    pub label: String,
}

/// A Struttura territoriale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Office {
    pub id: OfficeId,
    pub name: String,
    pub city: String,
    pub address: String,
    pub province: String,
    /// The consultation points it offers.
    pub points: Vec<PointCode>,
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

impl AppointmentStatus {
    pub fn label(self) -> Text {
        match self {
            AppointmentStatus::Prenotato => t::status_prenotato(),
            AppointmentStatus::Confermato => t::status_confermato(),
            AppointmentStatus::PrenotazioneCancellata => t::status_prenotazione_cancellata(),
            AppointmentStatus::Scaduto => t::status_scaduto(),
            AppointmentStatus::Annullato => t::status_annullato(),
            AppointmentStatus::Svolto => t::status_svolto(),
            AppointmentStatus::NonPresentato => t::status_non_presentato(),
        }
    }
}

impl EventKind {
    /// The timeline's wording.
    pub fn label(self) -> Text {
        match self {
            EventKind::Prenotato => t::event_prenotato(),
            EventKind::Esteso => t::event_esteso(),
            EventKind::Confermato => t::event_confermato(),
            EventKind::PrenotazioneCancellata => t::event_prenotazione_cancellata(),
            EventKind::Scaduto => t::event_scaduto(),
            EventKind::Annullato => t::event_annullato(),
            EventKind::Svolto => t::event_svolto(),
            EventKind::NonPresentato => t::event_non_presentato(),
            EventKind::Spostato => t::event_spostato(),
            EventKind::Offerto => t::event_offerto(),
            EventKind::PresenzaCorretta => t::event_presenza_corretta(),
        }
    }
}

impl Attendance {
    /// The status an appointment takes when its attendance is recorded.
    pub fn status(self) -> AppointmentStatus {
        match self {
            Attendance::Svolto => AppointmentStatus::Svolto,
            Attendance::NonPresentato => AppointmentStatus::NonPresentato,
        }
    }

    pub fn label(self) -> Text {
        self.status().label()
    }
}

/// `POST /api/appointments` (Prenota appuntamento), with an `Idempotency-Key` header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HoldRequest {
    #[serde(deserialize_with = "integer::id")]
    pub communication_id: ThreadId,
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub point: Code<PointCode>,
    #[serde(deserialize_with = "integer::id")]
    pub office: OfficeId,
    /// The slot's start, as `GET /api/availability` gave it.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 30))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub notes: String,
}

/// `POST /api/appointments/{reference}/move` (Sposta appuntamento), with an `Idempotency-Key`.
/// The office and the point stay the same unless given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    /// The new slot's start, as `GET /api/availability` gave it.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    #[serde(default, deserialize_with = "crate::integer::option_id")]
    pub office: Option<OfficeId>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<PointCode>))]
    pub point: Option<Code<PointCode>>,
    /// Mandatory for the office: the contributor reads it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

/// One step of an appointment's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentEvent {
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    pub kind: EventKind,
    pub label: String,
    /// Who: "Mario Rossi", "Studio Verdi", "Sede di Roma", or "Sistema" for an expiry.
    pub actor: String,
    pub note: Option<String>,
}

/// An appointment with everything the pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appointment {
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^AP-[0-9]{4}-[0-9]{6,}$"))]
    pub reference: Reference,
    pub status: AppointmentStatus,
    pub communication_id: ThreadId,
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
    /// Sposta appuntamento is possible now (the same cut-off as cancelling, a bounded number of moves).
    #[serde(default)]
    pub can_move: bool,
    /// For an operator of its office: started and confirmed, attendance may be recorded.
    pub can_record_attendance: bool,
    /// For an operator of its office: the attendance recorded less than a day ago may be
    /// corrected.
    #[serde(default)]
    pub can_correct_attendance: bool,
    /// Whether the caller is the office (its operators act differently on it).
    pub viewed_by_office: bool,
    /// A confirmed videochiamata's room on the Institute's video platform (an https URL), from
    /// its confirmation until it is cancelled; kept when it is moved. None for the other
    /// points.
    #[serde(default)]
    pub video_link: Option<String>,
    /// Valuta il servizio: what the caller may rate now (the booking once confirmed, the
    /// appointment once it took place), none when rated or not theirs to rate.
    #[serde(default)]
    pub rating_due: Option<RatingOccasion>,
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
pub fn status_text(status: AppointmentStatus, cancelled_by_office: bool) -> Text {
    if status == AppointmentStatus::Annullato && cancelled_by_office {
        t::status_annullato_dalla_sede()
    } else {
        status.label()
    }
}

/// As `status_text`, for the contributor's side: a confirmed appointment whose time has passed
/// (until the office records Svolto or Non presentato) no longer reads as one to come.
pub fn status_text_at(status: AppointmentStatus, cancelled_by_office: bool, ended: bool) -> Text {
    if ended && status == AppointmentStatus::Confermato {
        t::status_data_passata()
    } else {
        status_text(status, cancelled_by_office)
    }
}

/// The class of a status tag: its code, or `passato` for a confirmed one whose time is over.
pub fn status_class_at(status: AppointmentStatus, ended: bool) -> String {
    if ended && status == AppointmentStatus::Confermato {
        "status-tag status-tag--passato".into()
    } else {
        format!("status-tag status-tag--{}", status.code())
    }
}

/// An appointment in Gestione appuntamenti.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentSummary {
    pub reference: Reference,
    pub status: AppointmentStatus,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    pub office: String,
    pub point: String,
    pub topic: String,
    pub communication_id: ThreadId,
    /// "Mario Rossi", or the intermediary's firm ("Studio Verdi").
    pub booked_by: String,
    /// Booked by an intermediary for the contributor.
    pub managed_by_intermediary: bool,
    pub cancelled_by_office: bool,
    /// Whom it is for (the studio's agenda lists many contributors).
    pub contributor: Contributor,
    /// Not yet begun.
    pub upcoming: bool,
    /// Sposta appuntamento is possible now; with the office and point it starts from.
    #[serde(default)]
    pub can_move: bool,
    pub office_id: OfficeId,
    pub point_code: PointCode,
}

/// One appointment in "Agenda della sede", with what the operator needs to hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeAppointment {
    pub reference: Reference,
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
    pub communication_id: ThreadId,
    pub protocol: String,
    /// For a call-back or a video call: what to do and at which number.
    pub contact: Option<String>,
    /// Started and still confirmed: "Svolto" or "Non presentato" may be recorded.
    pub can_record_attendance: bool,
    /// Confirmed and not yet started: the office may cancel it, with a reason.
    pub can_cancel: bool,
    /// Cancelled by the office: whether the contributor's side was told by e-mail.
    #[serde(default)]
    pub cancellation_notice: Option<NoticeDelivery>,
    /// A confirmed videochiamata's room, as `Appointment.video_link`.
    #[serde(default)]
    pub video_link: Option<String>,
}

impl NoticeKind {
    /// The reminders, which go only to people who want them and only while confirmed.
    pub const REMINDERS: [NoticeKind; 2] = [
        NoticeKind::ReminderDayBefore,
        NoticeKind::ReminderHoursBefore,
    ];

    pub fn is_reminder(self) -> bool {
        NoticeKind::REMINDERS.contains(&self)
    }
}

impl NoticeDelivery {
    /// Where a notice stands, as the office needs to know it: whether the contributor heard.
    pub fn of(state: DeliveryState) -> NoticeDelivery {
        match state {
            DeliveryState::Sent => NoticeDelivery::Inviata,
            DeliveryState::Pending => NoticeDelivery::InInvio,
            DeliveryState::Failed | DeliveryState::Withdrawn => NoticeDelivery::NonRecapitata,
            DeliveryState::NoAddress => NoticeDelivery::NessunRecapito,
        }
    }

    pub fn label(self) -> Text {
        match self {
            NoticeDelivery::Inviata => t::delivery_inviata(),
            NoticeDelivery::InInvio => t::delivery_in_invio(),
            NoticeDelivery::NonRecapitata => t::delivery_non_recapitata(),
            NoticeDelivery::NessunRecapito => t::delivery_nessun_recapito(),
        }
    }
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
    /// People in the Lista d'attesa for a place on this day (any point).
    pub waiting: i64,
    /// The office's closures that touch this day.
    #[serde(default)]
    pub closures: Vec<Closure>,
    /// Who waits in the Lista d'attesa for a place that day, and the places offered to them
    /// and not yet answered.
    #[serde(default)]
    pub waitlist: Vec<DayWaiter>,
}

/// Someone in the Lista d'attesa for a place of the office on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayWaiter {
    pub contributor: Contributor,
    pub communication_id: ThreadId,
    pub point: ConsultationPoint,
    pub part_of_day: Option<PartOfDay>,
    /// `in_attesa`, or `offerta` while a place is held for them.
    pub status: WaitlistStatus,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub since: String,
    /// The place offered, and until when it is held for them.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub offered_start: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub offer_until: Option<String>,
}

/// `GET /api/office/week?from=`: seven days of the office, each point's places.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeWeek {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    /// The weeks before and after.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub previous: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub next: String,
    pub days: Vec<OfficeWeekDay>,
}

/// One day of the week: per point, the places and how many are taken (none outside the
/// bookable window, on closed days and where the point does not receive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeWeekDay {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    pub points: Vec<PointLoad>,
    pub closures: Vec<Closure>,
    /// People in the Lista d'attesa for a place of the office that day.
    pub waiting: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointLoad {
    pub point: ConsultationPoint,
    pub capacity: u32,
    pub booked: u32,
}

/// `POST /api/appointments/{reference}/attendance`: `outcome` is `svolto` or
/// `non_presentato`; with `svolto`, `text` (the "Esito dell'incontro") goes into the thread.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = Attendance))]
    pub outcome: Code<Attendance>,
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
    pub point: Option<Code<PointCode>>,
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
    pub point: Code<PointCode>,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 50))]
    #[serde(deserialize_with = "integer::deserialize")]
    pub capacity: i64,
}
