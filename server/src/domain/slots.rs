//! The slot engine: the bookable times of one office and consultation point, from its weekly
//! opening hours, minus weekends, national holidays, the city's patron saint and closures, in
//! Europe/Rome wall time (daylight saving included), from the next working day to 30 days ahead.

use super::calendar::{is_closed_day, next_working_day};
use super::rome;
use api::Instant;
use jiff::civil::{Date, Time};
use jiff::ToSpan;

/// How far ahead bookings open: today plus this many days.
pub const HORIZON_DAYS: i64 = 30;

/// One line of a weekly timetable: on `weekday` (1 = Monday … 7 = Sunday) from `start` to
/// `end` (minutes after midnight), slots of `slot_minutes`, each for `capacity` people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub weekday: i8,
    pub start: i32,
    pub end: i32,
    pub slot_minutes: i32,
    pub capacity: i64,
}

/// A period when the office (or one of its points) is closed, as instants.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Closure {
    pub starts_at: Instant,
    pub ends_at: Instant,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: Instant,
    pub end: Instant,
    pub capacity: i64,
}

/// The first and last bookable day seen from `now`.
pub fn window(now: Instant, patron: Option<&str>) -> (Date, Date) {
    let today = rome::date_of(now);
    (
        next_working_day(today, patron),
        today.checked_add(HORIZON_DAYS.days()).expect("in range"),
    )
}

fn instant(day: Date, minutes: i32) -> Option<Instant> {
    let time = Time::new((minutes / 60) as i8, (minutes % 60) as i8, 0, 0).ok()?;
    rome::at(day, time)
}

