//! Dates in Italian long form, computed from the API's own strings (`YYYY-MM-DD`, and RFC 3339
//! instants written with the Europe/Rome offset), so the app needs no time-zone database.

const MONTHS: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];
const WEEKDAYS: [&str; 7] = [
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
];

pub(crate) fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// Monday = 0, from Howard Hinnant's days-from-civil.
pub(crate) fn weekday(year: i32, month: u32, day: u32) -> usize {
    let y = if month <= 2 { year - 1 } else { year } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468; // 1970-01-01 was a Thursday
    ((days + 3).rem_euclid(7)) as usize
}

/// "12 marzo 2026" from "2026-03-12" (or from an instant's date part).
pub fn date(text: &str) -> String {
    match parse_date(text) {
        // The first of the month is an ordinal in Italian: "1° gennaio".
        Some((y, m, 1)) => format!("1° {} {y}", MONTHS[m as usize - 1]),
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        None => text.to_string(),
    }
}

/// "giovedì 12 marzo 2026".
pub fn date_with_weekday(text: &str) -> String {
    match parse_date(text) {
        Some((y, m, d)) => format!("{} {}", WEEKDAYS[weekday(y, m, d)], date(text)),
        None => text.to_string(),
    }
}

/// "10:30" from "2026-03-12T10:30:00+01:00".
pub fn time(instant: &str) -> String {
    instant.get(11..16).unwrap_or_default().to_string()
}

/// The day before `text`'s date, as `YYYY-MM-DD`.
pub(crate) fn day_before(text: &str) -> Option<String> {
    let (y, m, d) = parse_date(text)?;
    let (y, m, d) = if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        (y, m - 1, days[m as usize - 2])
    } else {
        (y - 1, 12, 31)
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A period `[starts_at, ends_at)` as people say it: "giovedì 10 dicembre 2026, tutto il
/// giorno", "dal lunedì 14 al venerdì 18 dicembre 2026" (whole days, the last one included),
/// "giovedì 10 dicembre 2026, dalle 09:00 alle 11:30", or from one time to another.
pub fn period(starts_at: &str, ends_at: &str) -> String {
    let midnight = |t: &str| time(t) == "00:00";
    let (from, to) = (
        starts_at.get(..10).unwrap_or_default(),
        ends_at.get(..10).unwrap_or_default(),
    );
    if midnight(starts_at) && midnight(ends_at) {
        if let Some(last) = day_before(to) {
            if last == from {
                return format!("{}, tutto il giorno", date_with_weekday(from));
            }
            return format!(
                "dal {} al {}",
                date_with_weekday(from),
                date_with_weekday(&last)
            );
        }
    }
    if from == to {
        return format!(
            "{}, dalle {} alle {}",
            date_with_weekday(from),
            time(starts_at),
            time(ends_at)
        );
    }
    format!(
        "dal {}, ore {} al {}, ore {}",
        date_with_weekday(from),
        time(starts_at),
        date_with_weekday(to),
        time(ends_at)
    )
}

/// "12 marzo 2026, ore 10:30".
pub fn date_time(instant: &str) -> String {
    format!("{}, ore {}", date(instant), time(instant))
}

/// Area codes of three digits (the rest have four, besides 02 and 06).
const AREA3: [&str; 26] = [
    "010", "011", "015", "030", "031", "035", "039", "040", "041", "045", "049", "050", "051",
    "055", "059", "070", "071", "075", "079", "080", "081", "089", "090", "091", "095", "099",
];

/// A telephone number as Italians write it, from the digits the API keeps: "347 123 4567",
/// "06 1234 5678", "0461 123456". Anything else is shown as it is.
pub fn phone(digits: &str) -> String {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.to_string();
    }
    let (head, rest) = match digits.as_bytes()[0] {
        b'3' => digits.split_at(3.min(digits.len())),
        b'0' if digits.starts_with("02") || digits.starts_with("06") => digits.split_at(2),
        b'0' if digits.len() > 3 && AREA3.contains(&&digits[..3]) => digits.split_at(3),
        b'0' if digits.len() > 4 => digits.split_at(4),
        _ => return digits.to_string(),
    };
    let tail = match rest.len() {
        0..=5 => rest.to_string(),
        6 | 7 => format!("{} {}", &rest[..3], &rest[3..]),
        n => format!("{} {}", &rest[..n - 4], &rest[n - 4..]),
    };
    if tail.is_empty() {
        head.to_string()
    } else {
        format!("{head} {tail}")
    }
}

