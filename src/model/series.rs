//! Series of sessions: a follow-up (T1, T2, ...) starts from the wave before it.

use uuid::Uuid;

use super::outcomes::{DomainOutcome, Outcomes};
use super::preparation::{Consent, Preparation};
use super::{Costs, Session};

/// A follow-up cannot be made: the wave number has reached its limit (only a file
/// edited by hand gets there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaveLimit;

/// The next wave of `earlier`'s series: same case, project, attendees, domain list, price
/// list and payers; every phase otherwise empty. The earlier scores are not copied (the
/// screen shows them beside the new ones, read from the earlier file).
///
/// Its date is the follow-up date the table agreed, when that is today or has passed (the
/// table meets as agreed, or late), else today; either way a suggestion that typing
/// replaces.
pub fn follow_up(earlier: &Session, today: chrono::NaiveDate) -> Result<Session, WaveLimit> {
    let wave = earlier.preparation.wave.checked_add(1).ok_or(WaveLimit)?;
    let mut next = Session::new(
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
        ..next.preparation
    };
    next.outcomes = Outcomes {
        domains: earlier
            .domains
            .iter()
            .map(|d| DomainOutcome::new(&d.id))
            .collect(),
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
    for field in ["project", "case_code", "place", "facilitator_alias"] {
        next.suggested.insert(format!("preparation.{field}"));
    }
    for a in &next.preparation.attendees {
        for field in ["alias", "role", "organisation"] {
            next.suggested
                .insert(format!("preparation.attendees[{}].{field}", a.id));
        }
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendee, LifeDomain, PriceList, Quote};

    #[test]
    fn carries_the_case_over_and_leaves_the_phases_empty() {
        let mut t0 = Session::new(
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
        let t1 = follow_up(&t0, today).unwrap();
        assert_eq!(
            t1.preparation.date, t0.wrap_up.follow_up_date,
            "the agreed date, now that it has come"
        );
        t0.wrap_up.follow_up_date = chrono::NaiveDate::from_ymd_opt(2027, 1, 1);
        assert_eq!(
            follow_up(&t0, today).unwrap().preparation.date,
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
        let mut t = Session::new(vec![], PriceList::default(), vec![]);
        t.preparation.wave = u32::MAX;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(
            follow_up(&t, today).err(),
            Some(WaveLimit),
            "never wraps to T0"
        );
        t.preparation.wave = u32::MAX - 1;
        assert_eq!(follow_up(&t, today).unwrap().preparation.wave, u32::MAX);
    }
}
