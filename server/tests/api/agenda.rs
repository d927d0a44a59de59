//! Agenda appuntamenti: reference data, availability, Prenota → Conferma / Cancella, expiry,
//! capacity under concurrency, idempotency, the rules and bad input.

use crate::helpers::*;
use api::{
    Appointment, AppointmentStatus, CommunicationPage, DayAvailability, Eligibility, Office,
};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

const ROMA: i64 = 1;
/// Tuesday 3 March 2026, 08:30 in Rome: the first slot of the window seen from START.
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";

/// Rossi's demo thread that is eligible by days.
async fn eligible_thread(client: &mut Client<'_>, cf: &str) -> api::ThreadId {
    thread_of(client, cf, "Contributi del 2024").await
}

fn hold_body(thread: api::ThreadId, start: &str) -> Value {
    json!({ "communication_id": thread, "point": "sportello", "office": ROMA, "start": start,
            "phone": "06 1234 5678", "notes": "Vorrei capire come regolarizzare i versamenti." })
}

async fn post_hold(client: &mut Client<'_>, key: &str, body: Value) -> TestResponse {
    post_with_key(client, "/api/appointments", key, &body).await
}

async fn free_at(client: &mut Client<'_>, point: &str, office: i64, start: &str) -> u32 {
    free_places(client, point, office, start).await.unwrap_or(0)
}

#[tokio::test]
async fn a_dozen_offices_with_addresses_and_their_points() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let offices: Vec<Office> = rossi.get("/api/offices").await.json();
    assert!(offices.len() >= 12);
    assert!(offices
        .iter()
        .all(|o| !o.address.is_empty() && o.province.len() == 2));
    assert!(offices
        .iter()
        .any(|o| o.points.contains(&api::PointCode::Video)));
    assert!(offices
        .iter()
        .any(|o| !o.points.contains(&api::PointCode::Video)));
    let points: Vec<api::ConsultationPoint> = rossi.get("/api/consultation-points").await.json();
    let labels: Vec<&str> = points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Sportello in sede",
            "Consulenza telefonica (richiamata)",
            "Videochiamata"
        ]
    );
}

#[tokio::test]
async fn availability_starts_the_next_working_day_and_ends_thirty_days_ahead() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let days: Vec<DayAvailability> = rossi
        .get("/api/availability?point=sportello&office=1&topic=estratto_conto")
        .await
        .json();
    assert_eq!(days.first().unwrap().date, "2026-03-03");
    assert_eq!(days.last().unwrap().date, "2026-04-01");
    assert!(days
        .iter()
        .all(|d| d.slots.len() == 8 && d.slots.iter().all(|s| s.free == 2)));
    assert!(
        !days
            .iter()
            .any(|d| d.date == "2026-03-07" || d.date == "2026-03-08"),
        "no weekends"
    );
    assert_eq!(days[0].slots[0].start, FIRST_SLOT);

    let bad = rossi.get("/api/availability?point=video&office=5").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.error().fields["office"].contains("non offre"));
}

