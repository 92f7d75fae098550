//! Phase 4, costs: the price list a session uses, the payers, and the calculation of
//! cost lines and totals. Costs are calculated from activities, never typed as totals.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::money::Cents;
use super::price_index::{Factor, IndexKind, IndexSeries};
use super::scenario::{Activity, Confidence, QuantityBasis, Unit};
use super::{Localized, Session};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Costs {
    /// A copy of the prices this session used, so its figures stay put when the list changes.
    pub price_list: PriceList,
    /// The year every amount is brought to (*prijspeil*) with the price list's index
    /// series; none (older files) adds amounts as they are listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_year: Option<i32>,
    pub payers: Vec<Payer>,
    /// How informal hours are valued in euros; none means they are shown as hours only.
    pub informal_valuation: Option<InformalValuation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PriceList {
    pub name: String,
    /// When this copy was taken from the program's (or the user's) list.
    pub copied_at: Option<DateTime<FixedOffset>>,
    pub items: Vec<PriceItem>,
    /// The index series that bring the items' amounts to one price year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub index: Vec<IndexSeries>,
}

impl PriceList {
    pub fn item(&self, id: &str) -> Option<&PriceItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Adds the items of `current` this copy lacks, after its own; an item the copy has
    /// keeps its amount (a session's figures change only by re-pricing). A session file
    /// holds only the prices it uses; this puts the rest of the list within reach again.
    pub fn complete_from(&mut self, current: &PriceList) {
        let missing: Vec<PriceItem> = current
            .items
            .iter()
            .filter(|i| self.item(&i.id).is_none())
            .cloned()
            .collect();
        self.items.extend(missing);
        if self.index.is_empty() {
            self.index.clone_from(&current.index);
        }
    }

    /// The series that indexes `item`, if the list has it.
    pub fn series_for(&self, item: &PriceItem) -> Option<&IndexSeries> {
        let id = item.index.series_id()?;
        self.index.iter().find(|s| s.id == id)
    }
}

/// One price: an hourly tariff, a benefit month, a night in a shelter...
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PriceItem {
    pub id: String,
    pub label: Localized,
    pub unit: Unit,
    /// Price per unit in cents; none when no public price is known (the user types one).
    pub amount_cents: Option<Cents>,
    /// The year the amount applies to (*prijspeil*).
    pub price_year: Option<i32>,
    /// How the amount is brought to another year (the consumer price index by default).
    #[serde(skip_serializing_if = "IndexKind::is_default")]
    pub index: IndexKind,
    pub default_payer: Option<String>,
    pub source: Source,
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Source {
    pub title: String,
    pub url: String,
    /// Caveats: secondary source, example tariff of one municipality, ...
    pub note: String,
}

/// An organisation (or person) that pays for something.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Payer {
    pub id: String,
    pub label: Localized,
}

/// A method to value informal hours in euros, chosen by the user.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct InformalValuation {
    /// E.g. "replacement cost" (*vervangingskosten*).
    pub method: String,
    pub hourly_cents: Cents,
    #[serde(default)]
    pub source: Source,
}

/// The price item whose amount values an hour of informal care at its replacement cost:
/// "Informele zorg (vervangingskosten)" of the Kostenhandleiding 2024.
pub const REPLACEMENT_COST_ITEM: &str = "GZ-24";

/// That amount when a session's price list lacks the item (Kostenhandleiding 2024,
/// price level 2022: € 18,80 an hour).
pub const REPLACEMENT_COST_FALLBACK: Cents = Cents(1880);

impl InformalValuation {
    /// Informal hours valued at the replacement cost of informal care, taken from
    /// `prices` when it has the item (with its source), else the Kostenhandleiding's figure.
    pub fn replacement_cost(prices: &PriceList) -> InformalValuation {
        let item = prices.item(REPLACEMENT_COST_ITEM);
        InformalValuation {
            method: "vervangingskosten / replacement cost".into(),
            hourly_cents: item
                .and_then(|i| i.amount_cents)
                .unwrap_or(REPLACEMENT_COST_FALLBACK),
            source: item.map(|i| i.source.clone()).unwrap_or_default(),
        }
    }
}

