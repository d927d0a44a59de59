//! The built app (Trunk's `dist/`), read once at start, compressed once (brotli and gzip), and
//! served from memory. Reading `index.html` here is also how the CSP learns the hash of Trunk's
//! inline start-up script, which changes with every build.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

pub struct Asset {
    content_type: &'static str,
    etag: String,
    immutable: bool,
    identity: Vec<u8>,
    brotli: Option<Vec<u8>>,
    gzip: Option<Vec<u8>>,
}

#[derive(Default)]
pub struct Assets {
    files: HashMap<String, Asset>,
    /// `'sha256-…'` sources for every inline `<script>` of `index.html`.
    script_hashes: Vec<String>,
    /// What the server's own pages take from Trunk's `index.html`.
    head: AppHead,
}

/// The app's files as Trunk named them in `index.html` (hashed names change with each build):
/// the stylesheet and fonts a page of the server's own links, and the app's script and wasm it prefetches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppHead {
    /// Each `<link rel="stylesheet">` as Trunk wrote it (its integrity included), and each
    /// font's `<link rel="preload">`.
    pub links: Vec<String>,
    /// The app's module script and its wasm.
    pub app_files: Vec<String>,
}

impl AppHead {
    pub fn read(index: &str) -> AppHead {
        let mut head = AppHead::default();
        let mut rest = index;
        while let Some(open) = rest.find("<link") {
            let Some(close) = rest[open..].find('>') else {
                break;
            };
            let tag = &rest[open..open + close + 1];
            match (attribute(tag, "rel"), attribute(tag, "href")) {
                (Some("stylesheet"), Some(_)) => head.links.push(tag.to_string()),
                (Some("preload"), Some(href)) if href.ends_with(".woff2") => {
                    head.links.push(tag.to_string())
                }
                (Some("modulepreload"), Some(href)) => head.app_files.push(href.to_string()),
                (Some("preload"), Some(href)) if href.ends_with(".wasm") => {
                    head.app_files.push(href.to_string())
                }
                _ => {}
            }
            rest = &rest[open + close + 1..];
        }
        head
    }
}

/// The value of `name="…"` in one tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')?;
    Some(&tag[start..start + end])
}

impl Assets {
    /// Reads every file below `dir`. A missing folder gives an empty set: the API still works
    /// and pages say that the app has not been built.
    pub fn load(dir: &Path) -> std::io::Result<Assets> {
        let mut assets = Assets::default();
        if !dir.is_dir() {
            tracing::warn!(dir = %dir.display(), "no built app: run `make run` or `trunk build --release`");
            return Ok(assets);
        }
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let relative = path
                    .strip_prefix(dir)
                    .expect("walked from dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&path)?;
                if relative == "index.html" {
                    let index = String::from_utf8_lossy(&bytes);
                    assets.script_hashes = inline_script_hashes(&index);
                    assets.head = AppHead::read(&index);
                }
                assets
                    .files
                    .insert(format!("/{relative}"), Asset::new(&relative, bytes));
            }
        }
        tracing::info!(files = assets.files.len(), "app loaded");
        Ok(assets)
    }

    pub fn script_hashes(&self) -> &[String] {
        &self.script_hashes
    }

    pub fn head(&self) -> &AppHead {
        &self.head
    }

    /// Whether `respond` would answer with the app itself (a page of the app, not a file).
    pub fn serves_app(&self, method: &Method, path: &str) -> bool {
        let last = path.rsplit('/').next().unwrap_or_default();
        (method == Method::GET || method == Method::HEAD)
            && (path == "/index.html" || !last.contains('.'))
            && self.files.contains_key("/index.html")
    }

    /// The app for a signed-in person, with who they are inside (`<script type=
    /// "application/json" id="sessione">`, a data block no browser runs): the app starts from it
    /// instead of asking, one round trip less before its first page. Made for this request
    /// alone: never cached, and compressed by the response layer like the API's JSON.
    pub fn app_with_session(&self, method: &Method, status_json: &str) -> Response {
        let Some(index) = self.files.get("/index.html") else {
            return self.respond(method, &Uri::from_static("/"), &HeaderMap::new());
        };
        let html = String::from_utf8_lossy(&index.identity);
        let block = session_block(status_json);
        let page = match html.rfind("</body>") {
            Some(at) => format!("{}{block}{}", &html[..at], &html[at..]),
            None => format!("{html}{block}"),
        };
        let body = if method == Method::HEAD {
            Body::empty()
        } else {
            Body::from(page)
        };
        Response::builder()
            .header(header::CONTENT_TYPE, index.content_type)
            .header(header::CACHE_CONTROL, "no-store")
            .body(body)
            .expect("valid response")
    }

    /// Answers a GET or HEAD outside `/api`: a file when one has that path, otherwise
    /// `index.html`, so that a reload on any client route starts the app on that route.
    pub fn respond(&self, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            return StatusCode::METHOD_NOT_ALLOWED.into_response();
        }
        let path = uri.path();
        let (asset, fallback) = match self.files.get(path) {
            Some(asset) if path != "/index.html" => (asset, false),
            _ => {
                let last = path.rsplit('/').next().unwrap_or_default();
                if last.contains('.') && path != "/index.html" {
                    // A missing file is a 404, never the app: a broken asset link must show.
                    return (StatusCode::NOT_FOUND, "File non trovato.").into_response();
                }
                match self.files.get("/index.html") {
                    Some(index) => (index, true),
                    None => {
                        return (
                            StatusCode::SERVICE_UNAVAILABLE,
                            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                            "L'applicazione non è stata compilata: esegui `make run`.",
                        )
                            .into_response()
                    }
                }
            }
        };
        asset.respond(method, headers, fallback)
    }
}

