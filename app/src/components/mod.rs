//! Reusable pieces of the interface.

pub mod error_summary;
pub mod field;
pub mod filters;
pub mod heading;
pub mod loaded;
pub mod mail_notice;
pub mod pager;
pub mod request_appointment;
pub mod session_warning;
pub mod shell;
pub mod status;
