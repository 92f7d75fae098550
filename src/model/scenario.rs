//! What both scenarios are made of: life events and support activities on a timeline.
//! The intervention scenario (looking back) and the alternative share these types.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dates::PartialDate;
use super::money::Cents;

/// How sure the table is of something in the alternative scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    #[default]
    Medium,
    High,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];
}

/// Something that happened (or would have happened) in the participant's life.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct LifeEvent {
    pub id: String,
    /// When, to month precision usually.
    pub when: Option<PartialDate>,
    pub what: String,
    pub domain_id: Option<String>,
    /// Attendee id of whoever brought it up.
    pub raised_by: Option<String>,
    /// Only in the alternative scenario: how sure the table is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The wave it was first recorded at, when a follow-up took it over from there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_wave: Option<u32>,
}

/// The unit a quantity and a price are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Hour,
    HalfDay,
    Day,
    Night,
    Week,
    Month,
    Year,
    Visit,
    Contact,
    Ride,
    Case,
    Trajectory,
}

impl Unit {
    pub const ALL: [Unit; 12] = [
        Unit::Hour,
        Unit::HalfDay,
        Unit::Day,
        Unit::Night,
        Unit::Week,
        Unit::Month,
        Unit::Year,
        Unit::Visit,
        Unit::Contact,
        Unit::Ride,
        Unit::Case,
        Unit::Trajectory,
    ];
}

/// Where a quantity comes from. The seed's main finding: professionals could not say how
/// many hours they spent, so an hour count is an estimate unless the table says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuantityBasis {
    /// From a system or a timesheet.
    Registered,
    /// A guess at the table, with a margin.
    Estimated,
}

impl QuantityBasis {
    pub const ALL: [QuantityBasis; 2] = [QuantityBasis::Registered, QuantityBasis::Estimated];
}

/// The margin of an estimate when the table names none: ± 25 %.
pub const DEFAULT_MARGIN_PERCENT: u8 = 25;

/// A price typed for one activity instead of the price list's; it counts only with an
/// amount and a reason. Either may be typed first (or emptied to retype it) without
/// losing the other.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PriceOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price_cents: Option<Cents>,
    #[serde(default)]
    pub reason: String,
}

/// Support given (or that would have been given), or a facility used: who, when, how much,
/// at what price, paid by whom.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Activity {
    pub id: String,
    /// What was done, e.g. "individuele begeleiding", "bijstandsuitkering".
    pub what: String,
    /// Attendee id of who did it, if they are at the table.
    pub attendee_id: Option<String>,
    pub organisation: String,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// How many units, exact (e.g. "26" hours, "1.5" days). Stored as a decimal string.
    pub quantity: Decimal,
    pub unit: Unit,
    /// For hours: the hours-per-week times weeks that gave `quantity`, so the estimate
    /// can be revisited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weeks: Option<Decimal>,
    /// Registered or estimated; unset: estimated for hours, registered for the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<QuantityBasis>,
    /// How far an estimate may be off, ± percent (0 to 100); unset: 25.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_percent: Option<u8>,
    /// Price item id in the session's price list.
    pub price_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_override: Option<PriceOverride>,
    /// Payer id; when empty the price item's default payer applies.
    pub payer_id: Option<String>,
    /// Informal help (family, volunteers): counted in hours, in euros only on request.
    pub informal: bool,
    pub domain_id: Option<String>,
    /// Only in the alternative scenario: how sure the table is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    pub note: String,
    /// The wave it was first recorded at, when a follow-up took it over from there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_wave: Option<u32>,
}

/// The largest quantity, hours per week or number of weeks that can be typed: far above
/// anything real, and small enough that hours per week × weeks always fits.
pub const MAX_QUANTITY: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

impl Activity {
    /// The basis of the quantity, with the default rule applied: hours are estimated
    /// unless the table says they are registered.
    pub fn quantity_basis(&self) -> QuantityBasis {
        self.basis.unwrap_or(if self.unit == Unit::Hour {
            QuantityBasis::Estimated
        } else {
            QuantityBasis::Registered
        })
    }

    /// The ± percent the quantity may be off: none for a registered one.
    pub fn margin(&self) -> u8 {
        match self.quantity_basis() {
            QuantityBasis::Registered => 0,
            QuantityBasis::Estimated => self
                .margin_percent
                .unwrap_or(DEFAULT_MARGIN_PERCENT)
                .min(100),
        }
    }

    /// Applies the hours helper: quantity = hours per week × weeks. (Typed numbers are at
    /// most [`MAX_QUANTITY`], so the product fits; from a hand-edited file it may not, and
    /// then stays at the largest decimal.)
    pub fn set_hours_per_week(&mut self, hours_per_week: Decimal, weeks: Decimal) {
        self.hours_per_week = Some(hours_per_week);
        self.weeks = Some(weeks);
        self.unit = Unit::Hour;
        self.quantity = hours_per_week
            .checked_mul(weeks)
            .unwrap_or(Decimal::MAX)
            .normalize();
    }
}
