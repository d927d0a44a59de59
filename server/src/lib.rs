//! The server of the Cassetto Previdenziale: the JSON API, the built app, the database.
//! `app()` builds the whole HTTP service from a state, so tests run it in-process against a
//! fresh database exactly as `run()` serves it.

pub mod access;
pub mod agenda;
pub mod antivirus;
pub mod assets;
pub mod auth;
pub mod clock;
pub mod communications;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod extract;
pub mod federation;
pub mod html;
pub mod info;
pub mod jobs;
pub mod jose;
pub mod language;
pub mod notify;
pub mod office;
pub mod oidc;
pub mod openapi;
pub mod ratings;
pub mod secrets;
pub mod security;
pub mod session;
pub mod state;
pub mod telemetry;
pub mod throttle;
pub mod video;
pub mod waitlist;

use crate::assets::Assets;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::Db;
use crate::error::AppError;
pub use crate::state::{AppState, Settings};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Json, Router};
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub fn app(state: AppState) -> Router {
    let policy = security::Policy {
        csp: assets::content_security_policy(state.assets.script_hashes()),
        https: state.settings.secure_cookies,
    };
    let request_id = HeaderName::from_static("x-request-id");
    let video = state.video.clone();
    Router::new()
        .route("/healthz", get(health))
        .route(
            language::ENGLISH_CATALOGUE,
            get(language::english_catalogue),
        )
        .route(
            api::paths::LOGIN,
            get(session::page::show).post(session::page::submit),
        )
        .route(
            session::page::PREFETCH_SCRIPT,
            get(session::page::prefetch_script),
        )
        .merge(info::pages())
        .merge(openapi::api().0)
        .merge(oidc::federation_router())
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(security::BODY_LIMIT))
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|request: &Request| {
                        let id = request
                            .headers()
                            .get("x-request-id")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default();
                        // The route's template, never the path itself: paths carry codici fiscali.
                        let route = match request.extensions().get::<axum::extract::MatchedPath>() {
                            Some(matched) => matched.as_str().to_string(),
                            None if request.uri().path().starts_with("/api") => {
                                "/api (none)".into()
                            }
                            None => "(app)".into(),
                        };
                        tracing::info_span!("request", method = %request.method(), %route, id)
                    }),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(middleware::from_fn(language::scope))
                .layer(middleware::from_fn_with_state(video, video::scope))
                .layer(middleware::from_fn_with_state(policy, security::headers))
                // Static files arrive already compressed; this covers the API's JSON.
                .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
                .layer(middleware::from_fn(security::guard)),
        )
}

async fn health(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => Json(api::Health {
            status: "ok".into(),
        })
        .into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(api::Health {
                    status: "database non raggiungibile".into(),
                }),
            )
                .into_response()
        }
    }
}

async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        // Any `/api` path that no route answers: the envelope, never the app's HTML.
        return AppError::NotFound.into_response();
    }
    // Arriving from another site (a link in a webmail, the SPID/CIE provider's redirect) the
    // browser holds back our SameSite=Strict session cookie: only the app, asking from our own
    // page, can tell whether the person is signed in.
    let from_elsewhere = request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|site| site == "cross-site");
    if state.assets.serves_app(request.method(), path) && !from_elsewhere {
        // A page of the app is for signed-in people: anyone else goes to the login page, which
        // needs no wasm, and comes back here afterwards.
        let (mut parts, _) = request.into_parts();
        let notice = match auth::CurrentUser::from_request_parts(&mut parts, &state).await {
            Ok(user) => {
                // Who they are goes with the page: the app need not ask before it draws.
                return match session::session_info(&state, user).await {
                    Ok(info) => {
                        let status = api::SessionStatus {
                            session: Some(info),
                        };
                        let json = serde_json::to_string(&status).expect("serialisable");
                        state.assets.app_with_session(&parts.method, &json)
                    }
                    Err(error) => error.into_response(),
                };
            }
            Err(AppError::Unauthenticated) => None,
            Err(AppError::SessionExpired) => Some(api::LoginNotice::Ended),
            Err(other) => return other.into_response(),
        };
        let here = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let back = (here != api::paths::HOME && parts.uri.path() != "/index.html").then_some(here);
        return (
            StatusCode::SEE_OTHER,
            [
                (
                    axum::http::header::LOCATION,
                    api::paths::login(back, notice),
                ),
                (axum::http::header::CACHE_CONTROL, "no-store".to_string()),
            ],
        )
            .into_response();
    }
    state
        .assets
        .respond(request.method(), request.uri(), request.headers())
}

