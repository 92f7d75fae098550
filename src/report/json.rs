//! The JSON export of one session: the session itself, as in its file, with the computed
//! cost lines and totals beside it, so a reader needs no price calculation of their own.
//!
//! ```json
//! { "export": "tafel-session", "export_version": 1, "anonymous": false, "lang": "nl",
//!   "session": { ...the session file... },
//!   "cost_lines": [ ...rows of the cost_lines table (README, "Exports")... ],
//!   "totals": { "price_year": 2025, "intervention_cents": 0, "alternative_cents": 0, "difference_cents": 0,
//!               "alternative_range_cents": { "high": 0, "high_medium": 0, "all": 0 },
//!               "difference_range_cents": { "high": 0, "high_medium": 0, "all": 0 },
//!               "intervention_band_cents": { "low": 0, "high": 0 }, "alternative_band_cents": { "low": 0, "high": 0 },
//!               "intervention_informal_hours": "0", "alternative_informal_hours": "0",
//!               "intervention_informal_value_cents": null, "alternative_informal_value_cents": null,
//!               "lines_without_price": 0,
//!               "per_payer": [{ "payer_id", "payer_label", "intervention_cents", "alternative_cents", "difference_cents",
//!                               "alternative_range_cents", "difference_range_cents" }],
//!               "per_domain": [{ "domain_id", "domain_label", "intervention_cents", "alternative_cents", "difference_cents" }] } }
//! ```
//!
//! In an anonymous export every date is written as its month (`"2025-10"`), so the
//! `session` there is no longer a loadable session file.

use rust_decimal::Decimal;
use serde::Serialize;

use super::flat::{RowObject, Tables};
use crate::i18n::Lang;
use crate::model::costs::{Band, PayerTotals, Range, cost_lines, summarise};
use crate::model::{Cents, Session};

/// Bumped when the shape of this export changes.
pub const EXPORT_VERSION: u32 = 2;

#[derive(Serialize)]
struct Envelope<'a> {
    export: &'static str,
    export_version: u32,
    anonymous: bool,
    lang: &'static str,
    session: &'a Session,
    cost_lines: Vec<RowObject<'a>>,
    totals: Totals,
}

#[derive(Serialize)]
struct Totals {
    /// The year every amount is brought to; null: amounts as listed.
    price_year: Option<i32>,
    intervention_cents: Cents,
    alternative_cents: Cents,
    difference_cents: Cents,
    alternative_range_cents: RangeCents,
    difference_range_cents: RangeCents,
    intervention_band_cents: BandCents,
    alternative_band_cents: BandCents,
    intervention_informal_hours: Decimal,
    alternative_informal_hours: Decimal,
    intervention_informal_value_cents: Option<Cents>,
    alternative_informal_value_cents: Option<Cents>,
    lines_without_price: usize,
    per_payer: Vec<Group>,
    per_domain: Vec<Group>,
}

/// A total at the three confidence levels of the alternative.
#[derive(Serialize)]
struct RangeCents {
    high: Cents,
    high_medium: Cents,
    all: Cents,
}

impl From<Range> for RangeCents {
    fn from(r: Range) -> RangeCents {
        RangeCents {
            high: r.high,
            high_medium: r.high_medium,
            all: r.all,
        }
    }
}

/// A total with every estimated quantity at its low and high end.
#[derive(Serialize)]
struct BandCents {
    low: Cents,
    high: Cents,
}

impl From<Band> for BandCents {
    fn from(b: Band) -> BandCents {
        BandCents {
            low: b.low,
            high: b.high,
        }
    }
}

#[derive(Serialize)]
struct Group {
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_label: Option<String>,
    intervention_cents: Cents,
    alternative_cents: Cents,
    difference_cents: Cents,
    alternative_range_cents: RangeCents,
    difference_range_cents: RangeCents,
}

fn group(t: &PayerTotals) -> Group {
    Group {
        payer_id: None,
        payer_label: None,
        domain_id: None,
        domain_label: None,
        intervention_cents: t.intervention,
        alternative_cents: t.alternative,
        difference_cents: t.difference(),
        alternative_range_cents: t.alternative_range.into(),
        difference_range_cents: t.difference_range().into(),
    }
}

