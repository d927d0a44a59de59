//! The subset of Fluent (https://projectfluent.org) the catalogues are written in, read by the
//! build script (to generate the keys) and at run time (the English catalogue the app fetches
//! only when a person chooses English). Kept to what the service's sentences need: messages,
//! `{ $variable }`, `{ "literal" }`, and selection on a variable (a number's plural category
//! or exact value, or a code); comments and continuation lines as Fluent has them. The test
//! suite parses both files with the reference `fluent-syntax` parser as well, so they stay
//! real Fluent for translators' tools.

/// One message's value: text and placeables in order.
pub type Pattern = Vec<Part>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// `{ $name }`
    Variable(String),
    /// `{ $name -> [key] … *[other] … }`
    Select {
        variable: String,
        variants: Vec<(String, Pattern)>,
        /// The index of the `*` variant.
        default: usize,
    },
}

/// A parsed catalogue file: messages in the order they appear.
#[derive(Clone, Debug, Default)]
pub struct Source {
    pub messages: Vec<(String, Pattern)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub problem: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Reads a whole file. A message is `id = value`; the value goes on over the lines that
/// follow when they are indented; `#` starts a comment at the beginning of a line.
pub fn parse(text: &str) -> Result<Source, SyntaxError> {
    let mut source = Source::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let number = index + 1;
        index += 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            return Err(SyntaxError {
                line: number,
                problem: "an indented line outside a message".into(),
            });
        }
        let Some((id, first)) = line.split_once('=') else {
            return Err(SyntaxError {
                line: number,
                problem: "expected `id = value`".into(),
            });
        };
        let id = id.trim();
        if !is_identifier(id) {
            return Err(SyntaxError {
                line: number,
                problem: format!("`{id}` is not a message identifier"),
            });
        }
        let mut value = first.trim().to_string();
        // A value goes on over indented lines, and over a line that closes a selection
        // (`}` in the first column, as Fluent allows).
        while index < lines.len()
            && (lines[index].starts_with(' ')
                || lines[index].starts_with('}')
                || lines[index].trim().is_empty())
        {
            let more = lines[index].trim();
            index += 1;
            if more.is_empty() {
                continue;
            }
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(more);
        }
        if value.is_empty() {
            return Err(SyntaxError {
                line: number,
                problem: format!("`{id}` has no value"),
            });
        }
        if source.messages.iter().any(|(known, _)| known == id) {
            return Err(SyntaxError {
                line: number,
                problem: format!("`{id}` is defined twice"),
            });
        }
        let pattern = Reader {
            chars: value.chars().collect(),
            at: 0,
        }
        .pattern(false)
        .map_err(|problem| SyntaxError {
            line: number,
            problem: format!("`{id}`: {problem}"),
        })?;
        source.messages.push((id.to_string(), pattern));
    }
    Ok(source)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn blanks(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn expect(&mut self, wanted: char) -> Result<(), String> {
        self.blanks();
        if self.peek() == Some(wanted) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected `{wanted}`"))
        }
    }

    fn name(&mut self) -> Result<String, String> {
        let start = self.at;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        if is_identifier(&name) || name.chars().all(|c| c.is_ascii_digit()) && !name.is_empty() {
            Ok(name)
        } else {
            Err("expected a name".into())
        }
    }

    /// Text and placeables up to the end, or (in a variant) up to the line's end or the
    /// select's closing brace.
    fn pattern(&mut self, in_variant: bool) -> Result<Pattern, String> {
        let mut parts = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '\n' if in_variant => break,
                '}' if in_variant => break,
                '}' => return Err("a `}` with no `{`".into()),
                '{' => {
                    self.at += 1;
                    match self.placeable()? {
                        Part::Text(literal) => text.push_str(&literal),
                        part => {
                            if !text.is_empty() {
                                parts.push(Part::Text(std::mem::take(&mut text)));
                            }
                            parts.push(part);
                        }
                    }
                }
                _ => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
        if in_variant {
            let trimmed = text.trim_end().len();
            text.truncate(trimmed);
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(parts)
    }

    fn placeable(&mut self) -> Result<Part, String> {
        self.blanks();
        match self.peek() {
            Some('"') => {
                self.at += 1;
                let mut literal = String::new();
                loop {
                    match self.peek() {
                        Some('"') => break,
                        Some('\\') => {
                            self.at += 1;
                            match self.peek() {
                                Some(c @ ('"' | '\\')) => literal.push(c),
                                _ => return Err("only \\\" and \\\\ are escapes".into()),
                            }
                        }
                        Some('\n') | None => return Err("an unfinished string literal".into()),
                        Some(c) => literal.push(c),
                    }
                    self.at += 1;
                }
                self.at += 1;
                self.expect('}')?;
                Ok(Part::Text(literal))
            }
            Some('$') => {
                self.at += 1;
                let variable = self.name()?;
                self.blanks();
                if self.peek() == Some('}') {
                    self.at += 1;
                    return Ok(Part::Variable(variable));
                }
                if self.chars.get(self.at..self.at + 2) != Some(&['-', '>']) {
                    return Err(format!("expected `}}` or `->` after ${variable}"));
                }
                self.at += 2;
                let mut variants = Vec::new();
                let mut default = None;
                loop {
                    self.blanks();
                    match self.peek() {
                        Some('}') => {
                            self.at += 1;
                            break;
                        }
                        Some('*') => {
                            if default.is_some() {
                                return Err("two default variants".into());
                            }
                            default = Some(variants.len());
                            self.at += 1;
                        }
                        _ => {}
                    }
                    self.expect('[')?;
                    self.blanks();
                    let key = self.name()?;
                    self.expect(']')?;
                    while self.peek() == Some(' ') {
                        self.at += 1;
                    }
                    variants.push((key, self.pattern(true)?));
                }
                let default = default.ok_or("a selection needs a `*` default variant")?;
                Ok(Part::Select {
                    variable,
                    variants,
                    default,
                })
            }
            _ => Err("a placeable is `{ $name }` or `{ \"text\" }`".into()),
        }
    }
}

/// The variables a pattern uses, in the order they first appear (a selection's own variable
/// before those in its variants).
pub fn variables(pattern: &Pattern) -> Vec<String> {
    fn walk(pattern: &Pattern, found: &mut Vec<String>) {
        for part in pattern {
            match part {
                Part::Text(_) => {}
                Part::Variable(name) => {
                    if !found.contains(name) {
                        found.push(name.clone());
                    }
                }
                Part::Select {
                    variable, variants, ..
                } => {
                    if !found.contains(variable) {
                        found.push(variable.clone());
                    }
                    for (_, variant) in variants {
                        walk(variant, found);
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(pattern, &mut found);
    found
}
