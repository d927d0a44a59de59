//! A SPID/CIE login from the link to the session: the request sent, and every check on what
//! comes back before anyone is let in.

use super::repo::{self, Pending};
use crate::domain::oidc::{self, Expected};
use crate::error::AppError;
use crate::federation::{LoginRequest, RelyingParty};
use crate::jose;
use crate::secrets::{new_token, token_hash};
use crate::session::repo::{self as sessions, Via};
use crate::state::AppState;
use api::{LoginFailure, UserId};
use sha2::{Digest, Sha256};

/// Where to send the browser, and the state its cookie must carry back.
pub struct Begun {
    pub redirect: String,
    pub state: String,
}

/// The chain of `provider` verified, a login remembered, the signed request built.
pub async fn begin(
    state: &AppState,
    rp: &RelyingParty,
    provider: &str,
    return_to: Option<&str>,
) -> Result<Begun, Failure> {
    let now = state.clock.now();
    let chain = rp.provider(provider, now).await.map_err(|error| {
        tracing::warn!(%error, provider, "no trust chain");
        Failure::Login(LoginFailure::Provider)
    })?;
    let verifier = new_token();
    let login = LoginRequest {
        state: new_token(),
        nonce: new_token(),
        challenge: jose::b64(&Sha256::digest(verifier.as_bytes())),
        acr: oidc::REQUIRED_LEVEL.to_string(),
    };
    let pending = Pending {
        nonce: login.nonce.clone(),
        verifier,
        provider: chain.id.clone(),
        return_to: return_to
            .and_then(api::paths::local_return)
            .map(str::to_string),
    };
    repo::remember(&state.db, &token_hash(&login.state), &pending, now).await?;
    Ok(Begun {
        redirect: rp.authorization_url(&chain, &login, now),
        state: login.state,
    })
}

/// What the provider sent back to the callback.
pub struct Answer {
    pub state: Option<String>,
    pub code: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
}

/// A login refused (shown on the login page), or the database failing underneath.
pub enum Failure {
    Login(LoginFailure),
    App(AppError),
}

impl From<AppError> for Failure {
    fn from(error: AppError) -> Failure {
        Failure::App(error)
    }
}

impl From<LoginFailure> for Failure {
    fn from(failure: LoginFailure) -> Failure {
        Failure::Login(failure)
    }
}

/// The session a finished login opened.
pub struct LoggedIn {
    pub token: String,
    pub user: UserId,
    /// The page to open: where the person was, or the app's start.
    pub next: String,
}

/// Checks the answer against the login the cookie names, and opens a session for the person
/// the provider vouched for, if the service knows them.
pub async fn finish(
    state: &AppState,
    rp: &RelyingParty,
    cookie_state: Option<String>,
    answer: Answer,
    previous_session: Option<String>,
) -> Result<LoggedIn, Failure> {
    let now = state.clock.now();
    let pending = claim(state, cookie_state, &answer).await?;
    let chain = rp.provider(&pending.provider, now).await.map_err(|error| {
        tracing::warn!(%error, "no trust chain at the callback");
        LoginFailure::Provider
    })?;
    // RFC 9207: the answer must come from the provider the browser was sent to.
    if answer.iss.as_deref() != Some(chain.issuer.as_str()) {
        tracing::warn!("callback issuer differs from the provider of the login");
        return Err(LoginFailure::Unverified.into());
    }
    let code = answer.code.ok_or(LoginFailure::Provider)?;
    let tokens = rp
        .exchange(&chain, &code, &pending.verifier, now)
        .await
        .map_err(|error| {
            tracing::warn!(%error, "code exchange failed");
            LoginFailure::Provider
        })?;
    let (_, claims) = jose::verify(&tokens.id_token, &chain.jwks).map_err(|failure| {
        tracing::warn!(?failure, "id token signature refused");
        LoginFailure::Unverified
    })?;
    let expected = Expected {
        issuer: &chain.issuer,
        client_id: &rp.settings.entity_id,
        nonce: &pending.nonce,
        access_token: &tokens.access_token,
        now: now.0,
    };
    let id = oidc::check_id_token(&claims, &expected).inspect_err(|failure| {
        tracing::warn!(?failure, "id token refused");
    })?;
    let userinfo = rp.userinfo(&chain, &tokens.access_token).await?;
    let person = oidc::check_userinfo(&userinfo, &id.sub).inspect_err(|failure| {
        tracing::warn!(?failure, "userinfo refused");
    })?;
    let Some(user) = repo::account(&state.db, &person.cf).await? else {
        tracing::warn!(target: "audit", event = "login_unknown", scheme = %chain.scheme, provider = %chain.id);
        return Err(LoginFailure::Unknown.into());
    };
    let token = new_token();
    let via = Via::Identity {
        scheme: chain.scheme,
        provider: &chain.id,
        acr: &id.acr,
        access_token: &tokens.access_token,
    };
    sessions::start(
        &state.db,
        user,
        &via,
        previous_session.map(|t| token_hash(&t)),
        &token_hash(&token),
        now,
    )
    .await?;
    tracing::info!(target: "audit", event = "login", user = user.0, scheme = %chain.scheme, provider = %chain.id, acr = %id.acr);
    let next = pending.return_to.unwrap_or_else(|| "/".to_string());
    Ok(LoggedIn { token, user, next })
}

/// The login this answer ends, if the browser is the one that began it, the login is unused
/// and young, and the provider did not report an error.
async fn claim(
    state: &AppState,
    cookie_state: Option<String>,
    answer: &Answer,
) -> Result<Pending, Failure> {
    let now = state.clock.now();
    // The state in the address must be the one this browser was given, and unused.
    let (Some(sent), Some(kept)) = (answer.state.as_deref(), cookie_state.as_deref()) else {
        return Err(LoginFailure::Expired.into());
    };
    if sent != kept {
        return Err(LoginFailure::Expired.into());
    }
    let pending = repo::claim(&state.db, &token_hash(sent), now)
        .await?
        .ok_or(LoginFailure::Expired)?;
    if let Some(error) = answer.error.as_deref() {
        tracing::info!(error, "the provider ended the login");
        return Err(match error {
            "access_denied" | "consent_required" | "login_required" => LoginFailure::Cancelled,
            _ => LoginFailure::Provider,
        }
        .into());
    }
    Ok(pending)
}

/// The doors the login page offers: each SPID and CIE provider (its name from the verified
/// chain when it is at hand: the login page never waits on a provider), and who may use the
/// password form.
pub fn login_options(state: &AppState) -> api::LoginOptions {
    let now = state.clock.now();
    let providers = state
        .oidc
        .iter()
        .flat_map(|rp| {
            rp.settings.providers.iter().map(|(scheme, id)| {
                let name = rp
                    .cached(id, now)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| host_of(id));
                let query: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair("provider", id)
                    .finish();
                api::IdentityProvider {
                    id: id.clone(),
                    name,
                    scheme: *scheme,
                    login_url: format!("/auth/oidc/begin?{query}"),
                }
            })
        })
        .collect();
    api::LoginOptions {
        providers,
        password_login: state.password_login,
        demo: state.demo,
    }
}

fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| url.to_string())
}
