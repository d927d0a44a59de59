//! Words in a person's language where no request is being answered (a letter, a calendar
//! file): the catalogue of a language, and the dates, consultation points and topics said in
//! it. Dates stay Europe/Rome wall times in every language.

use api::{Language, PointCode};
use catalogue::{t, Catalogue, Key, Text};

pub fn catalogue(language: Language) -> &'static Catalogue {
    match language {
        Language::It => Catalogue::italian(),
        Language::En => Catalogue::english(),
    }
}

/// "martedì 3 marzo 2026 alle 10:30" / "Tuesday 3 March 2026 at 10:30".
pub fn when(language: Language, instant: &str) -> String {
    let (date, time) = match language {
        Language::It => (api::it::date_with_weekday(instant), api::it::time(instant)),
        Language::En => (api::en::date_with_weekday(instant), api::en::time(instant)),
    };
    catalogue(language).render(&t::when(date, time))
}

/// "1° dicembre 2026" / "1 December 2026".
pub fn date(language: Language, text: &str) -> String {
    match language {
        Language::It => api::it::date(text),
        Language::En => api::en::date(text),
    }
}

/// "48 kB", "2,4 MB" / "2.4 MB".
pub fn size(language: Language, bytes: u64) -> String {
    match language {
        Language::It => api::it::size_in_words(bytes),
        Language::En => api::en::size_in_words(bytes),
    }
}

/// A consultation point's name.
pub fn point(code: PointCode) -> Text {
    match code {
        PointCode::Sportello => t::point_sportello(),
        PointCode::Telefono => t::point_telefono(),
        PointCode::Video => t::point_video(),
    }
}

/// A topic's name: the catalogue's for the topics the service is seeded with, the stored
/// label (as it is) for one added since.
pub fn topic(code: &str, label: &str) -> Text {
    let id = format!("topic-{}", code.replace('_', "-"));
    match Key::ALL.iter().find(|key| key.id() == id) {
        Some(key) => Text::new(*key, Vec::new()),
        None => Text::verbatim(label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_each_language() {
        let at = "2026-12-01T09:30:00+01:00";
        assert_eq!(
            when(Language::It, at),
            "martedì 1° dicembre 2026 alle 09:30"
        );
        assert_eq!(when(Language::En, at), "Tuesday 1 December 2026 at 9:30");
    }

    #[test]
    fn seeded_topics_are_in_the_catalogue_and_others_keep_their_label() {
        let en = catalogue(Language::En);
        assert_eq!(
            en.render(&topic("estratto_conto", "Estratto conto e contributi")),
            "Statement of account and contributions"
        );
        assert_eq!(
            en.render(&topic("nuovo", "Nuovo argomento")),
            "Nuovo argomento"
        );
    }
}
