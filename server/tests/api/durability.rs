//! kill -9 in the middle of Prenota + Conferma under load: no acknowledged booking is lost.
//! The release of a savepoint is not an acknowledgement; only an answer is, and it comes after
//! the group's commit. The real server binary runs as a child process on a real database.

use crate::helpers::fresh_database;
use crate::raw_http::{booking_body, free_address, free_places, reference_of, Client};
use server::clock::{Clock, SystemClock};
use server::db::Db;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PEOPLE: usize = 600;
const CLIENTS: usize = 8;
/// Confirmations acknowledged before the kill: enough for the groups to be well under way.
const KILL_AFTER: usize = 120;

#[derive(Default)]
struct Acknowledged {
    held: Vec<String>,
    confirmed: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_bookings_loses_no_acknowledged_booking() {
    let (url, _database) = fresh_database().await;
    let people = {
        let db = Db::connect(&url).await.unwrap();
        server::demo::load_if_empty(&db, &SystemClock)
            .await
            .unwrap();
        let people = server::demo::load_test_contributors(&db, PEOPLE, SystemClock.now())
            .await
            .unwrap();
        db.pool.close().await;
        people
    };

    let addr = free_address();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cassetto-server"))
        .args(["--bind", &addr.to_string(), "--database-url", &url])
        .args(["--static-dir", "/nonexistent"])
        // Not a demo, so an antivirus must be named; nothing here uploads a file.
        .args(["--clamd-address", "127.0.0.1:9"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let acknowledged = Arc::new(Mutex::new(Acknowledged::default()));
    let confirmations = Arc::new(AtomicUsize::new(0));
    let workers = tokio::task::spawn_blocking({
        let acknowledged = acknowledged.clone();
        let confirmations = confirmations.clone();
        move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            let mut probe = loop {
                match Client::connect(addr, &format!("cassetto_session={}", people[0].0)) {
                    Ok(client) => break client,
                    Err(_) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(50))
                    }
                    Err(e) => panic!("server never answered: {e}"),
                }
            };
            let places = free_places(&mut probe);
            assert!(places.len() >= PEOPLE, "{} places", places.len());
            let threads: Vec<_> = (0..CLIENTS)
                .map(|k| {
                    let mine: Vec<_> = (k..PEOPLE)
                        .step_by(CLIENTS)
                        .map(|i| (people[i].clone(), places[i].clone()))
                        .collect();
                    let acknowledged = acknowledged.clone();
                    let confirmations = confirmations.clone();
                    std::thread::spawn(move || {
                        let Ok(mut c) = Client::connect(addr, "") else {
                            return;
                        };
                        for ((token, thread), place) in mine {
                            c.cookie = format!("cassetto_session={token}");
                            let key = format!("Idempotency-Key: kill-{thread}\r\n");
                            let body = booking_body(thread, &place);
                            let Ok((status, answer)) =
                                c.request("POST", "/api/appointments", Some(&body), &key)
                            else {
                                return;
                            };
                            assert_eq!(status, 201, "{answer}");
                            let reference = reference_of(&answer).unwrap();
                            acknowledged.lock().unwrap().held.push(reference.clone());
                            let path = format!("/api/appointments/{reference}/confirm");
                            let Ok((status, answer)) = c.request("POST", &path, None, "") else {
                                return;
                            };
                            assert_eq!(status, 200, "{answer}");
                            acknowledged.lock().unwrap().confirmed.push(reference);
                            confirmations.fetch_add(1, Ordering::SeqCst);
                        }
                    })
                })
                .collect();
            threads
                .into_iter()
                .for_each(|t| t.join().expect("a client saw a wrong answer"));
        }
    });

    let deadline = Instant::now() + Duration::from_secs(120);
    while confirmations.load(Ordering::SeqCst) < KILL_AFTER {
        assert!(Instant::now() < deadline, "the bookings did not get going");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child.kill().unwrap(); // SIGKILL: no shutdown, no flush
    child.wait().unwrap();
    workers.await.unwrap();

    let acknowledged = std::mem::take(&mut *acknowledged.lock().unwrap());
    assert!(acknowledged.confirmed.len() >= KILL_AFTER);
    assert!(
        acknowledged.held.len() < PEOPLE,
        "the kill came after every booking: it proved nothing"
    );
    let db = Db::connect(&url).await.unwrap();
    for reference in &acknowledged.held {
        let status: Option<(String,)> =
            sqlx::query_as("SELECT status FROM appointments WHERE reference = $1")
                .bind(reference)
                .fetch_optional(&db.pool)
                .await
                .unwrap();
        let status = status.unwrap_or_else(|| panic!("{reference} acknowledged, then lost"));
        if acknowledged.confirmed.contains(reference) {
            assert_eq!(status.0, "confermato", "{reference}");
        }
    }
    // Every slot still counts exactly the appointments that hold it.
    let (wrong,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM slots s WHERE s.booked <> (SELECT COUNT(*) FROM appointments a
           WHERE a.slot_id = s.id AND a.status IN ('prenotato', 'confermato'))",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "slot counters disagree with the appointments");
    db.pool.close().await;
}
