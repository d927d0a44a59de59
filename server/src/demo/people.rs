//! Who the demo holds: its accounts, their e-mail addresses and delegations.

pub const PASSWORD: &str = "demo2026";

pub const ACCOUNTS_HELP: &str = "Account dimostrativi (password: demo2026):
  RSSMRA80A01H501U  Mario Rossi, artigiano, Roma (contribuente)
  BNCLCU85M41F205T  Lucia Bianchi, commerciante, Milano (contribuente)
  FRRGNN72T10F839E  Giovanni Ferri, artigiano, Napoli (contribuente)
  VRDGPP70C15L219C  Giuseppe Verdi, Studio Verdi (intermediario per Rossi e Bianchi)
  operatore.roma    operatore della Sede di Roma
  operatore.milano  operatore della Sede di Milano";

pub(super) const CONTRIBUTORS: &[(&str, &str, api::Category, &str)] = &[
    (
        "RSSMRA80A01H501U",
        "Mario Rossi",
        api::Category::Artigiano,
        "RM",
    ),
    (
        "BNCLCU85M41F205T",
        "Lucia Bianchi",
        api::Category::Commerciante,
        "MI",
    ),
    (
        "FRRGNN72T10F839E",
        "Giovanni Ferri",
        api::Category::Artigiano,
        "NA",
    ),
];

/// (username, name, office province)
pub(super) const OPERATORS: &[(&str, &str, &str)] = &[
    ("operatore.roma", "Anna Conti", "RM"),
    ("operatore.milano", "Paolo Greco", "MI"),
];

pub(super) const INTERMEDIARY: (&str, &str, &str) =
    ("VRDGPP70C15L219C", "Giuseppe Verdi", "Studio Verdi");
pub(super) const DELEGATORS: &[&str] = &["RSSMRA80A01H501U", "BNCLCU85M41F205T"];

pub(super) const EMAILS: &[(&str, &str)] = &[
    ("RSSMRA80A01H501U", "mario.rossi@example.it"),
    ("BNCLCU85M41F205T", "lucia.bianchi@example.it"),
    ("FRRGNN72T10F839E", "giovanni.ferri@example.it"),
    ("VRDGPP70C15L219C", "studio.verdi@example.it"),
];

pub(super) const DAY: i64 = 24 * 60 * 60;

/// A feature's refusal while loading, as the loader's error type.
pub(super) fn demo_error(error: crate::error::AppError) -> sqlx::Error {
    sqlx::Error::Protocol(error.to_string())
}
