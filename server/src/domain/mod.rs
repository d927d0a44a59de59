//! The rules, in plain Rust: no HTTP, no SQL. Handlers parse into these types and ask them.
//! Nothing here imports the rest of the crate but `api` (the architecture test checks it).

pub mod attachment;
pub mod booking;
pub mod calendar;
pub mod chart;
pub mod closure;
pub mod communication;
pub mod contacts;
pub mod csv;
pub mod eligibility;
pub mod feedback;
pub mod history;
pub mod limits;
pub mod login;
pub mod notices;
pub mod oidc;
pub mod retention;
pub mod rome;
pub mod slots;
pub mod speech;
pub mod stats;
pub mod text;
pub mod texts;
pub mod transition;
pub mod waitlist;
