//! Every code that crosses the wire or is stored: one enum each, declared once with the text it
//! travels and is stored as. Serde, the OpenAPI document, the database (behind the `sqlx`
//! feature, which only the server turns on) and `code()` all read the same declaration, so a
//! typo cannot make a second spelling, and a stored code the service does not know is an error
//! where it is read, never a silent default.

use serde::{Deserialize, Serialize};

/// A text that names no value of a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    pub kind: &'static str,
    pub text: String,
}

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} code {:?}", self.kind, self.text)
    }
}

impl std::error::Error for UnknownCode {}

/// Declares each enum with the text of each value.
macro_rules! codes {
    ($(
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    )+) => { $(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text on the wire and in the database.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn from_code(text: &str) -> Option<$name> {
                match text {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownCode;

            fn from_str(text: &str) -> Result<$name, UnknownCode> {
                $name::from_code(text).ok_or_else(|| UnknownCode {
                    kind: stringify!($name),
                    text: text.to_string(),
                })
            }
        }

        // Written by hand: utoipa's derive does not see a `serde(rename)` whose text comes from a
        // macro, and would publish the Rust names instead of the codes on the wire.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        #[cfg(feature = "sqlx")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.code(), buf)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<$name, sqlx::error::BoxDynError> {
                let text = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Ok(text.parse::<$name>()?)
            }
        }
    )+ };
}

