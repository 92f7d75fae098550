//! Series of sessions: a follow-up (T1, T2, ...) starts from the wave before it.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::alternative::Assumption;
use super::outcomes::{DomainOutcome, Outcomes};
use super::preparation::{Consent, Preparation};
use super::scenario::{Activity, LifeEvent};
use super::wrap_up::{AgreementReview, EndReason};
use super::{Clock, Costs, Session};

/// A follow-up cannot be made: the wave number has reached its limit (only a file
/// edited by hand gets there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaveLimit;

/// The next wave of `earlier`'s series. It starts from the wave before: the same case,
/// project, attendees, domain list, price list and payers; the starting question and the
/// timeline's start; the events and activities of what happened so far (a follow-up looks
/// back over the whole trajectory, so its costs are cumulative); the alternative's story,
/// events, activities and assumptions, to confirm or revise, each assumption to be checked
/// (did it hold?); and the earlier agreements, each to get an outcome. Every copied item
/// says which wave it came from. The earlier scores are not copied (the screen shows them
/// beside the new ones, read from the earlier file).
///
/// Its date is the follow-up date the table agreed, when that is today or has passed (the
/// table meets as agreed, or late), else today; either way a suggestion that typing
/// replaces.
pub fn follow_up(earlier: &Session, clock: &Clock) -> Result<Session, WaveLimit> {
    let today = clock.today();
    let wave = earlier.preparation.wave.checked_add(1).ok_or(WaveLimit)?;
    let mut next = Session::new(
        clock,
        earlier.domains.clone(),
        earlier.costs.price_list.clone(),
        earlier.costs.payers.clone(),
    );
    next.id = Uuid::new_v4();
    next.series_id = earlier.series_id;
    next.previous_session_id = Some(earlier.id);
    let p = &earlier.preparation;
    next.preparation = Preparation {
        project: p.project.clone(),
        case_code: p.case_code.clone(),
        participant_kind: p.participant_kind,
        place: p.place.clone(),
        facilitator_alias: p.facilitator_alias.clone(),
        wave,
        attendees: p.attendees.clone(),
        consent: Consent::default(),
        starting_question: p.starting_question.clone(),
        ..next.preparation
    };
    // Items keep the wave they were first recorded at.
    let from = |w: Option<u32>| Some(w.unwrap_or(p.wave));
    let lb = &earlier.looking_back;
    next.looking_back.timeline.start = lb.timeline.start;
    next.looking_back.events = lb
        .events
        .iter()
        .map(|e| LifeEvent {
            from_wave: from(e.from_wave),
            ..e.clone()
        })
        .collect();
    let activity = |a: &Activity| Activity {
        from_wave: from(a.from_wave),
        ..a.clone()
    };
    next.looking_back.activities = lb.activities.iter().map(activity).collect();
    let alt = &earlier.alternative;
    next.alternative.reference_type = alt.reference_type;
    next.alternative.narrative.clone_from(&alt.narrative);
    next.alternative.events = alt
        .events
        .iter()
        .map(|e| LifeEvent {
            from_wave: from(e.from_wave),
            ..e.clone()
        })
        .collect();
    next.alternative.activities = alt.activities.iter().map(activity).collect();
    next.alternative.assumptions = alt
        .assumptions
        .iter()
        .map(|a| Assumption {
            from_wave: from(a.from_wave),
            held: None,
            held_comment: String::new(),
            ..a.clone()
        })
        .collect();
    let w = &earlier.wrap_up;
    next.wrap_up.earlier_agreements = w
        .agreements
        .iter()
        .map(|a| AgreementReview {
            what: a.what.clone(),
            who: a.who.clone(),
            when: a.when,
            from_wave: p.wave,
            status: None,
            comment: String::new(),
        })
        .collect();
    next.wrap_up.earlier_pulse_owner.clone_from(&w.pulse_owner);
    next.outcomes = Outcomes {
        domains: earlier
            .domains
            .iter()
            .map(|d| DomainOutcome::new(&d.id))
            .collect(),
        second_view: earlier.outcomes.second_view,
        ..Outcomes::default()
    };
    next.costs = Costs {
        informal_valuation: earlier.costs.informal_valuation.clone(),
        ..next.costs
    };
    next.preparation.date = Some(
        earlier
            .wrap_up
            .follow_up_date
            .filter(|agreed| *agreed <= today)
            .unwrap_or(today),
    );
    next.costs.price_year = next.preparation.date.map(|d| chrono::Datelike::year(&d));
    // What was copied is a suggestion to confirm: typing over it replaces it.
    for field in [
        "project",
        "case_code",
        "place",
        "facilitator_alias",
        "starting_question",
    ] {
        next.suggested.insert(format!("preparation.{field}"));
    }
    next.suggested.insert("alternative.narrative".into());
    for a in &next.preparation.attendees {
        for field in ["alias", "role", "organisation"] {
            next.suggested
                .insert(format!("preparation.attendees[{}].{field}", a.id));
        }
    }
    Ok(next)
}

