//! SPID and CIE against Developers Italia's reference provider (`spid-cie-oidc`), run by
//! `scripts/oidc-provider.sh` (which `make test` calls) on 127.0.0.2 with our server onboarded.
//! The server listens on its entity id's port, because the provider fetches our entity
//! configuration; the test is the browser. Without the provider (OIDC_TEST_STATE unset) the
//! federation tests say so and stop; the password-door tests need no provider.

use super::helpers::*;
use serde_json::{json, Value};
use server::federation::{RelyingParty, Settings};
use server::jose::Keys;
use std::path::PathBuf;

struct Federation {
    state: PathBuf,
    anchor: String,
    spid: String,
    cie: String,
}

fn federation() -> Option<Federation> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let Some(state) = var("OIDC_TEST_STATE") else {
        eprintln!("OIDC_TEST_STATE unset: run through scripts/oidc-provider.sh (make test)");
        return None;
    };
    Some(Federation {
        state: state.into(),
        anchor: var("OIDC_TEST_TA")?,
        spid: var("OIDC_TEST_SPID")?,
        cie: var("OIDC_TEST_CIE")?,
    })
}

/// A provider nobody runs: the login must say so, not fail.
const DOWN: &str = "http://127.0.0.2:8009/oidc/op";

/// Our server as the federation knows it: one entity id per database, each onboarded by the
/// script with the same keys.
async fn serve(fed: &Federation) -> (TestApp, String) {
    let port = if std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        8093
    } else {
        8092
    };
    let entity_id = format!("http://127.0.0.1:{port}");
    let marks = std::fs::read_to_string(fed.state.join(format!("trust-marks-{port}.json")))
        .expect("the script wrote our trust marks");
    let settings = Settings {
        entity_id: entity_id.clone(),
        trust_anchor: fed.anchor.clone(),
        providers: vec![
            (api::IdentityScheme::Spid, fed.spid.clone()),
            (api::IdentityScheme::Cie, fed.cie.clone()),
            (api::IdentityScheme::Spid, DOWN.to_string()),
        ],
        trust_marks: serde_json::from_str(&marks).unwrap(),
        allow_http: true,
    };
    let keys = Keys::load(&fed.state.join("rp-keys")).unwrap();
    let mut app = spawn_app().await;
    // The provider's tokens carry the real time.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    app.clock.advance(now - app.clock_now());
    let state = app
        .state
        .clone()
        .with_password_login(api::PasswordLogin::Operators, false)
        .with_oidc(Some(RelyingParty::new(settings, keys).unwrap()));
    app.state = state.clone();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("our entity id's port is free");
    let service = server::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await });
    (app, entity_id)
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The value of the form control `name` in a page.
fn input(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no {name} in the page"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    let tag = &html[start..end];
    let value = tag.split("value=\"").nth(1).unwrap_or_default();
    value[..value.find('"').unwrap_or(0)].to_string()
}

/// Our `/auth/oidc/begin` for `provider`: the provider's authorization URL it redirects to.
async fn begin(browser: &reqwest::Client, rp: &str, provider: &str) -> String {
    begin_to(browser, rp, provider, None).await
}

