//! The domain model of one table conversation (*tafelgesprek*), phase by phase.
//!
//! Plain data with serde: no terminal, no files. Every later part of the program (the
//! store, the TUI, the reports) reads and writes these types. Field names are the
//! snake_case names of the session file; see `assets/session.schema.json`.

pub mod alternative;
pub mod clock;
pub mod compare;
pub mod conflict;
pub mod costs;
pub mod dates;
pub mod domains;
pub mod limits;
pub mod looking_back;
pub mod money;
pub mod off_record;
pub mod outcomes;
pub mod portfolio;
pub mod preparation;
pub mod price_index;
pub mod scenario;
pub mod series;
pub mod validate;
pub mod wall;
pub mod wrap_up;

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use alternative::{Alternative, Assumption, EstimatedScore, ReferenceType};
pub use clock::Clock;
pub use costs::{Costs, Payer, PriceItem, PriceList, Source};
pub use dates::PartialDate;
pub use domains::LifeDomain;
pub use looking_back::{LookingBack, Timeline};
pub use money::Cents;
pub use outcomes::{DomainOutcome, OffRecord, Outcomes, Quote, Score};
pub use preparation::{
    Attendee, AttendeeKind, Consent, ConsentScope, ParticipantKind, Preparation,
};
pub use scenario::{Activity, Confidence, LifeEvent, Unit};
pub use wrap_up::{Agreement, AgreementReview, AgreementStatus, EndReason, SeriesEnd, WrapUp};

/// The version of the session file this program writes. Files with a lower version are
/// migrated on load (`store::migrate`); files with a higher one open read-only.
pub const SCHEMA_VERSION: u32 = 2;

/// Text in both UI languages, for data that ships with the program (domains, prices).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Localized {
    pub nl: String,
    pub en: String,
}

impl Localized {
    pub fn new(nl: &str, en: &str) -> Self {
        Localized {
            nl: nl.to_string(),
            en: en.to_string(),
        }
    }
}

/// The six phases of a session, in the order the facilitator walks them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Preparation,
    LookingBack,
    Outcomes,
    Alternative,
    Costs,
    WrapUp,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Preparation,
        Phase::LookingBack,
        Phase::Outcomes,
        Phase::Alternative,
        Phase::Costs,
        Phase::WrapUp,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Phase {
        Phase::ALL[(self.index() + 1) % Phase::ALL.len()]
    }

    pub fn prev(self) -> Phase {
        Phase::ALL[(self.index() + Phase::ALL.len() - 1) % Phase::ALL.len()]
    }

    /// Share of the planned duration this phase gets by default, in percent. The
    /// scenarios and their costs take most of a session.
    pub fn default_share_percent(self) -> u32 {
        match self {
            Phase::Preparation => 10,
            Phase::LookingBack => 25,
            Phase::Outcomes => 20,
            Phase::Alternative => 20,
            Phase::Costs => 15,
            Phase::WrapUp => 10,
        }
    }
}

/// Seconds spent in each phase, counted by the session clock while the phase is open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PhaseTimes {
    pub preparation_secs: u64,
    pub looking_back_secs: u64,
    pub outcomes_secs: u64,
    pub alternative_secs: u64,
    pub costs_secs: u64,
    pub wrap_up_secs: u64,
}

impl PhaseTimes {
    pub fn get(&self, phase: Phase) -> u64 {
        match phase {
            Phase::Preparation => self.preparation_secs,
            Phase::LookingBack => self.looking_back_secs,
            Phase::Outcomes => self.outcomes_secs,
            Phase::Alternative => self.alternative_secs,
            Phase::Costs => self.costs_secs,
            Phase::WrapUp => self.wrap_up_secs,
        }
    }

