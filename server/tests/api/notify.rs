//! Notifications: every event that owes a notice produces exactly one e-mail, delivered by the
//! worker to a real SMTP server over TCP (`smtp::SmtpSink`), parsed back and checked; nothing
//! for a refused change; retries, crashes and several workers never lose or double a notice.

use crate::helpers::*;
use crate::smtp::{free_port, Mode, Received, SmtpSink};
use api::Appointment;
use axum::http::StatusCode;
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::json;
use server::domain::notices::MAX_ATTEMPTS;
use server::notify::mailer::Mailer;
use server::notify::outbox;
use server::notify::worker::{Delivery, Round, LEASE};

const ROMA: i64 = 1;
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";
const FROM: &str = "Cassetto Previdenziale INPS <non-rispondere@cassetto.test>";

fn delivery(app: &TestApp, url: &str) -> Delivery {
    Delivery::new(
        app.db.clone(),
        Mailer::smtp(url).unwrap(),
        FROM,
        "https://cassetto.test",
    )
    .unwrap()
    .with_video(Some(server::video::DEMO_BASE.into()))
}

fn parse(r: &Received) -> mail_parser::Message<'_> {
    MessageParser::default()
        .parse(&r.data)
        .expect("a parsable message")
}

fn text_of(r: &Received) -> String {
    parse(r).body_text(0).unwrap().into_owned()
}

fn subjects(sink: &SmtpSink) -> Vec<String> {
    sink.received()
        .iter()
        .map(|r| parse(r).subject().unwrap().to_string())
        .collect()
}

async fn statuses(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT kind, status FROM outbox ORDER BY id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

async fn booked(
    app: &TestApp,
    who: &str,
    subject: &str,
    start: &str,
    key: &str,
) -> (String, api::ThreadId) {
    let mut client = app.logged_in(who).await;
    let thread = thread_of(&mut client, who, subject).await;
    (book_at(&mut client, thread, ROMA, start, key).await, thread)
}

#[tokio::test]
async fn a_confirmation_goes_out_once_with_its_calendar_file() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let (reference, _) = booked(&app, ROSSI, "Contributi del 2024", FIRST_SLOT, "k1").await;
    let worker = delivery(&app, &sink.url());
    let round = worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(round.sent, 1, "{round:?}");
    assert_eq!(
        worker.deliver_due(app.now()).await.unwrap(),
        Round::default()
    );
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(mail.to, ["mario.rossi@example.it"]);
    assert_eq!(mail.from, "non-rispondere@cassetto.test");
    let message = parse(mail);
    assert_eq!(
        message.subject(),
        Some(format!("Appuntamento confermato {reference}").as_str())
    );
    let id = message.message_id().unwrap();
    assert!(
        id.starts_with("avviso.") && id.ends_with("@cassetto.test"),
        "{id}"
    );
    assert_eq!(
        message.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated")
    );
    let text = message.body_text(0).unwrap();
    assert!(
        text.contains("è confermato per martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma"),
        "{text}"
    );
    assert!(text.contains(&format!("https://cassetto.test/appuntamenti/{reference}")));
    let html = message.body_html(0).unwrap();
    assert!(html.contains("<html lang=\"it\">") && !html.contains("<img"));
    let ics: Vec<_> = message.attachments().collect();
    assert_eq!(ics.len(), 1);
    assert_eq!(
        ics[0].attachment_name(),
        Some(format!("{reference}.ics").as_str())
    );
    let calendar = String::from_utf8(ics[0].contents().to_vec()).unwrap();
    assert!(calendar.contains("BEGIN:VCALENDAR") && calendar.contains("TZID:Europe/Rome"));
    assert!(
        calendar.contains("DTSTART;TZID=Europe/Rome:20260303T083000"),
        "{calendar}"
    );
    let unfolded = calendar.replace("\r\n ", "");
    assert!(
        unfolded.contains(&format!("SUMMARY:Appuntamento INPS {reference} – ")),
        "{calendar}"
    );
    assert!(
        calendar.contains(&format!("UID:{reference}@")),
        "{calendar}"
    );
    let kinds = statuses(&app).await;
    assert_eq!(kinds[0], ("appointment_confirmed".into(), "sent".into()));
}

