//! Comunicazione bidirezionale: threads, messages, eligibility, the office's queue.

use super::*;

impl CommunicationStatus {
    /// The word on screen, always shown as text (never colour alone).
    pub fn label(self) -> Text {
        match self {
            CommunicationStatus::Inviata => t::thread_status_inviata(),
            CommunicationStatus::InLavorazione => t::thread_status_in_lavorazione(),
            CommunicationStatus::Accolta => t::thread_status_accolta(),
            CommunicationStatus::NonAccolta => t::thread_status_non_accolta(),
            CommunicationStatus::Chiusa => t::thread_status_chiusa(),
        }
    }
}

impl Outcome {
    /// The status the thread takes with this outcome.
    pub fn status(self) -> CommunicationStatus {
        match self {
            Outcome::Accolta => CommunicationStatus::Accolta,
            Outcome::NonAccolta => CommunicationStatus::NonAccolta,
        }
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
    /// The caller's pending uploads in this thread that the message carries (at most
    /// `--attachments-per-message`).
    #[serde(default, deserialize_with = "crate::integer::ids")]
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub attachments: Vec<AttachmentId>,
}

/// A document attached to a message (or uploaded and waiting for its message):
/// `POST /api/communications/{id}/attachments` answers with it, each `Message` lists its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: AttachmentId,
    /// The original name, as shown (never a path).
    pub name: String,
    #[serde(rename = "type")]
    pub media_type: AttachmentType,
    /// Bytes.
    pub size: u64,
    /// Hex SHA-256 of the bytes, for the person to check what they downloaded.
    pub sha256: String,
}

impl AttachmentType {
    /// The word on screen.
    pub fn label(self) -> &'static str {
        match self {
            AttachmentType::Pdf => "PDF",
            AttachmentType::Jpeg => "JPG",
            AttachmentType::Png => "PNG",
        }
    }
}

/// `POST /api/communications/{id}/outcome`: `outcome` is `accolta` or `non_accolta`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = Outcome))]
    pub outcome: Code<Outcome>,
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
    pub active_appointment: Option<Reference>,
    /// The contributor already has the most active appointments allowed: one must end (from
    /// Gestione appuntamenti) before another is booked.
    #[serde(default)]
    pub limit_reached: bool,
}

/// A thread in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunicationSummary {
    pub id: ThreadId,
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
    /// Written by the service for a booking event ("Appuntamento … confermato da …"), not by a
    /// person: it never awaits an answer.
    #[serde(default)]
    pub automatic: bool,
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub sent_at: String,
    /// The documents the message carries, in the order they were uploaded.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
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
    /// The phone given with the contributor's latest booking, to start "Recapito telefonico"
    /// from; none before the first.
    #[serde(default)]
    pub last_phone: Option<String>,
    /// What a message of this thread may carry (`--attachment-max-bytes`,
    /// `--attachments-per-message`), said before a file is chosen.
    pub attachment_limits: AttachmentLimits,
    /// Valuta il servizio: `comunicazione` once the thread is closed, for its contributor's
    /// side, until rated.
    #[serde(default)]
    pub rating_due: Option<RatingOccasion>,
}

impl AttachmentLimits {
    /// The largest file in words: "3 MB" (a whole number without its ",0" / ".0").
    fn max_in_words(&self, language: Language) -> String {
        match language {
            Language::It => crate::it::size_in_words(self.max_bytes).replace(",0 ", " "),
            Language::En => crate::en::size_in_words(self.max_bytes).replace(".0 ", " "),
        }
    }

    /// Said before a file is chosen: "PDF, JPG o PNG, fino a 3 file da 3 MB ciascuno".
    pub fn sentence(&self, language: Language) -> Text {
        t::attachment_limits(self.per_message, self.max_in_words(language))
    }

    /// Why a file over the limit is refused, naming it: the app says it before sending, the
    /// server's 413 says the same.
    pub fn too_large(&self, name: &str, language: Language) -> Text {
        t::attachment_too_large(name, self.max_in_words(language))
    }

    /// Which of the files a person just chose may start uploading, beside the `already`
    /// listed: each `(name, declared type, size)` gets `Ok` with its type, or the sentence that
    /// says, by name, why not. The server checks again; this only spares a useless upload.
    pub fn admit(
        &self,
        chosen: &[(String, String, u64)],
        already: usize,
        language: Language,
    ) -> Vec<Result<AttachmentType, Text>> {
        let mut room = (self.per_message as usize).saturating_sub(already);
        chosen
            .iter()
            .map(|(name, media_type, size)| {
                let kind = AttachmentType::from_code(&media_type.to_ascii_lowercase())
                    .ok_or_else(|| t::attachment_not_accepted(name))?;
                if *size > self.max_bytes {
                    return Err(self.too_large(name, language));
                }
                if *size == 0 {
                    return Err(t::attachment_empty(name));
                }
                if room == 0 {
                    return Err(t::attachment_no_room(self.per_message, name));
                }
                room -= 1;
                Ok(kind)
            })
            .collect()
    }
}

/// The limits of Allega documenti.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentLimits {
    /// The largest file, in bytes.
    pub max_bytes: u64,
    /// The most files one message carries.
    pub per_message: u32,
}

/// The office's own side of a thread (`GET /api/communications/{id}/office`): who handles it
/// and the internal notes; the contributor's side never reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadOffice {
    /// "Presa in carico da": the operator's name.
    pub handled_by: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub handled_since: Option<String>,
    /// Whether the reader is the one handling it.
    pub handled_by_me: bool,
    pub notes: Vec<InternalNote>,
}

/// A note the office writes on a thread for colleagues.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InternalNote {
    pub author: String,
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub written_at: String,
}

/// `POST /api/communications/{id}/notes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewInternalNote {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub text: String,
}

/// A thread in the office's queue (`GET /api/office/communications`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeCommunication {
    pub id: ThreadId,
    pub protocol: String,
    pub contributor: Contributor,
    pub topic: Topic,
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub sent_at: String,
    pub status: CommunicationStatus,
    /// The last message came from the contributor's side: the office owes an answer.
    pub awaiting_answer: bool,
    /// Since when: the first message of the contributor's side after the office last wrote
    /// (the service's own booking messages do not count).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub awaiting_since: Option<String>,
    /// "Presa in carico da": the operator handling it, if any.
    #[serde(default)]
    pub handled_by: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub last_message_at: String,
}

/// `GET /api/office/search?q=`: what matches, of the operator's office only, a codice fiscale,
/// a name, a protocol or an appointment reference; at most 20 of each, the latest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeSearch {
    /// Contributors with a thread routed to the office or an appointment there.
    pub contributors: Vec<Contributor>,
    pub communications: Vec<OfficeCommunication>,
    pub appointments: Vec<crate::OfficeAppointment>,
}

/// `GET /api/office/contributors/{cf}`: the contributor's file as the office holds it: their
/// threads routed to it, their appointments there, how often they did not come, and the
/// phones their bookings gave, the latest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeContributorFile {
    pub contributor: Contributor,
    pub phones: Vec<String>,
    pub communications: Vec<OfficeCommunication>,
    pub appointments: Vec<crate::OfficeAppointment>,
    /// Appointments at this office recorded as "Non presentato".
    pub no_shows: i64,
    /// Appointments at this office recorded as "Svolto".
    pub attended: i64,
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
