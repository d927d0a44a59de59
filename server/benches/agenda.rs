//! `make bench` (the agenda part). On the same file system and in the same run:
//! - the fair ceiling (`fair_ceiling.rs`): the very statements one Prenota and its Conferma run
//!   on SQLite, in a bare loop through the C library on a copy of the seeded database, no
//!   server; and the statements per booking as the server's own log counts them;
//! - the release server on a seeded database: `GET /healthz` and `GET /api/availability`, each
//!   with 16 keep-alive connections (p50/p99 and throughput; availability's ratio to /healthz);
//!   Prenota + Conferma with 16 clients, and its ratio to the ceiling; peak memory (VmHWM); a
//!   flood of 200 parallel logins for usernames nobody has;
//! - the same server figures on PostgreSQL when `BENCH_POSTGRES_URL` names a server where a
//!   database may be created (the Makefile passes the local one when it answers), with one
//!   server and with two on one database under the same 16 clients.
//!
//! Targets (issue "Speed"): bookings ≥ 85 % of the ceiling; availability p99 ≤ 5 ms with 16
//! connections and its throughput ≥ 50 % of /healthz; memory under 100 MB.

#[path = "agenda/fair_ceiling.rs"]
mod fair_ceiling;
#[path = "../tests/api/raw_http.rs"]
mod raw_http;

use raw_http::{booking_body, free_address, free_places, reference_of, Client};
use server::clock::{Clock, SystemClock};
use server::db::Db;
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CONTRIBUTORS: usize = 2_000;
const CLIENTS: usize = 16;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn seed(url: &str) -> Vec<(String, api::ThreadId)> {
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

fn start_server(url: &str) -> (Child, SocketAddr) {
    start_server_logging(url, None)
}

/// The server, its SQL statements logged into `log` when one is given.
fn start_server_logging(url: &str, log: Option<&std::path::Path>) -> (Child, SocketAddr) {
    let bin = std::env::var("SERVER_BIN").unwrap_or_else(|_| {
        let target = std::env::var("CARGO_TARGET_DIR")
            .unwrap_or_else(|_| format!("{}/../target", env!("CARGO_MANIFEST_DIR")));
        format!("{target}/release/cassetto-server")
    });
    let addr = free_address();
    let child = Command::new(&bin)
        .args(["--bind", &addr.to_string(), "--database-url", url])
        .args(["--static-dir", "/nonexistent"])
        // Not a demo, so an antivirus must be named; nothing here uploads a file.
        .args(["--clamd-address", "127.0.0.1:9"])
        .env(
            "RUST_LOG",
            if log.is_some() {
                "warn,sqlx::query=debug"
            } else {
                "warn"
            },
        )
        .stdout(Stdio::null())
        .stderr(log.map_or_else(Stdio::null, |path| {
            Stdio::from(std::fs::File::create(path).unwrap())
        }))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
    for _ in 0..200 {
        if TcpStream::connect(addr).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, addr)
}

/// 16 keep-alive connections asking `paths` in turn, `each` requests per connection.
struct Load {
    p50: f64,
    p99: f64,
    rate: f64,
}

fn load(addr: SocketAddr, cookie: &str, paths: &[String], each: usize) -> Load {
    let start = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|k| {
            let (cookie, paths) = (cookie.to_string(), paths.to_vec());
            std::thread::spawn(move || {
                let mut c = Client::connect(addr, &cookie).unwrap();
                let mut samples = Vec::with_capacity(each);
                for i in 0..each {
                    let begun = Instant::now();
                    let (status, _) = c
                        .request("GET", &paths[(k + i) % paths.len()], None, "")
                        .unwrap();
                    samples.push(begun.elapsed());
                    assert_eq!(status, 200);
                }
                samples
            })
        })
        .collect();
    let mut samples: Vec<Duration> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let rate = samples.len() as f64 / start.elapsed().as_secs_f64();
    samples.sort();
    Load {
        p50: percentile(&samples, 0.5),
        p99: percentile(&samples, 0.99),
        rate,
    }
}

