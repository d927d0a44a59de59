//! What SPID/CIE OpenID Connect Federation asks of a Relying Party once the signatures hold:
//! the federation's metadata policy, the ID token's claims, UserInfo's subject and fiscal
//! number, the authentication level. Plain JSON in, a verdict out.

use api::{Cf, LoginFailure};
use serde_json::{Map, Value};

/// The SPID levels in order; CIE id uses the same URIs.
pub const LEVELS: [&str; 3] = [
    "https://www.spid.gov.it/SpidL1",
    "https://www.spid.gov.it/SpidL2",
    "https://www.spid.gov.it/SpidL3",
];
/// The level asked for and required: SPID 2 (password and a second factor), as AgID requires for
/// services holding personal data.
pub const REQUIRED_LEVEL: &str = LEVELS[1];

/// The claim that carries the codice fiscale, with a `TINIT-` prefix.
pub const FISCAL_NUMBER: &str = "https://attributes.eid.gov.it/fiscal_number";

/// The level of an `acr` value (1–3), None when it is none of SPID's.
pub fn level(acr: &str) -> Option<usize> {
    LEVELS.iter().position(|l| *l == acr).map(|i| i + 1)
}

/// What the ID token must say, from the login transaction and the provider's chain.
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub access_token: &'a str,
    pub now: i64,
}

/// The ID token's facts the service keeps.
#[derive(Debug, PartialEq, Eq)]
pub struct IdToken {
    pub sub: String,
    pub acr: String,
}

/// Seconds of clock difference allowed with the provider.
const LEEWAY: i64 = 60;

/// Checks an ID token's claims (its signature already verified against the provider's keys).
pub fn check_id_token(
    claims: &Map<String, Value>,
    expect: &Expected,
) -> Result<IdToken, LoginFailure> {
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let number = |name: &str| claims.get(name).and_then(Value::as_i64);
    if text("iss") != Some(expect.issuer) {
        return Err(LoginFailure::Unverified);
    }
    let audience_ok = match claims.get("aud") {
        Some(Value::String(aud)) => aud == expect.client_id,
        Some(Value::Array(list)) => {
            list.iter().any(|a| a.as_str() == Some(expect.client_id))
                && claims
                    .get("azp")
                    .is_none_or(|azp| azp.as_str() == Some(expect.client_id))
        }
        _ => false,
    };
    if !audience_ok {
        return Err(LoginFailure::Unverified);
    }
    if text("nonce") != Some(expect.nonce) {
        return Err(LoginFailure::Unverified);
    }
    match (number("exp"), number("iat")) {
        (Some(exp), Some(iat)) if exp + LEEWAY > expect.now && iat - LEEWAY <= expect.now => {}
        _ => return Err(LoginFailure::Unverified),
    }
    if text("at_hash") != Some(&at_hash(expect.access_token)) {
        return Err(LoginFailure::Unverified);
    }
    let sub = text("sub")
        .filter(|s| !s.is_empty())
        .ok_or(LoginFailure::Unverified)?;
    let acr = text("acr").unwrap_or_default();
    if level(acr).unwrap_or(0) < 2 {
        return Err(LoginFailure::Level);
    }
    Ok(IdToken {
        sub: sub.to_string(),
        acr: acr.to_string(),
    })
}

/// OIDC Core 3.1.3.6: the left half of the SHA-256 of the access token, base64url (RS256).
pub fn at_hash(access_token: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(access_token.as_bytes());
    crate_b64(&digest[..16])
}

fn crate_b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The person UserInfo names (its signature already verified).
#[derive(Debug, PartialEq, Eq)]
pub struct Person {
    pub cf: Cf,
}

/// UserInfo's `sub` must be the ID token's, and it must carry a codice fiscale.
pub fn check_userinfo(claims: &Map<String, Value>, id_sub: &str) -> Result<Person, LoginFailure> {
    if claims.get("sub").and_then(Value::as_str) != Some(id_sub) {
        return Err(LoginFailure::Unverified);
    }
    let raw = claims
        .get(FISCAL_NUMBER)
        .and_then(Value::as_str)
        .ok_or(LoginFailure::Unverified)?;
    let cf = fiscal_number(raw).ok_or(LoginFailure::Unverified)?;
    Ok(Person { cf })
}