/// Brings a session's copy of the prices up to `current`: every item of `current`
/// replaces or joins the copy; items only in the copy stay, so no activity loses its price.
/// Returns how many amounts changed or were added.
pub fn reprice(copy: &mut PriceList, current: &PriceList, at: DateTime<FixedOffset>) -> usize {
    let mut changed = 0;
    for item in &current.items {
        match copy.items.iter_mut().find(|i| i.id == item.id) {
            Some(old) => {
                if old.amount_cents != item.amount_cents || old.price_year != item.price_year {
                    changed += 1;
                }
                *old = item.clone();
            }
            None => {
                changed += 1;
                copy.items.push(item.clone());
            }
        }
    }
    copy.name.clone_from(&current.name);
    copy.copied_at = Some(at);
    if !current.index.is_empty() {
        copy.index.clone_from(&current.index);
    }
    changed
}

/// A price level asked for from outside the session (`--price-year`): a year, or the
/// amounts as listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceLevel {
    Year(i32),
    Nominal,
}

impl PriceLevel {
    /// The year amounts are at; `None` for amounts as listed.
    pub fn year(self) -> Option<i32> {
        match self {
            PriceLevel::Year(y) => Some(y),
            PriceLevel::Nominal => None,
        }
    }
}

impl Costs {
    /// The payer with this id, if the session lists it.
    pub fn payer(&self, id: &str) -> Option<&Payer> {
        self.payers.iter().find(|p| p.id == id)
    }

    /// Prices the session at `level` instead of its own price year (for a report or an
    /// export; the file is not changed). A session without index series gets `index`.
    pub fn set_price_level(&mut self, level: PriceLevel, index: &[IndexSeries]) {
        self.price_year = level.year();
        if self.price_list.index.is_empty() {
            self.price_list.index = index.to_vec();
        }
    }
}

/// Which of the two scenarios a cost line belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// What actually happened.
    Intervention,
    /// What would have happened without the approach.
    Alternative,
}

/// Where the unit price of a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceBasis {
    List,
    Override,
    /// No price: the item has no amount, or the activity has no item.
    Missing,
}

/// One activity priced: quantity × unit price × index factor = cost.
#[derive(Debug, Clone, PartialEq)]
pub struct CostLine<'a> {
    pub scenario: Scenario,
    pub activity: &'a Activity,
    pub item: Option<&'a PriceItem>,
    pub unit_price: Option<Cents>,
    pub basis: PriceBasis,
    /// The year the unit price applies to: the item's, or the session's price year for a
    /// typed price.
    pub listed_year: Option<i32>,
    /// From the listed year to the price year (one when either is unknown).
    pub factor: Factor,
    /// The price level the cost is at (`None`: as listed).
    pub price_year: Option<i32>,
    /// Quantity × unit price, as listed (no index).
    pub nominal: Option<Cents>,
    /// Quantity × unit price × factor, rounded once: the line's cost at the price year.
    /// None when the price is missing or the help is informal.
    pub cost: Option<Cents>,
    /// Registered or estimated, and the estimate's ± percent (0 when registered).
    pub quantity_basis: QuantityBasis,
    pub margin_percent: u8,
    /// The cost with the quantity at its low and high end of the margin.
    pub band: Option<Band>,
    /// Hours of informal help (also counted when they are valued).
    pub informal_hours: Option<Decimal>,
    /// Informal help valued with the chosen method, if any.
    pub informal_value: Option<Cents>,
    /// The payer that bears this line.
    pub payer_id: Option<&'a str>,
}

impl CostLine<'_> {
    /// How sure the table is of this line (alternative only; unset counts as low).
    pub fn level(&self) -> Option<Confidence> {
        match self.scenario {
            Scenario::Intervention => None,
            Scenario::Alternative => Some(self.activity.confidence.unwrap_or(Confidence::Low)),
        }
    }
}

/// Prices every activity of both scenarios at the session's price year (as listed when
/// it has none).
pub fn cost_lines(session: &Session) -> Vec<CostLine<'_>> {
    cost_lines_at(session, session.costs.price_year)
}

