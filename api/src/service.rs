//! What a public service owes the people who use it: Valuta il servizio (a rating after a
//! booking, a closed thread, an appointment that took place) and the accessibility reports
//! sent from the Dichiarazione di accessibilità's form.

use crate::{Code, RatingOccasion};
use catalogue::{t, Text};
use serde::{Deserialize, Serialize};

/// The scale of a rating: 1 (very hard) to 5 (very easy).
pub const RATING_SCORES: std::ops::RangeInclusive<i64> = 1..=5;
/// The longest comment a rating carries.
pub const RATING_COMMENT_MAX: usize = 1000;

impl RatingOccasion {
    /// "Quanto è stato facile prenotare l'appuntamento?"
    pub fn question(self) -> Text {
        match self {
            RatingOccasion::Booked => t::rating_question_booked(),
            RatingOccasion::Closed => t::rating_question_closed(),
            RatingOccasion::Attended => t::rating_question_attended(),
        }
    }

    /// How the office's statistics name it.
    pub fn label(self) -> Text {
        match self {
            RatingOccasion::Booked => t::rating_occasion_booked(),
            RatingOccasion::Closed => t::rating_occasion_closed(),
            RatingOccasion::Attended => t::rating_occasion_attended(),
        }
    }
}

/// The words of each score, 1 to 5.
pub fn rating_score_label(score: i64) -> Text {
    match score {
        1 => t::rating_score_1(),
        2 => t::rating_score_2(),
        3 => t::rating_score_3(),
        4 => t::rating_score_4(),
        _ => t::rating_score_5(),
    }
}

/// `POST /api/appointments/{reference}/rating` (`prenotazione`, `appuntamento`) and
/// `POST /api/communications/{id}/rating` (`comunicazione`): Valuta il servizio.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRating {
    #[cfg_attr(feature = "openapi", schema(value_type = RatingOccasion))]
    pub occasion: Code<RatingOccasion>,
    /// 1 (molto difficile) to 5 (molto facile).
    #[serde(deserialize_with = "crate::integer::deserialize")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub score: i64,
    /// Optional.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub comment: String,
}

/// The ratings of one occasion over a period (`OfficeStats.ratings`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingSummary {
    pub occasion: RatingOccasion,
    pub count: i64,
    /// How many gave each score, 1 to 5.
    pub scores: [i64; 5],
    /// The average in tenths (43 is 4,3); none before any rating.
    pub average_tenths: Option<i64>,
}

/// A rating's comment, newest first (`OfficeStats.rating_comments`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingComment {
    pub occasion: RatingOccasion,
    pub score: i64,
    pub comment: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub given_at: String,
}

/// A report sent from the Dichiarazione di accessibilità's form
/// (`GET /api/office/accessibility-reports`, operators).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessibilityReport {
    /// The number acknowledged to the sender.
    pub number: i64,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub received_at: String,
    /// The page or function the problem is on, as the sender wrote it.
    pub page: String,
    pub description: String,
    /// The sender's name and e-mail address, if given (to answer them).
    pub name: String,
    pub email: String,
    /// When the answer is owed (AgID: within 30 days).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub answer_by: String,
}
