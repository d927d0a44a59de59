//! Which days the offices are closed by law: Italian national holidays (Easter Monday computed
//! each year) and the patron saint's day of the office's city.

use jiff::civil::{date, Date, Weekday};
use jiff::ToSpan;

/// Easter Sunday of `year` (Gregorian calendar; the "anonymous" algorithm of Meeus).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as i8, day as i8)
}

/// The national holidays of `year`.
pub fn national_holidays(year: i16) -> Vec<Date> {
    let mut days: Vec<Date> = [
        (1, 1),   // Capodanno
        (1, 6),   // Epifania
        (4, 25),  // Festa della Liberazione
        (5, 1),   // Festa del Lavoro
        (6, 2),   // Festa della Repubblica
        (8, 15),  // Ferragosto
        (11, 1),  // Ognissanti
        (12, 8),  // Immacolata Concezione
        (12, 25), // Natale
        (12, 26), // Santo Stefano
    ]
    .into_iter()
    .map(|(m, d)| date(year, m, d))
    .collect();
    // San Francesco d'Assisi, a national holiday again from 2026 (legge 151/2025).
    if year >= 2026 {
        days.push(date(year, 10, 4));
    }
    days.push(easter(year).checked_add(1.day()).expect("in range"));
    days
}

/// A patron saint's day, as "MM-DD".
pub fn patron_day(year: i16, month_day: &str) -> Option<Date> {
    let (m, d) = month_day.split_once('-')?;
    Date::new(year, m.parse().ok()?, d.parse().ok()?).ok()
}

/// Whether offices are closed on `day` by law (weekends, national holidays, the patron saint).
pub fn is_closed_day(day: Date, patron: Option<&str>) -> bool {
    matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
        || national_holidays(day.year()).contains(&day)
        || patron.and_then(|p| patron_day(day.year(), p)) == Some(day)
}

/// The first working day after `today`.
pub fn next_working_day(today: Date, patron: Option<&str>) -> Date {
    let mut day = today.checked_add(1.day()).expect("in range");
    while is_closed_day(day, patron) {
        day = day.checked_add(1.day()).expect("in range");
    }
    day
}

/// The last working day before `today`.
pub fn previous_working_day(today: Date, patron: Option<&str>) -> Date {
    let mut day = today.checked_sub(1.day()).expect("in range");
    while is_closed_day(day, patron) {
        day = day.checked_sub(1.day()).expect("in range");
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_working_day_skips_weekends_and_holidays() {
        // Monday 7 December 2026 → Friday 4; Wednesday 9 → Monday 7 (8 is the Immacolata).
        assert_eq!(
            previous_working_day(date(2026, 12, 7), None),
            date(2026, 12, 4)
        );
        assert_eq!(
            previous_working_day(date(2026, 12, 9), None),
            date(2026, 12, 7)
        );
        // Rome's patron (29 June 2026, a Monday): Tuesday 30 → Friday 26.
        assert_eq!(
            previous_working_day(date(2026, 6, 30), Some("06-29")),
            date(2026, 6, 26)
        );
    }

    #[test]
    fn easter_falls_on_known_dates() {
        assert_eq!(easter(2024), date(2024, 3, 31));
        assert_eq!(easter(2025), date(2025, 4, 20));
        assert_eq!(easter(2026), date(2026, 4, 5));
        assert_eq!(easter(2027), date(2027, 3, 28));
        assert_eq!(easter(2038), date(2038, 4, 25));
    }

    #[test]
    fn easter_monday_is_a_holiday() {
        assert!(national_holidays(2026).contains(&date(2026, 4, 6)));
        assert!(is_closed_day(date(2026, 4, 6), None));
    }

    #[test]
    fn the_patron_saint_closes_only_that_city() {
        let san_pietro = date(2026, 6, 29); // a Monday
        assert!(is_closed_day(san_pietro, Some("06-29")));
        assert!(!is_closed_day(san_pietro, Some("12-07")));
    }

    #[test]
    fn the_next_working_day_skips_weekends_and_holidays() {
        // Friday 24 April 2026 → Monday 27 (25 April is a Saturday anyway).
        assert_eq!(next_working_day(date(2026, 4, 24), None), date(2026, 4, 27));
        // Thursday 31 December 2026 → Friday 1 January is a holiday → Monday 4 January 2027.
        assert_eq!(next_working_day(date(2026, 12, 31), None), date(2027, 1, 4));
        // Friday 3 April 2026 → Monday 6 is Easter Monday → Tuesday 7.
        assert_eq!(next_working_day(date(2026, 4, 3), None), date(2026, 4, 7));
    }

    #[test]
    fn san_francesco_is_a_holiday_from_2026() {
        assert!(national_holidays(2026).contains(&date(2026, 10, 4)));
        assert!(!national_holidays(2025).contains(&date(2025, 10, 4)));
    }
}