fn peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

struct Figures {
    health: Load,
    availability: Load,
    bookings_per_second: f64,
    bookings: usize,
    peak_mb: f64,
}

fn measure(url: &str, people: &[(String, api::ThreadId)]) -> (Figures, Child, SocketAddr) {
    let (child, addr) = start_server(url);
    let cookie = &people[0].0;
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
    // Warm up both paths once, then measure each under the same load.
    load(addr, cookie, &availability_paths, 20);
    let health = load(addr, cookie, &["/healthz".to_string()], 1_000);
    let availability = load(addr, cookie, &availability_paths, 1_000);

    let (confirmed, bookings_per_second) = book_all(&[addr], people);
    let peak_mb = peak_kb(child.id()) as f64 / 1024.0;
    (
        Figures {
            health,
            availability,
            bookings_per_second,
            bookings: confirmed,
            peak_mb,
        },
        child,
        addr,
    )
}

/// Prenota + Conferma for as many people as there are free places, 16 clients, each on one
/// keep-alive connection to one of `servers` in turn: how many, and how many a second.
fn book_all(servers: &[SocketAddr], people: &[(String, api::ThreadId)]) -> (usize, f64) {
    let places = free_places(&mut Client::connect(servers[0], &people[0].0).unwrap());
    let bookings = people.len().min(places.len());
    let start = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|k| {
            let mine: Vec<_> = (k..bookings)
                .step_by(CLIENTS)
                .map(|i| (people[i].clone(), places[i].clone()))
                .collect();
            let addr = servers[k % servers.len()];
            std::thread::spawn(move || {
                // One keep-alive connection per client, as a browser would keep one.
                let mut c = Client::connect(addr, "").unwrap();
                for ((cookie, thread), place) in &mine {
                    c.cookie = cookie.clone();
                    let key = format!("Idempotency-Key: bench-{thread}\r\n");
                    let body = booking_body(*thread, place);
                    let (status, answer) = c
                        .request("POST", "/api/appointments", Some(&body), &key)
                        .unwrap();
                    assert_eq!(status, 201, "{answer}");
                    let reference = reference_of(&answer).unwrap();
                    let path = format!("/api/appointments/{reference}/confirm");
                    let (status, answer) = c.request("POST", &path, None, "").unwrap();
                    assert_eq!(status, 200, "{answer}");
                }
                mine.len()
            })
        })
        .collect();
    let confirmed: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    (confirmed, confirmed as f64 / start.elapsed().as_secs_f64())
}

