//! Dates as people say them at the table: an exact day (`12-3-2026`), a month
//! (`maart 2026`, `3-2026`) or only a year. Stored as ISO text (`2026-03-12`, `2026-03`,
//! `2026`) so files stay readable and sortable.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

/// Month names, for reading dates typed in Dutch (and writing them, see `i18n::format`).
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
/// Month names, for reading dates typed in English.
pub const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Why typed text is not a date. The message gives examples of what works.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date; type for example 12-3-2026, 3-2026, maart 2026 or 2026")]
pub struct DateParseError(pub String);

impl PartialDate {
    /// The first day covered, for ordering and for month arithmetic.
    pub fn first_day(self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            PartialDate::Day(d) => Some(d),
        }
        .unwrap_or(NaiveDate::MIN)
    }

    /// The last day covered (the end of the month or year).
    pub fn last_day(self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .and_then(|d| d.pred_opt()),
            PartialDate::Day(d) => Some(d),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// Whole weeks from the start of `from` to the end of `to` (rounded to the nearest
    /// week, at least one), for the hours helper; none when `to` is before `from`.
    pub fn weeks_between(from: PartialDate, to: PartialDate) -> Option<u32> {
        let days = (to.last_day() - from.first_day()).num_days() + 1;
        if days <= 0 || days > 200 * 366 {
            return None;
        }
        let weeks = u32::try_from((days + 3) / 7).ok()?;
        Some(weeks.max(1))
    }

    /// Coarsens to month precision (for anonymous exports).
    pub fn to_month(self) -> PartialDate {
        match self {
            PartialDate::Day(d) => PartialDate::Month(d.year(), d.month()),
            other => other,
        }
    }

    /// Parses what a person types, Dutch or English style.
    pub fn parse_human(input: &str) -> Result<PartialDate, DateParseError> {
        let err = || DateParseError(input.trim().to_string());
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(err());
        }
        // ISO forms first: 2026-03-12, 2026-03, 2026
        if let Ok(d) = s.parse::<PartialDate>() {
            return Ok(d);
        }
        // "maart 2026", "mrt 2026", "march 2026", "12 maart 2026"
        let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        if let Some(month) = words.iter().find_map(|w| month_from_word(w)) {
            let numbers: Vec<u32> = words
                .iter()
                .filter_map(|w| w.trim_end_matches('.').parse().ok())
                .collect();
            return match numbers.as_slice() {
                [year] if *year >= 1900 => Ok(PartialDate::Month(*year as i32, month)),
                [day, year] if *year >= 1900 => NaiveDate::from_ymd_opt(*year as i32, month, *day)
                    .map(PartialDate::Day)
                    .ok_or_else(err),
                _ => Err(err()),
            };
        }
        // 12-3-2026, 12/3/2026, 12.3.2026, 3-2026
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
        match nums.as_deref() {
            Some([d, m, y]) if *y >= 1900 => NaiveDate::from_ymd_opt(*y as i32, *m, *d)
                .map(PartialDate::Day)
                .ok_or_else(err),
            Some([m, y]) if *y >= 1900 && (1..=12).contains(m) => {
                Ok(PartialDate::Month(*y as i32, *m))
            }
            _ => Err(err()),
        }
    }
}

/// Parses an exact date typed by a person (`12-3-2026`, `2026-03-12`, `12 maart 2026`).
pub fn parse_day(input: &str) -> Result<NaiveDate, DateParseError> {
    match PartialDate::parse_human(input)? {
        PartialDate::Day(d) => Ok(d),
        _ => Err(DateParseError(input.trim().to_string())),
    }
}

fn month_from_word(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    if w.len() < 3 || w.chars().any(|c| !c.is_alphabetic()) {
        return None;
    }
    let abbreviations = [("mrt", 3), ("okt", 10), ("sept", 9)];
    if let Some((_, m)) = abbreviations.iter().find(|(a, _)| *a == w) {
        return Some(*m);
    }
    MONTHS_NL
        .iter()
        .zip(MONTHS_EN.iter())
        .position(|(nl, en)| nl.starts_with(w) || en.starts_with(w))
        .map(|i| i as u32 + 1)
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    /// Chronological by first day; a coarser date sorts before a finer one on the same day.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let rank = |d: &PartialDate| match d {
            PartialDate::Year(_) => 0,
            PartialDate::Month(..) => 1,
            PartialDate::Day(_) => 2,
        };
        (self.first_day(), rank(self)).cmp(&(other.first_day(), rank(other)))
    }
}

