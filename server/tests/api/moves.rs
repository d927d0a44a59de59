//! Sposta appuntamento: one transaction takes the new place and frees the old one, the
//! reference stays, the timeline, the thread and the notices follow; a place taken meanwhile
//! leaves the appointment exactly as it was, also under races with bookings and other moves.

use crate::core::{all_at_once, hold_request, slots_are_consistent, starts};
use crate::helpers::*;
use api::{Appointment, AppointmentStatus};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

const ROMA: i64 = 1;
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";
const LATER: &str = "2026-03-04T09:00:00+01:00";

fn move_request(cookie: &str, key: &str, reference: &str, body: &Value) -> Request<Body> {
    Request::post(format!("/api/appointments/{reference}/move"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn move_to(client: &mut Client<'_>, key: &str, reference: &str, body: Value) -> TestResponse {
    let request = move_request(client.cookie.as_deref().unwrap(), key, reference, &body);
    client.send(request).await
}

async fn outbox(app: &TestApp) -> Vec<(String, String, i64)> {
    sqlx::query_as("SELECT kind, status, due_at FROM outbox ORDER BY id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_contributor_moves_an_appointment_and_keeps_its_reference() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "k1").await;
    let moved = move_to(&mut rossi, "m1", &reference, json!({ "start": LATER })).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let a: Appointment = moved.json();
    assert_eq!(
        (a.reference.as_str(), a.status),
        (reference.as_str(), AppointmentStatus::Confermato)
    );
    assert_eq!(a.starts_at, LATER);
    assert_eq!(
        free_places(&mut rossi, "sportello", ROMA, FIRST_SLOT).await,
        Some(2),
        "the old place is free again"
    );
    assert_eq!(
        free_places(&mut rossi, "sportello", ROMA, LATER).await,
        Some(1)
    );
    let last = a.timeline.last().unwrap();
    assert_eq!(
        (last.kind.code(), last.actor.as_str()),
        ("spostato", "Mario Rossi")
    );
    assert_eq!(
        last.note.as_deref(),
        Some("Spostato da martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma, Sportello in sede a mercoledì 4 marzo 2026 alle 09:00 presso la Sede di Roma, Sportello in sede.")
    );
    let detail: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert!(detail.messages.last().unwrap().text.starts_with(&format!(
        "Appuntamento {reference} spostato da Mario Rossi."
    )));
    // The notice, and the reminders of the new time in place of the old ones.
    let rows = outbox(&app).await;
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|(k, s, _)| (k.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("appointment_confirmed", "pending"),
            ("reminder_day_before", "withdrawn"),
            ("reminder_hours_before", "withdrawn"),
            ("appointment_moved", "pending"),
            ("reminder_day_before", "pending"),
            ("reminder_hours_before", "pending"),
        ]
    );
    let two_hours_before = server::domain::rome::parse_instant(LATER)
        .unwrap()
        .seconds()
        - 2 * 3600;
    assert_eq!(rows[5].2, two_hours_before);
    // The same request again answers the same, and moves nothing more.
    let again = move_to(&mut rossi, "m1", &reference, json!({ "start": LATER })).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<Appointment>(), a);
    assert_eq!(outbox(&app).await.len(), 6);
    slots_are_consistent(&app).await;
}

#[tokio::test]
async fn a_place_taken_meanwhile_leaves_the_appointment_exactly_as_it_was() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "k1").await;
    for (cookie, thread) in app.many_contributors(2).await {
        let mut other = app.client();
        other.cookie = Some(cookie);
        book_at(&mut other, thread, ROMA, LATER, "full").await;
    }
    let before: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    let (messages, events, notices) = (
        app.count("messages").await,
        app.count("appointment_events").await,
        app.count("outbox").await,
    );
    let refused = move_to(&mut rossi, "m1", &reference, json!({ "start": LATER })).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert_eq!(refused.code(), "slot_unavailable");
    let after: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(after, before);
    assert_eq!(
        (
            app.count("messages").await,
            app.count("appointment_events").await,
            app.count("outbox").await
        ),
        (messages, events, notices)
    );
    slots_are_consistent(&app).await;
}

