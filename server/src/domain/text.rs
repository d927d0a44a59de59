//! What free text may hold. Control characters are refused (but new lines and tabs), and so are
//! the invisible format characters that make text read other than it is: bidirectional
//! overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can turn "fdp.exe" into
//! "exe.pdf"), zero-width characters and marks, the soft hyphen and the byte-order mark.

/// Whether a text field refuses `c`.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r' && c != '\t') || invisible(c)
}

fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A search box's words, trimmed: at most 100 characters as sent.
pub fn search(raw: &str) -> Result<&str, catalogue::Text> {
    if longer_than(raw, 100) {
        return Err(catalogue::t::search_max());
    }
    Ok(raw.trim())
}

/// Whether `raw` is over `max` characters as sent, surrounding spaces included: the API's schema
/// states `maxLength` on the field as sent, so trimming must never turn a request the contract
/// refuses into one the server stores.
pub fn longer_than(raw: &str, max: usize) -> bool {
    raw.chars().count() > max
}

/// Whether a one-line field (a subject) refuses `c`: the same, and line breaks and tabs too.
pub fn forbidden_in_line(c: char) -> bool {
    forbidden(c) || matches!(c, '\n' | '\r' | '\t')
}

/// A LIKE pattern that finds `needle` anywhere, its `%`, `_` and `\\` taken literally (the
/// query says `ESCAPE '\\'`).
pub fn like_contains(needle: &str) -> String {
    let mut pattern = String::from("%");
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_like_pattern_takes_wildcards_literally() {
        assert_eq!(like_contains("AP-2026"), "%AP-2026%");
        assert_eq!(like_contains("50%_x\\"), "%50\\%\\_x\\\\%");
    }

    #[test]
    fn text_that_lies_is_refused_and_ordinary_italian_is_not() {
        for c in ['\u{202E}', '\u{2066}', '\u{200B}', '\u{FEFF}', '\u{0007}'] {
            assert!(forbidden(c), "{c:?}");
        }
        for c in "È già l'ora: caffè, però… «sì» – 10 €\n\t".chars() {
            assert!(!forbidden(c), "{c:?}");
        }
        assert!(forbidden_in_line('\r') && forbidden_in_line('\n'));
    }
}
