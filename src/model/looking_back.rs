//! Phase 1, looking back (*terugblik*): the timeline of what actually happened, the
//! intervention scenario.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dates::PartialDate;
use super::scenario::{Activity, LifeEvent};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct LookingBack {
    pub timeline: Timeline,
    pub events: Vec<LifeEvent>,
    pub activities: Vec<Activity>,
}

/// When the support started and ended, or that it is still going on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Timeline {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub ongoing: bool,
}
