//! Every sentence the service writes, in one file per language (`it.ftl`, `en.ftl`, Fluent
//! syntax), keyed by the generated [`Key`]. A sentence travels as a [`Text`] (its key and its
//! arguments) from where it is decided to where it is shown, and becomes words only there, in
//! the reader's language: the server renders an error in the language of the request, a
//! notice in its recipient's, the app in the one the person chose.

pub mod syntax;

use std::borrow::Cow;
use std::sync::OnceLock;
use syntax::{Part, Pattern};

include!(concat!(env!("OUT_DIR"), "/keys.rs"));

/// The app's sentences in Italian, compiled into every build (Italian is the default).
pub const APP_ITALIAN: &str = include_str!("../app/it.ftl");
/// The app's sentences in English: the server serves them, the app fetches them when English
/// is the language.
#[cfg(feature = "server")]
pub const APP_ENGLISH: &str = include_str!("../app/en.ftl");
/// The server's own sentences (errors, letters, calendar files): compiled into the server only.
#[cfg(feature = "server")]
pub const SERVER_ITALIAN: &str = include_str!("../server/it.ftl");
#[cfg(feature = "server")]
pub const SERVER_ENGLISH: &str = include_str!("../server/en.ftl");

/// A value a sentence takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Str(Cow<'static, str>),
    /// A count: chooses the plural form, and is written with the language's digits.
    Num(i64),
    /// Another sentence, rendered in the same language (a status inside a sentence).
    Text(Box<Text>),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Str(Cow::Owned(value.to_string()))
    }
}
impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Str(Cow::Owned(value))
    }
}
impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Str(Cow::Owned(value.clone()))
    }
}
impl From<Text> for Arg {
    fn from(value: Text) -> Self {
        Arg::Text(Box::new(value))
    }
}
macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Num(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
numbers!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

/// A sentence not yet in words: its key and its arguments in the order of
/// [`Key::variables`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub key: Key,
    pub args: Vec<Arg>,
}

impl Text {
    pub fn new(key: Key, args: Vec<Arg>) -> Text {
        Text { key, args }
    }

    /// The sentence in Italian (tests, logs).
    pub fn italian(&self) -> String {
        Catalogue::italian().render(self)
    }

    /// Words kept as they are in every language: what people wrote, and sentences stored
    /// before the catalogues existed.
    pub fn verbatim(text: impl Into<String>) -> Text {
        t::verbatim(text.into())
    }
}

/// A `String` where a [`Text`] is expected is taken as it is (see [`Text::verbatim`]): the
/// catalogue test finds the Italian literals that still travel this way.
impl From<String> for Text {
    fn from(value: String) -> Self {
        Text::verbatim(value)
    }
}
impl From<&String> for Text {
    fn from(value: &String) -> Self {
        Text::verbatim(value.clone())
    }
}
impl From<&Text> for Text {
    fn from(value: &Text) -> Self {
        value.clone()
    }
}
impl From<&str> for Text {
    fn from(value: &str) -> Self {
        Text::verbatim(value)
    }
}

/// One language's messages, by key.
#[derive(Debug)]
pub struct Catalogue {
    patterns: Vec<Option<Pattern>>,
    /// CLDR's "one" category; Italian and English agree: exactly 1.
    plural_one: fn(i64) -> bool,
}

/// A catalogue that does not fit the keys: a message the keys do not know, or one whose
/// variables differ from the Italian's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueError(pub String);

impl std::fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Catalogue {
    /// Reads a catalogue and checks it against the keys: every message it has must be a key
    /// with the same variables. A key it lacks is rendered from Italian (the tests see to it
    /// that none is lacking).
    pub fn parse(text: &str) -> Result<Catalogue, CatalogueError> {
        Catalogue::parse_all(&[text])
    }

    /// Reads several files into one catalogue (the app's and the server's).
    pub fn parse_all(texts: &[&str]) -> Result<Catalogue, CatalogueError> {
        let mut messages = Vec::new();
        for text in texts {
            let source = syntax::parse(text).map_err(|error| CatalogueError(error.to_string()))?;
            messages.extend(source.messages);
        }
        let mut patterns: Vec<Option<Pattern>> = vec![None; Key::ALL.len()];
        for (id, pattern) in messages {
            let Some(key) = Key::ALL.iter().find(|key| key.id() == id) else {
                return Err(CatalogueError(format!("`{id}` is not a key")));
            };
            let mut theirs = syntax::variables(&pattern);
            let mut ours: Vec<String> = key.variables().iter().map(|v| v.to_string()).collect();
            theirs.sort();
            ours.sort();
            if theirs != ours {
                return Err(CatalogueError(format!(
                    "`{id}` uses {theirs:?}, the keys say {ours:?}"
                )));
            }
            patterns[*key as usize] = Some(pattern);
        }
        Ok(Catalogue {
            patterns,
            plural_one: |n| n == 1,
        })
    }

    /// The keys this catalogue has no message for.
    pub fn missing(&self) -> Vec<Key> {
        Key::ALL
            .iter()
            .copied()
            .filter(|key| self.patterns[*key as usize].is_none())
            .collect()
    }

