//! The appointment as an iCalendar file (RFC 5545): one VEVENT in Europe/Rome wall time,
//! with the zone's own rules so that any calendar places it right across daylight saving.

use api::Appointment;

/// Text of an iCalendar property value: backslash, comma, semicolon and new lines escaped.
pub fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\r', '\n'], "\\n")
}

/// Lines of at most 75 octets, continued with a space (RFC 5545 §3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn ics_local(instant: &str) -> String {
    // "2026-03-03T10:30:00+01:00" → "20260303T103000" (wall time in Europe/Rome)
    instant
        .get(..19)
        .unwrap_or_default()
        .replace(['-', ':'], "")
}

pub fn calendar(a: &Appointment, now: i64) -> String {
    let stamp = jiff::Timestamp::from_second(now)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default();
    let location = match a.point.code.as_str() {
        "sportello" => format!("{}, {}", a.office.name, a.office.address),
        "telefono" => format!("Richiamata al numero {}", a.phone),
        _ => "Videochiamata: il collegamento arriverà dalla sede".to_string(),
    };
    let description = format!(
        "{} – {}.\nComunicazione {}: {}.\nIdentificativo appuntamento: {}.",
        a.point.label, a.office.name, a.protocol, a.subject, a.reference
    );
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//INPS//Cassetto Previdenziale Agenda appuntamenti//IT".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VTIMEZONE".into(),
        "TZID:Europe/Rome".into(),
        "BEGIN:DAYLIGHT".into(),
        "TZOFFSETFROM:+0100".into(),
        "TZOFFSETTO:+0200".into(),
        "TZNAME:CEST".into(),
        "DTSTART:19700329T020000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into(),
        "END:DAYLIGHT".into(),
        "BEGIN:STANDARD".into(),
        "TZOFFSETFROM:+0200".into(),
        "TZOFFSETTO:+0100".into(),
        "TZNAME:CET".into(),
        "DTSTART:19701025T030000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}@cassetto-previdenziale.inps.it", a.reference),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;TZID=Europe/Rome:{}", ics_local(&a.starts_at)),
        format!("DTEND;TZID=Europe/Rome:{}", ics_local(&a.ends_at)),
        format!(
            "SUMMARY:{}",
            ics_text(&format!(
                "Appuntamento INPS {} – {}",
                a.reference, a.topic.label
            ))
        ),
        format!("LOCATION:{}", ics_text(&location)),
        format!("DESCRIPTION:{}", ics_text(&description)),
        "STATUS:CONFIRMED".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ics_lines_are_folded_at_75_octets() {
        let folded = fold(&format!("DESCRIPTION:{}", "è".repeat(60)));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert!(folded.contains("\r\n "));
    }

    #[test]
    fn ics_text_escapes_separators_and_every_line_break() {
        assert_eq!(ics_text("a, b; c\nd"), "a\\, b\\; c\\nd");
        assert_eq!(ics_text("a\r\nb\rc"), "a\\nb\\nc");
    }
}
