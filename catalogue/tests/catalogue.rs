//! The catalogues against each other and against the code (issue 25):
//! - both files are Fluent as the reference parser reads it, with the same messages;
//! - English has every key, with the same variables;
//! - every key is used somewhere in the app, the server or the contract;
//! - no user-facing Italian sentence is written in the code outside the catalogues, except in
//!   the files listed in `NOT_YET_IN_THE_CATALOGUES` (work in progress, each still holding
//!   some: the test also fails when one of them no longer does, so the list only shrinks).

use catalogue::{Catalogue, Key};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

#[test]
fn both_catalogues_are_fluent_with_the_same_messages() {
    for part in ["app", "server"] {
        same_messages(
            &format!("catalogue/{part}/it.ftl"),
            &format!("catalogue/{part}/en.ftl"),
        );
    }
}

fn same_messages(italian: &str, english: &str) {
    let mut ids = Vec::new();
    for file in [italian, english] {
        let text = read(file);
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{file} is not valid Fluent: {errors:?}"),
        };
        let theirs: BTreeSet<String> = resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        let ours: BTreeSet<String> = catalogue::syntax::parse(&text)
            .unwrap()
            .messages
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(theirs, ours, "{file}: our reader and Fluent's disagree");
        ids.push(ours);
    }
    let missing: Vec<_> = ids[0].difference(&ids[1]).collect();
    let extra: Vec<_> = ids[1].difference(&ids[0]).collect();
    assert!(missing.is_empty(), "missing in {english}: {missing:?}");
    assert!(
        extra.is_empty(),
        "in {english} but not in {italian}: {extra:?}"
    );
}

#[test]
fn english_has_every_key_with_the_same_variables() {
    let english = Catalogue::parse_all(&[
        &read("catalogue/app/en.ftl"),
        &read("catalogue/server/en.ftl"),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let missing: Vec<&str> = english.missing().iter().map(|k| k.id()).collect();
    assert!(missing.is_empty(), "missing in English: {missing:?}");
}

/// The app compiles only its own sentences: a server sentence named in the app would show
/// nothing.
#[test]
fn the_app_uses_only_the_apps_sentences() {
    let app: String = sources()
        .into_iter()
        .filter(|(file, _)| file.starts_with("app/") || file.starts_with("api/"))
        .map(|(_, code)| code)
        .collect();
    let foreign: Vec<&str> = Key::ALL[catalogue::APP_KEYS..]
        .iter()
        .map(|key| key.id())
        .filter(|id| app.contains(&format!("t::{}(", snake(id))))
        .collect();
    assert!(
        foreign.is_empty(),
        "the app names server sentences (move them to catalogue/app/): {foreign:?}"
    );
}

/// The Rust sources of the app, the server and the contract, without their test modules.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["api/src", "app/src", "server/src", "catalogue/src"] {
        walk(&root().join(dir), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            let name = path.strip_prefix(root()).unwrap().display().to_string();
            (name, code)
        })
        .collect()
}

fn snake(id: &str) -> String {
    id.replace('-', "_")
}

