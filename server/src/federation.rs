//! Our Relying Party in the SPID/CIE OpenID Connect Federation: its entity configuration, the
//! trust chains of the providers it offers (verified and cached until the first `exp`), and the
//! calls it makes to them (token, UserInfo, revocation) authenticated by `private_key_jwt`.
//! What the answers must say is `domain::oidc`'s; the keys and signatures are `jose`'s.

use crate::domain::oidc::{self, PolicyViolation};
use crate::jose::{self, Claims, JoseFailure, Keys};
use api::{IdentityScheme, Instant, LoginFailure};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long our entity configuration is valid for those who cache it.
const ENTITY_CONFIGURATION_LIFETIME: i64 = 24 * 60 * 60;
/// A chain is never kept longer than this, whatever its `exp` say.
const CHAIN_CACHE_LIMIT: i64 = 60 * 60;

pub struct Settings {
    pub entity_id: String,
    pub trust_anchor: String,
    pub providers: Vec<(IdentityScheme, String)>,
    /// The trust marks as the Trust Anchor handed them out.
    pub trust_marks: Value,
    pub allow_http: bool,
}

/// A provider whose trust chain verified: what we may talk to it with.
#[derive(Clone, Debug)]
pub struct Provider {
    pub id: String,
    pub scheme: IdentityScheme,
    pub name: String,
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub userinfo_endpoint: String,
    pub revocation_endpoint: Option<String>,
    /// The provider's OIDC signing keys, from its metadata after the federation's policy.
    pub jwks: Vec<Value>,
    pub expires_at: i64,
}

/// Why a chain or a call failed; logged, and shown to people as `LoginFailure::Provider`.
#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error("unreachable: {0}")]
    Unreachable(String),
    #[error("refused: {0}")]
    Refused(String),
    #[error("untrusted: {0}")]
    Untrusted(String),
}

impl From<JoseFailure> for FederationError {
    fn from(failure: JoseFailure) -> FederationError {
        FederationError::Untrusted(format!("{failure:?}"))
    }
}

impl From<PolicyViolation> for FederationError {
    fn from(violation: PolicyViolation) -> FederationError {
        FederationError::Untrusted(violation.0)
    }
}

pub struct RelyingParty {
    pub settings: Settings,
    keys: Keys,
    http: reqwest::Client,
    chains: Mutex<HashMap<String, Arc<Provider>>>,
}

/// What the token endpoint answered.
pub struct Tokens {
    pub access_token: String,
    pub id_token: String,
}

