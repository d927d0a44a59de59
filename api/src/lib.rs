//! The JSON contract between the browser app, the server and third-party software
//! (see `docs/API.md`). Both sides compile these types, so they cannot drift apart.

pub mod it;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who a user is for the service; decides which pages and calls are open to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// A contributor the caller may act for (`GET /api/contributors`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct SessionInfo {
    pub user: User,
    /// Who the user may act for: themself for a contributor, the delegating contributors for an
    /// intermediary, nobody for an operator.
    pub contributors: Vec<Contributor>,
    /// Seconds of inactivity after which the session ends; the app warns before then.
    pub idle_timeout_seconds: u32,
    /// When the session ends regardless of activity (RFC 3339).
    pub expires_at: String,
}

/// `GET /api/session/status`: like `GET /api/session`, but a visitor who is not logged in gets
/// `session: null` (200) instead of a 401, so the app can ask at start-up without an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStatus {
    pub session: Option<SessionInfo>,
}

/// The status of a thread ("comunicazione").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
pub struct Topic {
    pub code: String,
    pub label: String,
    pub appointment_after_days: u32,
}

/// `POST /api/contributors/{cf}/communications`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCommunication {
    pub topic: String,
    pub subject: String,
    pub text: String,
}

/// `POST /api/communications/{id}/messages`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    pub text: String,
}

/// `POST /api/communications/{id}/outcome`: `outcome` is `accolta` or `non_accolta`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRequest {
    pub outcome: String,
    pub text: String,
}

/// Whether "Richiedi appuntamento" is enabled, decided by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub eligible: bool,
    /// The sentence shown beside the action (and joined to it by `aria-describedby`).
    pub reason: String,
    /// `YYYY-MM-DD`: when a not-yet-eligible thread becomes eligible by days.
    pub available_from: Option<String>,
    /// The identifier of the thread's active appointment, when it has one.
    pub active_appointment: Option<String>,
}

/// A thread in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunicationSummary {
    pub id: i64,
    pub protocol: String,
    pub topic: Topic,
    pub subject: String,
    /// When it was first sent (RFC 3339, Europe/Rome offset).
    pub sent_at: String,
    pub status: CommunicationStatus,
    /// The Institute wrote since the contributor's side last opened the thread.
    pub new_answer: bool,
    pub eligibility: Eligibility,
}

/// `GET /api/contributors/{cf}/communications`: one page, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunicationPage {
    pub items: Vec<CommunicationSummary>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// One message of a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    /// Who wrote it, as shown: "Mario Rossi", "Studio Verdi per conto di Mario Rossi",
    /// "Sede di Roma".
    pub author: String,
    pub from_institute: bool,
    pub text: String,
    pub sent_at: String,
}

/// `GET /api/communications/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct OfficeCommunication {
    pub id: i64,
    pub protocol: String,
    pub contributor: Contributor,
    pub topic: Topic,
    pub subject: String,
    pub sent_at: String,
    pub status: CommunicationStatus,
    /// The last message came from the contributor's side: the office owes an answer.
    pub awaiting_answer: bool,
    pub last_message_at: String,
}

/// `GET /healthz`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
}

/// The error envelope every failed API call answers with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// A stable machine-readable code, e.g. `invalid_credentials`.
    pub code: String,
    /// An Italian sentence written for the user.
    pub message: String,
    /// Per-field messages for validation errors (422), keyed by the request's field names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

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
    fn a_login_with_unknown_fields_is_refused() {
        let parsed: Result<LoginRequest, _> =
            serde_json::from_str(r#"{"username":"a","password":"b","admin":true}"#);
        assert!(parsed.is_err());
    }
}
