//! Lista d'attesa: who may wait for which place, when a freed place is offered and for how
//! long, and what an entry's range must be. The workflow applies these under its locks.

use super::rome;
use api::{Instant, PartOfDay, WaitlistStatus};
use jiff::civil::Date;

/// An offer holds the place for this long (by day; see `offer_until`).
pub const OFFER_SECONDS: i64 = 2 * 3600;
/// An offer always leaves at least this long to answer; a place starting sooner is not offered.
pub const MIN_ANSWER_SECONDS: i64 = 3600;
/// Between the offer's end and the start, at least this long: time to get there.
pub const BEFORE_START_SECONDS: i64 = 2 * 3600;
/// Nobody is asked to answer at night: an offer made in the evening or at night lasts until
/// this hour of the morning (Rome).
const MORNING_HOUR: i8 = 10;
const NIGHT_FROM_HOUR: i8 = 20;
const NIGHT_UNTIL_HOUR: i8 = 8;
/// Mornings end at 13:00 (Rome).
const AFTERNOON_FROM_MINUTE: i32 = 13 * 60;

/// Whether a place starting at `start` is in the part of the day the person asked for.
pub fn in_part(part: Option<PartOfDay>, start: Instant) -> bool {
    let time = rome::wall_clock(start);
    let minute = i32::from(time.hour()) * 60 + i32::from(time.minute());
    match part {
        None => true,
        Some(PartOfDay::Mattina) => minute < AFTERNOON_FROM_MINUTE,
        Some(PartOfDay::Pomeriggio) => minute >= AFTERNOON_FROM_MINUTE,
    }
}

/// Whether a timetable has any slot in `part` of the day: a wait for an afternoon at an office
/// that receives only in the morning could never end. Slots start at `start`, then every
/// `slot_minutes` while they fit before `end`.
pub fn serves_part(templates: &[super::slots::Template], part: Option<PartOfDay>) -> bool {
    templates.iter().any(|t| {
        let step = t.slot_minutes.max(1);
        let last_start = t.end - step;
        match part {
            None => last_start >= t.start,
            Some(PartOfDay::Mattina) => t.start < AFTERNOON_FROM_MINUTE && t.start <= last_start,
            Some(PartOfDay::Pomeriggio) => last_start >= AFTERNOON_FROM_MINUTE.max(t.start),
        }
    })
}

/// The refusal of a part of the day the office does not serve at that point.
pub fn part_not_served(part: PartOfDay) -> catalogue::Text {
    match part {
        PartOfDay::Mattina => catalogue::t::waitlist_no_mornings(),
        PartOfDay::Pomeriggio => catalogue::t::waitlist_mornings_only(),
    }
}

/// The engine's days with each slot's free places, as `places::free_slots` reads them.
pub type FreeDays = [(Date, Vec<(super::slots::Slot, i64)>)];

/// For each day the office receives on: the parts of the day it serves, and those a wait would
/// be taken for (no place in them that is free and could still be offered, as `join` checks).
pub fn waitable_days(days: &FreeDays, now: Instant) -> Vec<(Date, Vec<PartOfDay>, Vec<PartOfDay>)> {
    days.iter()
        .filter_map(|(day, list)| {
            let served: Vec<PartOfDay> = PartOfDay::ALL
                .iter()
                .copied()
                .filter(|p| list.iter().any(|(s, _)| in_part(Some(*p), s.start)))
                .collect();
            let waitable = served
                .iter()
                .copied()
                .filter(|p| {
                    !list.iter().any(|(s, free)| {
                        *free > 0
                            && in_part(Some(*p), s.start)
                            && offer_until(s.start, now).is_some()
                    })
                })
                .collect();
            (!served.is_empty()).then_some((*day, served, waitable))
        })
        .collect()
}

/// Whether the office receives in `part` on some day from `from` to `to`: a wait for days it
/// is closed could never end.
pub fn serves_between(days: &FreeDays, from: Date, to: Date, part: Option<PartOfDay>) -> bool {
    days.iter().any(|(day, list)| {
        (from..=to).contains(day) && list.iter().any(|(s, _)| in_part(part, s.start))
    })
}

/// An entry as the matching cares about it: the days (`first_at` included, `last_at`
/// excluded) and the part of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wish {
    pub first_at: Instant,
    pub last_at: Instant,
    pub part: Option<PartOfDay>,
}

impl Wish {
    pub fn wants(&self, start: Instant) -> bool {
        self.first_at <= start && start < self.last_at && in_part(self.part, start)
    }
}

