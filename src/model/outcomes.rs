//! Phase 2, outcomes as the participant experiences them (*beleving*).

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Phase;

/// A score from 0 to 10 in the participant's own judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

impl Score {
    pub const MAX: u8 = 10;

    pub fn new(value: u8) -> Option<Score> {
        (value <= Self::MAX).then_some(Score(value))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        Score::new(v).ok_or_else(|| format!("a score is 0 to 10, not {v}"))
    }
}

impl From<Score> for u8 {
    fn from(s: Score) -> u8 {
        s.0
    }
}

impl JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": 10,
            "description": "0 to 10, in the participant's own judgement"
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Outcomes {
    pub domains: Vec<DomainOutcome>,
    pub quotes: Vec<Quote>,
    /// Topics the participant keeps off the record: only that one exists, never what.
    pub off_record: Vec<OffRecord>,
    /// The table also scores each domain from the professionals' view (optional per
    /// session; the participant's own score stays the primary one).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub second_view: bool,
}

impl Outcomes {
    pub fn for_domain(&self, domain_id: &str) -> Option<&DomainOutcome> {
        self.domains.iter().find(|d| d.domain_id == domain_id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct DomainOutcome {
    pub domain_id: String,
    /// How it was at the start of the trajectory.
    pub score_start: Option<Score>,
    /// How it is now.
    pub score_now: Option<Score>,
    /// Optionally, how the professionals at the table score it now: a second view beside
    /// the participant's, which stays the primary one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_professionals: Option<Score>,
    /// The participant's own words about this domain.
    pub own_words: String,
}

impl DomainOutcome {
    pub fn new(domain_id: &str) -> Self {
        DomainOutcome {
            domain_id: domain_id.to_string(),
            ..Self::default()
        }
    }

    /// Now minus start, when both are scored.
    pub fn change(&self) -> Option<i16> {
        Some(i16::from(self.score_now?.get()) - i16::from(self.score_start?.get()))
    }

    /// The professionals' score minus the participant's (now), when both are given.
    pub fn views_differ_by(&self) -> Option<i16> {
        Some(i16::from(self.score_professionals?.get()) - i16::from(self.score_now?.get()))
    }
}

/// Words someone said that matter, with who said them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Quote {
    pub id: String,
    /// Alias of the speaker (an attendee's alias, or free text).
    pub speaker: String,
    pub text: String,
    pub domain_id: Option<String>,
    /// The phase that was open when the quote was captured.
    pub phase: Option<Phase>,
    pub captured_at: Option<DateTime<FixedOffset>>,
}

/// The fact that the participant kept a topic off the record. Its content is never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OffRecord {
    #[serde(default)]
    pub domain_id: Option<String>,
    pub marked_at: DateTime<FixedOffset>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_outside_zero_to_ten_are_refused_on_load() {
        assert!(serde_json::from_str::<Score>("10").is_ok());
        let err = serde_json::from_str::<Score>("11").unwrap_err().to_string();
        assert!(err.contains("0 to 10"), "{err}");
        assert!(serde_json::from_str::<Score>("-1").is_err());
    }

    #[test]
    fn change_needs_both_scores() {
        let mut d = DomainOutcome::new("wonen");
        assert_eq!(d.change(), None);
        d.score_start = Score::new(3);
        d.score_now = Score::new(7);
        assert_eq!(d.change(), Some(4));
    }
}