    pub fn get_mut(&mut self, phase: Phase) -> &mut u64 {
        match phase {
            Phase::Preparation => &mut self.preparation_secs,
            Phase::LookingBack => &mut self.looking_back_secs,
            Phase::Outcomes => &mut self.outcomes_secs,
            Phase::Alternative => &mut self.alternative_secs,
            Phase::Costs => &mut self.costs_secs,
            Phase::WrapUp => &mut self.wrap_up_secs,
        }
    }

    /// All phases together; saturating, since a file edited by hand may hold any figure.
    pub fn total(&self) -> u64 {
        Phase::ALL
            .iter()
            .fold(0, |sum, p| sum.saturating_add(self.get(*p)))
    }
}

/// One table conversation: the whole session file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "tafel session")]
pub struct Session {
    /// Version of this file's shape; see `SCHEMA_VERSION`.
    pub schema_version: u32,
    pub id: Uuid,
    /// Shared by a session and its follow-ups (T0, T1, ...).
    pub series_id: Uuid,
    /// The earlier wave this session follows up, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_session_id: Option<Uuid>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// After this date the session should be deleted (`tafel purge --expired`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_until: Option<NaiveDate>,
    /// The list of life domains this session used, so waves stay comparable when the
    /// program's list changes.
    #[serde(default)]
    pub domains: Vec<LifeDomain>,
    #[serde(default)]
    pub preparation: Preparation,
    #[serde(default)]
    pub looking_back: LookingBack,
    #[serde(default)]
    pub outcomes: Outcomes,
    #[serde(default)]
    pub alternative: Alternative,
    #[serde(default)]
    pub wrap_up: WrapUp,
    #[serde(default)]
    pub time_spent: PhaseTimes,
    /// Fields that tafel filled in and nobody has typed into yet (today's date, the
    /// planned time, what a follow-up copied from the wave before), by their place in this
    /// file (`preparation.date`, `preparation.attendees[p1].alias`). On screen the first
    /// key typed replaces such a value; setting it takes it off this list.
    #[serde(default, skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub suggested: std::collections::BTreeSet<String>,
    /// Last in the file: with its copy of the price list it is most of the bytes, and the
    /// library reads a file's other fields without parsing it (see `store::index`).
    #[serde(default)]
    pub costs: Costs,
}

/// Default planned length of a session: the method's two to three hours.
pub const DEFAULT_PLANNED_MINUTES: u32 = 150;
/// Default retention of a session file in months, unless the data dir config says otherwise.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;

impl Session {
    /// A new, empty T0 session with the given domain list, price list and payers.
    pub fn new(
        clock: &Clock,
        domains: Vec<LifeDomain>,
        price_list: PriceList,
        payers: Vec<Payer>,
    ) -> Session {
        let now = clock.now();
        let id = Uuid::new_v4();
        let outcomes = Outcomes {
            domains: domains.iter().map(|d| DomainOutcome::new(&d.id)).collect(),
            ..Outcomes::default()
        };
        Session {
            schema_version: SCHEMA_VERSION,
            id,
            series_id: id,
            previous_session_id: None,
            created_at: now,
            updated_at: now,
            retention_until: now
                .date_naive()
                .checked_add_months(chrono::Months::new(DEFAULT_RETENTION_MONTHS)),
            domains,
            preparation: Preparation {
                date: Some(now.date_naive()),
                planned_minutes: DEFAULT_PLANNED_MINUTES,
                ..Preparation::default()
            },
            looking_back: LookingBack::default(),
            outcomes,
            alternative: Alternative::default(),
            costs: Costs {
                price_list: PriceList {
                    // When this session took its copy of the prices.
                    copied_at: price_list.copied_at.or(Some(now)),
                    ..price_list
                },
                payers,
                // Amounts at the price level of the session's year (a suggestion that
                // follows the date).
                price_year: Some(chrono::Datelike::year(&now)),
                ..Costs::default()
            },
            wrap_up: WrapUp::default(),
            time_spent: PhaseTimes::default(),
            suggested: [
                "preparation.date",
                "preparation.planned_minutes",
                "costs.price_year",
            ]
            .into_iter()
            .map(str::to_string)
            .collect(),
        }
    }