/// Until when a place starting at `start`, freed at `now`, is held for the person it is
/// offered to; None if it is too late to offer it (not a future day, or no time to answer and
/// get there). Offers made at night last until the morning.
pub fn offer_until(start: Instant, now: Instant) -> Option<Instant> {
    if rome::date_of(start) <= rome::date_of(now) {
        return None;
    }
    let here = rome::wall_clock(now);
    let mut until = now + OFFER_SECONDS;
    if here.hour() >= NIGHT_FROM_HOUR || here.hour() < NIGHT_UNTIL_HOUR {
        let day = if here.hour() >= NIGHT_FROM_HOUR {
            here.date().tomorrow().ok()?
        } else {
            here.date()
        };
        until = until.max(rome::at(day, jiff::civil::time(MORNING_HOUR, 0, 0, 0))?);
    }
    let until = until.min(start - BEFORE_START_SECONDS);
    (until - now >= MIN_ANSWER_SECONDS).then_some(until)
}

/// The range of days of a new entry: inside the bookable window (`first`..=`last`), not
/// reversed. Errors name the field.
pub fn check_range(
    from: Date,
    to: Date,
    first: Date,
    last: Date,
    language: api::Language,
) -> Result<(), (&'static str, catalogue::Text)> {
    let long = |d: Date| super::speech::date(language, &d.to_string());
    if from < first {
        return Err(("from", catalogue::t::waitlist_from_too_early(long(first))));
    }
    if to > last {
        return Err(("to", catalogue::t::waitlist_to_too_late(long(last))));
    }
    if to < from {
        return Err(("to", catalogue::t::period_to_before_from()));
    }
    Ok(())
}

/// What becomes of an offered entry when its hold changes: accepted (confirmed), declined
/// (released), lapsed (expired). None for other changes.
pub fn after_offer(t: &super::transition::Transition) -> Option<WaitlistStatus> {
    use super::transition::Transition;
    match t {
        Transition::Confirm => Some(WaitlistStatus::Prenotato),
        Transition::Release | Transition::ReleaseForClosure { .. } => {
            Some(WaitlistStatus::Ritirata)
        }
        Transition::Expire => Some(WaitlistStatus::Scaduta),
        _ => None,
    }
}

#[cfg(test)]
mod part_tests {
    use super::*;
    use crate::domain::slots::Template;

    fn line(start: i32, end: i32) -> Template {
        Template {
            weekday: 1,
            start,
            end,
            slot_minutes: 30,
            capacity: 1,
        }
    }