/// Prices every activity of both scenarios at `price_year` (`None`: as listed).
pub fn cost_lines_at(session: &Session, price_year: Option<i32>) -> Vec<CostLine<'_>> {
    let int = session
        .looking_back
        .activities
        .iter()
        .map(|a| (Scenario::Intervention, a));
    let alt = session
        .alternative
        .activities
        .iter()
        .map(|a| (Scenario::Alternative, a));
    int.chain(alt)
        .map(|(scenario, a)| price_line(session, price_year, scenario, a))
        .collect()
}

fn price_line<'a>(
    session: &'a Session,
    price_year: Option<i32>,
    scenario: Scenario,
    a: &'a Activity,
) -> CostLine<'a> {
    let costs = &session.costs;
    let item = a
        .price_id
        .as_deref()
        .and_then(|id| costs.price_list.item(id));
    // A typed price counts only with a written reason; without one the list price stands.
    let typed = a
        .price_override
        .as_ref()
        .filter(|o| !o.reason.trim().is_empty())
        .and_then(|o| o.unit_price_cents);
    let (unit_price, basis) = match (typed, item.and_then(|i| i.amount_cents)) {
        (Some(o), _) => (Some(o), PriceBasis::Override),
        (_, Some(p)) => (Some(p), PriceBasis::List),
        (_, None) => (None, PriceBasis::Missing),
    };
    // A listed price is brought from its own year to the price year; a typed one is
    // taken to be at the price year already.
    let listed_year = match basis {
        PriceBasis::List => item.and_then(|i| i.price_year),
        PriceBasis::Override => price_year,
        PriceBasis::Missing => None,
    };
    let factor = match (basis, item, listed_year, price_year) {
        (PriceBasis::List, Some(item), Some(from), Some(to)) => costs
            .price_list
            .series_for(item)
            .map_or(Factor::ONE, |s| s.factor(from, to)),
        _ => Factor::ONE,
    };
    let payer_id = a
        .payer_id
        .as_deref()
        .or_else(|| item.and_then(|i| i.default_payer.as_deref()));
    let margin = a.margin();
    let mut line = CostLine {
        scenario,
        activity: a,
        item,
        unit_price,
        basis,
        listed_year,
        factor,
        price_year,
        nominal: None,
        cost: None,
        quantity_basis: a.quantity_basis(),
        margin_percent: margin,
        band: None,
        informal_hours: None,
        informal_value: None,
        payer_id,
    };
    if a.informal {
        let hours = (a.unit == Unit::Hour).then_some(a.quantity);
        line.informal_hours = hours;
        line.informal_value = costs
            .informal_valuation
            .as_ref()
            .and_then(|v| hours.and_then(|h| v.hourly_cents.times(h)));
    } else if let Some(p) = unit_price {
        let at = |share: Decimal| {
            a.quantity
                .checked_mul(factor.value)
                .and_then(|q| q.checked_mul(share))
                .and_then(|q| p.times(q))
        };
        line.nominal = p.times(a.quantity);
        line.cost = at(Decimal::ONE);
        let m = Decimal::from(margin) / Decimal::ONE_HUNDRED;
        line.band = match (at(Decimal::ONE - m), at(Decimal::ONE + m)) {
            (Some(low), Some(high)) => Some(Band { low, high }),
            _ => None,
        };
    }
    line
}

/// The alternative's cost by how sure the table is: only what it is sure of (high),
/// with what is likely (high + medium), and everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub high: Cents,
    pub high_medium: Cents,
    pub all: Cents,
}

impl std::ops::AddAssign for Range {
    fn add_assign(&mut self, other: Range) {
        self.high += other.high;
        self.high_medium += other.high_medium;
        self.all += other.all;
    }
}

impl Range {
    fn add(&mut self, level: Confidence, cost: Cents) {
        if level == Confidence::High {
            self.high += cost;
        }
        if level != Confidence::Low {
            self.high_medium += cost;
        }
        self.all += cost;
    }

    /// Each level minus `base` (the alternative minus what happened).
    pub fn minus(self, base: Cents) -> Range {
        Range {
            high: self.high - base,
            high_medium: self.high_medium - base,
            all: self.all - base,
        }
    }

    /// The three levels in order: high, high + medium, all.
    pub fn levels(self) -> [Cents; 3] {
        [self.high, self.high_medium, self.all]
    }
}