#[tokio::test]
async fn reminders_arrive_at_their_hour_and_never_for_a_cancelled_appointment() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    // Thursday 5 March 2026 at 08:30 and 09:00: the day before at 18:00, and two hours before.
    let (kept, _) = booked(
        &app,
        ROSSI,
        "Contributi del 2024",
        "2026-03-05T08:30:00+01:00",
        "k1",
    )
    .await;
    let (dropped, _) = booked(
        &app,
        BIANCHI,
        "Contributi del 2024",
        "2026-03-05T09:00:00+01:00",
        "k2",
    )
    .await;
    let mut bianchi = app.logged_in(BIANCHI).await;
    let cancelled = bianchi
        .post(&format!("/api/appointments/{dropped}/cancel"), json!({}))
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let worker = delivery(&app, &sink.url());
    worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(
        sink.received().len(),
        3,
        "two confirmations and a receipt: {:?}",
        subjects(&sink)
    );
    sink.clear();

    let day_before = server::domain::rome::parse_instant("2026-03-04T18:00:00+01:00")
        .unwrap()
        .seconds();
    app.clock.advance(day_before - 1 - app.clock_now());
    assert_eq!(
        worker.deliver_due(app.now()).await.unwrap().sent,
        0,
        "not a second early"
    );
    app.clock.advance(1);
    worker.deliver_due(app.now()).await.unwrap();
    let received = sink.received();
    assert_eq!(received.len(), 1, "{:?}", subjects(&sink));
    assert_eq!(received[0].to, ["mario.rossi@example.it"]);
    assert!(parse(&received[0])
        .subject()
        .unwrap()
        .starts_with(&format!("Promemoria: appuntamento {kept}")));

    app.clock.advance(12 * 3600 + 30 * 60); // 06:30, two hours before 08:30
    worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(sink.received().len(), 2);
    let withdrawn: Vec<(String, String)> = statuses(&app)
        .await
        .into_iter()
        .filter(|(kind, _)| kind.starts_with("reminder"))
        .collect();
    assert_eq!(
        withdrawn.iter().filter(|(_, s)| s == "withdrawn").count(),
        2,
        "the cancelled appointment's reminders: {withdrawn:?}"
    );
}

#[tokio::test]
async fn a_reminder_falls_on_rome_wall_time_across_the_change_to_summer_time() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    // Monday 30 March 2026: clocks went forward on Sunday 29 at 02:00.
    let (reference, _) = booked(
        &app,
        ROSSI,
        "Contributi del 2024",
        "2026-03-30T08:30:00+02:00",
        "k1",
    )
    .await;
    let due: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, due_at FROM outbox WHERE kind LIKE 'reminder%' ORDER BY due_at",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let at = |t: &str| server::domain::rome::parse_instant(t).unwrap().seconds();
    assert_eq!(
        due,
        [
            (
                "reminder_day_before".to_string(),
                at("2026-03-29T18:00:00+02:00")
            ),
            (
                "reminder_hours_before".to_string(),
                at("2026-03-30T06:30:00+02:00")
            ),
        ]
    );
    let worker = delivery(&app, &sink.url());
    worker.deliver_due(app.now()).await.unwrap();
    sink.clear();
    // 17:00 CET would be 18:00 in summer time: one hour too early, nothing yet.
    app.clock
        .advance(at("2026-03-29T17:00:00+01:00") - 1 - app.clock_now());
    worker.deliver_due(app.now()).await.unwrap();
    assert!(sink.received().is_empty());
    app.clock.advance(1);
    worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(sink.received().len(), 1);
    assert!(text_of(&sink.received()[0]).contains(&format!(
        "appuntamento {reference} di lunedì 30 marzo 2026 alle 08:30"
    )));
}

