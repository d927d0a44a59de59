//! The booking core under pressure: who may act on an appointment (its office, not its
//! thread's), races on the lock order (an expired hold in a full slot, a capacity lowered while
//! people book), the outbox written with each transition, and dates far out of range.

use crate::helpers::*;
use api::{Appointment, DayAvailability};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

const ROMA: i64 = 1;
const MILANO: i64 = 2;
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";

/// Sends every request at once, each from its own task: (status, body) in the same order.
pub(crate) async fn all_at_once(
    app: &TestApp,
    requests: Vec<Request<Body>>,
) -> Vec<(StatusCode, String)> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|request| {
            let router = app.router.clone();
            tokio::spawn(async move {
                use tower::ServiceExt;
                let response = router.oneshot(request).await.unwrap();
                let status = response.status();
                let body = http_body_util::BodyExt::collect(response.into_body())
                    .await
                    .unwrap()
                    .to_bytes();
                (status, String::from_utf8_lossy(&body).into_owned())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

pub(crate) fn hold_request(
    cookie: &str,
    key: &str,
    thread: api::ThreadId,
    point: &str,
    start: &str,
) -> Request<Body> {
    let body = json!({ "communication_id": thread, "point": point, "office": ROMA, "start": start,
                       "phone": "347 123 4567", "notes": "Prova di concorrenza" });
    Request::post("/api/appointments")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap()
}

pub(crate) async fn starts(client: &mut Client<'_>, point: &str) -> Vec<String> {
    let days: Vec<DayAvailability> = client
        .get(&format!("/api/availability?point={point}&office={ROMA}"))
        .await
        .json();
    days.iter()
        .flat_map(|d| d.slots.iter().map(|s| s.start.clone()))
        .collect()
}

/// Every slot holds no more than its capacity, and exactly what occupies a place in it.
pub(crate) async fn slots_are_consistent(app: &TestApp) {
    #[derive(sqlx::FromRow, Debug)]
    #[allow(dead_code)] // read by Debug in the failure message
    struct Check {
        id: i64,
        booked: i64,
        capacity: i64,
        occupying: i64,
    }
    let rows: Vec<Check> = sqlx::query_as(
        "SELECT s.id, s.booked, s.capacity,
                (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = s.id
                   AND a.status IN ('prenotato', 'confermato')) AS occupying
         FROM slots s",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    for row in rows {
        assert!(row.booked <= row.capacity, "{row:?}");
        assert_eq!(row.booked, row.occupying, "{row:?}");
    }
}

#[tokio::test]
async fn operators_act_on_the_appointments_of_their_office_whatever_office_the_thread_is_routed_to()
{
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    // Rossi's thread is routed to the Sede di Roma; he meets the Sede di Milano.
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, MILANO, FIRST_SLOT, "k1").await;
    let path = format!("/api/appointments/{reference}");

    let mut roma = app.logged_in("operatore.roma").await;
    let missing = roma.get("/api/appointments/AP-2026-999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    for (method, suffix, body) in [
        ("GET", "", Value::Null),
        ("POST", "/cancel", json!({ "reason": "Prova" })),
        ("POST", "/attendance", json!({ "outcome": "svolto" })),
        ("GET", "/ics", Value::Null),
    ] {
        let answer = if method == "GET" {
            roma.get(&format!("{path}{suffix}")).await
        } else {
            roma.post(&format!("{path}{suffix}"), body).await
        };
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{method} {suffix}");
        assert_eq!(answer.body, missing.body, "the same answer as for nothing");
    }

    let mut milano = app.logged_in("operatore.milano").await;
    let seen = milano.get(&path).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text());
    let seen: Appointment = seen.json();
    assert!(seen.viewed_by_office && seen.can_cancel);
    let agenda: api::OfficeAgenda = milano
        .get("/api/office/agenda?date=2026-03-03")
        .await
        .json();
    assert!(agenda
        .appointments
        .iter()
        .any(|a| a.reference == reference && a.can_cancel));

    let cancelled = milano
        .post(
            &format!("{path}/cancel"),
            json!({ "reason": "Sportello chiuso per guasto." }),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let cancelled: Appointment = cancelled.json();
    assert_eq!(cancelled.status, api::AppointmentStatus::Annullato);
    assert!(cancelled.cancelled_by_office);
    let told: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    let last = told.messages.last().unwrap();
    assert_eq!(last.author, "Sede di Milano");
    assert!(
        last.text.contains("annullato dalla Sede di Milano"),
        "{}",
        last.text
    );
}

#[tokio::test]
async fn the_office_where_it_took_place_records_attendance() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, MILANO, FIRST_SLOT, "k1").await;
    app.clock.advance(24 * 3600);
    let path = format!("/api/appointments/{reference}/attendance");
    let mut roma = app.logged_in("operatore.roma").await;
    assert_eq!(
        roma.post(&path, json!({ "outcome": "svolto" }))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut milano = app.logged_in("operatore.milano").await;
    let done = milano.post(&path, json!({ "outcome": "svolto" })).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(
        done.json::<Appointment>().status,
        api::AppointmentStatus::Svolto
    );
}

/// An expired hold sits in a full slot; its owner books the same thread on another slot while
/// two others book the full one, twenty times: no 5xx, the owner gets the other slot, exactly
/// one of the two gets the freed place.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_expired_hold_in_a_full_slot_never_deadlocks_three_bookings() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let free = starts(&mut rossi, "telefono").await;
    for round in 0..20 {
        // Fresh people each round: the clock moves past every earlier hold and session.
        let people = app.many_contributors(3).await;
        let (full, other) = (&free[2 * round], &free[2 * round + 1]);
        let (owner, owner_thread) = &people[0];
        let first = all_at_once(
            &app,
            vec![hold_request(
                owner,
                &format!("a{round}"),
                *owner_thread,
                "telefono",
                full,
            )],
        )
        .await;
        assert_eq!(first[0].0, StatusCode::CREATED, "{}", first[0].1);
        app.clock.advance(16 * 60);
        let answers = all_at_once(
            &app,
            vec![
                hold_request(
                    owner,
                    &format!("b{round}"),
                    *owner_thread,
                    "telefono",
                    other,
                ),
                hold_request(
                    &people[1].0,
                    &format!("c{round}"),
                    people[1].1,
                    "telefono",
                    full,
                ),
                hold_request(
                    &people[2].0,
                    &format!("d{round}"),
                    people[2].1,
                    "telefono",
                    full,
                ),
            ],
        )
        .await;
        for (status, body) in &answers {
            assert!(!status.is_server_error(), "round {round}: {status} {body}");
        }
        assert_eq!(
            answers[0].0,
            StatusCode::CREATED,
            "round {round}: {}",
            answers[0].1
        );
        let won = answers[1..]
            .iter()
            .filter(|(s, _)| *s == StatusCode::CREATED)
            .count();
        assert_eq!(won, 1, "round {round}: {answers:?}");
        for (status, body) in &answers[1..] {
            if *status != StatusCode::CREATED {
                assert_eq!(*status, StatusCode::CONFLICT, "{body}");
                assert!(body.contains("slot_unavailable"), "{body}");
            }
        }
        slots_are_consistent(&app).await;
    }
}

