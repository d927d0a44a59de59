//! Gestione appuntamenti's filters: `status`, `from`, `to` (days, Europe/Rome) and
//! `managed_by` (who booked it). An unknown value is a field error, never an empty page.

use super::communication::FieldErrors;
use super::rome;
use api::{AppointmentStatus, Instant, ManagedBy};
use catalogue::{t, Text};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    status: Option<AppointmentStatus>,
    managed_by: Option<ManagedBy>,
    from: Option<Instant>,
    to: Option<Instant>,
}

impl HistoryFilter {
    /// From a query (`get` answers a parameter's value); an empty one is absent.
    pub fn parse<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<HistoryFilter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let text = |key: &str| get(key).filter(|s| !s.is_empty());
        let mut note = |field: &str, message: Text| {
            errors.entry(field.to_string()).or_insert(message);
        };
        let status = text("status").and_then(|code| {
            let found = AppointmentStatus::from_code(code);
            if found.is_none() {
                note("status", t::list_status_unknown());
            }
            found
        });
        let managed_by = text("managed_by").and_then(|code| {
            let found = ManagedBy::from_code(code);
            if found.is_none() {
                note("managed_by", t::history_managed_by_unknown());
            }
            found
        });
        let mut day = |field: &str| {
            text(field).and_then(|d| rome::parse_date(d).map_err(|e| note(field, e)).ok())
        };
        let (from, to) = (day("from"), day("to"));
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                note("to", t::history_to_before_from());
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(HistoryFilter {
            status,
            managed_by,
            from: from.map(rome::start_of_day),
            to: to.map(|d| rome::start_of_day(d) + 86_400),
        })
    }

    /// Whether an appointment with this status (as shown now), booker and start is listed.
    pub fn keeps(
        &self,
        status: AppointmentStatus,
        managed_by: ManagedBy,
        starts_at: Instant,
    ) -> bool {
        self.status.is_none_or(|s| s == status)
            && self.managed_by.is_none_or(|m| m == managed_by)
            && self.from.is_none_or(|f| starts_at >= f)
            && self.to.is_none_or(|t| starts_at < t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &[(&str, &str)]) -> Result<HistoryFilter, FieldErrors> {
        HistoryFilter::parse(|k| query.iter().find(|(q, _)| *q == k).map(|(_, v)| *v))
    }

    #[test]
    fn every_bad_filter_is_named_and_empty_ones_are_absent() {
        let errors = parse(&[
            ("status", "qualsiasi"),
            ("managed_by", "altri"),
            ("from", "2026-03-31"),
            ("to", "2026-03-01"),
        ])
        .unwrap_err();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["managed_by", "status", "to"]
        );
        assert_eq!(
            parse(&[("status", ""), ("from", "")]),
            Ok(HistoryFilter::default())
        );
    }

    #[test]
    fn the_last_day_is_included() {
        let f = parse(&[("from", "2026-03-03"), ("to", "2026-03-03")]).unwrap();
        let at = |t: &str| rome::parse_instant(t).unwrap();
        let who = ManagedBy::Contribuente;
        assert!(f.keeps(
            AppointmentStatus::Confermato,
            who,
            at("2026-03-03T23:30:00+01:00")
        ));
        assert!(!f.keeps(
            AppointmentStatus::Confermato,
            who,
            at("2026-03-04T00:00:00+01:00")
        ));
        assert!(!f.keeps(
            AppointmentStatus::Confermato,
            who,
            at("2026-03-02T23:59:00+01:00")
        ));
    }
}
