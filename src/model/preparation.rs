//! Phase 0, preparation (*voorbereiding*): who sits at the table, on what terms.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The facts of the session and its ground rules. Everything is pseudonymous: a case
/// code, never a name, BSN, address or birth date.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Preparation {
    /// The project or approach being evaluated, e.g. "De Graasj".
    pub project: String,
    /// A pseudonym for the case, e.g. "GR-03". Never a real name.
    pub case_code: String,
    pub participant_kind: ParticipantKind,
    pub date: Option<NaiveDate>,
    pub place: String,
    pub facilitator_alias: String,
    /// 0 for the first session (T0), 1 for the first follow-up (T1), ...
    pub wave: u32,
    pub attendees: Vec<Attendee>,
    /// Own limits, what is said stays at the table, anonymous write-up.
    pub ground_rules_confirmed: bool,
    pub consent: Consent,
    /// The participant's question when they first came into view.
    pub starting_question: String,
    /// Planned length of the session in minutes.
    pub planned_minutes: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantKind {
    #[default]
    Resident,
    Student,
    Jobseeker,
    Parent,
    Other,
}

impl ParticipantKind {
    pub const ALL: [ParticipantKind; 5] = [
        ParticipantKind::Resident,
        ParticipantKind::Student,
        ParticipantKind::Jobseeker,
        ParticipantKind::Parent,
        ParticipantKind::Other,
    ];
}

/// Someone at the table, by alias.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Attendee {
    /// Short id within the session ("p1"), used by events, activities and quotes.
    pub id: String,
    pub alias: String,
    /// What they do, e.g. "jobcoach", "Wmo-consulent", "zus".
    pub role: String,
    pub organisation: String,
    pub kind: AttendeeKind,
    /// Who pays this person's hours, by payer id; the default for their activities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendeeKind {
    Participant,
    #[default]
    DirectProfessional,
    /// A professional who does not know this case but knows how such cases go.
    PeerProfessional,
    InformalNetwork,
}

impl AttendeeKind {
    pub const ALL: [AttendeeKind; 4] = [
        AttendeeKind::Participant,
        AttendeeKind::DirectProfessional,
        AttendeeKind::PeerProfessional,
        AttendeeKind::InformalNetwork,
    ];
}

/// The participant's consent, and who recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Consent {
    pub given: bool,
    pub scope: ConsentScope,
    /// Alias of whoever recorded the consent.
    pub recorded_by: String,
    pub date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<NaiveDate>,
}

impl Consent {
    /// Whether it covers reporting beyond the table (across cases): given, not withdrawn,
    /// and for anonymised reporting. Library exports and the portfolio use this one rule.
    pub fn covers_reporting(&self) -> bool {
        self.given && self.withdrawn_on.is_none() && self.scope == ConsentScope::AnonymisedReporting
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    /// Only for use during and around this session.
    #[default]
    SessionOnly,
    /// Also for anonymised reporting beyond the table.
    AnonymisedReporting,
}
