//! Allegati through the API, on SQLite and PostgreSQL alike: a PDF and a photo go with a
//! message and come back byte for byte to whoever may read the thread, and to nobody else;
//! every refusal names its reason and keeps nothing; clamd finds EICAR and a silent clamd keeps
//! nothing; an upload no message took is swept after a day.

use crate::helpers::*;
use axum::body::Body;
use axum::http::header;
use lopdf::{dictionary, Document, Object, Stream};
use server::antivirus::Clamd;
use server::state::Uploads;

/// A one-page PDF whose page shows `text`; `catalog_extra` goes into its catalogue, `encrypt`
/// adds an encryption dictionary to the trailer.
fn pdf(text: &[u8], catalog_extra: Option<(&str, Object)>, encrypt: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut content = b"BT /F1 12 Tf (".to_vec();
    content.extend_from_slice(text);
    content.extend_from_slice(b") Tj ET");
    let content = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
    if let Some((key, value)) = catalog_extra {
        catalog.set(key, value);
    }
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", catalog_id);
    if encrypt {
        let e = doc.add_object(dictionary! { "Filter" => "Standard", "V" => 1, "R" => 2 });
        doc.trailer.set("Encrypt", e);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn picture(format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]))
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .unwrap();
    out
}

const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// Uploads `data` as `media_type` named `name` (percent-encoded as the app sends it).
async fn upload(
    client: &mut Client<'_>,
    thread: api::ThreadId,
    name: &str,
    media_type: &str,
    data: Vec<u8>,
) -> TestResponse {
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    let request = client
        .request("POST", &format!("/api/communications/{thread}/attachments"))
        .header(header::CONTENT_TYPE, media_type)
        .header(header::CONTENT_LENGTH, data.len())
        .header("x-filename", encoded.to_string())
        .body(Body::from(data))
        .unwrap();
    client.send(request).await
}

/// The app as `run` builds it with these attachment settings.
fn with_uploads(app: &mut TestApp, uploads: Uploads) {
    let state = app.state.clone().with_uploads(uploads);
    let local = std::net::IpAddr::from([127, 0, 0, 1]);
    app.router = server::app(state.clone()).layer(axum::extract::connect_info::MockConnectInfo(
        std::net::SocketAddr::new(local, 40_000),
    ));
    app.state = state;
}

