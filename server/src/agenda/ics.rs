//! The appointment as an iCalendar file (RFC 5545), written with the `ics` crate (escaping,
//! line folding after 75 octets of content): one VEVENT in Europe/Rome wall time, with the zone's own rules so that any
//! calendar places it right across daylight saving.

use crate::domain::speech;
use api::{Appointment, Instant, Language, PointCode};
use catalogue::t;
use ics::parameters::TzIDParam;
use ics::properties::{
    CalScale, Description, DtEnd, DtStart, Location, Method, RRule, Status, Summary, TzName, URL,
};
use ics::{escape_text, Daylight, Event, ICalendar, Standard, TimeZone};

const ZONE: &str = "Europe/Rome";

/// "2026-03-03T10:30:00+01:00" → "20260303T103000" (wall time in Europe/Rome, as the API writes
/// instants with Rome's offset).
fn local(instant: &str) -> String {
    instant
        .get(..19)
        .unwrap_or_default()
        .replace(['-', ':'], "")
}

/// Text for a TEXT property: the crate escapes; a lone carriage return becomes a new line too.
fn text(value: &str) -> String {
    escape_text(value.replace("\r\n", "\n").replace('\r', "\n")).into_owned()
}

/// Europe/Rome's rules since 1996: CEST from the last Sunday of March, CET from the last
/// Sunday of October.
fn rome() -> TimeZone<'static> {
    let mut summer = Daylight::new("19700329T020000", "+0100", "+0200");
    summer.push(TzName::new("CEST"));
    summer.push(RRule::new("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
    let mut winter = Standard::new("19701025T030000", "+0200", "+0100");
    winter.push(TzName::new("CET"));
    winter.push(RRule::new("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
    let mut zone = TimeZone::daylight(ZONE, summer);
    zone.add_standard(winter);
    zone
}

/// The calendar file of `a`, in `language` (its reader's).
pub fn calendar(a: &Appointment, now: Instant, language: Language) -> String {
    let words = speech::catalogue(language);
    let stamp = jiff::Timestamp::from_second(now.seconds())
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default();
    let location = match a.point.code {
        PointCode::Sportello => format!("{}, {}", a.office.name, a.office.address),
        PointCode::Telefono => words.render(&t::ics_location_phone(api::it::phone(&a.phone))),
        // The room itself is the place of a videochiamata (and its URL, for calendars that
        // make a link of that property only).
        PointCode::Video => match &a.video_link {
            Some(link) => link.clone(),
            None => words.render(&t::mail_where_video(api::it::phone(&a.phone))),
        },
    };
    let description = words.render(&t::ics_description(
        speech::point(a.point.code),
        &a.office.name,
        &a.protocol,
        &a.subject,
        a.reference.as_str().to_string(),
    ));
    let mut event = Event::new(
        format!("{}@cassetto-previdenziale.inps.it", a.reference),
        stamp,
    );
    let mut start = DtStart::new(local(&a.starts_at));
    start.add(TzIDParam::new(ZONE));
    event.push(start);
    let mut end = DtEnd::new(local(&a.ends_at));
    end.add(TzIDParam::new(ZONE));
    event.push(end);
    event.push(Summary::new(text(&words.render(&t::ics_summary(
        a.reference.as_str().to_string(),
        speech::topic(&a.topic.code, &a.topic.label),
    )))));
    event.push(Location::new(text(&location)));
    if let Some(link) = &a.video_link {
        event.push(URL::new(link.clone()));
    }
    event.push(Description::new(text(&description)));
    event.push(Status::confirmed());

    let mut calendar = ICalendar::new(
        "2.0",
        match language {
            Language::It => "-//INPS//Cassetto Previdenziale Agenda appuntamenti//IT",
            Language::En => "-//INPS//Cassetto Previdenziale Agenda appuntamenti//EN",
        },
    );
    calendar.push(CalScale::new("GREGORIAN"));
    calendar.push(Method::new("PUBLISH"));
    calendar.add_timezone(rome());
    calendar.add_event(event);
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confirmed(notes: &str) -> Appointment {
        Appointment {
            reference: "AP-2026-000001".into(),
            status: api::AppointmentStatus::Confermato,
            communication_id: api::ThreadId(1),
            protocol: "INPS.5100.2026.0000001".into(),
            subject: "Contributi, 2024; verifica".into(),
            topic: api::Topic {
                code: "estratto_conto".into(),
                label: "Estratto conto e contributi".into(),
                appointment_after_days: 30,
            },
            point: api::ConsultationPoint {
                code: PointCode::Sportello,
                label: "Sportello in sede".into(),
            },
            office: api::Office {
                id: api::OfficeId(1),
                name: "Sede di Roma".into(),
                city: "Roma".into(),
                address: "Via dell'Amba Aradam, 5 – 00184 Roma".into(),
                province: "RM".into(),
                points: vec![PointCode::Sportello],
            },
            contributor: api::Contributor {
                cf: "RSSMRA80A01H501U".into(),
                name: "Mario Rossi".into(),
                category: api::Category::Artigiano,
                province: "RM".into(),
            },
            starts_at: "2026-03-03T08:30:00+01:00".into(),
            ends_at: "2026-03-03T09:00:00+01:00".into(),
            phone: "0612345678".into(),
            notes: notes.into(),
            hold_expires_at: None,
            booked_by: "Mario Rossi".into(),
            timeline: Vec::new(),
            cancelled_by_office: false,
            cancel_reason: None,
            cancel_until: None,
            can_cancel: true,
            can_move: false,
            can_record_attendance: false,
            can_correct_attendance: false,
            viewed_by_office: false,
            video_link: None,
            rating_due: None,
        }
    }

    #[test]
    fn a_videochiamata_is_held_in_its_room() {
        let mut a = confirmed("");
        a.point.code = PointCode::Video;
        a.video_link = Some("https://video.example.it/stanza/AbC-12_x".into());
        let ics = calendar(&a, Instant(0), Language::It).replace("\r\n ", "");
        assert!(
            ics.contains("URL:https://video.example.it/stanza/AbC-12_x\r\n"),
            "{ics}"
        );
        assert!(ics.contains("LOCATION:https://video.example.it/stanza/AbC-12_x\r\n"));
        let desk = calendar(&confirmed(""), Instant(0), Language::It);
        assert!(!desk.contains("URL:"));
    }

    #[test]
    fn the_event_is_in_rome_wall_time_with_the_zone_and_lines_of_75_octets() {
        let ics = calendar(
            &confirmed(&"è".repeat(80)),
            Instant(1_772_442_000),
            Language::It,
        );
        assert!(ics.contains("DTSTART;TZID=Europe/Rome:20260303T083000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Rome:20260303T090000\r\n"));
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Rome"));
        assert!(ics.contains("DTSTAMP:20260302T090000Z"));
        // Folded by the crate after 75 octets of content; a continuation adds its space.
        assert!(ics
            .split("\r\n")
            .all(|l| l.len() <= 75 || (l.starts_with(' ') && l.len() <= 76)));
    }

    #[test]
    fn text_is_escaped_and_no_line_break_survives() {
        let mut a = confirmed("x");
        a.subject = "Riga uno\r\nRiga due\rRiga tre; fine, davvero".into();
        let ics = calendar(&a, Instant(0), Language::It);
        let unfolded = ics.replace("\r\n ", "");
        let description = unfolded
            .split("\r\n")
            .find(|l| l.starts_with("DESCRIPTION:"))
            .unwrap();
        assert!(
            description.contains("Riga uno\\nRiga due\\nRiga tre\\; fine\\, davvero"),
            "{description}"
        );
    }
}