#[tokio::test]
async fn the_office_moves_within_its_own_office_with_a_reason_the_contributor_reads() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "k1").await;
    let mut roma = app.logged_in("operatore.roma").await;
    let bare = move_to(&mut roma, "o1", &reference, json!({ "start": LATER })).await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bare.error().fields["reason"],
        "Scrivi il motivo dello spostamento: il contribuente lo leggerà."
    );
    let elsewhere = move_to(
        &mut roma,
        "o2",
        &reference,
        json!({ "start": LATER, "office": 2, "reason": "Sportello chiuso" }),
    )
    .await;
    assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(elsewhere.error().fields.contains_key("office"));
    let moved = move_to(
        &mut roma,
        "o3",
        &reference,
        json!({ "start": LATER, "reason": "Sportello chiuso per manutenzione" }),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let mine: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(mine.starts_at, LATER);
    let last = mine.timeline.last().unwrap();
    assert_eq!(last.actor, "Sede di Roma");
    assert!(last
        .note
        .as_deref()
        .unwrap()
        .ends_with("Motivo: Sportello chiuso per manutenzione"));
    let detail: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    let message = detail.messages.last().unwrap();
    assert!(message.from_institute, "the office speaks");
    // Someone else's appointment does not exist for another office.
    let mut milano = app.logged_in("operatore.milano").await;
    let foreign = move_to(
        &mut milano,
        "x1",
        &reference,
        json!({ "start": FIRST_SLOT, "reason": "Prova" }),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn moves_are_bounded_and_end_at_the_cut_off() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "k1").await;
    let times = [
        "2026-03-04T09:00:00+01:00",
        "2026-03-04T09:30:00+01:00",
        "2026-03-04T10:00:00+01:00",
    ];
    for (n, start) in times.iter().enumerate() {
        let moved = move_to(
            &mut rossi,
            &format!("m{n}"),
            &reference,
            json!({ "start": start }),
        )
        .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    }
    let a: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert!(!a.can_move && a.can_cancel);
    let fourth = move_to(&mut rossi, "m9", &reference, json!({ "start": FIRST_SLOT })).await;
    assert_eq!(fourth.status, StatusCode::CONFLICT);
    assert_eq!(fourth.code(), "too_many_moves");
    let same = move_to(&mut rossi, "s1", &reference, json!({ "start": times[2] })).await;
    assert_eq!(same.status, StatusCode::CONFLICT, "the bound comes first");

    let mut bianchi = app.logged_in(BIANCHI).await;
    let other = thread_of(&mut bianchi, BIANCHI, "Contributi del 2024").await;
    let second = book_at(&mut bianchi, other, ROMA, FIRST_SLOT, "b1").await;
    let here = move_to(&mut bianchi, "b2", &second, json!({ "start": FIRST_SLOT })).await;
    assert_eq!(
        here.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "already there"
    );
    // Past the cut-off (two hours before, by default) the contributor's side may not move it.
    let starts = server::domain::rome::parse_instant(FIRST_SLOT)
        .unwrap()
        .seconds();
    app.clock.advance(starts - 3600 - app.clock_now());
    let mut bianchi = app.logged_in(BIANCHI).await;
    let late = move_to(&mut bianchi, "b3", &second, json!({ "start": LATER })).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.code(), "past_cutoff");
}