impl RelyingParty {
    pub fn new(settings: Settings, keys: Keys) -> Result<RelyingParty, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(8))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("cassetto-previdenziale-rp")
            .build()
            .map_err(|e| e.to_string())?;
        let urls = std::iter::once(&settings.entity_id)
            .chain(std::iter::once(&settings.trust_anchor))
            .chain(settings.providers.iter().map(|(_, url)| url));
        for url in urls {
            check_url(url, settings.allow_http).map_err(|e| format!("{url}: {e}"))?;
        }
        Ok(RelyingParty {
            settings,
            keys,
            http,
            chains: Mutex::new(HashMap::new()),
        })
    }

    pub fn redirect_uri(&self) -> String {
        format!("{}/auth/oidc/callback", self.settings.entity_id)
    }

    pub fn scheme_of(&self, provider: &str) -> Option<IdentityScheme> {
        self.settings
            .providers
            .iter()
            .find(|(_, url)| url == provider)
            .map(|(scheme, _)| *scheme)
    }

    /// `GET /.well-known/openid-federation`: who we are, signed with the federation key.
    pub fn entity_configuration(&self, now: Instant) -> String {
        let id = &self.settings.entity_id;
        let claims = json!({
            "iss": id,
            "sub": id,
            "iat": now.0,
            "exp": now.0 + ENTITY_CONFIGURATION_LIFETIME,
            "authority_hints": [self.settings.trust_anchor],
            "jwks": self.keys.federation_jwks(),
            "trust_marks": self.settings.trust_marks,
            "metadata": {
                "federation_entity": {
                    "organization_name": "Istituto Nazionale della Previdenza Sociale",
                    "homepage_uri": id,
                    "policy_uri": format!("{id}/privacy"),
                    "logo_uri": format!("{id}/favicon.svg"),
                    "contacts": ["cassetto.previdenziale@inps.example.it"],
                },
                "openid_relying_party": {
                    "client_id": id,
                    "client_name": "Cassetto Previdenziale per Artigiani e Commercianti",
                    "organization_name": "Istituto Nazionale della Previdenza Sociale",
                    "client_registration_types": ["automatic"],
                    "application_type": "web",
                    "redirect_uris": [self.redirect_uri()],
                    "jwks": self.keys.oidc_jwks(),
                    "grant_types": ["authorization_code"],
                    "response_types": ["code"],
                    "scope": ["openid"],
                    "subject_type": "pairwise",
                    "token_endpoint_auth_method": "private_key_jwt",
                    "id_token_signed_response_alg": "RS256",
                    "userinfo_signed_response_alg": "RS256",
                    "userinfo_encrypted_response_alg": "RSA-OAEP",
                    "userinfo_encrypted_response_enc": "A256CBC-HS512",
                    "contacts": ["cassetto.previdenziale@inps.example.it"],
                },
            },
        });
        self.keys.federation.sign("entity-statement+jwt", &claims)
    }

    /// The provider's verified chain: from the cache while no statement in it has expired.
    pub async fn provider(&self, id: &str, now: Instant) -> Result<Arc<Provider>, FederationError> {
        let scheme = self
            .scheme_of(id)
            .ok_or_else(|| FederationError::Refused("not a provider we offer".into()))?;
        if let Some(cached) = self.cached(id, now) {
            return Ok(cached);
        }
        let provider = Arc::new(self.resolve(id, scheme, now).await?);
        self.chains
            .lock()
            .expect("chain cache")
            .insert(id.to_string(), provider.clone());
        Ok(provider)
    }

    /// The chain if it is cached and alive; never waits on the network.
    pub fn cached(&self, id: &str, now: Instant) -> Option<Arc<Provider>> {
        let chains = self.chains.lock().expect("chain cache");
        chains.get(id).filter(|p| p.expires_at > now.0).cloned()
    }

    /// Trust chain of length 2: the provider's entity configuration, the Trust Anchor's, and
    /// the Trust Anchor's statement about the provider, each signature checked with keys from
    /// the statement above it; then the Trust Anchor's metadata policy.
    async fn resolve(
        &self,
        id: &str,
        scheme: IdentityScheme,
        now: Instant,
    ) -> Result<Provider, FederationError> {
        let anchor = &self.settings.trust_anchor;
        let leaf = self
            .statement(&format!("{id}/.well-known/openid-federation"))
            .await?;
        let leaf_claims = self_signed(&leaf, id)?;
        let hints = leaf_claims.get("authority_hints").and_then(Value::as_array);
        if !hints.is_some_and(|h| h.iter().any(|a| a.as_str() == Some(anchor))) {
            return Err(FederationError::Untrusted(
                "the Trust Anchor is not among its authority hints".into(),
            ));
        }
        let top = self
            .statement(&format!("{anchor}/.well-known/openid-federation"))
            .await?;
        let top_claims = self_signed(&top, anchor)?;
        let fetch = at(
            &top_claims,
            "/metadata/federation_entity/federation_fetch_endpoint",
        )
        .and_then(Value::as_str)
        .ok_or_else(|| FederationError::Untrusted("the Trust Anchor has no fetch endpoint".into()))?
        .to_string();
        check_url(&fetch, self.settings.allow_http).map_err(FederationError::Untrusted)?;
        let url = reqwest::Url::parse_with_params(&fetch, &[("sub", id), ("iss", anchor.as_str())])
            .map_err(|e| FederationError::Untrusted(e.to_string()))?;
        let about = self.statement(url.as_str()).await?;
        let (_, about_claims) = jose::verify(&about, &keys_of(&top_claims))?;
        if text(&about_claims, "iss") != Some(anchor) || text(&about_claims, "sub") != Some(id) {
            return Err(FederationError::Untrusted(
                "the subordinate statement names someone else".into(),
            ));
        }
        // The leaf must be signed with a key its superior vouches for, not only its own.
        jose::verify(&leaf, &keys_of(&about_claims))?;
        let expires_at = [&leaf_claims, &top_claims, &about_claims]
            .iter()
            .map(|c| c.get("exp").and_then(Value::as_i64).unwrap_or(0))
            .min()
            .unwrap_or(0);
        if expires_at <= now.0 {
            return Err(FederationError::Untrusted(
                "a statement in the chain has expired".into(),
            ));
        }
        self.provider_from(
            id,
            scheme,
            &leaf_claims,
            &about_claims,
            expires_at.min(now.0 + CHAIN_CACHE_LIMIT),
        )
    }

    /// The provider's metadata after the Trust Anchor's policy: its endpoints, keys and name.
    fn provider_from(
        &self,
        id: &str,
        scheme: IdentityScheme,
        leaf_claims: &Claims,
        about_claims: &Claims,
        expires_at: i64,
    ) -> Result<Provider, FederationError> {
        let metadata = at(leaf_claims, "/metadata/openid_provider")
            .and_then(Value::as_object)
            .ok_or_else(|| FederationError::Untrusted("no openid_provider metadata".into()))?;
        let metadata =
            match at(about_claims, "/metadata_policy/openid_provider").and_then(Value::as_object) {
                Some(policy) => oidc::apply_policy(metadata, policy)?,
                None => metadata.clone(),
            };
        let endpoint = |name: &str| -> Result<String, FederationError> {
            let url = text(&metadata, name)
                .ok_or_else(|| FederationError::Untrusted(format!("no {name}")))?;
            check_url(url, self.settings.allow_http).map_err(FederationError::Untrusted)?;
            Ok(url.to_string())
        };
        let jwks = metadata
            .get("jwks")
            .and_then(|j| j.get("keys"))
            .and_then(Value::as_array)
            .cloned()
            .filter(|k| !k.is_empty())
            .ok_or_else(|| FederationError::Untrusted("no inline jwks".into()))?;
        let name = at(leaf_claims, "/metadata/federation_entity/organization_name")
            .or_else(|| metadata.get("op_name"))
            .and_then(Value::as_str)
            .unwrap_or(id)
            .to_string();
        Ok(Provider {
            id: id.to_string(),
            scheme,
            name,
            issuer: endpoint("issuer")?,
            authorization_endpoint: endpoint("authorization_endpoint")?,
            token_endpoint: endpoint("token_endpoint")?,
            userinfo_endpoint: endpoint("userinfo_endpoint")?,
            revocation_endpoint: endpoint("revocation_endpoint").ok(),
            jwks,
            expires_at,
        })
    }

    async fn statement(&self, url: &str) -> Result<String, FederationError> {
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| FederationError::Unreachable(describe(&e)))?;
        if !response.status().is_success() {
            return Err(FederationError::Refused(format!(
                "{url}: {}",
                response.status()
            )));
        }
        let body = response
            .text()
            .await
            .map_err(|e| FederationError::Unreachable(describe(&e)))?;
        Ok(body.trim().to_string())
    }

    /// The signed request object and the authorization URL it travels in.
    pub fn authorization_url(
        &self,
        provider: &Provider,
        login: &LoginRequest,
        now: Instant,
    ) -> String {
        let client_id = &self.settings.entity_id;
        let claims = json!({
            "iss": client_id,
            "sub": client_id,
            "aud": [provider.id, provider.authorization_endpoint],
            "iat": now.0,
            "exp": now.0 + 600,
            "jti": crate::secrets::new_token(),
            "client_id": client_id,
            "response_type": "code",
            "scope": "openid",
            "redirect_uri": self.redirect_uri(),
            "state": login.state,
            "nonce": login.nonce,
            "code_challenge": login.challenge,
            "code_challenge_method": "S256",
            "acr_values": login.acr,
            "prompt": "consent login",
            "claims": {
                "id_token": {},
                "userinfo": {
                    "given_name": null,
                    "family_name": null,
                    "email": null,
                    oidc::FISCAL_NUMBER: null,
                },
            },
        });
        let request = self.keys.signing.sign("JWT", &claims);
        let mut url = reqwest::Url::parse(&provider.authorization_endpoint).expect("checked URL");
        url.query_pairs_mut()
            .append_pair("client_id", client_id)
            .append_pair("scope", "openid")
            .append_pair("response_type", "code")
            .append_pair("code_challenge", &login.challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("request", &request);
        url.to_string()
    }

    /// `private_key_jwt`: who we are, for the provider's endpoint `aud`.
    fn client_assertion(&self, provider: &Provider, endpoint: &str, now: Instant) -> String {
        let id = &self.settings.entity_id;
        self.keys.signing.sign(
            "JWT",
            &json!({
                "iss": id, "sub": id, "aud": [endpoint, provider.id],
                "iat": now.0, "exp": now.0 + 300, "jti": crate::secrets::new_token(),
            }),
        )
    }

    /// The code (with its PKCE verifier) for the tokens.
    pub async fn exchange(
        &self,
        provider: &Provider,
        code: &str,
        verifier: &str,
        now: Instant,
    ) -> Result<Tokens, FederationError> {
        let assertion = self.client_assertion(provider, &provider.token_endpoint, now);
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("code_verifier", verifier),
            ("redirect_uri", &self.redirect_uri()),
            ("client_id", &self.settings.entity_id),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", &assertion),
        ];
        let response = self
            .http
            .post(&provider.token_endpoint)
            .form(&form)
            .send()
            .await
            .map_err(|e| FederationError::Unreachable(describe(&e)))?;
        let status = response.status();
        let body: Value = response
            .json()
            .await
            .map_err(|e| FederationError::Refused(format!("token: {status}: {}", describe(&e))))?;
        if !status.is_success() {
            let error = body.get("error").and_then(Value::as_str).unwrap_or("?");
            return Err(FederationError::Refused(format!(
                "token: {status}: {error}"
            )));
        }
        let field = |name: &str| {
            body.get(name)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| FederationError::Refused(format!("token: no {name}")))
        };
        Ok(Tokens {
            access_token: field("access_token")?,
            id_token: field("id_token")?,
        })
    }

    /// UserInfo: a JWE to our encryption key around a JWS by the provider; answers the inner
    /// claims once both hold.
    pub async fn userinfo(
        &self,
        provider: &Provider,
        access_token: &str,
    ) -> Result<Map<String, Value>, LoginFailure> {
        let response = self
            .http
            .get(&provider.userinfo_endpoint)
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %describe(&e), "userinfo unreachable");
                LoginFailure::Provider
            })?;
        if !response.status().is_success() {
            tracing::warn!(status = %response.status(), "userinfo refused");
            return Err(LoginFailure::Provider);
        }
        let body = response.text().await.map_err(|_| LoginFailure::Provider)?;
        let inner = self
            .keys
            .encryption
            .decrypt(body.trim())
            .map_err(|failure| {
                tracing::warn!(?failure, "userinfo did not decrypt");
                LoginFailure::Unverified
            })?;
        let inner = String::from_utf8(inner).map_err(|_| LoginFailure::Unverified)?;
        let (_, claims) = jose::verify(inner.trim(), &provider.jwks).map_err(|failure| {
            tracing::warn!(?failure, "userinfo signature refused");
            LoginFailure::Unverified
        })?;
        Ok(claims)
    }

    /// Revokes an access token at logout. Errors are logged only: the session here has
    /// already ended.
    pub async fn revoke(&self, provider_id: &str, access_token: &str, now: Instant) {
        let provider = match self.provider(provider_id, now).await {
            Ok(provider) => provider,
            Err(error) => {
                tracing::warn!(%error, "revocation: no trust chain for the provider");
                return;
            }
        };
        let Some(endpoint) = provider.revocation_endpoint.clone() else {
            return;
        };
        let assertion = self.client_assertion(&provider, &endpoint, now);
        let form = [
            ("token", access_token),
            ("token_type_hint", "access_token"),
            ("client_id", &self.settings.entity_id),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", &assertion),
        ];
        match self.http.post(&endpoint).form(&form).send().await {
            Ok(response) if response.status().is_success() => {
                tracing::info!(target: "audit", event = "oidc_revoked", provider = %provider.id);
            }
            Ok(response) => tracing::warn!(status = %response.status(), "revocation refused"),
            Err(error) => tracing::warn!(error = %describe(&error), "revocation unreachable"),
        }
    }
}

