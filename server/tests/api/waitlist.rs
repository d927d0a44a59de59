//! Lista d'attesa: joining when nothing suits is free, a freed place offered in the
//! transaction that frees it to the first matching entry (as a hold in that person's name),
//! accepted, declined or lapsed; the other ways places free (a move, more capacity); and the
//! races: a freed place with several waiting people and concurrent Prenota goes to exactly one.

use crate::core::{all_at_once, slots_are_consistent};
use crate::helpers::*;
use api::{Appointment, AppointmentStatus, WaitlistEntry, WaitlistStatus};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};

const ROMA: i64 = 1;
const DAY: &str = "2026-03-03";
/// The telephone consultations of Rome on Tuesday 3 March: six of 20 minutes, one place each.
const CALLS: [&str; 6] = [
    "2026-03-03T14:00:00+01:00",
    "2026-03-03T14:20:00+01:00",
    "2026-03-03T14:40:00+01:00",
    "2026-03-03T15:00:00+01:00",
    "2026-03-03T15:20:00+01:00",
    "2026-03-03T15:40:00+01:00",
];

struct Person<'a> {
    client: Client<'a>,
    cf: String,
    thread: api::ThreadId,
}

async fn people(app: &TestApp, n: usize) -> Vec<Person<'_>> {
    let mut out = Vec::new();
    for (cookie, thread) in app.many_contributors(n).await {
        let mut client = app.client();
        client.cookie = Some(cookie);
        let cf: String = sqlx::query_scalar(
            "SELECT c.cf FROM communications t JOIN contributors c ON c.id = t.contributor_id WHERE t.id = $1",
        )
        .bind(thread)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        out.push(Person { client, cf, thread });
    }
    out
}

fn hold_body(thread: api::ThreadId, start: &str) -> Value {
    json!({ "communication_id": thread, "point": "telefono", "office": ROMA, "start": start,
            "phone": "347 123 4567", "notes": "Verifica dei versamenti." })
}

/// Holds and confirms a telephone consultation: the reference.
async fn book_call(p: &mut Person<'_>, start: &str) -> String {
    let held = post_with_key(
        &mut p.client,
        "/api/appointments",
        start,
        &hold_body(p.thread, start),
    )
    .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());
    let reference = held.json::<Appointment>().reference;
    let confirmed = p
        .client
        .post(&format!("/api/appointments/{reference}/confirm"), json!({}))
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text());
    reference.0
}

fn join_body(thread: api::ThreadId, from: &str, to: &str) -> Value {
    json!({ "communication_id": thread, "office": ROMA, "point": "telefono", "from": from,
            "to": to, "phone": "06 1234 5678", "notes": "Rateizzazione dei contributi." })
}

async fn join(p: &mut Person<'_>) -> WaitlistEntry {
    let joined = p
        .client
        .post("/api/waitlist", join_body(p.thread, DAY, DAY))
        .await;
    assert_eq!(joined.status, StatusCode::CREATED, "{}", joined.text());
    joined.json()
}

async fn entries(p: &mut Person<'_>) -> Vec<WaitlistEntry> {
    let listed = p
        .client
        .get(&format!("/api/contributors/{}/waitlist", p.cf))
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text());
    listed.json()
}

async fn entry(p: &mut Person<'_>) -> WaitlistEntry {
    entries(p).await.into_iter().next().expect("an entry")
}

