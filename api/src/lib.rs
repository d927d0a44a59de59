//! The JSON contract between the browser app, the server and third-party software
//! (see `docs/API.md`). Both sides compile these types, so they cannot drift apart.

mod agenda;
pub mod calls;
mod communications;
pub mod en;
mod ids;
pub mod it;
pub mod paths;
mod service;
mod stats;
mod vocabulary;
mod waitlist;

pub use agenda::*;
pub use communications::*;
pub use ids::*;
pub use service::*;
pub use stats::*;
pub use vocabulary::*;
pub use waitlist::*;

use catalogue::{t, Text};

/// The cookie that keeps a person's language on this device (set by the app's choice and by the
/// server's pages' language links), and how long, in seconds: a year.
pub const LANGUAGE_COOKIE: &str = "lingua";
pub const LANGUAGE_COOKIE_MAX_AGE: i64 = 365 * 86_400;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

impl Role {
    /// The word shown on screen.
    pub fn label(self) -> Text {
        match self {
            Role::Contribuente => t::role_contribuente(),
            Role::Intermediario => t::role_intermediario(),
            Role::Operatore => t::role_operatore(),
        }
    }
}

impl Category {
    pub fn label(self) -> Text {
        match self {
            Category::Artigiano => t::category_artigiano(),
            Category::Commerciante => t::category_commerciante(),
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
    pub cf: Cf,
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
    /// For an operator, that office's id (the places it books at).
    #[serde(default)]
    pub office_id: Option<OfficeId>,
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
    /// The language the person chose (`PUT /api/me/language`); none until they choose.
    #[serde(default)]
    pub language: Option<Language>,
}

/// `GET /api/session/status`: like `GET /api/session`, but a visitor who is not logged in gets
/// `session: null` (200) instead of a 401, so the app can ask at start-up without an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionStatus {
    pub session: Option<SessionInfo>,
}

/// `GET /api/session/options`: the doors the login page offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginOptions {
    /// The SPID and CIE providers configured (`--oidc-provider`), empty without OIDC.
    pub providers: Vec<IdentityProvider>,
    /// Who may use the password form.
    pub password_login: PasswordLogin,
    /// The service runs with demo data (`--demo`): the password form is the demo's door.
    pub demo: bool,
}

/// One SPID or CIE provider, as the login page links to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityProvider {
    /// Its entity id in the federation.
    pub id: String,
    /// Its organisation's name, from its entity configuration.
    pub name: String,
    pub scheme: IdentityScheme,
    /// Where the login starts (`/auth/oidc/begin?provider=…`): a plain link.
    pub login_url: String,
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

/// `PUT /api/me/language`: the language chosen, kept with the account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LanguageChoice {
    #[cfg_attr(feature = "openapi", schema(value_type = Language))]
    pub language: Code<Language>,
}

impl Language {
    /// The language an `Accept-Language` header asks for: the first the service speaks, by
    /// quality (`it-IT`, `en-GB;q=0.8`, `*` ignored); none when it names neither.
    pub fn negotiate(header: &str) -> Option<Language> {
        let mut asked: Vec<(u16, usize, Language)> = header
            .split(',')
            .enumerate()
            .filter_map(|(order, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let primary = tag.split('-').next()?.to_ascii_lowercase();
                let language = Language::from_code(&primary)?;
                let quality = pieces
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .next()
                    .map_or(Some(1000), |q| {
                        q.trim()
                            .parse::<f32>()
                            .ok()
                            .filter(|q| (0.0..=1.0).contains(q))
                            .map(|q| (q * 1000.0).round() as u16)
                    })?;
                (quality > 0).then_some((quality, order, language))
            })
            .collect();
        asked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        asked.first().map(|(_, _, language)| *language)
    }