#[tokio::test]
async fn a_pdf_and_a_photo_go_with_a_message_and_only_the_thread_reads_them() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let receipt = pdf(b"Quietanza F24 2023", None, false);
    let photo = picture(image::ImageFormat::Jpeg);
    let name = "quietanza F24 – marzo 2023.pdf";
    let sent = upload(&mut rossi, thread, name, "application/pdf", receipt.clone()).await;
    assert_eq!(sent.status, 201, "{}", sent.text());
    let first: api::Attachment = sent.json();
    assert_eq!(
        (first.name.as_str(), first.media_type, first.size),
        (name, api::AttachmentType::Pdf, receipt.len() as u64)
    );
    let second: api::Attachment =
        upload(&mut rossi, thread, "foto.jpg", "image/jpeg", photo.clone())
            .await
            .json();
    assert_eq!(
        second.sha256,
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&photo))
    );

    // A pending upload is its uploader's only; it is found again after a reload.
    let pending: Vec<api::Attachment> = rossi
        .get(&format!("/api/communications/{thread}/attachments"))
        .await
        .json();
    assert_eq!(pending, vec![first.clone(), second.clone()]);
    let mut roma = app.logged_in("operatore.roma").await;
    let theirs: Vec<api::Attachment> = roma
        .get(&format!("/api/communications/{thread}/attachments"))
        .await
        .json();
    assert!(theirs.is_empty());
    let path = |a: &api::Attachment| format!("/api/attachments/{}", a.id);
    assert_eq!(roma.get(&path(&first)).await.status, 404);
    assert_eq!(rossi.get(&path(&first)).await.status, 200);

    let written = rossi
        .post(
            &format!("/api/communications/{thread}/messages"),
            serde_json::json!({"text": "Allego le quietanze.", "attachments": [second.id, first.id]}),
        )
        .await;
    assert_eq!(written.status, 201, "{}", written.text());
    let detail: api::CommunicationDetail = written.json();
    let last = detail.messages.last().unwrap();
    // In the order the writer listed them, not the order they were uploaded.
    assert_eq!(last.attachments, vec![second.clone(), first.clone()]);

    // The office of the thread reads both, byte for byte, as files to save.
    let got = roma.get(&path(&first)).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, receipt);
    assert_eq!(got.header("content-type"), "application/pdf");
    assert_eq!(
        got.header("content-disposition"),
        "attachment; filename=\"quietanza F24 _ marzo 2023.pdf\"; filename*=UTF-8''quietanza%20F24%20%E2%80%93%20marzo%202023.pdf"
    );
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert_eq!(
        got.header("content-security-policy"),
        "default-src 'none'; sandbox"
    );
    let got = roma.get(&path(&second)).await;
    assert_eq!((got.status.as_u16(), got.body.clone()), (200, photo));
    assert_eq!(got.header("content-type"), "image/jpeg");
    // The office sees them in its own view of the thread too.
    let seen: api::CommunicationDetail = roma
        .get(&format!("/api/communications/{thread}"))
        .await
        .json();
    assert_eq!(seen.messages.last().unwrap().attachments.len(), 2);
    // The intermediary acting for Rossi reads them while the delegation lasts.
    let mut verdi = app.logged_in(VERDI).await;
    assert_eq!(verdi.get(&path(&first)).await.status, 200);

    // Nobody else: another office, another contributor, an intermediary whose delegation ended.
    let mut milano = app.logged_in("operatore.milano").await;
    let mut bianchi = app.logged_in(BIANCHI).await;
    sqlx::query(
        "UPDATE delegations SET valid_until = $1 WHERE contributor_id =
            (SELECT id FROM contributors WHERE cf = $2)",
    )
    .bind(app.now() - 1)
    .bind(ROSSI)
    .execute(&app.db.pool)
    .await
    .unwrap();
    for client in [&mut milano, &mut bianchi, &mut verdi] {
        for a in [&first, &second] {
            let refused = client.get(&path(a)).await;
            assert_eq!(
                (refused.status.as_u16(), refused.code()),
                (404, "not_found")
            );
        }
    }
    // A file a message carries is not taken back.
    assert_eq!(rossi.delete(&path(&first)).await.status, 404);
}

