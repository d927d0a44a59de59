//! Login throttling: after `MAX_FAILURES` wrong passwords in a row for a username, further
//! attempts are refused for a short time that doubles with each new failure, up to a cap. The
//! lock is short at first so that the real user, who mistyped, is not shut out for long; the
//! doubling makes guessing hopeless all the same.

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

/// "Riprova tra 2 minuti.": the wait, rounded up, in words.
pub fn wait_in_words(seconds: i64) -> String {
    if seconds <= 60 {
        "Riprova tra un minuto.".to_string()
    } else {
        format!("Riprova tra {} minuti.", (seconds + 59) / 60)
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
    fn the_wait_is_said_in_minutes() {
        assert_eq!(wait_in_words(30), "Riprova tra un minuto.");
        assert_eq!(wait_in_words(61), "Riprova tra 2 minuti.");
        assert_eq!(wait_in_words(900), "Riprova tra 15 minuti.");
    }
}