/// What a login sends in its request object.
pub struct LoginRequest {
    pub state: String,
    pub nonce: String,
    pub challenge: String,
    pub acr: String,
}

/// An entity configuration signed by one of the keys it publishes, about itself.
fn self_signed(token: &str, id: &str) -> Result<Map<String, Value>, FederationError> {
    let claims = jose::unverified_payload(token)?;
    let (header, claims) = jose::verify(token, &keys_of(&claims))?;
    if header.get("typ").and_then(Value::as_str) != Some("entity-statement+jwt") {
        return Err(FederationError::Untrusted("not an entity statement".into()));
    }
    if text(&claims, "iss") != Some(id) || text(&claims, "sub") != Some(id) {
        return Err(FederationError::Untrusted(
            "an entity configuration about someone else".into(),
        ));
    }
    Ok(claims)
}

fn keys_of(claims: &Map<String, Value>) -> Vec<Value> {
    claims
        .get("jwks")
        .and_then(|j| j.get("keys"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// The value at a `/`-separated path inside a statement's claims.
fn at<'a>(claims: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut parts = path.trim_start_matches('/').split('/');
    let first = claims.get(parts.next()?)?;
    parts.try_fold(first, |value, part| value.get(part))
}

fn text<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    claims.get(name).and_then(Value::as_str)
}

/// An entity id or endpoint must be https (http only with `--oidc-allow-http`), absolute,
/// without a query's surprises in the entity id.
pub fn check_url(url: &str, allow_http: bool) -> Result<(), String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| e.to_string())?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_http => {}
        _ => return Err("must be https".into()),
    }
    if parsed.host_str().is_none() || parsed.fragment().is_some() {
        return Err("not an absolute address".into());
    }
    Ok(())
}

/// An HTTP failure without a URL's query (which may hold a code or a token).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connection refused"
    } else if error.is_decode() {
        "unreadable answer"
    } else {
        "request failed"
    };
    match error.url() {
        Some(url) => format!(
            "{kind}: {}{}",
            url.origin().ascii_serialization(),
            url.path()
        ),
        None => kind.to_string(),
    }
}
