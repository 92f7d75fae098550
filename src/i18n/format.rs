//! The one place where numbers, money, dates and units become text, per language. Every
//! screen, report and command writes them through here, so "1,5 uur" in Dutch is "1,5
//! uur" everywhere, and English says "80 hours" and "1 visit".
//!
//! The methods on [`Cents`] and [`PartialDate`] are defined here rather than in `model`,
//! which knows nothing of languages.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Lang;
use crate::model::dates::{MONTHS_EN, MONTHS_NL};
use crate::model::{Cents, Localized, PartialDate, Unit};

impl Localized {
    /// The text in `lang`, falling back to the other language when it is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Nl => (&self.nl, &self.en),
            Lang::En => (&self.en, &self.nl),
        };
        if first.is_empty() { second } else { first }
    }
}

impl Cents {
    /// Formats as `€ 1.234,50` (Dutch) or `€1,234.50` (English).
    pub fn display(self, lang: Lang) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let euros = abs / 100;
        let cents = abs % 100;
        let (group, decimal, prefix) = match lang {
            Lang::Nl => ('.', ',', "€ "),
            Lang::En => (',', '.', "€"),
        };
        let sign = if negative { "-" } else { "" };
        format!("{sign}{prefix}{}{decimal}{cents:02}", grouped(euros, group))
    }

    /// At most `width` columns, for a chart: `€ 12.345` (whole euros), `12.345`, `12k`,
    /// `1,2k`... and `…` when not even that fits. Rounded half away from zero.
    pub fn display_short(self, lang: Lang, width: usize) -> String {
        let negative = self.0 < 0;
        let euros = self.0.unsigned_abs().saturating_add(50) / 100;
        let (group, decimal, prefix) = match lang {
            Lang::Nl => ('.', ',', "€ "),
            Lang::En => (',', '.', "€"),
        };
        let sign = if negative { "-" } else { "" };
        let whole = grouped(euros, group);
        let thousands = if euros < 10_000 {
            let tenths = (euros + 50) / 100;
            format!("{sign}{}{decimal}{}k", tenths / 10, tenths % 10)
        } else {
            format!("{sign}{}k", grouped((euros + 500) / 1000, group))
        };
        [
            format!("{sign}{prefix}{whole}"),
            format!("{sign}{whole}"),
            thousands,
        ]
        .into_iter()
        .find(|c| c.chars().count() <= width)
        .unwrap_or_else(|| "…".into())
    }

    /// Like [`Cents::display`] but always with a sign, for differences: `+€ 12,00`.
    pub fn display_signed(self, lang: Lang) -> String {
        if self.0 > 0 {
            format!("+{}", self.display(lang))
        } else {
            self.display(lang)
        }
    }
}

fn grouped(n: u64, group: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(ch);
    }
    out
}

impl PartialDate {
    /// Shows the date the way it was given, in the user's language: `12-3-2026`,
    /// `maart 2026` / `March 2026`, `2026`.
    pub fn display(self, lang: Lang) -> String {
        match self {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Month(y, m) => {
                let i = (m.clamp(1, 12) - 1) as usize;
                let name = match lang {
                    Lang::Nl => MONTHS_NL[i].to_string(),
                    Lang::En => capitalise(MONTHS_EN[i]),
                };
                format!("{name} {y}")
            }
            PartialDate::Day(d) => match lang {
                Lang::Nl => format!("{}-{}-{}", d.day(), d.month(), d.year()),
                Lang::En => d.format("%-d %b %Y").to_string(),
            },
        }
    }
}

/// `s` with its first letter upper case.
/// Items as a sentence says them: "a", "a en b", "a, b en c" (English "a, b and c").
pub fn and_list(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Nl => "en",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A month's usual short name: `mrt`, `Mar` (1 to 12).
pub fn month_short(month: u32, lang: Lang) -> &'static str {
    const NL: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = usize::try_from(month.clamp(1, 12) - 1).unwrap_or(0);
    match lang {
        Lang::Nl => NL[i],
        Lang::En => EN[i],
    }
}

/// An exact date the way the user's language writes it: `12-3-2026`, `12 Mar 2026`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    PartialDate::Day(d).display(lang)
}

/// A decimal number as the language writes it, without trailing zeros: `1,5` / `1.5`.
/// Large numbers are not grouped (they are quantities, typed back as shown).
pub fn decimal(d: Decimal, lang: Lang) -> String {
    let s = d.normalize().to_string();
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A quantity with its unit, singular or plural as the number asks: `1,5 uur`,
/// `1 visit`, `2 visits`, `80 hours`.
pub fn quantity(q: Decimal, unit: Unit, lang: Lang) -> String {
    format!("{} {}", decimal(q, lang), unit_name(unit, q, lang))
}

/// The unit's name for `q` of it: singular for exactly one, plural otherwise.
pub fn unit_name(unit: Unit, q: Decimal, lang: Lang) -> &'static str {
    let t = lang.texts();
    let i = Unit::ALL.iter().position(|u| *u == unit).unwrap_or(0);
    if q == Decimal::ONE {
        t.units[i]
    } else {
        t.units_plural[i]
    }
}

