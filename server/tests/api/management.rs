//! Gestione appuntamenti and intermediaries: the history and its filters, Annulla appuntamento
//! with its cut-off, the studio's agenda, the contributor search, delegations that end, and the
//! authorization matrix over every path that names a contributor, a thread or an appointment.

use crate::helpers::*;
use api::{Appointment, AppointmentStatus, AppointmentSummary, Contributor};
use axum::body::Body;
use axum::http::{header, StatusCode};
use serde_json::{json, Value};

const ROMA: i64 = 1;
const NAPOLI: i64 = 3;
/// Tuesday 3 March 2026, 08:30 in Rome (07:30 UTC): the first slot seen from START.
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";
const FIRST_SLOT_UTC: i64 = 1_772_523_000;

async fn eligible_thread(client: &mut Client<'_>, cf: &str) -> api::ThreadId {
    thread_of(client, cf, "Contributi del 2024").await
}

/// Holds and confirms the first slot of `office` for the thread: the appointment's reference.
async fn book(client: &mut Client<'_>, thread: api::ThreadId, office: i64, key: &str) -> String {
    book_at(client, thread, office, FIRST_SLOT, key).await
}

async fn free_at(client: &mut Client<'_>, office: i64) -> u32 {
    free_places(client, "sportello", office, FIRST_SLOT)
        .await
        .unwrap_or(0)
}

async fn history(client: &mut Client<'_>, cf: &str, query: &str) -> Vec<AppointmentSummary> {
    let response = client
        .get(&format!("/api/contributors/{cf}/appointments?{query}"))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn thread_texts(client: &mut Client<'_>, thread: api::ThreadId) -> Vec<String> {
    let detail: api::CommunicationDetail = client
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    detail.messages.into_iter().map(|m| m.text).collect()
}

#[tokio::test]
async fn the_history_says_who_booked_and_filters_by_it_and_by_dates() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = eligible_thread(&mut verdi, ROSSI).await;
    let reference = book(&mut verdi, thread, ROMA, "k1").await;

    let mut rossi = app.logged_in(ROSSI).await;
    let all = history(&mut rossi, ROSSI, "").await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].reference, reference);
    assert!(all[0].managed_by_intermediary);
    assert_eq!(all[0].booked_by, "Studio Verdi");
    assert_eq!(all[0].contributor.cf, ROSSI);
    assert!(history(&mut rossi, ROSSI, "managed_by=contribuente")
        .await
        .is_empty());
    assert_eq!(
        history(&mut rossi, ROSSI, "managed_by=intermediario")
            .await
            .len(),
        1
    );
    assert_eq!(
        history(&mut rossi, ROSSI, "from=2026-03-03&to=2026-03-03")
            .await
            .len(),
        1
    );
    assert!(history(&mut rossi, ROSSI, "from=2026-03-04")
        .await
        .is_empty());
    assert!(history(&mut rossi, ROSSI, "to=2026-03-02").await.is_empty());

    for (query, field) in [
        ("managed_by=studio", "managed_by"),
        ("from=2026-03-05&to=2026-03-04", "to"),
        ("to=domani", "to"),
        ("status=perso", "status"),
    ] {
        let bad = rossi
            .get(&format!("/api/contributors/{ROSSI}/appointments?{query}"))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(bad.error().fields.contains_key(field), "{query}");
    }
}