/// The export of `session` (already anonymised when `anonymous` is set).
pub fn render(session: &Session, lang: Lang, anonymous: bool) -> String {
    // What the participant keeps off the record is on no page.
    let session = &*crate::model::off_record::printable(session);
    let tables = Tables::of(session, lang, anonymous);
    let sum = summarise(&cost_lines(session));
    let empty_is_none = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let totals = Totals {
        price_year: session.costs.price_year,
        intervention_cents: sum.intervention_total,
        alternative_cents: sum.alternative_total,
        difference_cents: sum.difference(),
        alternative_range_cents: sum.alternative_range.into(),
        difference_range_cents: sum.difference_range().into(),
        intervention_band_cents: sum.intervention_band.into(),
        alternative_band_cents: sum.alternative_band.into(),
        intervention_informal_hours: sum.intervention_informal_hours.normalize(),
        alternative_informal_hours: sum.alternative_informal_hours.normalize(),
        intervention_informal_value_cents: sum.intervention_informal_value,
        alternative_informal_value_cents: sum.alternative_informal_value,
        lines_without_price: sum.lines_without_price,
        per_payer: sum
            .payers_in_order(&session.costs.payers)
            .into_iter()
            .map(|(id, t)| Group {
                payer_id: empty_is_none(id),
                payer_label: Some(
                    session
                        .costs
                        .payers
                        .iter()
                        .find(|p| &p.id == id)
                        .map_or_else(
                            || lang.texts().no_payer.to_string(),
                            |p| p.label.get(lang).to_string(),
                        ),
                ),
                ..group(t)
            })
            .collect(),
        per_domain: sum
            .per_domain
            .iter()
            .map(|(id, t)| Group {
                domain_id: empty_is_none(id),
                domain_label: Some(session.domain(id).map_or_else(
                    || lang.texts().no_domain.to_string(),
                    |d| d.label.get(lang).to_string(),
                )),
                ..group(t)
            })
            .collect(),
    };
    let export = Envelope {
        export: "tafel-session",
        export_version: EXPORT_VERSION,
        anonymous,
        lang: lang.code(),
        session,
        cost_lines: tables.cost_lines.objects().collect(),
        totals,
    };
    // Plain data always serialises.
    let mut text = serde_json::to_string_pretty(&export).unwrap_or_default();
    if anonymous {
        text = months_only(&text);
    }
    text.push('\n');
    text
}

/// Whether a JSON string's content is a date (`2025-10-14`) or a timestamp
/// (`2025-10-14T09:52:00+02:00`).
fn is_exact_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b.len() == 10 || b[10] == b'T')
}

/// Rewrites every JSON string that is a whole date or timestamp to its month: the
/// anonymised session holds no free text, so only date fields match.
fn months_only(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let bytes = rest.as_bytes();
        let mut end = 0;
        while end < bytes.len() && bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        let end = end.min(bytes.len());
        let content = &rest[..end];
        if is_exact_date(content) {
            out.push_str(&content[..7]);
        } else {
            out.push_str(content);
        }
        rest = &rest[end..];
        if let Some(after) = rest.strip_prefix('"') {
            out.push('"');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn dates_become_months_and_nothing_else_changes() {
        let json = r#"{"date": "2025-10-14", "at": "2025-10-14T09:52:00+02:00", "text": "zei \"2025-10-14\" toen", "m": "2025-10", "k": "2025-10-14x"}"#;
        let out = months_only(json);
        assert_eq!(
            out,
            r#"{"date": "2025-10", "at": "2025-10", "text": "zei \"2025-10-14\" toen", "m": "2025-10", "k": "2025-10-14x"}"#
        );
    }

    #[test]
    fn holds_the_session_and_matching_totals() {
        let s = &crate::demo::sessions(&Catalog::builtin())[0];
        let v: serde_json::Value = serde_json::from_str(&render(s, Lang::Nl, false)).unwrap();
        assert_eq!(v["export"], "tafel-session");
        let back: Session = serde_json::from_value(v["session"].clone()).unwrap();
        assert_eq!(&back, s);
        let sum: i64 = v["cost_lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["scenario"] == "alternative")
            .filter_map(|l| l["indexed_cost_cents"].as_i64())
            .sum();
        assert_eq!(v["totals"]["alternative_cents"].as_i64(), Some(sum));
        let per_payer: i64 = v["totals"]["per_payer"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["difference_cents"].as_i64())
            .sum();
        assert_eq!(v["totals"]["difference_cents"].as_i64(), Some(per_payer));
    }
}
