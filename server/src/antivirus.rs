//! The antivirus every attachment goes through before it is kept: clamd, over its unix socket
//! or TCP, with the INSTREAM command (the bytes in chunks, each after its length; clamd
//! answers `stream: OK` or `stream: <signature> FOUND`). A clamd that does not answer in time
//! is an error, never a clean file.

use std::path::PathBuf;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Where clamd listens (`--clamd-socket PATH` or `--clamd-address host:port`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clamd {
    Socket(PathBuf),
    Address(String),
}

/// What clamd said of the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature's name.
    Infected(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("clamd unreachable: {0}")]
    Unreachable(#[from] std::io::Error),
    #[error("clamd did not answer within {0:?}")]
    Timeout(Duration),
    #[error("clamd answered {0:?}")]
    Unexpected(String),
}

/// The bytes go in chunks of this size: under clamd's own StreamMaxLength chunking.
const CHUNK: usize = 64 * 1024;

/// Scans `bytes` with clamd, within `within`.
pub async fn scan(clamd: &Clamd, bytes: &[u8], within: Duration) -> Result<Verdict, ScanError> {
    let talk = async {
        match clamd {
            Clamd::Socket(path) => {
                let stream = tokio::net::UnixStream::connect(path).await?;
                instream(stream, bytes).await
            }
            Clamd::Address(address) => {
                let stream = tokio::net::TcpStream::connect(address).await?;
                instream(stream, bytes).await
            }
        }
    };
    tokio::time::timeout(within, talk)
        .await
        .map_err(|_| ScanError::Timeout(within))?
}

async fn instream<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    bytes: &[u8],
) -> Result<Verdict, ScanError> {
    stream.write_all(b"zINSTREAM\0").await?;
    for chunk in bytes.chunks(CHUNK) {
        stream
            .write_all(&(chunk.len() as u32).to_be_bytes())
            .await?;
        stream.write_all(chunk).await?;
    }
    stream.write_all(&0u32.to_be_bytes()).await?;
    stream.flush().await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    verdict(&answer)
}

/// clamd's answer, `stream: OK\0` or `stream: Eicar-Signature FOUND\0`, as a verdict.
fn verdict(answer: &[u8]) -> Result<Verdict, ScanError> {
    let text = String::from_utf8_lossy(answer);
    let text = text.trim_end_matches(['\0', '\n']).trim();
    let said = text.strip_prefix("stream:").map(str::trim);
    match said {
        Some("OK") => Ok(Verdict::Clean),
        Some(found) if found.ends_with(" FOUND") => Ok(Verdict::Infected(
            found.trim_end_matches(" FOUND").trim().to_string(),
        )),
        _ => Err(ScanError::Unexpected(text.chars().take(200).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamd_answers_become_verdicts_and_anything_else_an_error() {
        assert_eq!(verdict(b"stream: OK\0").unwrap(), Verdict::Clean);
        assert_eq!(
            verdict(b"stream: Eicar-Test-Signature FOUND\0").unwrap(),
            Verdict::Infected("Eicar-Test-Signature".into())
        );
        assert!(verdict(b"INSTREAM size limit exceeded. ERROR\0").is_err());
        assert!(verdict(b"").is_err());
    }
}
