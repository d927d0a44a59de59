//! The service's time zone. Dates the user sees and date rules ("30 days after sending") are
//! Europe/Rome, daylight saving included; instants are stored as Unix seconds (`Instant`).

use api::Instant;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::sync::OnceLock;

pub fn tz() -> &'static TimeZone {
    static TZ: OnceLock<TimeZone> = OnceLock::new();
    TZ.get_or_init(|| TimeZone::get("Europe/Rome").expect("bundled tzdb has Europe/Rome"))
}

fn timestamp(at: Instant) -> Timestamp {
    Timestamp::from_second(at.seconds()).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The calendar day in Rome at `at`.
pub fn date_of(at: Instant) -> Date {
    timestamp(at).to_zoned_datetime(tz().clone()).date()
}

/// Rome's wall clock at `at`.
pub fn wall_clock(at: Instant) -> jiff::civil::DateTime {
    tz().to_datetime(timestamp(at))
}

/// The instant Rome's wall clock shows `time` on `day`, if it ever does.
pub fn at(day: Date, time: jiff::civil::Time) -> Option<Instant> {
    tz().to_timestamp(day.to_datetime(time))
        .ok()
        .map(|t| Instant(t.as_second()))
}

/// The instant a Rome calendar day begins.
pub fn start_of_day(day: Date) -> Instant {
    at(day, jiff::civil::Time::midnight()).unwrap_or_default()
}

/// Parses an RFC 3339 instant (any offset).
pub fn parse_instant(text: &str) -> Option<Instant> {
    text.trim()
        .parse::<Timestamp>()
        .ok()
        .map(|t| Instant(t.as_second()))
}

/// RFC 3339 with Rome's offset at that instant: "2026-03-12T10:30:00+01:00".
pub fn instant(at: Instant) -> String {
    timestamp(at)
        .to_zoned_datetime(tz().clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// RFC 3339 in UTC, as the session's expiry is written.
pub fn utc(at: Instant) -> String {
    timestamp(at).strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The years a date given to the service may fall in: wide enough for any history or plan,
/// narrow enough that every day has a day before and after it.
pub const YEARS: std::ops::RangeInclusive<i16> = 2000..=2100;

/// A calendar day written `AAAA-MM-GG`, within `YEARS`; otherwise the reason.
pub fn parse_date(raw: &str) -> Result<Date, catalogue::Text> {
    // Exactly AAAA-MM-GG: a date with spaces around it is not one (the OpenAPI `format: date`).
    let date = raw
        .parse::<Date>()
        .map_err(|_| catalogue::t::date_invalid())?;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(catalogue::t::date_out_of_range())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_far_from_now_are_refused_with_a_reason() {
        assert!(parse_date("2026-03-03").is_ok());
        assert!(parse_date("9999-12-31")
            .unwrap_err()
            .italian()
            .contains("2000"));
        assert!(parse_date("0001-01-01").is_err());
        assert!(parse_date("2026-02-30")
            .unwrap_err()
            .italian()
            .contains("AAAA-MM-GG"));
    }

    #[test]
    fn instants_carry_rome_offset_in_winter_and_summer() {
        // 2026-01-15 09:00 UTC and 2026-07-15 09:00 UTC
        assert_eq!(instant(Instant(1_768_467_600)), "2026-01-15T10:00:00+01:00");
        assert_eq!(instant(Instant(1_784_106_000)), "2026-07-15T11:00:00+02:00");
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_rome() {
        // 2026-03-11 23:30 UTC is 2026-03-12 00:30 in Rome.
        assert_eq!(date_of(Instant(1_773_271_800)).to_string(), "2026-03-12");
    }
}
