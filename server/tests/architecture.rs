//! The architecture, checked the way ArchUnit checks a Java codebase: every `use crate::…`,
//! `use super::…` and inline `crate::…` path of the server's sources is resolved to the module
//! it names, and the dependencies must point down (docs/ARCHITECTURE.md, "Layers"):
//!
//! domain < infrastructure < repositories < workflows < handlers < root
//!
//! - `domain/` imports nothing of the crate but itself (and the `api` crate);
//! - no module imports one of a higher layer;
//! - no feature imports another feature's handlers;
//! - no two modules import each other, directly or round a circle.
//!
//! The app's pages do not import each other, and its components import no page. A failure
//! names the file, the line and the rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Domain,
    Infrastructure,
    Repository,
    Workflow,
    Handlers,
    Root,
}

const FEATURES: [&str; 9] = [
    "agenda",
    "communications",
    "info",
    "notify",
    "office",
    "oidc",
    "ratings",
    "session",
    "waitlist",
];

const INFRASTRUCTURE: [&str; 19] = [
    "access",
    "antivirus",
    "assets",
    "auth",
    "clock",
    "config",
    "db",
    "error",
    "extract",
    "federation",
    "html",
    "jose",
    "language",
    "secrets",
    "security",
    "state",
    "telemetry",
    "throttle",
    "video",
];

/// Modules below the workflows that are not named `repo`: rows, read models, the mailer.
const REPOSITORIES: [&str; 13] = [
    "agenda::slot_rows",
    "agenda::booking_facts",
    "agenda::record",
    "agenda::idempotency",
    "agenda::view",
    "agenda::ics",
    "agenda::places",
    "notify::outbox",
    "notify::mailer",
    "communications::handling",
    "office::stats",
    "communications::attachments",
    "communications::retention",
];

/// Handler modules beside a feature's `handlers.rs` (the office's reports).
const HANDLERS: [&str; 3] = ["office::reports", "communications::files", "info::view"];

const WORKFLOWS: [&str; 4] = [
    "agenda::hold",
    "agenda::moving",
    "waitlist::offers",
    "notify::worker",
];

const ROOT: [&str; 5] = ["", "main", "jobs", "openapi", "demo"];

/// The layer of a server module, or None for a module nobody placed (itself a failure).
fn layer(module: &str) -> Option<Layer> {
    let parts: Vec<&str> = module.split("::").collect();
    if parts[0] == "domain" {
        return Some(Layer::Domain);
    }
    // The demo loader writes every table as the features do, so it and its parts sit on top.
    if ROOT.contains(&module) || parts[0] == "demo" {
        return Some(Layer::Root);
    }
    // An infrastructure module's parts (`db::group`) are infrastructure too.
    if INFRASTRUCTURE.contains(&parts[0]) {
        return Some(Layer::Infrastructure);
    }
    if !FEATURES.contains(&parts[0]) {
        return None;
    }
    let last = parts[parts.len() - 1];
    Some(
        if parts.len() == 1 || last == "handlers" || HANDLERS.contains(&module) {
            Layer::Handlers
        } else if last == "repo" || REPOSITORIES.contains(&module) {
            Layer::Repository
        } else if last == "workflow" || WORKFLOWS.contains(&module) {
            Layer::Workflow
        } else if module.starts_with("session::") {
            // Session's other modules (contacts, contributors) are handlers.
            Layer::Handlers
        } else {
            return None;
        },
    )
}

/// One source file: its module path ("agenda::repo", "" for the crate root) and text.
struct Source {
    file: String,
    module: String,
    text: String,
}

fn sources(root: &Path) -> Vec<Source> {
    let mut found = Vec::new();
    walk(root, root, &mut found);
    found.sort_by(|a, b| a.file.cmp(&b.file));
    found
}

fn walk(root: &Path, dir: &Path, found: &mut Vec<Source>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(root, &path, found);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        found.push(source(&relative, &std::fs::read_to_string(&path).unwrap()));
    }
}

/// The text with comments, strings and character literals blanked (line breaks kept), so that
/// a path in a doc comment or a message is not taken for an import.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                out.push(blank(chars[i]));
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !ident(chars.get(i.wrapping_sub(1)).copied())
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let rest: String = chars[j + 1..].iter().collect();
            let end = rest.find(&close).map_or(chars.len(), |n| {
                j + 1 + rest[..n].chars().count() + close.len()
            });
            for ch in &chars[i..end.min(chars.len())] {
                out.push(blank(*ch));
            }
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n'); a lifetime ('a) is left alone.
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The paths a `use` tree names: `a::{b, c::{d, self}}` → a::b, a::c::d, a::c.
fn expand(tree: &str) -> Vec<String> {
    // `x as y` names x; then spaces mean nothing.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut kept = Vec::new();
    let mut n = 0;
    while n < words.len() {
        if words[n] == "as" {
            n += 2;
            continue;
        }
        kept.push(words[n]);
        n += 1;
    }
    let tree = kept.concat();
    let Some(open) = tree.find('{') else {
        return vec![tree.trim_end_matches("::self").to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (n, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..n]);
                start = n + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand(p).into_iter().map(move |rest| {
                if rest == "self" {
                    prefix.trim_end_matches("::").to_string()
                } else {
                    format!("{prefix}{rest}")
                }
            })
        })
        .collect()
}

