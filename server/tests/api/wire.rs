//! The JSON on the wire, byte for byte: one long day of the service (every call of the API, its
//! refusals as well as its answers, and the e-mails they cause) replayed on a fixed clock and
//! compared with `wire.golden`. A change to what a client receives shows here as a diff, on
//! SQLite and on PostgreSQL alike. When a change of the wire is meant, write the file again with
//! `WIRE_GOLDEN=update cargo test -p server --test api wire` and read the diff before committing.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{header, Request};
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::{json, Value};
use std::fmt::Write;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/wire.golden");

/// What was asked and what came back, in order.
#[derive(Default)]
struct Tape(String);

impl Tape {
    fn record(&mut self, who: &str, request: &str, body: Option<&Value>, answer: &TestResponse) {
        let _ = writeln!(self.0, "### {who} {request}");
        if let Some(body) = body {
            let _ = writeln!(self.0, "{body}");
        }
        let _ = write!(self.0, "<- {}", answer.status.as_u16());
        for name in ["content-type", "retry-after", "content-disposition"] {
            if let Some(value) = answer.headers.get(name) {
                let _ = write!(self.0, " | {name}: {}", value.to_str().unwrap_or("?"));
            }
        }
        let _ = writeln!(self.0, "\n{}\n", String::from_utf8_lossy(&answer.body));
    }

    async fn get(&mut self, who: &str, client: &mut Client<'_>, path: &str) -> TestResponse {
        let answer = client.get(path).await;
        self.record(who, &format!("GET {path}"), None, &answer);
        answer
    }

    async fn post(
        &mut self,
        who: &str,
        client: &mut Client<'_>,
        path: &str,
        body: Value,
    ) -> TestResponse {
        let answer = client.post(path, body.clone()).await;
        self.record(who, &format!("POST {path}"), Some(&body), &answer);
        answer
    }

    async fn put(
        &mut self,
        who: &str,
        client: &mut Client<'_>,
        path: &str,
        body: Value,
    ) -> TestResponse {
        let answer = client.put(path, body.clone()).await;
        self.record(who, &format!("PUT {path}"), Some(&body), &answer);
        answer
    }

    async fn delete(&mut self, who: &str, client: &mut Client<'_>, path: &str) -> TestResponse {
        let answer = client.delete(path).await;
        self.record(who, &format!("DELETE {path}"), None, &answer);
        answer
    }

    async fn keyed(
        &mut self,
        who: &str,
        client: &mut Client<'_>,
        path: &str,
        key: &str,
        body: Value,
    ) -> TestResponse {
        let answer = post_with_key(client, path, key, &body).await;
        self.record(
            who,
            &format!("POST {path} (Idempotency-Key: {key})"),
            Some(&body),
            &answer,
        );
        answer
    }

    /// A POST without the key Prenota and Sposta ask for.
    async fn unkeyed(
        &mut self,
        who: &str,
        client: &mut Client<'_>,
        path: &str,
        body: Value,
    ) -> TestResponse {
        let request = client
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let answer = client.send(request).await;
        self.record(who, &format!("POST {path} (no key)"), Some(&body), &answer);
        answer
    }

    async fn raw(&mut self, who: &str, app: &TestApp, request: Request<Body>) -> TestResponse {
        let line = format!("{} {} (raw)", request.method(), request.uri());
        let answer = app.send(request).await;
        self.record(who, &line, None, &answer);
        answer
    }
}

fn id_of(answer: &TestResponse, path: &str) -> i64 {
    let value: Value = answer.json();
    value
        .pointer(path)
        .and_then(Value::as_i64)
        .unwrap_or_else(|| panic!("no {path} in {}", answer.text()))
}

fn text_of(answer: &TestResponse, path: &str) -> String {
    let value: Value = answer.json();
    value
        .pointer(path)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no {path} in {}", answer.text()))
        .to_string()
}

/// The thread of `cf` whose subject starts with `subject`, from a recorded list.
fn thread_in(list: &TestResponse, subject: &str) -> api::ThreadId {
    let page: api::CommunicationPage = list.json();
    page.items
        .iter()
        .find(|c| c.subject.starts_with(subject))
        .unwrap_or_else(|| panic!("no thread «{subject}»"))
        .id
}

