//! The office side: the day's agenda, attendance, cancellation by the office, closures that
//! cancel what falls inside them, and a day's capacity. Operators act on their office only.

use crate::helpers::*;
use api::{Appointment, AppointmentStatus, AppointmentSummary, ClosureOutcome, OfficeAgenda};
use axum::body::Body;
use axum::http::{header, StatusCode};
use serde_json::json;

const ROMA: i64 = 1;
/// Tuesday 3 March 2026, 08:30 in Rome (07:30 UTC): the first slot seen from START.
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";
const FIRST_SLOT_UTC: i64 = 1_772_523_000;

async fn thread(client: &mut Client<'_>, cf: &str, subject: &str) -> api::ThreadId {
    thread_of(client, cf, subject).await
}

/// Holds and confirms `start` at Roma's desk for the thread: the reference.
async fn book(client: &mut Client<'_>, thread: api::ThreadId, start: &str, key: &str) -> String {
    book_at(client, thread, ROMA, start, key).await
}

async fn last_message(client: &mut Client<'_>, thread: api::ThreadId) -> (String, String) {
    let detail: api::CommunicationDetail = client
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    let m = detail.messages.last().unwrap();
    (m.author.clone(), m.text.clone())
}

async fn free_at(client: &mut Client<'_>, start: &str) -> Option<u32> {
    free_places(client, "sportello", ROMA, start).await
}

#[tokio::test]
async fn the_day_agenda_shows_the_office_appointments_by_time() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book(&mut rossi, t, FIRST_SLOT, "k1").await;

    let mut roma = app.logged_in("operatore.roma").await;
    let agenda: OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-03").await.json();
    assert_eq!(
        (agenda.previous.as_str(), agenda.next.as_str()),
        ("2026-03-02", "2026-03-04")
    );
    assert_eq!(agenda.office, "Sede di Roma");
    // The arrows skip the weekend.
    let friday: OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-06").await.json();
    assert_eq!(friday.next, "2026-03-09");
    let monday: OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-09").await.json();
    assert_eq!(monday.previous, "2026-03-06");
    assert_eq!(agenda.appointments.len(), 1);
    let a = &agenda.appointments[0];
    assert_eq!(a.reference, reference);
    assert_eq!(a.contributor.name, "Mario Rossi");
    assert_eq!(a.phone, "0612345678");
    assert!(a.can_cancel && !a.can_record_attendance);
    let today: OfficeAgenda = roma.get("/api/office/agenda").await.json();
    assert_eq!(today.date, "2026-03-02");
    assert!(today.appointments.is_empty());
    let bad = roma.get("/api/office/agenda?date=domani").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let mut milano = app.logged_in("operatore.milano").await;
    let other: OfficeAgenda = milano
        .get("/api/office/agenda?date=2026-03-03")
        .await
        .json();
    assert!(
        other.appointments.is_empty(),
        "another office's agenda is not Milan's"
    );
    for who in [ROSSI, VERDI] {
        let mut c = app.logged_in(who).await;
        assert_eq!(
            c.get("/api/office/agenda").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

/// The agenda of a period as CSV: what the day's agenda shows, one row per appointment, for
/// the office's operators only; formulas typed by someone stay text.
#[tokio::test]
async fn the_agenda_exports_as_csv_for_a_spreadsheet() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book(&mut rossi, t, FIRST_SLOT, "k1").await;
    let mut roma = app.logged_in("operatore.roma").await;
    let csv = roma
        .get("/api/office/agenda.csv?from=2026-03-02&to=2026-03-06")
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.text());
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(csv
        .header("content-disposition")
        .contains("agenda-2026-03-02-2026-03-06.csv"));
    let text = csv.text();
    assert!(text.starts_with('\u{feff}'), "a BOM for the spreadsheet");
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(lines[0].contains("\"Identificativo appuntamento\";\"Data\";\"Ora\""));
    // The same appointments as the days' agendas, in order.
    let mut expected = Vec::new();
    for day in [
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
        "2026-03-05",
        "2026-03-06",
    ] {
        let agenda: OfficeAgenda = roma
            .get(&format!("/api/office/agenda?date={day}"))
            .await
            .json();
        expected.extend(
            agenda
                .appointments
                .into_iter()
                .map(|a| a.reference.to_string()),
        );
    }
    let listed: Vec<String> = lines[1..]
        .iter()
        .map(|l| l.split(';').next().unwrap().trim_matches('"').to_string())
        .collect();
    assert_eq!(listed, expected);
    let ours = lines.iter().find(|l| l.contains(&reference)).unwrap();
    assert!(
        ours.contains("\"03/03/2026\";\"08:30\";\"Sportello in sede\""),
        "{ours}"
    );
    assert!(
        ours.contains("\"RSSMRA80A01H501U\";\"06 1234 5678\""),
        "{ours}"
    );
    // Another office's export has none of Roma's; other roles none at all.
    let mut milano = app.logged_in("operatore.milano").await;
    let theirs = milano
        .get("/api/office/agenda.csv?from=2026-03-02&to=2026-03-06")
        .await
        .text();
    assert!(!theirs.contains(&reference));
    assert_eq!(
        rossi.get("/api/office/agenda.csv").await.status,
        StatusCode::FORBIDDEN
    );
    for bad in [
        "from=2026-03-06&to=2026-03-02",
        "from=2026-03-02&to=2026-07-01",
        "from=ieri",
    ] {
        let refused = roma.get(&format!("/api/office/agenda.csv?{bad}")).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
}

#[tokio::test]
async fn attendance_is_refused_before_the_start_and_the_esito_reaches_the_thread() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let first = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let second = thread(&mut rossi, ROSSI, "Domanda di riduzione").await;
    let met = book(&mut rossi, first, FIRST_SLOT, "k1").await;
    let missed = book(&mut rossi, second, "2026-03-03T09:00:00+01:00", "k2").await;

    let mut roma = app.logged_in("operatore.roma").await;
    let early = roma
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "svolto" }),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.code(), "not_started");
    let messages = app.count("messages").await;

    // Past the start (and past the first sessions' twelve hours).
    app.clock
        .advance(FIRST_SLOT_UTC + 45 * 60 - app.clock_now());
    let mut roma = app.logged_in("operatore.roma").await;
    let mut milano = app.logged_in("operatore.milano").await;
    let foreign = milano
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "svolto" }),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let mut rossi = app.logged_in(ROSSI).await;
    let own = rossi
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "svolto" }),
        )
        .await;
    assert_eq!(
        own.status,
        StatusCode::NOT_FOUND,
        "a contributor records nothing"
    );
    for (body, field) in [
        (json!({ "outcome": "annullato" }), "outcome"),
        (
            json!({ "outcome": "non_presentato", "text": "Esito" }),
            "text",
        ),
        (
            json!({ "outcome": "svolto", "text": "x".repeat(2001) }),
            "text",
        ),
    ] {
        let bad = roma
            .post(&format!("/api/appointments/{met}/attendance"), body)
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.error().fields.contains_key(field));
    }
    assert_eq!(
        app.count("messages").await,
        messages,
        "nothing written so far"
    );

    let esito =
        "Verificati i versamenti: i contributi del 2024 saranno accreditati entro 30 giorni.";
    let done = roma
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "svolto", "text": esito }),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let done: Appointment = done.json();
    assert_eq!(done.status, AppointmentStatus::Svolto);
    // Colleagues read which operator acted; the contributor's side reads the office.
    let last = done.timeline.last().unwrap();
    assert_eq!(
        (last.kind.code(), last.actor.as_str()),
        ("svolto", "Sede di Roma (Anna Conti)")
    );
    let theirs: Appointment = rossi.get(&format!("/api/appointments/{met}")).await.json();
    assert_eq!(theirs.timeline.last().unwrap().actor, "Sede di Roma");
    let (author, text) = last_message(&mut rossi, first).await;
    assert_eq!(author, "Sede di Roma");
    assert!(text.starts_with(&format!("Esito dell'incontro dell'appuntamento {met}")));
    assert!(text.ends_with(esito));
    let again = roma
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "svolto", "text": esito }),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    let other = roma
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "non_presentato" }),
        )
        .await;
    assert_eq!(other.status, StatusCode::CONFLICT);

    // 09:00 has begun too: not shown up.
    app.clock.advance(30 * 60);
    let absent: Appointment = roma
        .post(
            &format!("/api/appointments/{missed}/attendance"),
            json!({ "outcome": "non_presentato" }),
        )
        .await
        .json();
    assert_eq!(absent.status, AppointmentStatus::NonPresentato);
    let (_, text) = last_message(&mut rossi, second).await;
    assert!(text.starts_with("Il contribuente non si è presentato"));
}

