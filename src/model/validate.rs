//! Checks a session beyond what its types guarantee: every reference points at
//! something that exists, ids are unique, overrides have reasons, no real identifiers.

use std::collections::HashSet;

use super::Session;
use super::scenario::Activity;

/// One thing wrong with a session, with where it is (a JSON path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

pub fn check(s: &Session) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |path: String, message: String| out.push(Problem { path, message });

    let domains: HashSet<&str> = s.domains.iter().map(|d| d.id.as_str()).collect();
    let attendees: HashSet<&str> = s
        .preparation
        .attendees
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let prices: HashSet<&str> = s
        .costs
        .price_list
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    let payers: HashSet<&str> = s.costs.payers.iter().map(|p| p.id.as_str()).collect();

    for (path, ids) in [
        (
            "domains",
            s.domains.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ),
        (
            "preparation.attendees",
            s.preparation
                .attendees
                .iter()
                .map(|a| a.id.as_str())
                .collect(),
        ),
        (
            "looking_back.events",
            s.looking_back
                .events
                .iter()
                .map(|e| e.id.as_str())
                .collect(),
        ),
        (
            "looking_back.activities",
            s.looking_back
                .activities
                .iter()
                .map(|a| a.id.as_str())
                .collect(),
        ),
        (
            "alternative.events",
            s.alternative.events.iter().map(|e| e.id.as_str()).collect(),
        ),
        (
            "alternative.activities",
            s.alternative
                .activities
                .iter()
                .map(|a| a.id.as_str())
                .collect(),
        ),
        (
            "alternative.assumptions",
            s.alternative
                .assumptions
                .iter()
                .map(|a| a.id.as_str())
                .collect(),
        ),
        (
            "outcomes.quotes",
            s.outcomes.quotes.iter().map(|q| q.id.as_str()).collect(),
        ),
        (
            "costs.price_list.items",
            s.costs
                .price_list
                .items
                .iter()
                .map(|i| i.id.as_str())
                .collect(),
        ),
        (
            "costs.payers",
            s.costs.payers.iter().map(|p| p.id.as_str()).collect(),
        ),
    ] {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                push(path.to_string(), format!("the id '{id}' is used twice"));
            }
        }
    }

    let code = s.preparation.case_code.trim();
    if code.len() == 9 && code.chars().all(|c| c.is_ascii_digit()) {
        push(
            "preparation.case_code".into(),
            "the case code looks like a BSN; use a pseudonym".into(),
        );
    }

    let check_domain = |path: String, id: &Option<String>, out: &mut Vec<(String, String)>| {
        if let Some(id) = id.as_deref().filter(|id| !domains.contains(id)) {
            out.push((path, format!("unknown life domain '{id}'")));
        }
    };
    let mut refs: Vec<(String, String)> = Vec::new();
    for (i, d) in s.outcomes.domains.iter().enumerate() {
        check_domain(
            format!("outcomes.domains[{i}]"),
            &Some(d.domain_id.clone()),
            &mut refs,
        );
    }
    for (i, d) in s.alternative.estimated_scores.iter().enumerate() {
        check_domain(
            format!("alternative.estimated_scores[{i}]"),
            &Some(d.domain_id.clone()),
            &mut refs,
        );
    }
    for (scenario, events) in [
        ("looking_back", &s.looking_back.events),
        ("alternative", &s.alternative.events),
    ] {
        for (i, e) in events.iter().enumerate() {
            let path = format!("{scenario}.events[{i}]");
            check_domain(path.clone(), &e.domain_id, &mut refs);
            if let Some(a) = e.raised_by.as_deref().filter(|a| !attendees.contains(a)) {
                refs.push((path, format!("unknown attendee '{a}'")));
            }
        }
    }
    for (scenario, acts) in [
        ("looking_back", &s.looking_back.activities),
        ("alternative", &s.alternative.activities),
    ] {
        for (i, a) in acts.iter().enumerate() {
            let path = format!("{scenario}.activities[{i}]");
            check_domain(path.clone(), &a.domain_id, &mut refs);
            check_activity(a, &path, &attendees, &prices, &payers, &mut refs);
        }
    }
    for (i, q) in s.outcomes.quotes.iter().enumerate() {
        check_domain(format!("outcomes.quotes[{i}]"), &q.domain_id, &mut refs);
    }
    for (i, item) in s.costs.price_list.items.iter().enumerate() {
        if let Some(p) = item
            .default_payer
            .as_deref()
            .filter(|p| !payers.contains(p))
        {
            refs.push((
                format!("costs.price_list.items[{i}]"),
                format!("unknown payer '{p}'"),
            ));
        }
    }
    for (i, a) in s.preparation.attendees.iter().enumerate() {
        if let Some(p) = a.payer_id.as_deref().filter(|p| !payers.contains(p)) {
            refs.push((
                format!("preparation.attendees[{i}]"),
                format!("unknown payer '{p}'"),
            ));
        }
    }
    let t = &s.looking_back.timeline;
    if let (Some(start), Some(end)) = (t.start, t.end)
        && end < start
    {
        refs.push((
            "looking_back.timeline".into(),
            "the end is before the start".into(),
        ));
    }
    for (path, message) in refs {
        push(path, message);
    }
    out
}

