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

use api::Instant;

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
}
