//! Reading only the head of a session file: the fields the library list shows, skipping
//! everything else (the price-list copy, the texts) without building it.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::IgnoredAny;
use uuid::Uuid;

use crate::model::{Contents, follow_up_due};
use crate::store::Summary;

/// Marks the deliberate end of a header-only read.
pub(super) const STOP: &str = "tafel: header read, rest skipped";

/// Reads the fields the list needs. tafel writes `costs` (most of a file's bytes) last:
/// when every other field has been read by then, reading stops there. The file must
/// still end as tafel ends it, so a truncated file is never taken for a session;
/// anything unusual (`None`) falls back to reading the whole file.
pub(super) fn read_head(bytes: &[u8]) -> Option<Probe> {
    use serde::de::DeserializeSeed;
    // As tafel writes it, the file ends with the top level's `}` alone on its line (all
    // inner braces are indented): a file cut short cannot end like that.
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace())?;
    if bytes[end] != b'}' || end == 0 || bytes[end - 1] != b'\n' {
        return None;
    }
    let mut out = None;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match (Head { out: &mut out }).deserialize(&mut de) {
        Ok(()) => de.end().ok().and(out),
        Err(e) if e.to_string().starts_with(STOP) => out,
        Err(_) => None,
    }
}

pub(super) struct Head<'a> {
    out: &'a mut Option<Probe>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Head<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Head<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a tafel session")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error;
        let mut schema_version = None;
        let mut id = None;
        let mut series_id = None;
        let mut created_at = None;
        let mut updated_at = None;
        let mut retention_until = None;
        let mut preparation = None;
        let mut looking_back = None;
        let mut outcomes = None;
        let mut alternative = None;
        let mut wrap_up = None;
        let mut stop = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "schema_version" => schema_version = Some(map.next_value()?),
                "id" => id = Some(map.next_value()?),
                "series_id" => series_id = Some(map.next_value()?),
                "created_at" => created_at = Some(map.next_value()?),
                "updated_at" => updated_at = Some(map.next_value()?),
                "retention_until" => retention_until = Some(map.next_value()?),
                "preparation" => preparation = Some(map.next_value()?),
                "looking_back" => looking_back = Some(map.next_value()?),
                "outcomes" => outcomes = Some(map.next_value()?),
                "alternative" => alternative = Some(map.next_value()?),
                "wrap_up" => wrap_up = Some(map.next_value()?),
                // Everything else the list needs has been read: skip the rest unread.
                "costs"
                    if schema_version.is_some()
                        && id.is_some()
                        && series_id.is_some()
                        && created_at.is_some()
                        && updated_at.is_some()
                        && preparation.is_some()
                        && looking_back.is_some()
                        && outcomes.is_some()
                        && alternative.is_some()
                        && wrap_up.is_some() =>
                {
                    stop = true;
                    break;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        *self.out = Some(Probe {
            schema_version: schema_version
                .ok_or_else(|| A::Error::missing_field("schema_version"))?,
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            series_id: series_id.ok_or_else(|| A::Error::missing_field("series_id"))?,
            created_at: created_at.ok_or_else(|| A::Error::missing_field("created_at"))?,
            updated_at: updated_at.ok_or_else(|| A::Error::missing_field("updated_at"))?,
            retention_until: retention_until.unwrap_or_default(),
            preparation: preparation.unwrap_or_default(),
            looking_back: looking_back.unwrap_or_default(),
            outcomes: outcomes.unwrap_or_default(),
            alternative: alternative.unwrap_or_default(),
            wrap_up: wrap_up.unwrap_or_default(),
        });
        if stop {
            return Err(A::Error::custom(STOP));
        }
        Ok(())
    }
}

// The head-only view of a session file: the same field names and defaults as
// `model::Session`, with everything the list does not need skipped as `IgnoredAny`.
// (Reading these parts with the model's own types instead made a rebuild of 10,000
// sessions 1.4x slower, past its goal; the test
// `header_only_summary_equals_the_full_parse_for_every_demo_session` keeps the two in step.)

pub(super) struct Probe {
    pub(super) schema_version: u32,
    pub(super) id: Uuid,
    pub(super) series_id: Uuid,
    pub(super) created_at: DateTime<FixedOffset>,
    pub(super) updated_at: DateTime<FixedOffset>,
    pub(super) retention_until: Option<NaiveDate>,
    pub(super) preparation: PrepProbe,
    pub(super) looking_back: LookingBackProbe,
    pub(super) outcomes: OutcomesProbe,
    pub(super) alternative: AlternativeProbe,
    pub(super) wrap_up: WrapUpProbe,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PrepProbe {
    project: String,
    case_code: String,
    date: Option<NaiveDate>,
    wave: u32,
    attendees: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TimelineProbe {
    start: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActivityProbe {
    price_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct LookingBackProbe {
    timeline: TimelineProbe,
    events: Vec<IgnoredAny>,
    activities: Vec<ActivityProbe>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DomainProbe {
    score_start: Option<IgnoredAny>,
    score_now: Option<IgnoredAny>,
    own_words: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct OutcomesProbe {
    domains: Vec<DomainProbe>,
    quotes: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct AlternativeProbe {
    narrative: String,
    events: Vec<IgnoredAny>,
    activities: Vec<ActivityProbe>,
    assumptions: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct WrapUpProbe {
    learning_points: Vec<IgnoredAny>,
    agreements: Vec<IgnoredAny>,
    follow_up_date: Option<NaiveDate>,
    notes: String,
    series_end: Option<SeriesEndProbe>,
}

#[derive(Deserialize)]
pub(super) struct SeriesEndProbe {
    reason: crate::model::EndReason,
    #[serde(default)]
    on: Option<NaiveDate>,
}

impl Probe {
    /// The list's summary: what the model says of these facts (progress, follow-up).
    pub(super) fn summary(self, path: &Path) -> Summary {
        let p = &self.preparation;
        let lb = &self.looking_back;
        let o = &self.outcomes;
        let alt = &self.alternative;
        let w = &self.wrap_up;
        let contents = Contents {
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
        };
        Summary {
            path: path.to_path_buf(),
            id: self.id,
            series_id: self.series_id,
            case_code: self.preparation.case_code.clone(),
            project: self.preparation.project.clone(),
            wave: self.preparation.wave,
            date: self.preparation.date,
            created_at: self.created_at,
            updated_at: self.updated_at,
            follow_up_due: follow_up_due(p.date, w.follow_up_date),
            retention_until: self.retention_until,
            phases_started: contents.phases_started(),
            newer_version: None,
            series_end: w.series_end.as_ref().map(|e| crate::store::SeriesEnded {
                reason: e.reason,
                on: e.on,
            }),
        }
    }
}