#[tokio::test]
async fn nothing_is_sent_for_a_change_that_was_refused() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = thread_of(&mut verdi, BIANCHI, "Contributi del 2024").await;
    let body = json!({ "communication_id": thread, "point": "sportello", "office": ROMA,
        "start": FIRST_SLOT, "phone": "02 1234 5678", "notes": "Per la cliente." });
    let hold: Appointment = post_with_key(&mut verdi, "/api/appointments", "h1", &body)
        .await
        .json();
    // The office closes the day while the hold waits: its Conferma is refused and rolled back.
    sqlx::query(
        "INSERT INTO closures (id, office_id, point_code, starts_at, ends_at, reason, created_at)
                 VALUES (900, 1, NULL, $1, $2, 'Sciopero', $3)",
    )
    .bind(
        server::domain::rome::parse_instant("2026-03-03T00:00:00+01:00")
            .unwrap()
            .seconds(),
    )
    .bind(
        server::domain::rome::parse_instant("2026-03-04T00:00:00+01:00")
            .unwrap()
            .seconds(),
    )
    .bind(app.clock_now())
    .execute(&app.db.pool)
    .await
    .unwrap();
    let refused = verdi
        .post(
            &format!("/api/appointments/{}/confirm", hold.reference),
            json!({}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    let mut roma = app.logged_in("operatore.roma").await;
    let unseen = roma
        .post("/api/office/closures", json!({ "point": null, "from": "2026-03-03", "to": "2026-03-03", "reason": "Sciopero" }))
        .await;
    assert_eq!(unseen.status, StatusCode::CONFLICT);
    assert_eq!(app.count("outbox").await, 0);
    let round = delivery(&app, &sink.url())
        .deliver_due(app.now())
        .await
        .unwrap();
    assert_eq!(round, Round::default());
    assert!(sink.received().is_empty());
}

#[tokio::test]
async fn a_closure_cancelling_twenty_appointments_sends_twenty_messages() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let people = app.many_contributors(20).await;
    sqlx::query("UPDATE users SET email = 'persona' || CAST(id AS TEXT) || '@example.it' WHERE email IS NULL AND role = 'contribuente'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    // Tuesday 3 and Wednesday 4 March at the desk: 8 starts a morning, 2 places each.
    let mut starts = Vec::new();
    for day in ["2026-03-03", "2026-03-04"] {
        for (h, m) in [(8, 30), (9, 0), (9, 30), (10, 0), (10, 30)] {
            starts.push(format!("{day}T{h:02}:{m:02}:00+01:00"));
        }
    }
    for (n, (cookie, thread)) in people.iter().enumerate() {
        let mut client = app.client();
        client.cookie = Some(cookie.clone());
        book_at(&mut client, *thread, ROMA, &starts[n / 2], &format!("c{n}")).await;
    }
    let worker = delivery(&app, &sink.url());
    assert_eq!(worker.deliver_due(app.now()).await.unwrap().sent, 20);
    sink.clear();
    let mut roma = app.logged_in("operatore.roma").await;
    let declared = roma
        .post(
            "/api/office/closures",
            json!({ "point": null, "from": "2026-03-03", "to": "2026-03-04",
            "reason": "Lavori di ristrutturazione", "cancel_appointments": true }),
        )
        .await;
    assert_eq!(declared.status, StatusCode::CREATED, "{}", declared.text());
    let round = worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(round.sent, 20, "{round:?}");
    let received = sink.received();
    let mut to: Vec<String> = received.iter().flat_map(|r| r.to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 20, "one each");
    let text = text_of(&received[0]);
    assert!(
        text.contains("Motivo: chiusura della sede – Lavori di ristrutturazione"),
        "{text}"
    );
    assert!(text.contains("Cosa fare ora"));
    assert!(text.contains("https://cassetto.test/comunicazioni/"));
    assert_eq!(
        worker.deliver_due(app.now()).await.unwrap(),
        Round::default()
    );

    // The office sees that each was told.
    let agenda: api::OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-03").await.json();
    assert!(!agenda.appointments.is_empty());
    assert!(agenda
        .appointments
        .iter()
        .all(|a| a.cancellation_notice == Some(api::NoticeDelivery::Inviata)));
}

#[tokio::test]
async fn an_intermediary_booking_tells_the_studio_and_the_contributor() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = thread_of(&mut verdi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut verdi, thread, ROMA, FIRST_SLOT, "v1").await;
    delivery(&app, &sink.url())
        .deliver_due(app.now())
        .await
        .unwrap();
    let received = sink.received();
    assert_eq!(received.len(), 1, "one message for one event");
    let mut to = received[0].to.clone();
    to.sort();
    assert_eq!(to, ["mario.rossi@example.it", "studio.verdi@example.it"]);
    assert!(text_of(&received[0]).contains(&reference));
}