/// Six people fill the day's calls; the rest are returned to wait.
async fn full_day(app: &TestApp, waiting: usize) -> (Vec<(Person<'_>, String)>, Vec<Person<'_>>) {
    let mut all = people(app, 6 + waiting).await;
    let rest = all.split_off(6);
    let mut booked = Vec::new();
    for (mut p, start) in all.into_iter().zip(CALLS) {
        let reference = book_call(&mut p, start).await;
        booked.push((p, reference));
    }
    (booked, rest)
}

async fn cancel(p: &mut Person<'_>, reference: &str) {
    let cancelled = p
        .client
        .post(&format!("/api/appointments/{reference}/cancel"), json!({}))
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
}

/// An entry's status read from the database (after time passed, sessions have ended).
async fn status_of(app: &TestApp, id: api::EntryId) -> String {
    sqlx::query_scalar("SELECT status FROM waitlist WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn notices_of(app: &TestApp, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = $1")
        .bind(kind)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_cancelled_place_is_offered_to_the_first_in_line_who_confirms_it() {
    let app = spawn_app().await;
    let (mut booked, mut waiting) = full_day(&app, 2).await;
    let first = join(&mut waiting[0]).await;
    assert_eq!((first.status, first.ahead), (WaitlistStatus::InAttesa, 0));
    let second = join(&mut waiting[1]).await;
    assert_eq!(second.ahead, 1, "one person is ahead of the second");

    let (p, reference) = &mut booked[2];
    cancel(p, reference).await;

    let offered = entry(&mut waiting[0]).await;
    assert_eq!(offered.status, WaitlistStatus::Offerta);
    let offer = offered.offer.clone().expect("the offer");
    assert_eq!(offer.starts_at, CALLS[2]);
    // Two hours to answer from 10:00 (START), by day.
    assert_eq!(offer.expires_at, "2026-03-02T12:00:00+01:00");
    assert_eq!(
        entry(&mut waiting[1]).await.status,
        WaitlistStatus::InAttesa
    );
    assert_eq!(
        free_places(&mut waiting[1].client, "telefono", ROMA, CALLS[2]).await,
        None,
        "nobody else can book it"
    );
    assert_eq!(notices_of(&app, "waitlist_offer").await, 1);
    // Roma's agenda of the day lists who waits, first in line first, with the place offered.
    let mut roma = app.logged_in("operatore.roma").await;
    let agenda: api::OfficeAgenda = roma
        .get(&format!("/api/office/agenda?date={DAY}"))
        .await
        .json();
    let line: Vec<_> = agenda
        .waitlist
        .iter()
        .map(|w| (w.communication_id, w.status))
        .collect();
    assert_eq!(
        line,
        vec![
            (waiting[0].thread, WaitlistStatus::Offerta),
            (waiting[1].thread, WaitlistStatus::InAttesa)
        ]
    );
    assert_eq!(agenda.waitlist[0].offered_start.as_deref(), Some(CALLS[2]));
    assert_eq!(
        agenda.waitlist[0].offer_until.as_deref(),
        Some("2026-03-02T12:00:00+01:00")
    );
    assert_eq!(agenda.waitlist[1].offered_start, None);
    let mut milano = app.logged_in("operatore.milano").await;
    let theirs: api::OfficeAgenda = milano
        .get(&format!("/api/office/agenda?date={DAY}"))
        .await
        .json();
    assert!(theirs.waitlist.is_empty(), "Roma's list is not Milano's");
    // The hold is in the person's name, on their thread, and says where it came from.
    let held: Appointment = waiting[0]
        .client
        .get(&format!("/api/appointments/{}", offer.reference))
        .await
        .json();
    assert_eq!(
        (held.status, held.communication_id),
        (AppointmentStatus::Prenotato, waiting[0].thread)
    );
    assert_eq!(held.timeline[0].kind.code(), "offerto");
    let thread = waiting[0].thread;
    let detail: api::CommunicationDetail = waiting[0]
        .client
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert!(detail
        .messages
        .last()
        .unwrap()
        .text
        .starts_with("Si è liberato un posto dalla lista d'attesa"));

    let accepted = waiting[0]
        .client
        .post(&format!("/api/waitlist/{}/accept", offered.id), json!({}))
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    let a: Appointment = accepted.json();
    assert_eq!(
        (a.reference.as_str(), a.status),
        (offer.reference.as_str(), AppointmentStatus::Confermato)
    );
    assert_eq!(
        entry(&mut waiting[0]).await.status,
        WaitlistStatus::Prenotato
    );
    assert_eq!(notices_of(&app, "appointment_confirmed").await, 7);
    // Answering twice: there is no offer any more.
    let again = waiting[0]
        .client
        .post(&format!("/api/waitlist/{}/accept", offered.id), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    slots_are_consistent(&app).await;
}

#[tokio::test]
async fn a_declined_or_lapsed_offer_passes_to_the_next_in_line() {
    let app = spawn_app().await;
    let (mut booked, mut waiting) = full_day(&app, 3).await;
    for p in waiting.iter_mut() {
        join(p).await;
    }
    let (p, reference) = &mut booked[0];
    cancel(p, reference).await;
    let first = entry(&mut waiting[0]).await;
    assert_eq!(first.status, WaitlistStatus::Offerta);

    let declined = waiting[0]
        .client
        .post(&format!("/api/waitlist/{}/decline", first.id), json!({}))
        .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.text());
    assert_eq!(
        declined.json::<WaitlistEntry>().status,
        WaitlistStatus::Ritirata
    );
    let second = entry(&mut waiting[1]).await;
    assert_eq!(second.status, WaitlistStatus::Offerta);
    assert_eq!(second.offer.as_ref().unwrap().starts_at, CALLS[0]);
    assert_eq!(
        entry(&mut waiting[2]).await.status,
        WaitlistStatus::InAttesa
    );

    // Unanswered: after two hours the sweeper lets it lapse and the third gets it.
    let third = entry(&mut waiting[2]).await;
    app.clock.advance(2 * 3600 + 1);
    server::agenda::workflow::sweep(&app.db, app.now())
        .await
        .unwrap();
    assert_eq!(status_of(&app, second.id).await, "scaduta");
    assert_eq!(status_of(&app, third.id).await, "offerta");
    // A lapsed offer is not a hold given up by its person.
    let lapsed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE status = 'scaduto'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(lapsed, 1);
    slots_are_consistent(&app).await;
}

#[tokio::test]
async fn joining_is_refused_when_a_place_suits_or_the_days_or_the_thread_do_not() {
    let app = spawn_app().await;
    let mut ps = people(&app, 1).await;
    let p = &mut ps[0];
    let before = app.count("waitlist").await;
    // Free calls that day: book one instead.
    let free = p
        .client
        .post("/api/waitlist", join_body(p.thread, DAY, DAY))
        .await;
    assert_eq!(free.status, StatusCode::CONFLICT, "{}", free.text());
    assert_eq!(free.code(), "places_free");
    assert!(
        free.error()
            .message
            .contains("martedì 3 marzo 2026 alle 14:00"),
        "{}",
        free.error().message
    );
    // The place itself, so the app can offer it as the way forward.
    assert_eq!(
        free.error().free_start.as_deref(),
        Some("2026-03-03T14:00:00+01:00")
    );
    // A weekend: the office does not receive, so a wait could never end.
    let weekend = p
        .client
        .post(
            "/api/waitlist",
            join_body(p.thread, "2026-03-07", "2026-03-08"),
        )
        .await;
    assert_eq!(
        weekend.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        weekend.text()
    );
    assert!(weekend.error().fields["from"].contains("non riceve"));
    // A video call's link goes by SMS: a landline is refused, here as at Prenota.
    let mut landline = join_body(p.thread, DAY, DAY);
    landline["point"] = json!("video");
    landline["office"] = json!(2);
    let refused = p.client.post("/api/waitlist", landline).await;
    assert!(
        refused.error().fields["phone"].contains("cellulare"),
        "{}",
        refused.text()
    );
    let mut video = hold_body(p.thread, CALLS[0]);
    video["point"] = json!("video");
    video["office"] = json!(2);
    let held = post_with_key(&mut p.client, "/api/appointments", "video-landline", &{
        video["phone"] = json!("06 1234 5678");
        video
    })
    .await;
    assert_eq!(
        held.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        held.text()
    );
    assert!(held.error().fields["phone"].contains("cellulare"));
    // Days outside the bookable window, or reversed.
    let early = p
        .client
        .post("/api/waitlist", join_body(p.thread, "2026-03-02", DAY))
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.error().fields.contains_key("from"));
    let far = p
        .client
        .post("/api/waitlist", join_body(p.thread, DAY, "2026-06-30"))
        .await;
    assert!(far.error().fields.contains_key("to"), "{}", far.text());
    let reversed = p
        .client
        .post("/api/waitlist", join_body(p.thread, "2026-03-05", DAY))
        .await;
    assert!(reversed.error().fields.contains_key("to"));
    let mut bad = join_body(p.thread, DAY, DAY);
    bad["phone"] = json!("");
    bad["notes"] = json!(" ");
    bad["part_of_day"] = json!("pomeriggio");
    let fields = p.client.post("/api/waitlist", bad).await.error().fields;
    assert!(fields.contains_key("phone") && fields.contains_key("notes"));
    // Roma's sportello receives 08:30–12:00: an afternoon wait there could never end.
    let entries_before = app.count("waitlist").await;
    let mut afternoon = join_body(p.thread, DAY, DAY);
    afternoon["point"] = json!("sportello");
    afternoon["part_of_day"] = json!("pomeriggio");
    let refused = p.client.post("/api/waitlist", afternoon).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.error().fields["part_of_day"].contains("solo di mattina"));
    assert_eq!(app.count("waitlist").await, entries_before);
    // Not the caller's thread: it does not exist for them; an operator has no list.
    let mut rossi = app.logged_in(ROSSI).await;
    let foreign = rossi
        .post("/api/waitlist", join_body(p.thread, DAY, DAY))
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let mut office = app.logged_in("operatore.roma").await;
    assert_eq!(
        office
            .get(&format!("/api/contributors/{}/waitlist", p.cf))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.count("waitlist").await, before, "nothing stored");
}

