//! Phase 5, wrap-up (*afronding*): what the table learned and agreed, and when it meets again.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dates::PartialDate;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct WrapUp {
    pub learning_points: Vec<String>,
    pub agreements: Vec<Agreement>,
    /// Who keeps a finger on the pulse after the trajectory ends (*vinger aan de pols*).
    pub pulse_owner: String,
    /// When the table meets again; six months after the session when empty.
    pub follow_up_date: Option<NaiveDate>,
    pub notes: String,
    /// At a follow-up: the agreements of the wave before, each with how it went.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub earlier_agreements: Vec<AgreementReview>,
    /// At a follow-up: who kept a finger on the pulse since the wave before.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub earlier_pulse_owner: String,
    /// The series ends here (no more tables), with why and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series_end: Option<SeriesEnd>,
}

/// An agreement of an earlier wave, looked back on at a follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct AgreementReview {
    pub what: String,
    pub who: String,
    pub when: Option<PartialDate>,
    /// The wave it was made at.
    pub from_wave: u32,
    pub status: Option<AgreementStatus>,
    pub comment: String,
}

/// How an agreement went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    Done,
    Partly,
    NotDone,
    NoLongerRelevant,
}

impl AgreementStatus {
    pub const ALL: [AgreementStatus; 4] = [
        AgreementStatus::Done,
        AgreementStatus::Partly,
        AgreementStatus::NotDone,
        AgreementStatus::NoLongerRelevant,
    ];
}

/// Why a series of tables ended.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    GoalReached,
    MovedAway,
    DeclinedFurtherTables,
    ContactLost,
    Other,
}

impl EndReason {
    pub const ALL: [EndReason; 5] = [
        EndReason::GoalReached,
        EndReason::MovedAway,
        EndReason::DeclinedFurtherTables,
        EndReason::ContactLost,
        EndReason::Other,
    ];
}

/// The end of a series: no more follow-ups are due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SeriesEnd {
    pub reason: EndReason,
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// Why, in words (for "another reason", or more).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Agreement {
    pub what: String,
    /// Alias of who takes it on.
    pub who: String,
    pub when: Option<PartialDate>,
}
