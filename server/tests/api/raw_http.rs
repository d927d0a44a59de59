//! A minimal keep-alive HTTP/1.1 client for JSON requests to our own server running as a
//! separate process (the kill -9 test and `make bench`): no pooling, no redirects, no TLS.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

pub struct Client {
    stream: TcpStream,
    pub cookie: String,
}

impl Client {
    pub fn connect(addr: SocketAddr, cookie: &str) -> std::io::Result<Client> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream,
            cookie: cookie.to_string(),
        })
    }

    /// Status and body; an error when the connection breaks (the server died, say).
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&str>,
        extra: &str,
    ) -> std::io::Result<(u16, String)> {
        let body = body.unwrap_or("");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nCookie: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n",
            self.cookie,
            body.len()
        );
        self.stream.write_all(head.as_bytes())?;
        self.stream.write_all(body.as_bytes())?;
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        let closed = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed");
        loop {
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(closed());
            }
            buffer.extend_from_slice(&chunk[..n]);
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buffer[..end]).to_string();
                let length: usize = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .and_then(|v| v.trim().parse().ok())
                    })
                    .unwrap_or(0);
                while buffer.len() < end + 4 + length {
                    let n = self.stream.read(&mut chunk)?;
                    if n == 0 {
                        return Err(closed());
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                }
                let status = head[9..12].parse().unwrap_or(0);
                let body = String::from_utf8_lossy(&buffer[end + 4..end + 4 + length]).to_string();
                return Ok((status, body));
            }
        }
    }
}

/// A loopback address with a port nobody listens on now, for a server started as a process.
pub fn free_address() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

/// The places free now for the desk and the phone in every office, one entry per free place:
/// (office, point, start).
pub fn free_places(client: &mut Client) -> Vec<(i64, &'static str, String)> {
    let (_, offices) = client.request("GET", "/api/offices", None, "").unwrap();
    let offices: Vec<api::Office> = serde_json::from_str(&offices).unwrap();
    let mut places = Vec::new();
    for office in &offices {
        for point in ["sportello", "telefono"] {
            let (_, days) = client
                .request(
                    "GET",
                    &format!("/api/availability?point={point}&office={}", office.id),
                    None,
                    "",
                )
                .unwrap();
            let days: Vec<api::DayAvailability> = serde_json::from_str(&days).unwrap();
            for slot in days.iter().flat_map(|d| &d.slots) {
                for _ in 0..slot.free {
                    places.push((office.id.0, point, slot.start.clone()));
                }
            }
        }
    }
    places
}

/// A booking request's body for `POST /api/appointments`.
pub fn booking_body(thread: api::ThreadId, (office, point, start): &(i64, &str, String)) -> String {
    format!(
        r#"{{"communication_id":{thread},"point":"{point}","office":{office},"start":"{start}","phone":"06 1234 5678","notes":"Bench"}}"#
    )
}

/// The `reference` field of an appointment's JSON.
pub fn reference_of(answer: &str) -> Option<String> {
    Some(
        answer
            .split("\"reference\":\"")
            .nth(1)?
            .split('"')
            .next()?
            .to_string(),
    )
}
