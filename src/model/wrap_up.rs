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
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Agreement {
    pub what: String,
    /// Alias of who takes it on.
    pub who: String,
    pub when: Option<PartialDate>,
}
