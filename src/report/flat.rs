//! Sessions as four flat tables for R, pandas or DuckDB: one row per session, per domain
//! score, per cost line and per life event. The column names are a stable contract,
//! listed in README.md ("Exports") and checked against it by a test.
//!
//! Conventions: money in integer cents (`*_cents`), never a float; quantities and hours
//! as exact decimals; scores as integers 0–10; booleans `true`/`false`; dates as stored
//! (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); codes (`scenario`, `unit`, `confidence`...) as the
//! snake_case values of the session file, labels in the export's language; an empty cell
//! (CSV) or `null` (JSON lines) is a missing value.

use std::collections::HashMap;
use std::fmt::Write;

use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::i18n::Lang;
use crate::model::costs::{CostLine, PriceBasis, Scenario, cost_lines, summarise};
use crate::model::{Confidence, EndReason, LifeEvent, PartialDate, Session};

/// One value in a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Bool(bool),
    Decimal(Decimal),
    Text(String),
}

impl Cell {
    /// Text, or missing when empty.
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.trim().is_empty() {
            Cell::Null
        } else {
            Cell::Text(s)
        }
    }

    fn opt_text(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Null, Cell::text)
    }

    fn int(v: impl Into<i64>) -> Cell {
        Cell::Int(v.into())
    }

    fn opt_int(v: Option<impl Into<i64>>) -> Cell {
        v.map_or(Cell::Null, |v| Cell::Int(v.into()))
    }

    fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The value as CSV text (RFC 4180 quoting).
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(v) => v.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Decimal(d) => d.normalize().to_string(),
            Cell::Text(s) => csv_quote(s),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Null => s.serialize_none(),
            Cell::Int(v) => s.serialize_i64(*v),
            Cell::Bool(b) => s.serialize_bool(*b),
            // Exact, as in the session file: a string such as "1.5".
            Cell::Decimal(d) => s.collect_str(&d.normalize()),
            Cell::Text(t) => s.serialize_str(t),
        }
    }
}

/// RFC 4180 quoting, and text that a spreadsheet would run as a formula (it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so that opening the
/// CSV in Excel or LibreOffice shows the text instead of running it (OWASP "CSV
/// injection"). Numbers are never text cells, so no number is changed; JSON lines keep
/// every text exactly.
fn csv_quote(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let needs = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// A table: its name (the CSV file name without `.csv`, the `table` field in JSON lines),
/// its columns and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(name: &'static str, columns: &'static [&'static str]) -> Table {
        Table {
            name,
            columns,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<(&'static str, Cell)>) {
        debug_assert!(
            row.iter().map(|(n, _)| *n).eq(self.columns.iter().copied()),
            "row of {} does not follow its column list: {:?}",
            self.name,
            row.iter().map(|(n, _)| *n).collect::<Vec<_>>()
        );
        self.rows.push(row.into_iter().map(|(_, c)| c).collect());
    }

    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// The table as CSV: a header line, then one line per row (UTF-8, `\n` line ends).
    pub fn to_csv(&self) -> String {
        let mut o = self.columns.join(",");
        o.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(Cell::to_csv).collect();
            o.push_str(&cells.join(","));
            o.push('\n');
        }
        o
    }

    /// The rows as objects with the column names as keys, in column order.
    pub fn objects(&self) -> impl Iterator<Item = RowObject<'_>> {
        self.rows.iter().map(|cells| RowObject {
            table: None,
            columns: self.columns,
            cells,
        })
    }
}

/// One row serialised as a JSON object, keys in column order.
pub struct RowObject<'a> {
    table: Option<&'static str>,
    columns: &'static [&'static str],
    cells: &'a [Cell],
}

impl Serialize for RowObject<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len() + 1))?;
        if let Some(t) = self.table {
            map.serialize_entry("table", t)?;
        }
        for (name, cell) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(name, cell)?;
        }
        map.end()
    }
}

