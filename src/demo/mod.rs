//! The fictional demo cases a newcomer first sees: one JSON file per session under
//! `assets/demo/`, modelled on the three pilot projects of the Roermond evaluation
//! (a low-threshold participation project, students leaving school with a job coach, and
//! a resident discussed at an integral-assessment table). All names are invented aliases.
//!
//! The files leave out the shipped lists (domains, prices, payers); they are filled in
//! from the catalog here, so each demo session carries the lists it was priced with.

use crate::catalog::Catalog;
use crate::model::Session;

const FILES: &[(&str, &str)] = &[
    (
        "graasj-t0",
        include_str!("../../assets/demo/graasj-t0.json"),
    ),
    (
        "graasj-t1",
        include_str!("../../assets/demo/graasj-t1.json"),
    ),
    (
        "school-t0",
        include_str!("../../assets/demo/school-t0.json"),
    ),
    (
        "school-t1",
        include_str!("../../assets/demo/school-t1.json"),
    ),
    (
        "proeftuin-t0",
        include_str!("../../assets/demo/proeftuin-t0.json"),
    ),
    (
        "graasj-b-t0",
        include_str!("../../assets/demo/graasj-b-t0.json"),
    ),
];

/// The demo sessions, complete with the catalog's lists where a file leaves them out.
pub fn sessions(catalog: &Catalog) -> Vec<Session> {
    FILES
        .iter()
        .map(|(name, text)| {
            let mut s: Session = serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("assets/demo/{name}.json is not a valid session: {e}"));
            if s.domains.is_empty() {
                s.domains.clone_from(&catalog.domains);
            }
            if s.costs.price_list.items.is_empty() {
                s.costs.price_list = catalog.prices.clone();
                s.costs.price_list.copied_at = Some(s.created_at);
            }
            if s.costs.payers.is_empty() {
                s.costs.payers.clone_from(&catalog.payers);
            }
            s
        })
        .collect()
}

/// A large library for benchmarks: `count` session files in `sessions_dir`, copies of
/// the demo sessions with new ids and case codes (waves of one series stay together).
/// Written plainly (mode 0600, no fsync): this is test data, not a save. Returns the
/// bytes written.
pub fn write_synthetic_library(
    catalog: &Catalog,
    sessions_dir: &std::path::Path,
    count: usize,
) -> std::io::Result<u64> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let demo = sessions(catalog);
    let mut written = 0;
    let mut bytes_written = 0u64;
    let mut round = 0;
    while written < count {
        round += 1;
        let mut series = std::collections::HashMap::new();
        let mut ids = std::collections::HashMap::new();
        for d in &demo {
            if written == count {
                break;
            }
            let mut s = d.clone();
            s.id = uuid::Uuid::new_v4();
            ids.insert(d.id, s.id);
            s.series_id = *series.entry(d.series_id).or_insert_with(uuid::Uuid::new_v4);
            s.previous_session_id = d.previous_session_id.and_then(|p| ids.get(&p).copied());
            s.preparation.case_code = format!("{}-{round:05}", d.preparation.case_code);
            let bytes = crate::store::encode::session_bytes(&s).map_err(std::io::Error::other)?;
            std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(sessions_dir.join(format!("{}.json", s.id)))?
                .write_all(&bytes)?;
            written += 1;
            bytes_written += bytes.len() as u64;
        }
    }
    Ok(bytes_written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::costs::{cost_lines, summarise};
    use crate::model::validate::check;
    use std::collections::HashSet;

    #[test]
    fn every_demo_session_is_valid_and_priced() {
        let catalog = Catalog::builtin();
        let all = sessions(&catalog);
        assert!(all.len() >= 5);
        let cases: HashSet<_> = all
            .iter()
            .map(|s| s.preparation.case_code.clone())
            .collect();
        assert!(cases.len() >= 4, "at least four cases");
        for s in &all {
            assert_eq!(
                crate::model::limits::check(s),
                None,
                "every text within its limit"
            );
            let problems = check(s);
            assert!(
                problems.is_empty(),
                "{}: {problems:?}",
                s.preparation.case_code
            );
            let sum = summarise(&cost_lines(s));
            assert!(
                sum.intervention_total.0 > 0,
                "{} has real costs",
                s.preparation.case_code
            );
            assert!(
                sum.alternative_total.0 > 0,
                "{} has alternative costs",
                s.preparation.case_code
            );
            assert!(
                s.phases_started().iter().all(|b| *b),
                "{} has every phase",
                s.preparation.case_code
            );
        }
    }

    #[test]
    fn no_money_or_quantity_is_a_float_in_a_session_file() {
        fn walk(v: &serde_json::Value, path: &str, floats: &mut Vec<String>) {
            match v {
                serde_json::Value::Number(n) if n.is_f64() => floats.push(path.to_string()),
                serde_json::Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, x)| walk(x, &format!("{path}[{i}]"), floats)),
                serde_json::Value::Object(o) => o
                    .iter()
                    .for_each(|(k, x)| walk(x, &format!("{path}.{k}"), floats)),
                _ => {}
            }
        }
        for s in sessions(&Catalog::builtin()) {
            let mut floats = Vec::new();
            walk(&serde_json::to_value(&s).unwrap(), "", &mut floats);
            assert!(
                floats.is_empty(),
                "floats in {}: {floats:?}",
                s.preparation.case_code
            );
        }
    }

    #[test]
    fn a_follow_up_pair_shows_change_in_both_directions() {
        let all = sessions(&Catalog::builtin());
        let pair = all.iter().find_map(|t1| {
            let t0 = all
                .iter()
                .find(|t0| Some(t0.id) == t1.previous_session_id)?;
            Some((t0, t1))
        });
        let (t0, t1) = pair.expect("a T0/T1 pair");
        assert_eq!(t0.series_id, t1.series_id);
        let now = |s: &Session, d: &str| {
            s.outcomes
                .for_domain(d)
                .and_then(|o| o.score_now)
                .map(|x| i16::from(x.get()))
        };
        let changes: Vec<i16> = t0
            .domains
            .iter()
            .filter_map(|d| Some(now(t1, &d.id)? - now(t0, &d.id)?))
            .collect();
        assert!(
            changes.iter().any(|c| *c > 0) && changes.iter().any(|c| *c < 0),
            "{changes:?}"
        );
    }
}
