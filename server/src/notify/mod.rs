//! Notifications by e-mail through a transactional outbox: the notice is an `outbox` row written
//! in the transaction of the change that owes it (`agenda::workflow::apply`, an office answer
//! in `communications`), so a rolled-back change owes nothing; the worker delivers it afterwards.

pub mod mailer;
pub mod outbox;
pub mod worker;

use crate::domain::notices::ReminderPolicy;
use std::sync::OnceLock;

static REMINDERS: OnceLock<ReminderPolicy> = OnceLock::new();

/// Set once at start from the flags; the default until then (tests).
pub fn set_reminder_policy(policy: ReminderPolicy) {
    let _ = REMINDERS.set(policy);
}

pub fn reminder_policy() -> ReminderPolicy {
    REMINDERS.get().copied().unwrap_or_default()
}
