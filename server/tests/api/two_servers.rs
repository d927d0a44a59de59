//! Two real server processes on one PostgreSQL, as a deployment behind a reverse proxy runs
//! them: they start together on an empty database, what one books the other shows at once,
//! a last place raced through both has one winner, the notices go out once, and a server
//! whose listening connection is cut serves fresh answers and listens again. On SQLite there
//! is one server per file, so the test has nothing to try there.

use crate::helpers::fresh_database;
use crate::raw_http::{booking_body, free_address, reference_of, Client};
use server::clock::{Clock, SystemClock};
use server::db::Db;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How soon a change through one server must show on the other.
const SEEN_WITHIN: Duration = Duration::from_millis(200);

struct Server {
    child: Child,
    addr: SocketAddr,
    mail: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(url: &str) -> Server {
    let addr = free_address();
    let mail = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_cassetto-server"))
        .args(["--bind", &addr.to_string(), "--database-url", url, "--demo"])
        .args(["--static-dir", "/nonexistent"])
        .arg("--mail-dir")
        .arg(mail.path())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    Server { child, addr, mail }
}

impl Server {
    fn client(&self, token: &str) -> Client {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match Client::connect(self.addr, &format!("cassetto_session={token}")) {
                Ok(mut client) => {
                    if matches!(client.request("GET", "/healthz", None, ""), Ok((200, _))) {
                        return client;
                    }
                }
                Err(_) if Instant::now() < deadline => {}
                Err(e) => panic!("server never answered: {e}"),
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// The free places of one slot as a server answers now.
fn free_at(client: &mut Client, (office, point, start): &(i64, &str, String)) -> i64 {
    let (status, days) = client
        .request(
            "GET",
            &format!("/api/availability?point={point}&office={office}"),
            None,
            "",
        )
        .unwrap();
    assert_eq!(status, 200, "{days}");
    let days: Vec<api::DayAvailability> = serde_json::from_str(&days).unwrap();
    days.iter()
        .flat_map(|d| &d.slots)
        .find(|s| &s.start == start)
        .map_or(0, |s| i64::from(s.free))
}

/// Asks `client` until the slot shows `free`; how long that took.
fn until_free(client: &mut Client, place: &(i64, &str, String), free: i64) -> Duration {
    let since = Instant::now();
    loop {
        if free_at(client, place) == free {
            return since.elapsed();
        }
        assert!(
            since.elapsed() < Duration::from_secs(10),
            "{place:?} never showed {free} free"
        );
    }
}

fn hold(client: &mut Client, thread: api::ThreadId, place: &(i64, &str, String)) -> (u16, String) {
    let key = format!("Idempotency-Key: two-{thread}-{}\r\n", place.2);
    client
        .request(
            "POST",
            "/api/appointments",
            Some(&booking_body(thread, place)),
            &key,
        )
        .unwrap()
}

/// The pids of a server's listening connection, as PostgreSQL sees it.
async fn listeners(db: &Db, pid: u32) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT CAST(pid AS BIGINT) FROM pg_stat_activity WHERE application_name = $1",
    )
    .bind(server::db::listen::listener_name(pid))
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

fn mails(server: &Server) -> Vec<String> {
    std::fs::read_dir(server.mail.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name.ends_with(".eml"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_agree() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |u| u.is_empty()) {
        eprintln!(
            "two servers: needs PostgreSQL (TEST_DATABASE_URL); SQLite has one server per file"
        );
        return;
    }
    let (url, _database) = fresh_database().await;
    // Both at once on an empty database: the migrations and the demo happen once (a second
    // demo load would break the unique usernames and stop that server).
    let a = start(&url);
    let b = start(&url);
    drop(a.client(""));
    drop(b.client(""));
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM users WHERE username = 'operatore.roma'"
        )
        .await,
        1
    );
    let people = server::demo::load_test_contributors(&db, 24, SystemClock.now())
        .await
        .unwrap();
    // Everyone has an address, so each confirmation owes an e-mail.
    sqlx::query("UPDATE users SET email = 'persona@example.it' WHERE email IS NULL AND role = 'contribuente'")
        .execute(&db.pool)
        .await
        .unwrap();
    let b_listening = listeners(&db, b.pid()).await;
    assert_eq!(b_listening.len(), 1, "B listens on one connection");

    let runtime = tokio::runtime::Handle::current();
    let db_blocking = db.clone();
    let (a, b) = tokio::task::spawn_blocking(move || {
        let db = db_blocking;
        let client = |server: &Server, person: usize| server.client(&people[person].0);
        let mut on_b = client(&b, 1);
        let places = crate::raw_http::free_places(&mut on_b);
        let room = |n: usize| {
            places
                .iter()
                .filter(|p| places.iter().filter(|q| q == p).count() == n)
                .cloned()
                .collect::<std::collections::BTreeSet<_>>()
        };
        // A slot with room for two, asked of B twice, so B keeps its answer.
        let place = room(2).into_iter().next().expect("a slot with two places");
        assert_eq!(free_at(&mut on_b, &place), 2);
        assert_eq!(free_at(&mut on_b, &place), 2);

        // A hold through A is seen on B; so is its release.
        let (status, answer) = hold(&mut client(&a, 0), people[0].1, &place);
        assert_eq!(status, 201, "{answer}");
        let seen = until_free(&mut on_b, &place, 1);
        assert!(seen <= SEEN_WITHIN, "B showed A's hold after {seen:?}");
        let reference = reference_of(&answer).unwrap();
        let release = format!("/api/appointments/{reference}/release");
        let (status, answer) = client(&a, 0).request("POST", &release, None, "").unwrap();
        assert_eq!(status, 200, "{answer}");
        let seen = until_free(&mut on_b, &place, 2);
        assert!(seen <= SEEN_WITHIN, "B showed A's release after {seen:?}");

        // The last place of a slot asked through A and B at the same moment: one winner,
        // the other told the place is gone; both servers then show it taken.
        let mut winners = Vec::new();
        for (round, last) in room(1).into_iter().take(4).enumerate() {
            let pair = [2 + 2 * round, 3 + 2 * round];
            let gate = std::sync::Arc::new(std::sync::Barrier::new(2));
            let racers: Vec<_> = pair
                .iter()
                .zip([a.addr, b.addr])
                .map(|(&person, addr)| {
                    let (token, thread) = people[person].clone();
                    let (gate, last) = (gate.clone(), last.clone());
                    std::thread::spawn(move || {
                        let mut c = Client::connect(addr, &format!("cassetto_session={token}"))
                            .unwrap();
                        gate.wait();
                        hold(&mut c, thread, &last)
                    })
                })
                .collect();
            let answers: Vec<_> = racers.into_iter().map(|t| t.join().unwrap()).collect();
            let won: Vec<_> = (0..2).filter(|&i| answers[i].0 == 201).collect();
            assert_eq!(won.len(), 1, "round {round}: {answers:?}");
            let lost = &answers[1 - won[0]];
            assert_eq!(lost.0, 409, "round {round}: {}", lost.1);
            assert!(lost.1.contains("slot_unavailable"), "{}", lost.1);
            winners.push((pair[won[0]], reference_of(&answers[won[0]].1).unwrap()));
            assert_eq!(free_at(&mut client(&a, 0), &last), 0);
            assert_eq!(free_at(&mut on_b, &last), 0);
        }
        assert_eq!(winners.len(), 4, "four slots with one place left");

        // Confirmed through either server; both outbox workers run: each notice once.
        for (i, (person, reference)) in winners.iter().enumerate() {
            let server = if i % 2 == 0 { &a } else { &b };
            let confirm = format!("/api/appointments/{reference}/confirm");
            let (status, answer) = client(server, *person)
                .request("POST", &confirm, None, "")
                .unwrap();
            assert_eq!(status, 200, "{answer}");
        }
        let since = Instant::now();
        while runtime.block_on(count(
            &db,
            "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND due_at <= CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)",
        )) > 0
        {
            assert!(since.elapsed() < Duration::from_secs(30), "notices never went");
            std::thread::sleep(Duration::from_millis(100));
        }
        let sent = runtime.block_on(count(&db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'"));
        let (on_a_files, on_b_files) = (mails(&a), mails(&b));
        assert_eq!(sent, 4, "one confirmation each");
        assert_eq!(on_a_files.len() + on_b_files.len(), 4, "{on_a_files:?} {on_b_files:?}");
        assert!(on_a_files.iter().all(|f| !on_b_files.contains(f)));

        // A waiting person on B is offered the place A's cancellation frees. The first day
        // Rome takes calls is filled through A (what the races left of it), B's person joins
        // the Lista d'attesa for it, then one of A's people cancels.
        let calls = |client: &mut Client| {
            let (_, days) = client
                .request("GET", "/api/availability?point=telefono&office=1", None, "")
                .unwrap();
            serde_json::from_str::<Vec<api::DayAvailability>>(&days).unwrap()
        };
        let day = calls(&mut on_b).into_iter().next().expect("a day of calls");
        let mut booked = Vec::new();
        let mut filler = 12;
        for slot in &day.slots {
            for _ in 0..slot.free {
                let place = (1, "telefono", slot.start.clone());
                let (status, answer) = hold(&mut client(&a, filler), people[filler].1, &place);
                assert_eq!(status, 201, "{answer}");
                let reference = reference_of(&answer).unwrap();
                let confirm = format!("/api/appointments/{reference}/confirm");
                let (status, answer) = client(&a, filler)
                    .request("POST", &confirm, None, "")
                    .unwrap();
                assert_eq!(status, 200, "{answer}");
                booked.push((filler, reference));
                filler += 1;
                assert!(filler < 23, "more calls in a day than people to book them");
            }
        }
        let waiter = 23;
        let join = format!(
            r#"{{"communication_id":{},"office":1,"point":"telefono","from":"{}","to":"{}","phone":"06 1234 5678","notes":"In attesa"}}"#,
            people[waiter].1, day.date, day.date
        );
        let (status, answer) = client(&b, waiter)
            .request("POST", "/api/waitlist", Some(&join), "")
            .unwrap();
        assert_eq!(status, 201, "{answer}");
        let waiter_cf: String = runtime.block_on(async {
            sqlx::query_scalar(
                "SELECT c.cf FROM communications t JOIN contributors c ON c.id = t.contributor_id WHERE t.id = $1",
            )
            .bind(people[waiter].1)
            .fetch_one(&db.pool)
            .await
            .unwrap()
        });
        let (who, reference) = booked.first().expect("a call booked through A").clone();
        let cancel = format!("/api/appointments/{reference}/cancel");
        let (status, answer) = client(&a, who)
            .request("POST", &cancel, Some("{}"), "")
            .unwrap();
        assert_eq!(status, 200, "{answer}");
        let mut on_b_waiter = client(&b, waiter);
        let since = Instant::now();
        loop {
            let (status, answer) = on_b_waiter
                .request("GET", &format!("/api/contributors/{waiter_cf}/waitlist"), None, "")
                .unwrap();
            assert_eq!(status, 200, "{answer}");
            let entries: Vec<api::WaitlistEntry> = serde_json::from_str(&answer).unwrap();
            if entries
                .first()
                .is_some_and(|e| e.status == api::WaitlistStatus::Offerta && e.offer.is_some())
            {
                break;
            }
            assert!(
                since.elapsed() <= SEEN_WITHIN,
                "B's person not offered A's freed place: {answer}"
            );
        }

        // B's listening connection cut from SQL: B answers from the database meanwhile, so
        // a hold through A shows on B as soon as ever; then B listens on a new connection.
        runtime.block_on(async {
            sqlx::query("SELECT pg_terminate_backend(CAST($1 AS INTEGER))")
                .bind(b_listening[0])
                .execute(&db.pool)
                .await
                .unwrap()
        });
        let (status, answer) = hold(&mut client(&a, 10), people[10].1, &place);
        assert_eq!(status, 201, "{answer}");
        let seen = until_free(&mut on_b, &place, 1);
        assert!(seen <= SEEN_WITHIN, "B, its listener cut, showed A's hold after {seen:?}");
        let since = Instant::now();
        loop {
            let now = runtime.block_on(listeners(&db, b.pid()));
            if now.len() == 1 && now[0] != b_listening[0] {
                break;
            }
            assert!(since.elapsed() < Duration::from_secs(10), "B never listened again");
            std::thread::sleep(Duration::from_millis(50));
        }
        // Listening again, B keeps answers and still sees A's changes.
        assert_eq!(free_at(&mut on_b, &place), 1);
        let (status, answer) = hold(&mut client(&a, 11), people[11].1, &place);
        assert_eq!(status, 201, "{answer}");
        let seen = until_free(&mut on_b, &place, 0);
        assert!(seen <= SEEN_WITHIN, "B, listening again, showed A's hold after {seen:?}");
        (a, b)
    })
    .await
    .unwrap();
    drop((a, b));
}

/// The sweeper's round on two servers: while one runs it, the other skips its tick; once the
/// first is done, the other may run it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_server_sweeps_at_a_time() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |u| u.is_empty()) {
        return;
    }
    use server::db::Shared;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (url, _database) = fresh_database().await;
    let a = Db::connect(&url).await.unwrap();
    let b = Db::connect(&url).await.unwrap();
    let (started, started_rx) = tokio::sync::oneshot::channel();
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    let first = tokio::spawn(async move {
        a.alone(Shared::Sweeper, async {
            started.send(()).unwrap();
            released.await.unwrap();
        })
        .await
        .unwrap()
    });
    started_rx.await.unwrap();
    let ran = AtomicBool::new(false);
    let second = b
        .alone(Shared::Sweeper, async { ran.store(true, Ordering::SeqCst) })
        .await
        .unwrap();
    assert!(!second && !ran.load(Ordering::SeqCst), "both swept at once");
    release.send(()).unwrap();
    assert!(first.await.unwrap(), "the first server's round ran");
    assert!(
        b.alone(Shared::Sweeper, async { ran.store(true, Ordering::SeqCst) })
            .await
            .unwrap()
            && ran.load(Ordering::SeqCst),
        "the round is free again once the first is done"
    );
}
