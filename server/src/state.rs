//! What every request is served with: the database, the clock, the settings fixed at start and
//! the built app's files. Below the features, which only read it.

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
        }
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

    pub fn with_oidc(mut self, rp: Option<RelyingParty>) -> AppState {
        self.oidc = rp.map(Arc::new);
        self
    }
}
