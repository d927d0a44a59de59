//! Recapiti: what an e-mail address must be to be written to, and how it is shown half hidden
//! ("m•••@example.it") where others may be looking at the screen.

use catalogue::{t, Text};

/// The longest address SMTP carries (RFC 5321: 254 octets in a path).
pub const EMAIL_MAX: usize = 254;

/// An address people type: one `@`, a local part of at most 64 characters, a domain with a
/// dot and no empty label; ASCII only (what every mail server delivers), no spaces or quotes.
/// Kept as typed, trimmed (the domain lower-cased).
pub fn parse_email(raw: &str) -> Result<String, Text> {
    let email = raw.trim();
    if email.is_empty() {
        return Err(t::contacts_email_empty());
    }
    if super::text::longer_than(raw, EMAIL_MAX) {
        return Err(t::contacts_email_too_long(EMAIL_MAX));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(t::contacts_email_invalid());
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || "._%+-!#$&'*/=?^`{|}~".contains(c);
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && local.chars().all(allowed)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().count() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    if !local_ok || !domain_ok || email.chars().any(super::text::forbidden) {
        return Err(t::contacts_email_invalid());
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// "m•••@example.it": the first character of the local part, the domain whole.
pub fn mask(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_people_use_are_accepted() {
        for (raw, kept) in [
            (" mario.rossi@Example.IT ", "mario.rossi@example.it"),
            (
                "studio+inps@pec.studio-verdi.it",
                "studio+inps@pec.studio-verdi.it",
            ),
        ] {
            assert_eq!(parse_email(raw).as_deref(), Ok(kept), "{raw}");
        }
    }

    #[test]
    fn what_cannot_be_written_to_is_refused() {
        for raw in [
            "",
            "mario",
            "mario@",
            "@example.it",
            "mario@example",
            "mario rossi@example.it",
            "mario@@example.it",
            ".mario@example.it",
            "mario..rossi@example.it",
            "mario@-example.it",
            "mario@example..it",
            "mario\u{202E}@example.it",
            "lucìa@esempio.it",
            &format!("{}@example.it", "a".repeat(65)),
            &format!("a@{}.it", "b".repeat(250)),
        ] {
            assert!(parse_email(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn a_masked_address_shows_the_first_letter_and_the_domain() {
        assert_eq!(mask("mario.rossi@example.it"), "m•••@example.it");
    }
}
