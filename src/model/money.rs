//! Exact money: integer euro cents, parsed and formatted the Dutch and English way.
//!
//! Money never passes through a float. Amounts are `i64` cents; a cost line multiplies
//! an exact decimal quantity by a price in cents and rounds half away from zero to a
//! whole cent, once, per line. Totals are sums of those rounded lines, so a total always
//! equals the sum of the lines shown.

use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An amount of money in euro cents.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    /// `quantity × self`, rounded half away from zero to whole cents.
    /// Returns `None` only when the result does not fit (amounts beyond 92 quadrillion euro).
    pub fn times(self, quantity: Decimal) -> Option<Cents> {
        let exact = quantity.checked_mul(Decimal::from(self.0))?;
        let rounded =
            exact.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        rounded.to_i64().map(Cents)
    }

    pub fn checked_add(self, other: Cents) -> Option<Cents> {
        self.0.checked_add(other.0).map(Cents)
    }
}

// Sums saturate. No amount that can be typed comes near ±92 quadrillion euro (the parser
// refuses what does not fit), so only a damaged or hand-edited file can get there; its
// totals then stay at the limit, visibly absurd, instead of wrapping round to a plausible
// figure (release builds) or stopping the program (debug builds).
impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0.saturating_sub(rhs.0))
    }
}

impl std::ops::AddAssign for Cents {
    fn add_assign(&mut self, rhs: Cents) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, |a, b| a + b)
    }
}

/// Why a typed amount was refused. The message says what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyParseError {
    #[error("empty amount")]
    Empty,
    #[error(
        "'{0}' is not an amount; type euros like 1.234,50 or 12,50 or 12.50 (at most two decimals)"
    )]
    Invalid(String),
    #[error("'{0}' is too large")]
    TooLarge(String),
}

/// Parses an amount typed by a person: `1.234,50`, `€ 12,50`, `12.50`, `12,5`, `1234`,
/// `-12,50`, `1,234.50`. A lone separator followed by exactly three digits (`1.234`) is read
/// as a thousands separator, the Dutch habit; anything ambiguous beyond that is refused.
///
/// `decimal` is the decimal separator of the user's language (',' in Dutch, '.' in
/// English). A lone separator of that kind is always the decimal one, so "15,082" typed
/// in Dutch is refused rather than read as fifteen thousand; a lone separator of the
/// other kind with three digits after it groups thousands ("1.234"), with one or two it
/// is taken as the other convention's decimal point ("12.50").
pub fn parse_amount(input: &str, decimal: char) -> Result<Cents, MoneyParseError> {
    let invalid = || MoneyParseError::Invalid(input.trim().to_string());
    let mut s: String = input
        .trim()
        .trim_start_matches("EUR")
        .trim_start_matches('€')
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if s.is_empty() {
        return Err(MoneyParseError::Empty);
    }
    let negative = s.starts_with('-');
    if negative {
        s.remove(0);
    }
    let s = s.trim_start_matches('€');
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(invalid());
    }
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    // Decide which character (if any) is the decimal separator.
    let decimal_sep = match (last_dot, last_comma) {
        (None, None) => None,
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(p), None) | (None, Some(p)) => {
            let sep = s.as_bytes()[p] as char;
            let count = s.matches(sep).count();
            let after = s.len() - p - 1;
            if sep == decimal && count == 1 {
                Some(sep)
            } else if count > 1 || after == 3 {
                None // only thousands separators: 1.234 or 1.234.567
            } else {
                Some(sep)
            }
        }
    };
    let (int_part, frac_part) = match decimal_sep {
        Some(sep) => {
            let p = s.rfind(sep).unwrap_or(0);
            (&s[..p], &s[p + 1..])
        }
        None => (s, ""),
    };
    if frac_part.len() > 2 || frac_part.contains(['.', ',']) {
        return Err(invalid());
    }
    // Thousands groups must be well formed: 1.234.567, never 12.34.5
    let group_sep = match decimal_sep {
        Some('.') => Some(','),
        Some(_) => Some('.'),
        None => int_part.chars().find(|c| *c == '.' || *c == ','),
    };
    let digits: String = if let Some(g) = group_sep.filter(|g| int_part.contains(*g)) {
        let groups: Vec<&str> = int_part.split(g).collect();
        let well_formed = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|grp| grp.len() == 3)
            && groups
                .iter()
                .all(|grp| grp.chars().all(|c| c.is_ascii_digit()));
        if !well_formed {
            return Err(invalid());
        }
        groups.concat()
    } else {
        if int_part.contains(['.', ',']) {
            return Err(invalid());
        }
        int_part.to_string()
    };
    if digits.is_empty() && frac_part.is_empty() {
        return Err(invalid());
    }
    let euros: i64 = if digits.is_empty() {
        0
    } else {
        digits
            .parse()
            .map_err(|_| MoneyParseError::TooLarge(input.trim().to_string()))?
    };
    let cents: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().map_err(|_| invalid())? * 10,
        _ => frac_part.parse::<i64>().map_err(|_| invalid())?,
    };
    let total = euros
        .checked_mul(100)
        .and_then(|v| v.checked_add(cents))
        .ok_or_else(|| MoneyParseError::TooLarge(input.trim().to_string()))?;
    Ok(Cents(if negative { -total } else { total }))
}

