//! `make bench` (the agenda part): seeds a SQLite database through the server's own code with
//! many contributors, starts the release server on it, and measures over loopback:
//! - the latency (p50/p99) of `GET /api/availability`, beside `GET /healthz` in the same run;
//! - the throughput of Prenota + Conferma with 16 concurrent clients, beside `/healthz`;
//! - the server's peak memory (VmHWM);
//! - a flood of 200 parallel logins for random usernames: what they were answered, how
//!   `/healthz` answered meanwhile, and the peak memory after it.
//!
//! Goals: availability p99 under 10 ms, at least 500 confirmed bookings per second, under 100 MB.

use server::clock::{Clock, SystemClock};
use server::db::Db;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CONTRIBUTORS: usize = 2_000;
const CLIENTS: usize = 16;
const LATENCY_SAMPLES: usize = 2_000;

/// A minimal keep-alive HTTP/1.1 client: enough for JSON requests to our own server.
struct Client {
    stream: TcpStream,
    cookie: String,
}

impl Client {
    fn connect(addr: SocketAddr, cookie: &str) -> Client {
        let stream = TcpStream::connect(addr).expect("server reachable");
        stream.set_nodelay(true).unwrap();
        Client {
            stream,
            cookie: cookie.to_string(),
        }
    }

    fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&str>,
        extra: &str,
    ) -> (u16, String) {
        let body = body.unwrap_or("");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nCookie: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n",
            self.cookie,
            body.len()
        );
        self.stream.write_all(head.as_bytes()).unwrap();
        self.stream.write_all(body.as_bytes()).unwrap();
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let n = self.stream.read(&mut chunk).unwrap();
            assert!(n > 0, "connection closed");
            buffer.extend_from_slice(&chunk[..n]);
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buffer[..end]).to_string();
                let length: usize = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                while buffer.len() < end + 4 + length {
                    let n = self.stream.read(&mut chunk).unwrap();
                    buffer.extend_from_slice(&chunk[..n]);
                }
                let status = head[9..12].parse().unwrap();
                let body = String::from_utf8_lossy(&buffer[end + 4..end + 4 + length]).to_string();
                return (status, body);
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn latency(addr: SocketAddr, cookie: &str, paths: &[String]) -> (f64, f64) {
    let mut client = Client::connect(addr, cookie);
    let mut samples = Vec::with_capacity(LATENCY_SAMPLES);
    for i in 0..LATENCY_SAMPLES {
        let start = Instant::now();
        let (status, _) = client.request("GET", &paths[i % paths.len()], None, "");
        samples.push(start.elapsed());
        assert_eq!(status, 200);
    }
    samples.sort();
    (percentile(&samples, 0.5), percentile(&samples, 0.99))
}

