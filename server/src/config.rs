//! Command-line flags, each also read from an environment variable.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug, Parser)]
#[command(
    name = "cassetto-server",
    about = "Cassetto Previdenziale per Artigiani e Commercianti — Agenda appuntamenti"
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// `sqlite://path` (the file and its folder are created) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/cassetto.sqlite"
    )]
    pub database_url: String,

    /// The app built by Trunk.
    #[arg(long, env = "STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Load the demo data when the database has no users yet.
    #[arg(long, env = "DEMO", default_value_t = false)]
    pub demo: bool,

    /// The service is reached over HTTPS (behind a TLS proxy): cookies get `Secure` and the
    /// `__Host-` prefix.
    #[arg(long, env = "SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// The address of the reverse proxy in front of the server: only from it is
    /// `X-Forwarded-For` believed (for throttling by client address).
    #[arg(long, env = "TRUSTED_PROXY")]
    pub trusted_proxy: Option<std::net::IpAddr>,
}