/// The slots of the days from `from` to `to` (both included), by day, earliest first. Slots
/// never overlap and never leave the opening hours: a template line that would overlap an
/// earlier slot loses the overlapping slots.
pub fn slots(
    templates: &[Template],
    patron: Option<&str>,
    closures: &[Closure],
    from: Date,
    to: Date,
) -> Vec<(Date, Vec<Slot>)> {
    let mut days = Vec::new();
    let mut day = from;
    while day <= to {
        if !is_closed_day(day, patron) {
            let weekday = day.weekday().to_monday_one_offset();
            let mut found: Vec<Slot> = Vec::new();
            for t in templates
                .iter()
                .filter(|t| t.weekday == weekday && t.slot_minutes > 0 && t.capacity > 0)
            {
                let mut minute = t.start;
                while minute + t.slot_minutes <= t.end {
                    if let (Some(start), Some(end)) =
                        (instant(day, minute), instant(day, minute + t.slot_minutes))
                    {
                        let closed = closures
                            .iter()
                            .any(|c| start < c.ends_at && c.starts_at < end);
                        if !closed {
                            found.push(Slot {
                                start,
                                end,
                                capacity: t.capacity,
                            });
                        }
                    }
                    minute += t.slot_minutes;
                }
            }
            found.sort_by_key(|s| s.start);
            let mut kept: Vec<Slot> = Vec::with_capacity(found.len());
            for slot in found {
                if kept.last().is_none_or(|last| last.end <= slot.start) {
                    kept.push(slot);
                }
            }
            if !kept.is_empty() {
                days.push((day, kept));
            }
        }
        match day.checked_add(1.day()) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn weekdays(start: i32, end: i32, len: i32) -> Vec<Template> {
        (1..=5)
            .map(|weekday| Template {
                weekday,
                start,
                end,
                slot_minutes: len,
                capacity: 2,
            })
            .collect()
    }

    fn hhmm(at: Instant) -> String {
        rome::instant(at)[11..16].to_string()
    }

    #[test]
    fn a_morning_of_half_hours_gives_eight_slots() {
        let days = slots(
            &weekdays(8 * 60 + 30, 12 * 60 + 30, 30),
            None,
            &[],
            date(2026, 3, 2),
            date(2026, 3, 2),
        );
        let (_, day) = &days[0];
        assert_eq!(day.len(), 8);
        assert_eq!(hhmm(day[0].start), "08:30");
        assert_eq!(hhmm(day[7].end), "12:30");
    }

    #[test]
    fn weekends_holidays_and_the_patron_saint_have_no_slots() {
        let t = weekdays(9 * 60, 10 * 60, 30);
        // Sat 4 and Sun 5 April, Easter Monday 6 April 2026.
        assert!(slots(&t, None, &[], date(2026, 4, 4), date(2026, 4, 6)).is_empty());
        // 29 June 2026 is a Monday: closed in Rome, open in Milan.
        assert!(slots(&t, Some("06-29"), &[], date(2026, 6, 29), date(2026, 6, 29)).is_empty());
        assert_eq!(
            slots(&t, Some("12-07"), &[], date(2026, 6, 29), date(2026, 6, 29)).len(),
            1
        );
    }

    #[test]
    fn the_week_of_the_march_change_keeps_wall_times() {
        // Daylight saving starts on Sunday 29 March 2026.
        let days = slots(
            &weekdays(9 * 60, 9 * 60 + 30, 30),
            None,
            &[],
            date(2026, 3, 27),
            date(2026, 3, 30),
        );
        assert_eq!(days.len(), 2);
        assert_eq!(
            rome::instant(days[0].1[0].start),
            "2026-03-27T09:00:00+01:00"
        );
        assert_eq!(
            rome::instant(days[1].1[0].start),
            "2026-03-30T09:00:00+02:00"
        );
        assert_eq!(days[1].1[0].start - days[0].1[0].start, 3 * 86_400 - 3600);
    }

    #[test]
    fn the_week_of_the_october_change_keeps_wall_times() {
        // Daylight saving ends on Sunday 25 October 2026.
        let days = slots(
            &weekdays(15 * 60, 15 * 60 + 30, 30),
            None,
            &[],
            date(2026, 10, 23),
            date(2026, 10, 26),
        );
        assert_eq!(
            rome::instant(days[0].1[0].start),
            "2026-10-23T15:00:00+02:00"
        );
        assert_eq!(
            rome::instant(days[1].1[0].start),
            "2026-10-26T15:00:00+01:00"
        );
    }

    #[test]
    fn a_closure_removes_the_slots_it_touches() {
        let t = weekdays(9 * 60, 11 * 60, 30);
        let day = date(2026, 3, 3);
        let from = instant(day, 9 * 60 + 45).unwrap();
        let to = instant(day, 10 * 60 + 30).unwrap();
        let days = slots(
            &t,
            None,
            &[Closure {
                starts_at: from,
                ends_at: to,
            }],
            day,
            day,
        );
        let times: Vec<String> = days[0].1.iter().map(|s| hhmm(s.start)).collect();
        assert_eq!(times, ["09:00", "10:30"]);
    }

    #[test]
    fn the_window_opens_the_next_working_day_and_closes_thirty_days_ahead() {
        // Friday 24 April 2026, noon in Rome.
        let now = instant(date(2026, 4, 24), 12 * 60).unwrap();
        assert_eq!(window(now, None), (date(2026, 4, 27), date(2026, 5, 24)));
    }

    proptest! {
        #[test]
        fn slots_never_overlap_nor_leave_opening_hours(
            lines in proptest::collection::vec((1i8..=7, 6 * 60..18 * 60i32, 15..240i32, prop::sample::select(vec![10, 15, 20, 30, 45, 60])), 1..6),
            start_day in 0i64..365,
            span in 0i64..40,
        ) {
            let templates: Vec<Template> = lines
                .iter()
                .map(|&(weekday, start, length, slot_minutes)| Template { weekday, start, end: (start + length).min(20 * 60), slot_minutes, capacity: 1 })
                .collect();
            let from = date(2026, 1, 1).checked_add(start_day.days()).unwrap();
            let to = from.checked_add(span.days()).unwrap();
            for (day, list) in slots(&templates, Some("06-29"), &[], from, to) {
                prop_assert!(!is_closed_day(day, Some("06-29")));
                for pair in list.windows(2) {
                    prop_assert!(pair[0].end <= pair[1].start, "overlap on {day}");
                }
                for slot in &list {
                    prop_assert_eq!(rome::date_of(slot.start), day);
                    let inside = templates.iter().any(|t| {
                        t.weekday == day.weekday().to_monday_one_offset()
                            && instant(day, t.start).unwrap() <= slot.start
                            && slot.end <= instant(day, t.end).unwrap()
                    });
                    prop_assert!(inside, "slot outside opening hours on {day}");
                }
            }
        }
    }
}
