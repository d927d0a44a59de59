//! What a public service owes its users: the footer's pages, drawn without a session; the
//! accessibility report, kept and seen by operators; the privacy notice's retention periods,
//! which are the code's; Valuta il servizio; and a videochiamata's room.

use crate::helpers::*;
use api::{AccessibilityReport, Appointment, AppointmentStatus, RatingOccasion};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;
use server::domain::retention;

const ROMA: i64 = 1;
const FIRST_SLOT: &str = "2026-03-03T08:30:00+01:00";

fn form(path: &str, body: &str, address: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, "http://127.0.0.1:8080")
        .header(header::HOST, "127.0.0.1:8080")
        .header("x-forwarded-for", address)
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn every_page_carries_the_footer_and_its_pages_need_no_session() {
    let app = spawn_app().await;
    for path in [
        "/accedi",
        "/accessibilita",
        "/privacy",
        "/cookie",
        "/aiuto",
        "/contatti",
    ] {
        let page = app.client().get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
        let html = page.text();
        for (link, words) in [
            ("/accessibilita", "Dichiarazione di accessibilità"),
            ("/privacy", "Informativa privacy"),
            ("/cookie", "Cookie"),
            ("/aiuto", "Aiuto"),
            ("/contatti", "Contatti"),
        ] {
            assert!(
                html.contains(&format!(r#"<li><a href="{link}">{words}</a></li>"#)),
                "{path} links {link}"
            );
        }
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
    }
    // In English when the browser asks for it, or the person chose it here.
    let english = app
        .client()
        .send(
            Request::get("/privacy")
                .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(english
        .text()
        .contains("<h1 class=\"page-title\">Privacy notice</h1>"));
    let chosen = app.client().get("/cookie?lingua=en").await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    assert_eq!(chosen.header("location"), "/cookie");
    assert!(chosen.header("set-cookie").starts_with("lingua=en;"));
}

/// A period as the Italian notice must say it, written here independently of the page's code.
fn italian(seconds: i64) -> String {
    let (n, one, many) = if seconds % (365 * 86_400) == 0 {
        (seconds / (365 * 86_400), "anno", "anni")
    } else if seconds % 86_400 == 0 {
        (seconds / 86_400, "giorno", "giorni")
    } else if seconds % 3600 == 0 {
        (seconds / 3600, "ora", "ore")
    } else {
        (seconds / 60, "minuto", "minuti")
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The table row of the privacy notice that names `what`.
fn row<'a>(html: &'a str, what: &str) -> &'a str {
    let at = html
        .find(&format!("<th scope=\"row\">{what}"))
        .unwrap_or_else(|| panic!("no row for {what}"));
    let end = html[at..].find("</tr>").unwrap();
    &html[at..at + end]
}

/// The privacy notice states the periods the service applies: each row says its constant's
/// value. A page written by hand would fail here as soon as a constant changed.
#[tokio::test]
async fn the_privacy_notice_states_the_periods_the_code_applies() {
    let app = spawn_app().await;
    let html = app.client().get("/privacy").await.text();
    let expected = [
        (
            "Tentativi di accesso non riusciti",
            retention::LOGIN_ATTEMPTS,
        ),
        (
            "Accesso con SPID o CIE in corso",
            retention::SPID_CIE_LOGINS,
        ),
        (
            "Chiavi che evitano una doppia prenotazione",
            retention::IDEMPOTENCY_KEYS,
        ),
        (
            "Posto prenotato e non ancora confermato",
            server::domain::booking::HOLD_SECONDS,
        ),
        (
            "Documenti caricati e non inviati",
            server::domain::attachment::ORPHAN_SECONDS,
        ),
        ("Registro degli avvisi e-mail", retention::NOTICES),
        ("Comunicazioni chiuse", retention::RECORDS),
        ("Valutazioni del servizio", retention::RATINGS),
        (
            "Segnalazioni di accessibilità",
            retention::ACCESSIBILITY_REPORTS,
        ),
        ("Impronta cifrata", retention::REPORT_SENDERS),
    ];
    for (what, seconds) in expected {
        let words = italian(seconds);
        assert!(row(&html, what).contains(&words), "{what}: {words}");
    }
    let session = row(&html, "Sessione di accesso");
    assert!(session.contains(&italian(server::auth::IDLE_TIMEOUT)));
    assert!(session.contains(&italian(server::auth::ABSOLUTE_TIMEOUT)));
    // And the cookie page names each cookie the code sets, with its lifetime.
    let cookies = app.client().get("/cookie").await.text();
    assert!(cookies.contains("<code>cassetto_session</code>"));
    assert!(cookies.contains("<code>cassetto_oidc</code>"));
    assert!(cookies.contains("<code>lingua</code>"));
    assert!(row(&cookies, "<code>lingua</code>").contains(&italian(api::LANGUAGE_COOKIE_MAX_AGE)));
    assert!(row(&cookies, "<code>cassetto_session</code>")
        .contains(&italian(server::auth::ABSOLUTE_TIMEOUT)));
    assert!(cookies.contains("non mostra alcun banner"));
}

#[tokio::test]
async fn an_accessibility_report_is_kept_acknowledged_and_seen_by_operators() {
    let app = spawn_app().await;
    let sent = app
        .client()
        .send(form(
            "/accessibilita/segnalazione",
            "descrizione=Il+calendario+non+si+usa+con+la+tastiera&pagina=Prenota&nome=Anna+Neri&email=anna%40example.it",
            "203.0.113.7",
        ))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let location = sent.header("location").to_string();
    assert!(
        location.starts_with("/accessibilita?ricevuta="),
        "{location}"
    );
    let number: i64 = location.rsplit('=').next().unwrap().parse().unwrap();
    let ack = app.client().get(&location).await.text();
    assert!(ack.contains(&format!("Segnalazione n. {number} ricevuta")));

    let mut roma = app.logged_in("operatore.roma").await;
    let reports: Vec<AccessibilityReport> =
        roma.get("/api/office/accessibility-reports").await.json();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].number, number);
    assert_eq!(
        reports[0].description,
        "Il calendario non si usa con la tastiera"
    );
    assert_eq!(
        (
            reports[0].page.as_str(),
            reports[0].name.as_str(),
            reports[0].email.as_str()
        ),
        ("Prenota", "Anna Neri", "anna@example.it")
    );
    assert_eq!(reports[0].answer_by, "2026-04-01", "thirty days after");
    // Contributors do not read other people's reports.
    let mut rossi = app.logged_in(ROSSI).await;
    let refused = rossi.get("/api/office/accessibility-reports").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_report_with_problems_says_them_keeps_what_was_typed_and_stores_nothing() {
    let app = spawn_app().await;
    let refused = app
        .client()
        .send(form(
            "/accessibilita/segnalazione",
            "descrizione=+++&nome=Anna+%3Cb%3E&email=non-un-indirizzo",
            "203.0.113.8",
        ))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text();
    assert!(html.contains("autofocus"));
    assert!(
        html.contains(r##"<a href="#descrizione">Descrivi il problema che hai incontrato.</a>"##)
    );
    assert!(html.contains(r##"<a href="#email">"##));
    assert!(
        html.contains(r#"value="Anna &lt;b&gt;""#),
        "typed text kept, escaped"
    );
    assert!(html.contains(r#"value="non-un-indirizzo""#));
    assert_eq!(app.count("accessibility_reports").await, 0);
    // Another site's form cannot post it.
    let cross = Request::post("/accessibilita/segnalazione")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("descrizione=spam"))
        .unwrap();
    assert_eq!(app.client().send(cross).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("accessibility_reports").await, 0);
}

#[tokio::test]
async fn one_address_sends_a_few_reports_an_hour_and_others_are_not_stopped() {
    let app = spawn_app().await;
    for n in 0..5 {
        let sent = app
            .client()
            .send(form(
                "/accessibilita/segnalazione",
                &format!("descrizione=problema+{n}"),
                "198.51.100.1",
            ))
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
    }
    let sixth = app
        .client()
        .send(form(
            "/accessibilita/segnalazione",
            "descrizione=ancora",
            "198.51.100.1",
        ))
        .await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sixth.header("retry-after"), "3600");
    assert!(sixth.text().contains(r#"value="" "#) || sixth.text().contains("ancora"));
    let other = app
        .client()
        .send(form(
            "/accessibilita/segnalazione",
            "descrizione=altro",
            "198.51.100.2",
        ))
        .await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("accessibility_reports").await, 6);
}

#[tokio::test]
async fn a_confirmed_booking_is_rated_once_and_the_office_sees_it() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "k1").await;
    let a: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(a.rating_due, Some(RatingOccasion::Booked));
    let path = format!("/api/appointments/{reference}/rating");
    let bad = rossi
        .post(&path, json!({ "occasion": "prenotazione", "score": 6 }))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error().fields.keys().collect::<Vec<_>>(), ["score"]);
    let wrong = rossi
        .post(&path, json!({ "occasion": "appuntamento", "score": 4 }))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("ratings").await, 0);
    let mut roma = app.logged_in("operatore.roma").await;
    let office = roma
        .post(&path, json!({ "occasion": "prenotazione", "score": 5 }))
        .await;
    assert_eq!(office.status, StatusCode::FORBIDDEN);

    let rated = rossi
        .post(
            &path,
            json!({ "occasion": "prenotazione", "score": 4, "comment": " Chiaro e veloce " }),
        )
        .await;
    assert_eq!(rated.status, StatusCode::NO_CONTENT, "{}", rated.text());
    let again = rossi
        .post(&path, json!({ "occasion": "prenotazione", "score": 1 }))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let a: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(a.rating_due, None);

    let stats: api::OfficeStats = roma
        .get("/api/office/stats?from=2026-03-01&to=2026-03-31")
        .await
        .json();
    let booked = stats
        .ratings
        .iter()
        .find(|r| r.occasion == RatingOccasion::Booked)
        .unwrap();
    assert_eq!(
        (booked.count, booked.scores, booked.average_tenths),
        (1, [0, 0, 0, 1, 0], Some(40))
    );
    assert_eq!(stats.rating_comments.len(), 1);
    assert_eq!(stats.rating_comments[0].comment, "Chiaro e veloce");
}

#[tokio::test]
async fn a_closed_thread_is_rated_by_its_contributor() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let open: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(open.rating_due, None, "not before the office closes it");
    let path = format!("/api/communications/{thread}/rating");
    let early = rossi
        .post(&path, json!({ "occasion": "comunicazione", "score": 3 }))
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut roma = app.logged_in("operatore.roma").await;
    let closed = roma
        .post(
            &format!("/api/communications/{thread}/outcome"),
            json!({ "outcome": "accolta", "text": "Versamenti verificati." }),
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let detail: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(detail.rating_due, Some(RatingOccasion::Closed));
    let office_view: api::CommunicationDetail = roma
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(office_view.rating_due, None);
    let rated = rossi
        .post(&path, json!({ "occasion": "comunicazione", "score": 5 }))
        .await;
    assert_eq!(rated.status, StatusCode::NO_CONTENT, "{}", rated.text());
    let detail: api::CommunicationDetail = rossi
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(detail.rating_due, None);
}

/// The first video slot Rome offers.
async fn first_video_slot(client: &mut Client<'_>) -> String {
    let days: Vec<api::DayAvailability> = client
        .get("/api/availability?point=video&office=1&from=2026-03-03&to=2026-03-13")
        .await
        .json();
    days.iter()
        .flat_map(|d| &d.slots)
        .find(|s| s.free > 0)
        .map(|s| s.start.clone())
        .expect("a video slot")
}

#[tokio::test]
async fn a_confirmed_videochiamata_has_its_room_kept_on_move_and_ended_on_cancel() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let start = first_video_slot(&mut rossi).await;
    let body = json!({ "communication_id": thread, "point": "video", "office": ROMA,
        "start": start, "phone": "333 1234567", "notes": "Verifica dei versamenti." });
    let held = post_with_key(&mut rossi, "/api/appointments", "v1", &body).await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());
    let held: Appointment = held.json();
    assert_eq!(held.video_link, None, "a hold has no room yet");
    let reference = held.reference.0.clone();
    let confirmed: Appointment = rossi
        .post(&format!("/api/appointments/{reference}/confirm"), json!({}))
        .await
        .json();
    let link = confirmed.video_link.clone().expect("a room");
    let room = link
        .strip_prefix(&format!("{}/", server::video::DEMO_BASE))
        .unwrap();
    assert!(room.len() >= 22 && !room.contains(&reference), "{room}");
    // The operator's agenda row carries it too.
    let mut roma = app.logged_in("operatore.roma").await;
    let day = &start[..10];
    let agenda: api::OfficeAgenda = roma
        .get(&format!("/api/office/agenda?date={day}"))
        .await
        .json();
    let line = agenda
        .appointments
        .iter()
        .find(|l| l.reference.0 == reference)
        .unwrap();
    assert_eq!(line.video_link.as_deref(), Some(link.as_str()));
    // Another video appointment gets another room; a desk one none.
    let mut bianchi = app.logged_in(BIANCHI).await;
    let other = thread_of(&mut bianchi, BIANCHI, "Contributi del 2024").await;
    let desk = book_at(&mut bianchi, other, ROMA, FIRST_SLOT, "d1").await;
    let desk: Appointment = bianchi
        .get(&format!("/api/appointments/{desk}"))
        .await
        .json();
    assert_eq!(desk.video_link, None);
    // Moved (to the next free video slot): the same room.
    let days: Vec<api::DayAvailability> = rossi
        .get("/api/availability?point=video&office=1&from=2026-03-03&to=2026-03-13")
        .await
        .json();
    let later = days
        .iter()
        .flat_map(|d| &d.slots)
        .find(|s| s.free > 0 && s.start != start)
        .map(|s| s.start.clone())
        .unwrap();
    let moved = rossi
        .send(
            rossi
                .request("POST", &format!("/api/appointments/{reference}/move"))
                .header(header::CONTENT_TYPE, "application/json")
                .header("idempotency-key", "m1")
                .body(Body::from(json!({ "start": later }).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(
        moved.json::<Appointment>().video_link.as_deref(),
        Some(link.as_str())
    );
    // Cancelled: the room is gone, in the API and in the database.
    let cancelled = rossi
        .post(&format!("/api/appointments/{reference}/cancel"), json!({}))
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    let cancelled: Appointment = cancelled.json();
    assert_eq!(cancelled.status, AppointmentStatus::Annullato);
    assert_eq!(cancelled.video_link, None);
    let rooms: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE video_room IS NOT NULL")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(rooms, 0);
}

#[tokio::test]
async fn the_confirmation_letter_and_its_calendar_file_carry_the_room() {
    use server::notify::mailer::Mailer;
    use server::notify::worker::Delivery;
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let start = first_video_slot(&mut rossi).await;
    let body = json!({ "communication_id": thread, "point": "video", "office": ROMA,
        "start": start, "phone": "333 1234567", "notes": "Verifica dei versamenti." });
    let held: Appointment = post_with_key(&mut rossi, "/api/appointments", "v1", &body)
        .await
        .json();
    let confirmed: Appointment = rossi
        .post(
            &format!("/api/appointments/{}/confirm", held.reference),
            json!({}),
        )
        .await
        .json();
    let link = confirmed.video_link.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let worker = Delivery::new(
        app.db.clone(),
        Mailer::files(dir.path().to_path_buf()).unwrap(),
        "Cassetto Previdenziale INPS <non-rispondere@cassetto.test>",
        "https://cassetto.test",
    )
    .unwrap()
    .with_video(Some(server::video::DEMO_BASE.into()));
    let round = worker.deliver_due(app.now()).await.unwrap();
    assert_eq!(round.sent, 1, "{round:?}");
    let eml = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "eml"))
        .expect("an .eml");
    let raw = std::fs::read(eml).unwrap();
    let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let text = message.body_text(0).unwrap();
    assert!(text.contains(&link), "{text}");
    assert!(message
        .body_html(0)
        .unwrap()
        .contains(&format!("href=\"{link}\"")));
    let ics = message.attachments().next().expect("the calendar file");
    let calendar = String::from_utf8(ics.contents().to_vec())
        .unwrap()
        .replace("\r\n ", "");
    assert!(calendar.contains(&format!("URL:{link}\r\n")), "{calendar}");
    assert!(
        calendar.contains(&format!("LOCATION:{link}\r\n")),
        "{calendar}"
    );
}

#[tokio::test]
async fn without_a_video_platform_no_videochiamata_is_offered() {
    let app = spawn_app().await;
    let state = app.state.clone().with_video(None);
    let router = server::app(state).layer(axum::extract::connect_info::MockConnectInfo(
        std::net::SocketAddr::from(([127, 0, 0, 1], 40_000)),
    ));
    let login = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "username": ROSSI, "password": PASSWORD }).to_string(),
        ))
        .unwrap();
    use tower::ServiceExt;
    let response = router.clone().oneshot(login).await.unwrap();
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("cassetto_session="))
        .unwrap();
    let get = |path: &str| {
        Request::get(path)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap()
    };
    let body = |response: axum::response::Response| async {
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()
    };
    let points = body(
        router
            .clone()
            .oneshot(get("/api/consultation-points"))
            .await
            .unwrap(),
    )
    .await;
    let codes: Vec<&str> = points
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"video"), "{codes:?}");
    let offices = body(router.clone().oneshot(get("/api/offices")).await.unwrap()).await;
    assert!(offices
        .as_array()
        .unwrap()
        .iter()
        .all(|o| !o["points"].as_array().unwrap().contains(&json!("video"))));
    let asked = router
        .clone()
        .oneshot(get("/api/availability?point=video&office=1"))
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_appointment_that_took_place_is_rated_apart_from_its_booking() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "k1").await;
    let path = format!("/api/appointments/{reference}/rating");
    let booked = rossi
        .post(&path, json!({ "occasion": "prenotazione", "score": 5 }))
        .await;
    assert_eq!(booked.status, StatusCode::NO_CONTENT);
    // The appointment takes place: 2026-03-03 08:30 in Rome.
    let starts = 1_772_523_000;
    app.clock.advance(starts - app.clock_now() + 60);
    let mut roma = app.logged_in("operatore.roma").await;
    let held = roma
        .post(
            &format!("/api/appointments/{reference}/attendance"),
            json!({ "outcome": "svolto", "text": "Versamenti verificati." }),
        )
        .await;
    assert_eq!(held.status, StatusCode::OK, "{}", held.text());
    // A day has passed: a new session.
    let mut rossi = app.logged_in(ROSSI).await;
    let a: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(
        (a.status, a.rating_due),
        (AppointmentStatus::Svolto, Some(RatingOccasion::Attended))
    );
    let late = rossi
        .post(&path, json!({ "occasion": "prenotazione", "score": 1 }))
        .await;
    assert_eq!(
        late.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the booking's moment has passed"
    );
    let rated = rossi
        .post(
            &path,
            json!({ "occasion": "appuntamento", "score": 2, "comment": "Attesa lunga" }),
        )
        .await;
    assert_eq!(rated.status, StatusCode::NO_CONTENT, "{}", rated.text());
    let a: Appointment = rossi
        .get(&format!("/api/appointments/{reference}"))
        .await
        .json();
    assert_eq!(a.rating_due, None);
    assert_eq!(app.count("ratings").await, 2);
}

