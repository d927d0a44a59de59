//! What a login request must be before any query: both fields filled, and nothing no account
//! could be called (too long, or holding a control character PostgreSQL would refuse).

use super::communication::FieldErrors;
use catalogue::t;

/// Why a login is refused before its password is checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A field left empty (422).
    Fields(FieldErrors),
    /// No account has such a name or password: the same answer as wrong credentials.
    NoSuchAccount,
}

/// The username as accounts are keyed (trimmed, lower case), or why not.
pub fn check(username: &str, password: &str) -> Result<String, Refusal> {
    let mut fields = FieldErrors::new();
    if username.trim().is_empty() {
        fields.insert("username".to_string(), t::login_username_empty());
    }
    if password.is_empty() {
        fields.insert("password".to_string(), t::login_password_empty());
    }
    if !fields.is_empty() {
        return Err(Refusal::Fields(fields));
    }
    if username.len() > 100 || password.len() > 200 || username.chars().any(char::is_control) {
        return Err(Refusal::NoSuchAccount);
    }
    Ok(username.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_named_and_impossible_names_are_wrong_credentials() {
        match check(" ", "") {
            Err(Refusal::Fields(f)) => assert_eq!(f.len(), 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(check("a\u{0}b", "x"), Err(Refusal::NoSuchAccount));
        assert_eq!(check(&"a".repeat(101), "x"), Err(Refusal::NoSuchAccount));
        assert_eq!(
            check(" RSSMRA80A01H501U ", "x"),
            Ok("rssmra80a01h501u".into())
        );
    }
}