codes! {
    /// Who a user is for the service; decides which pages and calls are open to them.
    pub enum Role {
        /// A self-employed artisan or merchant, acting for themself.
        Contribuente = "contribuente",
        /// An accountant, CAF or patronato acting for the contributors who delegated them.
        Intermediario = "intermediario",
        /// Staff of one INPS office.
        Operatore = "operatore",
    }

    /// The contributor's social-security scheme (Gestione).
    pub enum Category {
        Artigiano = "artigiano",
        Commerciante = "commerciante",
    }

    /// A punto di consulenza: how the meeting happens.
    pub enum PointCode {
        /// At the office's desk.
        Sportello = "sportello",
        /// The office calls the contributor back.
        Telefono = "telefono",
        /// A video call.
        Video = "video",
    }

    /// The status of an appointment.
    pub enum AppointmentStatus {
        Prenotato = "prenotato",
        Confermato = "confermato",
        PrenotazioneCancellata = "prenotazione_cancellata",
        Scaduto = "scaduto",
        Annullato = "annullato",
        Svolto = "svolto",
        NonPresentato = "non_presentato",
    }

    /// What a timeline entry of an appointment records.
    pub enum EventKind {
        Prenotato = "prenotato",
        Esteso = "esteso",
        Confermato = "confermato",
        PrenotazioneCancellata = "prenotazione_cancellata",
        Scaduto = "scaduto",
        Annullato = "annullato",
        Svolto = "svolto",
        NonPresentato = "non_presentato",
        Spostato = "spostato",
        /// A place freed and offered to the first matching entry of the Lista d'attesa.
        Offerto = "offerto",
        /// The office corrected the attendance it recorded (within a day).
        PresenzaCorretta = "presenza_corretta",
    }

    /// Whether a meeting took place, as the office records it.
    pub enum Attendance {
        Svolto = "svolto",
        NonPresentato = "non_presentato",
    }

    /// Who cancelled a confirmed appointment.
    pub enum CancelledBy {
        /// The contributor or their intermediary.
        Contribuente = "contribuente",
        /// The office, one by one or by a closure.
        Sede = "sede",
    }

    /// Who booked an appointment (Gestione appuntamenti's filter): the contributor themself, an
    /// intermediary for them, or the office at its desk or on the phone.
    pub enum ManagedBy {
        Contribuente = "contribuente",
        Intermediario = "intermediario",
        Sede = "sede",
    }

    /// The status of a thread ("comunicazione").
    pub enum CommunicationStatus {
        Inviata = "inviata",
        InLavorazione = "in_lavorazione",
        Accolta = "accolta",
        NonAccolta = "non_accolta",
        Chiusa = "chiusa",
    }

    /// The types a document attached to a message may be: what a receipt, a statement or a
    /// photo of one is. The code is the media type the upload declares and the download serves.
    pub enum AttachmentType {
        Pdf = "application/pdf",
        Jpeg = "image/jpeg",
        Png = "image/png",
    }

    /// The office's outcome on a request (Registra esito).
    pub enum Outcome {
        Accolta = "accolta",
        NonAccolta = "non_accolta",
    }

    /// Mornings (before 13:00) or afternoons; absent: any time.
    pub enum PartOfDay {
        Mattina = "mattina",
        Pomeriggio = "pomeriggio",
    }

    /// Where an entry of the Lista d'attesa stands.
    pub enum WaitlistStatus {
        /// Waiting for a place.
        InAttesa = "in_attesa",
        /// A place is held for the person until `offer.expires_at`.
        Offerta = "offerta",
        /// Booked: the offer was accepted, or the person booked for the thread themselves.
        Prenotato = "prenotato",
        /// Left the list (Esci dalla lista), or declined the offer.
        Ritirata = "ritirata",
        /// The range of days ended, or the offer lapsed unanswered.
        Scaduta = "scaduta",
    }

    /// A notice owed by e-mail (the outbox's kind).
    pub enum NoticeKind {
        Confirmed = "appointment_confirmed",
        CancelledByContributor = "appointment_cancelled_by_contributor",
        CancelledByOffice = "appointment_cancelled_by_office",
        Attended = "attendance_recorded",
        /// The day before, at the set hour.
        ReminderDayBefore = "reminder_day_before",
        /// A set number of hours before.
        ReminderHoursBefore = "reminder_hours_before",
        /// The office wrote in a thread (an answer or its outcome).
        ThreadAnswered = "thread_answered",
        /// Sposta appuntamento: the new time (and the office's reason).
        Moved = "appointment_moved",
        /// Lista d'attesa: a place is held for the person until the offer's end.
        Offered = "waitlist_offer",
        /// The office corrected the attendance it recorded.
        AttendanceCorrected = "attendance_corrected",
    }

    /// Where a notice's delivery stands (the outbox's status).
    pub enum DeliveryState {
        /// Not yet sent, or waiting for another attempt.
        Pending = "pending",
        /// Handed to the mail server.
        Sent = "sent",
        /// Given up after its attempts, or refused by the mail server.
        Failed = "failed",
        /// Nobody involved has an e-mail address.
        NoAddress = "no_address",
        /// No longer worth sending (the appointment changed, or it is too late).
        Withdrawn = "withdrawn",
    }

    /// Where the e-mail telling of a cancellation stands, as the office's agenda shows it.
    pub enum NoticeDelivery {
        /// Handed to the mail server.
        Inviata = "inviata",
        /// Not yet, or being retried.
        InInvio = "in_invio",
        /// Given up after its attempts, or refused by the mail server.
        NonRecapitata = "non_recapitata",
        /// Nobody involved has an e-mail address.
        NessunRecapito = "nessun_recapito",
    }

    /// The machine-readable reason of every refusal (docs/API.md, "Errors").
    pub enum ErrorCode {
        /// 400: malformed JSON, unknown or missing fields, a bad header.
        BadRequest = "bad_request",
        /// 401: no session cookie, or an unknown one.
        Unauthenticated = "unauthenticated",
        /// 401: the session ended by inactivity or by its absolute limit.
        SessionExpired = "session_expired",
        /// 401: wrong username or password (one message for both).
        InvalidCredentials = "invalid_credentials",
        /// 403: a role that may never make this call.
        Forbidden = "forbidden",
        /// 403: a state-changing request sent by another site.
        CrossSite = "cross_site",
        /// 404: missing, or not the caller's.
        NotFound = "not_found",
        /// 410: the hold expired.
        HoldExpired = "hold_expired",
        /// 413: the body is over the limit.
        PayloadTooLarge = "payload_too_large",
        /// 415: a body that is not JSON.
        UnsupportedMediaType = "unsupported_media_type",
        /// 422: `fields` says which and why.
        Validation = "validation",
        /// 503: the database kept aborting the change to break deadlocks; nothing changed.
        Busy = "busy",
        /// 500: logged with the request id.
        Internal = "internal",
        /// 409: a write refused by a database constraint: the data changed meanwhile.
        Conflict = "conflict",
        /// 409: the place was taken meanwhile.
        SlotUnavailable = "slot_unavailable",
        /// 409: the thread already has an active appointment.
        ThreadHasAppointment = "thread_has_appointment",
        /// 409: the thread may not book (its topic's days, or its status).
        NotEligible = "not_eligible",
        /// 429 (409 for the Lista d'attesa): three active appointments already.
        TooManyAppointments = "too_many_appointments",
        /// 429: too many holds given up in the last hour.
        TooManyReleasedHolds = "too_many_released_holds",
        /// 429: login throttled.
        TooManyAttempts = "too_many_attempts",
        /// 429: too many threads opened in 24 hours.
        TooManyCommunications = "too_many_communications",
        /// 429: too many messages in a thread in an hour.
        TooManyMessages = "too_many_messages",
        /// 409: the same keyed request is still being answered.
        InProgress = "in_progress",
        /// 409: the appointment is not a live hold.
        NotHeld = "not_held",
        /// 409: the hold was already confirmed.
        AlreadyConfirmed = "already_confirmed",
        /// 409: the hold was extended as often as allowed.
        TooManyExtensions = "too_many_extensions",
        /// 409: past the cut-off for doing this online.
        PastCutoff = "past_cutoff",
        /// 409: the appointment has begun.
        AlreadyStarted = "already_started",
        /// 409: only a confirmed appointment allows this.
        NotConfirmed = "not_confirmed",
        /// 409: moved as often as allowed.
        TooManyMoves = "too_many_moves",
        /// 409: attendance is recorded from the start.
        NotStarted = "not_started",
        /// 409: attendance already recorded.
        AttendanceRecorded = "attendance_recorded",
        /// 409: the day to correct the recorded attendance has passed, or none was recorded.
        CorrectionClosed = "correction_closed",
        /// 409: the appointment changed while it was being moved.
        AppointmentChanged = "appointment_changed",
        /// 409: the office declared a closure over that time.
        OfficeClosed = "office_closed",
        /// 409: a closed thread takes no messages.
        CommunicationClosed = "communication_closed",
        /// 409: the outcome was already recorded.
        OutcomeRecorded = "outcome_recorded",
        /// 409: no office serves the contributor's province.
        NoOffice = "no_office",
        /// 409: a closure with appointments inside needs `cancel_appointments`.
        ClosureHasAppointments = "closure_has_appointments",
        /// 409: a closure already under way cannot be revoked.
        ClosureStarted = "closure_started",
        /// 409: a capacity below what a slot already holds.
        CapacityBelowBookings = "capacity_below_bookings",
        /// 409: a place that suits is free now: book it rather than wait.
        PlacesFree = "places_free",
        /// 409: the thread is already in the Lista d'attesa.
        AlreadyWaiting = "already_waiting",
        /// 409: the entry holds no offer to answer.
        NoOffer = "no_offer",
        /// 409: the entry has already ended.
        EntryEnded = "entry_ended",
        /// 403: this account may not log in with a password here (`--password-login`).
        PasswordLoginOff = "password_login_off",
        /// 422: the file's bytes are not of the type it declares (or not PDF, JPG or PNG).
        AttachmentWrongType = "attachment_wrong_type",
        /// 422: a PDF protected by a password.
        AttachmentEncrypted = "attachment_encrypted",
        /// 422: a PDF holding JavaScript, a launch action or embedded files.
        AttachmentActiveContent = "attachment_active_content",
        /// 422: not a readable file of its type (an image that does not decode, a broken PDF).
        AttachmentUnreadable = "attachment_unreadable",
        /// 422: the antivirus found something in the file.
        AttachmentInfected = "attachment_infected",
        /// 409: the message already carries as many files as allowed.
        TooManyAttachments = "too_many_attachments",
        /// 409: the thread holds as many bytes of attachments as allowed.
        ThreadAttachmentsFull = "thread_attachments_full",
        /// 429: too many files uploaded for the contributor in 24 hours.
        TooManyUploads = "too_many_uploads",
    }

    /// The language the service speaks to a person: pages, messages of the API, e-mails.
    pub enum Language {
        It = "it",
        En = "en",
    }

    /// The public digital identity a person entered with.
    pub enum IdentityScheme {
        /// Sistema Pubblico di Identità Digitale.
        Spid = "spid",
        /// Carta d'Identità Elettronica (CIE id).
        Cie = "cie",
    }

    /// Who may log in with a password (`--password-login`): operators stand in for the
    /// Institute's internal directory; everybody else enters with SPID or CIE.
    pub enum PasswordLogin {
        Off = "off",
        Operators = "operators",
        All = "all",
    }

    /// Why a SPID/CIE login came back to the login page (`/accedi?errore=`).
    pub enum LoginFailure {
        /// The login's state is missing, altered, used already or older than ten minutes.
        Expired = "scaduto",
        /// The person stopped at the provider (declined consent or cancelled).
        Cancelled = "annullato",
        /// The provider could not be reached, or is not (or no longer) in the federation.
        Provider = "gestore",
        /// The provider authenticated at a level below SPID 2.
        Level = "livello",
        /// The codice fiscale is no contributor's or intermediary's of the service.
        Unknown = "sconosciuto",
        /// What came back failed a check (signature, issuer, audience, nonce, expiry).
        Unverified = "verifica",
    }

    /// Valuta il servizio: the moments after which a person may say how easy it was, once each.
    pub enum RatingOccasion {
        /// A booking was confirmed (the appointment's page, after Conferma).
        Booked = "prenotazione",
        /// A thread the person sent was closed by the office.
        Closed = "comunicazione",
        /// The appointment took place (attendance recorded: presente).
        Attended = "appuntamento",
    }

    /// Why the app sent the person to the login page (`/accedi?avviso=`): said there once.
    pub enum LoginNotice {
        /// They chose Esci.
        LoggedOut = "uscita",
        /// The server said the session was over (ended elsewhere, or its twelve hours).
        Ended = "scaduta",
        /// The inactivity warning ran out.
        Idle = "inattivita",
    }
}