#[tokio::test]
async fn the_days_a_wait_is_taken_for_are_those_with_nothing_free_to_offer() {
    let app = spawn_app().await;
    let (mut booked, _) = full_day(&app, 0).await;
    let days: api::WaitlistDays = booked[0]
        .0
        .client
        .get("/api/waitlist/days?point=telefono&office=1")
        .await
        .json();
    let day = |d: &str| days.days.iter().find(|x| x.date == d).cloned();
    // Tuesday's calls (afternoons only) are all taken: a wait is taken for that afternoon.
    let tuesday = day(DAY).expect("Tuesday is served");
    assert_eq!(tuesday.served, vec![api::PartOfDay::Pomeriggio]);
    assert!(tuesday.accepts(None) && tuesday.accepts(Some(api::PartOfDay::Pomeriggio)));
    // The weekend is not served; a day with free calls takes no wait.
    assert!(day("2026-03-07").is_none());
    assert!(days.days.iter().any(|d| d.waitable.is_empty()));
    let suggested = days.suggestion().expect("a full day");
    assert_eq!((suggested.from.as_str(), suggested.part), (DAY, None));
    // What the list says is what joining does.
    let mut waiting = people(&app, 1).await;
    let w = &mut waiting[0];
    let joined = w
        .client
        .post(
            "/api/waitlist",
            join_body(w.thread, &suggested.from, &suggested.to),
        )
        .await;
    assert_eq!(joined.status, StatusCode::CREATED, "{}", joined.text());
    let unknown = w
        .client
        .get("/api/waitlist/days?point=altro&office=1")
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn one_entry_per_thread_until_it_ends_and_leaving_is_once() {
    let app = spawn_app().await;
    let (_booked, mut waiting) = full_day(&app, 1).await;
    let p = &mut waiting[0];
    let e = join(p).await;
    let twice = p
        .client
        .post("/api/waitlist", join_body(p.thread, DAY, DAY))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.code(), "already_waiting");
    // The office sees one person waiting that day, none the next.
    let mut office = app.logged_in("operatore.roma").await;
    let day: api::OfficeAgenda = office
        .get(&format!("/api/office/agenda?date={DAY}"))
        .await
        .json();
    assert_eq!(day.waiting, 1);
    let next: api::OfficeAgenda = office
        .get("/api/office/agenda?date=2026-03-04")
        .await
        .json();
    assert_eq!(next.waiting, 0);
    // Another person may not touch it.
    let mut rossi = app.logged_in(ROSSI).await;
    let request = rossi
        .request("DELETE", &format!("/api/waitlist/{}", e.id))
        .body(Body::empty())
        .unwrap();
    assert_eq!(rossi.send(request).await.status, StatusCode::NOT_FOUND);

    let left = p.client.delete(&format!("/api/waitlist/{}", e.id)).await;
    assert_eq!(left.status, StatusCode::OK, "{}", left.text());
    assert_eq!(
        left.json::<WaitlistEntry>().status,
        WaitlistStatus::Ritirata
    );
    let again = p.client.delete(&format!("/api/waitlist/{}", e.id)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.code(), "entry_ended");
    // Once it ended, the person may wait again.
    let again = join(p).await;
    // Its days over, the sweeper ends it.
    app.clock.advance(2 * 86_400);
    server::waitlist::workflow::sweep(&app.db, app.now())
        .await
        .unwrap();
    assert_eq!(status_of(&app, again.id).await, "scaduta");
}

