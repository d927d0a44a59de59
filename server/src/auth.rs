//! Passwords, session tokens and the `CurrentUser` extractor that every protected handler
//! takes: a handler that does not ask for it cannot see who is calling, and one that does can
//! only run for a live session.

use crate::error::AppError;
use crate::AppState;
use api::Role;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Sessions end after this much inactivity…
pub const IDLE_TIMEOUT: i64 = 30 * 60;
/// …and in any case this long after login.
pub const ABSOLUTE_TIMEOUT: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often, so reading pages does not mean a write each.
const TOUCH_INTERVAL: i64 = 30;
/// `last_seen_at` may lag the last request by up to TOUCH_INTERVAL: with this grace nobody is
/// logged out before a full IDLE_TIMEOUT of real inactivity.
pub const IDLE_LIMIT: i64 = IDLE_TIMEOUT + TOUCH_INTERVAL;

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters")
        .to_string()
}

/// Password checks, bounded: argon2 costs about 19 MiB and tens of milliseconds each, so at
/// most one per core runs at a time, on threads of its own (reused, so the allocator keeps one
/// work area per thread instead of one per short-lived blocking thread); a check that cannot
/// start within `WAIT` is refused (503) rather than piling up memory and CPU that everyone else
/// needs.
pub struct Hashing {
    permits: tokio::sync::Semaphore,
    jobs: std::sync::mpsc::Sender<Check>,
    checks: std::sync::atomic::AtomicU64,
    running: std::sync::atomic::AtomicUsize,
    peak: std::sync::atomic::AtomicUsize,
}

/// A password, the hash to check it against, and where to say whether it matched.
type Check = (String, String, tokio::sync::oneshot::Sender<bool>);

impl Hashing {
    const WAIT: std::time::Duration = std::time::Duration::from_secs(2);

    /// `concurrent` checking threads; they end when the `Hashing` is dropped.
    pub fn new(concurrent: usize) -> Hashing {
        let concurrent = concurrent.max(1);
        let (jobs, queue) = std::sync::mpsc::channel::<Check>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        for n in 0..concurrent {
            let queue = queue.clone();
            let _ = std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || loop {
                    let next = queue.lock().map(|q| q.recv());
                    let Ok(Ok((password, hash, answer))) = next else {
                        return;
                    };
                    let _ = answer.send(matches(&password, &hash));
                });
        }
        Hashing {
            permits: tokio::sync::Semaphore::new(concurrent),
            jobs,
            checks: std::sync::atomic::AtomicU64::new(0),
            running: std::sync::atomic::AtomicUsize::new(0),
            peak: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// One per core of this machine.
    pub fn per_core() -> Hashing {
        Hashing::new(std::thread::available_parallelism().map_or(2, usize::from))
    }

    pub async fn verify(&self, password: String, hash: String) -> Result<bool, AppError> {
        let Ok(Ok(_permit)) = tokio::time::timeout(Self::WAIT, self.permits.acquire()).await else {
            return Err(AppError::Busy("password checks all busy".into()));
        };
        use std::sync::atomic::Ordering::SeqCst;
        self.checks.fetch_add(1, SeqCst);
        let running = self.running.fetch_add(1, SeqCst) + 1;
        self.peak.fetch_max(running, SeqCst);
        let (answer, verified) = tokio::sync::oneshot::channel();
        let sent = self.jobs.send((password, hash, answer));
        let verified = match sent {
            Ok(()) => verified.await.unwrap_or(false),
            Err(_) => false,
        };
        self.running.fetch_sub(1, SeqCst);
        Ok(verified)
    }

    /// The most checks that ever ran at once.
    pub fn peak(&self) -> usize {
        self.peak.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// How many passwords were checked since start (for tests and benchmarks).
    pub fn checks(&self) -> u64 {
        self.checks.load(std::sync::atomic::Ordering::SeqCst)
    }
}

fn matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Verifies on a blocking thread: argon2 is deliberately slow and must not stall the runtime.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || matches(&password, &hash))
        .await
        .unwrap_or(false)
}

/// 256 random bits, URL-safe; the database keeps only its hash.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn cookie_name(secure: bool) -> &'static str {
    // `__Host-` makes the browser refuse the cookie unless it is Secure, Path=/ and host-only.
    if secure {
        "__Host-cassetto_session"
    } else {
        "cassetto_session"
    }
}

/// The `Set-Cookie` value that carries `token`, or that clears the cookie when `token` is None.
pub fn session_cookie(secure: bool, token: Option<&str>) -> HeaderValue {
    let (value, max_age) = match token {
        Some(token) => (token, ABSOLUTE_TIMEOUT),
        None => ("", 0),
    };
    let mut cookie = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}",
        cookie_name(secure)
    );
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).expect("ASCII cookie")
}

pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
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

/// The caller of a protected handler, loaded from a live session.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub office_id: Option<i64>,
    pub office_name: Option<String>,
    pub session_expires_at: i64,
}

pub fn parse_role(text: &str) -> Result<Role, AppError> {
    match text {
        "contribuente" => Ok(Role::Contribuente),
        "intermediario" => Ok(Role::Intermediario),
        "operatore" => Ok(Role::Operatore),
        other => Err(AppError::Internal(format!("unknown role {other}"))),
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: i64,
    last_seen_at: i64,
    expires_at: i64,
    username: String,
    name: String,
    role: String,
    organisation: Option<String>,
    office_id: Option<i64>,
    office_name: Option<String>,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = session_token(&parts.headers, state.settings.secure_cookies)
            .ok_or(AppError::Unauthenticated)?;
        let hash = token_hash(&token);
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT s.user_id, s.last_seen_at, s.expires_at, u.username, u.name, u.role,
                    u.organisation, u.office_id, o.name AS office_name
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
            role: parse_role(&row.role)?,
            organisation: row.organisation,
            office_id: row.office_id,
            office_name: row.office_name,
            session_expires_at: expires_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("demo2026");
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert!(rt.block_on(verify_password("demo2026".into(), hash.clone())));
        assert!(!rt.block_on(verify_password("demo2027".into(), hash)));
    }

    #[test]
    fn tokens_are_long_and_never_repeat() {
        let a = new_token();
        assert!(a.len() >= 43, "256 bits in base64");
        assert_ne!(a, new_token());
    }

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
