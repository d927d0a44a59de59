//! How long the service keeps what it keeps: the periods its own jobs delete by, and the ones the
//! Informativa sul trattamento dei dati personali states (`info::privacy` reads them from here,
//! and `server/tests/api/public_pages.rs` fails when the page and these part ways). Seconds.

/// A day.
pub const DAY: i64 = 86_400;

/// Failed login attempts (for throttling): a day after the last one, once no lock holds.
pub const LOGIN_ATTEMPTS: i64 = DAY;
/// The keys that make a repeated Prenota or Sposta answer the first one's result.
pub const IDEMPOTENCY_KEYS: i64 = DAY;
/// A SPID/CIE login under way (its state, nonce and PKCE verifier): used or not, it goes.
pub const SPID_CIE_LOGINS: i64 = 10 * 60;
/// The record of an e-mail notice (which, to whom, whether delivered), once dealt with.
pub const NOTICES: i64 = 90 * DAY;
/// Valuta il servizio's ratings and comments.
pub const RATINGS: i64 = 2 * 365 * DAY;
/// Accessibility reports: long enough for the answer, an escalation to AgID and its outcome.
pub const ACCESSIBILITY_REPORTS: i64 = 2 * 365 * DAY;
/// The fingerprint of the network address an accessibility report came from (to limit abuse).
pub const REPORT_SENDERS: i64 = DAY;
/// A thread closed by the office, its messages, attachments, appointments and their timelines:
/// the Institute's record of the procedure (ten years, the ordinary limitation period of the
/// claims it documents, art. 2946 c.c.), counted from the thread's last message or the end of
/// its last appointment, whichever is later.
pub const RECORDS: i64 = 10 * 365 * DAY;

/// A period in whole units, the largest that divides it: what the notice says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Years(i64),
    Days(i64),
    Hours(i64),
    Minutes(i64),
}

pub fn period(seconds: i64) -> Period {
    if seconds % (365 * DAY) == 0 {
        Period::Years(seconds / (365 * DAY))
    } else if seconds % DAY == 0 {
        Period::Days(seconds / DAY)
    } else if seconds % 3600 == 0 {
        Period::Hours(seconds / 3600)
    } else {
        Period::Minutes(seconds / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_said_in_its_largest_whole_unit() {
        assert_eq!(period(RECORDS), Period::Years(10));
        assert_eq!(period(NOTICES), Period::Days(90));
        assert_eq!(period(DAY), Period::Days(1));
        assert_eq!(period(12 * 3600), Period::Hours(12));
        assert_eq!(period(SPID_CIE_LOGINS), Period::Minutes(10));
    }
}
