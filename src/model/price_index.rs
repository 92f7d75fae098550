//! Bringing amounts of different years to one price level (*prijspeil*).
//!
//! Unit prices come from many years (a detention day of 2013 beside a benefit month of
//! 2025). Before they are added up, each line is multiplied by the factor from its price's
//! year to the session's price year, taken from a published index series (the CBS consumer
//! price index, `assets/price_index.json`). The series a session used is kept in its copy
//! of the price list, so its figures do not move when a later tafel ships newer figures.
//!
//! The factor from year a to year b (a < b) is the product of (1 + change/100) over the
//! years a+1 ..= b, rounded to six decimals; from b back to a it is one divided by that
//! product, rounded the same way. A year the series has no figure for counts as no
//! change, and the factor says so (`beyond`). A line is then amount × quantity × factor,
//! rounded once to the cent (see `costs`).

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Localized;
use super::costs::Source;

/// Decimals of an index factor: enough for a million euro to move by a cent at most, and
/// few enough that an analyst can redo a line from the exported factor by hand.
pub const FACTOR_DECIMALS: u32 = 6;

/// Which series brings a price to another year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndexKind {
    /// The consumer price index, all items (CBS).
    #[default]
    Cpi,
    /// Never indexed: an amount fixed in money of its own year.
    Fixed,
}

impl IndexKind {
    pub fn is_default(&self) -> bool {
        *self == IndexKind::default()
    }

    /// The id of the series this kind uses, if any.
    pub fn series_id(self) -> Option<&'static str> {
        match self {
            IndexKind::Cpi => Some("cpi"),
            IndexKind::Fixed => None,
        }
    }
}

/// A published index: the change per year against the year before, in percent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct IndexSeries {
    /// "cpi".
    pub id: String,
    pub label: Localized,
    pub source: Source,
    /// Year → change against the year before, in percent ("2.5").
    pub yearly_change_percent: BTreeMap<i32, Decimal>,
}

/// The factor from one price year to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Factor {
    pub value: Decimal,
    /// Some year on the way has no figure in the series (counted as no change).
    pub beyond: bool,
}

impl Factor {
    pub const ONE: Factor = Factor {
        value: Decimal::ONE,
        beyond: false,
    };
}

impl IndexSeries {
    /// The last year the series has a figure for.
    pub fn last_year(&self) -> Option<i32> {
        self.yearly_change_percent.keys().next_back().copied()
    }

    /// The factor that brings an amount of year `from` to year `to`.
    pub fn factor(&self, from: i32, to: i32) -> Factor {
        if from == to {
            return Factor::ONE;
        }
        let (lo, hi) = (from.min(to), from.max(to));
        let mut product = Decimal::ONE;
        let mut beyond = false;
        // Years far outside any series are not walked one by one (a hand-edited file).
        if hi.saturating_sub(lo) > 200 {
            return Factor {
                value: Decimal::ONE,
                beyond: true,
            };
        }
        for year in lo + 1..=hi {
            match self.yearly_change_percent.get(&year) {
                Some(change) => {
                    let step = Decimal::ONE + change / Decimal::ONE_HUNDRED;
                    product = product.checked_mul(step).unwrap_or(product);
                }
                None => beyond = true,
            }
        }
        let value = if from < to {
            product
        } else {
            Decimal::ONE.checked_div(product).unwrap_or(Decimal::ONE)
        };
        Factor {
            value: value
                .round_dp_with_strategy(FACTOR_DECIMALS, RoundingStrategy::MidpointAwayFromZero),
            beyond,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// The CBS figures of `assets/price_index.json`.
    fn cpi() -> IndexSeries {
        crate::catalog::Catalog::builtin()
            .prices
            .index
            .into_iter()
            .find(|s| s.id == "cpi")
            .expect("the CPI ships")
    }

    #[test]
    fn the_factor_from_2013_to_2025_is_the_product_of_the_yearly_changes() {
        // The example of ../shared/data/price-index.md, by hand:
        // 1.010 × 1.006 × 1.003 × 1.014 × 1.017 × 1.026 × 1.013 × 1.027 × 1.100 × 1.038
        //   × 1.033 × 1.033 = 1.36677531... -> 1.366775
        let f = cpi().factor(2013, 2025);
        assert_eq!(f.value, dec("1.366775"));
        assert!(!f.beyond);
        assert_eq!(cpi().factor(2024, 2025).value, dec("1.033"));
        assert_eq!(cpi().factor(2025, 2024).value, dec("0.968054"));
    }

    #[test]
    fn a_year_without_a_figure_counts_as_no_change_and_says_so() {
        let f = cpi().factor(2025, 2026);
        assert_eq!(f.value, Decimal::ONE);
        assert!(f.beyond);
        let f = cpi().factor(2024, 2026);
        assert_eq!(f.value, dec("1.033"));
        assert!(f.beyond);
        assert_eq!(
            cpi().factor(1, 9999),
            Factor {
                value: Decimal::ONE,
                beyond: true
            }
        );
    }

    proptest! {
        #[test]
        fn the_same_year_is_factor_one_and_there_and_back_is_about_one(
            a in 2000i32..2030, b in 2000i32..2030
        ) {
            let s = cpi();
            prop_assert_eq!(s.factor(a, a), Factor::ONE);
            let round_trip = s.factor(a, b).value * s.factor(b, a).value;
            prop_assert!((round_trip - Decimal::ONE).abs() < dec("0.00001"), "{}", round_trip);
        }
    }
}
