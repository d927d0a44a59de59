//! "Andamento della sede": how the office is doing over a period.

use crate::{ConsultationPoint, WaitlistStatus};
use serde::{Deserialize, Serialize};

/// `GET /api/office/stats?from=&to=`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeStats {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
    /// The office's points, in the order of each day's `points`.
    pub points: Vec<ConsultationPoint>,
    /// The days of the period with appointments.
    pub days: Vec<StatsDay>,
    pub total: StatsCounts,
    /// No-shows as a whole percentage of the attendances recorded (none before any).
    pub no_show_rate: Option<u32>,
    pub queue: QueueStats,
    pub first_answer: FirstAnswerStats,
    /// The Lista d'attesa's entries made in the period, by how they stand.
    pub waitlist: Vec<WaitlistCount>,
    /// Valuta il servizio: the ratings given in the period, by occasion (each occasion listed).
    #[serde(default)]
    pub ratings: Vec<crate::RatingSummary>,
    /// Their comments, newest first (at most 20).
    #[serde(default)]
    pub rating_comments: Vec<crate::RatingComment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatsDay {
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    pub points: Vec<StatsCounts>,
}

/// What a day (or the period) gave: appointments (confirmed, attended or missed), of which
/// attended and missed, and those cancelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatsCounts {
    pub appointments: i64,
    pub attended: i64,
    pub no_shows: i64,
    pub cancelled: i64,
}

/// The queue now: open threads, those owed an answer, and how long those have waited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueStats {
    pub open: i64,
    pub awaiting: i64,
    pub ages: Vec<AgeBucket>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgeBucket {
    pub label: String,
    pub count: i64,
}

/// The threads sent in the period and how fast the office first answered them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FirstAnswerStats {
    pub sent: i64,
    pub answered: i64,
    /// The median time to the first answer, in whole hours.
    pub median_hours: Option<i64>,
    pub within_two_days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistCount {
    pub status: WaitlistStatus,
    pub count: i64,
}
