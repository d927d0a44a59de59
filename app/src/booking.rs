//! The booking wizard's state, in plain Rust: which choices are made, which step may be shown,
//! and how the choices travel in the address (so the browser's back button walks the steps and
//! keeps every choice).

use crate::language::trs;
use api::{Office, OfficeId, PointCode, Reference, ThreadId};
use catalogue::t;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Point = 1,
    Office = 2,
    DateTime = 3,
    Contact = 4,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Point, Step::Office, Step::DateTime, Step::Contact];

    pub fn title(self) -> &'static str {
        match self {
            Step::Point => trs(t::wizard_step_topic()),
            Step::Office => trs(t::wizard_step_office()),
            Step::DateTime => trs(t::wizard_step_time()),
            Step::Contact => trs(t::wizard_step_contact()),
        }
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    fn from_number(n: u8) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.number() == n)
    }
}

/// The choices made so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub point: Option<PointCode>,
    pub office: Option<OfficeId>,
    /// `YYYY-MM-DD`
    pub day: Option<String>,
    /// The slot's start as the API wrote it.
    pub start: Option<String>,
    /// Sposta appuntamento: the appointment being moved.
    pub moving: Option<Reference>,
}

impl Draft {
    /// Reads the choices and the requested step from the address's query.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> (Draft, Step) {
        let text = |key: &str| {
            get(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let draft = Draft {
            point: text("punto").and_then(|v| PointCode::from_code(&v)),
            office: text("sede").and_then(|v| v.parse().ok()),
            day: text("giorno"),
            start: text("ora"),
            moving: text("sposta").map(Reference),
        };
        let requested = text("passo")
            .and_then(|v| v.parse().ok())
            .and_then(Step::from_number)
            .unwrap_or(Step::Point);
        let step = draft.reachable(requested);
        (draft, step)
    }

    /// The step to show: the one asked for, unless an earlier choice is missing.
    pub fn reachable(&self, requested: Step) -> Step {
        let first_missing = if self.point.is_none() {
            Step::Point
        } else if self.office.is_none() {
            Step::Office
        } else if self.start.is_none() {
            Step::DateTime
        } else {
            Step::Contact
        };
        requested.min(first_missing)
    }

    pub fn is_done(&self, step: Step) -> bool {
        match step {
            Step::Point => self.point.is_some(),
            Step::Office => self.office.is_some(),
            Step::DateTime => self.start.is_some(),
            Step::Contact => false,
        }
    }

    /// The address of `step` with these choices, in the wizard of `thread`.
    pub fn href(&self, thread: ThreadId, step: Step) -> String {
        let base = api::paths::booking(thread);
        let mut query = vec![format!("passo={}", step.number())];
        if let Some(p) = &self.point {
            query.push(format!("punto={p}"));
        }
        if let Some(o) = self.office {
            query.push(format!("sede={o}"));
        }
        if let Some(d) = &self.day {
            query.push(format!("giorno={d}"));
        }
        if let Some(s) = &self.start {
            query.push(format!("ora={}", s.replace('+', "%2B")));
        }
        if let Some(r) = &self.moving {
            query.push(format!("sposta={r}"));
        }
        format!("{base}?{}", query.join("&"))
    }

    /// A new consultation point: the office, day and time chosen for another point no longer hold.
    pub fn with_point(&self, point: PointCode) -> Draft {
        if self.point == Some(point) {
            return self.clone();
        }
        Draft {
            point: Some(point),
            moving: self.moving.clone(),
            ..Draft::default()
        }
    }

    pub fn with_office(&self, office: OfficeId) -> Draft {
        if self.office == Some(office) {
            return self.clone();
        }
        Draft {
            office: Some(office),
            day: None,
            start: None,
            ..self.clone()
        }
    }

    pub fn with_day(&self, day: &str) -> Draft {
        if self.day.as_deref() == Some(day) {
            return self.clone();
        }
        Draft {
            day: Some(day.to_string()),
            start: None,
            ..self.clone()
        }
    }

    pub fn with_start(&self, start: &str) -> Draft {
        Draft {
            day: Some(start.get(..10).unwrap_or_default().to_string()),
            start: Some(start.to_string()),
            ..self.clone()
        }
    }
}

/// Where "Sposta appuntamento" opens the wizard: at tr(t::wizard_step_time()), with the point and the office
/// of the appointment chosen, which the person may still change.
/// Where "Ricomincia la prenotazione" leads after a hold ended: tr(t::wizard_step_time()), with the point
/// and the office of the lost hold still chosen.
pub fn again_href(thread: ThreadId, point: PointCode, office: OfficeId) -> String {
    Draft {
        point: Some(point),
        office: Some(office),
        ..Draft::default()
    }
    .href(thread, Step::DateTime)
}

pub fn move_href(
    thread: ThreadId,
    point: PointCode,
    office: OfficeId,
    reference: &Reference,
) -> String {
    Draft {
        point: Some(point),
        office: Some(office),
        moving: Some(reference.clone()),
        ..Draft::default()
    }
    .href(thread, Step::DateTime)
}

/// The offices that offer `point`, the contributor's own province first, then by city.
pub fn offices_for(offices: &[Office], point: Option<PointCode>, province: &str) -> Vec<Office> {
    let mut list: Vec<Office> = offices
        .iter()
        .filter(|o| point.is_some_and(|p| o.points.contains(&p)))
        .cloned()
        .collect();
    list.sort_by(|a, b| (a.province != province, &a.city).cmp(&(b.province != province, &b.city)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    use PointCode::*;

    fn office(id: i64, city: &str, province: &str, points: &[PointCode]) -> Office {
        Office {
            id: OfficeId(id),
            name: format!("Sede di {city}"),
            city: city.into(),
            address: "Via Roma, 1".into(),
            province: province.into(),
            points: points.to_vec(),
        }
    }

    #[test]
    fn a_step_whose_earlier_choices_are_missing_falls_back_to_the_first_missing_one() {
        let (draft, step) = Draft::from_query(|k| match k {
            "passo" => Some("3".into()),
            "punto" => Some("sportello".into()),
            _ => None,
        });
        assert_eq!(draft.point, Some(Sportello));
        assert_eq!(step, Step::Office);
    }

    #[test]
    fn choices_travel_in_the_address_and_come_back_the_same() {
        let draft = Draft::default()
            .with_point(Video)
            .with_office(OfficeId(4))
            .with_start("2026-03-03T10:30:00+01:00");
        let href = draft.href(ThreadId(7), Step::Contact);
        assert_eq!(
            href,
            "/comunicazioni/7/appuntamento?passo=4&punto=video&sede=4&giorno=2026-03-03&ora=2026-03-03T10:30:00%2B01:00"
        );
        let query: Vec<(String, String)> = href
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (k.to_string(), v.replace("%2B", "+"))
            })
            .collect();
        let (back, step) =
            Draft::from_query(|k| query.iter().find(|(q, _)| q == k).map(|(_, v)| v.clone()));
        assert_eq!((back, step), (draft, Step::Contact));
    }

    #[test]
    fn changing_an_earlier_choice_drops_the_later_ones_and_keeping_it_keeps_them() {
        let draft = Draft::default()
            .with_point(Sportello)
            .with_office(OfficeId(1))
            .with_start("2026-03-03T10:30:00+01:00");
        assert_eq!(draft.with_point(Sportello), draft);
        assert_eq!(draft.with_office(OfficeId(1)), draft);
        let other = draft.with_office(OfficeId(2));
        assert_eq!((other.office, other.start), (Some(OfficeId(2)), None));
        assert_eq!(
            draft.with_point(Video),
            Draft {
                point: Some(Video),
                ..Draft::default()
            }
        );
    }

    #[test]
    fn the_contributors_own_office_comes_first_and_only_offices_with_the_point() {
        let offices = [
            office(1, "Roma", "RM", &[Sportello, Video]),
            office(2, "Milano", "MI", &[Sportello, Video]),
            office(5, "Palermo", "PA", &[Sportello]),
            office(3, "Bari", "BA", &[Sportello, Video]),
        ];
        let cities: Vec<String> = offices_for(&offices, Some(Video), "MI")
            .into_iter()
            .map(|o| o.city)
            .collect();
        assert_eq!(cities, ["Milano", "Bari", "Roma"]);
    }

    #[test]
    fn a_move_is_kept_through_every_change_of_choice() {
        let (draft, step) = Draft::from_query(|k| match k {
            "passo" => Some("3".into()),
            "punto" => Some("sportello".into()),
            "sede" => Some("1".into()),
            "sposta" => Some("AP-2026-000001".into()),
            _ => None,
        });
        assert_eq!(step, Step::DateTime);
        let changed = draft.with_point(Telefono).with_office(OfficeId(2));
        assert_eq!(changed.moving, Some(Reference::from("AP-2026-000001")));
        assert!(changed
            .href(ThreadId(1), Step::DateTime)
            .ends_with("&sposta=AP-2026-000001"));
    }
}
