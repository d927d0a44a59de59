//! What every request is served with: the database, the clock, the settings fixed at start and
//! the built app's files. Below the features, which only read it.

use crate::antivirus::Clamd;
use crate::assets::Assets;
use crate::clock::SharedClock;
use crate::db::Db;
use crate::federation::RelyingParty;
use crate::secrets::{self, Hashing};
use api::PasswordLogin;
use std::sync::Arc;

/// Fixed for the life of the process.
pub struct Settings {
    pub secure_cookies: bool,
    /// A real argon2 hash of nothing, verified against when a username is unknown.
    pub dummy_hash: String,
    /// The reverse proxy whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxy: Option<std::net::IpAddr>,
    pub hashing: Hashing,
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    pub assets: Arc<Assets>,
    /// Our Relying Party in the SPID/CIE federation, when configured.
    pub oidc: Option<Arc<RelyingParty>>,
    /// Who may use the password form (`--password-login`).
    pub password_login: PasswordLogin,
    /// The demo data is loaded (`--demo`).
    pub demo: bool,
    pub uploads: Arc<Uploads>,
    /// `--video-base-url` (or the demo's placeholder): video appointments are offered.
    pub video: crate::video::Base,
}

/// How attachments are taken: the limits, the antivirus, and bounds on how many files are
/// received at once (each is held in memory while it arrives) and parsed and scanned at once (a
/// PDF or a picture costs more memory while it is checked).
pub struct Uploads {
    pub limits: crate::domain::attachment::Limits,
    /// `--clamd-socket` or `--clamd-address`; without it files are kept unscanned (`--demo`).
    pub clamd: Option<Clamd>,
    pub receiving: tokio::sync::Semaphore,
    pub checking: tokio::sync::Semaphore,
}

/// Files received at once: with 3 MiB each, under 100 MiB held by uploads in flight.
pub const RECEIVING: usize = 32;

impl Uploads {
    pub fn new(limits: crate::domain::attachment::Limits, clamd: Option<Clamd>) -> Uploads {
        Uploads {
            limits,
            clamd,
            receiving: tokio::sync::Semaphore::new(RECEIVING),
            checking: tokio::sync::Semaphore::new(4),
        }
    }
}

impl AppState {
    pub fn new(db: Db, clock: SharedClock, assets: Assets, secure_cookies: bool) -> AppState {
        AppState {
            db,
            clock,
            assets: Arc::new(assets),
            settings: Arc::new(Settings {
                secure_cookies,
                dummy_hash: secrets::hash_password(&secrets::new_token()),
                trusted_proxy: None,
                hashing: Hashing::per_core(),
            }),
            oidc: None,
            password_login: PasswordLogin::All,
            demo: false,
            uploads: Arc::new(Uploads::new(Default::default(), None)),
            video: None,
        }
    }

    /// The attachments' limits and antivirus.
    pub fn with_uploads(mut self, uploads: Uploads) -> AppState {
        self.uploads = Arc::new(uploads);
        self
    }

    /// Behind a reverse proxy at `proxy`: the client's address is the last one it appends to
    /// `X-Forwarded-For`.
    pub fn with_trusted_proxy(mut self, proxy: Option<std::net::IpAddr>) -> AppState {
        if let Some(settings) = Arc::get_mut(&mut self.settings) {
            settings.trusted_proxy = proxy;
        }
        self
    }

    /// Who may use the password form, and whether the demo runs.
    pub fn with_password_login(mut self, mode: PasswordLogin, demo: bool) -> AppState {
        self.password_login = mode;
        self.demo = demo;
        self
    }

    /// The video platform (`--video-base-url`).
    pub fn with_video(mut self, base: crate::video::Base) -> AppState {
        self.video = base;
        self
    }

    pub fn with_oidc(mut self, rp: Option<RelyingParty>) -> AppState {
        self.oidc = rp.map(Arc::new);
        self
    }
}
