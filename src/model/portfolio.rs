//! The project portfolio: what an approach yields across all its cases.
//!
//! Each session is reduced to its [`SessionFigures`] (totals per payer and scenario at one
//! price level, the scores per life domain, wave, series, consent, follow-up and how its
//! series ended): figures and codes, never the conversation's text, so they can be kept in
//! a cache beside the library index (`store::figures`). [`build`] turns the figures of a
//! library into a [`Portfolio`].
//!
//! The unit of a case is its **latest wave**: a follow-up looks back over the whole
//! trajectory, so its costs are cumulative, and adding the waves of a case would count its
//! costs twice. The consent rule is that of `tafel export --all`: only sessions whose
//! consent covers reporting count, and a case's latest wave is the latest of those.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::costs::{PriceLevel, Range, cost_lines_at, summarise};
use super::{Cents, EndReason, Localized, Session};

/// One session as the portfolio needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFigures {
    pub session_id: Uuid,
    pub series_id: Uuid,
    pub project: String,
    pub case_code: String,
    pub wave: u32,
    pub date: Option<NaiveDate>,
    pub updated_at: DateTime<FixedOffset>,
    /// Whether its consent covers reporting across cases.
    pub consent: bool,
    pub follow_up_due: Option<NaiveDate>,
    pub series_end: Option<(EndReason, Option<NaiveDate>)>,
    /// The price year its figures are at (none: as listed).
    pub price_year: Option<i32>,
    pub payers: Vec<PayerFigures>,
    pub intervention: Cents,
    pub alternative: Cents,
    pub alternative_range: Range,
    pub domains: Vec<DomainFigures>,
}

/// One payer's totals in one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayerFigures {
    /// "" for lines without a payer. Shared: a library repeats a handful of ids.
    pub payer_id: Arc<str>,
    pub intervention: Cents,
    pub alternative: Cents,
    pub alternative_range: Range,
}

/// One life domain's scores in one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainFigures {
    pub domain_id: Arc<str>,
    pub start: Option<u8>,
    pub now: Option<u8>,
}

/// The names of the payers and life domains of a library, each kept once (the figures
/// hold only ids). Where sessions name an id differently, the first one read wins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub payers: HashMap<String, Localized>,
    pub domains: HashMap<String, Localized>,
}

impl Labels {
    /// The labels of one session.
    pub fn of(s: &Session) -> Labels {
        let mut l = Labels::default();
        l.add(s);
        l
    }

    /// Adds the labels of `s` that this one lacks (a library scan adds every file's, and
    /// most are known already: nothing is copied for those).
    pub fn add(&mut self, s: &Session) {
        for p in &s.costs.payers {
            if !self.payers.contains_key(&p.id) {
                self.payers.insert(p.id.clone(), p.label.clone());
            }
        }
        for d in &s.domains {
            if !self.domains.contains_key(&d.id) {
                self.domains.insert(d.id.clone(), d.label.clone());
            }
        }
    }

    /// Adds the labels of `other` that this one lacks.
    pub fn merge(&mut self, other: Labels) {
        for (id, l) in other.payers {
            self.payers.entry(id).or_insert(l);
        }
        for (id, l) in other.domains {
            self.domains.entry(id).or_insert(l);
        }
    }

    /// A payer's label; its id when unknown.
    pub fn payer(&self, id: &str) -> Localized {
        self.payers
            .get(id)
            .cloned()
            .unwrap_or_else(|| Localized::new(id, id))
    }

    /// A life domain's label; its id when unknown.
    pub fn domain(&self, id: &str) -> Localized {
        self.domains
            .get(id)
            .cloned()
            .unwrap_or_else(|| Localized::new(id, id))
    }
}

impl SessionFigures {
    /// The figures of `s` at `level` (its own price year when `None`).
    pub fn of(
        s: &Session,
        level: Option<PriceLevel>,
        index: &[super::price_index::IndexSeries],
    ) -> SessionFigures {
        match level {
            Some(level) => SessionFigures::of_owned(s.clone(), Some(level), index),
            None => SessionFigures::at_its_level(s),
        }
    }

