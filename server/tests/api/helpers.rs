//! One helper per need: a fresh app on a fresh database (SQLite file, or a new PostgreSQL
//! database when TEST_DATABASE_URL is set), a manual clock, and a client that keeps its cookie.

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use server::assets::Assets;
use server::clock::ManualClock;
use server::db::Db;
use server::AppState;
use std::sync::Arc;
use tower::ServiceExt;

/// 2026-03-02 09:00 UTC: a Monday, so later date rules have a known starting point.
pub const START: i64 = 1_772_442_000;

pub const ROSSI: &str = "RSSMRA80A01H501U";
pub const BIANCHI: &str = "BNCLCU85M41F205T";
pub const FERRI: &str = "FRRGNN72T10F839E";
pub const VERDI: &str = "VRDGPP70C15L219C";
pub const PASSWORD: &str = "demo2026";

pub const INDEX_HTML: &str = r#"<!DOCTYPE html><html lang="it"><head><link rel="stylesheet" href="/main-0123456789abcdef.css" integrity="sha384-abc"/><link rel="modulepreload" href="/app-0123456789abcdef.js" crossorigin="anonymous"><link rel="preload" href="/app-0123456789abcdef_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"><script type="module">import init from '/app-0123456789abcdef.js';init('/app-0123456789abcdef_bg.wasm');</script></head><body></body></html>"#;

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    pub db: Db,
    /// The database's URL, for a second connection (a migration run again, say).
    pub url: String,
    _static_dir: tempfile::TempDir,
    _database: TestDatabase,
}

pub enum TestDatabase {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime: use a thread with its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ = sqlx::Executor::execute(
                            &mut conn,
                            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                        )
                        .await;
                    }
                });
            })
            .join();
        }
    }
}

/// A new database's URL; the database goes away with the second value.
pub async fn fresh_database() -> (String, TestDatabase) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            use sqlx::Connection;
            let name = format!("cassetto_test_{}", rand_suffix());
            let mut conn = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("TEST_DATABASE_URL reachable");
            sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create test database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            (
                format!("{base}/{name}"),
                TestDatabase::Postgres { admin_url, name },
            )
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}/test.sqlite", dir.path().display());
            (url, TestDatabase::Sqlite(dir))
        }
    }
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{}_{}", std::process::id(), nanos)
}

fn static_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX_HTML).unwrap();
    let js = "export default function init() { /* the app */ }\n".repeat(40);
    std::fs::write(dir.path().join("app-0123456789abcdef.js"), js).unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::write(dir.path().join("fonts/titillium.woff2"), [0u8; 64]).unwrap();
    dir
}

/// The app with the demo data loaded, as `--demo` loads it.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(false).await
}

pub async fn spawn_app_with(secure_cookies: bool) -> TestApp {
    let (url, database) = fresh_database().await;
    let db = Db::connect(&url).await.expect("database");
    let clock = ManualClock::new(api::Instant(START));
    let url_kept = url.clone();
    server::demo::load_if_empty(&db, clock.as_ref())
        .await
        .expect("demo data");
    let static_dir = static_dir();
    let assets = Assets::load(static_dir.path()).unwrap();
    // Requests come from 127.0.0.1, the trusted proxy: a test names another client address
    // with X-Forwarded-For.
    let local = std::net::IpAddr::from([127, 0, 0, 1]);
    // The demo's data, and the demo's placeholder video platform (`--demo`).
    let state = AppState::new(db.clone(), clock.clone(), assets, secure_cookies)
        .with_trusted_proxy(Some(local))
        .with_video(Some(server::video::DEMO_BASE.into()));
    let peer = std::net::SocketAddr::new(local, 40_000);
    TestApp {
        router: server::app(state.clone())
            .layer(axum::extract::connect_info::MockConnectInfo(peer)),
        state,
        clock,
        db,
        url: url_kept,
        _static_dir: static_dir,
        _database: database,
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn error(&self) -> api::ErrorBody {
        self.json::<api::ErrorEnvelope>().error
    }

    /// The error's code, as the wire writes it.
    pub fn code(&self) -> &'static str {
        self.error().code.code()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub fn client(&self) -> Client<'_> {
        Client {
            app: self,
            cookie: None,
        }
    }

    /// A client already logged in as `username`.
    pub async fn logged_in(&self, username: &str) -> Client<'_> {
        let mut client = self.client();
        let response = client.login(username, PASSWORD).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        client
    }

    /// The clock, in Unix seconds.
    pub fn clock_now(&self) -> i64 {
        self.now().seconds()
    }

    pub fn now(&self) -> api::Instant {
        use server::clock::Clock;
        self.clock.now()
    }

    /// `n` contributors in Rome, each logged in with a thread that may book: (cookie, thread).
    pub async fn many_contributors(&self, n: usize) -> Vec<(String, api::ThreadId)> {
        server::demo::load_test_contributors(&self.db, n, self.now())
            .await
            .unwrap()
            .into_iter()
            .map(|(token, thread)| (format!("cassetto_session={token}"), thread))
            .collect()
    }

    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.db.pool)
            .await
            .unwrap();
        n
    }
}