fn camel(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Keys found by a stored code rather than named in the code: their prefix, and the code that
/// looks them up (`server/tests/api/core.rs` checks that every stored code has its key).
const DYNAMIC: &[(&str, &str)] = &[("topic-", "format!(\"topic-{}\"")];

#[test]
fn every_key_is_used() {
    let code: String = sources().into_iter().map(|(_, code)| code).collect();
    let unused: Vec<&str> = Key::ALL
        .iter()
        .map(|key| key.id())
        .filter(|id| {
            !code.contains(&format!("t::{}(", snake(id)))
                && !code.contains(&format!("t::{},", snake(id)))
                && !code.contains(&format!("t::{})", snake(id)))
                && !code.contains(&format!("Key::{}", camel(id)))
                && !DYNAMIC
                    .iter()
                    .any(|(prefix, user)| id.starts_with(prefix) && code.contains(user))
        })
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

/// Files that still write Italian sentences of their own, to be moved into the catalogues.
const NOT_YET_IN_THE_CATALOGUES: &[&str] = &[
    "server/src/access.rs",
    "server/src/assets.rs",
    "server/src/db/mod.rs",
    "server/src/domain/notices.rs",
    "server/src/lib.rs",
    "server/src/main.rs",
    "server/src/notify/mailer.rs",
    "server/src/notify/worker.rs",
    "server/src/office/reports.rs",
    "server/src/office/workflow.rs",
];

/// Files whose Italian is not the service's words: dates and numbers in Italian (the
/// locale's own data, beside `api/src/en.rs`), and the demo's people, offices and messages
/// (what people wrote).
const NOT_SENTENCES: &[&str] = &["api/src/it.rs"];
const NOT_SENTENCES_UNDER: &[&str] = &["server/src/demo/"];

/// Names that stay Italian in every language.
const NAMES: &[&str] = &[
    "Istituto Nazionale della Previdenza Sociale",
    "Cassetto Previdenziale per Artigiani e Commercianti — Agenda appuntamenti",
    "Cassetto Previdenziale INPS <non-rispondere@cassetto-previdenziale.example.it>",
    // The calendar file's PRODID: an identifier of the software, in either language.
    "-//INPS//Cassetto Previdenziale Agenda appuntamenti//IT",
    "-//INPS//Cassetto Previdenziale Agenda appuntamenti//EN",
    // The stored signatures of the service's own messages and timeline entries (rows keep
    // them; the reader sees `system-author` / `system-actor` in their language).
    "Agenda appuntamenti (messaggio automatico)",
    "Sistema",
    // The language choice names each language in itself.
    "Italiano",
];

/// The string literals of a source, as written (escapes left alone); line comments and
/// attributes' documentation skipped.
fn literals(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in code.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.starts_with("tracing::") {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '/' if chars.get(i + 1) == Some(&'/') => break,
                '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
                '\'' if chars.get(i + 1) == Some(&'\\') => {
                    while i + 1 < chars.len() && chars[i + 1] != '\'' {
                        i += 1;
                    }
                    i += 2;
                }
                '"' => {
                    // Documentation of the API for developers (utoipa), in English.
                    let before: String = chars[..i].iter().collect();
                    let documentation = ["description = ", "summary = "]
                        .iter()
                        .any(|k| before.trim_end_matches(['(', ' ']).ends_with(k.trim_end()));
                    let mut literal = String::new();
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' {
                            literal.push(chars[i]);
                            i += 1;
                        }
                        if i < chars.len() {
                            literal.push(chars[i]);
                        }
                        i += 1;
                    }
                    if !documentation {
                        found.push(literal);
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
    found
}

/// Words that say a literal is an Italian sentence: Italian's short function words, and any
/// word of the Italian catalogue that the English one does not use (so the check learns the
/// service's own vocabulary as the catalogues grow).
fn italian_words() -> BTreeSet<String> {
    let words = |text: &str| -> BTreeSet<String> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                l.split_once('=')
                    .map(|(_, v)| v.to_string())
                    .or(Some(l.to_string()))
            })
            .flat_map(|v| {
                v.split(|c: char| !c.is_alphabetic())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.chars().count() >= 4)
            .collect()
    };
    let english = words(&(read("catalogue/app/en.ftl") + &read("catalogue/server/en.ftl")));
    let mut italian: BTreeSet<String> =
        words(&(read("catalogue/app/it.ftl") + &read("catalogue/server/it.ftl")))
            .difference(&english)
            .cloned()
            .collect();
    for w in [
        "di", "il", "lo", "la", "le", "gli", "non", "un", "una", "del", "della", "dei", "delle",
        "con", "che", "sono", "alle", "dal", "dalla", "nel", "nella", "oppure", "puoi", "tuo",
        "tua", "questo", "questa", "anche", "già", "ancora",
    ] {
        italian.insert(w.to_string());
    }
    italian
}

fn is_italian(literal: &str, words: &BTreeSet<String>) -> bool {
    italian_word(literal, words).is_some()
}

/// The word that makes a literal Italian, if one does.
fn italian_word(literal: &str, words: &BTreeSet<String>) -> Option<String> {
    // Codes, identifiers, paths and addresses ("sportello", "starts_at", "?errore=") are not
    // sentences; nor is SQL, whose Italian is the stored codes'.
    if !literal.contains(char::is_whitespace) && !literal.starts_with(char::is_uppercase) {
        return None;
    }
    if literal
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let sql = [
        "SELECT ", "UPDATE ", "INSERT ", "DELETE ", "WITH ", "CREATE ", "{SELECT}",
    ];
    let sql_inside = [" WHERE ", " AND ", " OR ", " = '"];
    if sql.iter().any(|k| literal.trim_start().starts_with(k))
        || sql_inside.iter().any(|k| literal.contains(k))
    {
        return None;
    }
    if NAMES.contains(&literal) {
        return None;
    }
    if let Some(c) = literal.chars().find(|c| "àèéìòùÈ".contains(*c)) {
        return Some(c.to_string());
    }
    // Not the names in a format string's `{…}`, nor CSS classes and identifiers.
    let mut text = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace()
        .filter(|token| !token.contains(['_', '-']))
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
        .map(str::to_lowercase)
        .find(|w| words.contains(w))
}

#[test]
fn no_italian_sentence_outside_the_catalogues() {
    let words = italian_words();
    let mut offenders = Vec::new();
    let mut cleared = Vec::new();
    for (file, code) in sources() {
        if NOT_SENTENCES.contains(&file.as_str())
            || NOT_SENTENCES_UNDER.iter().any(|dir| file.starts_with(dir))
        {
            continue;
        }
        let italian: Vec<String> = literals(&code)
            .into_iter()
            .filter_map(|l| italian_word(&l, &words).map(|w| format!("{l:?} ({w})")))
            .collect();
        let pending = NOT_YET_IN_THE_CATALOGUES.contains(&file.as_str());
        match (italian.is_empty(), pending) {
            (false, false) => offenders.push(format!("{file}: {}", italian[0])),
            (true, true) => cleared.push(file),
            _ => {}
        }
    }
    assert!(
        offenders.is_empty(),
        "Italian written outside the catalogues (move it to catalogue/{{app,server}}/*.ftl):\n{}",
        offenders.join("\n")
    );
    assert!(
        cleared.is_empty(),
        "no Italian left: take these off NOT_YET_IN_THE_CATALOGUES: {cleared:?}"
    );
}

#[test]
fn the_literal_check_sees_italian() {
    let words = italian_words();
    let code = "let a = \"Scegli un orario\"; // \"commento in italiano\"\nlet b = \"svolto\";\nlet c = \"Prenota l'appuntamento\";";
    let found: Vec<String> = literals(code)
        .into_iter()
        .filter(|l| is_italian(l, &words))
        .collect();
    assert_eq!(found, ["Scegli un orario", "Prenota l'appuntamento"]);
}

/// Dates, times and sizes on screen follow the page's language: the app says them through
/// `app/src/language.rs`, never with the Italian helpers directly (a missed one showed
/// "4 dicembre 2026" on an English page).
#[test]
fn the_app_says_dates_in_the_pages_language() {
    let helpers = [
        "it::date(",
        "it::date_with_weekday(",
        "it::time(",
        "it::date_time(",
        "it::period(",
        "it::size_in_words(",
    ];
    let found: Vec<String> = sources()
        .into_iter()
        .filter(|(file, _)| file.starts_with("app/") && file != "app/src/language.rs")
        .flat_map(|(file, code)| {
            helpers
                .iter()
                .filter(|h| code.contains(*h))
                .map(|h| format!("{file}: {h}"))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(found.is_empty(), "Italian dates on any page: {found:?}");
}
