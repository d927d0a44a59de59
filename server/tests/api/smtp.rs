//! A small SMTP server on a real TCP port, for the delivery tests: it speaks enough of RFC 5321
//! for a real client (lettre) to deliver, keeps what it receives, and can refuse for a while
//! (a 451 or a 554) or be away altogether (not started yet, or stopped).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// 451 at DATA: try again later.
    Busy,
    /// 554 at DATA: never.
    Refuse,
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    mode: Arc<Mutex<Mode>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A port on which nothing listens (yet).
pub async fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        SmtpSink::start_on(0).await
    }

    pub async fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let mode = Arc::new(Mutex::new(Mode::Accept));
        let (r, m) = (received.clone(), mode.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let (r, m) = (r.clone(), m.clone());
                tokio::spawn(async move {
                    let _ = session(socket, r, m).await;
                });
            }
        });
        SmtpSink {
            addr,
            received,
            mode,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.addr.port())
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    pub fn clear(&self) {
        self.received.lock().unwrap().clear();
    }
}

async fn session(
    socket: tokio::net::TcpStream,
    received: Arc<Mutex<Vec<Received>>>,
    mode: Arc<Mutex<Mode>>,
) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "MAIL" => {
                from = address(&command);
                to.clear();
                b"250 OK\r\n"
            }
            "RCPT" => {
                to.push(address(&command));
                b"250 OK\r\n"
            }
            "RSET" => {
                to.clear();
                b"250 OK\r\n"
            }
            "DATA" => {
                let now = *mode.lock().unwrap();
                match now {
                    Mode::Busy => b"451 4.3.0 Riprova piu tardi\r\n",
                    Mode::Refuse => b"554 5.7.1 Rifiutato\r\n",
                    Mode::Accept => {
                        write.write_all(b"354 Avanti\r\n").await?;
                        let mut data = Vec::new();
                        loop {
                            let mut raw = Vec::new();
                            if lines.read_until(b'\n', &mut raw).await? == 0 {
                                return Ok(());
                            }
                            if raw == b".\r\n" {
                                break;
                            }
                            // Dot-stuffing (RFC 5321 4.5.2).
                            let raw = if raw.starts_with(b"..") {
                                &raw[1..]
                            } else {
                                &raw[..]
                            };
                            data.extend_from_slice(raw);
                        }
                        received.lock().unwrap().push(Received {
                            from: from.clone(),
                            to: to.clone(),
                            data,
                        });
                        b"250 2.0.0 Accettato\r\n"
                    }
                }
            }
            "QUIT" => {
                write.write_all(b"221 Arrivederci\r\n").await?;
                return Ok(());
            }
            _ => b"502 Comando non implementato\r\n",
        };
        write.write_all(answer).await?;
    }
}

fn address(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(a, _)| a.to_string())
        .unwrap_or_default()
}