fn hold(thread: api::ThreadId, point: &str, office: i64, start: &str) -> Value {
    // A video call's link goes by SMS: it takes a mobile.
    let phone = if point == "video" {
        "347 123 4567"
    } else {
        "06 1234 5678"
    };
    json!({ "communication_id": thread, "point": point, "office": office, "start": start,
            "phone": phone, "notes": "Verifica dei versamenti del 2024." })
}

const ROMA: i64 = 1;
const CALLS: [&str; 6] = [
    "2026-03-03T14:00:00+01:00",
    "2026-03-03T14:20:00+01:00",
    "2026-03-03T14:40:00+01:00",
    "2026-03-03T15:00:00+01:00",
    "2026-03-03T15:20:00+01:00",
    "2026-03-03T15:40:00+01:00",
];

/// The e-mails the day caused, as the worker writes them: headers that say who and what, the
/// two bodies and the calendar file.
async fn mails(app: &TestApp, tape: &mut Tape) {
    use server::notify::mailer::Mailer;
    use server::notify::worker::Delivery;
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
    let _ = writeln!(tape.0, "### worker round: {round:?}\n");
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let raw = std::fs::read(&file).unwrap();
        let mail = MessageParser::default().parse(&raw).unwrap();
        let to: Vec<String> = mail
            .to()
            .map(|a| {
                a.iter()
                    .filter_map(|a| a.address().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let _ = writeln!(
            tape.0,
            "### mail {}\nMessage-ID: {}\nTo: {}\nSubject: {}\n{}\n---\n{}",
            file.file_name().unwrap().to_string_lossy(),
            mail.message_id().unwrap_or_default(),
            to.join(", "),
            mail.subject().unwrap_or_default(),
            mail.body_text(0).unwrap_or_default(),
            mail.body_html(0).unwrap_or_default(),
        );
        for part in mail.attachments() {
            let _ = writeln!(
                tape.0,
                "--- {}\n{}",
                part.attachment_name().unwrap_or_default(),
                String::from_utf8_lossy(part.contents())
            );
        }
        let _ = writeln!(tape.0);
    }
}

#[tokio::test]
async fn the_wire_is_what_it_was() {
    let app = spawn_app().await;
    let mut tape = Tape::default();
    let t = &mut tape;

    // A visitor.
    let mut anon = app.client();
    t.get("visitor", &mut anon, "/api/session/status").await;
    t.get("visitor", &mut anon, "/api/topics").await;
    t.get("visitor", &mut anon, "/api/nessuna-pagina").await;
    t.post(
        "visitor",
        &mut anon,
        "/api/session",
        json!({ "username": ROSSI, "password": "sbagliata" }),
    )
    .await;
    t.post(
        "visitor",
        &mut anon,
        "/api/session",
        json!({ "username": "", "password": "" }),
    )
    .await;
    t.post(
        "visitor",
        &mut anon,
        "/api/session",
        json!({ "username": ROSSI }),
    )
    .await;
    t.post(
        "visitor",
        &mut anon,
        "/api/session",
        json!({ "username": ROSSI, "password": PASSWORD, "admin": true }),
    )
    .await;
    let bad_type = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("x"))
        .unwrap();
    t.raw("visitor", &app, bad_type).await;
    let cross = Request::post("/api/session")
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("{}"))
        .unwrap();
    t.raw("visitor", &app, cross).await;

    // Mario Rossi, contributor in Rome.
    let mut rossi = app.client();
    t.post(
        "rossi",
        &mut rossi,
        "/api/session",
        json!({ "username": ROSSI, "password": PASSWORD }),
    )
    .await;
    t.get("rossi", &mut rossi, "/api/session").await;
    t.get("rossi", &mut rossi, "/api/session/status").await;
    t.get("rossi", &mut rossi, "/api/contributors").await;
    t.get("rossi", &mut rossi, "/api/topics").await;
    t.get("rossi", &mut rossi, "/api/consultation-points").await;
    t.get("rossi", &mut rossi, "/api/offices").await;
    t.get("rossi", &mut rossi, "/api/me/contacts").await;
    t.put(
        "rossi",
        &mut rossi,
        "/api/me/contacts",
        json!({ "email": "non è un indirizzo", "reminders": true }),
    )
    .await;
    t.put(
        "rossi",
        &mut rossi,
        "/api/me/contacts",
        json!({ "email": "mario.rossi@example.it", "reminders": true }),
    )
    .await;
    let list = t
        .get(
            "rossi",
            &mut rossi,
            &format!("/api/contributors/{ROSSI}/communications"),
        )
        .await;
    let first = thread_in(&list, "Contributi del 2024");
    let second = thread_in(&list, "Domanda di riduzione");
    let third = thread_in(&list, "Richiesta di rateazione");
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/contributors/{ROSSI}/communications?status=accolta"),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/contributors/{ROSSI}/communications?status=aperta&topic=altro&page=0"),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/contributors/{BIANCHI}/communications"),
    )
    .await;
    t.get("rossi", &mut rossi, &format!("/api/communications/{first}"))
        .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/communications/{third}/eligibility"),
    )
    .await;
    t.get("rossi", &mut rossi, "/api/communications/abc").await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/contributors/{ROSSI}/communications"),
        json!({ "topic": "altro", "subject": "", "text": "" }),
    )
    .await;
    let opened = t
        .post("rossi", &mut rossi, &format!("/api/contributors/{ROSSI}/communications"), json!({ "topic": "durc", "subject": "DURC irregolare", "text": "Il DURC risulta irregolare ma ho pagato tutto." }))
        .await;
    let fourth = id_of(&opened, "/id");
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/communications/{fourth}/messages"),
        json!({ "text": "  " }),
    )
    .await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/communications/{fourth}/messages"),
        json!({ "text": "Allego la ricevuta del pagamento." }),
    )
    .await;

    // Availability, and Prenota appuntamento with its refusals.
    t.get(
        "rossi",
        &mut rossi,
        "/api/availability?point=sportello&office=1&from=2026-03-03&to=2026-03-04",
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        "/api/availability?point=video&office=1&topic=durc&from=2026-03-05&to=2026-03-05",
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        "/api/availability?point=sportello&office=abc&from=ieri",
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        "/api/availability?point=altro&office=1",
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        "/api/availability?point=video&office=1&topic=altro",
    )
    .await;
    let start = "2026-03-03T08:30:00+01:00";
    t.unkeyed(
        "rossi",
        &mut rossi,
        "/api/appointments",
        hold(first, "sportello", ROMA, start),
    )
    .await;
    t.keyed("rossi", &mut rossi, "/api/appointments", "bad", json!({ "communication_id": first, "point": "altro", "office": ROMA, "start": "domani", "phone": "12", "notes": "" }))
        .await;
    t.keyed("rossi", &mut rossi, "/api/appointments", "bad2", json!({ "communication_id": first, "point": "sportello", "office": 99, "start": start, "phone": "06 1234 5678", "notes": "Note." }))
        .await;
    t.keyed(
        "rossi",
        &mut rossi,
        "/api/appointments",
        "bad3",
        hold(first, "sportello", ROMA, "2026-03-03T08:31:00+01:00"),
    )
    .await;
    t.keyed(
        "rossi",
        &mut rossi,
        "/api/appointments",
        "bad4",
        hold(third, "sportello", ROMA, start),
    )
    .await;
    let held = t
        .keyed(
            "rossi",
            &mut rossi,
            "/api/appointments",
            "k1",
            hold(first, "sportello", ROMA, start),
        )
        .await;
    let reference = text_of(&held, "/reference");
    t.keyed(
        "rossi",
        &mut rossi,
        "/api/appointments",
        "k1",
        hold(first, "sportello", ROMA, start),
    )
    .await;
    t.keyed(
        "rossi",
        &mut rossi,
        "/api/appointments",
        "k1",
        hold(first, "sportello", ROMA, "2026-03-03T09:00:00+01:00"),
    )
    .await;
    t.keyed(
        "rossi",
        &mut rossi,
        "/api/appointments",
        "k1b",
        hold(first, "sportello", ROMA, "2026-03-03T09:00:00+01:00"),
    )
    .await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/extend"),
        json!({}),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/ics"),
    )
    .await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/confirm"),
        json!({}),
    )
    .await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/confirm"),
        json!({}),
    )
    .await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/release"),
        json!({}),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}"),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/ics"),
    )
    .await;
    t.get("rossi", &mut rossi, "/api/appointments/AP-2026-999999")
        .await;

    // A second hold, let go; a third, left to expire later.
    let second_hold = t
        .keyed(
            "rossi",
            &mut rossi,
            "/api/appointments",
            "k2",
            hold(second, "telefono", ROMA, CALLS[0]),
        )
        .await;
    let released = text_of(&second_hold, "/reference");
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{released}/release"),
        json!({}),
    )
    .await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{released}/cancel"),
        json!({}),
    )
    .await;

    // Sposta appuntamento.
    let moved_to = "2026-03-03T09:00:00+01:00";
    t.unkeyed(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/move"),
        json!({ "start": moved_to }),
    )
    .await;
    t.keyed(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/move"),
        "m0",
        json!({ "start": start }),
    )
    .await;
    t.keyed(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/move"),
        "m0b",
        json!({ "start": moved_to, "point": "altro", "office": 2.5 }),
    )
    .await;
    t.keyed(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/move"),
        "m1",
        json!({ "start": moved_to }),
    )
    .await;
    t.keyed(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}/move"),
        "m1",
        json!({ "start": moved_to }),
    )
    .await;
    t.keyed("rossi", &mut rossi, &format!("/api/appointments/{reference}/move"), "m2", json!({ "start": "2026-03-04T10:00:00+01:00", "point": "sportello", "office": 1.0, "reason": "Ho un impegno." }))
        .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}"),
    )
    .await;

    // Gestione appuntamenti and its filters.
    let history = format!("/api/contributors/{ROSSI}/appointments");
    t.get("rossi", &mut rossi, &history).await;
    t.get(
        "rossi",
        &mut rossi,
        &format!(
            "{history}?status=confermato&managed_by=contribuente&from=2026-03-01&to=2026-03-31"
        ),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("{history}?status=qualsiasi&managed_by=altri&from=2026-03-31&to=2026-03-01"),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("{history}?managed_by=intermediario"),
    )
    .await;
    t.get("rossi", &mut rossi, "/api/intermediary/agenda").await;
    t.get("rossi", &mut rossi, "/api/office/agenda").await;

    // Giuseppe Verdi, intermediary for Rossi and Bianchi.
    let mut verdi = app.client();
    t.post(
        "verdi",
        &mut verdi,
        "/api/session",
        json!({ "username": VERDI, "password": PASSWORD }),
    )
    .await;
    t.get("verdi", &mut verdi, "/api/contributors").await;
    t.get("verdi", &mut verdi, "/api/contributors?q=luc").await;
    t.get(
        "verdi",
        &mut verdi,
        &format!("/api/contributors/{FERRI}/appointments"),
    )
    .await;
    let theirs = t
        .get(
            "verdi",
            &mut verdi,
            &format!("/api/contributors/{BIANCHI}/communications"),
        )
        .await;
    let bianchi = thread_in(&theirs, "Contributi del 2024");
    let studio_hold = t
        .keyed(
            "verdi",
            &mut verdi,
            "/api/appointments",
            "v1",
            hold(bianchi, "sportello", ROMA, "2026-03-04T11:00:00+01:00"),
        )
        .await;
    let studio = text_of(&studio_hold, "/reference");
    t.post(
        "verdi",
        &mut verdi,
        &format!("/api/appointments/{studio}/confirm"),
        json!({}),
    )
    .await;
    t.get("verdi", &mut verdi, "/api/intermediary/agenda").await;
    t.get(
        "verdi",
        &mut verdi,
        &format!("/api/contributors/{BIANCHI}/appointments?managed_by=intermediario"),
    )
    .await;
    t.post(
        "verdi",
        &mut verdi,
        &format!("/api/appointments/{studio}/cancel"),
        json!({ "reason": "Il contribuente è impegnato." }),
    )
    .await;
    t.post(
        "verdi",
        &mut verdi,
        &format!("/api/appointments/{studio}/cancel"),
        json!({ "reason": "x".repeat(501) }),
    )
    .await;

    // A hold left to run out: the place is given back, and the confirmation comes too late.
    let lapsing = t
        .keyed(
            "rossi",
            &mut rossi,
            "/api/appointments",
            "k3",
            hold(second, "video", ROMA, "2026-03-05T10:00:00+01:00"),
        )
        .await;
    let lapsed = text_of(&lapsing, "/reference");
    app.clock.advance(16 * 60);
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{lapsed}/confirm"),
        json!({}),
    )
    .await;
    t.get("rossi", &mut rossi, &format!("/api/appointments/{lapsed}"))
        .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/communications/{second}/eligibility"),
    )
    .await;

    // The Lista d'attesa: the afternoon calls of Tuesday filled, then two people waiting.
    let mut people = Vec::new();
    for (cookie, thread) in app.many_contributors(8).await {
        let mut client = app.client();
        client.cookie = Some(cookie);
        let session: api::SessionInfo = client.get("/api/session").await.json();
        people.push((client, thread, session.contributors[0].cf.clone()));
    }
    let mut booked = Vec::new();
    for (n, start) in CALLS.iter().enumerate() {
        let (client, thread, _) = &mut people[n];
        let held = post_with_key(
            client,
            "/api/appointments",
            start,
            &hold(*thread, "telefono", ROMA, start),
        )
        .await;
        let r = held.json::<api::Appointment>().reference;
        client
            .post(&format!("/api/appointments/{r}/confirm"), json!({}))
            .await;
        booked.push(r);
    }
    let waiting = |thread: api::ThreadId| {
        json!({ "communication_id": thread, "office": ROMA, "point": "telefono", "from": "2026-03-03",
                "to": "2026-03-03", "part_of_day": "pomeriggio", "phone": "347 123 4567", "notes": "Rateizzazione." })
    };
    let (w_thread, w_cf) = (people[6].1, people[6].2.clone());
    let (o_thread, o_cf) = (people[7].1, people[7].2.clone());
    t.post("waiter", &mut people[6].0, "/api/waitlist", json!({ "communication_id": w_thread, "office": ROMA, "point": "sportello", "from": "2026-03-03", "to": "2026-03-03", "phone": "347 123 4567", "notes": "Rateizzazione." }))
        .await;
    t.post("waiter", &mut people[6].0, "/api/waitlist", json!({ "communication_id": w_thread, "office": ROMA, "point": "nessuno", "from": "2027-01-01", "to": "2026-03-01", "part_of_day": "sera", "phone": "1", "notes": "" }))
        .await;
    t.post("waiter", &mut people[6].0, "/api/waitlist", json!({ "communication_id": w_thread, "office": ROMA, "point": "nessuno", "from": "2027-01-01", "to": "2026-03-01", "phone": "1", "notes": "" }))
        .await;
    let joined = t
        .post(
            "waiter",
            &mut people[6].0,
            "/api/waitlist",
            waiting(w_thread),
        )
        .await;
    let entry = id_of(&joined, "/id");
    t.post(
        "waiter",
        &mut people[6].0,
        "/api/waitlist",
        waiting(w_thread),
    )
    .await;
    let other_joined = t
        .post(
            "other",
            &mut people[7].0,
            "/api/waitlist",
            waiting(o_thread),
        )
        .await;
    let other_entry = id_of(&other_joined, "/id");
    t.get(
        "waiter",
        &mut people[6].0,
        &format!("/api/contributors/{w_cf}/waitlist"),
    )
    .await;
    t.get(
        "other",
        &mut people[7].0,
        &format!("/api/contributors/{o_cf}/waitlist"),
    )
    .await;
    t.post(
        "waiter",
        &mut people[6].0,
        &format!("/api/waitlist/{entry}/accept"),
        json!({}),
    )
    .await;
    // A place frees: offered to the first in line, who declines; then to the next, who accepts.
    t.post(
        "caller",
        &mut people[0].0,
        &format!("/api/appointments/{}/cancel", booked[0]),
        json!({ "reason": "Imprevisto." }),
    )
    .await;
    t.get(
        "waiter",
        &mut people[6].0,
        &format!("/api/contributors/{w_cf}/waitlist"),
    )
    .await;
    t.post(
        "waiter",
        &mut people[6].0,
        &format!("/api/waitlist/{entry}/decline"),
        json!({}),
    )
    .await;
    t.post(
        "waiter",
        &mut people[6].0,
        &format!("/api/waitlist/{entry}/decline"),
        json!({}),
    )
    .await;
    t.delete(
        "waiter",
        &mut people[6].0,
        &format!("/api/waitlist/{entry}"),
    )
    .await;
    t.get(
        "other",
        &mut people[7].0,
        &format!("/api/contributors/{o_cf}/waitlist"),
    )
    .await;
    let accepted = t
        .post(
            "other",
            &mut people[7].0,
            &format!("/api/waitlist/{other_entry}/accept"),
            json!({}),
        )
        .await;
    let offered = text_of(&accepted, "/reference");
    t.get(
        "other",
        &mut people[7].0,
        &format!("/api/appointments/{offered}"),
    )
    .await;
    t.delete("other", &mut people[7].0, "/api/waitlist/abc")
        .await;

    // The office of Rome.
    let mut roma = app.client();
    t.post(
        "roma",
        &mut roma,
        "/api/session",
        json!({ "username": "operatore.roma", "password": PASSWORD }),
    )
    .await;
    t.get("roma", &mut roma, "/api/office/communications").await;
    t.get(
        "roma",
        &mut roma,
        "/api/office/communications?status=inviata&page=1",
    )
    .await;
    t.get("roma", &mut roma, "/api/office/communications?status=boh")
        .await;
    t.get("roma", &mut roma, &format!("/api/communications/{fourth}"))
        .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/communications/{fourth}/messages"),
        json!({ "text": "Verifichiamo e le rispondiamo." }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/communications/{fourth}/outcome"),
        json!({ "outcome": "forse", "text": "" }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/communications/{fourth}/outcome"),
        json!({ "outcome": "accolta", "text": "Il DURC è stato corretto." }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/communications/{fourth}/outcome"),
        json!({ "outcome": "non_accolta", "text": "Di nuovo." }),
    )
    .await;
    t.post(
        "rossi",
        &mut rossi,
        &format!("/api/communications/{fourth}/outcome"),
        json!({ "outcome": "accolta", "text": "Da me." }),
    )
    .await;
    t.get("roma", &mut roma, "/api/office/agenda?date=2026-03-03")
        .await;
    t.get("roma", &mut roma, "/api/office/agenda?date=2026-03-04")
        .await;
    t.get("roma", &mut roma, "/api/office/agenda?date=domani")
        .await;
    t.get("roma", &mut roma, &format!("/api/appointments/{reference}"))
        .await;
    t.get(
        "roma",
        &mut roma,
        &format!("/api/contributors/{ROSSI}/appointments"),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/appointments/{reference}/attendance"),
        json!({ "outcome": "svolto" }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/appointments/{reference}/attendance"),
        json!({ "outcome": "annullato", "text": "x" }),
    )
    .await;
    t.keyed(
        "roma",
        &mut roma,
        &format!("/api/appointments/{}/move", booked[1]),
        "o1",
        json!({ "start": CALLS[0] }),
    )
    .await;
    t.keyed(
        "roma",
        &mut roma,
        &format!("/api/appointments/{}/move", booked[2]),
        "o2",
        json!({ "start": "2026-03-04T14:00:00+01:00", "office": 2, "reason": "Lavori." }),
    )
    .await;
    t.keyed(
        "roma",
        &mut roma,
        &format!("/api/appointments/{}/move", booked[2]),
        "o3",
        json!({ "start": "2026-03-04T14:00:00+01:00", "reason": "Lavori nella sede." }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/appointments/{}/cancel", booked[3]),
        json!({}),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/appointments/{}/cancel", booked[3]),
        json!({ "reason": "Operatore assente." }),
    )
    .await;
    t.get("roma", &mut roma, "/api/office/closures").await;
    let closure = json!({ "point": "telefono", "from": "2026-03-03", "to": "2026-03-03",
        "start_time": "15:00", "end_time": "16:00", "reason": "Assemblea del personale" });
    t.post(
        "roma",
        &mut roma,
        "/api/office/closures/preview",
        closure.clone(),
    )
    .await;
    t.post("roma", &mut roma, "/api/office/closures", closure.clone())
        .await;
    let mut confirmed = closure.clone();
    confirmed["cancel_appointments"] = json!(true);
    t.post("roma", &mut roma, "/api/office/closures", confirmed)
        .await;
    t.post("roma", &mut roma, "/api/office/closures/preview", json!({ "point": "altro", "from": "2026-02-30", "to": "", "start_time": "25:00", "reason": "" }))
        .await;
    t.post(
        "roma",
        &mut roma,
        "/api/office/closures",
        json!({ "from": "2026-03-10", "to": "2026-03-11", "reason": "Inventario" }),
    )
    .await;
    t.get("roma", &mut roma, "/api/office/closures").await;
    t.post(
        "roma",
        &mut roma,
        "/api/office/capacity",
        json!({ "date": "2026-03-04", "point": "sportello", "capacity": 3 }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        "/api/office/capacity",
        json!({ "date": "2026-03-03", "point": "sportello", "capacity": 0 }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        "/api/office/capacity",
        json!({ "date": "2026-03-01", "point": "nessuno", "capacity": 2.5 }),
    )
    .await;
    t.get("roma", &mut roma, "/api/office/agenda?date=2026-03-03")
        .await;

    // Milan's operator reaches nothing of Rome's.
    let mut milano = app.client();
    t.post(
        "milano",
        &mut milano,
        "/api/session",
        json!({ "username": "operatore.milano", "password": PASSWORD }),
    )
    .await;
    t.get(
        "milano",
        &mut milano,
        &format!("/api/appointments/{reference}"),
    )
    .await;
    t.get("milano", &mut milano, "/api/office/communications")
        .await;

    // Rossi again: what the office did, then the day after.
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/communications/{fourth}"),
    )
    .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{}", booked[1]),
    )
    .await;

    mails(&app, t).await;

    // The meeting's day: attendance.
    app.clock.advance(49 * 3600);
    let mut roma = app.client();
    t.post(
        "roma",
        &mut roma,
        "/api/session",
        json!({ "username": "operatore.roma", "password": PASSWORD }),
    )
    .await;
    let mut rossi = app.client();
    t.post(
        "rossi",
        &mut rossi,
        "/api/session",
        json!({ "username": ROSSI, "password": PASSWORD }),
    )
    .await;
    let moved_day = "/api/office/agenda?date=2026-03-04";
    t.get("roma", &mut roma, moved_day).await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/appointments/{reference}/attendance"),
        json!({ "outcome": "svolto", "text": "Verificati i versamenti: tutto regolare." }),
    )
    .await;
    t.post(
        "roma",
        &mut roma,
        &format!("/api/appointments/{reference}/attendance"),
        json!({ "outcome": "non_presentato" }),
    )
    .await;
    t.get("roma", &mut roma, &format!("/api/appointments/{reference}"))
        .await;
    t.get("roma", &mut roma, &format!("/api/communications/{first}"))
        .await;
    t.get(
        "rossi",
        &mut rossi,
        &format!("/api/appointments/{reference}"),
    )
    .await;
    t.delete("roma", &mut roma, "/api/session").await;
    t.get("roma", &mut roma, "/api/session").await;

    mails(&app, t).await;

    let recorded = tape.0;
    if std::env::var("WIRE_GOLDEN").as_deref() == Ok("update") {
        std::fs::write(GOLDEN, &recorded).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(GOLDEN).expect("tests/api/wire.golden");
    if golden != recorded {
        let at = golden
            .lines()
            .zip(recorded.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(golden.lines().count().min(recorded.lines().count()));
        let show = |text: &str| {
            text.lines()
                .skip(at.saturating_sub(3))
                .take(8)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "the wire changed at line {}:\n--- golden\n{}\n--- now\n{}",
            at + 1,
            show(&golden),
            show(&recorded)
        );
    }
}
