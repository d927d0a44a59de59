//! Reusable pieces of the interface, and what two pages share.

pub mod attachments;
pub mod contact_fields;
pub mod contributor_search;
pub mod error_summary;
pub mod field;
pub mod filters;
pub mod get_form;
pub mod heading;
pub mod loaded;
pub mod mail_notice;
pub mod not_found;
pub mod office_search;
pub mod pager;
pub mod params;
pub mod rating;
pub mod reference_data;
pub mod request_appointment;
pub mod session_warning;
pub mod shell;
pub mod status;
pub mod submit;
pub mod thread_office;
