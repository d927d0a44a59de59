//! Comunicazione bidirezionale: threads, routing, eligibility, permissions and bad input.

use crate::helpers::*;
use api::{
    CommunicationDetail, CommunicationPage, CommunicationStatus, Eligibility, OfficeCommunication,
};
use axum::http::StatusCode;
use serde_json::json;

const DAY: i64 = 24 * 60 * 60;

fn new_thread(subject: &str) -> serde_json::Value {
    json!({ "topic": "rateazione", "subject": subject, "text": "Vorrei rateizzare il debito." })
}

async fn open_thread(client: &mut Client<'_>, cf: &str, subject: &str) -> CommunicationDetail {
    let response = client
        .post(
            &format!("/api/contributors/{cf}/communications"),
            new_thread(subject),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn page(client: &mut Client<'_>, cf: &str, query: &str) -> CommunicationPage {
    let response = client
        .get(&format!("/api/contributors/{cf}/communications{query}"))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

fn by_subject<'a>(page: &'a CommunicationPage, start: &str) -> &'a api::CommunicationSummary {
    page.items
        .iter()
        .find(|c| c.subject.starts_with(start))
        .expect(start)
}

#[tokio::test]
async fn a_new_thread_gets_a_protocol_and_goes_to_the_office_of_the_province() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = open_thread(&mut rossi, ROSSI, "Rateazione").await;
    let protocol = &thread.summary.protocol;
    assert!(protocol.starts_with("INPS.5100.2026."), "{protocol}");
    assert_eq!(protocol.len(), "INPS.5100.2026.0000013".len());
    assert_eq!(thread.summary.status, CommunicationStatus::Inviata);
    assert_eq!(thread.office, "Sede di Roma");
    assert_eq!(thread.messages[0].author, "Mario Rossi");
    assert!(thread
        .summary
        .sent_at
        .starts_with("2026-03-02T10:00:00+01:00"));

    let mut roma = app.logged_in("operatore.roma").await;
    let queue: Vec<OfficeCommunication> = roma
        .get("/api/office/communications")
        .await
        .json::<api::OfficeQueuePage>()
        .items;
    assert_eq!(
        queue[0].id, thread.summary.id,
        "awaiting an answer, so first"
    );
    assert!(queue[0].awaiting_answer);
    let mut milano = app.logged_in("operatore.milano").await;
    let queue: Vec<OfficeCommunication> = milano
        .get("/api/office/communications")
        .await
        .json::<api::OfficeQueuePage>()
        .items;
    assert!(queue.iter().all(|c| c.id != thread.summary.id));
    assert!(queue.iter().all(|c| c.contributor.cf == BIANCHI));
}

#[tokio::test]
async fn protocol_numbers_are_unique() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let a = open_thread(&mut rossi, ROSSI, "Uno").await;
    let b = open_thread(&mut rossi, ROSSI, "Due").await;
    assert_ne!(a.summary.protocol, b.summary.protocol);
}

#[tokio::test]
async fn an_intermediary_writes_signed_for_the_contributor() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = open_thread(&mut verdi, ROSSI, "Per conto del cliente").await;
    assert_eq!(
        thread.messages[0].author,
        "Studio Verdi per conto di Mario Rossi"
    );
    let mut rossi = app.logged_in(ROSSI).await;
    let list = page(&mut rossi, ROSSI, "").await;
    assert_eq!(list.items[0].id, thread.summary.id);
}

#[tokio::test]
async fn the_list_is_newest_first_filtered_and_paged_by_twenty() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    for n in 0..21 {
        app.clock.advance(60);
        open_thread(&mut rossi, ROSSI, &format!("Richiesta {n:02}")).await;
    }
    let first = page(&mut rossi, ROSSI, "").await;
    assert_eq!(
        (first.total, first.items.len(), first.page_size),
        (25, 20, 20)
    );
    assert_eq!(first.items[0].subject, "Richiesta 20");
    let second = page(&mut rossi, ROSSI, "?page=2").await;
    assert_eq!(second.items.len(), 5);
    assert_eq!(
        second.items.last().unwrap().subject,
        "Contributi del 2024 non presenti nell'estratto conto"
    );

    let rejected = page(&mut rossi, ROSSI, "?status=non_accolta").await;
    assert_eq!(rejected.total, 1);
    let rimborsi = page(&mut rossi, ROSSI, "?topic=rimborsi").await;
    assert_eq!(rimborsi.items[0].topic.label, "Rimborsi e compensazioni");
    let none = page(&mut rossi, ROSSI, "?status=chiusa").await;
    assert_eq!(none.total, 0);

    let bad = rossi
        .get(&format!(
            "/api/contributors/{ROSSI}/communications?status=boh"
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error().fields["status"], "Stato non riconosciuto.");
}

