//! Where messages go: an SMTP server (`--smtp-url`), or, by default, `.eml` files in a folder,
//! so that the service runs and can be tried without a mail server.

use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a message did not go out; a permanent refusal is not tried again.
#[derive(Debug)]
pub struct SendError {
    pub permanent: bool,
    pub message: String,
}

impl Mailer {
    /// `smtp://user:pass@host:port` (plain, or `?tls=required` for STARTTLS), `smtps://…` (TLS).
    pub fn smtp(url: &str) -> Result<Mailer, String> {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("--smtp-url non valido: {e}"))?;
        Ok(Mailer::Smtp(
            builder.timeout(Some(Duration::from_secs(30))).build(),
        ))
    }

    pub fn files(dir: PathBuf) -> Result<Mailer, String> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("impossibile creare la cartella {}: {e}", dir.display()))?;
        Ok(Mailer::Files(dir))
    }

    /// How the server says where mail goes when it starts.
    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp(_) => {
                "Le e-mail sono inviate tramite il server SMTP indicato da --smtp-url.".into()
            }
            Mailer::Files(dir) => format!(
                "Nessun server SMTP (--smtp-url): le e-mail sono scritte come file .eml in {}",
                dir.display()
            ),
        }
    }

    /// Hands `message` over. A file is named after the notice (`name`), so a second attempt for
    /// the same notice replaces the file instead of adding one.
    pub async fn send(&self, name: &str, message: Message) -> Result<(), SendError> {
        match self {
            Mailer::Smtp(transport) => {
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| SendError {
                        permanent: e.is_permanent(),
                        message: e.to_string(),
                    })
            }
            Mailer::Files(dir) => {
                let bytes = message.formatted();
                let path = dir.join(format!("{name}.eml"));
                let partial = dir.join(format!(".{name}.eml.part"));
                let shown = path.display().to_string();
                // Written whole and flushed before it takes its name: the row is marked sent
                // only after, so a crash leaves either the file or a notice still owed.
                let written = tokio::task::spawn_blocking(move || {
                    use std::io::Write;
                    let mut file = std::fs::File::create(&partial)?;
                    file.write_all(&bytes)?;
                    file.sync_all()?;
                    std::fs::rename(&partial, &path)
                })
                .await;
                match written {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => Err(SendError {
                        permanent: false,
                        message: format!("{shown}: {e}"),
                    }),
                    Err(e) => Err(SendError {
                        permanent: false,
                        message: e.to_string(),
                    }),
                }
            }
        }
    }
}