/// A priced line written as the product it is, so that it adds up as printed:
/// `54 uur × € 55,80 × 1,067089 (2023 → 2025) = € 3.215,35` when the price is brought
/// from its year to the session's price level, `26 uur × € 55,80 = € 1.450,80` when not.
/// (The factor is the one the cost was computed with, six decimals: the product of the
/// printed figures, rounded once to the cent, is the printed cost.) `None` for a line
/// without a price or cost (informal help, a missing price).
pub fn cost_product(l: &crate::model::costs::CostLine<'_>, lang: Lang) -> Option<String> {
    let price = l.unit_price?;
    let cost = l.cost?;
    let q = quantity(l.activity.quantity, l.activity.unit, lang);
    if l.factor.value == Decimal::ONE {
        return Some(format!(
            "{q} × {} = {}",
            price.display(lang),
            cost.display(lang)
        ));
    }
    let years = match (l.listed_year, l.price_year) {
        (Some(from), Some(to)) => format!(" ({from} → {to})"),
        _ => String::new(),
    };
    Some(format!(
        "{q} × {} × {}{years} = {}",
        price.display(lang),
        decimal(l.factor.value, lang),
        cost.display(lang)
    ))
}

/// Hours as text: `1,5 uur`, `1 hour`, `2 hours`.
pub fn hours(h: Decimal, lang: Lang) -> String {
    quantity(h, Unit::Hour, lang)
}

/// What a difference (alternative minus actual) means for the approach, in words:
/// "bespaart de aanpak € 830,90" / "the approach costs €1,200.00 more".
pub fn saving(difference: Cents, lang: Lang) -> String {
    let r = &lang.texts().report;
    let amount = Cents(difference.0.saturating_abs()).display(lang);
    match difference.0 {
        0 => r.no_difference.to_string(),
        d if d > 0 => (r.saves)(&amount),
        _ => (r.costs_more)(&amount),
    }
}

/// The difference at the three confidence levels in one sentence.
pub fn range_sentence(difference: crate::model::costs::Range, lang: Lang) -> String {
    let [high, likely, all] = difference.levels().map(|d| saving(d, lang));
    (lang.texts().report.range_sentence)(&high, &likely, &all)
}

/// "€ 1.000,00 / € 1.500,00 / € 2.000,00": a range's three levels, signed.
pub fn range_signed(range: crate::model::costs::Range, lang: Lang) -> String {
    range.levels().map(|c| c.display_signed(lang)).join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::money::parse_amount;
    use proptest::prelude::*;

    #[test]
    fn money_in_both_languages() {
        assert_eq!(Cents(123_450).display(Lang::Nl), "€ 1.234,50");
        assert_eq!(Cents(123_450).display(Lang::En), "€1,234.50");
        assert_eq!(Cents(5).display(Lang::Nl), "€ 0,05");
        assert_eq!(Cents(-10_000_000).display(Lang::Nl), "-€ 100.000,00");
        assert_eq!(Cents(1200).display_signed(Lang::En), "+€12.00");
    }

    #[test]
    fn short_money_gives_way_to_its_width() {
        let c = Cents(1_234_567);
        assert_eq!(c.display_short(Lang::Nl, 12), "€ 12.346");
        assert_eq!(c.display_short(Lang::En, 7), "€12,346");
        assert_eq!(c.display_short(Lang::Nl, 6), "12.346");
        assert_eq!(c.display_short(Lang::Nl, 4), "12k");
        assert_eq!(Cents(123_456).display_short(Lang::Nl, 4), "1,2k");
        assert_eq!(Cents(-123_456).display_short(Lang::En, 5), "-1.2k");
        assert_eq!(c.display_short(Lang::Nl, 2), "…");
    }

    #[test]
    fn dates_in_both_languages() {
        let day = |y, m, d| PartialDate::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(day(2026, 3, 12).display(Lang::Nl), "12-3-2026");
        assert_eq!(day(2026, 3, 12).display(Lang::En), "12 Mar 2026");
        assert_eq!(PartialDate::Month(2026, 3).display(Lang::Nl), "maart 2026");
        assert_eq!(PartialDate::Month(2026, 3).display(Lang::En), "March 2026");
    }

    #[test]
    fn quantities_with_their_unit_singular_or_plural() {
        let q = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(quantity(q("1.5"), Unit::Hour, Lang::Nl), "1,5 uur");
        assert_eq!(quantity(q("1.50"), Unit::Hour, Lang::En), "1.5 hours");
        assert_eq!(quantity(q("80"), Unit::Hour, Lang::En), "80 hours");
        assert_eq!(quantity(q("1"), Unit::Visit, Lang::En), "1 visit");
        assert_eq!(quantity(q("2"), Unit::Visit, Lang::En), "2 visits");
        assert_eq!(quantity(q("2"), Unit::Day, Lang::Nl), "2 dagen");
        assert_eq!(quantity(q("1"), Unit::Day, Lang::Nl), "1 dag");
    }

    proptest! {
        #[test]
        fn money_shown_then_read_back_is_the_same(c in -10_000_000_000i64..10_000_000_000i64) {
            for lang in [Lang::Nl, Lang::En] {
                prop_assert_eq!(
                    parse_amount(&Cents(c).display(lang), lang.decimal_separator()),
                    Ok(Cents(c))
                );
            }
        }
    }
}
