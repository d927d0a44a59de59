//! Our three keys and the JOSE operations the SPID/CIE profile needs, over josekit (OpenSSL):
//! RS256 signatures (entity configuration, request object, client assertion), the providers'
//! signatures checked against keys from the trust chain, and the UserInfo's JWE opened with our
//! encryption key. Nothing here knows what the claims mean: `domain::oidc` does.

use josekit::jwk::alg::rsa::RsaKeyPair;
use josekit::jwk::{Jwk, KeyPair};
use josekit::jws::{JwsHeader, JwsVerifier};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The key files of `--oidc-keys`: federation signing, OIDC signing, OIDC encryption.
const FEDERATION: &str = "federation.pem";
const SIGNING: &str = "oidc-signing.pem";
const ENCRYPTION: &str = "oidc-encryption.pem";

/// One private key and its `kid` (the RFC 7638 thumbprint of its public half).
pub struct Key {
    pair: RsaKeyPair,
    pub kid: String,
}

pub struct Keys {
    pub federation: Key,
    pub signing: Key,
    pub encryption: Key,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: not an RSA private key in PEM ({1})")]
    Pem(PathBuf, String),
    #[error("{0} exists already: keys are never overwritten")]
    Exists(PathBuf),
    #[error("key generation failed: {0}")]
    Generate(String),
}

impl Keys {
    /// Writes three new RSA-2048 private keys into `dir`, readable by the owner only. Refuses to
    /// replace any key: a federation key changed by mistake locks the service out of SPID.
    pub fn generate(dir: &Path) -> Result<(), KeyError> {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| KeyError::Io(dir.to_path_buf(), e))?;
        for name in [FEDERATION, SIGNING, ENCRYPTION] {
            if dir.join(name).exists() {
                return Err(KeyError::Exists(dir.join(name)));
            }
        }
        for name in [FEDERATION, SIGNING, ENCRYPTION] {
            let path = dir.join(name);
            let pair = RsaKeyPair::generate(2048).map_err(|e| KeyError::Generate(e.to_string()))?;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .map_err(|e| KeyError::Io(path.clone(), e))?;
            file.write_all(&pair.to_pem_private_key())
                .map_err(|e| KeyError::Io(path.clone(), e))?;
        }
        Ok(())
    }

    pub fn load(dir: &Path) -> Result<Keys, KeyError> {
        let read = |name: &str| -> Result<Key, KeyError> {
            let path = dir.join(name);
            let pem = std::fs::read(&path).map_err(|e| KeyError::Io(path.clone(), e))?;
            let pair = RsaKeyPair::from_pem(pem).map_err(|e| KeyError::Pem(path, e.to_string()))?;
            Ok(Key::new(pair))
        };
        Ok(Keys {
            federation: read(FEDERATION)?,
            signing: read(SIGNING)?,
            encryption: read(ENCRYPTION)?,
        })
    }

    /// The federation JWKS, as the Trust Anchor registers it and our entity configuration
    /// publishes it.
    pub fn federation_jwks(&self) -> Value {
        json!({ "keys": [self.federation.public_jwk("sig")] })
    }

    /// The OIDC JWKS in our Relying Party metadata: the provider verifies our request objects
    /// and client assertions with the first, and encrypts UserInfo to the second.
    pub fn oidc_jwks(&self) -> Value {
        json!({ "keys": [self.signing.public_jwk("sig"), self.encryption.public_jwk("enc")] })
    }
}

impl Key {
    fn new(pair: RsaKeyPair) -> Key {
        let public = pair.to_jwk_public_key();
        let kid = thumbprint(&public);
        Key { pair, kid }
    }

    pub fn public_jwk(&self, usage: &str) -> Value {
        let public = self.pair.to_jwk_public_key();
        json!({
            "kty": "RSA",
            "n": public.parameter("n"),
            "e": public.parameter("e"),
            "kid": self.kid,
            "use": usage,
        })
    }