#[tokio::test]
async fn the_demo_shows_eligibility_by_days_by_rejection_and_not_yet() {
    let app = spawn_app().await;
    let mut bianchi = app.logged_in(BIANCHI).await;
    let list = page(&mut bianchi, BIANCHI, "").await;

    let by_days = &by_subject(&list, "Contributi del 2024").eligibility;
    assert!(by_days.eligible);
    assert!(by_days.reason.contains("sono trascorsi almeno 30 giorni"));

    let by_rejection = &by_subject(&list, "Domanda di riduzione").eligibility;
    assert!(by_rejection.eligible);
    assert!(by_rejection.reason.contains("non è stata accolta"));

    // Sent on 27 February (3 days before the test's 2 March), topic of 20 days.
    let not_yet = &by_subject(&list, "Richiesta di rateazione").eligibility;
    assert!(!not_yet.eligible);
    assert_eq!(not_yet.available_from.as_deref(), Some("2026-03-19"));
    assert_eq!(
        not_yet.reason,
        "Potrai richiedere un appuntamento dal 19 marzo 2026 (20 giorni dopo l'invio), oppure prima se la richiesta non viene accolta."
    );
    // Accepted: it will not be rejected any more, so no "or earlier".
    let accepted = &by_subject(&list, "Rimborso di contributi").eligibility;
    assert!(!accepted.eligible);
    assert!(
        accepted.reason.ends_with("(45 giorni dopo l'invio)."),
        "{}",
        accepted.reason
    );
    assert!(
        by_subject(&list, "Richiesta di rateazione").new_answer,
        "the office answered"
    );

    let accepted = by_subject(&list, "Rimborso");
    assert_eq!(accepted.status, CommunicationStatus::Accolta);
    assert!(!accepted.eligibility.eligible, "45 days have not passed");
}

#[tokio::test]
async fn a_thread_becomes_eligible_on_the_day_its_topic_allows() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = open_thread(&mut rossi, ROSSI, "Rateazione").await;
    let path = format!("/api/communications/{}/eligibility", thread.summary.id);
    app.clock.advance(19 * DAY);
    let e: Eligibility = app.logged_in(ROSSI).await.get(&path).await.json();
    assert!(!e.eligible);
    app.clock.advance(DAY);
    let e: Eligibility = app.logged_in(ROSSI).await.get(&path).await.json();
    assert!(e.eligible, "{}", e.reason);
}

#[tokio::test]
async fn the_office_answers_records_non_accolta_and_the_contributor_may_book() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = open_thread(&mut rossi, ROSSI, "Rateazione").await;
    let id = thread.summary.id;
    assert!(!thread.summary.eligibility.eligible);

    let mut roma = app.logged_in("operatore.roma").await;
    let answered = roma
        .post(
            &format!("/api/communications/{id}/messages"),
            json!({ "text": "Ci invii l'avviso." }),
        )
        .await;
    assert_eq!(answered.status, StatusCode::CREATED);
    let answered: CommunicationDetail = answered.json();
    assert_eq!(answered.summary.status, CommunicationStatus::InLavorazione);
    assert_eq!(answered.messages[1].author, "Sede di Roma");
    assert!(answered.messages[1].from_institute);

    let list = page(&mut rossi, ROSSI, "").await;
    assert!(list.items[0].new_answer);

    let decided = roma
        .post(
            &format!("/api/communications/{id}/outcome"),
            json!({ "outcome": "non_accolta", "text": "Il debito non è rateizzabile." }),
        )
        .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.text());

    let seen: CommunicationDetail = rossi.get(&format!("/api/communications/{id}")).await.json();
    assert_eq!(seen.summary.status, CommunicationStatus::NonAccolta);
    assert_eq!(
        seen.messages.last().unwrap().text,
        "Esito: Non accolta.\nIl debito non è rateizzabile."
    );
    assert!(seen.summary.eligibility.eligible);
    let list = page(&mut rossi, ROSSI, "").await;
    assert!(
        !list.items[0].new_answer,
        "opening the thread read the answers"
    );

    let again = roma
        .post(
            &format!("/api/communications/{id}/outcome"),
            json!({ "outcome": "accolta", "text": "Ripensamento." }),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(app.count("messages").await, 24 + 3);
}