    /// As [`SessionFigures::of`], re-pricing `s` in place: a library scan owns each
    /// session it read, and a copy of it was a tenth of the scan's time.
    pub fn of_owned(
        mut s: Session,
        level: Option<PriceLevel>,
        index: &[super::price_index::IndexSeries],
    ) -> SessionFigures {
        if let Some(level) = level {
            s.costs.set_price_level(level, index);
        }
        SessionFigures::at_its_level(&s)
    }

    /// The figures of `s` at the price level it is at.
    fn at_its_level(s: &Session) -> SessionFigures {
        let sum = summarise(&cost_lines_at(s, s.costs.price_year));
        let payers = sum
            .payers_in_order(&s.costs.payers)
            .into_iter()
            .map(|(id, t)| PayerFigures {
                payer_id: Arc::from(id.as_str()),
                intervention: t.intervention,
                alternative: t.alternative,
                alternative_range: t.alternative_range,
            })
            .collect();
        let domains = s
            .domains
            .iter()
            .map(|d| {
                let o = s.outcomes.for_domain(&d.id);
                DomainFigures {
                    domain_id: Arc::from(d.id.as_str()),
                    start: o.and_then(|o| o.score_start).map(super::Score::get),
                    now: o.and_then(|o| o.score_now).map(super::Score::get),
                }
            })
            .collect();
        SessionFigures {
            session_id: s.id,
            series_id: s.series_id,
            project: s.preparation.project.clone(),
            case_code: s.preparation.case_code.clone(),
            wave: s.preparation.wave,
            date: s.preparation.date,
            updated_at: s.updated_at,
            consent: s.preparation.consent.covers_reporting(),
            follow_up_due: s.follow_up_due(),
            series_end: s.wrap_up.series_end.as_ref().map(|e| (e.reason, e.on)),
            price_year: s.costs.price_year,
            payers,
            intervention: sum.intervention_total,
            alternative: sum.alternative_total,
            alternative_range: sum.alternative_range,
            domains,
        }
    }
}

/// The whole portfolio: one part per project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Portfolio {
    /// The one price level of every amount; none: as listed.
    pub price_year: Option<i32>,
    pub projects: Vec<ProjectPortfolio>,
}

/// What one project yields across its cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectPortfolio {
    pub project: String,
    /// Cases (series) that count: at least one wave with consent for reporting.
    pub cases: usize,
    /// Their sessions (every wave).
    pub sessions: usize,
    /// Sessions per wave number.
    pub waves: BTreeMap<u32, usize>,
    /// Sessions after a first one (T1, T2...).
    pub follow_ups_held: usize,
    /// Cases whose next table is due within 30 days, or overdue (and not ended).
    pub follow_ups_due: usize,
    pub follow_ups_overdue: usize,
    /// Cases that ended, per reason.
    pub series_ended: BTreeMap<EndReason, usize>,
    /// Cases left out: none of their waves has consent for reporting.
    pub left_out_no_consent: usize,
    pub per_payer: Vec<PayerPortfolio>,
    pub totals: Totals,
    pub domains: Vec<DomainPortfolio>,
    pub cases_detail: Vec<CaseDetail>,
}

/// A payer over the cases of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayerPortfolio {
    pub payer_id: String,
    pub payer_label: Localized,
    pub intervention_cents: Cents,
    pub alternative_cents: Cents,
    pub difference_cents: Cents,
    /// Per case (a case where the payer has no line counts as 0).
    pub difference_median_cents: Cents,
    pub difference_min_cents: Cents,
    pub difference_max_cents: Cents,
    /// The difference at each confidence level.
    pub difference_range_cents: Range,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub intervention_cents: Cents,
    pub alternative_cents: Cents,
    pub difference_cents: Cents,
    pub difference_range_cents: Range,
}