/// Issue 25: the letter and its calendar file are in the language each reader chose; a studio
/// (Italian) and a contributor (English) told of one booking get one message each.
#[tokio::test]
async fn a_reader_who_chose_english_is_written_to_in_english() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let chosen = rossi
        .put("/api/me/language", json!({ "language": "en" }))
        .await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.text());
    let mut verdi = app.logged_in(VERDI).await;
    let thread = thread_of(&mut verdi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut verdi, thread, ROMA, FIRST_SLOT, "v1").await;
    let round = delivery(&app, &sink.url())
        .deliver_due(app.now())
        .await
        .unwrap();
    assert_eq!(round.sent, 1, "one notice: {round:?}");
    let received = sink.received();
    assert_eq!(received.len(), 2, "one message per language");
    let to = |address: &str| {
        received
            .iter()
            .find(|r| r.to == [address])
            .unwrap_or_else(|| panic!("nothing for {address}"))
    };
    let english = parse(to("mario.rossi@example.it"));
    assert_eq!(
        english.subject(),
        Some(format!("Appointment confirmed {reference}").as_str())
    );
    let text = english.body_text(0).unwrap();
    assert!(
        text.contains("is confirmed for Tuesday 3 March 2026 at 8:30 at the Sede di Roma"),
        "{text}"
    );
    assert!(
        text.contains("Consultation point: At the office counter"),
        "{text}"
    );
    assert!(english.body_html(0).unwrap().contains("<html lang=\"en\">"));
    let ics: Vec<_> = english.attachments().collect();
    let calendar = String::from_utf8(ics[0].contents().to_vec())
        .unwrap()
        .replace("\r\n ", "");
    assert!(
        calendar.contains(&format!(
            "SUMMARY:INPS appointment {reference} – Statement of account and contributions"
        )),
        "{calendar}"
    );
    assert!(
        calendar.contains("DESCRIPTION:At the office counter – Sede di Roma."),
        "{calendar}"
    );
    let italian = parse(to("studio.verdi@example.it"));
    assert_eq!(
        italian.subject(),
        Some(format!("Appuntamento confermato {reference}").as_str())
    );
    assert_ne!(english.message_id(), italian.message_id());
}

#[tokio::test]
async fn an_answer_from_the_office_is_announced_without_its_text() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let mut roma = app.logged_in("operatore.roma").await;
    let written = roma
        .post(
            &format!("/api/communications/{thread}/messages"),
            json!({ "text": "Serve il modello F24 quietanzato." }),
        )
        .await;
    assert_eq!(written.status, StatusCode::CREATED, "{}", written.text());
    // The contributor's own message owes nobody a notice.
    rossi
        .post(
            &format!("/api/communications/{thread}/messages"),
            json!({ "text": "Lo allego." }),
        )
        .await;
    delivery(&app, &sink.url())
        .deliver_due(app.now())
        .await
        .unwrap();
    let received = sink.received();
    assert_eq!(received.len(), 1, "{:?}", subjects(&sink));
    let message = parse(&received[0]);
    assert!(message
        .subject()
        .unwrap()
        .starts_with("Nuova risposta alla comunicazione INPS."));
    let text = message.body_text(0).unwrap();
    assert!(
        !text.contains("F24"),
        "the answer itself stays in the Cassetto"
    );
    assert!(text.contains(&format!("https://cassetto.test/comunicazioni/{thread}")));
}