    /// Keeps the session until `months` after the date of the conversation (or, while it
    /// has none, after the day it was created). Called whenever the session is saved with
    /// a change, so a session entered after the fact, or whose date is corrected, is kept
    /// as long as its own date says, not as long as the day it was typed.
    pub fn set_retention_months(&mut self, months: u32) {
        let from = self
            .preparation
            .date
            .unwrap_or_else(|| self.created_at.date_naive());
        self.retention_until = from.checked_add_months(chrono::Months::new(months));
    }

    /// "T0", "T1", ...
    pub fn wave_label(&self) -> String {
        format!("T{}", self.preparation.wave)
    }

    pub fn domain(&self, id: &str) -> Option<&LifeDomain> {
        self.domains.iter().find(|d| d.id == id)
    }

    pub fn attendee(&self, id: &str) -> Option<&Attendee> {
        self.preparation.attendees.iter().find(|a| a.id == id)
    }

    /// The follow-up date, or six months after the session date when none was agreed.
    pub fn follow_up_due(&self) -> Option<NaiveDate> {
        follow_up_due(self.preparation.date, self.wrap_up.follow_up_date)
    }

    /// Which phases hold anything at all: the library shows this as progress.
    pub fn phases_started(&self) -> [bool; 6] {
        self.contents().phases_started()
    }

    /// What the session holds, counted (see [`Contents`]).
    pub fn contents(&self) -> Contents {
        let p = &self.preparation;
        let lb = &self.looking_back;
        let o = &self.outcomes;
        let alt = &self.alternative;
        let w = &self.wrap_up;
        Contents {
            project: !p.project.is_empty(),
            case_code: !p.case_code.is_empty(),
            attendees: p.attendees.len(),
            timeline_start: lb.timeline.start.is_some(),
            events: lb.events.len(),
            activities: lb.activities.len(),
            domains_told: o
                .domains
                .iter()
                .filter(|d| {
                    d.score_start.is_some() || d.score_now.is_some() || !d.own_words.is_empty()
                })
                .count(),
            quotes: o.quotes.len(),
            narrative: !alt.narrative.is_empty(),
            alternative_events: alt.events.len(),
            alternative_activities: alt.activities.len(),
            assumptions: alt.assumptions.len(),
            priced_activities: lb
                .activities
                .iter()
                .chain(&alt.activities)
                .filter(|a| a.price_id.is_some())
                .count(),
            learning_points: w.learning_points.len(),
            agreements: w.agreements.len(),
            notes: !w.notes.is_empty(),
            follow_up_date: w.follow_up_date.is_some(),
        }
    }

    /// Marks the session as changed now.
    pub fn touch(&mut self, clock: &Clock) {
        self.updated_at = clock.now();
    }
}

/// Case codes of the fictional demo cases start with this, so they can never be taken
/// for a real case (and stay out of library exports unless asked for).
pub const DEMO_PREFIX: &str = "DEMO-";

/// The first 8 hex digits of an id: how file names and lists name a session briefly.
pub fn short_id(id: &Uuid) -> String {
    id.simple().to_string()[..8].to_string()
}

/// Whether `case_code` is one of the fictional demo cases.
pub fn is_demo_case(case_code: &str) -> bool {
    case_code.starts_with(DEMO_PREFIX)
}

/// The follow-up date: the one agreed, or six months after the session's date.
pub fn follow_up_due(date: Option<NaiveDate>, agreed: Option<NaiveDate>) -> Option<NaiveDate> {
    agreed.or_else(|| date.and_then(|d| d.checked_add_months(chrono::Months::new(6))))
}

