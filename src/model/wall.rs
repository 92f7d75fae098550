//! The wall: both scenarios on one time axis in months, as the paper form lays them out.
//! One lane holds what really happened, the other what would have happened without the
//! approach; life events are marks, activities are bars over their period, and under the
//! axis each lane's costs are summed per quarter (or per year, for a long trajectory).
//!
//! This is layout as data, in whole months: the screen (`ui/wall.rs`) and the report's
//! SVG (`report/wall.rs`) draw the same wall from it.

use chrono::{Datelike, NaiveDate};

use super::Session;
use super::costs::{Scenario, cost_lines};
use super::dates::PartialDate;
use super::money::Cents;
use super::scenario::{Activity, Confidence, LifeEvent};

/// A month as a number: `year * 12 + month - 1`, so months subtract.
pub type Month = i32;

pub fn month_of(d: NaiveDate) -> Month {
    d.year() * 12 + d.month0().cast_signed()
}

/// The year and month (1 to 12) of a month number.
pub fn year_month(m: Month) -> (i32, u32) {
    (m.div_euclid(12), m.rem_euclid(12).cast_unsigned() + 1)
}

/// How the costs under the axis are summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Quarter,
    Year,
}

impl Period {
    pub fn months(self) -> i32 {
        match self {
            Period::Quarter => 3,
            Period::Year => 12,
        }
    }

    /// The first month of the period `m` falls in.
    pub fn start_of(self, m: Month) -> Month {
        m - m.rem_euclid(self.months())
    }
}

/// A trajectory up to three years is summed per quarter, a longer one per year.
const QUARTERS_UP_TO_MONTHS: i32 = 36;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Event,
    Activity,
}

/// A mark or a bar on the wall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    pub kind: ItemKind,
    /// Its place in the scenario's events or activities.
    pub index: usize,
    pub label: &'a str,
    /// First and last month (the same for an event); none when it has no date.
    pub span: Option<(Month, Month)>,
    /// The row of the lane's bars it is drawn on (activities; 0 for events).
    pub row: usize,
    /// The payer that bears it (activities).
    pub payer: Option<&'a str>,
    /// Its cost at the session's price level; none when unpriced or informal.
    pub cost: Option<Cents>,
    pub informal: bool,
    /// How sure the table is (alternative only).
    pub confidence: Option<Confidence>,
    /// Taken over from an earlier wave.
    pub from_wave: Option<u32>,
}

/// One scenario's lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane<'a> {
    pub scenario: Scenario,
    /// Events first, then activities, each by their first month (undated last).
    pub items: Vec<Item<'a>>,
    /// How many rows its bars take.
    pub bar_rows: usize,
    /// Its costs per period, from the wall's first period on: an activity's cost is
    /// spread evenly over its months, to the cent, so the periods add up to `dated`.
    pub per_period: Vec<Cents>,
    /// The costs of its dated activities, and of those without a date.
    pub dated: Cents,
    pub undated: Cents,
}

impl Lane<'_> {
    pub fn total(&self) -> Cents {
        Cents(self.dated.0.saturating_add(self.undated.0))
    }
}