/// A browser-like client: keeps the session cookie between requests.
pub struct Client<'a> {
    app: &'a TestApp,
    pub cookie: Option<String>,
}

impl Client<'_> {
    pub fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(cookie) = &self.cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder
    }

    pub async fn send(&mut self, request: Request<Body>) -> TestResponse {
        let response = self.app.send(request).await;
        if let Some(set) = response.headers.get(header::SET_COOKIE) {
            let pair = set.to_str().unwrap().split(';').next().unwrap().to_string();
            self.cookie = if pair.ends_with('=') {
                None
            } else {
                Some(pair)
            };
        }
        response
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = self.request("GET", path).body(Body::empty()).unwrap();
        self.send(request).await
    }

    pub async fn post(&mut self, path: &str, body: serde_json::Value) -> TestResponse {
        let request = self
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(request).await
    }

    pub async fn put(&mut self, path: &str, body: serde_json::Value) -> TestResponse {
        let request = self
            .request("PUT", path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(request).await
    }

    pub async fn delete(&mut self, path: &str) -> TestResponse {
        let request = self.request("DELETE", path).body(Body::empty()).unwrap();
        self.send(request).await
    }

    /// Logs in from another client address (as the trusted proxy reports it).
    pub async fn login_from(
        &mut self,
        address: &str,
        username: &str,
        password: &str,
    ) -> TestResponse {
        let body = serde_json::json!({ "username": username, "password": password });
        let request = self
            .request("POST", "/api/session")
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-forwarded-for", address)
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(request).await
    }

    pub async fn login(&mut self, username: &str, password: &str) -> TestResponse {
        self.post(
            "/api/session",
            serde_json::json!({ "username": username, "password": password }),
        )
        .await
    }
}

/// The contributor's thread whose subject starts with `subject` (the demo's, or one a test made).
pub async fn thread_of(client: &mut Client<'_>, cf: &str, subject: &str) -> api::ThreadId {
    let page: api::CommunicationPage = client
        .get(&format!("/api/contributors/{cf}/communications"))
        .await
        .json();
    page.items
        .iter()
        .find(|c| c.subject.starts_with(subject))
        .unwrap_or_else(|| panic!("no thread «{subject}» for {cf}"))
        .id
}

/// A POST with an `Idempotency-Key`, as Prenota appuntamento wants it.
pub async fn post_with_key(
    client: &mut Client<'_>,
    path: &str,
    key: &str,
    body: &serde_json::Value,
) -> TestResponse {
    let request = client
        .request("POST", path)
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap();
    client.send(request).await
}

/// Holds and confirms `start` at the desk of `office` for `thread`: the reference.
pub async fn book_at(
    client: &mut Client<'_>,
    thread: api::ThreadId,
    office: i64,
    start: &str,
    key: &str,
) -> String {
    let body = serde_json::json!({ "communication_id": thread, "point": "sportello",
        "office": office, "start": start, "phone": "06 1234 5678",
        "notes": "Verifica dei versamenti." });
    let held = post_with_key(client, "/api/appointments", key, &body).await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());
    let reference = held.json::<api::Appointment>().reference.0;
    let confirmed = client
        .post(
            &format!("/api/appointments/{reference}/confirm"),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    reference
}

/// The free places at `start` as availability offers them (None: not offered at all).
pub async fn free_places(
    client: &mut Client<'_>,
    point: &str,
    office: i64,
    start: &str,
) -> Option<u32> {
    let day = &start[..10];
    let days: Vec<api::DayAvailability> = client
        .get(&format!(
            "/api/availability?point={point}&office={office}&from={day}&to={day}"
        ))
        .await
        .json();
    days.iter()
        .flat_map(|d| &d.slots)
        .find(|s| s.start == start)
        .map(|s| s.free)
}