#[tokio::test]
async fn text_is_stored_and_returned_exactly_as_written() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let body = json!({ "topic": "durc", "subject": "<b>DURC</b>", "text": "<script>alert(1)</script> & <b>grassetto</b>" });
    let thread: CommunicationDetail = rossi
        .post(&format!("/api/contributors/{ROSSI}/communications"), body)
        .await
        .json();
    assert_eq!(thread.summary.subject, "<b>DURC</b>");
    assert_eq!(
        thread.messages[0].text,
        "<script>alert(1)</script> & <b>grassetto</b>"
    );
}

#[tokio::test]
async fn bad_input_gets_a_message_per_field_and_stores_nothing() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let long_subject = "x".repeat(151);
    let long_text = "y".repeat(4001);
    let cases = [
        (
            json!({ "topic": "", "subject": "a", "text": "b" }),
            "topic",
            "Scegli l'argomento.",
        ),
        (
            json!({ "topic": "pizza", "subject": "a", "text": "b" }),
            "topic",
            "Scegli un argomento dell'elenco.",
        ),
        (
            json!({ "topic": "durc", "subject": "   ", "text": "b" }),
            "subject",
            "Inserisci l'oggetto.",
        ),
        (
            json!({ "topic": "durc", "subject": long_subject, "text": "b" }),
            "subject",
            "L'oggetto può contenere al massimo 150 caratteri.",
        ),
        (
            json!({ "topic": "durc", "subject": "a", "text": " \n " }),
            "text",
            "Scrivi il testo del messaggio.",
        ),
        (
            json!({ "topic": "durc", "subject": "a", "text": long_text }),
            "text",
            "Il testo può contenere al massimo 4000 caratteri.",
        ),
        (
            json!({ "topic": "durc", "subject": "a", "text": "zero\u{0}" }),
            "text",
            "Il testo contiene caratteri non ammessi.",
        ),
    ];
    let before = (
        app.count("communications").await,
        app.count("messages").await,
    );
    for (body, field, message) in cases {
        let response = rossi
            .post(&format!("/api/contributors/{ROSSI}/communications"), body)
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(response.error().fields[field], message);
    }
    let id = page(&mut rossi, ROSSI, "").await.items[0].id;
    let empty = rossi
        .post(
            &format!("/api/communications/{id}/messages"),
            json!({ "text": "" }),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut roma = app.logged_in("operatore.roma").await;
    let outcome = roma
        .post(
            &format!("/api/communications/{id}/outcome"),
            json!({ "outcome": "forse", "text": "" }),
        )
        .await;
    assert_eq!(outcome.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(outcome.error().fields.len(), 2);
    assert_eq!(
        before,
        (
            app.count("communications").await,
            app.count("messages").await
        )
    );
}

#[tokio::test]
async fn a_closed_thread_takes_no_messages() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = open_thread(&mut rossi, ROSSI, "Da chiudere").await;
    sqlx::query("UPDATE communications SET status = 'chiusa' WHERE id = $1")
        .bind(thread.summary.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let response = rossi
        .post(
            &format!("/api/communications/{}/messages", thread.summary.id),
            json!({ "text": "Ancora" }),
        )
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert_eq!(app.count("messages").await, 24 + 1);
}

#[tokio::test]
async fn someone_elses_thread_is_a_404_for_everyone_else() {
    let app = spawn_app().await;
    let mut ferri = app.logged_in(FERRI).await;
    let thread = open_thread(&mut ferri, FERRI, "Riservata").await;
    let id = thread.summary.id;
    let missing = app
        .logged_in(ROSSI)
        .await
        .get("/api/communications/999999")
        .await;

    for who in [ROSSI, VERDI, "operatore.roma", "operatore.milano"] {
        let mut client = app.logged_in(who).await;
        for path in [
            format!("/api/communications/{id}"),
            format!("/api/communications/{id}/eligibility"),
        ] {
            let response = client.get(&path).await;
            assert_eq!(response.status, StatusCode::NOT_FOUND, "{who} {path}");
            assert_eq!(response.body, missing.body, "no hint that it exists");
        }
        let write = client
            .post(
                &format!("/api/communications/{id}/messages"),
                json!({ "text": "x" }),
            )
            .await;
        assert_eq!(write.status, StatusCode::NOT_FOUND, "{who}");
        let outcome = client
            .post(
                &format!("/api/communications/{id}/outcome"),
                json!({ "outcome": "accolta", "text": "x" }),
            )
            .await;
        assert_eq!(outcome.status, StatusCode::NOT_FOUND, "{who}");
        let list = client
            .get(&format!("/api/contributors/{FERRI}/communications"))
            .await;
        assert_eq!(list.status, StatusCode::NOT_FOUND, "{who}");
        let create = client
            .post(
                &format!("/api/contributors/{FERRI}/communications"),
                new_thread("x"),
            )
            .await;
        assert_eq!(create.status, StatusCode::NOT_FOUND, "{who}");
    }
    // The contributor cannot decide on their own request either.
    let own = ferri
        .post(
            &format!("/api/communications/{id}/outcome"),
            json!({ "outcome": "accolta", "text": "x" }),
        )
        .await;
    assert_eq!(own.status, StatusCode::NOT_FOUND);
    assert_eq!(
        ferri.get("/api/office/communications").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("messages").await, 24 + 1);
}

#[tokio::test]
async fn a_revoked_delegation_closes_the_threads_at_once() {
    let app = spawn_app().await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = open_thread(&mut verdi, BIANCHI, "Per Bianchi").await;
    sqlx::query("UPDATE delegations SET revoked_at = $1")
        .bind(START)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let response = verdi
        .get(&format!("/api/communications/{}", thread.summary.id))
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn topics_carry_their_days() {
    let app = spawn_app().await;
    let topics: Vec<api::Topic> = app.logged_in(ROSSI).await.get("/api/topics").await.json();
    assert_eq!(topics.len(), 8);
    let rateazione = topics.iter().find(|t| t.code == "rateazione").unwrap();
    assert_eq!(
        (rateazione.label.as_str(), rateazione.appointment_after_days),
        ("Rateazione dei debiti contributivi", 20)
    );
    // Every stored topic has its words in the catalogues, the Italian ones as stored.
    for topic in &topics {
        let text = server::domain::speech::topic(&topic.code, &topic.label);
        assert_ne!(
            text.key,
            catalogue::Key::Verbatim,
            "{} has no key",
            topic.code
        );
        let italian = server::domain::speech::catalogue(api::Language::It).render(&text);
        assert_eq!(italian, topic.label);
    }
}

/// The queue ranks threads by how long the contributor's side has waited for an answer: the
/// service's own booking messages move nothing, and "da rispondere" keeps only those owed one.
#[tokio::test]
async fn the_queue_ranks_by_waiting_since_and_filters_those_to_answer() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let mut roma = app.logged_in("operatore.roma").await;
    // Steps shorter than the sessions' idle limit.
    let step = 600;
    let a = open_thread(&mut rossi, ROSSI, "Attende da più tempo")
        .await
        .summary
        .id;
    app.clock.advance(step);
    let rejected = roma
        .post(
            &format!("/api/communications/{a}/outcome"),
            json!({ "outcome": "non_accolta", "text": "Ne parliamo con un appuntamento." }),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.text());
    app.clock.advance(step);
    let asked_at = server::domain::rome::instant(app.now());
    let asked = rossi
        .post(
            &format!("/api/communications/{a}/messages"),
            json!({ "text": "Posso portare le quietanze?" }),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    app.clock.advance(step);
    let b = open_thread(&mut rossi, ROSSI, "Scritta dopo")
        .await
        .summary
        .id;
    app.clock.advance(step);
    // A booking on A: the service writes in the thread, later than B's message.
    let days: Vec<api::DayAvailability> = rossi
        .get("/api/availability?point=sportello&office=1")
        .await
        .json();
    let start = days[0].slots[0].start.clone();
    let held = post_with_key(
        &mut rossi,
        "/api/appointments",
        "queue-order",
        &json!({ "communication_id": a, "point": "sportello", "office": 1, "start": start,
                 "phone": "06 1234 5678", "notes": "Quietanze." }),
    )
    .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());

    let mut roma = app.logged_in("operatore.roma").await;
    let queue: api::OfficeQueuePage = roma
        .get("/api/office/communications?awaiting=true")
        .await
        .json();
    assert!(queue.items.iter().all(|t| t.awaiting_answer));
    let position = |id| queue.items.iter().position(|t| t.id == id).unwrap();
    assert!(position(a) < position(b), "A has waited longer than B");
    let first = &queue.items[position(a)];
    assert_eq!(first.awaiting_since.as_deref(), Some(asked_at.as_str()));
    // The office answers: A is no longer owed anything, nor listed among those to answer.
    let answered = roma
        .post(
            &format!("/api/communications/{a}/messages"),
            json!({ "text": "Sì, le porti all'appuntamento." }),
        )
        .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.text());
    let queue: api::OfficeQueuePage = roma
        .get("/api/office/communications?awaiting=true")
        .await
        .json();
    assert!(queue.items.iter().all(|t| t.id != a));
    let all: api::OfficeQueuePage = roma.get("/api/office/communications").await.json();
    let a_now = all.items.iter().find(|t| t.id == a).unwrap();
    assert!(!a_now.awaiting_answer && a_now.awaiting_since.is_none());
    let bad = roma.get("/api/office/communications?awaiting=forse").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.error().fields.contains_key("awaiting"));
}