/// Every path into the crate a source names, with its line: `use` trees and inline paths.
fn references(code: &str) -> Vec<(usize, String)> {
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut in_use = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(n) = code[at..].find("use ") {
        let start = at + n;
        at = start + 4;
        if start > 0 && ident(code[..start].chars().last()) {
            continue;
        }
        let Some(end) = code[start..].find(';') else {
            break;
        };
        let tree = &code[start + 4..start + end];
        in_use.push(start..start + end);
        for path in expand(tree) {
            found.push((line_of(start), path));
        }
    }
    for prefix in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(n) = code[at..].find(prefix) {
            let start = at + n;
            at = start + prefix.len();
            if in_use.iter().any(|r| r.contains(&start))
                || (start > 0 && (ident(code[..start].chars().last()) || bytes[start - 1] == b':'))
            {
                continue;
            }
            let end = code[start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| start + e);
            found.push((
                line_of(start),
                code[start..end].trim_end_matches(':').to_string(),
            ));
        }
    }
    found
}

/// The module a path names, from the module `from`: the longest known prefix. A path that
/// starts with neither `crate`, `super` nor `self` names a child of `from`, or another crate.
fn resolve(path: &str, from: &Source, modules: &BTreeSet<String>) -> Option<String> {
    let own: Vec<String> = from
        .module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let (mut base, mut rest, relative) = match path.strip_prefix("crate::") {
        Some(rest) => (Vec::new(), rest, false),
        None => (own.clone(), path, true),
    };
    loop {
        if let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        } else if rest == "super" {
            base.pop();
            rest = "";
        } else if let Some(r) = rest.strip_prefix("self::") {
            rest = r;
        } else {
            break;
        }
    }
    let plain = relative && rest == path;
    base.extend(
        rest.split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string),
    );
    while base.len() > if plain { own.len() } else { 0 } {
        let candidate = base.join("::");
        if modules.contains(&candidate) {
            return Some(candidate);
        }
        base.pop();
    }
    // `crate::Item` of the root; a plain path that is no child names another crate.
    (!plain && base.is_empty()).then(String::new)
}

/// The module each source imports, with the first line that does, itself excluded.
fn graph(sources: &[Source]) -> BTreeMap<String, BTreeMap<String, (String, usize)>> {
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut edges = BTreeMap::new();
    for source in sources {
        let targets: &mut BTreeMap<String, (String, usize)> =
            edges.entry(source.module.clone()).or_default();
        // Unit tests are not the architecture (and their `super` is the file itself).
        let text = source
            .text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        for (line, path) in references(&code_only(text)) {
            let Some(target) = resolve(&path, source, &modules) else {
                continue;
            };
            if target == source.module {
                continue;
            }
            targets
                .entry(target)
                .or_insert_with(|| (source.file.clone(), line));
        }
    }
    edges
}

fn feature(module: &str) -> &str {
    module.split("::").next().unwrap_or_default()
}

/// The server's rules; each failure names the file, the line and the rule.
fn server_failures(sources: &[Source]) -> Vec<String> {
    let edges = graph(sources);
    let mut failures = Vec::new();
    for (from, targets) in &edges {
        let Some(from_layer) = layer(from) else {
            failures.push(format!(
                "module `{from}` has no layer: place it in tests/architecture.rs and docs/ARCHITECTURE.md"
            ));
            continue;
        };
        for (to, (file, line)) in targets {
            let Some(to_layer) = layer(to) else { continue };
            let at = format!("{file}:{line}");
            if from_layer == Layer::Domain && to_layer != Layer::Domain {
                failures.push(format!(
                    "{at}: domain imports `{to}`: domain/ may import only itself and api"
                ));
            } else if to_layer > from_layer {
                failures.push(format!(
                    "{at}: `{from}` ({from_layer:?}) imports `{to}` ({to_layer:?}), a layer above it"
                ));
            } else if to.ends_with("handlers") && feature(to) != feature(from) {
                failures.push(format!(
                    "{at}: `{from}` imports another feature's handlers, `{to}`"
                ));
            }
        }
    }
    failures.extend(cycles(&edges));
    failures
}

/// Every circle of imports, once each, as its modules in order.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, (String, usize)>>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).map(|t| t.keys()).into_iter().flatten() {
                if next == start {
                    let mut circle = path.clone();
                    let smallest = circle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, m)| *m)
                        .map(|(n, _)| n)
                        .unwrap_or(0);
                    circle.rotate_left(smallest);
                    found.insert(circle);
                } else if !path.contains(next) && next > start {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
        .into_iter()
        .map(|circle| {
            let (file, line) = &edges[&circle[0]][&circle[1 % circle.len()]];
            format!(
                "{file}:{line}: an import circle: {} → {}",
                circle.join(" → "),
                circle[0]
            )
        })
        .collect()
}