pub const SESSIONS: &[&str] = &[
    "session_id",
    "series_id",
    "previous_session_id",
    "project",
    "case_code",
    "wave",
    "participant_kind",
    "session_date",
    "session_month",
    "consent_given",
    "consent_scope",
    "attendees",
    "attendees_participant",
    "attendees_direct_professional",
    "attendees_peer_professional",
    "attendees_informal_network",
    "timeline_start",
    "timeline_end",
    "timeline_ongoing",
    "reference_type",
    "events_intervention",
    "events_alternative",
    "activities_intervention",
    "activities_alternative",
    "assumptions",
    "assumptions_low",
    "assumptions_medium",
    "assumptions_high",
    "domains_scored",
    "quotes",
    "off_record",
    "intervention_total_cents",
    "alternative_total_cents",
    "difference_cents",
    "price_year",
    "alternative_range_high_cents",
    "alternative_range_high_medium_cents",
    "alternative_range_all_cents",
    "difference_range_high_cents",
    "difference_range_high_medium_cents",
    "difference_range_all_cents",
    "intervention_band_low_cents",
    "intervention_band_high_cents",
    "alternative_band_low_cents",
    "alternative_band_high_cents",
    "intervention_informal_hours",
    "alternative_informal_hours",
    "intervention_informal_value_cents",
    "alternative_informal_value_cents",
    "lines_without_price",
    "learning_points",
    "agreements",
    "follow_up_date",
    "follow_up_month",
    "series_status",
    "series_end_reason",
    "series_ended_on",
    "planned_minutes",
    "time_spent_secs",
];

pub const SCORES: &[&str] = &[
    "session_id",
    "series_id",
    "case_code",
    "wave",
    "domain_id",
    "domain_label",
    "score_start",
    "score_now",
    "score_change",
    "score_alternative",
];

pub const COST_LINES: &[&str] = &[
    "session_id",
    "series_id",
    "case_code",
    "wave",
    "scenario",
    "activity_id",
    "what",
    "organisation",
    "attendee_kind",
    "period_from",
    "period_to",
    "quantity",
    "unit",
    "basis",
    "margin_percent",
    "price_id",
    "price_label",
    "price_year",
    "unit_price_cents",
    "price_basis",
    "cost_cents",
    "index_factor",
    "indexed_cost_cents",
    "band_low_cents",
    "band_high_cents",
    "informal",
    "informal_hours",
    "informal_value_cents",
    "payer_id",
    "payer_label",
    "domain_id",
    "confidence",
];

pub const EVENTS: &[&str] = &[
    "session_id",
    "series_id",
    "case_code",
    "wave",
    "scenario",
    "event_id",
    "event_date",
    "event_date_precision",
    "domain_id",
    "domain_label",
    "raised_by_kind",
    "confidence",
    "what",
];

/// The four tables, filled session by session.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    pub sessions: Table,
    pub scores: Table,
    pub cost_lines: Table,
    pub events: Table,
    /// How each series ended (its latest wave's word), for the series columns of every
    /// session of it; a session not in it is taken for what it says itself.
    pub series_ends: HashMap<uuid::Uuid, (EndReason, Option<chrono::NaiveDate>)>,
}

impl Default for Tables {
    fn default() -> Self {
        Tables::new()
    }
}

/// The snake_case value of a serde enum, as in the session file.
/// A value's code as serde writes it (`goal_reached`), for tables and JSON keys.
pub(crate) fn code<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn confidence(c: Option<Confidence>) -> Cell {
    Cell::opt_text(c.map(|c| code(&c)))
}