/// Both lanes on one axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wall<'a> {
    /// First and last month of the axis: whole periods around everything dated.
    pub first: Month,
    pub last: Month,
    pub period: Period,
    /// The actual trajectory, then the alternative.
    pub lanes: [Lane<'a>; 2],
    /// Payers in the order of the session's list, then any others, each with its letter
    /// (A, B, C...): on the wall a bar carries its payer's letter, so the payers stay
    /// apart without colour.
    pub payers: Vec<(&'a str, char)>,
}

impl<'a> Wall<'a> {
    pub fn of(s: &'a Session) -> Wall<'a> {
        let today = s.preparation.date.map(month_of);
        let lines = cost_lines(s);
        let cost_of = |scenario: Scenario, a: &Activity| {
            lines
                .iter()
                .find(|l| l.scenario == scenario && std::ptr::eq(l.activity, a))
                .and_then(|l| l.cost)
        };
        let payer_of = |scenario: Scenario, a: &Activity| {
            lines
                .iter()
                .find(|l| l.scenario == scenario && std::ptr::eq(l.activity, a))
                .and_then(|l| l.payer_id)
        };
        let lane = |scenario: Scenario, events: &'a [LifeEvent], acts: &'a [Activity]| {
            let mut items: Vec<Item<'a>> = events
                .iter()
                .enumerate()
                .map(|(index, e)| Item {
                    kind: ItemKind::Event,
                    index,
                    label: e.what.as_str(),
                    span: e.when.map(|w| {
                        let m = month_of(w.first_day());
                        (m, m)
                    }),
                    row: 0,
                    payer: None,
                    cost: None,
                    informal: false,
                    confidence: e.confidence,
                    from_wave: e.from_wave,
                })
                .collect();
            items.extend(acts.iter().enumerate().map(|(index, a)| Item {
                kind: ItemKind::Activity,
                index,
                label: a.what.as_str(),
                span: activity_span(a, today),
                row: 0,
                payer: payer_of(scenario, a),
                cost: cost_of(scenario, a),
                informal: a.informal,
                confidence: a.confidence,
                from_wave: a.from_wave,
            }));
            // Stable: items of one month keep the order the table gave them.
            items.sort_by_key(|i| (i.kind == ItemKind::Activity, i.span.is_none(), i.span));
            // Bars of dated activities only: an undated one has its own line, and given
            // a bar row it would leave that row blank.
            let barred = |i: &Item| i.kind == ItemKind::Activity && i.span.is_some();
            let spans: Vec<(Month, Month)> = items
                .iter()
                .filter(|i| barred(i))
                .filter_map(|i| i.span)
                .collect();
            let rows = pack(&spans, 0);
            let mut bar_rows = 0;
            for (item, row) in items.iter_mut().filter(|i| barred(i)).zip(rows) {
                item.row = row;
                bar_rows = bar_rows.max(row + 1);
            }
            Lane {
                scenario,
                items,
                bar_rows,
                per_period: Vec::new(),
                dated: Cents(0),
                undated: Cents(0),
            }
        };
        let mut lanes = [
            lane(
                Scenario::Intervention,
                &s.looking_back.events,
                &s.looking_back.activities,
            ),
            lane(
                Scenario::Alternative,
                &s.alternative.events,
                &s.alternative.activities,
            ),
        ];
        let spans = || {
            lanes
                .iter()
                .flat_map(|l| l.items.iter().filter_map(|i| i.span))
        };
        let from = spans().map(|s| s.0).min();
        let to = spans().map(|s| s.1).max();
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) => (f, t),
            _ => {
                let m = today.unwrap_or(0);
                (m, m)
            }
        };
        let period = if to - from < QUARTERS_UP_TO_MONTHS {
            Period::Quarter
        } else {
            Period::Year
        };
        let first = period.start_of(from);
        let last = period.start_of(to) + period.months() - 1;
        let periods = usize::try_from((last - first + 1) / period.months()).unwrap_or(0);
        for lane in &mut lanes {
            lane.per_period = vec![Cents(0); periods];
            for item in &lane.items {
                let Some(cost) = item.cost else { continue };
                match item.span {
                    Some((a, b)) => {
                        lane.dated = Cents(lane.dated.0.saturating_add(cost.0));
                        for (m, c) in spread(cost, a, b) {
                            let p = usize::try_from((period.start_of(m) - first) / period.months())
                                .unwrap_or(0);
                            if let Some(slot) = lane.per_period.get_mut(p) {
                                slot.0 = slot.0.saturating_add(c.0);
                            }
                        }
                    }
                    None => lane.undated = Cents(lane.undated.0.saturating_add(cost.0)),
                }
            }
        }
        let mut payers: Vec<(&'a str, char)> = Vec::new();
        let known = s.costs.payers.iter().map(|p| p.id.as_str());
        let used = lanes
            .iter()
            .flat_map(|l| l.items.iter().filter_map(|i| i.payer));
        for id in known.chain(used) {
            if !payers.iter().any(|(p, _)| *p == id) {
                let letter = u8::try_from(payers.len())
                    .ok()
                    .filter(|n| *n < 26)
                    .map_or('?', |n| char::from(b'A' + n));
                payers.push((id, letter));
            }
        }
        Wall {
            first,
            last,
            period,
            lanes,
            payers,
        }
    }

    /// The letter of a payer on the wall ('·' for none: informal help, or no payer).
    pub fn letter(&self, payer: Option<&str>) -> char {
        payer
            .and_then(|id| self.payers.iter().find(|(p, _)| *p == id))
            .map_or('·', |(_, c)| *c)
    }

    /// How many months the axis has.
    pub fn months(&self) -> usize {
        usize::try_from(self.last - self.first + 1).unwrap_or(0)
    }

    /// Every item of both lanes, in the order a selection walks them: the actual lane,
    /// then the alternative.
    pub fn items(&self) -> impl Iterator<Item = (usize, &Item<'a>)> {
        self.lanes
            .iter()
            .enumerate()
            .flat_map(|(l, lane)| lane.items.iter().map(move |i| (l, i)))
    }
}

/// The months an activity covers: From to Until; without Until up to the table's date
/// (it is still going on) or its own first month; with only Until, that month.
fn activity_span(a: &Activity, today: Option<Month>) -> Option<(Month, Month)> {
    let start = |d: PartialDate| month_of(d.first_day());
    let end = |d: PartialDate| month_of(d.last_day());
    match (a.from, a.to) {
        (Some(f), Some(t)) => {
            let (f, t) = (start(f), end(t));
            Some((f.min(t), f.max(t)))
        }
        (Some(f), None) => {
            let (first, last) = (start(f), end(f));
            Some((first, last.max(today.unwrap_or(last))))
        }
        (None, Some(t)) => {
            let t = end(t);
            Some((t, t))
        }
        (None, None) => None,
    }
}

/// `cost` over the months `from..=to`, evenly to the cent: the first months take the
/// remainder, so the parts add up to the whole.
pub fn spread(cost: Cents, from: Month, to: Month) -> Vec<(Month, Cents)> {
    let n = i64::from((to - from + 1).max(1));
    let base = cost.0 / n;
    let rest = cost.0 % n;
    (0..n)
        .map(|k| {
            let extra = if k < rest.abs() { rest.signum() } else { 0 };
            let m = from + i32::try_from(k).unwrap_or(0);
            (m, Cents(base + extra))
        })
        .collect()
}

/// Rows for spans so that no two in one row overlap (with `gap` months between them),
/// each in the lowest row free: in the order given.
pub fn pack(spans: &[(Month, Month)], gap: i32) -> Vec<usize> {
    let mut ends: Vec<Month> = Vec::new();
    spans
        .iter()
        .map(|&(a, b)| {
            if let Some(row) = ends.iter().position(|&e| e.saturating_add(gap) < a) {
                ends[row] = b;
                row
            } else {
                ends.push(b);
                ends.len() - 1
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::demo;

    #[test]
    fn a_cost_is_spread_to_the_cent() {
        let parts = spread(Cents(1000), 10, 12);
        assert_eq!(
            parts,
            vec![(10, Cents(334)), (11, Cents(333)), (12, Cents(333))]
        );
        let parts = spread(Cents(-1000), 10, 12);
        assert_eq!(parts.iter().map(|p| p.1.0).sum::<i64>(), -1000);
        assert_eq!(spread(Cents(7), 5, 5), vec![(5, Cents(7))]);
    }

    #[test]
    fn bars_that_overlap_get_rows_of_their_own() {
        assert_eq!(pack(&[(0, 5), (3, 8), (6, 9), (9, 9)], 0), vec![0, 1, 0, 1]);
        assert_eq!(
            pack(&[(0, 5), (6, 9)], 1),
            vec![0, 1],
            "a gap keeps labels apart"
        );
    }

    #[test]
    fn undated_activities_take_no_bar_rows() {
        let mut s = demo::sessions(&Catalog::builtin()).remove(0);
        let dated = s.looking_back.activities[0].clone();
        let mut undated = dated.clone();
        (undated.from, undated.to) = (None, None);
        s.looking_back.activities = vec![dated, undated.clone(), undated.clone(), undated];
        let wall = Wall::of(&s);
        assert_eq!(wall.lanes[0].bar_rows, 1, "one dated bar, one row");
        assert_eq!(
            wall.lanes[0]
                .items
                .iter()
                .filter(|i| i.span.is_none())
                .count(),
            3
        );
    }

    #[test]
    fn the_demo_wall_holds_every_item_and_its_costs_add_up() {
        for s in demo::sessions(&Catalog::builtin()) {
            let wall = Wall::of(&s);
            assert_eq!(
                wall.lanes[0].items.len(),
                s.looking_back.events.len() + s.looking_back.activities.len()
            );
            assert_eq!(
                wall.lanes[1].items.len(),
                s.alternative.events.len() + s.alternative.activities.len()
            );
            assert_eq!((wall.last - wall.first + 1) % wall.period.months(), 0);
            let sum = crate::model::costs::summarise(&cost_lines(&s));
            assert_eq!(
                wall.lanes[0].total(),
                sum.intervention_total,
                "{}",
                s.preparation.case_code
            );
            assert_eq!(
                wall.lanes[1].total(),
                sum.alternative_total,
                "{}",
                s.preparation.case_code
            );
            for lane in &wall.lanes {
                let periods: i64 = lane.per_period.iter().map(|c| c.0).sum();
                assert_eq!(periods, lane.dated.0);
                for i in &lane.items {
                    if let Some((a, b)) = i.span {
                        assert!(wall.first <= a && a <= b && b <= wall.last);
                    }
                }
            }
        }
    }
}
