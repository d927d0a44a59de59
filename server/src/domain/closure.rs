//! What an office's closure must be: a day, part of a day or a period, from today on, with a
//! reason; and how many people may be on duty. Times are Rome's wall clock.

use super::rome;
use api::{Code, Instant, OfficeId, PointCode};
use catalogue::{t, Text};
use jiff::civil::{Date, Time};
use jiff::ToSpan;
use std::collections::BTreeMap;

/// The longest period one closure may cover.
pub const MAX_DAYS: i64 = 366;
pub const MAX_CAPACITY: i64 = 50;

/// A closure as days and optional times, checked; `span` turns it into instants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosureSpec {
    pub from: Date,
    pub to: Date,
    /// Part of a single day.
    pub hours: Option<(Time, Time)>,
    pub reason: String,
}

fn date(raw: &str, field: &str, errors: &mut BTreeMap<String, Text>) -> Option<Date> {
    if raw.trim().is_empty() {
        let which = if field == "to" {
            t::closure_to_empty()
        } else {
            t::closure_from_empty()
        };
        errors.insert(field.into(), which);
        return None;
    }
    rome::parse_date(raw)
        .map_err(|e| errors.insert(field.into(), e))
        .ok()
}

fn time(raw: Option<&str>, field: &str, errors: &mut BTreeMap<String, Text>) -> Option<Time> {
    let raw = raw.unwrap_or_default().trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = Time::strptime("%H:%M", raw).ok();
    if parsed.is_none() {
        errors.insert(field.into(), t::time_invalid());
    }
    parsed
}

/// Checks a closure against `today` (Rome): every problem, per field.
pub fn parse(
    from: &str,
    to: &str,
    start_time: Option<&str>,
    end_time: Option<&str>,
    reason: &str,
    today: Date,
) -> Result<ClosureSpec, BTreeMap<String, Text>> {
    let mut errors = BTreeMap::new();
    let from = date(from, "from", &mut errors);
    let to = date(to, "to", &mut errors);
    let start = time(start_time, "start_time", &mut errors);
    let end = time(end_time, "end_time", &mut errors);
    if let Some(problem) = reason_problem(reason) {
        errors.insert("reason".into(), problem);
    }
    check_days(from, to, today, &mut errors);
    let blank = |t: Option<&str>| t.unwrap_or_default().trim().is_empty();
    let hours = hours(
        (start, blank(start_time)),
        (end, blank(end_time)),
        &mut errors,
    );
    if hours.is_some() && from.is_some() && from != to {
        errors.insert("start_time".into(), t::closure_hours_one_day());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ClosureSpec {
        from: from.expect("checked"),
        to: to.expect("checked"),
        hours,
        reason: reason.trim().to_string(),
    })
}

/// What is wrong with a closure's reason, if anything (the length counts it as sent).
fn reason_problem(raw: &str) -> Option<Text> {
    let reason = raw.trim();
    if reason.is_empty() {
        Some(t::closure_reason_empty())
    } else if super::text::longer_than(raw, 500) {
        Some(t::booking_reason_too_long(500))
    } else if reason.chars().any(super::text::forbidden) {
        Some(t::booking_reason_forbidden())
    } else {
        None
    }
}

/// From today on, in order, at most a year.
fn check_days(
    from: Option<Date>,
    to: Option<Date>,
    today: Date,
    errors: &mut BTreeMap<String, Text>,
) {
    if from.is_some_and(|from| from < today) {
        errors.insert("from".into(), t::closure_from_past());
    }
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.insert("to".into(), t::closure_to_before_from());
        } else if (to - from).get_days() as i64 >= MAX_DAYS {
            errors.insert("to".into(), t::closure_too_long());
        }
    }
}

/// Part of a day: both times, the end after the start; none for whole days. Each time with
/// whether its field was left blank (a blank one is not a mistake, a bad one already is).
fn hours(
    (start, start_blank): (Option<Time>, bool),
    (end, end_blank): (Option<Time>, bool),
    errors: &mut BTreeMap<String, Text>,
) -> Option<(Time, Time)> {
    match (start, end) {
        (Some(s), Some(e)) if s >= e => {
            errors.insert("end_time".into(), t::closure_end_before_start());
            None
        }
        (Some(s), Some(e)) => Some((s, e)),
        (Some(_), None) if end_blank => {
            errors.insert("end_time".into(), t::closure_end_missing());
            None
        }
        (None, Some(_)) if start_blank => {
            errors.insert("start_time".into(), t::closure_start_missing());
            None
        }
        _ => None,
    }
}

impl ClosureSpec {
    /// The instants it covers, by Rome's wall clock (daylight saving included).
    pub fn span(&self) -> Option<(Instant, Instant)> {
        match self.hours {
            Some((start, end)) => Some((rome::at(self.from, start)?, rome::at(self.from, end)?)),
            None => Some((
                rome::start_of_day(self.from),
                rome::start_of_day(self.to.checked_add(1.day()).ok()?),
            )),
        }
    }
}