/// A life domain over the cases: first wave's start to the latest wave's now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainPortfolio {
    pub domain_id: String,
    pub label: Localized,
    /// Cases with both scores.
    pub cases: usize,
    pub better: usize,
    pub same: usize,
    pub worse: usize,
    /// The median change (a half point when the middle falls between two cases).
    pub median_change: Option<rust_decimal::Decimal>,
}

/// One case, by its latest wave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseDetail {
    pub series_id: Uuid,
    pub case_code: String,
    pub latest_wave: u32,
    pub latest_session_id: Uuid,
    pub intervention_cents: Cents,
    pub alternative_cents: Cents,
    pub difference_cents: Cents,
    /// Per payer: the difference (alternative minus actual), in the order of `per_payer`.
    pub per_payer_difference_cents: Vec<Cents>,
    /// How the series ended, if it did.
    pub ended: Option<EndReason>,
}

/// Days before its date that a follow-up counts as due.
pub const DUE_WITHIN_DAYS: u64 = 30;

/// The portfolio of `figures` (one per session file, copies already left out), at the
/// price year they were computed at, for `project` (all projects when `None`). With
/// `include_unconsented`, cases without consent for reporting count too (the
/// facilitator's own view).
pub fn build(
    figures: &[SessionFigures],
    labels: &Labels,
    project: Option<&str>,
    today: NaiveDate,
    include_unconsented: bool,
) -> Portfolio {
    let mut by_project: BTreeMap<&str, Vec<&SessionFigures>> = BTreeMap::new();
    for f in figures {
        if project.is_none_or(|p| p == f.project) {
            by_project.entry(f.project.as_str()).or_default().push(f);
        }
    }
    let price_year = figures.first().and_then(|f| f.price_year);
    Portfolio {
        price_year,
        projects: by_project
            .into_iter()
            .map(|(name, sessions)| {
                project_portfolio(name, &sessions, labels, today, include_unconsented)
            })
            .collect(),
    }
}

