//! Settings of one data folder, in `<data-dir>/config.json`: the default retention of
//! new sessions, for a folder shared through a sync service how long another laptop's
//! lock stays valid without a heartbeat, and how many cases an anonymous aggregate needs
//! before it shows a group's figures:
//! `{"retention_months": 24, "lock_stale_seconds": 120, "anonymous_min_cases": 5}`.

use std::path::Path;

use serde::Deserialize;

use crate::model::DEFAULT_RETENTION_MONTHS;

#[derive(Debug, Clone, Default, Deserialize)]
struct File {
    retention_months: Option<u32>,
    lock_stale_seconds: Option<u64>,
    anonymous_min_cases: Option<usize>,
}

/// An anonymous aggregate shows a group's figures from this many cases on...
pub const DEFAULT_ANONYMOUS_MIN_CASES: usize = 5;
/// ...and never from fewer than this, whatever `config.json` says.
pub const LEAST_ANONYMOUS_MIN_CASES: usize = 3;

/// How many cases a group (a project, the cases that scored a life domain) of an
/// anonymous aggregate needs before its amounts and scores are shown: `config.json`'s
/// `anonymous_min_cases`, default 5, never below 3.
pub fn anonymous_min_cases(data_dir: &Path) -> usize {
    read(data_dir)
        .and_then(|f| f.anonymous_min_cases)
        .unwrap_or(DEFAULT_ANONYMOUS_MIN_CASES)
        .max(LEAST_ANONYMOUS_MIN_CASES)
}

/// Another laptop's lock counts while its heartbeat is younger than this.
pub const DEFAULT_LOCK_STALE_SECONDS: u64 = 120;

fn read(data_dir: &Path) -> Option<File> {
    std::fs::read_to_string(data_dir.join("config.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<File>(&t).ok())
}

/// How long a lock held on another laptop holds without a new heartbeat (seconds, 2 to
/// 86,400; default 120).
pub fn lock_stale_seconds(data_dir: &Path) -> u64 {
    read(data_dir)
        .and_then(|f| f.lock_stale_seconds)
        .filter(|s| (2..=86_400).contains(s))
        .unwrap_or(DEFAULT_LOCK_STALE_SECONDS)
}

/// How many months a new session is kept before `tafel purge --expired` removes it.
/// A missing or unreadable config file means the default of 24 months.
pub fn retention_months(data_dir: &Path) -> u32 {
    read(data_dir)
        .and_then(|f| f.retention_months)
        .filter(|m| (1..=1200).contains(m))
        .unwrap_or(DEFAULT_RETENTION_MONTHS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_retention_or_falls_back_to_the_default() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(retention_months(dir.path()), DEFAULT_RETENTION_MONTHS);
        std::fs::write(dir.path().join("config.json"), r#"{"retention_months": 6}"#).unwrap();
        assert_eq!(retention_months(dir.path()), 6);
        std::fs::write(dir.path().join("config.json"), "not json").unwrap();
        assert_eq!(retention_months(dir.path()), DEFAULT_RETENTION_MONTHS);
    }
}