#[tokio::test]
async fn moves_and_bookings_racing_for_the_last_place_never_overbook() {
    let app = spawn_app().await;
    let mut roma = app.logged_in("operatore.roma").await;
    let free = starts(&mut roma, "telefono").await;
    // Telephone call-backs hold one person: each round, two movers and two bookers want the
    // same place; exactly one gets it, and a mover who loses keeps the old appointment.
    for round in 0..8 {
        let people = app.many_contributors(4).await;
        let (target, homes) = (
            &free[3 * round],
            [&free[3 * round + 1], &free[3 * round + 2]],
        );
        let mut movers = Vec::new();
        for (n, (cookie, thread)) in people[..2].iter().enumerate() {
            let held = all_at_once(
                &app,
                vec![hold_request(
                    cookie,
                    &format!("h{round}{n}"),
                    *thread,
                    "telefono",
                    homes[n],
                )],
            )
            .await;
            assert_eq!(held[0].0, StatusCode::CREATED, "{}", held[0].1);
            let a: Appointment = serde_json::from_str(&held[0].1).unwrap();
            let mut client = app.client();
            client.cookie = Some(cookie.clone());
            let confirmed = client
                .post(
                    &format!("/api/appointments/{}/confirm", a.reference),
                    json!({}),
                )
                .await;
            assert_eq!(confirmed.status, StatusCode::OK);
            movers.push((cookie.clone(), a));
        }
        let body = json!({ "start": target });
        let mut requests = Vec::new();
        for (n, (cookie, a)) in movers.iter().enumerate() {
            requests.push(move_request(
                cookie,
                &format!("m{round}{n}"),
                a.reference.as_str(),
                &body,
            ));
        }
        for (n, (cookie, thread)) in people[2..].iter().enumerate() {
            requests.push(hold_request(
                cookie,
                &format!("b{round}{n}"),
                *thread,
                "telefono",
                target,
            ));
        }
        let answers = all_at_once(&app, requests).await;
        let winners = answers.iter().filter(|(s, _)| s.is_success()).count();
        assert_eq!(winners, 1, "round {round}: {answers:?}");
        for (status, body) in &answers {
            assert!(
                status.is_success()
                    || (*status == StatusCode::CONFLICT && body.contains("slot_unavailable")),
                "round {round}: {status} {body}"
            );
        }
        for (n, (cookie, a)) in movers.iter().enumerate() {
            let mut client = app.client();
            client.cookie = Some(cookie.clone());
            let now: Appointment = client
                .get(&format!("/api/appointments/{}", a.reference))
                .await
                .json();
            assert_eq!(now.status, AppointmentStatus::Confermato);
            if answers[n].0.is_success() {
                assert_eq!(&now.starts_at, target);
            } else {
                assert_eq!(
                    &now.starts_at, homes[n],
                    "the loser keeps the old appointment"
                );
            }
        }
        slots_are_consistent(&app).await;
    }
}

#[tokio::test]
async fn an_intermediary_moves_for_a_delegator_and_a_key_is_bound_to_its_request() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = thread_of(&mut verdi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut verdi, thread, ROMA, FIRST_SLOT, "v1").await;
    let moved = move_to(&mut verdi, "vm", &reference, json!({ "start": LATER })).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let a: Appointment = moved.json();
    assert_eq!(a.timeline.last().unwrap().actor, "Studio Verdi");
    let detail: api::CommunicationDetail = verdi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert!(detail
        .messages
        .last()
        .unwrap()
        .text
        .contains("spostato da Studio Verdi"));
    // The same key with another body is refused, and changes nothing.
    let other = move_to(&mut verdi, "vm", &reference, json!({ "start": FIRST_SLOT })).await;
    assert_eq!(
        other.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        other.text()
    );
    let now: Appointment = verdi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(now.starts_at, LATER);
    // Without the delegation, nothing of Ferri's exists for Verdi.
    let mut ferri = app.logged_in(FERRI).await;
    let own = thread_of(&mut ferri, FERRI, "Contributi del 2024").await;
    let theirs = book_at(&mut ferri, own, ROMA, FIRST_SLOT, "f1").await;
    let denied = move_to(&mut verdi, "vf", &theirs, json!({ "start": LATER })).await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
}
