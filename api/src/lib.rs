//! The JSON contract between the browser app, the server and third-party software
//! (see `docs/API.md`). Both sides compile these types, so they cannot drift apart.

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