/// 200 parallel logins for usernames nobody has, each on its own connection, while one client
/// keeps asking /healthz.
fn login_flood(addr: SocketAddr, pid: u32) {
    let flood_start = Instant::now();
    let flood: Vec<_> = (0..200)
        .map(|n| {
            std::thread::spawn(move || {
                let mut c = Client::connect(addr, "").unwrap();
                let body = format!(r#"{{"username":"ignoto{n}","password":"x"}}"#);
                c.request("POST", "/api/session", Some(&body), "")
                    .unwrap()
                    .0
            })
        })
        .collect();
    let mut during = Vec::new();
    let mut health = Client::connect(addr, "").unwrap();
    while during.len() < 20_000 && flood.iter().any(|h| !h.is_finished()) {
        let start = Instant::now();
        assert_eq!(health.request("GET", "/healthz", None, "").unwrap().0, 200);
        during.push(start.elapsed());
    }
    let answers: Vec<u16> = flood.into_iter().map(|h| h.join().unwrap()).collect();
    let seconds = flood_start.elapsed().as_secs_f64();
    during.sort();
    let count = |status: u16| answers.iter().filter(|s| **s == status).count();
    println!(
        "  200 parallel logins     {seconds:.1} s: {} answered 401, {} 503 (busy), {} 429, {} other",
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
    let peak = peak_kb(pid) as f64 / 1024.0;
    println!(
        "  peak memory after it    {peak:8.1} MB (goal: < 100 MB: {})",
        verdict(peak < 100.0)
    );
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

/// A new PostgreSQL database next to the one `admin_url` names; dropped by `drop_postgres`.
async fn create_postgres(admin_url: &str) -> Option<String> {
    use sqlx::{Connection, Executor};
    let mut conn = sqlx::PgConnection::connect(admin_url).await.ok()?;
    conn.execute("DROP DATABASE IF EXISTS cassetto_bench WITH (FORCE)")
        .await
        .ok()?;
    conn.execute("CREATE DATABASE cassetto_bench").await.ok()?;
    let base = admin_url.rsplit_once('/').map(|(b, _)| b)?;
    Some(format!("{base}/cassetto_bench"))
}

async fn drop_postgres(admin_url: &str) {
    use sqlx::{Connection, Executor};
    if let Ok(mut conn) = sqlx::PgConnection::connect(admin_url).await {
        let _ = conn
            .execute("DROP DATABASE IF EXISTS cassetto_bench WITH (FORCE)")
            .await;
    }
}

fn print_figures(name: &str, f: &Figures, ceiling: Option<f64>) {
    println!(
        "Agenda on {name} ({CONTRIBUTORS} seeded contributors, loopback, {CLIENTS} connections):"
    );
    println!(
        "  GET /healthz            p50 {:6.2} ms   p99 {:6.2} ms   {:8.0} requests/s (baseline)",
        f.health.p50, f.health.p99, f.health.rate
    );
    let ratio = f.availability.rate / f.health.rate;
    println!(
        "  GET /api/availability   p50 {:6.2} ms   p99 {:6.2} ms   {:8.0} requests/s = {:.0} % of /healthz",
        f.availability.p50,
        f.availability.p99,
        f.availability.rate,
        100.0 * ratio
    );
    println!(
        "      goals: p99 ≤ 5 ms: {}; ≥ 50 % of /healthz: {}",
        verdict(f.availability.p99 <= 5.0),
        verdict(ratio >= 0.5)
    );
    print!(
        "  Prenota + Conferma      {:8.0} confirmed bookings/s over {} bookings",
        f.bookings_per_second, f.bookings
    );
    match ceiling {
        Some(ceiling) => {
            let ratio = f.bookings_per_second / ceiling;
            println!(
                " = {:.0} % of the ceiling (goal ≥ 85 %: {})",
                100.0 * ratio,
                verdict(ratio >= 0.85)
            );
        }
        None => println!(),
    }
    println!(
        "  server peak memory      {:8.1} MB (goal: < 100 MB: {})",
        f.peak_mb,
        verdict(f.peak_mb < 100.0)
    );
}

/// The statements one Prenota and its Conferma run, counted in the server's own log (one line
/// per statement with `sqlx::query=debug`), for `person` into the last free place.
fn statements_per_booking(
    url: &str,
    person: &(String, api::ThreadId),
    log: &std::path::Path,
) -> (usize, usize) {
    let (mut child, addr) = start_server_logging(url, Some(log));
    let mut c = Client::connect(addr, &person.0).unwrap();
    let place = free_places(&mut c).pop().expect("a free place");
    let lines = || {
        std::fs::read_to_string(log)
            .unwrap()
            .lines()
            .filter(|l| l.contains("summary="))
            .count()
    };
    let before = lines();
    let key = format!("Idempotency-Key: bench-count-{}\r\n", person.1);
    let (status, answer) = c
        .request(
            "POST",
            "/api/appointments",
            Some(&booking_body(person.1, &place)),
            &key,
        )
        .unwrap();
    assert_eq!(status, 201, "{answer}");
    let held = lines();
    let path = format!(
        "/api/appointments/{}/confirm",
        reference_of(&answer).unwrap()
    );
    let (status, answer) = c.request("POST", &path, None, "").unwrap();
    assert_eq!(status, 200, "{answer}");
    let confirmed = lines();
    let _ = child.kill();
    let _ = child.wait();
    (held - before, confirmed - held)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("sqlite://{}/bench.sqlite", dir.path().display());
    let mut people = runtime.block_on(seed(&url));

    // The bare loop runs on copies of the seeded database, so both start from the same rows:
    // once committing as the server does alone (each COMMIT waits for the disk), once with
    // commits that do not wait (WAL, synchronous = NORMAL): what the statements themselves
    // cost on one core, which the server's group commit can approach by sharing fsyncs.
    let ceilings: Vec<(f64, usize)> = ["FULL", "NORMAL"]
        .iter()
        .map(|synchronous| {
            let copy = dir.path().join(format!("ceiling-{synchronous}.sqlite"));
            let seeded = rusqlite::Connection::open(dir.path().join("bench.sqlite")).unwrap();
            seeded
                .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
                .unwrap();
            drop(seeded);
            let conn = rusqlite::Connection::open(&copy).unwrap();
            conn.execute_batch(&format!(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous};
                 PRAGMA foreign_keys = ON;"
            ))
            .unwrap();
            let bookers = fair_ceiling::bookers(&conn);
            let rate = fair_ceiling::run(&conn, &bookers, SystemClock.now().seconds());
            (rate, bookers.len())
        })
        .collect();
    let (durable, ceiling) = (ceilings[0].0, ceilings[1].0);

    let counted = people.pop().unwrap();
    let (prenota, conferma) = statements_per_booking(&url, &counted, &dir.path().join("sql.log"));
    println!("Statements per booking (the server's log, sqlx::query=debug; SQLite, a slot nobody booked yet)");
    println!(
        "  Prenota {prenota}, Conferma {conferma}: {} (the ceiling's loop runs {}{})",
        prenota + conferma,
        fair_ceiling::STATEMENTS,
        if prenota + conferma == fair_ceiling::STATEMENTS {
            ""
        } else {
            ": the loop no longer matches the server, update fair_ceiling.rs"
        }
    );
    println!("SQLite fair ceiling: the same statements in a bare loop, one connection, WAL");
    println!(
        "  {ceiling:8.0} bookings/s with commits that do not wait for the disk (the ceiling), {durable:.0} with each commit's fsync ({} bookings each)",
        ceilings[0].1
    );

    let (sqlite, mut child, addr) = measure(&url, &people);
    print_figures("SQLite", &sqlite, Some(ceiling));
    login_flood(addr, child.id());
    let _ = child.kill();
    let _ = child.wait();

    if let Ok(admin_url) = std::env::var("BENCH_POSTGRES_URL") {
        let Some(url) = runtime.block_on(create_postgres(&admin_url)) else {
            println!("PostgreSQL at {admin_url} not reachable: its figures are missing");
            return;
        };
        let people = runtime.block_on(seed(&url));
        let (postgres, mut child, _) = measure(&url, &people);
        let _ = child.kill();
        let _ = child.wait();
        print_figures("PostgreSQL", &postgres, None);
        runtime.block_on(drop_postgres(&admin_url));

        // The same client load split over two servers on one fresh database.
        let url = runtime
            .block_on(create_postgres(&admin_url))
            .expect("PostgreSQL again");
        let people = runtime.block_on(seed(&url));
        let (mut a, first) = start_server(&url);
        let (mut b, second) = start_server(&url);
        let (confirmed, two) = book_all(&[first, second], &people);
        for child in [&mut a, &mut b] {
            let _ = child.kill();
            let _ = child.wait();
        }
        println!("PostgreSQL, two servers on one database ({CLIENTS} clients split between them):");
        println!("  Prenota + Conferma {two:8.0} bookings/s ({confirmed} bookings)");
        println!(
            "  bookings/s: SQLite {:.0}, PostgreSQL one server {:.0}, two servers {:.0} ({:.2}× one)",
            sqlite.bookings_per_second,
            postgres.bookings_per_second,
            two,
            two / postgres.bookings_per_second
        );
        runtime.block_on(drop_postgres(&admin_url));
    }
}