/// Connects to the database, loads the demo data if asked, and serves until Ctrl-C.
pub async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let clamd = config.clamd()?;
    let db = Db::connect(&config.database_url).await?;
    if config.demo && demo::load_if_empty(&db, &SystemClock).await? {
        demo::load_office_day(&db, SystemClock.now()).await?;
    }
    let assets = Assets::load(&config.static_dir)?;
    let relying_party = relying_party(&config)?;
    let state = AppState::new(db, Arc::new(SystemClock), assets, config.secure_cookies)
        .with_trusted_proxy(config.trusted_proxy)
        .with_password_login(config.password_login(), config.demo)
        .with_oidc(relying_party)
        .with_video(config.video_base()?)
        .with_uploads(state::Uploads::new(
            domain::attachment::Limits {
                max_bytes: config.attachment_max_bytes as usize,
                per_message: usize::from(config.attachments_per_message),
            },
            clamd,
        ));
    jobs::spawn_trust_chains(state.oidc.clone(), state.clock.clone());
    jobs::spawn_sweeper(state.db.clone(), state.clock.clone());
    notify::outbox::set_reminder_policy(domain::notices::ReminderPolicy {
        hour: config.reminder_hour,
        hours_before: config.reminder_hours_before,
    });
    let mailer = match &config.smtp_url {
        Some(url) => notify::mailer::Mailer::smtp(url)?,
        None => notify::mailer::Mailer::files(config.mail_dir.clone())?,
    };
    println!("{}", mailer.describe());
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.bind));
    let delivery =
        notify::worker::Delivery::new(state.db.clone(), mailer, &config.mail_from, &public_url)?
            .with_video(state.video.clone());
    jobs::spawn_delivery(Arc::new(delivery), state.clock.clone());
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let address = listener.local_addr()?;
    println!("Cassetto Previdenziale in ascolto su http://{address}");
    if config.demo {
        println!("{}", demo::ACCOUNTS_HELP);
    }
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Our Relying Party, when `--oidc-entity-id` is given; every other OIDC flag is then required.
fn relying_party(
    config: &Config,
) -> Result<Option<federation::RelyingParty>, Box<dyn std::error::Error>> {
    let Some(entity_id) = &config.oidc_entity_id else {
        return Ok(None);
    };
    let missing = |flag: &str| format!("--oidc-entity-id needs {flag}");
    let trust_anchor = config
        .oidc_trust_anchor
        .clone()
        .ok_or_else(|| missing("--oidc-trust-anchor"))?;
    let keys_dir = config
        .oidc_keys
        .as_ref()
        .ok_or_else(|| missing("--oidc-keys"))?;
    let marks_file = config
        .oidc_trust_marks
        .as_ref()
        .ok_or_else(|| missing("--oidc-trust-marks"))?;
    if config.oidc_providers.is_empty() {
        return Err(missing("at least one --oidc-provider").into());
    }
    let providers = config
        .oidc_providers
        .iter()
        .map(|value| match value.split_once('=') {
            Some(("cie", url)) => (
                api::IdentityScheme::Cie,
                url.trim_end_matches('/').to_string(),
            ),
            Some(("spid", url)) => (
                api::IdentityScheme::Spid,
                url.trim_end_matches('/').to_string(),
            ),
            _ => (
                api::IdentityScheme::Spid,
                value.trim_end_matches('/').to_string(),
            ),
        })
        .collect();
    let marks = std::fs::read_to_string(marks_file)
        .map_err(|e| format!("{}: {e}", marks_file.display()))?;
    let trust_marks: serde_json::Value =
        serde_json::from_str(&marks).map_err(|e| format!("{}: {e}", marks_file.display()))?;
    if !trust_marks.is_array() {
        return Err(format!(
            "{}: expected a JSON list of trust marks",
            marks_file.display()
        )
        .into());
    }
    let keys = jose::Keys::load(keys_dir)?;
    let settings = federation::Settings {
        entity_id: entity_id.trim_end_matches('/').to_string(),
        trust_anchor: trust_anchor.trim_end_matches('/').to_string(),
        providers,
        trust_marks,
        allow_http: config.oidc_allow_http,
    };
    Ok(Some(federation::RelyingParty::new(settings, keys)?))
}