/// A size as people read it: "820 byte", "48 kB", "2,4 MB", with the decimal comma and the
/// binary units the limits are set in (3 MB is 3 × 1024 × 1024 bytes), rounded up so that a
/// file over a limit never reads as within it.
pub fn size_in_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} byte")
    } else if bytes < MB {
        format!("{} kB", bytes.div_ceil(KB))
    } else {
        let tenths = (bytes * 10).div_ceil(MB);
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_file_manager_shows_them() {
        assert_eq!(size_in_words(820), "820 byte");
        assert_eq!(size_in_words(48_213), "48 kB");
        assert_eq!(size_in_words(2_400_000), "2,3 MB");
        assert_eq!(size_in_words(3 * 1024 * 1024), "3,0 MB");
        assert_eq!(size_in_words(3 * 1024 * 1024 + 1), "3,1 MB");
    }

    #[test]
    fn dates_read_in_italian() {
        assert_eq!(date("2026-03-12"), "12 marzo 2026");
        assert_eq!(date_with_weekday("2026-03-03"), "martedì 3 marzo 2026");
        assert_eq!(date_with_weekday("2026-11-26"), "giovedì 26 novembre 2026");
        assert_eq!(date_with_weekday("2024-02-29"), "giovedì 29 febbraio 2024");
        assert_eq!(date("2027-01-01"), "1° gennaio 2027");
        assert_eq!(date_with_weekday("2026-12-01"), "martedì 1° dicembre 2026");
    }

    #[test]
    fn an_instant_keeps_its_own_wall_time() {
        assert_eq!(
            date_time("2026-03-29T03:15:00+02:00"),
            "29 marzo 2026, ore 03:15"
        );
    }

    #[test]
    fn something_that_is_not_a_date_is_shown_as_it_is() {
        assert_eq!(date("ieri"), "ieri");
    }

    #[test]
    fn phone_numbers_are_grouped_as_written_in_italy() {
        assert_eq!(phone("3471234567"), "347 123 4567");
        assert_eq!(phone("347123456"), "347 123 456");
        assert_eq!(phone("0612345678"), "06 1234 5678");
        assert_eq!(phone("0287654321"), "02 8765 4321");
        assert_eq!(phone("0551234567"), "055 123 4567");
        assert_eq!(phone("0461123456"), "0461 123 456");
        assert_eq!(phone("06123"), "06 123");
        assert_eq!(phone("+39 06"), "+39 06");
    }

    #[test]
    fn a_period_reads_as_days_or_hours() {
        assert_eq!(
            period("2026-12-10T00:00:00+01:00", "2026-12-11T00:00:00+01:00"),
            "giovedì 10 dicembre 2026, tutto il giorno"
        );
        assert_eq!(
            period("2026-12-14T00:00:00+01:00", "2026-12-19T00:00:00+01:00"),
            "dal lunedì 14 dicembre 2026 al venerdì 18 dicembre 2026"
        );
        assert_eq!(
            period("2026-12-10T09:00:00+01:00", "2026-12-10T11:30:00+01:00"),
            "giovedì 10 dicembre 2026, dalle 09:00 alle 11:30"
        );
        assert_eq!(
            period("2026-12-31T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
            "giovedì 31 dicembre 2026, tutto il giorno"
        );
        assert_eq!(
            period("2026-02-28T00:00:00+01:00", "2026-03-01T00:00:00+01:00"),
            "sabato 28 febbraio 2026, tutto il giorno"
        );
        assert_eq!(
            period("2026-12-10T14:00:00+01:00", "2026-12-11T10:00:00+01:00"),
            "dal giovedì 10 dicembre 2026, ore 14:00 al venerdì 11 dicembre 2026, ore 10:00"
        );
    }
}
