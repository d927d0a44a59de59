//! Lista d'attesa: "Avvisami se si libera un posto", the entries and their offers.

use crate::{Code, EntryId, OfficeId, PartOfDay, PointCode, Reference, ThreadId, WaitlistStatus};
use catalogue::{t, Text};
use serde::{Deserialize, Serialize};

impl PartOfDay {
    /// "di mattina", "di pomeriggio".
    pub fn label(self) -> Text {
        match self {
            PartOfDay::Mattina => t::part_of_day_mattina(),
            PartOfDay::Pomeriggio => t::part_of_day_pomeriggio(),
        }
    }
}

impl WaitlistStatus {
    pub fn label(self) -> Text {
        match self {
            WaitlistStatus::InAttesa => t::waitlist_status_in_attesa(),
            WaitlistStatus::Offerta => t::waitlist_status_offerta(),
            WaitlistStatus::Prenotato => t::waitlist_status_prenotato(),
            WaitlistStatus::Ritirata => t::waitlist_status_ritirata(),
            WaitlistStatus::Scaduta => t::waitlist_status_scaduta(),
        }
    }

    /// Whether the entry still waits or holds an offer (one such entry per thread).
    pub fn is_live(self) -> bool {
        matches!(self, WaitlistStatus::InAttesa | WaitlistStatus::Offerta)
    }
}

/// `POST /api/waitlist`: Avvisami se si libera un posto.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitlistRequest {
    #[serde(deserialize_with = "crate::integer::id")]
    pub communication_id: ThreadId,
    #[serde(deserialize_with = "crate::integer::id")]
    pub office: OfficeId,
    #[cfg_attr(feature = "openapi", schema(value_type = PointCode))]
    pub point: Code<PointCode>,
    /// First day (AAAA-MM-GG), inside the bookable window.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    /// Last day, included.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
    #[serde(default)]
    pub part_of_day: Option<PartOfDay>,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 30))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub notes: String,
}

/// A place offered to an entry: held in the person's name until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistOffer {
    /// The held appointment's Identificativo appuntamento.
    pub reference: Reference,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub expires_at: String,
}

/// An entry of the Lista d'attesa.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistEntry {
    pub id: EntryId,
    pub status: WaitlistStatus,
    pub communication_id: ThreadId,
    pub protocol: String,
    pub subject: String,
    pub office_id: OfficeId,
    pub office_name: String,
    pub point_code: PointCode,
    pub point_label: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
    pub part_of_day: Option<PartOfDay>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// The place held for the person while `status` is `offerta`; the appointment it became
    /// once `prenotato`.
    pub offer: Option<WaitlistOffer>,
    /// How many entries for the same office and point were there before this one and still wait.
    pub ahead: i64,
}

/// One served day of the bookable window, as the Lista d'attesa sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitableDay {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    /// The parts of the day the office receives at the point on that day.
    pub served: Vec<PartOfDay>,
    /// The served parts with no place that could be offered free: a wait for them is taken.
    pub waitable: Vec<PartOfDay>,
}

impl WaitableDay {
    /// Whether a wait for this day (and `part` of it; None: any time) would be taken.
    pub fn accepts(&self, part: Option<PartOfDay>) -> bool {
        match part {
            None => {
                !self.served.is_empty() && self.served.iter().all(|p| self.waitable.contains(p))
            }
            Some(p) => self.waitable.contains(&p),
        }
    }

    fn serves(&self, part: Option<PartOfDay>) -> bool {
        part.map_or(!self.served.is_empty(), |p| self.served.contains(&p))
    }
}

/// `GET /api/waitlist/days`: every served day of the bookable window, earliest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistDays {
    pub days: Vec<WaitableDay>,
}

/// A wait that would be taken: the form's starting values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestedWait {
    pub from: String,
    pub to: String,
    pub part: Option<PartOfDay>,
}

impl WaitlistDays {
    /// The parts of the day served on some day of the window (mornings first).
    pub fn parts(&self) -> Vec<PartOfDay> {
        PartOfDay::ALL
            .iter()
            .copied()
            .filter(|p| self.days.iter().any(|d| d.served.contains(p)))
            .collect()
    }

    /// Whether any wait at all would be taken: the invitation is shown only then.
    pub fn any(&self) -> bool {
        self.days.iter().any(|d| !d.waitable.is_empty())
    }

    /// The first run of days a wait would be taken for: any time where a whole day is full,
    /// else the first part of the day that is; the run goes on over days that do not serve
    /// that part and stops at the first with a free place in it.
    pub fn suggestion(&self) -> Option<SuggestedWait> {
        let part = if self.days.iter().any(|d| d.accepts(None)) {
            None
        } else {
            Some(*self.days.iter().find_map(|d| d.waitable.first())?)
        };
        let start = self.days.iter().position(|d| d.accepts(part))?;
        let mut last = start;
        for (n, d) in self.days.iter().enumerate().skip(start + 1) {
            if d.accepts(part) {
                last = n;
            } else if d.serves(part) {
                break;
            }
        }
        Some(SuggestedWait {
            from: self.days[start].date.clone(),
            to: self.days[last].date.clone(),
            part,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PartOfDay::{Mattina, Pomeriggio};

    fn day(date: &str, served: &[PartOfDay], waitable: &[PartOfDay]) -> WaitableDay {
        WaitableDay {
            date: date.into(),
            served: served.to_vec(),
            waitable: waitable.to_vec(),
        }
    }

    #[test]
    fn no_full_day_no_invitation() {
        let days = WaitlistDays {
            days: vec![
                day("2026-12-07", &[Mattina], &[]),
                day("2026-12-08", &[Mattina], &[]),
            ],
        };
        assert!(!days.any());
        assert_eq!(days.suggestion(), None);
        assert_eq!(days.parts(), vec![Mattina]);
    }

    #[test]
    fn the_suggestion_is_the_first_run_of_full_days() {
        let days = WaitlistDays {
            days: vec![
                day("2026-12-07", &[Mattina], &[]),
                day("2026-12-08", &[Mattina], &[Mattina]),
                day("2026-12-09", &[Mattina], &[Mattina]),
                day("2026-12-10", &[Mattina], &[]),
                day("2026-12-11", &[Mattina], &[Mattina]),
            ],
        };
        assert!(days.any());
        assert_eq!(
            days.suggestion(),
            Some(SuggestedWait {
                from: "2026-12-08".into(),
                to: "2026-12-09".into(),
                part: None
            })
        );
    }

    #[test]
    fn a_full_afternoon_is_suggested_when_no_whole_day_is_full() {
        let days = WaitlistDays {
            days: vec![
                day("2026-12-07", &[Mattina, Pomeriggio], &[Pomeriggio]),
                // Mornings only: does not end an afternoon's run.
                day("2026-12-08", &[Mattina], &[]),
                day("2026-12-09", &[Mattina, Pomeriggio], &[Pomeriggio]),
                day("2026-12-10", &[Mattina, Pomeriggio], &[Mattina]),
            ],
        };
        assert_eq!(
            days.suggestion(),
            Some(SuggestedWait {
                from: "2026-12-07".into(),
                to: "2026-12-09".into(),
                part: Some(Pomeriggio)
            })
        );
        assert!(!days.days[0].accepts(None));
        assert!(days.days[0].accepts(Some(Pomeriggio)));
        assert_eq!(days.parts(), vec![Mattina, Pomeriggio]);
    }
}
