//! Secrets: password hashes (argon2, checked on threads of their own and bounded) and session
//! tokens (256 random bits, of which the database keeps only a hash).

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

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
}