fn month(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

impl Tables {
    pub fn new() -> Tables {
        Tables {
            sessions: Table::new("sessions", SESSIONS),
            scores: Table::new("scores", SCORES),
            cost_lines: Table::new("cost_lines", COST_LINES),
            events: Table::new("events", EVENTS),
            series_ends: HashMap::new(),
        }
    }

    /// The tables of one session.
    pub fn of(session: &Session, lang: Lang, anonymous: bool) -> Tables {
        let mut t = Tables::new();
        t.add(session, lang, anonymous);
        t
    }

    pub fn all(&self) -> [&Table; 4] {
        [&self.sessions, &self.scores, &self.cost_lines, &self.events]
    }

    /// Adds the rows of one session. Pass an anonymised session (see
    /// [`super::anonymous`]) with `anonymous` set: exact-date columns are then left empty
    /// and counts of left-out text (quotes, learning points) are missing, not zero.
    pub fn add(&mut self, s: &Session, lang: Lang, anonymous: bool) {
        // What the participant keeps off the record is in no table.
        let s = &*crate::model::off_record::printable(s);
        let keys = || -> Vec<(&'static str, Cell)> {
            vec![
                ("session_id", Cell::text(s.id.to_string())),
                ("series_id", Cell::text(s.series_id.to_string())),
                ("case_code", Cell::text(s.preparation.case_code.clone())),
                ("wave", Cell::int(s.preparation.wave)),
            ]
        };
        let lines = cost_lines(s);
        self.add_session(s, &lines, anonymous);
        self.add_scores(s, lang, &keys);
        for l in &lines {
            self.add_cost_line(s, l, lang, &keys);
        }
        for (scenario, events) in [
            (Scenario::Intervention, &s.looking_back.events),
            (Scenario::Alternative, &s.alternative.events),
        ] {
            let mut sorted: Vec<&LifeEvent> = events.iter().collect();
            sorted.sort_by_key(|e| e.when);
            for e in sorted {
                self.add_event(s, scenario, e, lang, &keys);
            }
        }
    }

    fn add_session(&mut self, s: &Session, lines: &[CostLine<'_>], anonymous: bool) {
        use crate::model::AttendeeKind as K;
        let p = &s.preparation;
        let sum = summarise(lines);
        let kind = |k: K| Cell::count(p.attendees.iter().filter(|a| a.kind == k).count());
        let conf = |c: Confidence| {
            Cell::count(
                s.alternative
                    .assumptions
                    .iter()
                    .filter(|a| a.confidence == c)
                    .count(),
            )
        };
        let exact = |d: Option<chrono::NaiveDate>| {
            if anonymous {
                Cell::Null
            } else {
                Cell::opt_text(d.map(|d| d.format("%Y-%m-%d").to_string()))
            }
        };
        let unless_anonymous = |n: usize| {
            if anonymous {
                Cell::Null
            } else {
                Cell::count(n)
            }
        };
        let follow_up = s.follow_up_due();
        let series_end = self
            .series_ends
            .get(&s.series_id)
            .copied()
            .or_else(|| s.wrap_up.series_end.as_ref().map(|e| (e.reason, e.on)));
        let domains_scored = s
            .outcomes
            .domains
            .iter()
            .filter(|d| d.change().is_some())
            .count();
        self.sessions.push(vec![
            ("session_id", Cell::text(s.id.to_string())),
            ("series_id", Cell::text(s.series_id.to_string())),
            (
                "previous_session_id",
                Cell::opt_text(s.previous_session_id.map(|id| id.to_string())),
            ),
            ("project", Cell::text(p.project.clone())),
            ("case_code", Cell::text(p.case_code.clone())),
            ("wave", Cell::int(p.wave)),
            ("participant_kind", Cell::text(code(&p.participant_kind))),
            ("session_date", exact(p.date)),
            ("session_month", Cell::opt_text(p.date.map(month))),
            ("consent_given", Cell::Bool(p.consent.given)),
            ("consent_scope", Cell::text(code(&p.consent.scope))),
            ("attendees", Cell::count(p.attendees.len())),
            ("attendees_participant", kind(K::Participant)),
            ("attendees_direct_professional", kind(K::DirectProfessional)),
            ("attendees_peer_professional", kind(K::PeerProfessional)),
            ("attendees_informal_network", kind(K::InformalNetwork)),
            (
                "timeline_start",
                Cell::opt_text(s.looking_back.timeline.start.map(|d| d.to_string())),
            ),
            (
                "timeline_end",
                Cell::opt_text(s.looking_back.timeline.end.map(|d| d.to_string())),
            ),
            (
                "timeline_ongoing",
                Cell::Bool(s.looking_back.timeline.ongoing),
            ),
            (
                "reference_type",
                Cell::text(code(&s.alternative.reference_type)),
            ),
            (
                "events_intervention",
                Cell::count(s.looking_back.events.len()),
            ),
            (
                "events_alternative",
                Cell::count(s.alternative.events.len()),
            ),
            (
                "activities_intervention",
                Cell::count(s.looking_back.activities.len()),
            ),
            (
                "activities_alternative",
                Cell::count(s.alternative.activities.len()),
            ),
            ("assumptions", Cell::count(s.alternative.assumptions.len())),
            ("assumptions_low", conf(Confidence::Low)),
            ("assumptions_medium", conf(Confidence::Medium)),
            ("assumptions_high", conf(Confidence::High)),
            ("domains_scored", Cell::count(domains_scored)),
            ("quotes", unless_anonymous(s.outcomes.quotes.len())),
            ("off_record", Cell::count(s.outcomes.off_record.len())),
            (
                "intervention_total_cents",
                Cell::Int(sum.intervention_total.0),
            ),
            (
                "alternative_total_cents",
                Cell::Int(sum.alternative_total.0),
            ),
            ("difference_cents", Cell::Int(sum.difference().0)),
            ("price_year", Cell::opt_int(s.costs.price_year)),
            (
                "alternative_range_high_cents",
                Cell::Int(sum.alternative_range.high.0),
            ),
            (
                "alternative_range_high_medium_cents",
                Cell::Int(sum.alternative_range.high_medium.0),
            ),
            (
                "alternative_range_all_cents",
                Cell::Int(sum.alternative_range.all.0),
            ),
            (
                "difference_range_high_cents",
                Cell::Int(sum.difference_range().high.0),
            ),
            (
                "difference_range_high_medium_cents",
                Cell::Int(sum.difference_range().high_medium.0),
            ),
            (
                "difference_range_all_cents",
                Cell::Int(sum.difference_range().all.0),
            ),
            (
                "intervention_band_low_cents",
                Cell::Int(sum.intervention_band.low.0),
            ),
            (
                "intervention_band_high_cents",
                Cell::Int(sum.intervention_band.high.0),
            ),
            (
                "alternative_band_low_cents",
                Cell::Int(sum.alternative_band.low.0),
            ),
            (
                "alternative_band_high_cents",
                Cell::Int(sum.alternative_band.high.0),
            ),
            (
                "intervention_informal_hours",
                Cell::Decimal(sum.intervention_informal_hours),
            ),
            (
                "alternative_informal_hours",
                Cell::Decimal(sum.alternative_informal_hours),
            ),
            (
                "intervention_informal_value_cents",
                Cell::opt_int(sum.intervention_informal_value.map(|c| c.0)),
            ),
            (
                "alternative_informal_value_cents",
                Cell::opt_int(sum.alternative_informal_value.map(|c| c.0)),
            ),
            ("lines_without_price", Cell::count(sum.lines_without_price)),
            (
                "learning_points",
                unless_anonymous(s.wrap_up.learning_points.len()),
            ),
            ("agreements", Cell::count(s.wrap_up.agreements.len())),
            ("follow_up_date", exact(follow_up)),
            ("follow_up_month", Cell::opt_text(follow_up.map(month))),
            (
                "series_status",
                Cell::text(if series_end.is_some() {
                    "ended"
                } else {
                    "active"
                }),
            ),
            (
                "series_end_reason",
                Cell::opt_text(series_end.map(|(r, _)| code(&r))),
            ),
            // The month only in an anonymous export, like every date.
            (
                "series_ended_on",
                match series_end.and_then(|(_, on)| on) {
                    Some(d) if anonymous => Cell::text(month(d)),
                    d => Cell::opt_text(d.map(|d| d.format("%Y-%m-%d").to_string())),
                },
            ),
            ("planned_minutes", Cell::int(p.planned_minutes)),
            (
                "time_spent_secs",
                Cell::Int(i64::try_from(s.time_spent.total()).unwrap_or(i64::MAX)),
            ),
        ]);
    }

    fn add_scores(
        &mut self,
        s: &Session,
        lang: Lang,
        keys: &dyn Fn() -> Vec<(&'static str, Cell)>,
    ) {
        let mut ids: Vec<&str> = s.domains.iter().map(|d| d.id.as_str()).collect();
        for o in &s.outcomes.domains {
            if !ids.contains(&o.domain_id.as_str()) {
                ids.push(&o.domain_id);
            }
        }
        for id in ids {
            let o = s.outcomes.for_domain(id);
            let mut row = keys();
            row.extend([
                ("domain_id", Cell::text(id)),
                ("domain_label", Cell::text(domain_label(s, id, lang))),
                (
                    "score_start",
                    Cell::opt_int(o.and_then(|o| o.score_start).map(|x| x.get())),
                ),
                (
                    "score_now",
                    Cell::opt_int(o.and_then(|o| o.score_now).map(|x| x.get())),
                ),
                ("score_change", Cell::opt_int(o.and_then(|o| o.change()))),
                (
                    "score_alternative",
                    Cell::opt_int(s.alternative.estimated_score(id).map(|x| x.get())),
                ),
            ]);
            self.scores.push(row);
        }
    }

    fn add_cost_line(
        &mut self,
        s: &Session,
        l: &CostLine<'_>,
        lang: Lang,
        keys: &dyn Fn() -> Vec<(&'static str, Cell)>,
    ) {
        let a = l.activity;
        let basis = match l.basis {
            PriceBasis::List => "list",
            PriceBasis::Override => "override",
            PriceBasis::Missing => "missing",
        };
        let attendee_kind = a
            .attendee_id
            .as_deref()
            .and_then(|id| s.attendee(id))
            .map(|x| code(&x.kind));
        let payer_label = l.payer_id.and_then(|id| {
            s.costs
                .payers
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.label.get(lang).to_string())
        });
        let mut row = keys();
        row.extend([
            ("scenario", Cell::text(code(&l.scenario))),
            ("activity_id", Cell::text(a.id.clone())),
            ("what", Cell::text(a.what.clone())),
            ("organisation", Cell::text(a.organisation.clone())),
            ("attendee_kind", Cell::opt_text(attendee_kind)),
            ("period_from", Cell::opt_text(a.from.map(|d| d.to_string()))),
            ("period_to", Cell::opt_text(a.to.map(|d| d.to_string()))),
            ("quantity", Cell::Decimal(a.quantity)),
            ("unit", Cell::text(code(&a.unit))),
            ("basis", Cell::text(code(&l.quantity_basis))),
            ("margin_percent", Cell::int(l.margin_percent)),
            ("price_id", Cell::opt_text(l.item.map(|i| i.id.clone()))),
            (
                "price_label",
                Cell::opt_text(l.item.map(|i| i.label.get(lang).to_string())),
            ),
            (
                "price_year",
                Cell::opt_int(l.item.and_then(|i| i.price_year)),
            ),
            ("unit_price_cents", Cell::opt_int(l.unit_price.map(|c| c.0))),
            ("price_basis", Cell::text(basis)),
            ("cost_cents", Cell::opt_int(l.nominal.map(|c| c.0))),
            (
                "index_factor",
                if l.cost.is_some() {
                    Cell::Decimal(l.factor.value)
                } else {
                    Cell::Null
                },
            ),
            ("indexed_cost_cents", Cell::opt_int(l.cost.map(|c| c.0))),
            ("band_low_cents", Cell::opt_int(l.band.map(|b| b.low.0))),
            ("band_high_cents", Cell::opt_int(l.band.map(|b| b.high.0))),
            ("informal", Cell::Bool(a.informal)),
            (
                "informal_hours",
                l.informal_hours.map_or(Cell::Null, Cell::Decimal),
            ),
            (
                "informal_value_cents",
                Cell::opt_int(l.informal_value.map(|c| c.0)),
            ),
            ("payer_id", Cell::opt_text(l.payer_id)),
            ("payer_label", Cell::opt_text(payer_label)),
            ("domain_id", Cell::opt_text(a.domain_id.clone())),
            ("confidence", confidence(a.confidence)),
        ]);
        self.cost_lines.push(row);
    }

    fn add_event(
        &mut self,
        s: &Session,
        scenario: Scenario,
        e: &LifeEvent,
        lang: Lang,
        keys: &dyn Fn() -> Vec<(&'static str, Cell)>,
    ) {
        let precision = e.when.map(|d| match d {
            PartialDate::Year(_) => "year",
            PartialDate::Month(..) => "month",
            PartialDate::Day(_) => "day",
        });
        let raised_by = e
            .raised_by
            .as_deref()
            .and_then(|id| s.attendee(id))
            .map(|a| code(&a.kind));
        let mut row = keys();
        row.extend([
            ("scenario", Cell::text(code(&scenario))),
            ("event_id", Cell::text(e.id.clone())),
            ("event_date", Cell::opt_text(e.when.map(|d| d.to_string()))),
            ("event_date_precision", Cell::opt_text(precision)),
            ("domain_id", Cell::opt_text(e.domain_id.clone())),
            (
                "domain_label",
                Cell::opt_text(e.domain_id.as_deref().map(|id| domain_label(s, id, lang))),
            ),
            ("raised_by_kind", Cell::opt_text(raised_by)),
            ("confidence", confidence(e.confidence)),
            ("what", Cell::text(e.what.clone())),
        ]);
        self.events.push(row);
    }

    /// One CSV file per table: `sessions.csv`, `scores.csv`, `cost_lines.csv`, `events.csv`.
    pub fn to_csv_files(&self) -> Vec<(String, String)> {
        self.all()
            .iter()
            .map(|t| (t.file_name(), t.to_csv()))
            .collect()
    }

    /// JSON lines: one object per row, its table named in the `table` field (the first
    /// key), tables in the order sessions, scores, cost lines, events.
    pub fn to_jsonl(&self) -> String {
        let mut o = String::new();
        for t in self.all() {
            for cells in &t.rows {
                let row = RowObject {
                    table: Some(t.name),
                    columns: t.columns,
                    cells,
                };
                // A row of plain values always serialises.
                let line = serde_json::to_string(&row).unwrap_or_default();
                let _ = writeln!(o, "{line}");
            }
        }
        o
    }
}

fn domain_label(s: &Session, id: &str, lang: Lang) -> String {
    s.domain(id)
        .map_or_else(|| id.to_string(), |d| d.label.get(lang).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_quote("plain"), "plain");
        assert_eq!(csv_quote("a,b"), "\"a,b\"");
        assert_eq!(csv_quote("zei \"ja\""), "\"zei \"\"ja\"\"\"");
        assert_eq!(csv_quote("twee\nregels"), "\"twee\nregels\"");
        assert_eq!(Cell::Decimal("1.50".parse().unwrap()).to_csv(), "1.5");
        assert_eq!(Cell::text("  ").to_csv(), "");
    }

    #[test]
    fn csv_text_that_a_spreadsheet_would_run_is_neutralised() {
        assert_eq!(csv_quote("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_quote("+31 6"), "'+31 6");
        assert_eq!(csv_quote("- naar school"), "'- naar school");
        assert_eq!(csv_quote("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_quote("\tx"), "'\tx");
        assert_eq!(csv_quote("a=b"), "a=b");
        assert_eq!(Cell::Int(-5).to_csv(), "-5");
        assert_eq!(Cell::Decimal("-1.5".parse().unwrap()).to_csv(), "-1.5");
        // JSON lines keep the text as typed.
        let json = serde_json::to_string(&Cell::text("=1+1")).unwrap();
        assert_eq!(json, "\"=1+1\"");
    }

    #[test]
    fn every_row_follows_its_columns_and_counts_add_up() {
        for s in crate::demo::sessions(&Catalog::builtin()) {
            let t = Tables::of(&s, Lang::Nl, false);
            for table in t.all() {
                for row in &table.rows {
                    assert_eq!(row.len(), table.columns.len(), "{}", table.name);
                }
            }
            assert_eq!(t.sessions.rows.len(), 1);
            assert_eq!(t.scores.rows.len(), s.domains.len());
            assert_eq!(
                t.cost_lines.rows.len(),
                s.looking_back.activities.len() + s.alternative.activities.len()
            );
            assert_eq!(
                t.events.rows.len(),
                s.looking_back.events.len() + s.alternative.events.len()
            );
            // The session's total is the sum of its cost lines at its price year, in cents.
            let col = |name: &str| COST_LINES.iter().position(|c| *c == name).unwrap();
            let sum: i64 = t
                .cost_lines
                .rows
                .iter()
                .filter(|r| r[col("scenario")] == Cell::Text("intervention".into()))
                .filter_map(|r| match r[col("indexed_cost_cents")] {
                    Cell::Int(v) => Some(v),
                    _ => None,
                })
                .sum();
            let total = SESSIONS
                .iter()
                .position(|c| *c == "intervention_total_cents")
                .unwrap();
            assert_eq!(t.sessions.rows[0][total], Cell::Int(sum));
        }
    }

    #[test]
    fn json_lines_name_their_table_first_and_keep_column_order() {
        let s = &crate::demo::sessions(&Catalog::builtin())[0];
        let jsonl = Tables::of(s, Lang::En, false).to_jsonl();
        let first = jsonl.lines().next().unwrap();
        assert!(
            first.starts_with(r#"{"table":"sessions","session_id":"#),
            "{first}"
        );
        for line in jsonl.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v["table"].is_string());
        }
    }
}
