//! Reusable pieces of the interface.

pub mod error_summary;
pub mod heading;
pub mod session_warning;
pub mod shell;