#[tokio::test]
async fn annulla_appuntamento_frees_the_slot_and_tells_the_thread() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = eligible_thread(&mut verdi, ROSSI).await;
    let reference = book(&mut verdi, thread, ROMA, "k1").await;
    assert_eq!(free_at(&mut verdi, ROMA).await, 1);

    let mut rossi = app.logged_in(ROSSI).await;
    let detail: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert!(detail.can_cancel);
    assert_eq!(
        detail.cancel_until.as_deref(),
        Some("2026-03-03T06:30:00+01:00"),
        "two hours before the start"
    );

    // Too long a reason changes nothing.
    let long = rossi
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": "x".repeat(501) }),
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.error().fields.contains_key("reason"));
    let unknown = rossi
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": "ok", "force": true }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(free_at(&mut rossi, ROMA).await, 1);

    let cancelled = rossi
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": "Ho risolto con il commercialista." }),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let cancelled: Appointment = cancelled.json();
    assert_eq!(cancelled.status, AppointmentStatus::Annullato);
    assert!(!cancelled.can_cancel && !cancelled.cancelled_by_office);
    assert_eq!(
        cancelled.cancel_reason.as_deref(),
        Some("Ho risolto con il commercialista.")
    );
    let last = cancelled.timeline.last().unwrap();
    assert_eq!(
        (last.kind.code(), last.actor.as_str(), last.note.as_deref()),
        (
            "annullato",
            "Mario Rossi",
            Some("Ho risolto con il commercialista.")
        )
    );
    assert_eq!(
        free_at(&mut rossi, ROMA).await,
        2,
        "the slot is free at once"
    );
    assert_eq!(
        thread_texts(&mut rossi, thread).await.last().unwrap(),
        "Appuntamento AP-2026-000001 di martedì 3 marzo 2026 alle 08:30 presso la Sede di Roma annullato da Mario Rossi. Motivo: Ho risolto con il commercialista."
    );

    // Again: the same answer, nothing more written; and it can no longer be released.
    let messages = app.count("messages").await;
    let again = rossi
        .post(&format!("/api/appointments/{reference}/cancel"), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<Appointment>(), cancelled);
    assert_eq!(app.count("messages").await, messages);
    assert_eq!(
        rossi
            .post(&format!("/api/appointments/{reference}/release"), json!({}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let listed = history(&mut rossi, ROSSI, "status=annullato").await;
    assert_eq!(listed.len(), 1);
}

#[tokio::test]
async fn past_the_cutoff_cancelling_is_refused_and_says_whom_to_call() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    let reference = book(&mut rossi, thread, ROMA, "k1").await;
    let before_cutoff = FIRST_SLOT_UTC - 2 * 3600 - 1;
    app.clock.advance(before_cutoff - app.clock_now());
    // A day later: the first session has long ended.
    let mut rossi = app.logged_in(ROSSI).await;
    let detail: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert!(detail.can_cancel, "one second before the cut-off");

    app.clock.advance(1);
    let detail: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert!(!detail.can_cancel);
    assert!(detail.cancel_until.is_some());
    let refused = rossi
        .post(&format!("/api/appointments/{reference}/cancel"), json!({}))
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.code(), "past_cutoff");
    assert!(refused.error().message.contains("803 164"));
    let (status,): (String,) = sqlx::query_as("SELECT status FROM appointments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "confermato");
}

#[tokio::test]
async fn an_intermediary_cancels_and_the_timeline_says_so() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = eligible_thread(&mut rossi, ROSSI).await;
    let reference = book(&mut rossi, thread, ROMA, "k1").await;
    let mut verdi = app.logged_in(VERDI).await;
    let cancelled: Appointment = verdi
        .post(
            &format!("/api/appointments/{reference}/cancel"),
            json!({ "reason": null }),
        )
        .await
        .json();
    assert_eq!(cancelled.status, AppointmentStatus::Annullato);
    let actors: Vec<(&str, &str)> = cancelled
        .timeline
        .iter()
        .map(|e| (e.kind.code(), e.actor.as_str()))
        .collect();
    assert_eq!(
        actors,
        [
            ("prenotato", "Mario Rossi"),
            ("confermato", "Mario Rossi"),
            ("annullato", "Studio Verdi")
        ]
    );
    assert!(thread_texts(&mut rossi, thread)
        .await
        .last()
        .unwrap()
        .ends_with("annullato da Studio Verdi per conto di Mario Rossi."));
}