#[tokio::test]
async fn the_office_cancels_with_a_reason_that_the_contributor_reads() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book(&mut rossi, t, FIRST_SLOT, "k1").await;

    let mut milano = app.logged_in("operatore.milano").await;
    let foreign = milano
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": "Errore" }),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let mut roma = app.logged_in("operatore.roma").await;
    let detail: Appointment = roma
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert!(detail.viewed_by_office && detail.can_cancel && !detail.can_record_attendance);
    let silent = roma
        .post(&format!("/api/appointments/{reference}/cancel"), json!({}))
        .await;
    assert_eq!(silent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(silent.error().fields.contains_key("reason"));

    let reason = "L'operatore assegnato sarà in malattia: la ricontatteremo per un nuovo orario.";
    let cancelled: Appointment = roma
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": reason }),
        )
        .await
        .json();
    assert_eq!(cancelled.status, AppointmentStatus::Annullato);
    assert!(cancelled.cancelled_by_office);
    let list: Vec<AppointmentSummary> = rossi
        .get(&format!("/api/contributors/{ROSSI}/appointments"))
        .await
        .json();
    assert!(list[0].cancelled_by_office);
    assert_eq!(
        api::status_text(list[0].status, true).italian(),
        "Annullato dalla sede"
    );
    let mine: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(mine.cancel_reason.as_deref(), Some(reason));
    let (author, text) = last_message(&mut rossi, t).await;
    assert_eq!(author, "Sede di Roma");
    assert!(text.ends_with(&format!("annullato dalla Sede di Roma. Motivo: {reason}")));
    assert_eq!(free_at(&mut rossi, FIRST_SLOT).await, Some(2));
}