/// Presa in carico and internal notes: colleagues see who handles a thread and what they
/// noted; the contributor's side never reads either, and another office cannot reach them.
#[tokio::test]
async fn an_operator_takes_a_thread_in_charge_and_notes_stay_inside_the_office() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let t = open_thread(&mut rossi, ROSSI, "Da prendere in carico")
        .await
        .summary
        .id;
    let mut anna = app.logged_in("operatore.roma").await;
    let taken = anna
        .put(&format!("/api/communications/{t}/handling"), json!({}))
        .await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.text());
    let side: api::ThreadOffice = taken.json();
    assert_eq!(side.handled_by.as_deref(), Some("Anna Conti"));
    assert!(side.handled_by_me);
    let noted = anna
        .post(
            &format!("/api/communications/{t}/notes"),
            json!({ "text": "Chiedere le quietanze del 2023 prima di rispondere." }),
        )
        .await;
    assert_eq!(noted.status, StatusCode::CREATED, "{}", noted.text());
    let empty = anna
        .post(
            &format!("/api/communications/{t}/notes"),
            json!({ "text": " " }),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The queue says who handles it.
    let queue: api::OfficeQueuePage = anna.get("/api/office/communications").await.json();
    let row = queue.items.iter().find(|c| c.id == t).unwrap();
    assert_eq!(row.handled_by.as_deref(), Some("Anna Conti"));
    // Rossi reads neither; Milan reaches nothing.
    let detail = rossi.get(&format!("/api/communications/{t}")).await.text();
    assert!(!detail.contains("Anna Conti") && !detail.contains("quietanze del 2023"));
    assert_eq!(
        rossi
            .get(&format!("/api/communications/{t}/office"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut milano = app.logged_in("operatore.milano").await;
    assert_eq!(
        milano
            .put(&format!("/api/communications/{t}/handling"), json!({}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let side: api::ThreadOffice = anna
        .get(&format!("/api/communications/{t}/office"))
        .await
        .json();
    assert_eq!(side.notes.len(), 1);
    assert_eq!(side.notes[0].author, "Anna Conti");
    // Released: nobody handles it.
    let released: api::ThreadOffice = anna
        .delete(&format!("/api/communications/{t}/handling"))
        .await
        .json();
    assert!(released.handled_by.is_none() && !released.handled_by_me);
}
