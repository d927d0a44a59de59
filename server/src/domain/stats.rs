//! How the office is doing, from plain facts: appointments per day and point, the no-show
//! rate, how long the queue has waited, how fast the first answer came, the Lista d'attesa.
//! The repository reads the facts; the sums, rates and buckets are here.

use api::{AppointmentStatus, Instant, PointCode, WaitlistStatus};
use catalogue::Key;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// One appointment of the period: its day in Rome, point and status.
pub struct AppointmentFact {
    pub day: Date,
    pub point: PointCode,
    pub status: AppointmentStatus,
}

/// The counts of one day and point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Confirmed, attended or missed: the places the day really gave.
    pub appointments: i64,
    pub attended: i64,
    pub no_shows: i64,
    pub cancelled: i64,
}

impl Counts {
    fn add(&mut self, status: AppointmentStatus) {
        match status {
            AppointmentStatus::Confermato => self.appointments += 1,
            AppointmentStatus::Svolto => {
                self.appointments += 1;
                self.attended += 1;
            }
            AppointmentStatus::NonPresentato => {
                self.appointments += 1;
                self.no_shows += 1;
            }
            AppointmentStatus::Annullato => self.cancelled += 1,
            // Holds given up or expired never became appointments.
            _ => {}
        }
    }

    fn plus(self, other: Counts) -> Counts {
        Counts {
            appointments: self.appointments + other.appointments,
            attended: self.attended + other.attended,
            no_shows: self.no_shows + other.no_shows,
            cancelled: self.cancelled + other.cancelled,
        }
    }
}

/// Per day (only the days with something), per point in `points`' order.
pub fn per_day(facts: &[AppointmentFact], points: &[PointCode]) -> Vec<(Date, Vec<Counts>)> {
    let mut days: BTreeMap<Date, Vec<Counts>> = BTreeMap::new();
    for f in facts {
        let Some(i) = points.iter().position(|p| *p == f.point) else {
            continue;
        };
        let row = days
            .entry(f.day)
            .or_insert_with(|| vec![Counts::default(); points.len()]);
        row[i].add(f.status);
    }
    days.into_iter()
        .filter(|(_, row)| row.iter().any(|c| *c != Counts::default()))
        .collect()
}

/// The whole period's counts.
pub fn total(days: &[(Date, Vec<Counts>)]) -> Counts {
    days.iter()
        .flat_map(|(_, row)| row.iter().copied())
        .fold(Counts::default(), Counts::plus)
}

/// No-shows as a whole percentage of the attendances recorded; None before any.
pub fn no_show_rate(c: &Counts) -> Option<u32> {
    let recorded = c.attended + c.no_shows;
    (recorded > 0).then(|| ((c.no_shows * 100 + recorded / 2) / recorded) as u32)
}

/// How long the threads owed an answer have waited: the buckets' names and counts.
pub const AGE_BUCKETS: [(Key, i64); 4] = [
    (Key::WaitUnder2Days, 2),
    (Key::Wait2To7Days, 8),
    (Key::Wait8To30Days, 31),
    (Key::WaitOver30Days, i64::MAX),
];

pub fn age_buckets(awaiting_since: &[Instant], now: Instant) -> Vec<(Key, i64)> {
    let mut counts = vec![0; AGE_BUCKETS.len()];
    for since in awaiting_since {
        let days = (now.seconds() - since.seconds()).max(0) / 86_400;
        let i = AGE_BUCKETS
            .iter()
            .position(|(_, below)| days < *below)
            .unwrap_or(AGE_BUCKETS.len() - 1);
        counts[i] += 1;
    }
    AGE_BUCKETS
        .iter()
        .zip(counts)
        .map(|((name, _), n)| (*name, n))
        .collect()
}

/// The time to the first answer of the threads sent in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstAnswer {
    pub sent: i64,
    pub answered: i64,
    /// The median, in whole hours (rounded up: an answer in 10 minutes counts as 1 hour).
    pub median_hours: Option<i64>,
    /// Answered within two days of being sent.
    pub within_two_days: i64,
}

/// `threads`: each thread's sending and first answer, if any.
pub fn first_answer(threads: &[(Instant, Option<Instant>)]) -> FirstAnswer {
    let mut waits: Vec<i64> = threads
        .iter()
        .filter_map(|(sent, answer)| answer.map(|a| (a.seconds() - sent.seconds()).max(0)))
        .collect();
    waits.sort_unstable();
    let median = (!waits.is_empty()).then(|| {
        let mid = waits.len() / 2;
        let seconds = if waits.len().is_multiple_of(2) {
            (waits[mid - 1] + waits[mid]) / 2
        } else {
            waits[mid]
        };
        (seconds + 3_599) / 3_600
    });
    FirstAnswer {
        sent: threads.len() as i64,
        answered: waits.len() as i64,
        median_hours: median,
        within_two_days: waits.iter().filter(|w| **w <= 2 * 86_400).count() as i64,
    }
}

/// The Lista d'attesa's entries of the period by how they ended (or stand).
pub fn waitlist(statuses: &[WaitlistStatus]) -> Vec<(WaitlistStatus, i64)> {
    WaitlistStatus::ALL
        .iter()
        .map(|s| (*s, statuses.iter().filter(|x| *x == s).count() as i64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use AppointmentStatus::*;

    #[test]
    fn a_day_counts_what_it_gave_and_the_rate_is_of_what_was_recorded() {
        let points = [PointCode::Sportello, PointCode::Telefono];
        let fact = |d, point, status| AppointmentFact {
            day: date(2026, 12, d),
            point,
            status,
        };
        let facts = [
            fact(1, PointCode::Sportello, Svolto),
            fact(1, PointCode::Sportello, NonPresentato),
            fact(1, PointCode::Telefono, Confermato),
            fact(1, PointCode::Telefono, Annullato),
            fact(2, PointCode::Sportello, Svolto),
            fact(2, PointCode::Video, Svolto),
            fact(3, PointCode::Sportello, Scaduto),
        ];
        let days = per_day(&facts, &points);
        assert_eq!(
            days.len(),
            2,
            "a day with only an expired hold gave nothing"
        );
        assert_eq!(days[0].1[0].appointments, 2);
        assert_eq!(days[0].1[1].cancelled, 1);
        let all = total(&days);
        assert_eq!(
            (all.appointments, all.attended, all.no_shows, all.cancelled),
            (4, 2, 1, 1)
        );
        assert_eq!(no_show_rate(&all), Some(33));
        assert_eq!(no_show_rate(&Counts::default()), None);
    }

    #[test]
    fn waits_fall_in_buckets_and_the_median_first_answer_is_in_hours() {
        let now = Instant(100 * 86_400);
        let ago = |days: i64| Instant(now.seconds() - days * 86_400);
        let buckets = age_buckets(&[ago(0), ago(1), ago(2), ago(7), ago(8), ago(45)], now);
        let counts: Vec<i64> = buckets.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, vec![2, 2, 1, 1]);
        let sent = Instant(0);
        let answer = first_answer(&[
            (sent, Some(Instant(600))),
            (sent, Some(Instant(3 * 86_400))),
            (sent, Some(Instant(7_200))),
            (sent, None),
        ]);
        assert_eq!(
            (answer.sent, answer.answered, answer.within_two_days),
            (4, 3, 2)
        );
        assert_eq!(answer.median_hours, Some(2));
        assert_eq!(first_answer(&[]).median_hours, None);
    }
}
