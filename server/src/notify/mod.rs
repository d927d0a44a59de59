//! Notifications by e-mail through a transactional outbox: the notice is an `outbox` row written
//! in the transaction of the change that owes it (`agenda::workflow::apply`, an office answer
//! in `communications`), so a rolled-back change owes nothing; the worker delivers it afterwards.

pub mod mailer;
pub mod outbox;
pub mod worker;