async fn seed(url: &str) -> Vec<(String, i64)> {
    let db = Db::connect(url).await.expect("database");
    server::demo::load_if_empty(&db, &SystemClock)
        .await
        .expect("demo");
    let people = server::demo::load_test_contributors(&db, CONTRIBUTORS, SystemClock.now())
        .await
        .expect("seed");
    db.pool.close().await;
    people
        .into_iter()
        .map(|(token, thread)| (format!("cassetto_session={token}"), thread))
        .collect()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.sqlite", dir.path().display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let people = runtime.block_on(seed(&url));

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bin = std::env::var("SERVER_BIN").unwrap_or_else(|_| {
        let target = std::env::var("CARGO_TARGET_DIR")
            .unwrap_or_else(|_| format!("{}/../target", env!("CARGO_MANIFEST_DIR")));
        format!("{target}/release/cassetto-server")
    });
    let mut child = Command::new(&bin)
        .args([
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            &url,
            "--static-dir",
            "/nonexistent",
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    for _ in 0..200 {
        if TcpStream::connect(addr).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }

    // Latency, one client, keep-alive.
    let cookie = &people[0].0;
    let (health_p50, health_p99) = latency(addr, cookie, &["/healthz".to_string()]);
    let availability_paths: Vec<String> = [
        (1, "sportello"),
        (2, "sportello"),
        (1, "telefono"),
        (4, "video"),
        (7, "sportello"),
    ]
    .iter()
    .map(|(office, point)| format!("/api/availability?point={point}&office={office}"))
    .collect();
    let (avail_p50, avail_p99) = latency(addr, cookie, &availability_paths);

    // The places to book: every free slot of the window in every office for the desk and phone.
    let mut client = Client::connect(addr, cookie);
    let (_, offices) = client.request("GET", "/api/offices", None, "");
    let offices: Vec<api::Office> = serde_json::from_str(&offices).unwrap();
    let mut places = Vec::new();
    for office in &offices {
        for point in ["sportello", "telefono"] {
            let (_, days) = client.request(
                "GET",
                &format!("/api/availability?point={point}&office={}", office.id),
                None,
                "",
            );
            let days: Vec<api::DayAvailability> = serde_json::from_str(&days).unwrap();
            for slot in days.iter().flat_map(|d| &d.slots) {
                for _ in 0..slot.free {
                    places.push((office.id, point, slot.start.clone()));
                }
            }
        }
    }
    let bookings = people.len().min(places.len());

    // Baseline throughput: /healthz from 16 clients.
    let health_rate = {
        let start = Instant::now();
        let per_client = 2 * bookings / CLIENTS;
        let handles: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let cookie = cookie.clone();
                std::thread::spawn(move || {
                    let mut c = Client::connect(addr, &cookie);
                    for _ in 0..per_client {
                        assert_eq!(c.request("GET", "/healthz", None, "").0, 200);
                    }
                })
            })
            .collect();
        handles.into_iter().for_each(|h| h.join().unwrap());
        (per_client * CLIENTS) as f64 / start.elapsed().as_secs_f64()
    };

    // Prenota + Conferma: each client books its share of people on its share of places.
    let start = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|k| {
            let mine: Vec<_> = (k..bookings).step_by(CLIENTS).map(|i| (people[i].clone(), places[i].clone())).collect();
            std::thread::spawn(move || {
                let mut confirmed = 0;
                // One keep-alive connection per client, as a browser would keep one.
                let mut c = Client::connect(addr, "");
                for ((cookie, thread), (office, point, slot)) in mine {
                    c.cookie = cookie;
                    let body = format!(
                        r#"{{"communication_id":{thread},"point":"{point}","office":{office},"start":"{slot}","phone":"06 1234 5678","notes":"Bench"}}"#
                    );
                    let (status, answer) = c.request("POST", "/api/appointments", Some(&body), &format!("Idempotency-Key: bench-{thread}\r\n"));
                    assert_eq!(status, 201, "{answer}");
                    let reference = answer.split("\"reference\":\"").nth(1).unwrap().split('"').next().unwrap().to_string();
                    let (status, answer) = c.request("POST", &format!("/api/appointments/{reference}/confirm"), None, "");
                    assert_eq!(status, 200, "{answer}");
                    confirmed += 1;
                }
                confirmed
            })
        })
        .collect();
    let confirmed: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    let booking_rate = confirmed as f64 / start.elapsed().as_secs_f64();

    let peak = |pid: u32| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    let peak_kb = peak(child.id());

    // 200 parallel logins for usernames nobody has, each on its own connection, while one
    // client keeps asking /healthz.
    let flood_start = Instant::now();
    let flood: Vec<_> = (0..200)
        .map(|n| {
            std::thread::spawn(move || {
                let mut c = Client::connect(addr, "");
                let body = format!(r#"{{"username":"ignoto{n}","password":"x"}}"#);
                c.request("POST", "/api/session", Some(&body), "").0
            })
        })
        .collect();
    let mut during = Vec::new();
    let mut health = Client::connect(addr, "");
    while during.len() < 20_000 && flood.iter().any(|h| !h.is_finished()) {
        let start = Instant::now();
        assert_eq!(health.request("GET", "/healthz", None, "").0, 200);
        during.push(start.elapsed());
    }
    let answers: Vec<u16> = flood.into_iter().map(|h| h.join().unwrap()).collect();
    let flood_seconds = flood_start.elapsed().as_secs_f64();
    during.sort();
    let count = |status: u16| answers.iter().filter(|s| **s == status).count();
    let flood_peak_kb = peak(child.id());
    let _ = child.kill();
    let _ = child.wait();

    println!("Agenda on SQLite ({CONTRIBUTORS} seeded contributors, loopback, {CLIENTS} clients for throughput):");
    println!(
        "  GET /healthz            p50 {health_p50:6.2} ms   p99 {health_p99:6.2} ms   (baseline)"
    );
    println!("  GET /api/availability   p50 {avail_p50:6.2} ms   p99 {avail_p99:6.2} ms   (goal: p99 < 10 ms: {})", if avail_p99 < 10.0 { "met" } else { "NOT met" });
    println!("  /healthz throughput     {health_rate:8.0} requests/s (baseline)");
    println!("  Prenota + Conferma      {booking_rate:8.0} confirmed bookings/s over {confirmed} bookings (goal: ≥ 500/s: {})", if booking_rate >= 500.0 { "met" } else { "NOT met" });
    println!(
        "  server peak memory      {:8.1} MB (goal: < 100 MB: {})",
        peak_kb as f64 / 1024.0,
        if peak_kb < 100 * 1024 {
            "met"
        } else {
            "NOT met"
        }
    );
    println!(
        "  200 parallel logins     {:.1} s: {} answered 401, {} 503 (busy), {} 429, {} other",
        flood_seconds,
        count(401),
        count(503),
        count(429),
        answers.len() - count(401) - count(503) - count(429)
    );
    if !during.is_empty() {
        println!(
            "  /healthz meanwhile      p50 {:6.2} ms   p99 {:6.2} ms over {} requests",
            percentile(&during, 0.5),
            percentile(&during, 0.99),
            during.len()
        );
    }
    println!(
        "  peak memory after it    {:8.1} MB (goal: < 100 MB: {})",
        flood_peak_kb as f64 / 1024.0,
        if flood_peak_kb < 100 * 1024 {
            "met"
        } else {
            "NOT met"
        }
    );
}