/// The office lowers a day's capacity from three to one while three people book one of its
/// slots, twenty times: no 5xx, never more bookings than places; the office is told 409
/// `capacity_below_bookings` whenever the bookings got there first.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn lowering_capacity_while_people_book_never_overfills_a_slot() {
    let app = spawn_app().await;
    let people = app.many_contributors(60).await;
    let mut roma = app.logged_in("operatore.roma").await;
    let operator = roma.cookie.clone().unwrap();
    let mut days: Vec<String> = Vec::new();
    let mut slots = Vec::new();
    for start in starts(&mut roma, "sportello").await {
        if !days.iter().any(|d| start.starts_with(d.as_str())) {
            days.push(start[..10].to_string());
            slots.push(start);
        }
    }
    assert!(slots.len() >= 20);
    for round in 0..20 {
        let (day, start) = (&days[round], &slots[round]);
        let widened = roma
            .post(
                "/api/office/capacity",
                json!({ "date": day, "point": "sportello", "capacity": 3 }),
            )
            .await;
        assert_eq!(widened.status, StatusCode::OK, "{}", widened.text());
        let lower = Request::post("/api/office/capacity")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, operator.as_str())
            .body(Body::from(
                json!({ "date": day, "point": "sportello", "capacity": 1 }).to_string(),
            ))
            .unwrap();
        let mut requests = vec![lower];
        for (n, (cookie, thread)) in people[3 * round..3 * round + 3].iter().enumerate() {
            requests.push(hold_request(
                cookie,
                &format!("r{round}-{n}"),
                *thread,
                "sportello",
                start,
            ));
        }
        let answers = all_at_once(&app, requests).await;
        for (status, body) in &answers {
            assert!(!status.is_server_error(), "round {round}: {status} {body}");
        }
        let (lowered, body) = &answers[0];
        let held = answers[1..]
            .iter()
            .filter(|(s, _)| *s == StatusCode::CREATED)
            .count();
        match *lowered {
            StatusCode::OK => assert!(held <= 1, "round {round}: {answers:?}"),
            StatusCode::CONFLICT => assert!(body.contains("capacity_below_bookings"), "{body}"),
            other => panic!("round {round}: {other} {body}"),
        }
        slots_are_consistent(&app).await;
    }
}