/// A cost with every estimated quantity at the low and at the high end of its margin.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Band {
    pub low: Cents,
    pub high: Cents,
}

impl std::ops::AddAssign for Band {
    fn add_assign(&mut self, rhs: Band) {
        self.low += rhs.low;
        self.high += rhs.high;
    }
}

/// Totals of one payer in both scenarios.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayerTotals {
    pub intervention: Cents,
    pub alternative: Cents,
    /// The alternative by confidence level (`all` equals `alternative`).
    pub alternative_range: Range,
}

impl PayerTotals {
    /// Alternative minus real: positive means this payer saves because of the approach.
    pub fn difference(&self) -> Cents {
        self.alternative - self.intervention
    }

    /// The difference at each confidence level.
    pub fn difference_range(&self) -> Range {
        self.alternative_range.minus(self.intervention)
    }
}

/// Everything the cost table shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CostSummary {
    /// Keyed by payer id; "" collects lines without a payer.
    pub per_payer: BTreeMap<String, PayerTotals>,
    /// Keyed by domain id; "" collects lines without a domain.
    pub per_domain: BTreeMap<String, PayerTotals>,
    pub intervention_total: Cents,
    pub alternative_total: Cents,
    /// The alternative total by confidence level.
    pub alternative_range: Range,
    /// The totals with every estimate at the low and high end of its margin.
    pub intervention_band: Band,
    pub alternative_band: Band,
    /// Lines whose amount was brought to the price year from another year, and lines whose
    /// index had no figure for a year on the way (counted as no change).
    pub lines_indexed: usize,
    pub lines_beyond_index: usize,
    pub intervention_informal_hours: Decimal,
    pub alternative_informal_hours: Decimal,
    pub intervention_informal_value: Option<Cents>,
    pub alternative_informal_value: Option<Cents>,
    /// Formal lines without a price: the table still has to supply one.
    pub lines_without_price: usize,
}

impl CostSummary {
    pub fn difference(&self) -> Cents {
        self.alternative_total - self.intervention_total
    }

    /// The difference at each confidence level of the alternative.
    pub fn difference_range(&self) -> Range {
        self.alternative_range.minus(self.intervention_total)
    }

    /// The totals per payer in the order of the payer list: every table, report and
    /// export shows payers in this one order (payers not on the list after it, by id; lines
    /// without a payer last).
    pub fn payers_in_order<'a>(&'a self, payers: &[Payer]) -> Vec<(&'a String, &'a PayerTotals)> {
        let mut v: Vec<(&String, &PayerTotals)> = self.per_payer.iter().collect();
        v.sort_by_key(|(id, _)| payer_rank(payers, id));
        v
    }
}

/// Where payer `id` goes in the one order of payers (see [`CostSummary::payers_in_order`]).
pub fn payer_rank(payers: &[Payer], id: &str) -> (usize, String) {
    let pos = payers.iter().position(|p| p.id == id);
    match (id.is_empty(), pos) {
        (true, _) => (usize::MAX, String::new()),
        (false, Some(i)) => (i, String::new()),
        (false, None) => (usize::MAX - 1, id.to_string()),
    }
}