fn project_portfolio(
    name: &str,
    all: &[&SessionFigures],
    labels: &Labels,
    today: NaiveDate,
    include_unconsented: bool,
) -> ProjectPortfolio {
    // Series, each with its sessions in wave order.
    let mut series: BTreeMap<Uuid, Vec<&SessionFigures>> = BTreeMap::new();
    for f in all {
        series.entry(f.series_id).or_default().push(f);
    }
    let mut left_out = 0;
    let mut cases: Vec<Vec<&SessionFigures>> = Vec::new();
    for (_, mut waves) in series {
        waves.retain(|f| f.consent || include_unconsented);
        if waves.is_empty() {
            left_out += 1;
            continue;
        }
        waves.sort_by_key(|f| (f.wave, f.updated_at));
        cases.push(waves);
    }
    // Cases in a steady order: by case code, then series.
    cases.sort_by(|a, b| (&a[0].case_code, a[0].series_id).cmp(&(&b[0].case_code, b[0].series_id)));

    let mut waves = BTreeMap::new();
    let mut sessions = 0;
    let mut held = 0;
    let mut due = 0;
    let mut overdue = 0;
    let mut ended: BTreeMap<EndReason, usize> = BTreeMap::new();
    for case in &cases {
        for f in case {
            *waves.entry(f.wave).or_insert(0) += 1;
            sessions += 1;
            if f.wave > 0 {
                held += 1;
            }
        }
        let latest = case.last().expect("a case has a wave");
        match latest.series_end {
            Some((reason, _)) => *ended.entry(reason).or_insert(0) += 1,
            None => match latest.follow_up_due {
                Some(d) if d < today => overdue += 1,
                Some(d) if d <= today + chrono::Days::new(DUE_WITHIN_DAYS) => due += 1,
                _ => {}
            },
        }
    }

    // Payers in the order of the latest waves' payer lists, as they first appear.
    let mut payer_order: Vec<(String, Localized)> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for case in &cases {
        for p in &case.last().expect("a case has a wave").payers {
            if seen.insert(&*p.payer_id) {
                payer_order.push((p.payer_id.to_string(), labels.payer(&p.payer_id)));
            }
        }
    }
    // Lines without a payer last.
    payer_order.sort_by_key(|(id, _)| id.is_empty());
    let payer_at: HashMap<&str, usize> = payer_order
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();

    let mut totals = Totals::default();
    let mut alternative_range = Range::default();
    let mut cases_detail = Vec::new();
    let mut per_payer_cases: Vec<Vec<Cents>> = vec![Vec::new(); payer_order.len()];
    let mut per_payer: Vec<PayerPortfolio> = payer_order
        .iter()
        .map(|(id, label)| PayerPortfolio {
            payer_id: id.clone(),
            payer_label: label.clone(),
            intervention_cents: Cents::ZERO,
            alternative_cents: Cents::ZERO,
            difference_cents: Cents::ZERO,
            difference_median_cents: Cents::ZERO,
            difference_min_cents: Cents::ZERO,
            difference_max_cents: Cents::ZERO,
            difference_range_cents: Range::default(),
        })
        .collect();
    for case in &cases {
        let latest = case.last().expect("a case has a wave");
        totals.intervention_cents += latest.intervention;
        totals.alternative_cents += latest.alternative;
        alternative_range += latest.alternative_range;
        // A payer without a line in this case counts 0 for it.
        let mut own: Vec<Option<&PayerFigures>> = vec![None; payer_order.len()];
        for p in &latest.payers {
            if let Some(&i) = payer_at.get(&*p.payer_id) {
                own[i].get_or_insert(p);
            }
        }
        let mut diffs = Vec::with_capacity(payer_order.len());
        for (i, p) in own.into_iter().enumerate() {
            let (int, alt, range) = p.map_or((Cents::ZERO, Cents::ZERO, Range::default()), |p| {
                (p.intervention, p.alternative, p.alternative_range)
            });
            let pp = &mut per_payer[i];
            pp.intervention_cents += int;
            pp.alternative_cents += alt;
            pp.difference_range_cents += range.minus(int);
            per_payer_cases[i].push(alt - int);
            diffs.push(alt - int);
        }
        cases_detail.push(CaseDetail {
            series_id: latest.series_id,
            case_code: latest.case_code.clone(),
            latest_wave: latest.wave,
            latest_session_id: latest.session_id,
            intervention_cents: latest.intervention,
            alternative_cents: latest.alternative,
            difference_cents: latest.alternative - latest.intervention,
            per_payer_difference_cents: diffs,
            ended: latest.series_end.map(|(r, _)| r),
        });
    }
    for (pp, values) in per_payer.iter_mut().zip(&mut per_payer_cases) {
        pp.difference_cents = pp.alternative_cents - pp.intervention_cents;
        values.sort_unstable();
        pp.difference_min_cents = values.first().copied().unwrap_or_default();
        pp.difference_max_cents = values.last().copied().unwrap_or_default();
        pp.difference_median_cents = median_cents(values);
    }
    totals.difference_cents = totals.alternative_cents - totals.intervention_cents;
    totals.difference_range_cents = alternative_range.minus(totals.intervention_cents);

    ProjectPortfolio {
        project: name.to_string(),
        cases: cases.len(),
        sessions,
        waves,
        follow_ups_held: held,
        follow_ups_due: due,
        follow_ups_overdue: overdue,
        series_ended: ended,
        left_out_no_consent: left_out,
        per_payer,
        totals,
        domains: domains(&cases, labels),
        cases_detail,
    }
}

/// The median of sorted cents, rounded half away from zero to a whole cent.
fn median_cents(sorted: &[Cents]) -> Cents {
    match sorted.len() {
        0 => Cents::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => {
            let sum = i128::from(sorted[n / 2 - 1].0) + i128::from(sorted[n / 2].0);
            // Half away from zero.
            let half = if sum >= 0 {
                (sum + 1) / 2
            } else {
                (sum - 1) / 2
            };
            Cents(i64::try_from(half).unwrap_or(i64::MAX))
        }
    }
}