/// A code as a client sent it: one the service knows, or the text it got instead. Requests
/// carry codes this way so that an unknown one is answered like any other invalid field (a 422
/// naming the field, with every other field's problem at once), not as a malformed body; the
/// JSON is the same text either way.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code<T> {
    Known(T),
    Unknown(String),
}

impl<T: std::str::FromStr> Code<T> {
    /// The code a form's control holds: one the service knows, or the text as it is.
    pub fn read(text: &str) -> Code<T> {
        match text.parse() {
            Ok(value) => Code::Known(value),
            Err(_) => Code::Unknown(text.to_string()),
        }
    }
}

impl<T: Copy> Code<T> {
    /// The code, if it is one the service knows.
    pub fn known(&self) -> Option<T> {
        match self {
            Code::Known(value) => Some(*value),
            Code::Unknown(_) => None,
        }
    }
}

impl<T> From<T> for Code<T> {
    fn from(value: T) -> Code<T> {
        Code::Known(value)
    }
}

/// Nothing chosen yet: the empty text, which names no code.
impl<T> Default for Code<T> {
    fn default() -> Code<T> {
        Code::Unknown(String::new())
    }
}

impl<T: Serialize> Serialize for Code<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Known(value) => value.serialize(serializer),
            Code::Unknown(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de, T: std::str::FromStr> Deserialize<'de> for Code<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code<T>, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(match text.parse::<T>() {
            Ok(value) => Code::Known(value),
            Err(_) => Code::Unknown(text),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serde's spelling is the one `code()` and the database use, for every value.
    fn same_text<T>(all: &[T])
    where
        T: Copy + Serialize + std::fmt::Display + std::str::FromStr + PartialEq + std::fmt::Debug,
    {
        for value in all {
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(json, format!("\"{value}\""));
            assert_eq!(value.to_string().parse::<T>().ok(), Some(*value));
        }
    }

    #[test]
    fn every_code_travels_and_reads_back_as_its_own_text() {
        same_text(Role::ALL);
        same_text(Category::ALL);
        same_text(PointCode::ALL);
        same_text(AppointmentStatus::ALL);
        same_text(EventKind::ALL);
        same_text(Attendance::ALL);
        same_text(CancelledBy::ALL);
        same_text(ManagedBy::ALL);
        same_text(CommunicationStatus::ALL);
        same_text(Outcome::ALL);
        same_text(PartOfDay::ALL);
        same_text(WaitlistStatus::ALL);
        same_text(NoticeKind::ALL);
        same_text(DeliveryState::ALL);
        same_text(NoticeDelivery::ALL);
        same_text(ErrorCode::ALL);
    }

    #[test]
    fn an_unknown_text_is_refused_by_name() {
        let error = "altro".parse::<PointCode>().unwrap_err();
        assert_eq!(error.to_string(), "unknown PointCode code \"altro\"");
        assert_eq!(EventKind::from_code("Spostato"), None, "codes are exact");
    }

    #[test]
    fn a_sent_code_keeps_what_it_does_not_know_and_writes_it_back_unchanged() {
        let known: Code<PointCode> = serde_json::from_str("\"video\"").unwrap();
        assert_eq!(known.known(), Some(PointCode::Video));
        let unknown: Code<PointCode> = serde_json::from_str("\"videochiamata\"").unwrap();
        assert_eq!(unknown, Code::Unknown("videochiamata".into()));
        assert_eq!(
            serde_json::to_string(&unknown).unwrap(),
            "\"videochiamata\""
        );
        assert_eq!(serde_json::to_string(&known).unwrap(), "\"video\"");
        assert!(
            serde_json::from_str::<Code<PointCode>>("3").is_err(),
            "not a text"
        );
    }
}