/// A closure of one office, as it is stored: one point or all (`point` None), as instants.
pub struct ValidClosure {
    pub office: OfficeId,
    pub point: Option<PointCode>,
    pub starts_at: Instant,
    pub ends_at: Instant,
    pub reason: String,
}

/// A closure ending before `now` closes nothing.
pub fn not_past(ends_at: Instant, now: Instant) -> Result<(), Text> {
    if ends_at <= now {
        Err(t::closure_past())
    } else {
        Ok(())
    }
}

/// The point a closure names: none (absent or empty) for all of them, else a known code,
/// spaces around it forgiven.
pub fn parse_point(raw: Option<&Code<PointCode>>) -> Result<Option<PointCode>, Text> {
    match raw {
        None => Ok(None),
        Some(Code::Known(point)) => Ok(Some(*point)),
        Some(Code::Unknown(text)) if text.trim().is_empty() => Ok(None),
        Some(Code::Unknown(text)) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| t::closure_point_or_all()),
    }
}

/// The day whose capacity changes: today or later.
pub fn parse_capacity_day(raw: &str, today: Date) -> Result<Date, Text> {
    let day = rome::parse_date(raw)?;
    if day < today {
        return Err(t::capacity_day_past());
    }
    Ok(day)
}

/// The people on duty for a point on one day: 1 to 50.
pub fn parse_capacity(capacity: i64) -> Result<i64, Text> {
    if (1..=MAX_CAPACITY).contains(&capacity) {
        Ok(capacity)
    } else {
        Err(t::capacity_out_of_range(MAX_CAPACITY))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    const TODAY: Date = d(2026, 3, 2);

    #[test]
    fn a_day_a_part_of_a_day_and_a_period() {
        let day = parse("2026-03-03", "2026-03-03", None, None, "Sciopero", TODAY).unwrap();
        assert_eq!(
            (day.from, day.to, day.hours),
            (d(2026, 3, 3), d(2026, 3, 3), None)
        );
        let part = parse(
            "2026-03-03",
            "2026-03-03",
            Some("09:00"),
            Some("11:30"),
            "Assemblea",
            TODAY,
        )
        .unwrap();
        assert_eq!(
            part.hours,
            Some((Time::constant(9, 0, 0, 0), Time::constant(11, 30, 0, 0)))
        );
        let period = parse("2026-03-09", "2026-03-20", None, None, "Lavori", TODAY).unwrap();
        assert_eq!(period.to, d(2026, 3, 20));
    }

    #[test]
    fn bad_closures_are_refused_field_by_field() {
        for (from, to, start, end, reason, field) in [
            ("2026-03-01", "2026-03-01", None, None, "x", "from"),
            ("2026-03-05", "2026-03-04", None, None, "x", "to"),
            ("ieri", "2026-03-04", None, None, "x", "from"),
            (
                "2026-03-03",
                "2026-03-03",
                Some("11:00"),
                Some("10:00"),
                "x",
                "end_time",
            ),
            (
                "2026-03-03",
                "2026-03-03",
                Some("11:00"),
                None,
                "x",
                "end_time",
            ),
            (
                "2026-03-03",
                "2026-03-03",
                Some("25:00"),
                Some("26:00"),
                "x",
                "start_time",
            ),
            (
                "2026-03-03",
                "2026-03-05",
                Some("09:00"),
                Some("10:00"),
                "x",
                "start_time",
            ),
            ("2026-03-03", "2026-03-03", None, None, " ", "reason"),
            ("2026-03-03", "2027-03-10", None, None, "x", "to"),
        ] {
            let errors = parse(from, to, start, end, reason, TODAY).unwrap_err();
            assert!(
                errors.contains_key(field),
                "{from} {to} {start:?} {end:?}: {errors:?}"
            );
        }
    }

    #[test]
    fn a_part_of_a_day_is_its_hours_and_a_period_runs_to_the_end_of_its_last_day() {
        let part = parse(
            "2026-03-03",
            "2026-03-03",
            Some("09:00"),
            Some("11:30"),
            "x",
            TODAY,
        )
        .unwrap()
        .span()
        .unwrap();
        assert_eq!(rome::instant(part.0), "2026-03-03T09:00:00+01:00");
        assert_eq!(rome::instant(part.1), "2026-03-03T11:30:00+01:00");
        let period = parse("2026-03-27", "2026-03-29", None, None, "x", TODAY)
            .unwrap()
            .span()
            .unwrap();
        assert_eq!(rome::instant(period.1), "2026-03-30T00:00:00+02:00");
    }

    #[test]
    fn capacity_is_between_one_and_fifty() {
        assert!(parse_capacity(0).is_err());
        assert!(parse_capacity(51).is_err());
        assert_eq!(parse_capacity(3), Ok(3));
    }
}
