//! Dates, times and sizes in English, from the same API strings as `it` (Europe/Rome wall
//! times, as the API writes them): "Monday 1 December 2026, 9:30" beside "lunedì 1° dicembre
//! 2026, ore 9:30". The first step of English (issue 25): the pages and letters that speak it
//! call these where the Italian ones call `it`.

use crate::it::{day_before, parse_date, weekday};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// "12 March 2026" from "2026-03-12" (or from an instant's date part).
pub fn date(text: &str) -> String {
    match parse_date(text) {
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        None => text.to_string(),
    }
}

/// "Thursday 12 March 2026".
pub fn date_with_weekday(text: &str) -> String {
    match parse_date(text) {
        Some((y, m, d)) => format!("{} {}", WEEKDAYS[weekday(y, m, d)], date(text)),
        None => text.to_string(),
    }
}

/// "9:30" from "2026-03-12T09:30:00+01:00" (the 24-hour clock, as the Institute writes it;
/// no leading zero, as English does).
pub fn time(instant: &str) -> String {
    let hhmm = instant.get(11..16).unwrap_or_default();
    hhmm.strip_prefix('0').unwrap_or(hhmm).to_string()
}

/// "12 March 2026, 9:30".
pub fn date_time(instant: &str) -> String {
    format!("{}, {}", date(instant), time(instant))
}

/// A period `[starts_at, ends_at)` as `it::period` says it: "Thursday 10 December 2026, all
/// day", "from Monday 14 to Friday 18 December 2026" (whole days, the last one included),
/// "Thursday 10 December 2026, 9:00 to 11:30", or from one time to another.
pub fn period(starts_at: &str, ends_at: &str) -> String {
    let midnight = |t: &str| t.get(11..16) == Some("00:00");
    let (from, to) = (
        starts_at.get(..10).unwrap_or_default(),
        ends_at.get(..10).unwrap_or_default(),
    );
    if midnight(starts_at) && midnight(ends_at) {
        if let Some(last) = day_before(to) {
            if last == from {
                return format!("{}, all day", date_with_weekday(from));
            }
            return format!(
                "from {} to {}",
                date_with_weekday(from),
                date_with_weekday(&last)
            );
        }
    }
    if from == to {
        return format!(
            "{}, {} to {}",
            date_with_weekday(from),
            time(starts_at),
            time(ends_at)
        );
    }
    format!(
        "from {}, {} to {}, {}",
        date_with_weekday(from),
        time(starts_at),
        date_with_weekday(to),
        time(ends_at)
    )
}

/// "820 bytes", "48 kB", "2.4 MB": `it::size_in_words` with the decimal point.
pub fn size_in_words(bytes: u64) -> String {
    let italian = crate::it::size_in_words(bytes);
    match italian.strip_suffix(" byte") {
        Some(n) => format!("{n} bytes"),
        None => italian.replace(',', "."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_english_with_the_same_calendar() {
        assert_eq!(date("2026-03-12"), "12 March 2026");
        assert_eq!(date_with_weekday("2026-12-01"), "Tuesday 1 December 2026");
        assert_eq!(date_with_weekday("2024-02-29"), "Thursday 29 February 2024");
        assert_eq!(
            date_time("2026-12-07T09:30:00+01:00"),
            "7 December 2026, 9:30"
        );
        assert_eq!(time("2026-12-07T14:05:00+01:00"), "14:05");
        assert_eq!(date("not a date"), "not a date");
    }

    #[test]
    fn periods_read_as_people_say_them() {
        assert_eq!(
            period("2026-12-10T00:00:00+01:00", "2026-12-11T00:00:00+01:00"),
            "Thursday 10 December 2026, all day"
        );
        assert_eq!(
            period("2026-12-14T00:00:00+01:00", "2026-12-19T00:00:00+01:00"),
            "from Monday 14 December 2026 to Friday 18 December 2026"
        );
        assert_eq!(
            period("2026-12-10T09:00:00+01:00", "2026-12-10T11:30:00+01:00"),
            "Thursday 10 December 2026, 9:00 to 11:30"
        );
    }

    #[test]
    fn sizes_take_the_decimal_point() {
        assert_eq!(size_in_words(820), "820 bytes");
        assert_eq!(size_in_words(2_400_000), "2.3 MB");
        assert_eq!(size_in_words(48_213), "48 kB");
    }
}