impl fmt::Display for PartialDate {
    /// ISO form, as stored.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateParseError;
    /// Strict ISO form: `2026`, `2026-03` or `2026-03-12`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| -> Option<u32> {
            (!p.is_empty() && p.chars().all(|c| c.is_ascii_digit())).then(|| p.parse().ok())?
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => num(y).map(|y| PartialDate::Year(y as i32)).ok_or_else(err),
            [y, m] if y.len() == 4 && m.len() == 2 => match (num(y), num(m)) {
                (Some(y), Some(m)) if (1..=12).contains(&m) => Ok(PartialDate::Month(y as i32, m)),
                _ => Err(err()),
            },
            [y, _, _] if y.len() == 4 => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(PartialDate::Day)
                .map_err(|_| err()),
            _ => Err(err()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A date known to the year (2026), month (2026-03) or day (2026-03-12).",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> PartialDate {
        PartialDate::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn weeks_run_from_the_first_to_the_last_day_covered() {
        let m = |y, m| PartialDate::Month(y, m);
        // January to June 2025: 181 days, 25.9 weeks.
        assert_eq!(PartialDate::weeks_between(m(2025, 1), m(2025, 6)), Some(26));
        assert_eq!(PartialDate::weeks_between(m(2025, 3), m(2025, 3)), Some(4));
        assert_eq!(
            PartialDate::weeks_between(PartialDate::Year(2024), PartialDate::Year(2024)),
            Some(52)
        );
        assert_eq!(
            PartialDate::weeks_between(day(2026, 1, 1), day(2026, 1, 1)),
            Some(1)
        );
        assert_eq!(PartialDate::weeks_between(m(2025, 6), m(2025, 1)), None);
        assert_eq!(
            m(2024, 2).last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn parses_dutch_and_english_input() {
        let cases = [
            ("12-3-2026", day(2026, 3, 12)),
            ("12/03/2026", day(2026, 3, 12)),
            ("2026-03-12", day(2026, 3, 12)),
            ("maart 2026", PartialDate::Month(2026, 3)),
            ("Mrt 2026", PartialDate::Month(2026, 3)),
            ("march 2026", PartialDate::Month(2026, 3)),
            ("12 maart 2026", day(2026, 3, 12)),
            ("okt. 2025", PartialDate::Month(2025, 10)),
            ("3-2026", PartialDate::Month(2026, 3)),
            ("2026-03", PartialDate::Month(2026, 3)),
            ("2026", PartialDate::Year(2026)),
        ];
        for (text, want) in cases {
            assert_eq!(PartialDate::parse_human(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn refuses_non_dates_with_examples() {
        for text in [
            "31-2-2026",
            "morgen",
            "13-2026",
            "12-3",
            "",
            "maart",
            "2026-13",
        ] {
            let e = PartialDate::parse_human(text).unwrap_err();
            assert!(e.to_string().contains("12-3-2026"), "{text}: {e}");
        }
    }

    #[test]
    fn stores_iso() {
        let json = serde_json::to_string(&PartialDate::Month(2026, 3)).unwrap();
        assert_eq!(json, "\"2026-03\"");
        let back: PartialDate = serde_json::from_str(&json).unwrap();
        assert_eq!(back, PartialDate::Month(2026, 3));
        assert!(serde_json::from_str::<PartialDate>("\"maart\"").is_err());
    }

    #[test]
    fn coarsens_to_month() {
        assert_eq!(day(2026, 3, 12).to_month(), PartialDate::Month(2026, 3));
        assert!(PartialDate::Year(2025) < PartialDate::Month(2025, 2));
    }
}