#[tokio::test]
async fn every_refused_file_says_why_and_keeps_nothing() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let script =
        dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") };
    let cases: Vec<(&str, &str, Vec<u8>, u16, &str)> = vec![
        (
            "foto.pdf",
            "application/pdf",
            picture(image::ImageFormat::Png),
            422,
            "attachment_wrong_type",
        ),
        (
            "programma.png",
            "image/png",
            b"MZ\x90\x00\x03 an executable".to_vec(),
            422,
            "attachment_wrong_type",
        ),
        (
            "con script.pdf",
            "application/pdf",
            pdf(b"x", Some(("OpenAction", script.into())), false),
            422,
            "attachment_active_content",
        ),
        (
            "protetto.pdf",
            "application/pdf",
            pdf(b"x", None, true),
            422,
            "attachment_encrypted",
        ),
        (
            "rotta.png",
            "image/png",
            picture(image::ImageFormat::Png)[..40].to_vec(),
            422,
            "attachment_unreadable",
        ),
        (
            "../../etc/passwd.pdf",
            "application/pdf",
            pdf(b"x", None, false),
            422,
            "validation",
        ),
        (
            "fattura\u{202E}fdp.exe.pdf",
            "application/pdf",
            pdf(b"x", None, false),
            422,
            "validation",
        ),
        (
            "grande.pdf",
            "application/pdf",
            {
                let mut big = pdf(b"x", None, false);
                big.resize(server::domain::attachment::MAX_BYTES + 1, b' ');
                big
            },
            413,
            "payload_too_large",
        ),
        (
            "nota.txt",
            "text/plain",
            b"ciao".to_vec(),
            415,
            "unsupported_media_type",
        ),
    ];
    for (name, media_type, data, status, code) in cases {
        let refused = upload(&mut rossi, thread, name, media_type, data).await;
        assert_eq!(
            (refused.status.as_u16(), refused.code()),
            (status, code),
            "{name}: {}",
            refused.text()
        );
        let message = refused.error().message;
        if status == 422 && code != "validation" {
            assert!(message.contains(name), "{name}: {message}");
        }
        if code == "validation" {
            assert!(refused.error().fields.contains_key("filename"));
        }
        assert_eq!(app.count("attachments").await, 0, "{name} was kept");
    }

    // A form, a cross-site upload: refused before any handler.
    let form = rossi
        .request("POST", &format!("/api/communications/{thread}/attachments"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=X")
        .header("x-filename", "a.pdf")
        .body(Body::from(
            "--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--X--\r\n",
        ))
        .unwrap();
    let refused = rossi.send(form).await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (415, "unsupported_media_type")
    );
    let cross = rossi
        .request("POST", &format!("/api/communications/{thread}/attachments"))
        .header(header::CONTENT_TYPE, "application/pdf")
        .header("x-filename", "a.pdf")
        .header("sec-fetch-site", "cross-site")
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::from(pdf(b"x", None, false)))
        .unwrap();
    let refused = rossi.send(cross).await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (403, "cross_site")
    );

    // A body sent without its length is stopped as it passes the limit, not read to the end.
    let pulled = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = pulled.clone();
    let chunks = futures_util::stream::repeat_with(move || {
        counter.fetch_add(64 * 1024, std::sync::atomic::Ordering::SeqCst);
        Ok::<_, std::io::Error>(vec![b' '; 64 * 1024])
    });
    let endless = rossi
        .request("POST", &format!("/api/communications/{thread}/attachments"))
        .header(header::CONTENT_TYPE, "application/pdf")
        .header("x-filename", "infinito.pdf")
        .body(Body::from_stream(chunks))
        .unwrap();
    let refused = rossi.send(endless).await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (413, "payload_too_large")
    );
    assert!(refused.error().message.contains("infinito.pdf"));
    let read = pulled.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        read <= server::domain::attachment::MAX_BYTES + 2 * 64 * 1024,
        "read {read} bytes"
    );

    // Three files wait for the message; a fourth does not.
    for n in 1..=3 {
        let kept = upload(
            &mut rossi,
            thread,
            &format!("ricevuta {n}.png"),
            "image/png",
            picture(image::ImageFormat::Png),
        )
        .await;
        assert_eq!(kept.status, 201);
    }
    let refused = upload(
        &mut rossi,
        thread,
        "quarta.png",
        "image/png",
        picture(image::ImageFormat::Png),
    )
    .await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (409, "too_many_attachments")
    );
    assert_eq!(app.count("attachments").await, 3);
}

#[tokio::test]
async fn clamd_stops_eicar_and_a_silent_clamd_keeps_nothing() {
    let mut app = spawn_app().await;
    let limits = server::domain::attachment::Limits::default();
    // clamd set but not answering: 503, nothing kept.
    with_uploads(
        &mut app,
        Uploads::new(limits, Some(Clamd::Address("127.0.0.1:9".into()))),
    );
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let refused = upload(
        &mut rossi,
        thread,
        "estratto.pdf",
        "application/pdf",
        pdf(b"Estratto conto", None, false),
    )
    .await;
    assert_eq!((refused.status.as_u16(), refused.code()), (503, "busy"));
    assert!(!refused.header("retry-after").is_empty());
    assert_eq!(app.count("attachments").await, 0);

    let Some(socket) = std::env::var("CLAMD_TEST_SOCKET")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        eprintln!("CLAMD_TEST_SOCKET unset: run through scripts/clamd.sh (make test)");
        return;
    };
    let cookie = rossi.cookie.take();
    with_uploads(
        &mut app,
        Uploads::new(limits, Some(Clamd::Socket(socket.into()))),
    );
    let mut rossi = app.client();
    rossi.cookie = cookie;
    // A well-formed PDF that carries the EICAR test string passes our checks; clamd stops it.
    let infected = upload(
        &mut rossi,
        thread,
        "estratto.pdf",
        "application/pdf",
        pdf(EICAR, None, false),
    )
    .await;
    assert_eq!(
        (infected.status.as_u16(), infected.code()),
        (422, "attachment_infected"),
        "{}",
        infected.text()
    );
    assert!(infected.error().message.contains("estratto.pdf"));
    assert_eq!(app.count("attachments").await, 0);
    let clean = upload(
        &mut rossi,
        thread,
        "estratto.pdf",
        "application/pdf",
        pdf(b"Estratto conto", None, false),
    )
    .await;
    assert_eq!(clean.status, 201, "{}", clean.text());
    let scan: String = sqlx::query_scalar("SELECT scan FROM attachments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(scan, "pulito");
}

