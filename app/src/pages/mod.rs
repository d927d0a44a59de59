//! One module per screen.

pub mod appointment;
pub mod appointments;
pub mod booking;
pub mod communications;
pub mod contacts;
pub mod contributors;
pub mod home;
pub mod office;
pub mod office_agenda;
pub mod office_booking;
pub mod office_contributor;
pub mod office_reports;
pub mod office_search;
pub mod office_stats;
pub mod office_week;
pub mod studio;
pub mod waitlist;