#[tokio::test]
async fn every_transition_that_owes_a_notice_writes_one_outbox_row_and_a_refusal_writes_none() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let body = json!({ "communication_id": thread, "point": "sportello", "office": ROMA,
        "start": FIRST_SLOT, "phone": "06 1234 5678", "notes": "Verifica." });
    let held: Appointment = post_with_key(&mut rossi, "/api/appointments", "k1", &body)
        .await
        .json();
    assert_eq!(app.count("outbox").await, 0, "a hold owes nothing yet");
    let path = format!("/api/appointments/{}", held.reference);
    rossi.post(&format!("{path}/confirm"), json!({})).await;
    rossi.post(&format!("{path}/confirm"), json!({})).await;
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM outbox ORDER BY id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        kinds,
        [
            "appointment_confirmed",
            "reminder_day_before",
            "reminder_hours_before"
        ],
        "confirming twice notifies once, with its two reminders"
    );
    let refused = rossi.post(&format!("{path}/release"), json!({})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    rossi.post(&format!("{path}/cancel"), json!({})).await;
    let kinds: Vec<(String, String)> =
        sqlx::query_as("SELECT kind, status FROM outbox ORDER BY id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    let owed = |kind: &str, status: &str| (kind.to_string(), status.to_string());
    assert_eq!(
        kinds,
        [
            owed("appointment_confirmed", "pending"),
            owed("reminder_day_before", "withdrawn"),
            owed("reminder_hours_before", "withdrawn"),
            owed("appointment_cancelled_by_contributor", "pending"),
        ]
    );
}

#[tokio::test]
async fn dates_far_out_of_range_are_refused_with_a_message() {
    let app = spawn_app().await;
    let mut roma = app.logged_in("operatore.roma").await;
    for date in ["9999-12-31", "0001-01-01", "-001000-01-01"] {
        let answer = roma.get(&format!("/api/office/agenda?date={date}")).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{date}: {}",
            answer.text()
        );
        assert!(answer.error().fields.contains_key("date"));
    }
    let mut rossi = app.logged_in(ROSSI).await;
    for path in [
        format!("/api/contributors/{ROSSI}/appointments?from=9999-12-31"),
        format!("/api/availability?point=sportello&office={ROMA}&to=9999-12-31"),
    ] {
        let answer = rossi.get(&path).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            answer.text()
        );
    }
    let capacity = roma
        .post(
            "/api/office/capacity",
            json!({ "date": "9999-12-31", "point": "sportello", "capacity": 2 }),
        )
        .await;
    assert_eq!(capacity.status, StatusCode::UNPROCESSABLE_ENTITY);
    let closure = roma
        .post(
            "/api/office/closures/preview",
            json!({ "from": "9999-12-30", "to": "9999-12-31", "reason": "x" }),
        )
        .await;
    assert_eq!(
        closure.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        closure.text()
    );
}

#[tokio::test]
async fn a_path_or_query_that_cannot_be_read_is_answered_in_the_envelope() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    for path in [
        "/api/appointments/%FF",
        "/api/communications/%FF/eligibility",
    ] {
        let answer = rossi.get(path).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(answer.code(), "not_found");
    }
    let answer = rossi
        .get(&format!(
            "/api/contributors/{ROSSI}/appointments?status=%FF%FE"
        ))
        .await;
    assert!(answer.status.is_client_error(), "{}", answer.status);
    assert!(answer
        .header("content-type")
        .starts_with("application/json"));
}
