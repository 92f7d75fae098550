//! Two sessions side by side, normally two waves of one case: scores per life domain with
//! the change, costs per scenario and payer with the change, what happened since the
//! earlier session next to what the table then assumed, and the participant's own words.
//!
//! Changes are changes in the participant's own judgement, not proof of effect.

use serde::Serialize;

use super::alternative::Held;
use super::costs::{CostSummary, Range, cost_lines_at, summarise};
use super::dates::PartialDate;
use super::{AgreementStatus, Confidence, Localized, Session};

/// One life domain in both sessions, matched by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainChange {
    pub domain_id: String,
    pub label: Localized,
    pub in_earlier: bool,
    pub in_later: bool,
    pub earlier_start: Option<u8>,
    pub earlier_now: Option<u8>,
    pub later_start: Option<u8>,
    pub later_now: Option<u8>,
    /// Later "now" minus earlier "now".
    pub change: Option<i16>,
    pub earlier_estimated: Option<u8>,
    pub later_estimated: Option<u8>,
    pub earlier_words: String,
    /// The professionals' view, when they gave one.
    pub earlier_professionals: Option<u8>,
    pub later_professionals: Option<u8>,
    pub later_words: String,
}

/// One payer's totals in both sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayerChange {
    pub payer_id: String,
    pub label: Localized,
    pub earlier_actual_cents: i64,
    pub earlier_alternative_cents: i64,
    pub later_actual_cents: i64,
    pub later_alternative_cents: i64,
}

impl PayerChange {
    pub fn actual_change_cents(&self) -> i64 {
        self.later_actual_cents - self.earlier_actual_cents
    }
    pub fn alternative_change_cents(&self) -> i64 {
        self.later_alternative_cents - self.earlier_alternative_cents
    }
}

/// An event of the later session that the earlier one did not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewEvent {
    pub when: Option<PartialDate>,
    pub what: String,
    pub domain_id: Option<String>,
}

/// What the table assumed, at the earlier session, about the alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EarlierAssumption {
    pub text: String,
    pub confidence: Confidence,
}

/// A session as it takes part in a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    pub id: uuid::Uuid,
    pub series_id: uuid::Uuid,
    pub case_code: String,
    pub project: String,
    pub wave: String,
    pub date: Option<chrono::NaiveDate>,
    pub actual_total_cents: i64,
    pub alternative_total_cents: i64,
    /// Alternative minus actual at each confidence level.
    pub difference_range: Range,
}

/// An agreement of the earlier wave and how it went, as the later wave recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementOutcome {
    pub text: String,
    pub who: String,
    pub status: Option<AgreementStatus>,
    pub comment: String,
}

/// An assumption about the alternative made at the earlier wave, and whether it held, as
/// the later wave recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssumptionCheck {
    pub text: String,
    pub confidence: Confidence,
    pub held: Option<Held>,
    pub comment: String,
}

/// The comparison of two sessions (`earlier` is the lower wave, or the earlier date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Both sessions' amounts are at this price level (the later one's, else the
    /// earlier one's); none: both as listed.
    pub price_year: Option<i32>,
    pub earlier: Side,
    pub later: Side,
    /// False when the sessions belong to different cases; the comparison still works.
    pub same_series: bool,
    pub domains: Vec<DomainChange>,
    pub payers: Vec<PayerChange>,
    pub new_events: Vec<NewEvent>,
    pub earlier_assumptions: Vec<EarlierAssumption>,
    /// The earlier wave's agreements with how they went (empty when the later wave did
    /// not look back on them).
    pub agreements: Vec<AgreementOutcome>,
    /// The earlier wave's assumptions with whether they held: those the later wave took
    /// over and checked, else the earlier ones with nothing said.
    pub assumptions_checked: Vec<AssumptionCheck>,
}

fn side(s: &Session, sum: &CostSummary) -> Side {
    Side {
        id: s.id,
        series_id: s.series_id,
        case_code: s.preparation.case_code.clone(),
        project: s.preparation.project.clone(),
        wave: s.wave_label(),
        date: s.preparation.date,
        actual_total_cents: sum.intervention_total.0,
        alternative_total_cents: sum.alternative_total.0,
        difference_range: sum.difference_range(),
    }
}

/// Orders two sessions: the lower wave first, then the earlier date.
pub fn order<'a>(a: &'a Session, b: &'a Session) -> (&'a Session, &'a Session) {
    let key = |s: &Session| (s.preparation.wave, s.preparation.date, s.created_at);
    if key(a) <= key(b) { (a, b) } else { (b, a) }
}

