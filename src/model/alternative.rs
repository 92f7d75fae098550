//! Phase 3, the alternative (reference) scenario: what would have happened without the
//! approach, with its assumptions and the table's confidence made explicit.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::outcomes::Score;
use super::scenario::{Activity, Confidence, LifeEvent};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Alternative {
    pub reference_type: ReferenceType,
    /// The story of the alternative, in the table's words.
    pub narrative: String,
    pub events: Vec<LifeEvent>,
    pub activities: Vec<Activity>,
    pub assumptions: Vec<Assumption>,
    /// The estimated score per domain had the alternative happened.
    pub estimated_scores: Vec<EstimatedScore>,
}

impl Alternative {
    pub fn estimated_score(&self, domain_id: &str) -> Option<Score> {
        self.estimated_scores
            .iter()
            .find(|e| e.domain_id == domain_id)
            .and_then(|e| e.score)
    }
}

/// What the approach is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceType {
    /// Without the approach at all.
    #[default]
    NoIntervention,
    /// With a lighter approach.
    LighterApproach,
    /// The way things went before (the old system).
    PreviousSystem,
    Other,
}

impl ReferenceType {
    pub const ALL: [ReferenceType; 4] = [
        ReferenceType::NoIntervention,
        ReferenceType::LighterApproach,
        ReferenceType::PreviousSystem,
        ReferenceType::Other,
    ];
}

/// Something the table assumes about the alternative, with how sure it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Assumption {
    pub id: String,
    pub text: String,
    pub confidence: Confidence,
    /// The wave it was made at, when a follow-up took it over to check it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_wave: Option<u32>,
    /// At the follow-up: did it hold?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<Held>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub held_comment: String,
}

/// Whether an assumption about the alternative held, looking back at a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Held {
    Held,
    NotHeld,
    Unknown,
}

impl Held {
    pub const ALL: [Held; 3] = [Held::Held, Held::NotHeld, Held::Unknown];
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct EstimatedScore {
    pub domain_id: String,
    pub score: Option<Score>,
}
