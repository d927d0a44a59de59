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
    id.replace('-', "_")
}

fn main() {
    println!("cargo:rerun-if-changed=it.ftl");
    println!("cargo:rerun-if-changed=src/syntax.rs");
    let text = std::fs::read_to_string("it.ftl").expect("catalogue/it.ftl");
    let source = syntax::parse(&text).unwrap_or_else(|error| panic!("it.ftl: {error}"));
    let mut out = String::new();
    out.push_str("/// One message of the catalogues, named as in `it.ftl` (kebab-case there).\n");
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