#[tokio::test]
async fn prenota_then_conferma_gives_a_confirmed_appointment_told_in_the_thread() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;

    let held = post_hold(&mut rossi, "k1", hold_body(thread, FIRST_SLOT)).await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());
    let held: Appointment = held.json();
    assert_eq!(held.reference, "AP-2026-000001");
    assert_eq!(held.status, AppointmentStatus::Prenotato);
    assert_eq!(
        held.hold_expires_at.as_deref(),
        Some("2026-03-02T10:15:00+01:00")
    );
    assert_eq!(held.booked_by, "Mario Rossi");
    assert_eq!(held.phone, "0612345678");
    assert_eq!(free_at(&mut rossi, "sportello", ROMA, FIRST_SLOT).await, 1);

    let e: Eligibility = rossi
        .get(&format!("/api/communications/{thread}/eligibility"))
        .await
        .json();
    assert!(!e.eligible);
    assert_eq!(
        e.active_appointment.as_ref().map(|r| r.as_str()),
        Some("AP-2026-000001")
    );

    let confirmed = rossi
        .post("/api/appointments/AP-2026-000001/confirm", json!({}))
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text());
    let confirmed: Appointment = confirmed.json();
    assert_eq!(confirmed.status, AppointmentStatus::Confermato);
    assert_eq!(confirmed.hold_expires_at, None);
    let again = rossi
        .post("/api/appointments/AP-2026-000001/confirm", json!({}))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.json::<Appointment>(),
        confirmed,
        "confirming twice gives the same answer"
    );
    assert_eq!(app.count("appointments").await, 1);

    let kinds: Vec<&str> = confirmed.timeline.iter().map(|e| e.kind.code()).collect();
    assert_eq!(kinds, ["prenotato", "confermato"]);

    let detail: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(
        detail.messages.last().unwrap().text,
        "Appuntamento AP-2026-000001 confermato da Mario Rossi per martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma, Sportello in sede."
    );

    let release = rossi
        .post("/api/appointments/AP-2026-000001/release", json!({}))
        .await;
    assert_eq!(release.status, StatusCode::CONFLICT);

    let ics = rossi.get("/api/appointments/AP-2026-000001/ics").await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    let text = ics.text();
    assert!(
        text.contains("DTSTART;TZID=Europe/Rome:20260303T083000\r\n"),
        "{text}"
    );
    assert!(text.contains("DTEND;TZID=Europe/Rome:20260303T090000\r\n"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Rome"));
}

#[tokio::test]
async fn cancella_prenotazione_frees_the_slot_at_once() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    let held: Appointment = post_hold(&mut rossi, "k1", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    let released = rossi
        .post(
            &format!("/api/appointments/{}/release", held.reference),
            json!({}),
        )
        .await;
    assert_eq!(released.status, StatusCode::OK);
    assert_eq!(
        released.json::<Appointment>().status,
        AppointmentStatus::PrenotazioneCancellata
    );
    assert_eq!(free_at(&mut rossi, "sportello", ROMA, FIRST_SLOT).await, 2);
    let e: Eligibility = rossi
        .get(&format!("/api/communications/{thread}/eligibility"))
        .await
        .json();
    assert!(e.eligible, "the thread may book again");
}

#[tokio::test]
async fn an_expired_hold_stops_counting_at_once_and_confirming_it_is_gone() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    let held: Appointment = post_hold(&mut rossi, "k1", hold_body(thread, FIRST_SLOT))
        .await
        .json();

    app.clock.advance(14 * 60);
    let extended = rossi
        .post(
            &format!("/api/appointments/{}/extend", held.reference),
            json!({}),
        )
        .await;
    assert_eq!(extended.status, StatusCode::OK);
    assert_eq!(
        extended.json::<Appointment>().hold_expires_at.as_deref(),
        Some("2026-03-02T10:29:00+01:00")
    );
    // Read once while the hold counts: the free places kept from this read must not outlive it.
    assert_eq!(free_at(&mut rossi, "sportello", ROMA, FIRST_SLOT).await, 1);

    app.clock.advance(16 * 60);
    assert_eq!(
        free_at(&mut rossi, "sportello", ROMA, FIRST_SLOT).await,
        2,
        "before any sweeper, and without any write"
    );
    let gone = rossi
        .post(
            &format!("/api/appointments/{}/confirm", held.reference),
            json!({}),
        )
        .await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.code(), "hold_expired");
    let after: Appointment = rossi
        .get(&format!("/api/appointments/{}", held.reference))
        .await
        .json();
    assert_eq!(after.status, AppointmentStatus::Scaduto);
    assert_eq!(after.timeline.last().unwrap().actor, "Sistema");
    let (booked,): (i64,) = sqlx::query_as("SELECT booked FROM slots")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(booked, 0);
}

#[tokio::test]
async fn the_sweeper_marks_expired_holds_and_gives_places_back() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    post_hold(&mut rossi, "k1", hold_body(thread, FIRST_SLOT)).await;
    app.clock.advance(16 * 60);
    let expired = server::agenda::workflow::sweep(&app.db, app.now())
        .await
        .unwrap();
    assert_eq!(expired, 1);
    assert_eq!(
        server::agenda::workflow::sweep(&app.db, app.now())
            .await
            .unwrap(),
        0,
        "never twice"
    );
    let (status,): (String,) = sqlx::query_as("SELECT status FROM appointments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "scaduto");
}

