//! The API's integration tests: one binary, a fresh database per test. They run on SQLite, and
//! on PostgreSQL too when TEST_DATABASE_URL names a server where they may create databases.

mod accounts;
mod agenda;
mod attachments;
mod communications;
mod contacts;
mod contributors;
mod core;
mod durability;
mod helpers;
mod ids;
mod input;
mod limits;
mod login_page;
mod management;
mod moves;
mod notify;
mod office_agenda;
mod oidc;
mod public_pages;
mod raw_http;
mod security;
mod session;
mod smtp;
mod static_files;
mod two_servers;
mod waitlist;
mod wire;
