//! CSV for the spreadsheets offices use: UTF-8 with a BOM (so Excel reads the accents), `;`
//! between cells (the list separator of an Italian Excel), CRLF between rows, every cell
//! quoted, and a cell that a spreadsheet would run as a formula made plain text.

/// The byte order mark that tells a spreadsheet the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell: quoted, quotes doubled; `=`, `+`, `-`, `@` (and tab or carriage return) at the
/// start get a leading apostrophe, so that text someone typed is never computed (OWASP CSV
/// injection).
pub fn cell(text: &str) -> String {
    let risky = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let text = text.replace('"', "\"\"");
    if risky {
        format!("\"'{text}\"")
    } else {
        format!("\"{text}\"")
    }
}

/// One row, ended by CRLF.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(";");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_are_kept_as_text() {
        assert_eq!(cell("Mario Rossi"), "\"Mario Rossi\"");
        assert_eq!(cell("Sede \"centrale\""), "\"Sede \"\"centrale\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+39 347"), "\"'+39 347\"");
        assert_eq!(cell("-1"), "\"'-1\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("a;b\nc"), "\"a;b\nc\"");
    }

    #[test]
    fn a_row_is_separated_by_semicolons_and_ends_with_crlf() {
        assert_eq!(row(&["a", "b"]), "\"a\";\"b\"\r\n");
    }
}
