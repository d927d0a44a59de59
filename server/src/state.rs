//! What every request is served with: the database, the clock, the settings fixed at start and
//! the built app's files. Below the features, which only read it.

use crate::assets::Assets;
use crate::clock::SharedClock;
use crate::db::Db;
use crate::secrets::{self, Hashing};
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
}