#[tokio::test]
async fn a_message_takes_only_its_writers_uploads_and_the_sweeper_the_forgotten_ones() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let mut verdi = app.logged_in(VERDI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let photo = picture(image::ImageFormat::Png);
    let verdis: api::Attachment = upload(&mut verdi, thread, "a.png", "image/png", photo.clone())
        .await
        .json();
    let rossis: api::Attachment = upload(&mut rossi, thread, "b.png", "image/png", photo.clone())
        .await
        .json();
    let messages = app.count("messages").await;
    // Verdi's upload is not Rossi's to send: the message is refused whole, both stay pending.
    let refused = rossi
        .post(
            &format!("/api/communications/{thread}/messages"),
            serde_json::json!({"text": "Ecco.", "attachments": [rossis.id, verdis.id]}),
        )
        .await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (422, "validation")
    );
    assert!(refused.error().fields.contains_key("attachments"));
    assert_eq!(app.count("messages").await, messages);
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE message_id IS NULL")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(pending, 2);
    let sent = rossi
        .post(
            &format!("/api/communications/{thread}/messages"),
            serde_json::json!({"text": "Ecco.", "attachments": [rossis.id]}),
        )
        .await;
    assert_eq!(sent.status, 201, "{}", sent.text());
    // Taken back before sending: its bytes go at once, and it can be neither read nor sent;
    // its row stays (the contributor's day counts it) until the sweeper comes.
    let third: api::Attachment = upload(&mut verdi, thread, "c.png", "image/png", photo)
        .await
        .json();
    let third_path = format!("/api/attachments/{}", third.id);
    assert_eq!(verdi.delete(&third_path).await.status, 204);
    assert_eq!(verdi.delete(&third_path).await.status, 404);
    assert_eq!(verdi.get(&third_path).await.status, 404);
    let left: Vec<u8> = sqlx::query_scalar("SELECT data FROM attachments WHERE id = $1")
        .bind(third.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(left.is_empty());
    let reused = verdi
        .post(
            &format!("/api/communications/{thread}/messages"),
            serde_json::json!({"text": "Ecco.", "attachments": [third.id]}),
        )
        .await;
    assert_eq!(reused.status.as_u16(), 422);
    assert_eq!(app.count("attachments").await, 3);

    // A day on, the sweeper deletes what no message took and keeps what one did.
    server::jobs::sweep(&app.db, app.now() + 3600).await;
    assert_eq!(app.count("attachments").await, 3);
    app.clock
        .advance(server::domain::attachment::ORPHAN_SECONDS + 1);
    server::jobs::sweep(&app.db, app.now()).await;
    assert_eq!(app.count("attachments").await, 1);
    // (The sessions ended with the day too.)
    let mut verdi = app.logged_in(VERDI).await;
    let mut rossi = app.logged_in(ROSSI).await;
    assert_eq!(
        verdi
            .get(&format!("/api/attachments/{}", verdis.id))
            .await
            .status,
        404
    );
    assert_eq!(
        rossi
            .get(&format!("/api/attachments/{}", rossis.id))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_contributors_files_of_the_day_are_counted_and_the_office_answers_with_its_own() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let photo = picture(image::ImageFormat::Png);
    let per_day = server::domain::attachment::UPLOADS_PER_DAY as usize;
    for round in 0..per_day / 3 {
        let mut ids = vec![];
        for n in 0..3 {
            let kept = upload(
                &mut rossi,
                thread,
                &format!("{round}-{n}.png"),
                "image/png",
                photo.clone(),
            )
            .await;
            assert_eq!(kept.status, 201, "{}", kept.text());
            ids.push(kept.json::<api::Attachment>().id);
        }
        let sent = rossi
            .post(
                &format!("/api/communications/{thread}/messages"),
                serde_json::json!({"text": "Altri documenti.", "attachments": ids}),
            )
            .await;
        assert_eq!(sent.status, 201);
    }
    let refused = upload(&mut rossi, thread, "oltre.png", "image/png", photo.clone()).await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (429, "too_many_uploads")
    );
    assert!(!refused.header("retry-after").is_empty());

    // The office's answer is not the contributor's day; its notice says files came with it.
    let mut roma = app.logged_in("operatore.roma").await;
    let answer: api::Attachment = upload(&mut roma, thread, "ricevuta.png", "image/png", photo)
        .await
        .json();
    let sent = roma
        .post(
            &format!("/api/communications/{thread}/messages"),
            serde_json::json!({"text": "In allegato la ricevuta.", "attachments": [answer.id]}),
        )
        .await;
    assert_eq!(sent.status, 201);
    let detail: api::CommunicationDetail = sent.json();
    assert!(detail.messages.last().unwrap().from_institute);
    assert_eq!(detail.messages.last().unwrap().attachments, vec![answer]);
}