impl fmt::Display for Cents {
    /// Neutral form for logs and JSON-adjacent text: `1234.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sums_stay_at_the_limit_instead_of_wrapping_round() {
        assert_eq!(Cents(i64::MAX) + Cents(1), Cents(i64::MAX));
        assert_eq!(Cents(i64::MIN) - Cents(1), Cents(i64::MIN));
        let mut c = Cents(i64::MAX - 1);
        c += Cents(5);
        assert_eq!(c, Cents(i64::MAX));
        assert_eq!(
            [Cents(i64::MAX), Cents(i64::MAX)]
                .into_iter()
                .sum::<Cents>(),
            Cents(i64::MAX)
        );
        assert_eq!(Cents(2) + Cents(3) - Cents(10), Cents(-5));
    }

    #[test]
    fn parses_the_forms_people_type() {
        let ok = [
            ("1.234,50", 123_450),
            ("€ 12,50", 1250),
            ("€12,50", 1250),
            ("12.50", 1250),
            ("12,5", 1250),
            ("1234", 123_400),
            ("1.234", 123_400),
            ("1,234.50", 123_450),
            ("1.234.567,89", 123_456_789),
            ("-12,50", -1250),
            ("0,99", 99),
            (",99", 99),
            ("EUR 7", 700),
            ("1 234,50", 123_450),
        ];
        for (text, cents) in ok {
            assert_eq!(parse_amount(text, ','), Ok(Cents(cents)), "{text}");
        }
    }

    #[test]
    fn a_lone_separator_of_the_language_is_the_decimal_one() {
        // "15,082" in Dutch is a typo, not fifteen thousand euros.
        assert!(parse_amount("€ 15,082", ',').is_err());
        assert!(parse_amount("€ 15,0820", ',').is_err());
        assert_eq!(parse_amount("15,082", '.'), Ok(Cents(1_508_200)));
        assert_eq!(parse_amount("1.234", ','), Ok(Cents(123_400)));
        assert!(parse_amount("1.234", '.').is_err());
        assert_eq!(parse_amount("12.50", ','), Ok(Cents(1250)));
        assert_eq!(parse_amount("12,50", '.'), Ok(Cents(1250)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for text in [
            "abc", "12,345,6", "1.2.3", "12..5", "12,3456", "1,23,456", "€", "--5", "5e3",
        ] {
            assert!(parse_amount(text, ',').is_err(), "{text} should be refused");
        }
        assert_eq!(parse_amount("  ", ','), Err(MoneyParseError::Empty));
        let msg = parse_amount("abc", ',').unwrap_err().to_string();
        assert!(
            msg.contains("1.234,50"),
            "message says what is expected: {msg}"
        );
    }

    #[test]
    fn multiplies_exactly_and_rounds_once() {
        let q = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Cents(5580).times(q("26")), Some(Cents(145_080)));
        assert_eq!(Cents(1327).times(q("1.5")), Some(Cents(1991))); // 1990.5 -> 1991
        assert_eq!(Cents(3).times(q("0.5")), Some(Cents(2)));
        assert_eq!(Cents(i64::MAX).times(q("2")), None);
    }

    proptest! {
        #[test]
        fn parsing_never_panics(s in "\\PC{0,20}") {
            let _ = parse_amount(&s, ',');
            let _ = parse_amount(&s, '.');
        }
    }
}