/// Adds up the lines. Totals are sums of the rounded line costs, so they match the lines
/// shown exactly; the same holds for every level of the range and both ends of the band.
pub fn summarise(lines: &[CostLine<'_>]) -> CostSummary {
    let mut s = CostSummary::default();
    for line in lines {
        let payer = line.payer_id.unwrap_or("").to_string();
        let domain = line.activity.domain_id.clone().unwrap_or_default();
        if let Some(cost) = line.cost {
            if line.factor.value != Decimal::ONE {
                s.lines_indexed += 1;
            }
            if line.factor.beyond {
                s.lines_beyond_index += 1;
            }
            let band = line.band.unwrap_or(Band {
                low: cost,
                high: cost,
            });
            for totals in [
                s.per_payer.entry(payer).or_default(),
                s.per_domain.entry(domain).or_default(),
            ] {
                match line.level() {
                    None => totals.intervention += cost,
                    Some(level) => {
                        totals.alternative += cost;
                        totals.alternative_range.add(level, cost);
                    }
                }
            }
            match line.level() {
                None => {
                    s.intervention_total += cost;
                    s.intervention_band += band;
                }
                Some(level) => {
                    s.alternative_total += cost;
                    s.alternative_range.add(level, cost);
                    s.alternative_band += band;
                }
            }
        } else if !line.activity.informal {
            s.lines_without_price += 1;
        }
        if let Some(h) = line.informal_hours {
            let (hours, value) = match line.scenario {
                Scenario::Intervention => (
                    &mut s.intervention_informal_hours,
                    &mut s.intervention_informal_value,
                ),
                Scenario::Alternative => (
                    &mut s.alternative_informal_hours,
                    &mut s.alternative_informal_value,
                ),
            };
            *hours = hours.checked_add(h).unwrap_or(Decimal::MAX);
            if let Some(v) = line.informal_value {
                *value = Some(value.unwrap_or_default() + v);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::PriceOverride;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn session_with(int: Vec<Activity>, alt: Vec<Activity>) -> Session {
        let list = PriceList {
            name: "test".into(),
            copied_at: None,
            index: Vec::new(),
            items: vec![
                PriceItem {
                    id: "WMO-01".into(),
                    unit: Unit::Hour,
                    amount_cents: Some(Cents(5580)),
                    default_payer: Some("gemeente_wmo".into()),
                    ..PriceItem::default()
                },
                PriceItem {
                    id: "INK-04".into(),
                    unit: Unit::Month,
                    amount_cents: Some(Cents(134_545)),
                    default_payer: Some("gemeente_pw".into()),
                    ..PriceItem::default()
                },
                PriceItem {
                    id: "NOPRICE".into(),
                    ..PriceItem::default()
                },
            ],
        };
        let mut s = Session::new(&crate::model::clock::test_clock(), vec![], list, vec![]);
        s.looking_back.activities = int;
        s.alternative.activities = alt;
        s
    }

    fn act(price: &str, qty: &str) -> Activity {
        Activity {
            price_id: Some(price.into()),
            quantity: dec(qty),
            ..Activity::default()
        }
    }

    #[test]
    fn prices_hours_times_tariff_and_months_times_benefit() {
        let s = session_with(vec![act("WMO-01", "26")], vec![act("INK-04", "12")]);
        let lines = cost_lines(&s);
        assert_eq!(lines[0].cost, Some(Cents(145_080))); // 26 × 55,80
        assert_eq!(lines[1].cost, Some(Cents(1_614_540))); // 12 × 1.345,45
        let sum = summarise(&lines);
        assert_eq!(sum.intervention_total, Cents(145_080));
        assert_eq!(sum.alternative_total, Cents(1_614_540));
        assert_eq!(sum.per_payer["gemeente_pw"].difference(), Cents(1_614_540));
        assert_eq!(sum.per_payer["gemeente_wmo"].difference(), Cents(-145_080));
        assert_eq!(sum.difference(), Cents(1_614_540 - 145_080));
    }

    #[test]
    fn an_override_wins_and_a_missing_price_is_counted_not_guessed() {
        let mut a = act("WMO-01", "10");
        a.price_override = Some(PriceOverride {
            unit_price_cents: Some(Cents(6000)),
            reason: "contract".into(),
        });
        a.payer_id = Some("school".into());
        let s = session_with(vec![a, act("NOPRICE", "3")], vec![]);
        let lines = cost_lines(&s);
        assert_eq!(lines[0].basis, PriceBasis::Override);
        assert_eq!(lines[0].cost, Some(Cents(60_000)));
        assert_eq!(lines[0].payer_id, Some("school"));
        assert_eq!(lines[1].basis, PriceBasis::Missing);
        assert_eq!(summarise(&lines).lines_without_price, 1);
    }

    #[test]
    fn an_override_without_a_reason_does_not_count() {
        let mut a = act("WMO-01", "10");
        a.price_override = Some(PriceOverride {
            unit_price_cents: Some(Cents(1)),
            reason: "  ".into(),
        });
        let s = session_with(vec![a], vec![]);
        let lines = cost_lines(&s);
        assert_eq!(lines[0].basis, PriceBasis::List);
        assert_eq!(lines[0].cost, Some(Cents(55_800)));
    }

    #[test]
    fn informal_hours_stay_hours_until_a_method_is_chosen() {
        let mut a = act("WMO-01", "40");
        a.informal = true;
        let mut s = session_with(vec![a], vec![]);
        let sum = summarise(&cost_lines(&s));
        assert_eq!(sum.intervention_total, Cents::ZERO);
        assert_eq!(sum.intervention_informal_hours, dec("40"));
        assert_eq!(sum.intervention_informal_value, None);
        s.costs.informal_valuation = Some(InformalValuation {
            method: "vervangingskosten".into(),
            hourly_cents: Cents(1880),
            source: Source::default(),
        });
        let sum = summarise(&cost_lines(&s));
        assert_eq!(sum.intervention_informal_value, Some(Cents(75_200)));
        assert_eq!(
            sum.intervention_total,
            Cents::ZERO,
            "valued informal help is not a payer's cost"
        );
    }

    #[test]
    fn repricing_updates_and_adds_but_never_drops_a_used_price() {
        let mut copy = PriceList {
            name: "oud".into(),
            copied_at: None,
            index: Vec::new(),
            items: vec![
                PriceItem {
                    id: "A".into(),
                    amount_cents: Some(Cents(100)),
                    ..PriceItem::default()
                },
                PriceItem {
                    id: "OLD".into(),
                    amount_cents: Some(Cents(5)),
                    ..PriceItem::default()
                },
            ],
        };
        let current = PriceList {
            name: "nieuw".into(),
            copied_at: None,
            index: Vec::new(),
            items: vec![
                PriceItem {
                    id: "A".into(),
                    amount_cents: Some(Cents(120)),
                    ..PriceItem::default()
                },
                PriceItem {
                    id: "B".into(),
                    amount_cents: Some(Cents(7)),
                    ..PriceItem::default()
                },
            ],
        };
        let at = crate::model::clock::test_clock().now();
        assert_eq!(reprice(&mut copy, &current, at), 2);
        assert_eq!(copy.item("A").unwrap().amount_cents, Some(Cents(120)));
        assert!(copy.item("B").is_some() && copy.item("OLD").is_some());
        assert_eq!(copy.copied_at, Some(at));
        assert_eq!(
            reprice(&mut copy, &current, at),
            0,
            "a second time changes nothing"
        );
    }

    proptest! {
        #[test]
        fn totals_equal_the_sum_of_the_lines(
            lines in proptest::collection::vec((0usize..3, 0u32..100_000, 0u32..3, any::<bool>()), 0..40)
        ) {
            let ids = ["WMO-01", "INK-04", "NOPRICE"];
            let mut int = vec![];
            let mut alt = vec![];
            for (item, hundredths, _, is_alt) in &lines {
                let a = act(ids[*item], &format!("{}.{:02}", hundredths / 100, hundredths % 100));
                if *is_alt { alt.push(a) } else { int.push(a) }
            }
            let s = session_with(int, alt);
            let priced = cost_lines(&s);
            let sum = summarise(&priced);
            let by_hand = |sc: Scenario| priced.iter().filter(|l| l.scenario == sc).filter_map(|l| l.cost).sum::<Cents>();
            prop_assert_eq!(sum.intervention_total, by_hand(Scenario::Intervention));
            prop_assert_eq!(sum.alternative_total, by_hand(Scenario::Alternative));
            let payer_sum: Cents = sum.per_payer.values().map(|t| t.intervention + t.alternative).sum();
            prop_assert_eq!(payer_sum, sum.intervention_total + sum.alternative_total);
        }

        /// With prices of several years, the CPI and random confidences, bases and margins:
        /// the range is ordered and ends at the total, the band holds the total, and every
        /// figure is a sum of its rounded lines.
        #[test]
        fn the_range_is_ordered_and_every_figure_is_a_sum_of_rounded_lines(
            lines in proptest::collection::vec(
                (0usize..3, 0u32..1_000_000, 0usize..4, any::<bool>(), 0usize..3, 0u8..=100),
                0..40,
            ),
            price_year in proptest::option::of(2005i32..2030),
        ) {
            let s = indexed_session(&lines, price_year);
            let priced = cost_lines(&s);
            let sum = summarise(&priced);
            let r = sum.alternative_range;
            prop_assert!(r.high <= r.high_medium && r.high_medium <= r.all, "{:?}", r);
            prop_assert_eq!(r.all, sum.alternative_total);
            for t in sum.per_payer.values() {
                let p = t.alternative_range;
                prop_assert!(p.high <= p.high_medium && p.high_medium <= p.all);
                prop_assert_eq!(p.all, t.alternative);
            }
            let level_sum = |keep: &dyn Fn(Confidence) -> bool| {
                priced
                    .iter()
                    .filter(|l| l.level().is_some_and(keep))
                    .filter_map(|l| l.cost)
                    .sum::<Cents>()
            };
            prop_assert_eq!(r.high, level_sum(&|c| c == Confidence::High));
            prop_assert_eq!(r.high_medium, level_sum(&|c| c != Confidence::Low));
            for (sc, band, total) in [
                (Scenario::Intervention, sum.intervention_band, sum.intervention_total),
                (Scenario::Alternative, sum.alternative_band, sum.alternative_total),
            ] {
                let mine = || priced.iter().filter(move |l| l.scenario == sc);
                let low: Cents = mine().filter_map(|l| l.band.map(|b| b.low).or(l.cost)).sum();
                let high: Cents = mine().filter_map(|l| l.band.map(|b| b.high).or(l.cost)).sum();
                prop_assert_eq!(band, Band { low, high });
                prop_assert!(band.low <= total && total <= band.high);
                let costs: Cents = mine().filter_map(|l| l.cost).sum();
                prop_assert_eq!(costs, total);
            }
            // Each line: amount × quantity × factor, rounded once.
            for l in &priced {
                if let (Some(p), Some(c)) = (l.unit_price, l.cost) {
                    prop_assert_eq!(Some(c), p.times(l.activity.quantity * l.factor.value));
                }
            }
        }

        /// A price year equal to every price's own year (or none) changes nothing.
        #[test]
        fn indexing_with_factor_one_is_the_identity(
            lines in proptest::collection::vec(
                (0usize..3, 0u32..1_000_000, 0usize..4, any::<bool>(), 0usize..3, 0u8..=100),
                0..40,
            ),
        ) {
            for year in [None, Some(2024)] {
                let mut s = indexed_session(&lines, year);
                for item in &mut s.costs.price_list.items {
                    item.price_year = Some(2024);
                }
                for l in cost_lines(&s) {
                    prop_assert_eq!(l.factor, Factor::ONE);
                    prop_assert_eq!(l.cost, l.nominal);
                }
            }
        }
    }

    /// A session priced with the shipped CPI, from `lines` of (item, quantity in
    /// hundredths, confidence (none, low, medium, high), alternative?, basis (default,
    /// registered, estimated), margin).
    fn indexed_session(
        lines: &[(usize, u32, usize, bool, usize, u8)],
        price_year: Option<i32>,
    ) -> Session {
        let ids = ["WMO-01", "INK-04", "NOPRICE"];
        let mut int = vec![];
        let mut alt = vec![];
        for (item, hundredths, conf, is_alt, basis, margin) in lines {
            let mut a = act(
                ids[*item],
                &format!("{}.{:02}", hundredths / 100, hundredths % 100),
            );
            a.unit = if *item == 0 { Unit::Hour } else { Unit::Month };
            a.confidence = [
                None,
                Some(Confidence::Low),
                Some(Confidence::Medium),
                Some(Confidence::High),
            ][*conf];
            a.basis = [
                None,
                Some(QuantityBasis::Registered),
                Some(QuantityBasis::Estimated),
            ][*basis];
            a.margin_percent = Some(*margin);
            if *is_alt { alt.push(a) } else { int.push(a) }
        }
        let mut s = session_with(int, alt);
        s.costs.price_list.index = crate::catalog::Catalog::builtin().prices.index;
        s.costs.price_list.items[0].price_year = Some(2013);
        s.costs.price_list.items[1].price_year = Some(2025);
        s.costs.price_year = price_year;
        s
    }
}