/// What a session holds, counted: enough to tell which phases have started. The library
/// reads only the head of a file and fills this in from there; the rule that turns it into
/// progress marks is [`Contents::phases_started`], for both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Contents {
    pub project: bool,
    pub case_code: bool,
    pub attendees: usize,
    pub timeline_start: bool,
    pub events: usize,
    pub activities: usize,
    /// Life domains with a score or the participant's own words.
    pub domains_told: usize,
    pub quotes: usize,
    pub narrative: bool,
    pub alternative_events: usize,
    pub alternative_activities: usize,
    pub assumptions: usize,
    /// Activities of either scenario with a price item.
    pub priced_activities: usize,
    pub learning_points: usize,
    pub agreements: usize,
    pub notes: bool,
    pub follow_up_date: bool,
}

impl Contents {
    /// Which of the six phases hold anything.
    pub fn phases_started(&self) -> [bool; 6] {
        [
            self.project || self.case_code || self.attendees > 0,
            self.timeline_start || self.events > 0 || self.activities > 0,
            self.domains_told > 0 || self.quotes > 0,
            self.narrative
                || self.alternative_events > 0
                || self.alternative_activities > 0
                || self.assumptions > 0,
            self.priced_activities > 0,
            self.learning_points > 0 || self.agreements > 0 || self.notes || self.follow_up_date,
        ]
    }
}

/// The next free short id with `prefix` ("p1", "p2", ...) among `existing`.
pub fn next_id<'a>(prefix: &str, existing: impl Iterator<Item = &'a str>) -> String {
    let max = existing
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Session {
        Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        )
    }

    #[test]
    fn a_new_session_is_its_own_series_with_one_outcome_per_domain() {
        let s = empty();
        assert_eq!(s.id, s.series_id);
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        assert_eq!(s.outcomes.domains.len(), 1);
        assert_eq!(s.outcomes.domains[0].domain_id, "wonen");
        assert_eq!(s.wave_label(), "T0");
        assert_eq!(s.phases_started(), [false; 6]);
    }

    #[test]
    fn follow_up_defaults_to_six_months_after_the_session() {
        let mut s = empty();
        s.preparation.date = NaiveDate::from_ymd_opt(2026, 3, 12);
        assert_eq!(s.follow_up_due(), NaiveDate::from_ymd_opt(2026, 9, 12));
        s.wrap_up.follow_up_date = NaiveDate::from_ymd_opt(2026, 10, 1);
        assert_eq!(s.follow_up_due(), NaiveDate::from_ymd_opt(2026, 10, 1));
    }

    #[test]
    fn round_trips_through_json_with_required_top_level_fields() {
        let s = empty();
        let json = serde_json::to_value(&s).unwrap();
        for field in [
            "schema_version",
            "id",
            "series_id",
            "created_at",
            "updated_at",
        ] {
            assert!(json.get(field).is_some(), "missing {field}");
        }
        let back: Session = serde_json::from_value(json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn retention_runs_from_the_date_of_the_conversation() {
        let mut s = empty();
        s.preparation.date = NaiveDate::from_ymd_opt(2024, 2, 29);
        s.set_retention_months(24);
        assert_eq!(s.retention_until, NaiveDate::from_ymd_opt(2026, 2, 28));
        s.preparation.date = None;
        s.set_retention_months(6);
        assert_eq!(
            s.retention_until,
            s.created_at
                .date_naive()
                .checked_add_months(chrono::Months::new(6))
        );
    }

    #[test]
    fn next_id_counts_past_the_highest() {
        assert_eq!(next_id("p", ["p1", "p7", "x9"].into_iter()), "p8");
        assert_eq!(next_id("e", std::iter::empty()), "e1");
    }

    #[test]
    fn phases_cycle() {
        assert_eq!(Phase::WrapUp.next(), Phase::Preparation);
        assert_eq!(Phase::Preparation.prev(), Phase::WrapUp);
        assert_eq!(
            Phase::ALL
                .iter()
                .map(|p| p.default_share_percent())
                .sum::<u32>(),
            100
        );
    }
}