fn check_activity(
    a: &Activity,
    path: &str,
    attendees: &HashSet<&str>,
    prices: &HashSet<&str>,
    payers: &HashSet<&str>,
    out: &mut Vec<(String, String)>,
) {
    if let Some(id) = a
        .attendee_id
        .as_deref()
        .filter(|id| !attendees.contains(id))
    {
        out.push((path.to_string(), format!("unknown attendee '{id}'")));
    }
    if let Some(id) = a.price_id.as_deref().filter(|id| !prices.contains(id)) {
        out.push((path.to_string(), format!("unknown price item '{id}'")));
    }
    if let Some(id) = a.payer_id.as_deref().filter(|id| !payers.contains(id)) {
        out.push((path.to_string(), format!("unknown payer '{id}'")));
    }
    if a.quantity.is_sign_negative() {
        out.push((path.to_string(), "the quantity is negative".into()));
    }
    if let Some(o) = &a.price_override
        && o.reason.trim().is_empty()
    {
        out.push((path.to_string(), "a price override needs a reason".into()));
    }
    if let (Some(h), Some(w)) = (a.hours_per_week, a.weeks)
        && h.checked_mul(w) != Some(a.quantity)
    {
        out.push((
            path.to_string(),
            format!(
                "quantity {} is not hours per week {h} × weeks {w}",
                a.quantity
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::PriceOverride;
    use crate::model::{LifeDomain, PriceList};

    #[test]
    fn a_fresh_session_is_valid() {
        let s = Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        );
        assert_eq!(check(&s), vec![]);
    }

    #[test]
    fn finds_dangling_references_duplicates_and_bsn_like_codes() {
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        s.preparation.case_code = "123456782".into();
        s.looking_back.activities = vec![
            Activity {
                id: "a1".into(),
                price_id: Some("nope".into()),
                price_override: Some(PriceOverride::default()),
                ..Activity::default()
            },
            Activity {
                id: "a1".into(),
                domain_id: Some("geld".into()),
                ..Activity::default()
            },
        ];
        let problems = check(&s);
        let text: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
        for want in [
            "used twice",
            "BSN",
            "unknown price item 'nope'",
            "needs a reason",
            "unknown life domain 'geld'",
        ] {
            assert!(
                text.iter().any(|t| t.contains(want)),
                "{want} not in {text:?}"
            );
        }
    }

    #[test]
    fn hours_beyond_any_decimal_are_reported_not_a_crash() {
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        s.looking_back.activities = vec![Activity {
            id: "a1".into(),
            hours_per_week: Some(rust_decimal::Decimal::MAX),
            weeks: Some(rust_decimal::Decimal::MAX),
            ..Activity::default()
        }];
        let problems = check(&s);
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("hours per week")),
            "{problems:?}"
        );
        s.looking_back.activities[0]
            .set_hours_per_week(rust_decimal::Decimal::MAX, rust_decimal::Decimal::from(2));
        assert_eq!(
            s.looking_back.activities[0].quantity,
            rust_decimal::Decimal::MAX
        );
    }

    #[test]
    fn time_spent_adds_up_without_overflow() {
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        *s.time_spent.get_mut(crate::model::Phase::Outcomes) = u64::MAX;
        *s.time_spent.get_mut(crate::model::Phase::Costs) = 10;
        assert_eq!(s.time_spent.total(), u64::MAX);
    }
}