#[tokio::test]
async fn a_closure_over_a_confirmed_appointment_warns_then_cancels_it_and_hides_its_slots() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book(&mut rossi, t, FIRST_SLOT, "k1").await;
    let mut verdi = app.logged_in(VERDI).await;
    let held_thread = thread(&mut verdi, BIANCHI, "Contributi del 2024").await;
    let request = verdi
        .request("POST", "/api/appointments")
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", "h1")
        .body(Body::from(
            json!({ "communication_id": held_thread, "point": "sportello", "office": ROMA,
                "start": "2026-03-03T10:00:00+01:00", "phone": "02 1234 5678", "notes": "Per la cliente." })
            .to_string(),
        ))
        .unwrap();
    let hold: Appointment = verdi.send(request).await.json();

    let mut roma = app.logged_in("operatore.roma").await;
    let closure = json!({ "point": null, "from": "2026-03-03", "to": "2026-03-03",
                          "reason": "Sciopero del personale" });
    let preview: ClosureOutcome = roma
        .post("/api/office/closures/preview", closure.clone())
        .await
        .json();
    assert_eq!(
        preview
            .affected
            .iter()
            .map(|a| (a.reference.as_str(), a.status))
            .collect::<Vec<_>>(),
        [
            (reference.as_str(), AppointmentStatus::Confermato),
            (hold.reference.as_str(), AppointmentStatus::Prenotato)
        ]
    );
    let unseen = roma.post("/api/office/closures", closure.clone()).await;
    assert_eq!(unseen.status, StatusCode::CONFLICT);
    assert_eq!(unseen.code(), "closure_has_appointments");
    assert_eq!(app.count("closures").await, 0, "nothing changed");
    assert_eq!(
        free_at(&mut rossi, "2026-03-03T09:00:00+01:00").await,
        Some(2)
    );

    let mut confirmed = closure.clone();
    confirmed["cancel_appointments"] = json!(true);
    let declared = roma.post("/api/office/closures", confirmed).await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.text());
    let declared: ClosureOutcome = declared.json();
    assert_eq!(declared.affected.len(), 2);
    let mine: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(mine.status, AppointmentStatus::Annullato);
    assert!(mine.cancelled_by_office);
    assert_eq!(
        mine.cancel_reason.as_deref(),
        Some("chiusura della sede – Sciopero del personale")
    );
    let (_, text) = last_message(&mut rossi, t).await;
    assert!(text.contains("Motivo: chiusura della sede – Sciopero del personale"));
    let theirs: Appointment = verdi
        .get(&format!("/api/appointments/{}", hold.reference))
        .await
        .json();
    assert_eq!(theirs.status, AppointmentStatus::PrenotazioneCancellata);
    assert_eq!(
        verdi
            .post(
                &format!("/api/appointments/{}/confirm", hold.reference),
                json!({})
            )
            .await
            .status,
        StatusCode::CONFLICT,
        "a released hold cannot be confirmed into a closed day"
    );
    // The day is gone from availability, and its agenda says why; Milan's operator does not
    // see Rome's closures.
    assert_eq!(free_at(&mut rossi, FIRST_SLOT).await, None);
    let closed: OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-03").await.json();
    assert_eq!(closed.closures.len(), 1);
    assert_eq!(closed.closures[0].reason, "Sciopero del personale");
    let open: OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-05").await.json();
    assert!(open.closures.is_empty());
    let list: Vec<api::Closure> = roma.get("/api/office/closures").await.json();
    assert_eq!(list.len(), 1);
    let mut milano = app.logged_in("operatore.milano").await;
    let theirs: Vec<api::Closure> = milano.get("/api/office/closures").await.json();
    assert!(theirs.is_empty());

    // Part of a day, for one point: only those slots go.
    let part = roma
        .post(
            "/api/office/closures",
            json!({ "point": "sportello", "from": "2026-03-04", "to": "2026-03-04",
                    "start_time": "09:00", "end_time": "10:00", "reason": "Assemblea" }),
        )
        .await;
    assert_eq!(part.status, StatusCode::CREATED, "{}", part.text());
    assert_eq!(free_at(&mut rossi, "2026-03-04T09:00:00+01:00").await, None);
    assert_eq!(free_at(&mut rossi, "2026-03-04T09:30:00+01:00").await, None);
    assert_eq!(
        free_at(&mut rossi, "2026-03-04T10:00:00+01:00").await,
        Some(2)
    );
    assert_eq!(
        free_at(&mut rossi, "2026-03-04T08:30:00+01:00").await,
        Some(2)
    );

    let bad = roma
        .post(
            "/api/office/closures",
            json!({ "from": "2026-03-01", "to": "2026-02-28", "reason": "" }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = bad.error().fields;
    assert!(
        fields.contains_key("from") && fields.contains_key("to") && fields.contains_key("reason")
    );
    let mut rossi2 = app.logged_in(ROSSI).await;
    assert_eq!(
        rossi2.post("/api/office/closures", closure).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn capacity_can_grow_but_never_below_what_is_booked() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    book(&mut rossi, t, FIRST_SLOT, "k1").await;
    let mut verdi = app.logged_in(VERDI).await;
    let other = thread(&mut verdi, BIANCHI, "Contributi del 2024").await;
    book(&mut verdi, other, FIRST_SLOT, "k1").await;
    assert_eq!(
        free_at(&mut rossi, FIRST_SLOT).await,
        None,
        "full: not offered"
    );

    let mut roma = app.logged_in("operatore.roma").await;
    let lower = roma
        .post(
            "/api/office/capacity",
            json!({ "date": "2026-03-03", "point": "sportello", "capacity": 1 }),
        )
        .await;
    assert_eq!(lower.status, StatusCode::CONFLICT);
    assert_eq!(lower.code(), "capacity_below_bookings");
    assert!(lower
        .error()
        .message
        .contains("alle 08:30 ci sono già 2 prenotazioni"));
    assert_eq!(
        free_at(&mut rossi, "2026-03-03T09:00:00+01:00").await,
        Some(2),
        "nothing changed"
    );

    let raised = roma
        .post(
            "/api/office/capacity",
            json!({ "date": "2026-03-03", "point": "sportello", "capacity": 3 }),
        )
        .await;
    assert_eq!(raised.status, StatusCode::OK, "{}", raised.text());
    assert_eq!(free_at(&mut rossi, FIRST_SLOT).await, Some(1));
    assert_eq!(
        free_at(&mut rossi, "2026-03-03T09:00:00+01:00").await,
        Some(3)
    );
    assert_eq!(
        free_at(&mut rossi, "2026-03-04T09:00:00+01:00").await,
        Some(2),
        "that day only"
    );

    for (body, field) in [
        (
            json!({ "date": "2026-03-03", "point": "sportello", "capacity": 0 }),
            "capacity",
        ),
        (
            json!({ "date": "2026-03-01", "point": "sportello", "capacity": 2 }),
            "date",
        ),
        (
            json!({ "date": "2026-03-03", "point": "nessuno", "capacity": 2 }),
            "point",
        ),
        (
            json!({ "date": "2026-03-07", "point": "sportello", "capacity": 2 }),
            "date",
        ),
    ] {
        let bad = roma.post("/api/office/capacity", body).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.error().fields.contains_key(field), "{field}");
    }
    assert_eq!(
        rossi
            .post(
                "/api/office/capacity",
                json!({ "date": "2026-03-03", "point": "sportello", "capacity": 3 })
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_demo_gives_the_office_a_day_to_work_on() {
    let app = spawn_app().await;
    server::demo::load_office_day(&app.db, app.now())
        .await
        .unwrap();
    let mut roma = app.logged_in("operatore.roma").await;
    // START is a Monday: the last working day is the Friday before.
    let friday: OfficeAgenda = roma.get("/api/office/agenda?date=2026-02-27").await.json();
    assert_eq!(friday.appointments.len(), 3);
    assert!(friday.appointments.iter().all(|a| a.can_record_attendance));
    let tuesday: OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-03").await.json();
    assert_eq!(tuesday.appointments.len(), 1);
    assert!(tuesday.appointments[0].can_cancel);
    // They are real appointments: Rossi sees them, and the slot counts the booking.
    let mut rossi = app.logged_in(ROSSI).await;
    let list: Vec<AppointmentSummary> = rossi
        .get(&format!("/api/contributors/{ROSSI}/appointments"))
        .await
        .json();
    assert_eq!(list.len(), 4);
    assert_eq!(
        free_at(&mut rossi, "2026-03-03T10:00:00+01:00").await,
        Some(1)
    );
}

#[tokio::test]
async fn a_hold_caught_by_a_closure_cannot_be_confirmed() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let body = json!({ "communication_id": t, "point": "sportello", "office": ROMA,
        "start": FIRST_SLOT, "phone": "06 1234 5678", "notes": "Verifica." });
    let held: Appointment = post_with_key(&mut rossi, "/api/appointments", "k1", &body)
        .await
        .json();
    // A closure that landed between the hold and the confirmation (as a race would leave it).
    sqlx::query(
        "INSERT INTO closures (id, office_id, point_code, starts_at, ends_at, reason, created_at)
         VALUES (99, $1, NULL, $2, $3, 'Sciopero', $4)",
    )
    .bind(ROMA)
    .bind(FIRST_SLOT_UTC - 3600)
    .bind(FIRST_SLOT_UTC + 3600)
    .bind(app.clock_now())
    .execute(&app.db.pool)
    .await
    .unwrap();
    let refused = rossi
        .post(
            &format!("/api/appointments/{}/confirm", held.reference),
            json!({}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.code(), "office_closed");
    let still: Appointment = rossi
        .get(&format!("/api/appointments/{}", held.reference))
        .await
        .json();
    assert_eq!(still.status, AppointmentStatus::Prenotato);
}

#[tokio::test]
async fn the_demo_history_never_shows_a_time_later_than_now() {
    // Friday 6 March 2026, 08:00 in Rome: the demo's next meeting is on Monday.
    let friday_morning = 1_772_780_400;
    let dir = tempfile::tempdir().unwrap();
    let db = server::db::Db::connect(&format!("sqlite://{}/demo.sqlite", dir.path().display()))
        .await
        .unwrap();
    let clock = server::clock::ManualClock::new(api::Instant(friday_morning));
    assert!(server::demo::load_if_empty(&db, clock.as_ref())
        .await
        .unwrap());
    server::demo::load_office_day(&db, api::Instant(friday_morning))
        .await
        .unwrap();
    for (table, column) in [
        ("appointments", "created_at"),
        ("appointment_events", "at"),
        ("messages", "created_at"),
        ("communications", "sent_at"),
    ] {
        let latest: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX({column}) FROM {table}"))
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert!(
            latest.is_some_and(|t| t <= friday_morning),
            "{table}.{column}: {latest:?} after {friday_morning}"
        );
    }
}

/// Cerca: a codice fiscale, a name, a protocol or a reference finds the office's own records,
/// never another office's; wildcards are only characters.
#[tokio::test]
async fn an_operator_finds_a_contributor_a_thread_or_an_appointment_of_the_office() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book(&mut rossi, t, FIRST_SLOT, "k1").await;
    let mut roma = app.logged_in("operatore.roma").await;
    let found: api::OfficeSearch = roma.get("/api/office/search?q=rssmra80").await.json();
    assert!(found.contributors.iter().any(|c| c.name == "Mario Rossi"));
    assert!(found.communications.iter().any(|c| c.id == t));
    assert!(found
        .communications
        .iter()
        .all(|c| c.contributor.cf == ROSSI));
    assert!(found.appointments.iter().any(|a| a.reference == reference));
    let by_name: api::OfficeSearch = roma.get("/api/office/search?q=Rossi").await.json();
    assert!(by_name.contributors.iter().any(|c| c.cf == ROSSI));
    let by_reference: api::OfficeSearch = roma
        .get(&format!(
            "/api/office/search?q={}",
            reference.to_lowercase()
        ))
        .await
        .json();
    assert_eq!(by_reference.appointments.len(), 1);
    assert_eq!(
        by_reference.appointments[0].reference.to_string(),
        reference
    );
    let protocol = by_reference.appointments[0].protocol.clone();
    let by_protocol: api::OfficeSearch = roma
        .get(&format!("/api/office/search?q={protocol}"))
        .await
        .json();
    assert_eq!(by_protocol.communications.len(), 1);
    assert_eq!(by_protocol.communications[0].id, t);
    // Another office: nothing of Roma's.
    let mut milano = app.logged_in("operatore.milano").await;
    let theirs: api::OfficeSearch = milano
        .get(&format!("/api/office/search?q={reference}"))
        .await
        .json();
    assert!(theirs.appointments.is_empty() && theirs.communications.is_empty());
    let theirs: api::OfficeSearch = milano.get("/api/office/search?q=RSSMRA80").await.json();
    assert!(theirs.contributors.is_empty());
    // Wildcards are characters; an empty search is a field error; other roles never search.
    let wild: api::OfficeSearch = roma.get("/api/office/search?q=%25").await.json();
    assert!(
        wild.contributors.is_empty()
            && wild.communications.is_empty()
            && wild.appointments.is_empty()
    );
    for bad in ["", "%20%20"] {
        let refused = roma.get(&format!("/api/office/search?q={bad}")).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(refused.error().fields.contains_key("q"));
    }
    assert_eq!(
        rossi.get("/api/office/search?q=Rossi").await.status,
        StatusCode::FORBIDDEN
    );
}

/// A thread routed to Milano whose appointment is at Roma: Roma reads and answers it while the
/// appointment is live or recent, never records its outcome, and loses it a month later.
#[tokio::test]
async fn the_office_of_the_appointment_reads_and_answers_its_thread() {
    let app = spawn_app().await;
    let mut bianchi = app.logged_in(BIANCHI).await;
    let created = bianchi
        .post(
            &format!("/api/contributors/{BIANCHI}/communications"),
            json!({ "topic": "rateazione", "subject": "Rateazione a Roma", "text": "Vorrei rateizzare." }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let t = created.json::<api::CommunicationDetail>().summary.id;
    let mut milano = app.logged_in("operatore.milano").await;
    let rejected = milano
        .post(
            &format!("/api/communications/{t}/outcome"),
            json!({ "outcome": "non_accolta", "text": "Ne parliamo con un appuntamento." }),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.text());
    let mut roma = app.logged_in("operatore.roma").await;
    assert_eq!(
        roma.get(&format!("/api/communications/{t}")).await.status,
        StatusCode::NOT_FOUND,
        "no appointment at Roma yet"
    );
    book(&mut bianchi, t, FIRST_SLOT, "k-bianchi").await;
    let read = roma.get(&format!("/api/communications/{t}")).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    let answered = roma
        .post(
            &format!("/api/communications/{t}/messages"),
            json!({ "text": "Porti con sé l'avviso di addebito." }),
        )
        .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text());
    let (author, _) = last_message(&mut bianchi, t).await;
    assert_eq!(author, "Sede di Roma");
    // The thread's outcome stays with the office it is routed to.
    let outcome = roma
        .post(
            &format!("/api/communications/{t}/outcome"),
            json!({ "outcome": "accolta", "text": "x" }),
        )
        .await;
    assert_eq!(outcome.status, StatusCode::NOT_FOUND);
    // A month after the appointment, Roma no longer reaches it.
    app.clock
        .advance((server::access::HOSTED_THREAD_DAYS + 2) * 86_400);
    let mut roma = app.logged_in("operatore.roma").await;
    assert_eq!(
        roma.get(&format!("/api/communications/{t}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// Revoca: a closure not yet started goes and its hours come back; what it cancelled stays
/// cancelled; one under way, or another office's, cannot be revoked.
#[tokio::test]
async fn a_future_closure_is_revoked_and_its_hours_come_back() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book(&mut rossi, t, FIRST_SLOT, "k1").await;
    let mut roma = app.logged_in("operatore.roma").await;
    let declared: ClosureOutcome = roma
        .post(
            "/api/office/closures",
            json!({ "point": "sportello", "from": "2026-03-03", "to": "2026-03-03",
                    "reason": "Sciopero", "cancel_appointments": true }),
        )
        .await
        .json();
    let id = declared.closure.unwrap().id;
    assert_eq!(free_at(&mut rossi, "2026-03-03T09:00:00+01:00").await, None);
    // Another office's operator does not find it; a contributor may never revoke.
    let mut milano = app.logged_in("operatore.milano").await;
    let path = format!("/api/office/closures/{id}");
    assert_eq!(milano.delete(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(rossi.delete(&path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("closures").await, 1);

    let revoked = roma.delete(&path).await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text());
    assert_eq!(revoked.json::<api::Closure>().reason, "Sciopero");
    assert_eq!(app.count("closures").await, 0);
    assert_eq!(
        free_at(&mut rossi, "2026-03-03T09:00:00+01:00").await,
        Some(2),
        "its hours are bookable again at once"
    );
    let mine: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(mine.status, AppointmentStatus::Annullato, "stays cancelled");
    assert_eq!(roma.delete(&path).await.status, StatusCode::NOT_FOUND);

    // Under way: refused, and kept.
    let today: ClosureOutcome = roma
        .post(
            "/api/office/closures",
            json!({ "point": "telefono", "from": "2026-03-02", "to": "2026-03-02",
                    "reason": "Guasto del centralino", "cancel_appointments": true }),
        )
        .await
        .json();
    let started = roma
        .delete(&format!(
            "/api/office/closures/{}",
            today.closure.unwrap().id
        ))
        .await;
    assert_eq!(started.status, StatusCode::CONFLICT, "{}", started.text());
    assert_eq!(started.code(), "closure_started");
    assert_eq!(app.count("closures").await, 1);
}

/// The week: per day and point, the places and those taken, as availability counts them;
/// closures and the office's own data only.
#[tokio::test]
async fn the_week_shows_each_day_and_point_full_or_not() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    book(&mut rossi, t, FIRST_SLOT, "k1").await;
    let mut roma = app.logged_in("operatore.roma").await;
    let week: api::OfficeWeek = roma.get("/api/office/week?from=2026-03-03").await.json();
    assert_eq!(week.days.len(), 7);
    assert_eq!(
        (week.previous.as_str(), week.next.as_str()),
        ("2026-02-24", "2026-03-10")
    );
    let tuesday = &week.days[0];
    assert_eq!(tuesday.date, "2026-03-03");
    let desk = tuesday
        .points
        .iter()
        .find(|p| p.point.code == api::PointCode::Sportello)
        .unwrap();
    assert_eq!(desk.booked, 1);
    // What availability says is free is what the week says is not taken.
    let days: Vec<api::DayAvailability> = rossi
        .get("/api/availability?point=sportello&office=1&from=2026-03-03&to=2026-03-03")
        .await
        .json();
    let free: u32 = days
        .iter()
        .flat_map(|d| d.slots.iter())
        .map(|s| s.free)
        .sum();
    assert_eq!(desk.capacity - desk.booked, free);
    let saturday = &week.days[4];
    assert!(saturday.points.iter().all(|p| p.capacity == 0));
    let mut milano = app.logged_in("operatore.milano").await;
    let theirs: api::OfficeWeek = milano.get("/api/office/week?from=2026-03-03").await.json();
    assert!(theirs.days[0].points.iter().all(|p| p.booked == 0));
    assert_eq!(
        rossi.get("/api/office/week").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        roma.get("/api/office/week?from=martedì").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// Prenota per il contribuente: Roma books at its desk for a thread it handles, confirmed at
/// once, signed by the office, with the confirmation's notice; the waiting days do not bind
/// the office, every other rule does, and nobody else may use the door.
#[tokio::test]
async fn the_office_books_for_a_contributor_confirmed_and_told() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let created = rossi
        .post(
            &format!("/api/contributors/{ROSSI}/communications"),
            json!({ "topic": "rateazione", "subject": "Rateazione al telefono", "text": "Vorrei rateizzare." }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let t = created.json::<api::CommunicationDetail>().summary.id;
    let body = |office: i64, start: &str| {
        json!({ "communication_id": t, "point": "sportello", "office": office,
            "start": start, "phone": "347 123 4567", "notes": "Rateazione: al telefono." })
    };
    // Sent today: the contributor may not ask yet, the office may book.
    let own = post_with_key(
        &mut rossi,
        "/api/appointments",
        "r1",
        &body(ROMA, FIRST_SLOT),
    )
    .await;
    assert_eq!(own.status, StatusCode::CONFLICT, "{}", own.text());
    let own = post_with_key(
        &mut rossi,
        "/api/office/appointments",
        "r2",
        &body(ROMA, FIRST_SLOT),
    )
    .await;
    assert_eq!(
        own.status,
        StatusCode::FORBIDDEN,
        "only an operator books for someone"
    );
    let mut milano = app.logged_in("operatore.milano").await;
    let other = post_with_key(
        &mut milano,
        "/api/office/appointments",
        "m1",
        &body(2, FIRST_SLOT),
    )
    .await;
    assert_eq!(
        other.status,
        StatusCode::NOT_FOUND,
        "Milano does not reach Roma's thread"
    );

    let mut roma = app.logged_in("operatore.roma").await;
    let elsewhere = post_with_key(
        &mut roma,
        "/api/office/appointments",
        "o1",
        &body(2, FIRST_SLOT),
    )
    .await;
    assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        elsewhere.text().contains("\"office\""),
        "{}",
        elsewhere.text()
    );
    let outbox_before = app.count("outbox").await;
    let booked = post_with_key(
        &mut roma,
        "/api/office/appointments",
        "o2",
        &body(ROMA, FIRST_SLOT),
    )
    .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text());
    let a: Appointment = booked.json();
    assert_eq!(a.status, AppointmentStatus::Confermato);
    // A retry answers the same; the place was taken once.
    let again = post_with_key(
        &mut roma,
        "/api/office/appointments",
        "o2",
        &body(ROMA, FIRST_SLOT),
    )
    .await;
    assert_eq!(again.json::<Appointment>().reference, a.reference);
    assert!(
        app.count("outbox").await > outbox_before,
        "the confirmation and reminders are owed"
    );
    let (author, text) = last_message(&mut rossi, t).await;
    assert!(
        text.contains(&a.reference.0) && text.contains("confermato da Sede di Roma"),
        "{author}: {text}"
    );
    let mine: Vec<AppointmentSummary> = rossi
        .get(&format!(
            "/api/contributors/{ROSSI}/appointments?managed_by=sede"
        ))
        .await
        .json();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].reference, a.reference);
    // The thread has its appointment now: a second booking is refused, nothing changes.
    let twice = post_with_key(
        &mut roma,
        "/api/office/appointments",
        "o3",
        &body(ROMA, "2026-03-03T09:00:00+01:00"),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.text());
    let seen: Appointment = rossi
        .get(&format!("/api/appointments/{}", a.reference))
        .await
        .json();
    assert_eq!(seen.status, AppointmentStatus::Confermato);
}

/// Correggi la presenza: within a day of recording it, the office turns a "Non presentato"
/// pressed by mistake into "Svolto" with its esito; the timeline keeps both, the thread and an
/// e-mail tell the contributor; after the day, or before any recording, it is refused.
#[tokio::test]
async fn a_recorded_attendance_is_corrected_within_a_day_and_the_contributor_told() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let met = book(&mut rossi, t, FIRST_SLOT, "k1").await;
    app.clock
        .advance(FIRST_SLOT_UTC + 45 * 60 - app.clock_now());
    let mut roma = app.logged_in("operatore.roma").await;
    let correct = |to: &str| {
        (
            format!("/api/appointments/{met}/attendance/correction"),
            json!({ "outcome": to, "text": null }),
        )
    };
    let (path, body) = correct("svolto");
    let early = roma.post(&path, body).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.code(), "correction_closed", "nothing recorded yet");

    let missed = roma
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "non_presentato" }),
        )
        .await;
    assert_eq!(missed.status, StatusCode::OK, "{}", missed.text());
    assert!(missed.json::<Appointment>().can_correct_attendance);
    let outbox = app.count("outbox").await;
    let mut rossi = app.logged_in(ROSSI).await;
    let mine: Appointment = rossi.get(&format!("/api/appointments/{met}")).await.json();
    assert!(!mine.can_correct_attendance, "only the office corrects");
    let own = rossi.post(&path, json!({ "outcome": "svolto" })).await;
    assert_eq!(own.status, StatusCode::NOT_FOUND);

    app.clock.advance(3 * 3600);
    let mut roma = app.logged_in("operatore.roma").await;
    let esito = "Il contribuente era in sala d'attesa: versamenti verificati.";
    let fixed = roma
        .post(&path, json!({ "outcome": "svolto", "text": esito }))
        .await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.text());
    let a: Appointment = fixed.json();
    assert_eq!(a.status, AppointmentStatus::Svolto);
    let kinds: Vec<_> = a.timeline.iter().map(|e| e.kind).collect();
    assert!(
        kinds.ends_with(&[
            api::EventKind::NonPresentato,
            api::EventKind::PresenzaCorretta
        ]),
        "{kinds:?}"
    );
    let note = a.timeline.last().unwrap().note.clone().unwrap_or_default();
    assert!(
        note.contains("Non presentato") && note.contains("Svolto"),
        "{note}"
    );
    let mut rossi = app.logged_in(ROSSI).await;
    let (author, text) = last_message(&mut rossi, t).await;
    assert_eq!(author, "Sede di Roma");
    assert!(
        text.starts_with("Rettifica") && text.contains(esito),
        "{text}"
    );
    assert_eq!(
        app.count("outbox").await,
        outbox + 1,
        "the contributor is told by e-mail"
    );
    // The same again answers the same.
    let again = roma
        .post(&path, json!({ "outcome": "svolto", "text": esito }))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(app.count("outbox").await, outbox + 1);

    // A day after the first recording, it stands.
    app.clock
        .advance(server::domain::booking::ATTENDANCE_CORRECTION_SECONDS);
    let mut roma = app.logged_in("operatore.roma").await;
    let late = roma
        .post(&path, json!({ "outcome": "non_presentato" }))
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.code(), "correction_closed");
    let now: Appointment = roma.get(&format!("/api/appointments/{met}")).await.json();
    assert_eq!(now.status, AppointmentStatus::Svolto);
    assert!(!now.can_correct_attendance);
}