/// The app's rules: pages do not import pages, components import no page.
fn app_failures(sources: &[Source]) -> Vec<String> {
    let mut failures = Vec::new();
    for (from, targets) in graph(sources) {
        let page = |m: &str| {
            m.strip_prefix("pages::")
                .map(|p| p.split("::").next().unwrap_or(p).to_string())
        };
        for (to, (file, line)) in targets {
            let Some(target_page) = page(&to) else {
                continue;
            };
            match page(&from) {
                Some(own) if own != target_page => failures.push(format!(
                    "{file}:{line}: page `{own}` imports page `{target_page}`: what two pages share belongs in components/"
                )),
                None if from.starts_with("components") => failures.push(format!(
                    "{file}:{line}: a component imports the page `{target_page}`"
                )),
                _ => {}
            }
        }
    }
    failures
}

fn root(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

#[test]
fn the_servers_dependencies_point_down_and_never_round_a_circle() {
    let failures = server_failures(&sources(&root("src")));
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn the_apps_pages_do_not_import_each_other() {
    let failures = app_failures(&sources(&root("../app/src")));
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// A file and the module it is: `agenda/mod.rs` is `agenda`, `lib.rs` the root.
fn source(file: &str, text: &str) -> Source {
    let stem = file.trim_end_matches(".rs");
    let module = match stem {
        "lib" => String::new(),
        _ => stem.trim_end_matches("/mod").replace('/', "::"),
    };
    Source {
        file: file.into(),
        module,
        text: text.into(),
    }
}

/// The checker itself: each rule fails on the kind of line it is there to catch, and names it.
#[test]
fn each_rule_catches_the_import_it_names() {
    let base = || {
        vec![
            source(
                "lib.rs",
                "pub mod agenda; pub mod office; pub mod domain; pub mod db; pub mod jobs;",
            ),
            source("domain/mod.rs", "pub mod booking;"),
            source("domain/booking.rs", "use api::Instant;"),
            source("db.rs", "use crate::domain::booking;"),
            source(
                "agenda/mod.rs",
                "mod handlers; pub mod repo; pub mod workflow;",
            ),
            source("agenda/repo.rs", "use crate::db::WriteTx;"),
            source(
                "agenda/workflow.rs",
                "use super::repo::{self, Record};\nfn f() { crate::db::x(); }",
            ),
            source("agenda/handlers.rs", "use super::workflow;"),
            source("office/mod.rs", "mod handlers;"),
            source("office/handlers.rs", "use crate::agenda::workflow::apply;"),
            source("jobs.rs", "use crate::agenda::workflow;"),
        ]
    };
    assert_eq!(server_failures(&base()), Vec::<String>::new());

    let mut upward = base();
    upward[5] = source(
        "agenda/repo.rs",
        "use crate::db::WriteTx;\nuse crate::jobs;",
    );
    let failures = server_failures(&upward);
    assert!(
        failures.iter().any(|f| f
            .starts_with("agenda/repo.rs:2: `agenda::repo` (Repository) imports `jobs` (Root)")),
        "{failures:?}"
    );

    let mut domain = base();
    domain[2] = source("domain/booking.rs", "fn f() -> crate::db::Db { todo!() }");
    let failures = server_failures(&domain);
    assert!(
        failures
            .iter()
            .any(|f| f.contains("domain/booking.rs:1: domain imports `db`")),
        "{failures:?}"
    );

    let mut handlers = base();
    handlers[9] = source(
        "office/handlers.rs",
        "use crate::agenda::{handlers::hold, workflow};",
    );
    let failures = server_failures(&handlers);
    assert!(
        failures
            .iter()
            .any(|f| f.contains("imports another feature's handlers, `agenda::handlers`")),
        "{failures:?}"
    );

    let mut circle = base();
    circle[5] = source("agenda/repo.rs", "use crate::db::WriteTx;\n// use crate::agenda::workflow; (a comment)\nconst S: &str = \"crate::agenda::workflow\";\nuse super::workflow::Thing;");
    let failures = server_failures(&circle);
    assert!(failures.iter().any(|f| f.contains("an import circle: agenda::repo → agenda::workflow → agenda::repo")), "{failures:?}");
    assert!(
        failures
            .iter()
            .all(|f| !f.contains(":2:") && !f.contains(":3:")),
        "comments and strings are not imports: {failures:?}"
    );

    let pages = vec![
        source("lib.rs", "pub mod pages; pub mod components;"),
        source("pages/mod.rs", "pub mod booking; pub mod waitlist;"),
        source("pages/booking/mod.rs", "mod moving;"),
        source("pages/booking/moving.rs", "use super::place_gone;"),
        source("pages/waitlist.rs", "use crate::pages::booking::Memory;"),
        source("components/mod.rs", "pub mod shell;"),
        source("components/shell.rs", "use crate::pages::waitlist::X;"),
    ];
    let failures = app_failures(&pages);
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(
        failures[0].contains("a component imports the page `waitlist`")
            || failures[1].contains("a component imports the page `waitlist`")
    );
    assert!(failures
        .iter()
        .any(|f| f.starts_with("pages/waitlist.rs:1: page `waitlist` imports page `booking`")));
}