/// Compares two sessions in either order.
pub fn compare(a: &Session, b: &Session) -> Comparison {
    // What the participant keeps off the record is in no comparison.
    let (a, b) = (
        &*super::off_record::printable(a),
        &*super::off_record::printable(b),
    );
    let (earlier, later) = order(a, b);
    // One price level for both waves, so their amounts can be set side by side. An older
    // earlier file without index series borrows the later one's.
    let price_year = later.costs.price_year.or(earlier.costs.price_year);
    let mut earlier_indexed;
    let earlier_priced = if earlier.costs.price_list.index.is_empty() {
        earlier_indexed = earlier.clone();
        earlier_indexed
            .costs
            .price_list
            .index
            .clone_from(&later.costs.price_list.index);
        &earlier_indexed
    } else {
        earlier
    };
    let e_sum = summarise(&cost_lines_at(earlier_priced, price_year));
    let l_sum = summarise(&cost_lines_at(later, price_year));

    // Domains: the earlier list in its order, then what only the later one has.
    let mut ids: Vec<&str> = earlier.domains.iter().map(|d| d.id.as_str()).collect();
    for d in &later.domains {
        if !ids.contains(&d.id.as_str()) {
            ids.push(&d.id);
        }
    }
    let score = |s: &Session, id: &str| s.outcomes.for_domain(id).cloned();
    let domains = ids
        .into_iter()
        .map(|id| {
            let label = later
                .domain(id)
                .or_else(|| earlier.domain(id))
                .map(|d| d.label.clone())
                .unwrap_or_default();
            let e = score(earlier, id);
            let l = score(later, id);
            let get = |o: &Option<super::DomainOutcome>, start: bool| {
                o.as_ref()
                    .and_then(|o| if start { o.score_start } else { o.score_now })
                    .map(super::Score::get)
            };
            let (earlier_now, later_now) = (get(&e, false), get(&l, false));
            DomainChange {
                domain_id: id.to_string(),
                label,
                in_earlier: earlier.domain(id).is_some(),
                in_later: later.domain(id).is_some(),
                earlier_start: get(&e, true),
                earlier_now,
                later_start: get(&l, true),
                later_now,
                change: earlier_now
                    .zip(later_now)
                    .map(|(a, b)| i16::from(b) - i16::from(a)),
                earlier_estimated: earlier
                    .alternative
                    .estimated_score(id)
                    .map(super::Score::get),
                later_estimated: later.alternative.estimated_score(id).map(super::Score::get),
                earlier_professionals: e
                    .as_ref()
                    .and_then(|o| o.score_professionals)
                    .map(super::Score::get),
                later_professionals: l
                    .as_ref()
                    .and_then(|o| o.score_professionals)
                    .map(super::Score::get),
                earlier_words: e.map(|o| o.own_words).unwrap_or_default(),
                later_words: l.map(|o| o.own_words).unwrap_or_default(),
            }
        })
        .collect();

    let mut payer_ids: Vec<&String> = e_sum
        .per_payer
        .keys()
        .chain(l_sum.per_payer.keys())
        .collect();
    payer_ids.sort();
    payer_ids.dedup();
    payer_ids.sort_by_key(|id| super::costs::payer_rank(&later.costs.payers, id));
    let payers = payer_ids
        .into_iter()
        .map(|id| {
            let label = later
                .costs
                .payers
                .iter()
                .chain(&earlier.costs.payers)
                .find(|p| &p.id == id)
                .map(|p| p.label.clone())
                .unwrap_or_else(|| Localized::new(id, id));
            let e = e_sum.per_payer.get(id).cloned().unwrap_or_default();
            let l = l_sum.per_payer.get(id).cloned().unwrap_or_default();
            PayerChange {
                payer_id: id.clone(),
                label,
                earlier_actual_cents: e.intervention.0,
                earlier_alternative_cents: e.alternative.0,
                later_actual_cents: l.intervention.0,
                later_alternative_cents: l.alternative.0,
            }
        })
        .collect();

    // New: not in the earlier session, and not from before it (to the month).
    let seen = |what: &str| {
        earlier
            .looking_back
            .events
            .iter()
            .any(|e| e.what.trim() == what.trim())
    };
    let since = earlier
        .preparation
        .date
        .map(|d| PartialDate::Day(d).to_month().first_day());
    let after = |when: Option<PartialDate>| match (when, since) {
        (Some(w), Some(s)) => w.first_day() >= s,
        _ => true,
    };
    let mut new_events: Vec<NewEvent> = later
        .looking_back
        .events
        .iter()
        .filter(|e| !seen(&e.what) && after(e.when))
        .map(|e| NewEvent {
            when: e.when,
            what: e.what.clone(),
            domain_id: e.domain_id.clone(),
        })
        .collect();
    new_events.sort_by_key(|e| e.when);

    Comparison {
        price_year,
        earlier: side(earlier, &e_sum),
        later: side(later, &l_sum),
        same_series: earlier.series_id == later.series_id,
        domains,
        payers,
        new_events,
        earlier_assumptions: earlier
            .alternative
            .assumptions
            .iter()
            .map(|a| EarlierAssumption {
                text: a.text.clone(),
                confidence: a.confidence,
            })
            .collect(),
        agreements: later
            .wrap_up
            .earlier_agreements
            .iter()
            .map(|a| AgreementOutcome {
                text: a.what.clone(),
                who: a.who.clone(),
                status: a.status,
                comment: a.comment.clone(),
            })
            .collect(),
        assumptions_checked: earlier
            .alternative
            .assumptions
            .iter()
            .map(|a| {
                // The later wave's copy of it (same id, taken over), with its verdict.
                let checked = later
                    .alternative
                    .assumptions
                    .iter()
                    .find(|x| x.id == a.id && x.from_wave.is_some());
                AssumptionCheck {
                    text: a.text.clone(),
                    confidence: a.confidence,
                    held: checked.and_then(|x| x.held),
                    comment: checked.map(|x| x.held_comment.clone()).unwrap_or_default(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::model::{LifeDomain, LifeEvent, PriceList, Score, series};

    fn demo_pair() -> (Session, Session) {
        let all = crate::demo::sessions(&Catalog::builtin());
        let t1 = all
            .iter()
            .find(|s| s.preparation.case_code == "DEMO-GR-07" && s.preparation.wave == 1)
            .unwrap()
            .clone();
        let t0 = all
            .iter()
            .find(|s| Some(s.id) == t1.previous_session_id)
            .unwrap()
            .clone();
        (t0, t1)
    }

    #[test]
    fn orders_by_wave_whatever_the_argument_order() {
        let (t0, t1) = demo_pair();
        let c = compare(&t1, &t0);
        assert_eq!(c.earlier.wave, "T0");
        assert_eq!(c.later.wave, "T1");
        assert!(c.same_series);
        assert_eq!(c, compare(&t0, &t1));
    }

    #[test]
    fn changes_per_domain_and_payer_match_the_sessions() {
        let (t0, t1) = demo_pair();
        let c = compare(&t0, &t1);
        for d in &c.domains {
            let now = |s: &Session| {
                s.outcomes
                    .for_domain(&d.domain_id)
                    .and_then(|o| o.score_now)
                    .map(Score::get)
            };
            assert_eq!(d.earlier_now, now(&t0));
            assert_eq!(d.later_now, now(&t1));
            assert_eq!(
                d.change,
                now(&t0)
                    .zip(now(&t1))
                    .map(|(a, b)| i16::from(b) - i16::from(a))
            );
        }
        assert!(c.domains.iter().any(|d| d.change.unwrap_or(0) > 0));
        assert!(c.domains.iter().any(|d| d.change.unwrap_or(0) < 0));
        let total = |f: fn(&PayerChange) -> i64| c.payers.iter().map(f).sum::<i64>();
        assert_eq!(total(|p| p.later_actual_cents), c.later.actual_total_cents);
        assert_eq!(
            total(|p| p.earlier_alternative_cents),
            c.earlier.alternative_total_cents
        );
        assert!(!c.new_events.is_empty(), "T1 has events since T0");
        assert!(!c.earlier_assumptions.is_empty());
    }

    #[test]
    fn domains_in_one_wave_only_are_kept_and_other_cases_are_flagged() {
        let mut a = Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        );
        a.outcomes.domains[0].score_now = Score::new(3);
        let mut b = series::follow_up(&a, &crate::model::clock::test_clock()).unwrap();
        b.domains.push(LifeDomain::new("geld", "Geld", "Money"));
        b.outcomes
            .domains
            .push(crate::model::DomainOutcome::new("geld"));
        b.looking_back.events.push(LifeEvent {
            what: "Nieuwe baan".into(),
            ..LifeEvent::default()
        });
        let c = compare(&a, &b);
        let geld = c.domains.iter().find(|d| d.domain_id == "geld").unwrap();
        assert!(!geld.in_earlier && geld.in_later);
        assert_eq!(c.new_events.len(), 1);
        let other = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        assert!(!compare(&a, &other).same_series);
    }
}
