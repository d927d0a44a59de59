//! Lista d'attesa: "Avvisami se si libera un posto", the entries and their offers.

#[cfg(feature = "openapi")]
use crate::PointCode;
use serde::{Deserialize, Serialize};

/// Mornings (before 13:00) or afternoons; absent: any time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    Mattina,
    Pomeriggio,
}

impl PartOfDay {
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Mattina => "mattina",
            PartOfDay::Pomeriggio => "pomeriggio",
        }
    }

    pub fn from_code(code: &str) -> Option<PartOfDay> {
        match code {
            "mattina" => Some(PartOfDay::Mattina),
            "pomeriggio" => Some(PartOfDay::Pomeriggio),
            _ => None,
        }
    }

    /// "di mattina", "di pomeriggio".
    pub fn label(self) -> &'static str {
        match self {
            PartOfDay::Mattina => "di mattina (prima delle 13)",
            PartOfDay::Pomeriggio => "di pomeriggio (dalle 13)",
        }
    }
}

/// Where an entry of the Lista d'attesa stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    /// Waiting for a place.
    InAttesa,
    /// A place is held for the person until `offer.expires_at`.
    Offerta,
    /// Booked: the offer was accepted, or the person booked for the thread themselves.
    Prenotato,
    /// Left the list (Esci dalla lista), or declined the offer.
    Ritirata,
    /// The range of days ended, or the offer lapsed unanswered.
    Scaduta,
}

impl WaitlistStatus {
    pub const ALL: [WaitlistStatus; 5] = [
        WaitlistStatus::InAttesa,
        WaitlistStatus::Offerta,
        WaitlistStatus::Prenotato,
        WaitlistStatus::Ritirata,
        WaitlistStatus::Scaduta,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WaitlistStatus::InAttesa => "in_attesa",
            WaitlistStatus::Offerta => "offerta",
            WaitlistStatus::Prenotato => "prenotato",
            WaitlistStatus::Ritirata => "ritirata",
            WaitlistStatus::Scaduta => "scaduta",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            WaitlistStatus::InAttesa => "In attesa di un posto",
            WaitlistStatus::Offerta => "Posto proposto: da confermare",
            WaitlistStatus::Prenotato => "Prenotato",
            WaitlistStatus::Ritirata => "Uscito dalla lista",
            WaitlistStatus::Scaduta => "Scaduta",
        }
    }
}

/// `POST /api/waitlist`: Avvisami se si libera un posto.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitlistRequest {
    #[serde(deserialize_with = "crate::integer::deserialize")]
    pub communication_id: i64,
    #[serde(deserialize_with = "crate::integer::deserialize")]
    pub office: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub point: String,
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
    pub reference: String,
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
    pub id: i64,
    pub status: WaitlistStatus,
    pub communication_id: i64,
    pub protocol: String,
    pub subject: String,
    pub office_id: i64,
    pub office_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub point_code: String,
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