/// `TINIT-RSSMRA80A01H501U` → the codice fiscale; anything else (another country's TIN, a
/// malformed code) is none the service can know.
pub fn fiscal_number(raw: &str) -> Option<Cf> {
    let code = raw.strip_prefix("TINIT-")?.to_ascii_uppercase();
    let valid = code.len() == 16 && code.chars().all(|c| c.is_ascii_alphanumeric());
    valid.then_some(Cf(code))
}

/// Why a metadata policy could not be applied: the chain is not to be trusted.
#[derive(Debug, PartialEq, Eq)]
pub struct PolicyViolation(pub String);

/// Applies a federation `metadata_policy` for one entity type to its metadata (OpenID
/// Federation 1.0 §6.1: `value`, `add`, `default`, `one_of`, `subset_of`, `superset_of`,
/// `essential`), in that order.
pub fn apply_policy(
    metadata: &Map<String, Value>,
    policy: &Map<String, Value>,
) -> Result<Map<String, Value>, PolicyViolation> {
    let mut out = metadata.clone();
    for (name, operators) in policy {
        let Value::Object(operators) = operators else {
            return Err(PolicyViolation(format!("{name}: not an object")));
        };
        if let Some(value) = operators.get("value") {
            if value.is_null() {
                out.remove(name);
            } else {
                out.insert(name.clone(), value.clone());
            }
        }
        if let Some(Value::Array(add)) = operators.get("add") {
            let entry = out
                .entry(name.clone())
                .or_insert_with(|| Value::Array(vec![]));
            if let Value::Array(list) = entry {
                for item in add {
                    if !list.contains(item) {
                        list.push(item.clone());
                    }
                }
            }
        }
        if let Some(default) = operators.get("default") {
            out.entry(name.clone()).or_insert_with(|| default.clone());
        }
        if let Some(Value::Array(allowed)) = operators.get("one_of") {
            if let Some(value) = out.get(name) {
                if !allowed.contains(value) {
                    return Err(PolicyViolation(format!("{name}: not one of the allowed")));
                }
            }
        }
        if let Some(Value::Array(allowed)) = operators.get("subset_of") {
            if let Some(Value::Array(list)) = out.get_mut(name) {
                list.retain(|item| allowed.contains(item));
                if list.is_empty() {
                    out.remove(name);
                }
            }
        }
        if let Some(Value::Array(required)) = operators.get("superset_of") {
            if let Some(value) = out.get(name) {
                let list = value.as_array().cloned().unwrap_or_default();
                if !required.iter().all(|r| list.contains(r)) {
                    return Err(PolicyViolation(format!("{name}: lacks a required value")));
                }
            }
        }
        if operators.get("essential") == Some(&Value::Bool(true)) && !out.contains_key(name) {
            return Err(PolicyViolation(format!("{name}: essential and missing")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("not an object"),
        }
    }

    fn claims(token: &str) -> Map<String, Value> {
        map(json!({
            "iss": "http://op", "aud": ["http://rp"], "nonce": "n".repeat(32), "sub": "pairwise",
            "iat": 1000, "exp": 3000, "acr": LEVELS[1], "at_hash": at_hash(token), "jti": "j",
        }))
    }

    fn expected<'a>(nonce: &'a str, token: &'a str) -> Expected<'a> {
        Expected {
            issuer: "http://op",
            client_id: "http://rp",
            nonce,
            access_token: token,
            now: 1500,
        }
    }

    #[test]
    fn an_id_token_passes_only_for_us_with_our_nonce_in_time_and_at_level_two() {
        let nonce = "n".repeat(32);
        let ok = check_id_token(&claims("at"), &expected(&nonce, "at")).unwrap();
        assert_eq!(ok.sub, "pairwise");
        let refused = |change: Value| {
            let mut c = claims("at");
            for (k, v) in map(change) {
                c.insert(k, v);
            }
            check_id_token(&c, &expected(&nonce, "at")).unwrap_err()
        };
        assert_eq!(
            refused(json!({"aud": ["http://other"]})),
            LoginFailure::Unverified
        );
        assert_eq!(
            refused(json!({"aud": "http://other"})),
            LoginFailure::Unverified
        );
        assert_eq!(
            refused(json!({"azp": "http://other"})),
            LoginFailure::Unverified
        );
        assert_eq!(
            refused(json!({"iss": "http://evil"})),
            LoginFailure::Unverified
        );
        assert_eq!(
            refused(json!({"nonce": "m".repeat(32)})),
            LoginFailure::Unverified
        );
        assert_eq!(refused(json!({"exp": 1000})), LoginFailure::Unverified);
        assert_eq!(refused(json!({"iat": 9000})), LoginFailure::Unverified);
        assert_eq!(
            refused(json!({"at_hash": at_hash("other")})),
            LoginFailure::Unverified
        );
        assert_eq!(refused(json!({"sub": ""})), LoginFailure::Unverified);
        assert_eq!(refused(json!({"acr": LEVELS[0]})), LoginFailure::Level);
        assert_eq!(refused(json!({"acr": "urn:other"})), LoginFailure::Level);
        assert!(check_id_token(
            &{
                let mut c = claims("at");
                c.insert("acr".into(), json!(LEVELS[2]));
                c
            },
            &expected(&nonce, "at")
        )
        .is_ok());
    }

    #[test]
    fn userinfo_must_name_the_same_subject_and_an_italian_fiscal_number() {
        let ok = map(json!({"sub": "s", FISCAL_NUMBER: "TINIT-rssmra80a01h501u"}));
        assert_eq!(
            check_userinfo(&ok, "s").unwrap().cf,
            Cf("RSSMRA80A01H501U".into())
        );
        assert_eq!(check_userinfo(&ok, "t"), Err(LoginFailure::Unverified));
        let foreign = map(json!({"sub": "s", FISCAL_NUMBER: "TINFR-1234567890123"}));
        assert_eq!(check_userinfo(&foreign, "s"), Err(LoginFailure::Unverified));
        let none = map(json!({"sub": "s"}));
        assert_eq!(check_userinfo(&none, "s"), Err(LoginFailure::Unverified));
        assert_eq!(fiscal_number("TINIT-RSSMRA80A01H501"), None);
        assert_eq!(fiscal_number("TINIT-RSSMRA80A01H50/U"), None);
    }

    #[test]
    fn metadata_policy_operators_apply_as_the_federation_defines() {
        let metadata = map(json!({
            "grant_types": ["authorization_code", "implicit"],
            "scope": ["openid"],
            "subject_types_supported": ["public"],
        }));
        let policy = map(json!({
            "grant_types": {"subset_of": ["authorization_code", "refresh_token"]},
            "scope": {"superset_of": ["openid"], "add": ["offline_access"]},
            "subject_types_supported": {"value": ["pairwise"]},
            "token_endpoint_auth_method": {"default": "private_key_jwt", "one_of": ["private_key_jwt"]},
        }));
        let out = apply_policy(&metadata, &policy).unwrap();
        assert_eq!(out["grant_types"], json!(["authorization_code"]));
        assert_eq!(out["scope"], json!(["openid", "offline_access"]));
        assert_eq!(out["subject_types_supported"], json!(["pairwise"]));
        assert_eq!(out["token_endpoint_auth_method"], json!("private_key_jwt"));
        let missing = map(json!({"scope": {"superset_of": ["openid"]}}));
        assert!(apply_policy(&map(json!({"scope": ["profile"]})), &missing).is_err());
        let essential = map(json!({"jwks": {"essential": true}}));
        assert!(apply_policy(&map(json!({})), &essential).is_err());
        let one_of = map(json!({"alg": {"one_of": ["RS256"]}}));
        assert!(apply_policy(&map(json!({"alg": "HS256"})), &one_of).is_err());
    }
}