    /// The name of the language in itself, as the choice shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::It => "Italiano",
            Language::En => "English",
        }
    }
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
    pub code: ErrorCode,
    /// An Italian sentence written for the user.
    pub message: String,
    /// Per-field messages for validation errors (422), keyed by the request's field names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// `places_free`: the start of the free place that suits, so the client may offer it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub free_start: Option<String>,
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
            // Any whole number in i64's range is an integer to JSON Schema, 2^53 written as
            // 9007199254740992.0 too (a fuzzer sends it): beyond 2^53 the value read is the
            // float's, which is what the client wrote.
            Number::Float(f)
                if f.fract() == 0.0 && (-(i64::MAX as f64)..(i64::MAX as f64)).contains(&f) =>
            {
                Ok(f as i64)
            }
            Number::Float(_) => Err(D::Error::custom("expected an integer")),
        }
    }

    /// The same for an optional field (absent or `null`: none).
    pub fn option<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(deserialize_with = "deserialize")] i64);
        Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(n)| n))
    }

    /// An identifier written as such an integer.
    pub fn id<'de, D: Deserializer<'de>, T: From<i64>>(deserializer: D) -> Result<T, D::Error> {
        deserialize(deserializer).map(T::from)
    }

    /// A list of identifiers, each written as such an integer.
    pub fn ids<'de, D: Deserializer<'de>, T: From<i64>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(deserialize_with = "deserialize")] i64);
        Ok(Vec::<Wrapped>::deserialize(deserializer)?
            .into_iter()
            .map(|Wrapped(n)| T::from(n))
            .collect())
    }

    /// An optional identifier written as such an integer.
    pub fn option_id<'de, D: Deserializer<'de>, T: From<i64>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        option(deserializer).map(|n| n.map(T::from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_ids_takes_whole_floats_too() {
        let m: NewMessage =
            serde_json::from_str(r#"{"text": "x", "attachments": [3, 4.0]}"#).unwrap();
        assert_eq!(m.attachments, vec![AttachmentId(3), AttachmentId(4)]);
        assert!(
            serde_json::from_str::<NewMessage>(r#"{"text": "x", "attachments": [3.5]}"#).is_err()
        );
    }

    #[test]
    fn accept_language_picks_the_first_language_the_service_speaks() {
        assert_eq!(
            Language::negotiate("it-IT,it;q=0.9,en;q=0.8"),
            Some(Language::It)
        );
        assert_eq!(Language::negotiate("en-GB,en;q=0.9"), Some(Language::En));
        assert_eq!(
            Language::negotiate("de-DE,en;q=0.5,it;q=0.7"),
            Some(Language::It)
        );
        assert_eq!(Language::negotiate("fr, en"), Some(Language::En));
        assert_eq!(Language::negotiate("de, *"), None);
        assert_eq!(Language::negotiate("en;q=0, it;q=0.1"), Some(Language::It));
        assert_eq!(Language::negotiate("en;q=2"), None);
        assert_eq!(Language::negotiate(""), None);
        assert_eq!(Language::En.own_name(), "English");
    }

    #[test]
    fn chosen_files_are_admitted_by_type_size_and_room() {
        let limits = AttachmentLimits {
            max_bytes: 3 * 1024 * 1024,
            per_message: 3,
        };
        assert_eq!(
            limits.sentence(Language::It).italian(),
            "PDF, JPG o PNG, fino a 3 file da 3 MB ciascuno."
        );
        let file = |name: &str, t: &str, size: u64| (name.to_string(), t.to_string(), size);
        let verdicts = limits.admit(
            &[
                file("a.pdf", "application/pdf", 1000),
                file("b.gif", "image/gif", 1000),
                file("c.jpg", "image/jpeg", 4 * 1024 * 1024),
                file("d.png", "image/png", 10),
                file("e.png", "image/png", 10),
            ],
            1,
            Language::It,
        );
        let said = |i: usize| verdicts[i].as_ref().unwrap_err().italian();
        assert_eq!(verdicts[0], Ok(AttachmentType::Pdf));
        assert!(said(1).contains("«b.gif»"));
        assert!(said(2).contains("3 MB"));
        assert_eq!(verdicts[3], Ok(AttachmentType::Png));
        assert!(said(4).contains("al massimo 3"));
    }

    #[test]
    fn roles_travel_as_lowercase_words() {
        assert_eq!(
            serde_json::to_string(&Role::Intermediario).unwrap(),
            "\"intermediario\""
        );
    }

    #[test]
    fn an_optional_integer_takes_3_and_3_0_and_nothing_but_never_3_5() {
        let office = |json: &str| serde_json::from_str::<MoveRequest>(json).map(|m| m.office);
        assert_eq!(
            office(r#"{"start":"x","office":3}"#).unwrap(),
            Some(OfficeId(3))
        );
        assert_eq!(
            office(r#"{"start":"x","office":3.0}"#).unwrap(),
            Some(OfficeId(3))
        );
        assert_eq!(office(r#"{"start":"x","office":null}"#).unwrap(), None);
        assert_eq!(office(r#"{"start":"x"}"#).unwrap(), None);
        assert!(office(r#"{"start":"x","office":3.5}"#).is_err());
        assert_eq!(
            office(r#"{"start":"x","office":-3949963479394570.0}"#).unwrap(),
            Some(OfficeId(-3949963479394570))
        );
        // 2^53 as a whole float, as a fuzzer writes it: an integer, read as such.
        assert_eq!(
            office(r#"{"start":"x","office":9007199254740992.0}"#).unwrap(),
            Some(OfficeId(9_007_199_254_740_992))
        );
        assert!(office(r#"{"start":"x","office":1e300}"#).is_err());
    }

    #[test]
    fn an_error_without_fields_omits_them() {
        let body = ErrorEnvelope {
            error: ErrorBody {
                code: ErrorCode::NotFound,
                message: "y".into(),
                fields: BTreeMap::new(),
                free_start: None,
            },
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":{"code":"not_found","message":"y"}}"#
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
