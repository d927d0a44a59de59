//! Login throttling: after `MAX_FAILURES` attempts in a row for a username from one client
//! address, further attempts from that address are refused for a short time that doubles with
//! each new failure, up to a cap; other addresses are not concerned, so nobody can lock a person
//! out from elsewhere. The lock is short at first so that the real user, who mistyped, is not
//! shut out for long; the doubling makes guessing hopeless all the same. An address that fails
//! for many usernames (spraying) is slowed down, never refused.

use crate::domain::limits::wait_in_words;
use crate::error::AppError;
use api::ErrorCode;

/// Failures tolerated before the account is throttled.
pub const MAX_FAILURES: i64 = 5;
/// Failures older than this are forgotten.
pub const FAILURE_WINDOW: i64 = 15 * 60;
const FIRST_LOCK: i64 = 60;
const LONGEST_LOCK: i64 = 15 * 60;

/// How long logins stay refused after the `failures`-th failure in a row.
pub fn lock_seconds(failures: i64) -> i64 {
    if failures < MAX_FAILURES {
        return 0;
    }
    let doublings = (failures - MAX_FAILURES).min(10) as u32;
    (FIRST_LOCK << doublings).min(LONGEST_LOCK)
}

/// SQL: `lock_seconds` of the integer expression `failures`, for the statement that counts an
/// attempt and locks in one step.
pub fn lock_seconds_sql(failures: &str) -> String {
    let mut sql = format!("CASE WHEN {failures} < {MAX_FAILURES} THEN 0");
    let mut n = MAX_FAILURES;
    while lock_seconds(n) < LONGEST_LOCK {
        sql.push_str(&format!(" WHEN {failures} = {n} THEN {}", lock_seconds(n)));
        n += 1;
    }
    sql.push_str(&format!(" ELSE {LONGEST_LOCK} END"));
    sql
}

/// Failures from one address (any username) tolerated before its attempts are slowed.
pub const ADDRESS_FAILURES: i64 = 20;
const LONGEST_DELAY_MS: u64 = 8_000;

/// How long an attempt from an address with `failures` recent failures waits before its
/// password is checked: nothing up to `ADDRESS_FAILURES`, then 250 ms doubling to 8 s.
pub fn address_delay_ms(failures: i64) -> u64 {
    if failures < ADDRESS_FAILURES {
        return 0;
    }
    let doublings = (failures - ADDRESS_FAILURES).min(10) as u32;
    (250u64 << doublings).min(LONGEST_DELAY_MS)
}

/// The 429 of a locked username or address, with how long to wait.
pub fn too_many_attempts(wait: i64) -> AppError {
    AppError::TooManyRequests {
        code: ErrorCode::TooManyAttempts,
        message: catalogue::t::login_too_many_attempts(wait_in_words(wait)),
        retry_after: wait,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_failures_do_not_lock() {
        assert_eq!(lock_seconds(4), 0);
    }

    #[test]
    fn the_fifth_failure_locks_for_a_minute_and_each_next_one_doubles() {
        assert_eq!(lock_seconds(5), 60);
        assert_eq!(lock_seconds(6), 120);
        assert_eq!(lock_seconds(7), 240);
    }

    #[test]
    fn the_lock_never_exceeds_fifteen_minutes() {
        assert_eq!(lock_seconds(9), 900);
        assert_eq!(lock_seconds(1000), 900);
    }

    #[test]
    fn the_sql_lock_is_the_same_rule() {
        let sql = lock_seconds_sql("f");
        assert!(sql.starts_with("CASE WHEN f < 5 THEN 0 WHEN f = 5 THEN 60 WHEN f = 6 THEN 120"));
        assert!(sql.ends_with("ELSE 900 END"));
    }

    #[test]
    fn an_address_failing_for_many_usernames_is_slowed_not_refused() {
        assert_eq!(address_delay_ms(19), 0);
        assert_eq!(address_delay_ms(20), 250);
        assert_eq!(address_delay_ms(21), 500);
        assert_eq!(address_delay_ms(1000), 8_000);
    }
}
