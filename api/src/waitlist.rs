//! Lista d'attesa: "Avvisami se si libera un posto", the entries and their offers.

use crate::{Code, EntryId, OfficeId, PartOfDay, PointCode, Reference, ThreadId, WaitlistStatus};
use serde::{Deserialize, Serialize};

impl PartOfDay {
    /// "di mattina", "di pomeriggio".
    pub fn label(self) -> &'static str {
        match self {
            PartOfDay::Mattina => "di mattina (prima delle 13)",
            PartOfDay::Pomeriggio => "di pomeriggio (dalle 13)",
        }
    }
}

impl WaitlistStatus {
    pub fn label(self) -> &'static str {
        match self {
            WaitlistStatus::InAttesa => "In attesa di un posto",
            WaitlistStatus::Offerta => "Posto proposto: da confermare",
            WaitlistStatus::Prenotato => "Prenotato",
            WaitlistStatus::Ritirata => "Uscito dalla lista",
            WaitlistStatus::Scaduta => "Scaduta",
        }
    }

    /// Whether the entry still waits or holds an offer (one such entry per thread).
    pub fn is_live(self) -> bool {
        matches!(self, WaitlistStatus::InAttesa | WaitlistStatus::Offerta)
    }
}

/// `POST /api/waitlist`: Avvisami se si libera un posto.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitlistRequest {
    #[serde(deserialize_with = "crate::integer::id")]
    pub communication_id: ThreadId,
    #[serde(deserialize_with = "crate::integer::id")]
    pub office: OfficeId,
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub point: Code<PointCode>,
    /// First day (AAAA-MM-GG), inside the bookable window.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    /// Last day, included.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
    #[serde(default)]
    pub part_of_day: Option<PartOfDay>,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 30))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub notes: String,
}

/// A place offered to an entry: held in the person's name until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistOffer {
    /// The held appointment's Identificativo appuntamento.
    pub reference: Reference,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: String,
}

/// An entry of the Lista d'attesa.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistEntry {
    pub id: EntryId,
    pub status: WaitlistStatus,
    pub communication_id: ThreadId,
    pub protocol: String,
    pub subject: String,
    pub office_id: OfficeId,
    pub office_name: String,
    pub point_code: PointCode,
    pub point_label: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
    pub part_of_day: Option<PartOfDay>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// The place held for the person while `status` is `offerta`; the appointment it became
    /// once `prenotato`.
    pub offer: Option<WaitlistOffer>,
    /// How many entries for the same office and point were there before this one and still wait.
    pub ahead: i64,
}
