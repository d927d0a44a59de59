//! Limits that stop abuse without stopping people: numbers a real contributor never meets,
//! each refused with a 429 that says when to try again.

/// New threads per contributor in 24 hours.
pub const THREADS_PER_DAY: i64 = 30;
/// Messages from the contributor's side per thread in an hour.
pub const MESSAGES_PER_HOUR: i64 = 30;
/// Holds given up (released or left to expire) per contributor in an hour: booking places
/// and letting them go is how inventory is denied to others (OWASP OAT-021).
pub const GIVEN_UP_HOLDS_PER_HOUR: i64 = 10;
/// The same for an intermediary, across all the contributors they act for.
pub const GIVEN_UP_HOLDS_PER_HOUR_STUDIO: i64 = 30;

pub const DAY: i64 = 86_400;
pub const HOUR: i64 = 3_600;

use api::{ErrorCode, Instant};
use catalogue::{t, Text};

/// What was counted in a sliding window: how many, and when the oldest of them happened.
#[derive(Clone, Copy, Debug, Default, sqlx::FromRow)]
pub struct Recent {
    pub n: i64,
    pub oldest: Option<Instant>,
}

/// `Ok` while under `limit`; otherwise the seconds until the oldest leaves the window.
pub fn check(recent: Recent, limit: i64, window: i64, now: Instant) -> Result<(), i64> {
    if recent.n < limit {
        return Ok(());
    }
    Err(recent.oldest.map_or(window, |t| t + window - now).max(1))
}

/// A limit reached: what the 429 says, and when to try again.
#[derive(Debug, PartialEq, Eq)]
pub struct Exceeded {
    pub code: ErrorCode,
    pub message: Text,
    pub retry_after: i64,
}

fn exceeded(code: ErrorCode, why: Text, wait: i64) -> Exceeded {
    Exceeded {
        code,
        message: t::limit_exceeded(why, wait_in_words(wait)),
        retry_after: wait,
    }
}

/// At most `THREADS_PER_DAY` new threads per contributor.
pub fn threads(recent: Recent, now: Instant) -> Result<(), Exceeded> {
    check(recent, THREADS_PER_DAY, DAY, now).map_err(|wait| {
        exceeded(
            ErrorCode::TooManyCommunications,
            t::limit_threads(THREADS_PER_DAY),
            wait,
        )
    })
}

/// At most `MESSAGES_PER_HOUR` messages from the contributor's side per thread.
pub fn messages(recent: Recent, now: Instant) -> Result<(), Exceeded> {
    check(recent, MESSAGES_PER_HOUR, HOUR, now).map_err(|wait| {
        exceeded(
            ErrorCode::TooManyMessages,
            t::limit_messages(MESSAGES_PER_HOUR),
            wait,
        )
    })
}

/// At most `limit` holds given up in an hour (a contributor's, or a studio's).
pub fn given_up_holds(recent: Recent, limit: i64, now: Instant) -> Result<(), Exceeded> {
    check(recent, limit, HOUR, now).map_err(|wait| {
        exceeded(
            ErrorCode::TooManyReleasedHolds,
            t::limit_given_up_holds(limit),
            wait,
        )
    })
}

/// "Riprova tra 2 minuti.": the wait, rounded up, in words.
pub fn wait_in_words(seconds: i64) -> Text {
    if seconds <= 90 * 60 {
        t::limit_retry_minutes(((seconds + 59) / 60).max(1))
    } else {
        t::limit_retry_hours((seconds + 3599) / 3600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_refuses_at_n_plus_one_and_says_when_to_retry() {
        let recent = |n| Recent {
            n,
            oldest: Some(Instant(1_000)),
        };
        assert_eq!(check(recent(9), 10, HOUR, Instant(2_000)), Ok(()));
        assert_eq!(check(recent(10), 10, HOUR, Instant(2_000)), Err(2_600));
        assert_eq!(check(recent(10), 10, HOUR, Instant(4_600)), Err(1));
    }

    #[test]
    fn the_wait_is_said_in_minutes() {
        assert_eq!(wait_in_words(30).italian(), "Riprova tra un minuto.");
        assert_eq!(wait_in_words(61).italian(), "Riprova tra 2 minuti.");
        assert_eq!(wait_in_words(900).italian(), "Riprova tra 15 minuti.");
    }

    #[test]
    fn a_limit_reached_says_why_and_when() {
        let full = Recent {
            n: THREADS_PER_DAY,
            oldest: Some(Instant(0)),
        };
        let refused = threads(full, Instant(DAY - 120)).unwrap_err();
        assert_eq!(refused.code, ErrorCode::TooManyCommunications);
        assert_eq!(refused.retry_after, 120);
        let said = refused.message.italian();
        assert!(said.ends_with("Riprova tra 2 minuti."), "{said}");
        assert_eq!(messages(Recent::default(), Instant(0)), Ok(()));
    }
}
