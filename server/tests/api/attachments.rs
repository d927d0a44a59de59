//! Allegati in the database, on SQLite and PostgreSQL alike: the bytes come back as they went
//! in; an upload waits for its message and only its uploader's message in its thread takes it,
//! inside that message's transaction (rolled back, the upload stays pending); uploads no
//! message took are deleted after a day, the others never.

use crate::helpers::*;
use server::communications::attachments::{self, NewUpload, Scan};

async fn rossi_user(app: &TestApp) -> api::UserId {
    sqlx::query_scalar("SELECT user_id FROM contributors WHERE cf = $1")
        .bind(ROSSI)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn last_message(app: &TestApp, thread: api::ThreadId) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM messages WHERE communication_id = $1")
        .bind(thread)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_upload_is_kept_whole_taken_by_its_message_and_swept_when_orphaned() {
    let app = spawn_app().await;
    let mut rossi = app.logged_in(ROSSI).await;
    let thread = thread_of(&mut rossi, ROSSI, "Contributi del 2024").await;
    let owner = rossi_user(&app).await;
    // Every byte value, a NUL among them: what a PDF or a JPEG really holds.
    let data: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let upload = |now: api::Instant| NewUpload {
        thread,
        uploaded_by: owner,
        name: "quietanza F24 – 2023.pdf",
        media_type: "application/pdf",
        sha256: "00",
        scan: Scan::NotScanned,
        data: &data,
        now,
    };
    let now = app.now();
    let id = attachments::insert_pending(&app.db, &upload(now))
        .await
        .unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    let (meta, bytes) = attachments::find(&mut conn, id).await.unwrap().unwrap();
    assert_eq!(bytes, data, "the bytes come back as they went in");
    assert_eq!(
        (meta.size, meta.name.as_str()),
        (70_000, "quietanza F24 – 2023.pdf")
    );
    assert_eq!(
        attachments::pending(&mut conn, thread, owner)
            .await
            .unwrap()
            .len(),
        1
    );
    drop(conn);

    let message = last_message(&app, thread).await;
    // Someone else's message does not take it; a message rolled back leaves it pending.
    let mut tx = app.db.begin_write().await.unwrap();
    let stranger = api::UserId(owner.0 + 1_000);
    assert_eq!(
        attachments::attach(&mut tx, thread, stranger, message, &[id])
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        attachments::attach(&mut tx, thread, owner, message, &[id])
            .await
            .unwrap(),
        1
    );
    drop(tx);
    let mut conn = app.db.pool.acquire().await.unwrap();
    assert_eq!(
        attachments::pending(&mut conn, thread, owner)
            .await
            .unwrap()
            .len(),
        1
    );
    drop(conn);
    let mut tx = app.db.begin_write().await.unwrap();
    assert_eq!(
        attachments::attach(&mut tx, thread, owner, message, &[id, 999_999])
            .await
            .unwrap(),
        1
    );
    tx.commit().await.unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    let kept = attachments::of_thread(&mut conn, thread).await.unwrap();
    assert_eq!(
        kept.iter()
            .map(|m| (m.id, m.message_id))
            .collect::<Vec<_>>(),
        vec![(id, Some(message))]
    );
    drop(conn);

    // A day on: the orphan goes, the taken one and a fresh upload stay.
    let orphan = attachments::insert_pending(&app.db, &upload(now))
        .await
        .unwrap();
    app.clock
        .advance(server::domain::attachment::ORPHAN_SECONDS + 60);
    let fresh = attachments::insert_pending(&app.db, &upload(app.now()))
        .await
        .unwrap();
    let cutoff = app.now() - server::domain::attachment::ORPHAN_SECONDS;
    assert_eq!(
        attachments::delete_orphans(&app.db, cutoff).await.unwrap(),
        1
    );
    let mut conn = app.db.pool.acquire().await.unwrap();
    assert!(attachments::find(&mut conn, orphan)
        .await
        .unwrap()
        .is_none());
    assert!(attachments::find(&mut conn, id).await.unwrap().is_some());
    assert!(attachments::find(&mut conn, fresh).await.unwrap().is_some());
}