    /// The Italian catalogue, read once: the app's sentences, and the server's in the server.
    pub fn italian() -> &'static Catalogue {
        static ITALIAN: OnceLock<Catalogue> = OnceLock::new();
        #[cfg(feature = "server")]
        let sources = [APP_ITALIAN, SERVER_ITALIAN];
        #[cfg(not(feature = "server"))]
        let sources = [APP_ITALIAN];
        ITALIAN.get_or_init(|| Catalogue::parse_all(&sources).expect("it.ftl fits the keys"))
    }

    /// The English catalogue, read once.
    #[cfg(feature = "server")]
    pub fn english() -> &'static Catalogue {
        static ENGLISH: OnceLock<Catalogue> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            Catalogue::parse_all(&[APP_ENGLISH, SERVER_ENGLISH]).expect("en.ftl fits the keys")
        })
    }

    /// A message without variables, as the `'static` text it is (labels kept in
    /// `&'static str` fields). Italian when this catalogue lacks it; empty for a message with
    /// variables.
    pub fn plain(&'static self, key: Key) -> &'static str {
        let pattern = match &self.patterns[key as usize] {
            Some(pattern) => pattern,
            None => match &Catalogue::italian().patterns[key as usize] {
                Some(pattern) => pattern,
                None => return "",
            },
        };
        match pattern.as_slice() {
            [Part::Text(words)] => words,
            _ => "",
        }
    }

    /// The sentence in this language.
    pub fn render(&self, text: &Text) -> String {
        let mut out = String::new();
        self.render_into(text, &mut out);
        out
    }

    fn render_into(&self, text: &Text, out: &mut String) {
        let (catalogue, pattern) = match &self.patterns[text.key as usize] {
            Some(pattern) => (self, pattern),
            None => {
                let italian = Catalogue::italian();
                match &italian.patterns[text.key as usize] {
                    Some(pattern) => (italian, pattern),
                    None => return,
                }
            }
        };
        catalogue.write(pattern, text, out);
    }

    fn arg<'t>(text: &'t Text, name: &str) -> Option<&'t Arg> {
        let position = text.key.variables().iter().position(|v| *v == name)?;
        text.args.get(position)
    }

    fn write(&self, pattern: &Pattern, text: &Text, out: &mut String) {
        for part in pattern {
            match part {
                Part::Text(words) => out.push_str(words),
                Part::Variable(name) => match Self::arg(text, name) {
                    Some(Arg::Str(value)) => out.push_str(value),
                    Some(Arg::Num(n)) => out.push_str(&n.to_string()),
                    Some(Arg::Text(inner)) => self.render_into(inner, out),
                    None => {}
                },
                Part::Select {
                    variable,
                    variants,
                    default,
                } => {
                    let chosen = match Self::arg(text, variable) {
                        Some(Arg::Num(n)) => {
                            let exact = n.to_string();
                            let category = if (self.plural_one)(*n) {
                                "one"
                            } else {
                                "other"
                            };
                            variants
                                .iter()
                                .position(|(key, _)| *key == exact)
                                .or_else(|| variants.iter().position(|(key, _)| key == category))
                        }
                        Some(Arg::Str(value)) => variants.iter().position(|(key, _)| key == value),
                        _ => None,
                    }
                    .unwrap_or(*default);
                    self.write(&variants[chosen].1, text, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_takes_its_arguments_in_either_language() {
        let text = t::contacts_email_too_long(254);
        assert_eq!(
            Catalogue::italian().render(&text),
            "L'indirizzo e-mail può contenere al massimo 254 caratteri."
        );
        #[cfg(feature = "server")]
        assert_eq!(
            Catalogue::english().render(&text),
            "The email address can be at most 254 characters long."
        );
    }

    #[test]
    fn a_catalogue_must_fit_the_keys() {
        assert_eq!(
            Catalogue::parse("no-such-message = Ciao\n").unwrap_err(),
            CatalogueError("`no-such-message` is not a key".into())
        );
        assert_eq!(
            Catalogue::parse("contacts-email-too-long = Al massimo { $count }\n").unwrap_err(),
            CatalogueError(
                "`contacts-email-too-long` uses [\"count\"], the keys say [\"max\"]".into()
            )
        );
        let partial = Catalogue::parse("error-busy = Occupato.\n").unwrap();
        assert!(partial.missing().contains(&Key::ErrorNotFound));
        // A key a catalogue lacks is said in Italian rather than not at all.
        assert_eq!(
            partial.render(&t::error_not_found()),
            "La risorsa richiesta non esiste."
        );
    }

    #[test]
    fn literal_braces_and_nested_sentences() {
        assert_eq!(
            Catalogue::italian().render(&t::request_body_not_object()),
            "il corpo deve essere un oggetto JSON ({…})."
        );
        assert_eq!(
            Catalogue::italian().render(&t::error_bad_request(t::request_field_missing("text"))),
            "La richiesta non è valida: manca il campo «text»."
        );
    }

    #[cfg(feature = "server")]
    #[test]
    fn the_italian_catalogue_fits_the_keys() {
        assert!(Catalogue::italian().missing().is_empty());
    }
}
