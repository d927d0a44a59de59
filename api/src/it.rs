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

fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// Monday = 0, from Howard Hinnant's days-from-civil.
fn weekday(year: i32, month: u32, day: u32) -> usize {
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

/// "12 marzo 2026, ore 10:30".
pub fn date_time(instant: &str) -> String {
    format!("{}, ore {}", date(instant), time(instant))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