/// The same, asking to come back to `torna` afterwards.
async fn begin_to(
    browser: &reqwest::Client,
    rp: &str,
    provider: &str,
    torna: Option<&str>,
) -> String {
    let mut query = vec![("provider", provider)];
    query.extend(torna.map(|t| ("torna", t)));
    let response = browser
        .get(format!("{rp}/auth/oidc/begin"))
        .query(&query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    location(&response)
}

/// A person at the provider: logs in as `username` and consents; answers our callback URL
/// the provider redirects to (not yet followed).
async fn at_provider(browser: &reqwest::Client, authorization: &str, username: &str) -> String {
    let page = browser.get(authorization).send().await.unwrap();
    assert_eq!(page.status(), 200, "the provider shows its login page");
    let url = page.url().clone();
    let html = page.text().await.unwrap();
    let form = [
        ("csrfmiddlewaretoken", input(&html, "csrfmiddlewaretoken")),
        ("authz_request_object", input(&html, "authz_request_object")),
        ("username", username.to_string()),
        ("password", "Prova-SPID-1".to_string()),
    ];
    let posted = browser.post(url.clone()).form(&form).send().await.unwrap();
    assert_eq!(posted.status(), 302, "the provider accepts the credentials");
    let consent_url = url.join(&location(&posted)).unwrap();
    let consent = browser.get(consent_url.clone()).send().await.unwrap();
    let html = consent.text().await.unwrap();
    let form = [
        ("csrfmiddlewaretoken", input(&html, "csrfmiddlewaretoken")),
        ("agree", "agree".to_string()),
    ];
    let agreed = browser.post(consent_url).form(&form).send().await.unwrap();
    assert_eq!(agreed.status(), 302, "consent redirects back to us");
    location(&agreed)
}

/// Follows our callback: where it sends the browser.
async fn callback(browser: &reqwest::Client, url: &str) -> String {
    let response = browser.get(url).send().await.unwrap();
    assert_eq!(response.status(), 303, "{url}: never a 500");
    location(&response)
}

/// The authorization URL with its request object changed by `edit` and signed again with our
/// own key: a request only we could have sent, asking what our server never asks.
fn re_signed(authorization: &str, keys: &Keys, edit: impl FnOnce(&mut Value)) -> String {
    let mut url = reqwest::Url::parse(authorization).unwrap();
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let request = &pairs.iter().find(|(k, _)| k == "request").unwrap().1;
    let mut claims = Value::Object(server::jose::unverified_payload(request).unwrap());
    edit(&mut claims);
    let signed = keys.signing.sign("JWT", &claims);
    url.query_pairs_mut().clear();
    for (key, value) in &pairs {
        let value = if key == "request" { &signed } else { value };
        url.query_pairs_mut().append_pair(key, value);
    }
    url.to_string()
}

async fn who(browser: &reqwest::Client, rp: &str) -> (u16, Value) {
    let response = browser
        .get(format!("{rp}/api/session"))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn failure(location: &str) -> &str {
    location
        .strip_prefix("/accedi?errore=")
        .unwrap_or_else(|| panic!("{location}: not back at the login page"))
}

#[tokio::test]
async fn spid_and_cie_let_contributors_and_intermediaries_in_and_refuse_everything_else() {
    let Some(fed) = federation() else { return };
    let (app, rp) = serve(&fed).await;
    let keys = Keys::load(&fed.state.join("rp-keys")).unwrap();

    // The Trust Anchor resolves our entity configuration afresh (a staff token forces a new
    // chain, before any login cached one): the chain verifies its way.
    let staff = std::fs::read_to_string(fed.state.join("staff-token")).unwrap();
    let resolved = browser()
        .get(format!("{}/resolve", fed.anchor))
        .query(&[("sub", rp.as_str()), ("trust_anchor", fed.anchor.as_str())])
        .header("Authorization", staff.trim())
        .send()
        .await
        .unwrap();
    assert_eq!(resolved.status(), 200, "the Trust Anchor resolves us");
    let statement = resolved.text().await.unwrap();
    let resolved = server::jose::unverified_payload(&statement).unwrap();
    assert_eq!(
        resolved["metadata"]["openid_relying_party"]["client_id"],
        json!(rp)
    );

    // SPID: Mario Rossi, contributor.
    let rossi = browser();
    let authorization = begin(&rossi, &rp, &fed.spid).await;
    assert!(authorization.starts_with(&format!("{}/authorization?", fed.spid)));
    let back = at_provider(&rossi, &authorization, "rssmra80a01h501u").await;
    assert_eq!(callback(&rossi, &back).await, "/");
    let (status, session) = who(&rossi, &rp).await;
    assert_eq!(status, 200);
    assert_eq!(session["user"]["username"], ROSSI);
    let (method, acr): (String, String) = sqlx::query_as(
        "SELECT method, acr FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1",
    )
    .bind(ROSSI)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (method.as_str(), acr.as_str()),
        ("spid", "https://www.spid.gov.it/SpidL2")
    );

    // The same callback again: the state was used.
    assert_eq!(failure(&callback(&rossi, &back).await), "scaduto");
    // Its code with a fresh state: the provider refuses a code it has already exchanged.
    let fresh = browser();
    let next = begin(&fresh, &rp, &fed.spid).await;
    let state = reqwest::Url::parse(&next).unwrap();
    let request = state
        .query_pairs()
        .find(|(k, _)| k == "request")
        .unwrap()
        .1
        .to_string();
    let new_state = server::jose::unverified_payload(&request).unwrap()["state"]
        .as_str()
        .unwrap()
        .to_string();
    let mut replayed = reqwest::Url::parse(&back).unwrap();
    let pairs: Vec<(String, String)> = replayed.query_pairs().into_owned().collect();
    replayed.query_pairs_mut().clear();
    for (key, value) in &pairs {
        let value = if key == "state" { &new_state } else { value };
        replayed.query_pairs_mut().append_pair(key, value);
    }
    assert_eq!(
        failure(&callback(&fresh, replayed.as_str()).await),
        "gestore"
    );

    // A state altered on the way back, and a callback opened by another browser.
    let third = browser();
    let authorization = begin(&third, &rp, &fed.spid).await;
    let back = at_provider(&third, &authorization, "rssmra80a01h501u").await;
    let tampered = back.replace("state=", "state=x");
    assert_eq!(failure(&callback(&third, &tampered).await), "scaduto");
    assert_eq!(failure(&callback(&browser(), &back).await), "scaduto");

    // A nonce other than the one we keep: the ID token is refused.
    let fourth = browser();
    let authorization = begin(&fourth, &rp, &fed.spid).await;
    let other_nonce = re_signed(&authorization, &keys, |c| {
        // Random: the provider refuses a nonce it has seen from us before.
        c["nonce"] = json!(server::secrets::new_token());
    });
    let back = at_provider(&fourth, &other_nonce, "rssmra80a01h501u").await;
    assert_eq!(failure(&callback(&fourth, &back).await), "verifica");
    assert_eq!(who(&fourth, &rp).await.0, 401);

    // SPID level 1 (password only) is not enough.
    let fifth = browser();
    let authorization = begin(&fifth, &rp, &fed.spid).await;
    let level_one = re_signed(&authorization, &keys, |c| {
        c["acr_values"] = json!("https://www.spid.gov.it/SpidL1");
    });
    let back = at_provider(&fifth, &level_one, "rssmra80a01h501u").await;
    assert_eq!(failure(&callback(&fifth, &back).await), "livello");

    // A real identity the service does not know: no account is made.
    let users = app.count("users").await;
    let stranger = browser();
    let authorization = begin(&stranger, &rp, &fed.cie).await;
    let back = at_provider(&stranger, &authorization, "scnscn90a01h501x").await;
    assert_eq!(failure(&callback(&stranger, &back).await), "sconosciuto");
    assert_eq!(app.count("users").await, users);

    // CIE: Giuseppe Verdi, intermediary, sees the contributors who delegated him.
    // He was on a page when his session ended: the login brings him back to it.
    let verdi = browser();
    let authorization = begin_to(&verdi, &rp, &fed.cie, Some("/contribuenti?cerca=Rossi")).await;
    assert!(authorization.starts_with(&format!("{}/authorization?", fed.cie)));
    let back = at_provider(&verdi, &authorization, "vrdgpp70c15l219c").await;
    assert_eq!(callback(&verdi, &back).await, "/contribuenti?cerca=Rossi");
    // Never to another site.
    let elsewhere = browser();
    let authorization = begin_to(&elsewhere, &rp, &fed.cie, Some("//evil.example/x")).await;
    let back = at_provider(&elsewhere, &authorization, "vrdgpp70c15l219c").await;
    assert_eq!(callback(&elsewhere, &back).await, "/");
    let (_, session) = who(&verdi, &rp).await;
    assert_eq!(session["user"]["role"], "intermediario");
    assert_eq!(session["contributors"].as_array().unwrap().len(), 2);

    // Logout ends the session here and revokes the access token at the provider.
    let access_token: String = sqlx::query_scalar(
        "SELECT access_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1",
    )
    .bind(VERDI)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let userinfo = format!("{}/userinfo", fed.cie);
    let before = browser()
        .get(&userinfo)
        .bearer_auth(&access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(before.status(), 200, "the token works before logout");
    let out = verdi
        .delete(format!("{rp}/api/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert_eq!(who(&verdi, &rp).await.0, 401);
    let mut revoked = false;
    for _ in 0..50 {
        let after = browser()
            .get(&userinfo)
            .bearer_auth(&access_token)
            .send()
            .await
            .unwrap();
        if after.status() != 200 {
            revoked = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(revoked, "the provider no longer honours the access token");

    // A provider that does not answer, and one we do not offer: a clear message, no 500.
    let started = std::time::Instant::now();
    let down = browser()
        .get(format!("{rp}/auth/oidc/begin"))
        .query(&[("provider", DOWN)])
        .send()
        .await
        .unwrap();
    assert_eq!(down.status(), 303);
    assert_eq!(failure(&location(&down)), "gestore");
    assert!(started.elapsed().as_secs() < 10);
    let foreign = browser()
        .get(format!("{rp}/auth/oidc/begin"))
        .query(&[("provider", "http://127.0.0.2:8000/oidc/evil")])
        .send()
        .await
        .unwrap();
    assert_eq!(failure(&location(&foreign)), "gestore");

    // The login page offers both, named from their chains.
    let options: Value = browser()
        .get(format!("{rp}/api/session/options"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(options["password_login"], "operators");
    let names: Vec<&str> = options["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Provider SPID di prova") && names.contains(&"CIE id di prova"));
}

#[tokio::test]
async fn our_entity_configuration_is_signed_by_the_federation_key_it_publishes() {
    let Some(fed) = federation() else { return };
    let keys = Keys::load(&fed.state.join("rp-keys")).unwrap();
    let settings = Settings {
        entity_id: "https://cassetto.example.it".into(),
        trust_anchor: fed.anchor.clone(),
        providers: vec![(api::IdentityScheme::Spid, fed.spid.clone())],
        trust_marks: json!([{"id": "x", "trust_mark": "a.b.c"}]),
        allow_http: true,
    };
    let rp = RelyingParty::new(settings, keys).unwrap();
    let jwt = rp.entity_configuration(api::Instant(1_800_000_000));
    let claims = server::jose::unverified_payload(&jwt).unwrap();
    let jwks = claims["jwks"]["keys"].as_array().unwrap().clone();
    let (header, claims) = server::jose::verify(&jwt, &jwks).unwrap();
    assert_eq!(header["typ"], "entity-statement+jwt");
    assert_eq!(claims["iss"], claims["sub"]);
    assert_eq!(claims["authority_hints"], json!([fed.anchor]));
    let relying_party = &claims["metadata"]["openid_relying_party"];
    assert_eq!(
        relying_party["token_endpoint_auth_method"],
        "private_key_jwt"
    );
    let uses: Vec<&str> = relying_party["jwks"]["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["use"].as_str().unwrap())
        .collect();
    assert_eq!(uses, ["sig", "enc"]);
    // Only https entity ids without --oidc-allow-http.
    let keys = Keys::load(&fed.state.join("rp-keys")).unwrap();
    let plain = Settings {
        entity_id: "http://cassetto.example.it".into(),
        trust_anchor: fed.anchor.clone(),
        providers: vec![],
        trust_marks: json!([]),
        allow_http: false,
    };
    assert!(RelyingParty::new(plain, keys).is_err());
}

/// The app as `--password-login mode` without `--demo` serves it.
fn password_login(app: &mut TestApp, mode: api::PasswordLogin) {
    app.state = app.state.clone().with_password_login(mode, false);
    let peer = std::net::SocketAddr::from(([127, 0, 0, 1], 40_000));
    app.router =
        server::app(app.state.clone()).layer(axum::extract::connect_info::MockConnectInfo(peer));
}

#[tokio::test]
async fn outside_the_demo_only_operators_use_a_password() {
    let mut app = spawn_app().await;
    password_login(&mut app, api::PasswordLogin::Operators);
    let sessions = app.count("sessions").await;
    let refused = app.client().login(ROSSI, PASSWORD).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.code(), "password_login_off");
    assert!(refused.error().message.contains("SPID o CIE"));
    assert_eq!(app.count("sessions").await, sessions);
    // A wrong password is still just wrong: the refusal tells nothing to a guesser.
    assert_eq!(app.client().login(ROSSI, "sbagliata").await.status, 401);
    assert_eq!(
        app.client().login("operatore.roma", PASSWORD).await.status,
        200
    );

    password_login(&mut app, api::PasswordLogin::Off);
    let off = app.client().login("operatore.roma", PASSWORD).await;
    assert_eq!(off.status, 403);
    assert_eq!(off.code(), "password_login_off");
}