#[tokio::test]
async fn the_studio_agenda_lists_the_delegated_contributors_upcoming_appointments() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let rossi_thread = eligible_thread(&mut verdi, ROSSI).await;
    let rossi_ref = book(&mut verdi, rossi_thread, ROMA, "k1").await;
    let mut ferri = app.logged_in(FERRI).await;
    let ferri_thread = eligible_thread(&mut ferri, FERRI).await;
    book(&mut ferri, ferri_thread, NAPOLI, "k1").await;

    let agenda: Vec<AppointmentSummary> = verdi.get("/api/intermediary/agenda").await.json();
    assert_eq!(
        agenda
            .iter()
            .map(|a| (a.reference.as_str(), a.contributor.name.as_str()))
            .collect::<Vec<_>>(),
        [(rossi_ref.as_str(), "Mario Rossi")],
        "Ferri did not delegate Verdi"
    );
    for who in [ROSSI, "operatore.roma"] {
        let mut other = app.logged_in(who).await;
        assert_eq!(
            other.get("/api/intermediary/agenda").await.status,
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(
        app.client().get("/api/intermediary/agenda").await.status,
        StatusCode::UNAUTHORIZED
    );

    // Past appointments leave the agenda.
    app.clock.advance(FIRST_SLOT_UTC - app.clock_now() + 1);
    let mut verdi = app.logged_in(VERDI).await;
    let agenda: Vec<AppointmentSummary> = verdi.get("/api/intermediary/agenda").await.json();
    assert!(agenda.is_empty());
}

#[tokio::test]
async fn an_intermediary_searches_only_among_the_delegated_contributors() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let names = |list: Vec<Contributor>| list.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(
        names(verdi.get("/api/contributors?q=rossi").await.json()),
        ["Mario Rossi"]
    );
    assert_eq!(
        names(verdi.get("/api/contributors?q=bnclcu85").await.json()),
        ["Lucia Bianchi"]
    );
    assert!(names(verdi.get("/api/contributors?q=Ferri").await.json()).is_empty());
    assert!(names(
        verdi
            .get("/api/contributors?q=FRRGNN72T10F839E")
            .await
            .json()
    )
    .is_empty());
    assert_eq!(
        names(verdi.get("/api/contributors?q=").await.json()).len(),
        2
    );
    let long = verdi
        .get(&format!("/api/contributors?q={}", "a".repeat(101)))
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_revoked_or_expired_delegation_stops_working_on_the_next_request() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = eligible_thread(&mut verdi, ROSSI).await;
    let reference = book(&mut verdi, thread, ROMA, "k1").await;

    sqlx::query(
        "UPDATE delegations SET revoked_at = $1
         WHERE contributor_id = (SELECT id FROM contributors WHERE cf = $2)",
    )
    .bind(app.clock_now())
    .bind(ROSSI)
    .execute(&app.db.pool)
    .await
    .unwrap();
    for path in [
        format!("/api/contributors/{ROSSI}/communications"),
        format!("/api/contributors/{ROSSI}/appointments"),
        format!("/api/communications/{thread}"),
        format!("/api/appointments/{reference}"),
    ] {
        assert_eq!(
            verdi.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let agenda: Vec<AppointmentSummary> = verdi.get("/api/intermediary/agenda").await.json();
    assert!(agenda.is_empty());
    let contributors: Vec<Contributor> = verdi.get("/api/contributors").await.json();
    assert_eq!(contributors.len(), 1);

    // Bianchi's delegation runs out: refused from that second on.
    let (until,): (i64,) = sqlx::query_as(
        "SELECT valid_until FROM delegations
         WHERE contributor_id = (SELECT id FROM contributors WHERE cf = $1)",
    )
    .bind(BIANCHI)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    app.clock.advance(until - app.clock_now() - 1);
    let mut verdi = app.logged_in(VERDI).await;
    let path = format!("/api/contributors/{BIANCHI}/communications");
    assert_eq!(verdi.get(&path).await.status, StatusCode::OK);
    app.clock.advance(1);
    assert_eq!(verdi.get(&path).await.status, StatusCode::NOT_FOUND);
}

/// What a cell of the matrix must answer.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// 2xx.
    Ok,
    /// Past the permission check, stopped by a rule or by the (deliberately bad) body: 409/422.
    Refused,
    /// 404 for the logged in (exactly as for a resource that does not exist), 401 for anonymous.
    Denied,
    /// 403: a role that may never do this (API.md), 401 for anonymous.
    Forbidden,
}
use Expect::*;

const IDENTITIES: [&str; 7] = [
    ROSSI,
    BIANCHI,
    FERRI,
    VERDI,
    "operatore.roma",
    "operatore.milano",
    "anonimo",
];

/// Who may do what, one row per path and method; the columns follow `IDENTITIES`.
fn matrix(
    rossi_thread: api::ThreadId,
    rossi_ref: &str,
    ferri_thread: api::ThreadId,
    ferri_ref: &str,
    rossi_entry: i64,
    rossi_file: api::AttachmentId,
) -> Vec<(&'static str, &'static str, String, Value, [Expect; 7])> {
    let bad_hold = |thread: api::ThreadId| {
        json!({ "communication_id": thread, "point": "sportello", "office": ROMA,
                "start": FIRST_SLOT, "phone": "12", "notes": "x" })
    };
    let bad_thread = json!({ "topic": "", "subject": "", "text": "" });
    let bad_message = json!({ "text": "" });
    let bad_outcome = json!({ "outcome": "accolta", "text": "" });
    let bad_reason = json!({ "reason": "x".repeat(501) });
    let bad_closure = json!({ "from": "", "to": "", "reason": "" });
    let operators = |e: Expect| [Forbidden, Forbidden, Forbidden, Forbidden, e, e, Denied];
    let none = json!({});
    // Rossi's own column, Verdi's (delegated by Rossi), the Roman office's.
    let rossi_side = [Ok, Denied, Denied, Ok, Denied, Denied, Denied];
    let rossi_and_roma = [Ok, Denied, Denied, Ok, Ok, Denied, Denied];
    let ferri_only = [Denied, Denied, Ok, Denied, Denied, Denied, Denied];
    let refused = |e: [Expect; 7]| e.map(|x| if x == Ok { Refused } else { x });
    let r = rossi_ref;
    let f = ferri_ref;
    vec![
        (
            "GET",
            "/api/contributors/{cf}/communications",
            format!("/api/contributors/{ROSSI}/communications"),
            none.clone(),
            rossi_side,
        ),
        (
            "GET",
            "/api/contributors/{cf}/communications",
            format!("/api/contributors/{FERRI}/communications"),
            none.clone(),
            ferri_only,
        ),
        (
            "POST",
            "/api/contributors/{cf}/communications",
            format!("/api/contributors/{ROSSI}/communications"),
            bad_thread.clone(),
            refused(rossi_side),
        ),
        (
            "POST",
            "/api/contributors/{cf}/communications",
            format!("/api/contributors/{FERRI}/communications"),
            bad_thread,
            refused(ferri_only),
        ),
        (
            "GET",
            "/api/contributors/{cf}/appointments",
            format!("/api/contributors/{ROSSI}/appointments"),
            none.clone(),
            rossi_side,
        ),
        (
            "GET",
            "/api/contributors/{cf}/appointments",
            format!("/api/contributors/{FERRI}/appointments"),
            none.clone(),
            ferri_only,
        ),
        (
            "GET",
            "/api/communications/{id}",
            format!("/api/communications/{rossi_thread}"),
            none.clone(),
            rossi_and_roma,
        ),
        (
            "GET",
            "/api/communications/{id}",
            format!("/api/communications/{ferri_thread}"),
            none.clone(),
            ferri_only,
        ),
        (
            "POST",
            "/api/communications/{id}/messages",
            format!("/api/communications/{rossi_thread}/messages"),
            bad_message.clone(),
            refused(rossi_and_roma),
        ),
        (
            "POST",
            "/api/communications/{id}/messages",
            format!("/api/communications/{ferri_thread}/messages"),
            bad_message,
            refused(ferri_only),
        ),
        (
            "GET",
            "/api/communications/{id}/eligibility",
            format!("/api/communications/{rossi_thread}/eligibility"),
            none.clone(),
            rossi_and_roma,
        ),
        (
            "GET",
            "/api/communications/{id}/eligibility",
            format!("/api/communications/{ferri_thread}/eligibility"),
            none.clone(),
            ferri_only,
        ),
        // Valuta il servizio: the contributor's side only; the office never rates itself.
        (
            "POST",
            "/api/communications/{id}/rating",
            format!("/api/communications/{rossi_thread}/rating"),
            json!({ "occasion": "comunicazione", "score": 0 }),
            [Refused, Denied, Denied, Refused, Forbidden, Denied, Denied],
        ),
        (
            "POST",
            "/api/appointments/{reference}/rating",
            format!("/api/appointments/{r}/rating"),
            json!({ "occasion": "prenotazione", "score": 0 }),
            [Refused, Denied, Denied, Refused, Forbidden, Denied, Denied],
        ),
        (
            "POST",
            "/api/communications/{id}/outcome",
            format!("/api/communications/{rossi_thread}/outcome"),
            bad_outcome.clone(),
            [Denied, Denied, Denied, Denied, Refused, Denied, Denied],
        ),
        (
            "POST",
            "/api/communications/{id}/outcome",
            format!("/api/communications/{ferri_thread}/outcome"),
            bad_outcome,
            [Denied; 7],
        ),
        (
            "POST",
            "/api/appointments",
            "/api/appointments".into(),
            bad_hold(rossi_thread),
            refused(rossi_side),
        ),
        (
            "POST",
            "/api/appointments",
            "/api/appointments".into(),
            bad_hold(ferri_thread),
            refused(ferri_only),
        ),
        // Prenota per il contribuente: Rome's operators for Rome's thread (the bad body is a
        // 422), Milan does not reach it (404), everyone else is no operator (403).
        (
            "POST",
            "/api/office/appointments",
            "/api/office/appointments".into(),
            bad_hold(rossi_thread),
            [
                Forbidden, Forbidden, Forbidden, Forbidden, Refused, Denied, Denied,
            ],
        ),
        (
            "GET",
            "/api/appointments/{reference}",
            format!("/api/appointments/{r}"),
            none.clone(),
            rossi_and_roma,
        ),
        (
            "GET",
            "/api/appointments/{reference}",
            format!("/api/appointments/{f}"),
            none.clone(),
            ferri_only,
        ),
        // Confirmed already: confirming again is the same answer, extending or releasing a conflict.
        (
            "POST",
            "/api/appointments/{reference}/confirm",
            format!("/api/appointments/{r}/confirm"),
            none.clone(),
            rossi_side,
        ),
        (
            "POST",
            "/api/appointments/{reference}/confirm",
            format!("/api/appointments/{f}/confirm"),
            none.clone(),
            ferri_only,
        ),
        (
            "POST",
            "/api/appointments/{reference}/extend",
            format!("/api/appointments/{r}/extend"),
            none.clone(),
            refused(rossi_side),
        ),
        (
            "POST",
            "/api/appointments/{reference}/extend",
            format!("/api/appointments/{f}/extend"),
            none.clone(),
            refused(ferri_only),
        ),
        (
            "POST",
            "/api/appointments/{reference}/release",
            format!("/api/appointments/{r}/release"),
            none.clone(),
            refused(rossi_side),
        ),
        (
            "POST",
            "/api/appointments/{reference}/release",
            format!("/api/appointments/{f}/release"),
            none.clone(),
            refused(ferri_only),
        ),
        (
            "POST",
            "/api/appointments/{reference}/cancel",
            format!("/api/appointments/{r}/cancel"),
            bad_reason.clone(),
            refused(rossi_and_roma),
        ),
        (
            "POST",
            "/api/appointments/{reference}/cancel",
            format!("/api/appointments/{f}/cancel"),
            bad_reason,
            refused(ferri_only),
        ),
        (
            "POST",
            "/api/appointments/{reference}/move",
            format!("/api/appointments/{r}/move"),
            json!({ "start": "x", "reason": "x".repeat(501) }),
            refused(rossi_and_roma),
        ),
        (
            "POST",
            "/api/appointments/{reference}/move",
            format!("/api/appointments/{f}/move"),
            json!({ "start": "x", "reason": "x".repeat(501) }),
            refused(ferri_only),
        ),
        (
            "GET",
            "/api/appointments/{reference}/ics",
            format!("/api/appointments/{r}/ics"),
            none.clone(),
            rossi_and_roma,
        ),
        (
            "GET",
            "/api/appointments/{reference}/ics",
            format!("/api/appointments/{f}/ics"),
            none.clone(),
            ferri_only,
        ),
        (
            "GET",
            "/api/intermediary/agenda",
            "/api/intermediary/agenda".into(),
            none.clone(),
            [
                Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Denied,
            ],
        ),
        // Attendance: only Rome's operators reach the rules (not started yet: 409).
        (
            "POST",
            "/api/appointments/{reference}/attendance",
            format!("/api/appointments/{r}/attendance"),
            json!({ "outcome": "svolto" }),
            [Denied, Denied, Denied, Denied, Refused, Denied, Denied],
        ),
        (
            "POST",
            "/api/appointments/{reference}/attendance",
            format!("/api/appointments/{f}/attendance"),
            json!({ "outcome": "svolto" }),
            [Denied; 7],
        ),
        // Correggi la presenza: nothing recorded yet (409) for Rome's operators only.
        (
            "POST",
            "/api/appointments/{reference}/attendance/correction",
            format!("/api/appointments/{r}/attendance/correction"),
            json!({ "outcome": "svolto" }),
            [Denied, Denied, Denied, Denied, Refused, Denied, Denied],
        ),
        (
            "POST",
            "/api/appointments/{reference}/attendance/correction",
            format!("/api/appointments/{f}/attendance/correction"),
            json!({ "outcome": "svolto" }),
            [Denied; 7],
        ),
        // Allegati: whoever may write in the thread reaches the file's checks (a file that is
        // no PNG: 422); a sent file is read by whoever reads the thread, taken back by nobody.
        (
            "POST",
            "/api/communications/{id}/attachments",
            format!("/api/communications/{rossi_thread}/attachments"),
            none.clone(),
            refused(rossi_and_roma),
        ),
        (
            "POST",
            "/api/communications/{id}/attachments",
            format!("/api/communications/{ferri_thread}/attachments"),
            none.clone(),
            refused(ferri_only),
        ),
        (
            "GET",
            "/api/communications/{id}/attachments",
            format!("/api/communications/{rossi_thread}/attachments"),
            none.clone(),
            rossi_and_roma,
        ),
        (
            "GET",
            "/api/attachments/{id}",
            format!("/api/attachments/{rossi_file}"),
            none.clone(),
            rossi_and_roma,
        ),
        (
            "DELETE",
            "/api/attachments/{id}",
            format!("/api/attachments/{rossi_file}"),
            none.clone(),
            [Denied; 7],
        ),
        // The office's side of a thread: Rome's operators (Rossi's thread is Rome's); the
        // contributor's side and Milan learn nothing (404).
        (
            "GET",
            "/api/communications/{id}/office",
            format!("/api/communications/{rossi_thread}/office"),
            none.clone(),
            [Denied, Denied, Denied, Denied, Ok, Denied, Denied],
        ),
        (
            "PUT",
            "/api/communications/{id}/handling",
            format!("/api/communications/{rossi_thread}/handling"),
            none.clone(),
            [Denied, Denied, Denied, Denied, Ok, Denied, Denied],
        ),
        (
            "DELETE",
            "/api/communications/{id}/handling",
            format!("/api/communications/{rossi_thread}/handling"),
            none.clone(),
            [Denied, Denied, Denied, Denied, Ok, Denied, Denied],
        ),
        (
            "POST",
            "/api/communications/{id}/notes",
            format!("/api/communications/{rossi_thread}/notes"),
            json!({ "text": "" }),
            [Denied, Denied, Denied, Denied, Refused, Denied, Denied],
        ),
        // The office's own pages: operators only, each bound to their own office.
        (
            "GET",
            "/api/office/communications",
            "/api/office/communications".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/agenda",
            "/api/office/agenda".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/closures",
            "/api/office/closures".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/week",
            "/api/office/week".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/stats",
            "/api/office/stats".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/stats/chart",
            "/api/office/stats/chart?chart=giorni".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/communications.csv",
            "/api/office/communications.csv".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/contributors/{cf}",
            format!("/api/office/contributors/{ROSSI}"),
            none.clone(),
            [
                Forbidden, Forbidden, Forbidden, Forbidden, Ok, Denied, Denied,
            ],
        ),
        (
            "GET",
            "/api/office/search",
            "/api/office/search?q=Rossi".into(),
            none.clone(),
            operators(Ok),
        ),
        (
            "GET",
            "/api/office/agenda.csv",
            "/api/office/agenda.csv".into(),
            none.clone(),
            operators(Ok),
        ),
        // Which days a wait would be taken for: reference data for anyone logged in.
        (
            "GET",
            "/api/waitlist/days",
            "/api/waitlist/days?point=sportello&office=1".into(),
            none.clone(),
            [Ok, Ok, Ok, Ok, Ok, Ok, Denied],
        ),
        (
            "POST",
            "/api/office/closures",
            "/api/office/closures".into(),
            bad_closure.clone(),
            operators(Refused),
        ),
        // No closure 999999 anywhere: an operator gets the 404 of another office's.
        (
            "DELETE",
            "/api/office/closures/{id}",
            "/api/office/closures/999999".into(),
            none.clone(),
            operators(Denied),
        ),
        (
            "POST",
            "/api/office/closures/preview",
            "/api/office/closures/preview".into(),
            bad_closure,
            operators(Refused),
        ),
        // Lista d'attesa: the contributor's side only (an operator has no list). A waiting
        // entry has no offer to answer (409); leaving is last, once (then 409).
        (
            "GET",
            "/api/contributors/{cf}/waitlist",
            format!("/api/contributors/{ROSSI}/waitlist"),
            none.clone(),
            rossi_side,
        ),
        (
            "GET",
            "/api/contributors/{cf}/waitlist",
            format!("/api/contributors/{FERRI}/waitlist"),
            none.clone(),
            ferri_only,
        ),
        (
            "POST",
            "/api/waitlist/{id}/accept",
            format!("/api/waitlist/{rossi_entry}/accept"),
            none.clone(),
            refused(rossi_side),
        ),
        (
            "POST",
            "/api/waitlist/{id}/decline",
            format!("/api/waitlist/{rossi_entry}/decline"),
            none.clone(),
            refused(rossi_side),
        ),
        (
            "DELETE",
            "/api/waitlist/{id}",
            format!("/api/waitlist/{rossi_entry}"),
            none,
            [Ok, Denied, Denied, Refused, Denied, Denied, Denied],
        ),
        (
            "POST",
            "/api/office/capacity",
            "/api/office/capacity".into(),
            json!({ "date": "x", "point": "sportello", "capacity": 0 }),
            operators(Refused),
        ),
    ]
}

/// The same request for a resource that does not exist: a denied cell must answer exactly this.
fn missing(path: &str) -> String {
    path.replace(ROSSI, "ZZZZZZ00Z00Z000Z")
        .replace(FERRI, "ZZZZZZ00Z00Z000Z")
        .replace("AP-2026-000001", "AP-2026-999999")
        .replace("AP-2026-000002", "AP-2026-999999")
        .split('/')
        .map(|part| {
            if part.parse::<i64>().is_ok() {
                "999999"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A PNG that `client` sends with a message in `thread`.
async fn sent_file(client: &mut Client<'_>, thread: api::ThreadId) -> api::AttachmentId {
    let mut png = Vec::new();
    image::RgbImage::new(2, 2)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let request = client
        .request("POST", &format!("/api/communications/{thread}/attachments"))
        .header(header::CONTENT_TYPE, "image/png")
        .header("x-filename", "foto.png")
        .body(Body::from(png))
        .unwrap();
    let file: api::Attachment = client.send(request).await.json();
    let sent = client
        .post(
            &format!("/api/communications/{thread}/messages"),
            json!({ "text": "La foto.", "attachments": [file.id] }),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED);
    file.id
}

/// A waiting entry of the thread, written as joining would write it (joining needs a day
/// with no free place, which this test does not need).
async fn waiting_entry(app: &TestApp, thread: api::ThreadId) -> i64 {
    sqlx::query(
        "INSERT INTO waitlist (id, communication_id, contributor_id, office_id, point_code,
             from_day, to_day, first_at, last_at, part_of_day, phone, notes, status, created_by,
             created_by_label, created_at, updated_at)
         SELECT 7001, t.id, t.contributor_id, 1, 'telefono', '2026-03-03', '2026-03-03',
                $2, $3, NULL, '0612345678', 'Note', 'in_attesa', c.user_id, c.name, $4, $4
         FROM communications t JOIN contributors c ON c.id = t.contributor_id WHERE t.id = $1",
    )
    .bind(thread)
    .bind(FIRST_SLOT_UTC - 8 * 3600)
    .bind(FIRST_SLOT_UTC + 16 * 3600)
    .bind(app.clock_now())
    .execute(&app.db.pool)
    .await
    .unwrap();
    7001
}

#[tokio::test]
async fn authorization_matrix_every_identity_on_every_path() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let rossi_thread = eligible_thread(&mut verdi, ROSSI).await;
    let rossi_ref = book(&mut verdi, rossi_thread, ROMA, "k1").await;
    let mut ferri = app.logged_in(FERRI).await;
    let ferri_thread = eligible_thread(&mut ferri, FERRI).await;
    let ferri_ref = book(&mut ferri, ferri_thread, NAPOLI, "k1").await;
    let rossi_entry = waiting_entry(&app, rossi_thread).await;
    let rossi_file = sent_file(&mut verdi, rossi_thread).await;
    let rows = matrix(
        rossi_thread,
        &rossi_ref,
        ferri_thread,
        &ferri_ref,
        rossi_entry,
        rossi_file,
    );

    // Every documented path that names a contributor, a thread or an appointment (and the
    // studio's agenda) has its rows: a new endpoint missing here fails the test.
    let document: Value = app.client().get("/api/openapi.json").await.json();
    for (path, operations) in document["paths"].as_object().unwrap() {
        let scoped = path.contains('{')
            || path == "/api/appointments"
            || path == "/api/office/appointments"
            || path == "/api/intermediary/agenda";
        if !scoped {
            continue;
        }
        for method in operations
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "parameters")
        {
            let method = method.to_uppercase();
            assert!(
                rows.iter().any(|(m, p, ..)| *m == method && p == path),
                "{method} {path} is missing from the authorization matrix"
            );
        }
    }

    let appointments = app.count("appointments").await;
    let messages = app.count("messages").await;
    let threads = app.count("communications").await;
    let files = app.count("attachments").await;
    let mut clients = Vec::new();
    for who in IDENTITIES {
        clients.push(if who == "anonimo" {
            app.client()
        } else {
            app.logged_in(who).await
        });
    }
    for (method, template, path, body, expected) in &rows {
        for (i, who) in IDENTITIES.iter().enumerate() {
            let client = &mut clients[i];
            let upload = template.ends_with("/attachments");
            let send = |path: &str| {
                client
                    .request(method, path)
                    .header(
                        header::CONTENT_TYPE,
                        if upload {
                            "image/png"
                        } else {
                            "application/json"
                        },
                    )
                    .header("x-filename", "foto.png")
                    .header("idempotency-key", format!("matrix-{i}"))
                    .body(Body::from(if *method == "GET" {
                        String::new()
                    } else {
                        body.to_string()
                    }))
                    .unwrap()
            };
            let (request, baseline) = (send(path), send(&missing(path)));
            let response = client.send(request).await;
            let status = response.status;
            let cell = format!(
                "{who} × {method} {path} ({template}): {status} {}",
                response.text()
            );
            match expected[i] {
                Ok => assert!(status.is_success(), "{cell}"),
                Refused => assert!(
                    [StatusCode::CONFLICT, StatusCode::UNPROCESSABLE_ENTITY].contains(&status),
                    "{cell}"
                ),
                Denied | Forbidden if *who == "anonimo" => {
                    assert_eq!(status, StatusCode::UNAUTHORIZED, "{cell}")
                }
                Forbidden => assert_eq!(status, StatusCode::FORBIDDEN, "{cell}"),
                Denied => {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{cell}");
                    if path.contains(|c: char| c.is_ascii_digit()) {
                        let absent = client.send(baseline).await;
                        assert_eq!(absent.status, StatusCode::NOT_FOUND, "{cell}");
                        assert_eq!(
                            absent.body, response.body,
                            "{cell}: a denial must read as absence"
                        );
                    }
                }
            }
        }
    }
    // Nothing the matrix sent changed anything.
    assert_eq!(app.count("appointments").await, appointments);
    assert_eq!(app.count("messages").await, messages);
    assert_eq!(app.count("communications").await, threads);
    assert_eq!(app.count("attachments").await, files);
    let confirmed: Vec<(String,)> = sqlx::query_as("SELECT status FROM appointments")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert!(confirmed.iter().all(|(s,)| s == "confermato"));

    // Rossi revokes Verdi: his very next request for Rossi's data is refused.
    sqlx::query(
        "UPDATE delegations SET revoked_at = $1
         WHERE contributor_id = (SELECT id FROM contributors WHERE cf = $2)",
    )
    .bind(app.clock_now())
    .bind(ROSSI)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let verdi = &mut clients[3];
    for (method, _, path, _, expected) in &rows {
        // (Reference data such as the waitable days names no contributor.)
        let about_rossi = !path.contains("intermediary") && !path.starts_with("/api/waitlist/days");
        if expected[3] == Ok && *method == "GET" && about_rossi {
            assert_eq!(
                verdi.get(path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }
}