    #[test]
    fn a_wait_is_only_for_a_part_of_the_day_the_office_serves() {
        let mornings = [line(8 * 60 + 30, 12 * 60)];
        assert!(serves_part(&mornings, None));
        assert!(serves_part(&mornings, Some(PartOfDay::Mattina)));
        assert!(!serves_part(&mornings, Some(PartOfDay::Pomeriggio)));
        // A last slot at 12:30 ends at 13:00: still the morning.
        assert!(!serves_part(
            &[line(9 * 60, 13 * 60)],
            Some(PartOfDay::Pomeriggio)
        ));
        assert!(serves_part(
            &[line(9 * 60, 13 * 60 + 30)],
            Some(PartOfDay::Pomeriggio)
        ));
        let afternoons = [line(14 * 60, 16 * 60)];
        assert!(!serves_part(&afternoons, Some(PartOfDay::Mattina)));
        assert!(!serves_part(&[], None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Instant {
        rome::parse_instant(text).unwrap()
    }

    #[test]
    fn mornings_end_at_one_in_rome_time() {
        assert!(in_part(
            Some(PartOfDay::Mattina),
            at("2026-03-03T12:30:00+01:00")
        ));
        assert!(!in_part(
            Some(PartOfDay::Mattina),
            at("2026-03-03T13:00:00+01:00")
        ));
        assert!(in_part(
            Some(PartOfDay::Pomeriggio),
            at("2026-07-03T14:00:00+02:00")
        ));
        assert!(!in_part(
            Some(PartOfDay::Pomeriggio),
            at("2026-07-03T09:00:00+02:00")
        ));
        assert!(in_part(None, at("2026-07-03T09:00:00+02:00")));
    }

    #[test]
    fn a_wish_takes_its_first_day_and_not_the_day_after_its_last() {
        let w = Wish {
            first_at: at("2026-03-03T00:00:00+01:00"),
            last_at: at("2026-03-05T00:00:00+01:00"),
            part: None,
        };
        assert!(w.wants(at("2026-03-03T08:30:00+01:00")));
        assert!(w.wants(at("2026-03-04T16:00:00+01:00")));
        assert!(!w.wants(at("2026-03-05T08:30:00+01:00")));
        assert!(!w.wants(at("2026-03-02T16:00:00+01:00")));
    }

    #[test]
    fn an_offer_by_day_lasts_two_hours() {
        let now = at("2026-03-02T09:00:00+01:00");
        let start = at("2026-03-03T08:30:00+01:00");
        assert_eq!(offer_until(start, now), Some(now + OFFER_SECONDS));
    }

    #[test]
    fn an_offer_at_night_lasts_until_ten_in_the_morning() {
        let start = at("2026-03-04T11:00:00+01:00");
        assert_eq!(
            offer_until(start, at("2026-03-02T22:15:00+01:00")),
            Some(at("2026-03-03T10:00:00+01:00"))
        );
        assert_eq!(
            offer_until(start, at("2026-03-03T06:00:00+01:00")),
            Some(at("2026-03-03T10:00:00+01:00"))
        );
    }

    #[test]
    fn an_offer_ends_two_hours_before_the_start_and_leaves_an_hour_to_answer() {
        // Evening offer for 08:30 next morning: until 06:30, not 10:00.
        let start = at("2026-03-03T08:30:00+01:00");
        assert_eq!(
            offer_until(start, at("2026-03-02T21:00:00+01:00")),
            Some(at("2026-03-03T06:30:00+01:00"))
        );
        // Freed at 05:45 for 08:30: 45 minutes to answer is too little.
        assert_eq!(offer_until(start, at("2026-03-03T05:45:00+01:00")), None);
    }

    fn slot(start: &str, free: i64) -> (crate::domain::slots::Slot, i64) {
        let start = at(start);
        (
            crate::domain::slots::Slot {
                start,
                end: start + 1800,
                capacity: 1,
            },
            free,
        )
    }

    #[test]
    fn a_day_is_waitable_for_the_parts_with_nothing_free_to_offer() {
        let now = at("2026-03-02T09:00:00+01:00");
        let d = |s: &str| s.parse::<Date>().unwrap();
        let days = vec![
            (
                d("2026-03-03"),
                vec![
                    slot("2026-03-03T09:00:00+01:00", 0),
                    slot("2026-03-03T14:00:00+01:00", 1),
                ],
            ),
            (d("2026-03-04"), vec![slot("2026-03-04T09:00:00+01:00", 0)]),
            // A holiday: no slots, not a served day.
            (d("2026-03-05"), vec![]),
        ];
        use PartOfDay::{Mattina, Pomeriggio};
        assert_eq!(
            waitable_days(&days, now),
            vec![
                (d("2026-03-03"), vec![Mattina, Pomeriggio], vec![Mattina]),
                (d("2026-03-04"), vec![Mattina], vec![Mattina]),
            ]
        );
        assert!(serves_between(
            &days,
            d("2026-03-04"),
            d("2026-03-05"),
            None
        ));
        assert!(!serves_between(
            &days,
            d("2026-03-04"),
            d("2026-03-05"),
            Some(Pomeriggio)
        ));
        assert!(!serves_between(
            &days,
            d("2026-03-05"),
            d("2026-03-05"),
            None
        ));
    }

    #[test]
    fn places_of_today_are_not_offered() {
        let now = at("2026-03-03T07:00:00+01:00");
        assert_eq!(offer_until(at("2026-03-03T16:00:00+01:00"), now), None);
    }

    #[test]
    fn night_offers_follow_the_clock_change() {
        // 28 March 2026 → 29 March (summer time): ten o'clock is 08:00 UTC.
        let start = at("2026-03-30T11:00:00+02:00");
        assert_eq!(
            offer_until(start, at("2026-03-28T23:00:00+01:00")),
            Some(at("2026-03-29T10:00:00+02:00"))
        );
    }

    #[test]
    fn the_range_stays_inside_the_window_and_in_order() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let (first, last) = (d("2026-03-03"), d("2026-04-01"));
        assert!(check_range(
            d("2026-03-03"),
            d("2026-03-10"),
            first,
            last,
            api::Language::It
        )
        .is_ok());
        assert_eq!(
            check_range(
                d("2026-03-02"),
                d("2026-03-10"),
                first,
                last,
                api::Language::It
            )
            .unwrap_err()
            .0,
            "from"
        );
        assert_eq!(
            check_range(
                d("2026-03-05"),
                d("2026-04-02"),
                first,
                last,
                api::Language::It
            )
            .unwrap_err()
            .0,
            "to"
        );
        let reversed = check_range(
            d("2026-03-10"),
            d("2026-03-05"),
            first,
            last,
            api::Language::It,
        )
        .unwrap_err();
        assert_eq!(reversed.0, "to");
        assert!(reversed.1.italian().contains("precedere"));
    }

    #[test]
    fn offers_end_as_accepted_declined_or_lapsed() {
        use crate::domain::transition::Transition;
        assert_eq!(
            after_offer(&Transition::Confirm),
            Some(WaitlistStatus::Prenotato)
        );
        assert_eq!(
            after_offer(&Transition::Release),
            Some(WaitlistStatus::Ritirata)
        );
        assert_eq!(
            after_offer(&Transition::Expire),
            Some(WaitlistStatus::Scaduta)
        );
        assert_eq!(after_offer(&Transition::Extend), None);
        assert!(WaitlistStatus::Offerta.is_live() && !WaitlistStatus::Scaduta.is_live());
    }
}