#[tokio::test]
async fn without_an_address_nothing_is_sent_and_the_office_sees_it() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    sqlx::query("UPDATE users SET email = NULL")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (reference, _) = booked(&app, ROSSI, "Contributi del 2024", FIRST_SLOT, "k1").await;
    let mut roma = app.logged_in("operatore.roma").await;
    let cancelled = roma
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": "Sede chiusa per guasto" }),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let round = delivery(&app, &sink.url())
        .deliver_due(app.now())
        .await
        .unwrap();
    assert_eq!(round.no_address, 2, "{round:?}");
    assert!(sink.received().is_empty());
    let agenda: api::OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-03").await.json();
    let line = agenda
        .appointments
        .iter()
        .find(|a| a.reference == reference)
        .unwrap();
    assert_eq!(
        line.cancellation_notice,
        Some(api::NoticeDelivery::NessunRecapito)
    );
}

#[tokio::test]
async fn a_server_away_then_back_gets_every_message_once() {
    let app = spawn_app().await;
    let port = free_port().await;
    let (reference, _) = booked(&app, ROSSI, "Contributi del 2024", FIRST_SLOT, "k1").await;
    let worker = delivery(&app, &format!("smtp://127.0.0.1:{port}"));
    let round = worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(round.retried, 1, "{round:?}");
    let sink = SmtpSink::start_on(port).await;
    assert_eq!(
        worker.deliver_due(app.now()).await.unwrap(),
        Round::default(),
        "backing off"
    );
    app.clock.advance(60);
    assert_eq!(worker.deliver_due(app.now()).await.unwrap().sent, 1);
    assert_eq!(sink.received().len(), 1);
    assert!(parse(&sink.received()[0])
        .subject()
        .unwrap()
        .contains(&reference));
    // Busy (451): retried; refused (554): given up at once, visible as failed.
    sink.clear();
    sink.set_mode(Mode::Busy);
    let mut roma = app.logged_in("operatore.roma").await;
    roma.post(
        &format!("/api/appointments/{reference}/cancel"),
        json!({ "reason": "Guasto" }),
    )
    .await;
    assert_eq!(worker.deliver_due(app.now()).await.unwrap().retried, 1);
    sink.set_mode(Mode::Refuse);
    app.clock.advance(60);
    assert_eq!(worker.deliver_due(app.now()).await.unwrap().failed, 1);
    let agenda: api::OfficeAgenda = roma.get("/api/office/agenda?date=2026-03-03").await.json();
    let line = agenda
        .appointments
        .iter()
        .find(|a| a.reference == reference)
        .unwrap();
    assert_eq!(
        line.cancellation_notice,
        Some(api::NoticeDelivery::NonRecapitata)
    );
    assert!(sink.received().is_empty());
}

#[tokio::test]
async fn a_notice_that_keeps_failing_ends_as_failed_after_its_attempts() {
    let app = spawn_app().await;
    let port = free_port().await;
    booked(&app, ROSSI, "Contributi del 2024", FIRST_SLOT, "k1").await;
    let worker = delivery(&app, &format!("smtp://127.0.0.1:{port}"));
    let mut failed = 0;
    for _ in 0..MAX_ATTEMPTS {
        let round = worker.deliver_due(app.now()).await.unwrap();
        failed += round.failed;
        app.clock.advance(3600);
    }
    assert_eq!(failed, 1);
    let (attempts, status): (i64, String) =
        sqlx::query_as("SELECT attempts, status FROM outbox WHERE kind = 'appointment_confirmed'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((attempts, status.as_str()), (MAX_ATTEMPTS, "failed"));
}

#[tokio::test]
async fn a_worker_that_dies_after_its_claim_leaves_the_notice_to_the_next_one_once() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    // Booked while no worker runs: the notice waits in the outbox.
    booked(&app, ROSSI, "Contributi del 2024", FIRST_SLOT, "k1").await;
    booked(&app, BIANCHI, "Contributi del 2024", FIRST_SLOT, "k2").await;
    // A worker claims one, then dies before sending it.
    let claimed = outbox::claim(&app.db, "morto", app.now(), LEASE, 1)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let worker = delivery(&app, &sink.url());
    assert_eq!(
        worker.deliver_due(app.now()).await.unwrap().sent,
        1,
        "the other one"
    );
    app.clock.advance(LEASE);
    assert_eq!(
        worker.deliver_due(app.now()).await.unwrap().sent,
        1,
        "taken over"
    );
    // A restarted server has nothing left to send.
    assert_eq!(
        delivery(&app, &sink.url())
            .deliver_due(app.now())
            .await
            .unwrap(),
        Round::default()
    );
    let mut ids: Vec<String> = sink
        .received()
        .iter()
        .map(|r| parse(r).message_id().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 2);
    // The late worker cannot mark what is no longer its own.
    let late = outbox::finish(
        &app.db,
        claimed[0].id,
        "morto",
        outbox::Outcome::Sent,
        app.now(),
    )
    .await
    .unwrap();
    assert!(!late);
}