#[tokio::test]
async fn an_intermediary_books_for_a_contributor_and_is_recorded_as_such() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = eligible_thread(&mut verdi, ROSSI).await;
    let held: Appointment = post_hold(&mut verdi, "k1", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    assert_eq!(held.booked_by, "Studio Verdi");
    assert_eq!(held.timeline[0].actor, "Studio Verdi");
    assert_eq!(held.contributor.cf, ROSSI);
    let mut rossi = app.logged_in(ROSSI).await;
    assert_eq!(
        rossi
            .get(&format!("/api/appointments/{}", held.reference))
            .await
            .status,
        StatusCode::OK
    );
    let mut ferri = app.logged_in(FERRI).await;
    assert_eq!(
        ferri
            .get(&format!("/api/appointments/{}", held.reference))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut milano = app.logged_in("operatore.milano").await;
    assert_eq!(
        milano
            .get(&format!("/api/appointments/{}", held.reference))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut roma = app.logged_in("operatore.roma").await;
    assert_eq!(
        roma.get(&format!("/api/appointments/{}", held.reference))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        roma.post(
            &format!("/api/appointments/{}/confirm", held.reference),
            json!({})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_same_idempotency_key_books_once_and_answers_the_same() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    let first = post_hold(&mut rossi, "doppio-click", hold_body(thread, FIRST_SLOT)).await;
    let second = post_hold(&mut rossi, "doppio-click", hold_body(thread, FIRST_SLOT)).await;
    assert_eq!(
        (first.status, second.status),
        (StatusCode::CREATED, StatusCode::CREATED)
    );
    assert_eq!(first.body, second.body);
    assert_eq!(app.count("appointments").await, 1);

    let other = post_hold(
        &mut rossi,
        "doppio-click",
        hold_body(thread, "2026-03-03T09:00:00+01:00"),
    )
    .await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(other.error().fields.contains_key("idempotency_key"));

    // Keys belong to their user: Verdi's "doppio-click" is a request of its own.
    let mut verdi = app.logged_in(VERDI).await;
    let bianchi_thread = eligible_thread(&mut verdi, BIANCHI).await;
    let mut body = hold_body(bianchi_thread, FIRST_SLOT);
    body["office"] = json!(2);
    let theirs = post_hold(&mut verdi, "doppio-click", body).await;
    assert_eq!(theirs.status, StatusCode::CREATED, "{}", theirs.text());
    assert_eq!(app.count("appointments").await, 2);
}

#[tokio::test]
async fn the_rules_refuse_an_ineligible_thread_a_second_booking_and_a_fourth_appointment() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let page: CommunicationPage = rossi
        .get(&format!("/api/contributors/{ROSSI}/communications"))
        .await
        .json();
    let not_yet = page
        .items
        .iter()
        .find(|c| c.subject.starts_with("Richiesta di rateazione"))
        .unwrap()
        .id;
    let refused = post_hold(&mut rossi, "a", hold_body(not_yet, FIRST_SLOT)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused
        .error()
        .message
        .starts_with("Potrai richiedere un appuntamento dal"));

    let thread = eligible_thread(&mut rossi, ROSSI).await;
    post_hold(&mut rossi, "b", hold_body(thread, FIRST_SLOT)).await;
    let twice = post_hold(
        &mut rossi,
        "c",
        hold_body(thread, "2026-03-03T09:00:00+01:00"),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.error().message.contains("AP-2026-000001"));

    // Three more threads, 31 days later all eligible by days: the fourth active one is refused.
    for n in 0..3 {
        rossi
            .post(
                &format!("/api/contributors/{ROSSI}/communications"),
                json!({"topic": "durc", "subject": format!("DURC {n}"), "text": "x"}),
            )
            .await;
    }
    app.clock.advance(31 * 86_400);
    let mut rossi = app.logged_in(ROSSI).await;
    let page: CommunicationPage = rossi
        .get(&format!("/api/contributors/{ROSSI}/communications"))
        .await
        .json();
    let days: Vec<DayAvailability> = rossi
        .get("/api/availability?point=sportello&office=1")
        .await
        .json();
    let starts: Vec<String> = days[0].slots.iter().map(|s| s.start.clone()).collect();
    let mut statuses = Vec::new();
    for (n, c) in page
        .items
        .iter()
        .filter(|c| c.subject.starts_with("DURC") || c.subject.starts_with("Domanda"))
        .enumerate()
    {
        statuses.push(post_hold(&mut rossi, &format!("k{n}"), hold_body(c.id, &starts[n])).await);
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .count(),
        3,
        "the old hold expired; three new ones"
    );
    let fourth = statuses
        .iter()
        .find(|r| r.status != StatusCode::CREATED)
        .unwrap();
    assert_eq!(fourth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(fourth.error().message.contains("3 appuntamenti attivi"));
    // The list says so before anyone fills anything in: the threads that could otherwise be
    // booked are not, with the way out.
    let page: CommunicationPage = rossi
        .get(&format!("/api/contributors/{ROSSI}/communications"))
        .await
        .json();
    let waiting: Vec<_> = page
        .items
        .iter()
        .filter(|c| c.eligibility.active_appointment.is_none())
        .filter(|c| c.subject.starts_with("DURC") || c.subject.starts_with("Domanda"))
        .collect();
    assert!(!waiting.is_empty());
    for c in waiting {
        assert!(
            !c.eligibility.eligible && c.eligibility.limit_reached,
            "{c:?}"
        );
        assert!(c.eligibility.reason.contains("Gestione appuntamenti"));
    }
}

#[tokio::test]
async fn bad_input_is_refused_with_a_message_and_stores_nothing() {
    let app = spawn_app().await;
    // 28 days on, Easter Monday (6 April 2026) is inside the window.
    app.clock.advance(28 * 86_400);
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    let ferri_thread = eligible_thread(&mut app.logged_in(FERRI).await, FERRI).await;
    let with = |field: &str, value: Value| {
        let mut body = hold_body(thread, "2026-04-07T08:30:00+02:00");
        body[field] = value;
        body
    };
    let cases: Vec<(Value, StatusCode, &str)> = vec![
        (
            with("start", json!("2026-03-02T08:30:00+01:00")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "start",
        ),
        (
            with("start", json!("2026-04-07T07:00:00+02:00")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "start",
        ),
        (
            with("start", json!("2026-04-06T08:30:00+02:00")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "start",
        ),
        (
            with("start", json!("domani")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "start",
        ),
        (
            with("point", json!("video")).tap_office(5),
            StatusCode::UNPROCESSABLE_ENTITY,
            "office",
        ),
        (
            with("communication_id", json!(999_999)),
            StatusCode::NOT_FOUND,
            "",
        ),
        (
            with("communication_id", json!(ferri_thread)),
            StatusCode::NOT_FOUND,
            "",
        ),
        (
            with("phone", json!("")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone",
        ),
        (
            with("phone", json!("12345")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone",
        ),
        (
            with("notes", json!("  ")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "notes",
        ),
        (
            with("notes", json!("n".repeat(501))),
            StatusCode::UNPROCESSABLE_ENTITY,
            "notes",
        ),
        (with("admin", json!(true)), StatusCode::BAD_REQUEST, ""),
    ];
    for (n, (body, status, field)) in cases.into_iter().enumerate() {
        let response = post_hold(&mut rossi, &format!("bad-{n}"), body).await;
        assert_eq!(response.status, status, "case {n}: {}", response.text());
        if !field.is_empty() {
            assert!(
                response.error().fields.contains_key(field),
                "case {n}: {}",
                response.text()
            );
        }
    }
    let no_key = rossi
        .send(
            rossi
                .request("POST", "/api/appointments")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    hold_body(thread, "2026-04-07T08:30:00+02:00").to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
    assert!(no_key.error().message.contains("Idempotency-Key"));
    for table in [
        "appointments",
        "slots",
        "idempotency_keys",
        "appointment_events",
    ] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }

    let html = post_hold(
        &mut rossi,
        "html",
        with("notes", json!("<script>alert(1)</script>")),
    )
    .await;
    assert_eq!(html.status, StatusCode::CREATED);
    assert_eq!(
        html.json::<Appointment>().notes,
        "<script>alert(1)</script>"
    );
}

trait TapOffice {
    fn tap_office(self, office: i64) -> Self;
}

impl TapOffice for Value {
    fn tap_office(mut self, office: i64) -> Self {
        self["office"] = json!(office);
        self
    }
}

/// Fifty people press "Prenota appuntamento" on the same slot at once, twenty times over: exactly
/// as many as the slot holds get it, everyone else a clean 409, nobody a 5xx.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_holds_never_exceed_capacity() {
    let app = spawn_app().await;
    let people = app.many_contributors(50).await;
    // Telephone call-backs hold one person; video calls in Rome are widened to three.
    sqlx::query(
        "UPDATE opening_hours SET capacity = 3 WHERE office_id = 1 AND point_code = 'video'",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let mut rossi = app.logged_in(ROSSI).await;
    for (point, capacity) in [("telefono", 1usize), ("video", 3)] {
        let days: Vec<DayAvailability> = rossi
            .get(&format!("/api/availability?point={point}&office=1"))
            .await
            .json();
        let starts: Vec<String> = days
            .iter()
            .flat_map(|d| d.slots.iter().map(|s| s.start.clone()))
            .take(20)
            .collect();
        assert_eq!(starts.len(), 20);
        for (round, start) in starts.iter().enumerate() {
            let mut tasks = Vec::new();
            for (n, (cookie, thread)) in people.iter().enumerate() {
                let router = app.router.clone();
                let body = json!({ "communication_id": thread, "point": point, "office": 1, "start": start,
                                   "phone": "347 123 4567", "notes": "Prova di carico" });
                let request = Request::post("/api/appointments")
                    .header(header::CONTENT_TYPE, "application/json")
                    .header(header::COOKIE, cookie.as_str())
                    .header("idempotency-key", format!("{point}-{round}-{n}"))
                    .body(Body::from(body.to_string()))
                    .unwrap();
                tasks.push(tokio::spawn(async move {
                    use tower::ServiceExt;
                    let response = router.oneshot(request).await.unwrap();
                    let status = response.status();
                    let body = http_body_util::BodyExt::collect(response.into_body())
                        .await
                        .unwrap()
                        .to_bytes();
                    (status, String::from_utf8_lossy(&body).into_owned())
                }));
            }
            let mut created = 0;
            for task in tasks {
                let (status, body) = task.await.unwrap();
                assert!(
                    !status.is_server_error(),
                    "{point} round {round}: {status} {body}"
                );
                match status {
                    StatusCode::CREATED => created += 1,
                    StatusCode::CONFLICT => assert!(
                        body.contains("L'orario scelto non è più disponibile"),
                        "{body}"
                    ),
                    other => panic!("{point} round {round}: unexpected {other} {body}"),
                }
            }
            assert_eq!(created, capacity, "{point} round {round}");
            let (booked, cap): (i64, i64) = sqlx::query_as(
                "SELECT booked, capacity FROM slots WHERE office_id = 1 AND point_code = $1 AND starts_at = $2",
            )
            .bind(point)
            .bind(server::domain::rome::parse_instant(start).unwrap().seconds())
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
            assert_eq!((booked, cap), (capacity as i64, capacity as i64));
            // The winners give their places back so that everyone can play the next round.
            sqlx::query("UPDATE appointments SET status = 'prenotazione_cancellata' WHERE status = 'prenotato'")
                .execute(&app.db.pool)
                .await
                .unwrap();
        }
    }
}

#[tokio::test]
async fn gestione_appuntamenti_lists_upcoming_first_and_filters_by_status() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = eligible_thread(&mut verdi, ROSSI).await;
    let held: Appointment = post_hold(&mut verdi, "k1", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    verdi
        .post(
            &format!("/api/appointments/{}/confirm", held.reference),
            json!({}),
        )
        .await;

    let mut rossi = app.logged_in(ROSSI).await;
    let list: Vec<api::AppointmentSummary> = rossi
        .get(&format!("/api/contributors/{ROSSI}/appointments"))
        .await
        .json();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].status, list[0].booked_by.as_str(), list[0].upcoming),
        (AppointmentStatus::Confermato, "Studio Verdi", true)
    );
    let none: Vec<api::AppointmentSummary> = rossi
        .get(&format!(
            "/api/contributors/{ROSSI}/appointments?status=annullato"
        ))
        .await
        .json();
    assert!(none.is_empty());
    let bad = rossi
        .get(&format!("/api/contributors/{ROSSI}/appointments?from=ieri"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.logged_in(FERRI)
            .await
            .get(&format!("/api/contributors/{ROSSI}/appointments"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// The thread's messages written after `before` messages, as (author, text).
async fn new_messages(
    client: &mut Client<'_>,
    thread: api::ThreadId,
    before: usize,
) -> Vec<(String, String)> {
    let detail: api::CommunicationDetail = client
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    detail.messages[before..]
        .iter()
        .map(|m| (m.author.clone(), m.text.clone()))
        .collect()
}

#[tokio::test]
async fn every_booking_event_is_a_message_in_its_thread() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = eligible_thread(&mut verdi, ROSSI).await;
    let before: api::CommunicationDetail = verdi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    let before = before.messages.len();

    // Held, extended, then left to expire.
    let held: Appointment = post_hold(&mut verdi, "k1", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    app.clock.advance(14 * 60);
    verdi
        .post(
            &format!("/api/appointments/{}/extend", held.reference),
            json!({}),
        )
        .await;
    app.clock.advance(16 * 60);
    server::agenda::workflow::sweep(&app.db, app.now())
        .await
        .unwrap();

    // Held again and released; held a third time and confirmed.
    let second: Appointment = post_hold(&mut verdi, "k2", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    verdi
        .post(
            &format!("/api/appointments/{}/release", second.reference),
            json!({}),
        )
        .await;
    let third: Appointment = post_hold(&mut verdi, "k3", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    verdi
        .post(
            &format!("/api/appointments/{}/confirm", third.reference),
            json!({}),
        )
        .await;

    // The service signs them all, naming who acted: none is the studio's own words.
    let studio = "Studio Verdi per conto di Mario Rossi";
    let system = "Agenda appuntamenti (messaggio automatico)".to_string();
    let when = "martedì 3 marzo 2026 alle 08:30";
    assert_eq!(
        new_messages(&mut verdi, thread, before).await,
        [
            (system.clone(), format!("Appuntamento AP-2026-000001 prenotato da {studio} per {when} presso la Sede di Roma, Sportello in sede: da confermare entro le 10:15.")),
            (system.clone(), format!("Prenotazione AP-2026-000001 estesa da {studio}: da confermare entro le 10:29.")),
            (system.clone(), "Prenotazione AP-2026-000001 scaduta: non è stata confermata entro il tempo previsto e l'orario è di nuovo disponibile per altri.".to_string()),
            (system.clone(), format!("Appuntamento AP-2026-000002 prenotato da {studio} per {when} presso la Sede di Roma, Sportello in sede: da confermare entro le 10:45.")),
            (system.clone(), format!("Prenotazione AP-2026-000002 cancellata da {studio}: l'orario di {when} presso la Sede di Roma è di nuovo disponibile.")),
            (system.clone(), format!("Appuntamento AP-2026-000003 prenotato da {studio} per {when} presso la Sede di Roma, Sportello in sede: da confermare entro le 10:45.")),
            (system, format!("Appuntamento AP-2026-000003 confermato da {studio} per {when} presso la Sede di Roma, Sportello in sede.")),
        ]
    );
    let detail: api::CommunicationDetail = verdi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert!(detail.messages[before..]
        .iter()
        .all(|m| m.automatic && !m.from_institute));
    // The next booking's "Recapito telefonico" starts from this one's, as stored.
    assert_eq!(detail.last_phone.as_deref(), Some("0612345678"));
    // …for the studio that gave it; Rossi himself is never offered the studio's number, nor
    // the office.
    let mut rossi = app.logged_in(ROSSI).await;
    let his: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(his.last_phone, None);
    let mut office = app.logged_in("operatore.roma").await;
    let theirs: api::CommunicationDetail = office
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(theirs.last_phone, None);
}

/// Issue 25: what the service wrote by itself is said in the reader's language, from what
/// happened; what people wrote stays as written; Italian reads as it always did.
#[tokio::test]
async fn the_services_messages_are_read_in_the_readers_language() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    let held: Appointment = post_hold(&mut rossi, "k1", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    let cancel = json!({ "reason": "Ho risolto da solo." });
    rossi
        .post(
            &format!("/api/appointments/{}/confirm", held.reference),
            json!({}),
        )
        .await;
    rossi
        .post(
            &format!("/api/appointments/{}/cancel", held.reference),
            cancel,
        )
        .await;
    fn asked(client: &Client<'_>, path: &str, language: &str) -> Request<Body> {
        client
            .request("GET", path)
            .header(header::ACCEPT_LANGUAGE, language)
            .body(Body::empty())
            .unwrap()
    }
    let path = format!("/api/communications/{thread}");
    let english: api::CommunicationDetail = rossi.send(asked(&rossi, &path, "en")).await.json();
    let italian: api::CommunicationDetail = rossi.send(asked(&rossi, &path, "it")).await.json();
    let last = |d: &api::CommunicationDetail, back: usize| {
        let m = &d.messages[d.messages.len() - back];
        (m.author.clone(), m.text.clone())
    };
    let diary = "Appointment diary (automatic message)".to_string();
    assert_eq!(
        last(&english, 3),
        (diary.clone(), "Appointment AP-2026-000001 booked by Mario Rossi for Tuesday 3 March 2026 at 8:30 at Sede di Roma, At the office counter: to be confirmed by 10:15.".to_string())
    );
    assert_eq!(
        last(&english, 1),
        (diary, "Appointment AP-2026-000001 of Tuesday 3 March 2026 at 8:30 at Sede di Roma cancelled by Mario Rossi. Reason: Ho risolto da solo.".to_string())
    );
    assert_eq!(
        last(&italian, 1),
        ("Agenda appuntamenti (messaggio automatico)".to_string(), "Appuntamento AP-2026-000001 di martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma annullato da Mario Rossi. Motivo: Ho risolto da solo.".to_string())
    );
    // What people wrote, in the first message, is the same in both.
    assert_eq!(english.messages[0].text, italian.messages[0].text);
    // The timeline: the service's words translated, the reason as written.
    let path = format!("/api/appointments/{}", held.reference);
    let english: Appointment = rossi.send(asked(&rossi, &path, "en")).await.json();
    let labels: Vec<&str> = english.timeline.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Booking made",
            "Appointment confirmed",
            "Appointment cancelled"
        ]
    );
    assert_eq!(
        english.timeline[2].note.as_deref(),
        Some("Ho risolto da solo.")
    );
}

#[tokio::test]
async fn booking_messages_never_ask_the_office_for_an_answer() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    // The office answers: nothing awaits it.
    let mut office = app.logged_in("operatore.roma").await;
    let answered = office
        .post(
            &format!("/api/communications/{thread}/messages"),
            json!({ "text": "Può prenotare un appuntamento." }),
        )
        .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text());
    let awaiting = |page: api::OfficeQueuePage| {
        page.items
            .iter()
            .find(|t| t.id == thread)
            .map(|t| t.awaiting_answer)
    };
    let queue: api::OfficeQueuePage = office.get("/api/office/communications").await.json();
    assert_eq!(awaiting(queue), Some(false));
    // Booking, confirming, cancelling: the service's messages, still nothing to answer.
    let held: Appointment = post_hold(&mut rossi, "k1", hold_body(thread, FIRST_SLOT))
        .await
        .json();
    rossi
        .post(
            &format!("/api/appointments/{}/confirm", held.reference),
            json!({}),
        )
        .await;
    rossi
        .post(
            &format!("/api/appointments/{}/cancel", held.reference),
            json!({}),
        )
        .await;
    let queue: api::OfficeQueuePage = office.get("/api/office/communications").await.json();
    assert_eq!(awaiting(queue), Some(false));
    let detail: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    let last = detail.messages.last().unwrap();
    assert!(last.automatic, "{last:?}");
    assert_eq!(last.author, "Agenda appuntamenti (messaggio automatico)");
    assert!(
        last.text.contains("annullato da Mario Rossi"),
        "{}",
        last.text
    );
}