/// How each series ended, given (series, wave, how that wave ended it) for its sessions:
/// the latest wave decides, so a series that went on after an ended wave goes on.
pub fn latest_ends(
    waves: impl IntoIterator<Item = (Uuid, u32, Option<(EndReason, Option<NaiveDate>)>)>,
) -> HashMap<Uuid, (EndReason, Option<NaiveDate>)> {
    type Latest = (u32, Option<(EndReason, Option<NaiveDate>)>);
    let mut latest: HashMap<Uuid, Latest> = HashMap::new();
    for (series, wave, end) in waves {
        let e = latest.entry(series).or_insert((wave, end));
        if wave > e.0 {
            *e = (wave, end);
        } else if wave == e.0 && e.1.is_none() {
            e.1 = end;
        }
    }
    latest
        .into_iter()
        .filter_map(|(id, (_, end))| end.map(|e| (id, e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendee, LifeDomain, PriceList, Quote};

    #[test]
    fn carries_the_case_over_and_leaves_the_phases_empty() {
        let mut t0 = Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        );
        t0.preparation.case_code = "GR-01".into();
        t0.preparation.project = "De Graasj".into();
        t0.preparation.attendees.push(Attendee {
            id: "p1".into(),
            alias: "Sam".into(),
            ..Attendee::default()
        });
        t0.preparation.consent.given = true;
        t0.outcomes.quotes.push(Quote {
            text: "Ik slaap weer.".into(),
            ..Quote::default()
        });
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        t0.wrap_up.follow_up_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 2);
        let t1 = follow_up(&t0, &crate::model::clock::test_clock()).unwrap();
        assert_eq!(
            t1.preparation.date, t0.wrap_up.follow_up_date,
            "the agreed date, now that it has come"
        );
        t0.wrap_up.follow_up_date = chrono::NaiveDate::from_ymd_opt(2027, 1, 1);
        assert_eq!(
            follow_up(&t0, &crate::model::clock::test_clock())
                .unwrap()
                .preparation
                .date,
            Some(today),
            "a table held early is dated today"
        );
        assert_ne!(t1.id, t0.id);
        assert_eq!(t1.series_id, t0.series_id);
        assert_eq!(t1.previous_session_id, Some(t0.id));
        assert_eq!(t1.wave_label(), "T1");
        assert_eq!(t1.preparation.case_code, "GR-01");
        assert_eq!(t1.preparation.attendees, t0.preparation.attendees);
        assert!(
            !t1.preparation.consent.given,
            "consent is asked again at every session"
        );
        assert!(t1.outcomes.quotes.is_empty());
        assert_eq!(t1.outcomes.domains.len(), 1);
        assert_eq!(t1.domains, t0.domains);
    }

    #[test]
    fn the_last_wave_number_has_no_follow_up() {
        let mut t = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        t.preparation.wave = u32::MAX;
        assert_eq!(
            follow_up(&t, &crate::model::clock::test_clock()).err(),
            Some(WaveLimit),
            "never wraps to T0"
        );
        t.preparation.wave = u32::MAX - 1;
        assert_eq!(
            follow_up(&t, &crate::model::clock::test_clock())
                .unwrap()
                .preparation
                .wave,
            u32::MAX
        );
    }

    #[test]
    fn a_follow_up_starts_from_the_wave_before_and_marks_what_it_took_over() {
        let catalog = crate::catalog::Catalog::builtin();
        let t0 = crate::demo::sessions(&catalog).remove(0);
        assert_eq!(t0.preparation.wave, 0);
        let t1 = follow_up(&t0, &crate::model::clock::test_clock()).unwrap();
        assert_eq!(
            t1.preparation.starting_question,
            t0.preparation.starting_question
        );
        assert_eq!(
            t1.looking_back.timeline.start,
            t0.looking_back.timeline.start
        );
        assert_eq!(
            t1.looking_back.activities.len(),
            t0.looking_back.activities.len()
        );
        assert!(
            t1.looking_back
                .activities
                .iter()
                .all(|a| a.from_wave == Some(0))
        );
        assert!(
            t1.looking_back
                .events
                .iter()
                .all(|e| e.from_wave == Some(0))
        );
        assert!(
            t1.alternative
                .activities
                .iter()
                .all(|a| a.from_wave == Some(0))
        );
        assert!(
            t1.alternative
                .assumptions
                .iter()
                .all(|a| a.from_wave == Some(0) && a.held.is_none())
        );
        assert_eq!(
            t1.wrap_up.earlier_agreements.len(),
            t0.wrap_up.agreements.len()
        );
        assert!(
            t1.wrap_up
                .earlier_agreements
                .iter()
                .all(|a| a.status.is_none())
        );
        assert_eq!(t1.wrap_up.earlier_pulse_owner, t0.wrap_up.pulse_owner);
        assert!(
            t1.wrap_up.agreements.is_empty(),
            "new agreements start empty"
        );
        // A cumulative look back: the same costs so far, before the table extends them.
        let sum = |s: &Session| {
            crate::model::costs::summarise(&crate::model::costs::cost_lines_at(s, Some(2025)))
                .intervention_total
        };
        assert_eq!(sum(&t1), sum(&t0));
        // A T2 keeps the wave an item was first recorded at.
        let t2 = follow_up(&t1, &crate::model::clock::test_clock()).unwrap();
        assert!(
            t2.looking_back
                .activities
                .iter()
                .all(|a| a.from_wave == Some(0))
        );
        assert!(
            t2.wrap_up.earlier_agreements.is_empty(),
            "T1 agreed nothing yet"
        );
    }

    #[test]
    fn the_latest_wave_decides_whether_a_series_ended() {
        let a = Uuid::new_v4();
        let b = Uuid::new_v4();
        let moved = Some((EndReason::MovedAway, None));
        let ends = latest_ends([(a, 0, None), (a, 1, moved), (b, 0, moved), (b, 1, None)]);
        assert_eq!(ends.get(&a), Some(&(EndReason::MovedAway, None)));
        assert!(!ends.contains_key(&b), "it went on after an earlier end");
    }
}