#[tokio::test]
async fn several_workers_at_once_send_each_notice_exactly_once() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let people = app.many_contributors(30).await;
    sqlx::query("UPDATE users SET email = 'persona' || CAST(id AS TEXT) || '@example.it' WHERE email IS NULL AND role = 'contribuente'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let mut roma = app.logged_in("operatore.roma").await;
    for (n, (_, thread)) in people.iter().enumerate() {
        let written = roma
            .post(
                &format!("/api/communications/{thread}/messages"),
                json!({ "text": format!("Risposta {n}.") }),
            )
            .await;
        assert_eq!(written.status, StatusCode::CREATED);
    }
    let workers: Vec<Delivery> = (0..4).map(|_| delivery(&app, &sink.url())).collect();
    let now = app.clock_now();
    let rounds = futures_join(
        workers
            .iter()
            .map(|w| w.deliver_due(api::Instant(now)))
            .collect(),
    )
    .await;
    let sent: usize = rounds.iter().map(|r| r.as_ref().unwrap().sent).sum();
    assert_eq!(sent, 30);
    let mut ids: Vec<String> = sink
        .received()
        .iter()
        .map(|r| parse(r).message_id().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 30);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30, "no notice twice");
}

async fn futures_join<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut handles = Vec::new();
    // Polled together on this task: the workers' statements interleave on the pool.
    let mut pinned: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if outputs[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => outputs[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    handles.extend(outputs.into_iter().map(Option::unwrap));
    handles
}

#[tokio::test]
async fn reminders_follow_the_choice_on_recapiti() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let changed = rossi
        .put(
            "/api/me/contacts",
            json!({ "email": "mario.rossi@example.it", "reminders": false }),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    booked(
        &app,
        ROSSI,
        "Contributi del 2024",
        "2026-03-05T08:30:00+01:00",
        "k1",
    )
    .await;
    let worker = delivery(&app, &sink.url());
    worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(sink.received().len(), 1, "the confirmation still");
    app.clock.advance(3 * 24 * 3600);
    worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(
        sink.received().len(),
        1,
        "no reminders: {:?}",
        subjects(&sink)
    );
}

#[tokio::test]
async fn the_recorded_attendance_goes_out_with_the_esito() {
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let (reference, _) = booked(&app, ROSSI, "Contributi del 2024", FIRST_SLOT, "k1").await;
    let worker = delivery(&app, &sink.url());
    worker.deliver_due(app.now()).await.unwrap();
    sink.clear();
    let starts = server::domain::rome::parse_instant(FIRST_SLOT)
        .unwrap()
        .seconds();
    app.clock.advance(starts + 1800 - app.clock_now());
    let mut roma = app.logged_in("operatore.roma").await;
    let recorded = roma
        .post(
            &format!("/api/appointments/{reference}/attendance"),
            json!({ "outcome": "svolto", "text": "Versamenti ritrovati: estratto conto corretto." }),
        )
        .await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text());
    let round = worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(round.sent, 1, "{round:?}");
    let reminders: Vec<(String, String)> = statuses(&app)
        .await
        .into_iter()
        .filter(|(kind, _)| kind.starts_with("reminder"))
        .collect();
    assert!(
        reminders.iter().all(|(_, status)| status == "withdrawn"),
        "the clock jumped past them, and the attendance ended the appointment: {reminders:?}"
    );
    let received = sink.received();
    let message = parse(&received[0]);
    assert_eq!(
        message.subject(),
        Some(format!("Esito dell'appuntamento {reference}").as_str())
    );
    assert!(message
        .body_text(0)
        .unwrap()
        .contains("Esito dell'incontro: Versamenti ritrovati: estratto conto corretto."));
}
