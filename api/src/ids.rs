//! Identifiers and the instant, as types: a thread's id cannot be passed where an office's is
//! wanted. On the wire each is the bare number or text it wraps (`#[serde(transparent)]`); in
//! the database (behind the `sqlx` feature) the column it wraps.

use serde::{Deserialize, Serialize};

/// Declares number identifiers: `i64` underneath, the number itself in JSON.
macro_rules! number_ids {
    ($( $(#[$meta:meta])* $name:ident ),+ $(,)?) => { $(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<$name, Self::Err> {
                text.parse().map($name)
            }
        }

        impl From<i64> for $name {
            fn from(n: i64) -> $name {
                $name(n)
            }
        }

        number_ids!(@sqlx $name);
    )+ };
    (@sqlx $name:ident) => {
        #[cfg(feature = "sqlx")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <i64 as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <i64 as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <i64 as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&self.0, buf)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<$name, sqlx::error::BoxDynError> {
                <i64 as sqlx::Decode<'r, sqlx::Any>>::decode(value).map($name)
            }
        }
    };
}

/// Declares text identifiers: a `String` underneath, the text itself in JSON.
macro_rules! text_ids {
    ($( $(#[$meta:meta])* $name:ident ),+ $(,)?) => { $(
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> $name {
                $name(text.to_string())
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> $name {
                $name(text)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
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
                <String as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&self.0, buf)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<$name, sqlx::error::BoxDynError> {
                <String as sqlx::Decode<'r, sqlx::Any>>::decode(value).map($name)
            }
        }
    )+ };
}

number_ids! {
    /// A thread ("comunicazione").
    ThreadId,
    /// A Struttura territoriale.
    OfficeId,
    /// An entry of the Lista d'attesa.
    EntryId,
    /// An appointment's row (people see its `Reference`).
    AppointmentId,
    /// A slot row: one place in time at one office and point.
    SlotId,
    /// A contributor's row (paths name contributors by `Cf`).
    ContributorId,
    /// A user account.
    UserId,
    /// A document attached to a message, or uploaded and waiting for one.
    AttachmentId,
}

text_ids! {
    /// Identificativo appuntamento, "AP-2026-000123".
    Reference,
    /// Codice fiscale: how paths name a contributor.
    Cf,
}

/// An instant, as Unix seconds: what the server stores and computes with. The wire writes
/// instants as RFC 3339 text with Rome's offset instead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Instant(pub i64);

impl Instant {
    /// Seconds since the Unix epoch.
    pub const fn seconds(self) -> i64 {
        self.0
    }
}

impl std::ops::Add<i64> for Instant {
    type Output = Instant;

    /// So many seconds later.
    fn add(self, seconds: i64) -> Instant {
        Instant(self.0 + seconds)
    }
}

impl std::ops::Sub<i64> for Instant {
    type Output = Instant;

    /// So many seconds earlier.
    fn sub(self, seconds: i64) -> Instant {
        Instant(self.0 - seconds)
    }
}

impl std::ops::Sub for Instant {
    type Output = i64;

    /// Seconds from `other` to `self`.
    fn sub(self, other: Instant) -> i64 {
        self.0 - other.0
    }
}

impl std::ops::AddAssign<i64> for Instant {
    fn add_assign(&mut self, seconds: i64) {
        self.0 += seconds;
    }
}

number_ids!(@sqlx Instant);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_travel_as_their_bare_value() {
        assert_eq!(serde_json::to_string(&ThreadId(7)).unwrap(), "7");
        assert_eq!(serde_json::from_str::<ThreadId>("7").unwrap(), ThreadId(7));
        let reference = Reference::from("AP-2026-000001");
        assert_eq!(
            serde_json::to_string(&reference).unwrap(),
            "\"AP-2026-000001\""
        );
        assert_eq!("12".parse::<OfficeId>(), Ok(OfficeId(12)));
        assert!("x".parse::<OfficeId>().is_err());
    }

    #[test]
    fn instants_move_by_seconds() {
        let now = Instant(1_000);
        assert_eq!(now + 60, Instant(1_060));
        assert_eq!(Instant(1_060) - now, 60);
        assert!(now - 1 < now);
    }
}