    /// A compact RS256 JWS of `claims` with `typ` and our `kid` in its header.
    pub fn sign(&self, typ: &str, claims: &Value) -> String {
        let mut header = JwsHeader::new();
        header.set_token_type(typ);
        header.set_key_id(&self.kid);
        let signer = josekit::jws::RS256
            .signer_from_der(self.pair.to_der_private_key())
            .expect("a loaded RSA key signs");
        let payload = serde_json::to_vec(claims).expect("claims serialize");
        josekit::jws::serialize_compact(&payload, &header, &signer).expect("RS256 signs")
    }

    /// Opens a compact JWE addressed to this key (RSA-OAEP or RSA-OAEP-256, any content
    /// encryption josekit knows: A128CBC-HS256, A256CBC-HS512, the GCMs).
    pub fn decrypt(&self, token: &str) -> Result<Vec<u8>, JoseFailure> {
        let header =
            josekit::jwe::JweHeader::from_map(decode_part(token, 0).ok_or(JoseFailure::Malformed)?)
                .map_err(|_| JoseFailure::Malformed)?;
        let der = self.pair.to_der_private_key();
        let decrypter: Box<dyn josekit::jwe::JweDecrypter> = match header.algorithm() {
            Some("RSA-OAEP") => Box::new(
                josekit::jwe::RSA_OAEP
                    .decrypter_from_der(&der)
                    .map_err(|_| JoseFailure::Malformed)?,
            ),
            Some("RSA-OAEP-256") => Box::new(
                josekit::jwe::RSA_OAEP_256
                    .decrypter_from_der(&der)
                    .map_err(|_| JoseFailure::Malformed)?,
            ),
            _ => return Err(JoseFailure::Algorithm),
        };
        if header.key_id().is_some_and(|kid| kid != self.kid) {
            return Err(JoseFailure::UnknownKey);
        }
        josekit::jwe::deserialize_compact(token, &*decrypter)
            .map(|(plain, _)| plain)
            .map_err(|_| JoseFailure::BadSignature)
    }
}

/// A JOSE header or a token's claims.
pub type Claims = Map<String, Value>;

/// Why a token was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoseFailure {
    /// Not a compact JWS/JWE, or its JSON is not an object.
    Malformed,
    /// An algorithm we do not accept (`none`, HMAC, anything outside the profile).
    Algorithm,
    /// No key of the trusted set has the token's `kid`.
    UnknownKey,
    /// The signature (or the JWE's tag) does not hold.
    BadSignature,
}

/// RFC 7638: the SHA-256 of the required members in lexical order, base64url.
pub fn thumbprint(public: &Jwk) -> String {
    let canonical = format!(
        r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
        public
            .parameter("e")
            .and_then(Value::as_str)
            .unwrap_or_default(),
        public
            .parameter("n")
            .and_then(Value::as_str)
            .unwrap_or_default()
    );
    b64(&Sha256::digest(canonical.as_bytes()))
}

pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// One part of a compact token, base64url-decoded and parsed as a JSON object.
fn decode_part(token: &str, index: usize) -> Option<Map<String, Value>> {
    use base64::Engine;
    let part = token.split('.').nth(index)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// A JWS's payload before its signature is checked: only to find the keys that will check it
/// (an entity configuration carries its own) — never to act on.
pub fn unverified_payload(token: &str) -> Result<Map<String, Value>, JoseFailure> {
    if token.split('.').count() != 3 {
        return Err(JoseFailure::Malformed);
    }
    decode_part(token, 1).ok_or(JoseFailure::Malformed)
}

/// Checks a compact JWS against `jwks` (a JWK list) by its `kid`; answers its header and
/// payload. Only asymmetric algorithms of the profile are accepted.
pub fn verify(token: &str, jwks: &[Value]) -> Result<(Claims, Claims), JoseFailure> {
    let header = decode_part(token, 0).ok_or(JoseFailure::Malformed)?;
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let kid = header.get("kid").and_then(Value::as_str);
    let candidates: Vec<&Value> = jwks
        .iter()
        .filter(|k| kid.is_none() || k.get("kid").and_then(Value::as_str) == kid)
        .filter(|k| k.get("use").and_then(Value::as_str) != Some("enc"))
        .collect();
    if candidates.is_empty() {
        return Err(JoseFailure::UnknownKey);
    }
    for candidate in candidates {
        let Value::Object(map) = candidate.clone() else {
            continue;
        };
        let Ok(jwk) = Jwk::from_map(map) else {
            continue;
        };
        let verifier = verifier_for(alg, &jwk)?;
        if let Ok((payload, _)) = josekit::jws::deserialize_compact(token, &*verifier) {
            return match serde_json::from_slice(&payload) {
                Ok(Value::Object(payload)) => Ok((header, payload)),
                _ => Err(JoseFailure::Malformed),
            };
        }
    }
    Err(JoseFailure::BadSignature)
}

/// The profile's signature algorithms; anything else (`none`, HMAC) is refused.
fn verifier_for(alg: &str, jwk: &Jwk) -> Result<Box<dyn JwsVerifier>, JoseFailure> {
    use josekit::jws::{ES256, PS256, RS256, RS384, RS512};
    let unusable = |_| JoseFailure::UnknownKey;
    Ok(match alg {
        "RS256" | "RS384" | "RS512" => {
            let rsa = match alg {
                "RS256" => RS256,
                "RS384" => RS384,
                _ => RS512,
            };
            Box::new(rsa.verifier_from_jwk(jwk).map_err(unusable)?)
        }
        "PS256" => Box::new(PS256.verifier_from_jwk(jwk).map_err(unusable)?),
        "ES256" => Box::new(ES256.verifier_from_jwk(jwk).map_err(unusable)?),
        _ => return Err(JoseFailure::Algorithm),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_keys() -> (tempfile::TempDir, Keys) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys");
        Keys::generate(&path).unwrap();
        let keys = Keys::load(&path).unwrap();
        (dir, keys)
    }

    #[test]
    fn keys_are_private_files_never_overwritten_and_sign_what_their_jwks_verify() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, keys) = temp_keys();
        let path = dir.path().join("keys");
        for name in [FEDERATION, SIGNING, ENCRYPTION] {
            let mode = std::fs::metadata(path.join(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
        assert!(matches!(Keys::generate(&path), Err(KeyError::Exists(_))));
        let token = keys
            .federation
            .sign("entity-statement+jwt", &json!({"sub": "x"}));
        let jwks = keys.federation_jwks()["keys"].as_array().unwrap().clone();
        let (header, payload) = verify(&token, &jwks).unwrap();
        assert_eq!(header["typ"], "entity-statement+jwt");
        assert_eq!(header["kid"], keys.federation.kid);
        assert_eq!(payload["sub"], "x");
        // Another key's JWKS does not verify it, even under the same kid.
        let mut other = keys.signing.public_jwk("sig");
        other["kid"] = json!(keys.federation.kid);
        assert_eq!(verify(&token, &[other]), Err(JoseFailure::BadSignature));
        // A tampered payload fails.
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = b64(br#"{"sub":"y"}"#);
        parts[1] = &forged;
        assert_eq!(
            verify(&parts.join("."), &jwks),
            Err(JoseFailure::BadSignature)
        );
        // alg none is never accepted.
        let none = format!("{}.{}.", b64(br#"{"alg":"none"}"#), b64(br#"{"sub":"x"}"#));
        assert_eq!(verify(&none, &jwks), Err(JoseFailure::Algorithm));
    }

    #[test]
    fn a_jwe_to_our_encryption_key_opens_and_one_to_another_key_does_not() {
        let (_dir, keys) = temp_keys();
        let encrypt = |jwk: Value| {
            let mut header = josekit::jwe::JweHeader::new();
            header.set_algorithm("RSA-OAEP");
            header.set_content_encryption("A256CBC-HS512");
            header.set_key_id(jwk["kid"].as_str().unwrap());
            let Value::Object(map) = jwk else { panic!() };
            let encrypter = josekit::jwe::RSA_OAEP
                .encrypter_from_jwk(&Jwk::from_map(map).unwrap())
                .unwrap();
            josekit::jwe::serialize_compact(b"inner", &header, &encrypter).unwrap()
        };
        let ours = encrypt(keys.encryption.public_jwk("enc"));
        assert_eq!(keys.encryption.decrypt(&ours).unwrap(), b"inner");
        let theirs = encrypt(keys.signing.public_jwk("enc"));
        assert!(keys.encryption.decrypt(&theirs).is_err());
    }
}