/// Per life domain: the first wave's start against the latest wave's now, per case.
fn domains(cases: &[Vec<&SessionFigures>], labels: &Labels) -> Vec<DomainPortfolio> {
    let mut order: Vec<(String, Localized)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut changes: Vec<Vec<i16>> = Vec::new();
    for case in cases {
        let first = case.first().expect("a case has a wave");
        let latest = case.last().expect("a case has a wave");
        for (j, d) in latest.domains.iter().enumerate() {
            let i = *at.entry(&*d.domain_id).or_insert_with(|| {
                order.push((d.domain_id.to_string(), labels.domain(&d.domain_id)));
                changes.push(Vec::new());
                order.len() - 1
            });
            // The first wave's start: most often the domain at the same place.
            let start = match first.domains.get(j) {
                Some(x) if x.domain_id == d.domain_id => x.start,
                _ => first
                    .domains
                    .iter()
                    .find(|x| x.domain_id == d.domain_id)
                    .and_then(|x| x.start),
            };
            if let (Some(start), Some(now)) = (start, d.now) {
                changes[i].push(i16::from(now) - i16::from(start));
            }
        }
    }
    order
        .into_iter()
        .zip(changes)
        .map(|((id, label), mut ch)| {
            ch.sort_unstable();
            let median = match ch.len() {
                0 => None,
                n if n % 2 == 1 => Some(rust_decimal::Decimal::from(ch[n / 2])),
                n => Some(
                    (rust_decimal::Decimal::from(ch[n / 2 - 1])
                        + rust_decimal::Decimal::from(ch[n / 2]))
                        / rust_decimal::Decimal::TWO,
                ),
            };
            DomainPortfolio {
                domain_id: id,
                label,
                cases: ch.len(),
                better: ch.iter().filter(|c| **c > 0).count(),
                same: ch.iter().filter(|c| **c == 0).count(),
                worse: ch.iter().filter(|c| **c < 0).count(),
                median_change: median.map(|m| m.normalize()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_median_of_an_even_count_rounds_half_away_from_zero() {
        assert_eq!(median_cents(&[Cents(1), Cents(2)]), Cents(2));
        assert_eq!(median_cents(&[Cents(-2), Cents(-1)]), Cents(-2));
        assert_eq!(median_cents(&[Cents(1), Cents(5), Cents(9)]), Cents(5));
        assert_eq!(median_cents(&[]), Cents::ZERO);
    }

    #[test]
    fn the_demo_library_counts_each_case_once_by_its_latest_wave() {
        let catalog = crate::catalog::Catalog::builtin();
        let sessions = crate::demo::sessions(&catalog);
        let figures: Vec<SessionFigures> = sessions
            .iter()
            .map(|s| SessionFigures::of(s, Some(PriceLevel::Nominal), &catalog.prices.index))
            .collect();
        let mut labels = Labels::default();
        for s in &sessions {
            labels.merge(Labels::of(s));
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let p = build(&figures, &labels, Some("De Graasj"), today, false);
        let graasj = &p.projects[0];
        // GR-11's consent is for the session only: left out, and counted as such.
        assert_eq!(graasj.cases, 1);
        assert_eq!(graasj.left_out_no_consent, 1);
        assert_eq!(graasj.sessions, 2);
        assert_eq!(graasj.follow_ups_held, 1);
        // GR-07 counts with its T1 (€ 41.477,62 as listed), not T0 + T1 (€ 72.634,14).
        let gr07 = graasj
            .cases_detail
            .iter()
            .find(|c| c.case_code == "DEMO-GR-07")
            .unwrap();
        assert_eq!(gr07.latest_wave, 1);
        assert_eq!(gr07.intervention_cents, Cents(4_147_762));
        let sum: Cents = graasj.per_payer.iter().map(|p| p.intervention_cents).sum();
        assert_eq!(sum, graasj.totals.intervention_cents);
    }
}