#[tokio::test]
async fn a_rating_for_an_id_past_any_number_is_answered_in_the_envelope() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let answer = rossi
        .post(
            "/api/communications/9223372036854775808/rating",
            json!({ "occasion": "comunicazione", "score": 1 }),
        )
        .await;
    assert!(answer.status.is_client_error(), "{}", answer.status);
    assert!(answer
        .header("content-type")
        .starts_with("application/json"));
    assert!(!answer.error().message.is_empty());
}

/// What the privacy notice promises is what the sweeper does: past its period a closed thread
/// goes with all it holds, a notice dealt with and a rating go; an open thread stays.
#[tokio::test]
async fn the_sweeper_deletes_what_the_notice_says_and_nothing_else() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let reference = book_at(&mut rossi, thread, ROMA, FIRST_SLOT, "k1").await;
    let rated = rossi
        .post(
            &format!("/api/appointments/{reference}/rating"),
            json!({ "occasion": "prenotazione", "score": 4 }),
        )
        .await;
    assert_eq!(rated.status, StatusCode::NO_CONTENT);
    let mut roma = app.logged_in("operatore.roma").await;
    let closed = roma
        .post(
            &format!("/api/communications/{thread}/outcome"),
            json!({ "outcome": "accolta", "text": "Versamenti verificati." }),
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let threads_before = app.count("communications").await;
    let open_before: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM communications WHERE status IN ('inviata', 'in_lavorazione')",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE outbox SET status = 'sent'")
        .execute(&app.db.pool)
        .await
        .unwrap();

    // A day short of ten years: everything stays but the notices (90 days) and the rating (2 years).
    let closed_at = app.clock_now();
    app.clock.advance(retention::RECORDS - retention::DAY);
    server::jobs::sweep(&app.db, app.now()).await;
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communications WHERE id = $1")
        .bind(thread)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept, 1, "a day short of its ten years");
    // The demo's threads closed before it went already; none of them was open.
    assert!(app.count("communications").await < threads_before);
    assert_eq!(app.count("outbox").await, 0);
    assert_eq!(app.count("ratings").await, 0);
    // Ten years after its last message and its appointment's end (09:00 on 3 March), the closed
    // thread goes, with its appointment.
    let last = closed_at.max(1_772_524_800);
    app.clock
        .advance(last + retention::RECORDS + 60 - app.clock_now());
    server::jobs::sweep(&app.db, app.now()).await;
    let gone: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communications WHERE id = $1")
        .bind(thread)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(gone, 0);
    let left: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM messages WHERE communication_id = $1)
              + (SELECT COUNT(*) FROM appointments WHERE communication_id = $1)",
    )
    .bind(thread)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(left, 0);
    let open_after: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM communications WHERE status IN ('inviata', 'in_lavorazione')",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(open_after, open_before, "open threads are never deleted");
}
