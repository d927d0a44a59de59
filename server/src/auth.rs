//! Passwords, session tokens and the `CurrentUser` extractor that every protected handler
//! takes: a handler that does not ask for it cannot see who is calling, and one that does can
//! only run for a live session.

use crate::error::AppError;
use crate::secrets::token_hash;
use crate::state::AppState;
use api::{Instant, OfficeId, Role, UserId};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};

/// Sessions end after this much inactivity…
pub const IDLE_TIMEOUT: i64 = 30 * 60;
/// …and in any case this long after login.
pub const ABSOLUTE_TIMEOUT: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often, so reading pages does not mean a write each.
const TOUCH_INTERVAL: i64 = 30;
/// `last_seen_at` may lag the last request by up to TOUCH_INTERVAL: with this grace nobody is
/// logged out before a full IDLE_TIMEOUT of real inactivity.
pub const IDLE_LIMIT: i64 = IDLE_TIMEOUT + TOUCH_INTERVAL;

/// One of our cookies: its base name, and under `--secure-cookies` the `__Host-` prefix, which
/// makes the browser refuse it unless it is Secure, Path=/ and host-only.
#[derive(Clone, Copy)]
pub struct Cookie {
    pub name: &'static str,
    pub same_site: &'static str,
}

/// The session: Strict, so no other site's page ever sends it.
pub const SESSION: Cookie = Cookie {
    name: "cassetto_session",
    same_site: "Strict",
};

/// A SPID/CIE login's state for the callback: `SameSite=Lax`, because the provider's redirect
/// back is a cross-site navigation that a Strict cookie would not follow.
pub const SPID_CIE_LOGIN: Cookie = Cookie {
    name: "cassetto_oidc",
    same_site: "Lax",
};

impl Cookie {
    pub fn full_name(self, secure: bool) -> String {
        if secure {
            format!("__Host-{}", self.name)
        } else {
            self.name.to_string()
        }
    }

    /// The `Set-Cookie` value that carries `value` for `max_age` seconds, or that clears the
    /// cookie when `value` is None.
    pub fn set(self, secure: bool, value: Option<&str>, max_age: i64) -> HeaderValue {
        let (value, max_age) = match value {
            Some(value) => (value, max_age),
            None => ("", 0),
        };
        let mut cookie = format!(
            "{}={value}; Path=/; HttpOnly; SameSite={}; Max-Age={max_age}",
            self.full_name(secure),
            self.same_site
        );
        if secure {
            cookie.push_str("; Secure");
        }
        HeaderValue::from_str(&cookie).expect("ASCII cookie")
    }

    /// Its value in a request, if set and not empty.
    pub fn read(self, headers: &HeaderMap, secure: bool) -> Option<String> {
        let name = self.full_name(secure);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
            .filter(|value| !value.is_empty())
    }
}

/// The `Set-Cookie` value that carries `token`, or that clears the cookie when `token` is None.
pub fn session_cookie(secure: bool, token: Option<&str>) -> HeaderValue {
    SESSION.set(secure, token, ABSOLUTE_TIMEOUT)
}

pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    SESSION.read(headers, secure)
}

/// The caller of a protected handler, loaded from a live session.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: UserId,
    pub username: String,
    pub name: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub office_id: Option<OfficeId>,
    pub office_name: Option<String>,
    pub session_expires_at: Instant,
    /// The language chosen, if any.
    pub language: Option<api::Language>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: UserId,
    last_seen_at: Instant,
    expires_at: Instant,
    username: String,
    name: String,
    role: Role,
    organisation: Option<String>,
    office_id: Option<OfficeId>,
    office_name: Option<String>,
    language: Option<api::Language>,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = session_token(&parts.headers, state.settings.secure_cookies)
            .ok_or(AppError::Unauthenticated)?;
        let hash = token_hash(&token);
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT s.user_id, s.last_seen_at, s.expires_at, u.username, u.name, u.role,
                    u.organisation, u.office_id, o.name AS office_name, u.language
             FROM sessions s
             JOIN users u ON u.id = s.user_id
             LEFT JOIN offices o ON o.id = u.office_id
             WHERE s.token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&state.db.pool)
        .await?;
        let Some(row) = row else {
            return Err(AppError::Unauthenticated);
        };
        let (last_seen, expires_at) = (row.last_seen_at, row.expires_at);
        let now = state.clock.now();
        if now >= expires_at || now - last_seen >= IDLE_LIMIT {
            state
                .db
                .write_one(sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(&hash))
                .await?;
            return Err(AppError::SessionExpired);
        }
        if now - last_seen >= TOUCH_INTERVAL {
            state
                .db
                .write_one_uncached(
                    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                        .bind(now)
                        .bind(&hash),
                )
                .await?;
        }
        Ok(CurrentUser {
            id: row.user_id,
            username: row.username,
            name: row.name,
            role: row.role,
            organisation: row.organisation,
            office_id: row.office_id,
            office_name: row.office_name,
            session_expires_at: expires_at,
            language: row.language,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; cassetto_session=abc; b=2"),
        );
        assert_eq!(session_token(&headers, false).as_deref(), Some("abc"));
        assert_eq!(session_token(&headers, true), None);
    }

    #[test]
    fn a_secure_cookie_has_the_host_prefix_and_the_secure_flag() {
        let cookie = session_cookie(true, Some("t"));
        let text = cookie.to_str().unwrap();
        assert!(text.starts_with("__Host-cassetto_session=t;"));
        assert!(text.contains("; Secure"));
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Strict"));
    }
}