impl Asset {
    fn new(name: &str, identity: Vec<u8>) -> Asset {
        let content_type = content_type(name);
        let compressible = !name.ends_with(".woff2") && !name.ends_with(".png");
        let (brotli, gzip) = if compressible && identity.len() > 512 {
            (Some(brotli(&identity)), Some(gzip(&identity)))
        } else {
            (None, None)
        };
        let digest = Sha256::digest(&identity);
        Asset {
            content_type,
            etag: format!("\"{}\"", hex::encode(&digest[..12])),
            immutable: is_hashed(name),
            identity,
            brotli,
            gzip,
        }
    }

    fn respond(&self, method: &Method, headers: &HeaderMap, fallback: bool) -> Response {
        let cache = if self.immutable {
            "public, max-age=31536000, immutable"
        } else if self.content_type.starts_with("text/html") {
            // The page names the current hashed files: it must never come from a cache.
            "no-store"
        } else {
            "no-cache"
        };
        let mut builder = Response::builder()
            .header(header::CONTENT_TYPE, self.content_type)
            .header(header::CACHE_CONTROL, cache)
            .header(header::VARY, "Accept-Encoding");
        if !fallback {
            builder = builder.header(header::ETAG, &self.etag);
            let matches = headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.split(',').any(|tag| tag.trim() == self.etag));
            if matches {
                return builder
                    .status(StatusCode::NOT_MODIFIED)
                    .body(Body::empty())
                    .expect("valid response");
            }
        }
        let accepted = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let (encoding, bytes) = match (&self.brotli, &self.gzip) {
            (Some(br), _) if accepts(accepted, "br") => (Some("br"), br),
            (_, Some(gz)) if accepts(accepted, "gzip") => (Some("gzip"), gz),
            _ => (None, &self.identity),
        };
        if let Some(encoding) = encoding {
            builder = builder.header(header::CONTENT_ENCODING, encoding);
        }
        builder = builder.header(header::CONTENT_LENGTH, bytes.len());
        let body = if method == Method::HEAD {
            Body::empty()
        } else {
            Body::from(bytes.clone())
        };
        builder.body(body).expect("valid response")
    }
}

fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|part| {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or_default().trim();
        let refused = pieces.any(|p| {
            let p = p.trim().replace(' ', "");
            p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

/// Trunk names release files `name-<16 hex digits>…`: those can be cached for ever.
fn is_hashed(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.split(['-', '.', '_'])
        .any(|piece| piece.len() == 16 && piece.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).expect("in-memory write");
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("in-memory write");
    encoder.finish().expect("in-memory write")
}

/// The CSP source for each inline `<script>…</script>` of a page: the base64 SHA-256 of the
/// exact text between the tags.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        rest = &rest[open..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        let body = &rest[body_start..body_start + close];
        if !tag.contains(" src=") && !body.is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &rest[body_start + close..];
    }
    hashes
}

/// The session as a data block: `<` written as `\u003c` (the same JSON), so nothing a person
/// typed into their name can close the element.
pub fn session_block(status_json: &str) -> String {
    format!(
        "<script type=\"application/json\" id=\"sessione\">{}</script>",
        status_json.replace('<', "\\u003c")
    )
}

/// The value of `Content-Security-Policy` for this build.
pub fn content_security_policy(script_hashes: &[String]) -> HeaderValue {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        script_src.push(' ');
        script_src.push_str(hash);
    }
    HeaderValue::from_str(&format!(
        "default-src 'none'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    ))
    .expect("ASCII policy")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_close_the_session_block() {
        let block = session_block(r#"{"name":"</script><script>alert(1)</script>"}"#);
        assert_eq!(block.matches("</script>").count(), 1);
        assert!(block.contains(r#"\u003c/script>\u003cscript>"#));
        let json = &block[block.find('>').unwrap() + 1..block.rfind("</script>").unwrap()];
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["name"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn the_app_files_are_read_from_trunks_index() {
        let index = r#"<head><link rel="stylesheet" href="/main-1a2b.css" integrity="sha384-x"/>
<link rel="modulepreload" href="/app-3c4d.js" crossorigin="anonymous" integrity="sha384-y">
<link rel="preload" href="/app-3c4d_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">
<link rel="preload" href="/fonts/a.woff2" as="font"><link rel="icon" href="data:,"></head>"#;
        let head = AppHead::read(index);
        assert_eq!(
            head.links,
            [
                r#"<link rel="stylesheet" href="/main-1a2b.css" integrity="sha384-x"/>"#,
                r#"<link rel="preload" href="/fonts/a.woff2" as="font">"#
            ]
        );
        assert_eq!(head.app_files, ["/app-3c4d.js", "/app-3c4d_bg.wasm"]);
    }

    #[test]
    fn trunk_file_names_are_recognised_as_hashed() {
        assert!(is_hashed("app-3f2a9c1b7d6e5f40_bg.wasm"));
        assert!(is_hashed("app-3f2a9c1b7d6e5f40.js"));
        assert!(is_hashed("style-3f2a9c1b7d6e5f40.css"));
        assert!(!is_hashed("fonts/titillium-web-latin-400-normal.woff2"));
        assert!(!is_hashed("index.html"));
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<script src="/a.js"></script><script type="module">alert(1)</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"alert(1)"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }

    #[test]
    fn a_coding_with_zero_quality_is_refused() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("identity", "gzip"));
    }
}
