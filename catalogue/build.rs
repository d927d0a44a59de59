//! Generates the message keys from the Italian catalogue (the source language): one enum
//! variant and one typed constructor per message, its variables as arguments, so that a
//! missing or misspelt key, or a forgotten argument, is a compile error where it is used.

#[path = "src/syntax.rs"]
mod syntax;

use std::fmt::Write;

fn camel(id: &str) -> String {
    id.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn snake(id: &str) -> String {
    const KEYWORDS: [&str; 12] = [
        "as", "break", "continue", "else", "fn", "for", "if", "loop", "match", "move", "type",
        "while",
    ];
    let name = id.replace('-', "_");
    assert!(
        !KEYWORDS.contains(&name.as_str()),
        "`{id}` would be a Rust keyword as a constructor: name it otherwise"
    );
    name
}

fn main() {
    println!("cargo:rerun-if-changed=app/it.ftl");
    println!("cargo:rerun-if-changed=server/it.ftl");
    println!("cargo:rerun-if-changed=src/syntax.rs");
    // The app's messages first: their keys are the first `APP_KEYS`.
    let mut source = syntax::Source::default();
    let mut app_keys = 0;
    for file in ["app/it.ftl", "server/it.ftl"] {
        let text = std::fs::read_to_string(file).expect(file);
        let read = syntax::parse(&text).unwrap_or_else(|error| panic!("{file}: {error}"));
        for (id, _) in &read.messages {
            if source.messages.iter().any(|(known, _)| known == id) {
                panic!("{file}: `{id}` is in both the app's and the server's catalogue");
            }
        }
        source.messages.extend(read.messages);
        if file == "app/it.ftl" {
            app_keys = source.messages.len();
        }
    }
    let mut out = String::new();
    writeln!(
        out,
        "/// The app's keys are the first this many (`app/it.ftl`); the rest are the server's.\npub const APP_KEYS: usize = {app_keys};\n"
    )
    .unwrap();
    out.push_str(
        "/// One message of the catalogues, named as in the `it.ftl` files (kebab-case there).\n",
    );
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n");
    out.push_str("pub enum Key {\n");
    for (id, _) in &source.messages {
        writeln!(out, "    {},", camel(id)).unwrap();
    }
    out.push_str("}\n\nimpl Key {\n");
    writeln!(
        out,
        "    pub const ALL: [Key; {}] = [",
        source.messages.len()
    )
    .unwrap();
    for (id, _) in &source.messages {
        writeln!(out, "        Key::{},", camel(id)).unwrap();
    }
    out.push_str("    ];\n\n    /// The message's identifier in the Fluent files.\n");
    out.push_str("    pub const fn id(self) -> &'static str {\n        match self {\n");
    for (id, _) in &source.messages {
        writeln!(out, "            Key::{} => {id:?},", camel(id)).unwrap();
    }
    out.push_str(
        "        }\n    }\n\n    /// Its variables, in the order the constructor takes them.\n",
    );
    out.push_str(
        "    pub const fn variables(self) -> &'static [&'static str] {\n        match self {\n",
    );
    for (id, pattern) in &source.messages {
        writeln!(
            out,
            "            Key::{} => &{:?},",
            camel(id),
            syntax::variables(pattern)
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
    out.push_str("/// A constructor per message: `t::hold_expires(time)`.\npub mod t {\n    use super::{Arg, Key, Text};\n");
    for (id, pattern) in &source.messages {
        let variables = syntax::variables(pattern);
        let params: Vec<String> = variables
            .iter()
            .map(|v| format!("{}: impl Into<Arg>", snake(v)))
            .collect();
        let args: Vec<String> = variables
            .iter()
            .map(|v| format!("{}.into()", snake(v)))
            .collect();
        writeln!(
            out,
            "    #[inline]\n    pub fn {}({}) -> Text {{\n        Text::new(Key::{}, vec![{}])\n    }}",
            snake(id),
            params.join(", "),
            camel(id),
            args.join(", ")
        )
        .unwrap();
    }
    out.push_str("}\n");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("keys.rs");
    std::fs::write(path, out).unwrap();
}