#[tokio::test]
async fn uploads_racing_for_the_last_places_of_a_message_keep_exactly_three() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let photo = picture(image::ImageFormat::Png);
    let mut clients: Vec<Client<'_>> = (0..6)
        .map(|_| {
            let mut c = app.client();
            c.cookie = rossi.cookie.clone();
            c
        })
        .collect();
    let [a, b, c, d, e, f] = &mut clients[..] else {
        unreachable!()
    };
    let (ra, rb, rc, rd, re, rf) = tokio::join!(
        upload(a, thread, "1.png", "image/png", photo.clone()),
        upload(b, thread, "2.png", "image/png", photo.clone()),
        upload(c, thread, "3.png", "image/png", photo.clone()),
        upload(d, thread, "4.png", "image/png", photo.clone()),
        upload(e, thread, "5.png", "image/png", photo.clone()),
        upload(f, thread, "6.png", "image/png", photo.clone()),
    );
    let mut statuses: Vec<(u16, &str)> = [&ra, &rb, &rc, &rd, &re, &rf]
        .iter()
        .map(|r| {
            let code = if r.status.is_success() { "" } else { r.code() };
            (r.status.as_u16(), code)
        })
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        vec![
            (201, ""),
            (201, ""),
            (201, ""),
            (409, "too_many_attachments"),
            (409, "too_many_attachments"),
            (409, "too_many_attachments"),
        ]
    );
    assert_eq!(app.count("attachments").await, 3);
}

#[tokio::test]
async fn a_thread_whose_files_fill_its_space_takes_no_more() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let owner: api::UserId = sqlx::query_scalar("SELECT user_id FROM contributors WHERE cf = $1")
        .bind(ROSSI)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let message: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM messages WHERE communication_id = $1")
            .bind(thread)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    // What earlier messages carried, as the thread's byte count reads it.
    let almost = server::domain::attachment::THREAD_MAX_BYTES - 100;
    sqlx::query(
        "INSERT INTO attachments (id, communication_id, message_id, uploaded_by, name, media_type,
             size, sha256, scan, data, created_at)
         VALUES (9001, $1, $2, $3, 'vecchio.pdf', 'application/pdf', $4, '00', 'pulito', $5, $6)",
    )
    .bind(thread)
    .bind(message)
    .bind(owner)
    .bind(almost)
    .bind(vec![0u8])
    .bind(app.now())
    .execute(&app.db.pool)
    .await
    .unwrap();
    let refused = upload(
        &mut rossi,
        thread,
        "ancora.png",
        "image/png",
        picture(image::ImageFormat::Png),
    )
    .await;
    assert_eq!(
        (refused.status.as_u16(), refused.code()),
        (409, "thread_attachments_full")
    );
    assert_eq!(app.count("attachments").await, 1);
}
