//! Command-line flags, each also read from an environment variable.

use api::PasswordLogin;
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug, Parser)]
#[command(
    name = "cassetto-server",
    about = "Cassetto Previdenziale per Artigiani e Commercianti — Agenda appuntamenti"
)]
pub struct Config {
    #[command(subcommand)]
    pub command: Option<Command>,

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

    /// Where e-mail goes: `smtp://user:password@host:587?tls=required` (STARTTLS),
    /// `smtps://user:password@host:465` (TLS), `smtp://host:25` (plain, a local relay). Without
    /// it, messages are written as `.eml` files in `--mail-dir`.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of every message.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Cassetto Previdenziale INPS <non-rispondere@cassetto-previdenziale.example.it>"
    )]
    pub mail_from: String,

    /// The folder for `.eml` files when there is no `--smtp-url`.
    #[arg(long, env = "MAIL_DIR", default_value = "data/outbox")]
    pub mail_dir: PathBuf,

    /// The address people open the service at, for links in messages (default: `http://` and
    /// `--bind`).
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The hour (Rome) of the reminder sent the day before an appointment.
    #[arg(long, env = "REMINDER_HOUR", default_value_t = 18, value_parser = clap::value_parser!(i8).range(0..=23))]
    pub reminder_hour: i8,

    /// How many hours before an appointment the second reminder goes out.
    #[arg(long, env = "REMINDER_HOURS_BEFORE", default_value_t = 2, value_parser = clap::value_parser!(i64).range(1..=72))]
    pub reminder_hours_before: i64,

    /// Who may log in with a password: `off`, `operators` (they stand in for the Institute's
    /// internal directory), `all`. Default: `all` under `--demo`, `operators` otherwise.
    #[arg(long, env = "PASSWORD_LOGIN", value_parser = parse_password_login)]
    pub password_login: Option<PasswordLogin>,

    /// Our entity id in the SPID/CIE federation, also our OIDC `client_id`
    /// (`https://…`; the service's public address). Turns on "Entra con SPID / CIE".
    #[arg(long, env = "OIDC_ENTITY_ID")]
    pub oidc_entity_id: Option<String>,

    /// Allow `http://` entity ids and providers: for tests on one machine only.
    #[arg(long, env = "OIDC_ALLOW_HTTP", default_value_t = false)]
    pub oidc_allow_http: bool,

    /// The federation's Trust Anchor (`https://registry.spid.gov.it` for SPID in production).
    #[arg(long, env = "OIDC_TRUST_ANCHOR")]
    pub oidc_trust_anchor: Option<String>,

    /// A provider to offer, by entity id; repeat for each. `cie=URL` marks the CIE provider,
    /// `spid=URL` or a bare URL a SPID one. In the environment: a comma-separated list.
    #[arg(long = "oidc-provider", env = "OIDC_PROVIDERS", value_delimiter = ',')]
    pub oidc_providers: Vec<String>,

    /// The folder of our three private keys (`oidc-keys generate`).
    #[arg(long, env = "OIDC_KEYS")]
    pub oidc_keys: Option<PathBuf>,

    /// clamd's unix socket: every attachment is scanned there before it is kept.
    #[arg(long, env = "CLAMD_SOCKET", conflicts_with = "clamd_address")]
    pub clamd_socket: Option<PathBuf>,

    /// clamd's TCP address (`host:port`), instead of `--clamd-socket`.
    #[arg(long, env = "CLAMD_ADDRESS")]
    pub clamd_address: Option<String>,

    /// The largest attachment taken, in bytes.
    #[arg(long, env = "ATTACHMENT_MAX_BYTES", default_value_t = 3 * 1024 * 1024,
        value_parser = clap::value_parser!(u64).range(1024..=25 * 1024 * 1024))]
    pub attachment_max_bytes: u64,

    /// The most files one message carries.
    #[arg(long, env = "ATTACHMENTS_PER_MESSAGE", default_value_t = 3,
        value_parser = clap::value_parser!(u8).range(1..=10))]
    pub attachments_per_message: u8,

    /// The Institute's video platform (e.g. a self-hosted Jitsi, `https://video.example.it/`): a
    /// confirmed videochiamata gets a room there. Without it video appointments are not offered,
    /// except under `--demo`, which uses a placeholder (`video::DEMO_BASE`).
    #[arg(long, env = "VIDEO_BASE_URL")]
    pub video_base_url: Option<String>,

    /// The JSON list of trust marks the Trust Anchor issued to us, published as they are.
    #[arg(long, env = "OIDC_TRUST_MARKS")]
    pub oidc_trust_marks: Option<PathBuf>,
}

impl Config {
    /// `--password-login`, or its default for the mode the service runs in.
    pub fn password_login(&self) -> PasswordLogin {
        self.password_login.unwrap_or(if self.demo {
            PasswordLogin::All
        } else {
            PasswordLogin::Operators
        })
    }
}

impl Config {
    /// The video platform's base, if video appointments are offered.
    pub fn video_base(&self) -> Result<crate::video::Base, String> {
        match (&self.video_base_url, self.demo) {
            (Some(url), _) => crate::video::parse_base(url).map(Some),
            (None, true) => crate::video::parse_base(crate::video::DEMO_BASE).map(Some),
            (None, false) => Ok(None),
        }
    }

    /// The antivirus, if one is set; without it only `--demo` may start (files would be kept
    /// unscanned).
    pub fn clamd(&self) -> Result<Option<crate::antivirus::Clamd>, String> {
        use crate::antivirus::Clamd;
        match (&self.clamd_socket, &self.clamd_address) {
            (Some(path), _) => Ok(Some(Clamd::Socket(path.clone()))),
            (None, Some(address)) => Ok(Some(Clamd::Address(address.clone()))),
            (None, None) if self.demo => Ok(None),
            (None, None) => Err("attachments must be scanned: give --clamd-socket PATH or --clamd-address HOST:PORT (only --demo keeps files unscanned)".into()),
        }
    }
}

fn parse_password_login(text: &str) -> Result<PasswordLogin, String> {
    text.parse()
        .map_err(|_| "expected off, operators or all".to_string())
}

#[derive(Clone, Debug, clap::Subcommand)]
pub enum Command {
    /// Our keys for SPID/CIE: `generate` three RSA-2048 private keys, or print the `public`
    /// federation JWKS to hand to the Trust Anchor at onboarding.
    OidcKeys {
        #[command(subcommand)]
        action: KeysAction,
    },
}

#[derive(Clone, Debug, clap::Subcommand)]
pub enum KeysAction {
    /// Writes federation.pem, oidc-signing.pem and oidc-encryption.pem (mode 0600) into DIR.
    Generate {
        #[arg(long)]
        dir: PathBuf,
    },
    /// Prints the public federation JWKS (`{"keys":[…]}`).
    Public {
        #[arg(long)]
        dir: PathBuf,
    },
}