#[tokio::test]
async fn booking_for_the_thread_ends_its_entry() {
    let app = spawn_app().await;
    let (mut booked, mut waiting) = full_day(&app, 1).await;
    let p = &mut waiting[0];
    let mut body = join_body(p.thread, DAY, "2026-03-04");
    body["part_of_day"] = json!("pomeriggio");
    // The 4th has free calls in the afternoon: this wish is refused, …
    assert_eq!(
        p.client.post("/api/waitlist", body).await.code(),
        "places_free"
    );
    let e = join(p).await;
    // … and the person books the 4th themselves: the entry has done its job.
    book_call(p, "2026-03-04T14:00:00+01:00").await;
    let ended = entry(p).await;
    assert_eq!((ended.id, ended.status), (e.id, WaitlistStatus::Prenotato));
    // A place freed now finds nobody waiting.
    let (q, reference) = &mut booked[1];
    cancel(q, reference).await;
    assert_eq!(notices_of(&app, "waitlist_offer").await, 0);
    assert_eq!(
        free_places(&mut q.client, "telefono", ROMA, CALLS[1]).await,
        Some(1)
    );
}

#[tokio::test]
async fn a_move_and_more_capacity_free_places_for_those_waiting() {
    let app = spawn_app().await;
    let (mut booked, mut waiting) = full_day(&app, 3).await;
    for p in waiting.iter_mut() {
        join(p).await;
    }
    // A move to the 4th frees 14:00 on the 3rd: offered to the first.
    let (p, reference) = &mut booked[0];
    let request = p
        .client
        .request("POST", &format!("/api/appointments/{reference}/move"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", "m1")
        .body(Body::from(
            json!({ "start": "2026-03-04T14:00:00+01:00" }).to_string(),
        ))
        .unwrap();
    let moved = p.client.send(request).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let first = entry(&mut waiting[0]).await;
    assert_eq!(
        first.offer.as_ref().map(|o| o.starts_at.as_str()),
        Some(CALLS[0])
    );
    // The office adds a second person on duty: every call gets one more place; the two still
    // waiting get one each, in arrival order.
    let mut office = app.logged_in("operatore.roma").await;
    let raised = office
        .post(
            "/api/office/capacity",
            json!({ "date": DAY, "point": "telefono", "capacity": 2 }),
        )
        .await;
    assert_eq!(raised.status, StatusCode::OK, "{}", raised.text());
    let second = entry(&mut waiting[1]).await;
    let third = entry(&mut waiting[2]).await;
    assert_eq!(
        second.offer.as_ref().map(|o| o.starts_at.as_str()),
        Some(CALLS[0])
    );
    assert_eq!(
        third.offer.as_ref().map(|o| o.starts_at.as_str()),
        Some(CALLS[1])
    );
    assert_eq!(
        free_places(&mut office, "telefono", ROMA, CALLS[2]).await,
        Some(1)
    );
    slots_are_consistent(&app).await;
}

#[tokio::test]
async fn a_freed_place_with_several_waiting_and_racing_bookings_goes_to_exactly_one() {
    let app = spawn_app().await;
    let (mut booked, mut waiting) = full_day(&app, 3).await;
    for p in waiting.iter_mut() {
        join(p).await;
    }
    let racers = people(&app, 4).await;
    for (round, start) in CALLS.iter().enumerate().take(3) {
        let (owner, reference) = &booked[round];
        let mut requests = vec![
            Request::post(format!("/api/appointments/{reference}/cancel"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::COOKIE, owner.client.cookie.clone().unwrap())
                .body(Body::from("{}"))
                .unwrap(),
        ];
        for (i, r) in racers.iter().enumerate() {
            requests.push(
                Request::post("/api/appointments")
                    .header(header::CONTENT_TYPE, "application/json")
                    .header(header::COOKIE, r.client.cookie.clone().unwrap())
                    .header("idempotency-key", format!("race-{round}-{i}"))
                    .body(Body::from(hold_body(r.thread, start).to_string()))
                    .unwrap(),
            );
        }
        let answers = all_at_once(&app, requests).await;
        assert_eq!(answers[0].0, StatusCode::OK, "{}", answers[0].1);
        let held = answers[1..]
            .iter()
            .filter(|(s, _)| *s == StatusCode::CREATED)
            .count();
        for (status, body) in &answers[1..] {
            assert!(
                [StatusCode::CREATED, StatusCode::CONFLICT].contains(status),
                "{status} {body}"
            );
        }
        let offers: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM appointments a JOIN waitlist w ON w.appointment_id = a.id WHERE a.starts_at = (SELECT starts_at FROM appointments WHERE reference = $1) AND a.status = 'prenotato'",
        )
        .bind(reference.as_str())
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        // The place is freed and offered in one transaction: a booking never gets between.
        assert_eq!((offers, held), (1, 0), "round {round}");
        slots_are_consistent(&app).await;
    }
    // Each waiting person got exactly one offer, in arrival order.
    for (i, p) in waiting.iter_mut().enumerate() {
        let e = entry(p).await;
        assert_eq!(e.offer.map(|o| o.starts_at), Some(CALLS[i].to_string()));
    }
    let _ = &mut booked;
}
