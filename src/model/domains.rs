//! Life domains (*leefgebieden*): the areas of life the participant scores.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Localized;

/// One life domain, stored in each session so waves stay comparable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LifeDomain {
    /// Stable id ("wonen"); waves are matched on it.
    pub id: String,
    pub label: Localized,
    /// A short explanation shown as a hint.
    #[serde(default)]
    pub hint: Localized,
}

impl LifeDomain {
    pub fn new(id: &str, nl: &str, en: &str) -> Self {
        LifeDomain {
            id: id.to_string(),
            label: Localized::new(nl, en),
            hint: Localized::default(),
        }
    }
}