/// Scheda del contribuente: what Roma holds of Rossi (threads routed to it, appointments
/// there, no-shows, phones); a person the office never dealt with, and another office, get 404.
#[tokio::test]
async fn the_contributor_file_holds_what_the_office_knows_of_the_person() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let first = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let second = thread(&mut rossi, ROSSI, "Domanda di riduzione").await;
    let met = book(&mut rossi, first, FIRST_SLOT, "k1").await;
    let missed = book(&mut rossi, second, "2026-03-03T09:00:00+01:00", "k2").await;
    app.clock
        .advance(FIRST_SLOT_UTC + 45 * 60 - app.clock_now());
    let mut roma = app.logged_in("operatore.roma").await;
    let svolto = roma
        .post(
            &format!("/api/appointments/{met}/attendance"),
            json!({ "outcome": "svolto" }),
        )
        .await;
    assert_eq!(svolto.status, StatusCode::OK);
    app.clock.advance(45 * 60);
    let mut roma = app.logged_in("operatore.roma").await;
    let absent = roma
        .post(
            &format!("/api/appointments/{missed}/attendance"),
            json!({ "outcome": "non_presentato" }),
        )
        .await;
    assert_eq!(absent.status, StatusCode::OK, "{}", absent.text());

    let file: api::OfficeContributorFile = roma
        .get(&format!("/api/office/contributors/{ROSSI}"))
        .await
        .json();
    assert_eq!(file.contributor.name, "Mario Rossi");
    assert_eq!((file.attended, file.no_shows), (1, 1));
    assert_eq!(file.phones, vec!["0612345678".to_string()]);
    let refs: Vec<_> = file
        .appointments
        .iter()
        .map(|a| a.reference.0.clone())
        .collect();
    assert_eq!(refs, vec![missed.clone(), met.clone()], "the latest first");
    assert!(
        file.communications.iter().any(|c| c.id == first)
            && file.communications.iter().any(|c| c.id == second)
    );
    // Bianchi's threads are Milano's and she never came to Roma.
    assert_eq!(
        roma.get(&format!("/api/office/contributors/{BIANCHI}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        roma.get("/api/office/contributors/ZZZZZZ00Z00Z000Z")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut milano = app.logged_in("operatore.milano").await;
    assert_eq!(
        milano
            .get(&format!("/api/office/contributors/{ROSSI}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut rossi = app.logged_in(ROSSI).await;
    assert_eq!(
        rossi
            .get(&format!("/api/office/contributors/{ROSSI}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

/// Andamento della sede: the period's appointments per day and point, the no-show rate, the
/// queue now, the first answers and the Lista d'attesa; the charts as SVG; the queue as CSV.
#[tokio::test]
async fn the_office_sees_how_it_is_doing_in_numbers_charts_and_a_csv() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let first = thread(&mut rossi, ROSSI, "Contributi del 2024").await;
    let second = thread(&mut rossi, ROSSI, "Domanda di riduzione").await;
    let met = book(&mut rossi, first, FIRST_SLOT, "k1").await;
    let missed = book(&mut rossi, second, "2026-03-03T09:00:00+01:00", "k2").await;
    app.clock.advance(FIRST_SLOT_UTC + 3600 - app.clock_now());
    let mut roma = app.logged_in("operatore.roma").await;
    for (r, outcome) in [(&met, "svolto"), (&missed, "non_presentato")] {
        let done = roma
            .post(
                &format!("/api/appointments/{r}/attendance"),
                json!({ "outcome": outcome }),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    }
    let stats: api::OfficeStats = roma
        .get("/api/office/stats?from=2026-03-01&to=2026-03-31")
        .await
        .json();
    assert_eq!(
        (stats.from.as_str(), stats.to.as_str()),
        ("2026-03-01", "2026-03-31")
    );
    let sportello = stats
        .points
        .iter()
        .position(|p| p.code == api::PointCode::Sportello)
        .unwrap();
    let day = stats
        .days
        .iter()
        .find(|d| d.date == "2026-03-03")
        .expect("the day is counted");
    assert_eq!(day.points[sportello].appointments, 2);
    assert_eq!((stats.total.attended, stats.total.no_shows), (1, 1));
    assert_eq!(stats.no_show_rate, Some(50));
    assert!(stats.queue.open >= stats.queue.awaiting);
    assert_eq!(
        stats.queue.ages.iter().map(|b| b.count).sum::<i64>(),
        stats.queue.awaiting
    );
    let default: api::OfficeStats = roma.get("/api/office/stats").await.json();
    assert_eq!(default.to, "2026-03-03", "the last 30 days by default");
    for bad in [
        "from=ieri",
        "from=2026-03-10&to=2026-03-01",
        "from=2026-01-01&to=2026-12-31",
    ] {
        let refused = roma.get(&format!("/api/office/stats?{bad}")).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }

    let chart = roma
        .get("/api/office/stats/chart?chart=giorni&from=2026-03-01&to=2026-03-31")
        .await;
    assert_eq!(chart.status, StatusCode::OK);
    assert!(chart.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("image/svg+xml"));
    let svg = chart.text();
    assert!(
        svg.contains("03/03") && svg.contains("Sportello in sede"),
        "{svg}"
    );
    assert_eq!(
        roma.get("/api/office/stats/chart?chart=torta").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        roma.get("/api/office/stats/chart?chart=coda").await.status,
        StatusCode::OK
    );

    let csv = roma
        .get("/api/office/communications.csv?from=2026-01-01&to=2026-03-31")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = csv.text();
    assert!(text.starts_with('\u{feff}'));
    let rows: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split("\r\n")
        .collect();
    assert!(rows[0].starts_with("\"Protocollo\";\"Inviata il\""));
    let queue: api::OfficeSearch = roma
        .get(&format!("/api/office/search?q={ROSSI}"))
        .await
        .json();
    for t in &queue.communications {
        assert!(
            rows.iter()
                .any(|r| r.starts_with(&format!("\"{}\"", t.protocol))),
            "{} missing",
            t.protocol
        );
    }
    let mut milano = app.logged_in("operatore.milano").await;
    let theirs: api::OfficeStats = milano
        .get("/api/office/stats?from=2026-03-01&to=2026-03-31")
        .await
        .json();
    assert_eq!(
        theirs.total.appointments, 0,
        "Roma's appointments are not Milano's"
    );
    let mut rossi = app.logged_in(ROSSI).await;
    for path in [
        "/api/office/stats",
        "/api/office/stats/chart?chart=giorni",
        "/api/office/communications.csv",
    ] {
        assert_eq!(
            rossi.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}
