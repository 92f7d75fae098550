//! The two charts of the HTML report as inline SVG: scores per life domain (start, now and
//! the alternative's estimate) and costs per payer (actual and alternative).
//!
//! Plain SVG 1.1 without scripts or external references, sized by a `viewBox` so it scales
//! to the page. The three series differ in lightness as well as colour (dark, mid grey,
//! light with an outline), so they stay apart on a black-and-white print. Every text is
//! escaped; a label too long for its column is shortened, the full text kept in a
//! `<title>` tooltip.

use std::fmt::Write;

use super::document::{CostChart, ScoreChart};
use super::html::escape;

/// Width of the drawing in user units; at 96 dpi this is the text width of an A4 page.
pub const WIDTH: u32 = 680;

const START_FILL: &str = "#9aa5b1";
const NOW_FILL: &str = "#1f5f8b";
const ALT_FILL: &str = "#f5c48f";
const ALT_STROKE: &str = "#b35f12";

fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn legend(o: &mut String, x0: u32, items: &[(&str, &str, Option<&str>)]) {
    let mut x = x0;
    for (label, fill, stroke) in items {
        let stroke = stroke.map_or(String::new(), |s| format!(r#" stroke="{s}""#));
        let _ = write!(
            o,
            r#"<rect x="{x}" y="4" width="12" height="12" fill="{fill}"{stroke}/><text x="{}" y="14">{}</text>"#,
            x + 17,
            escape(label)
        );
        // Roughly 6.5 units per character at 12 px.
        x += 17 + (label.chars().count() as u32 * 13).div_ceil(2) + 22;
    }
}

fn open(o: &mut String, height: u32, title: &str, class: &str) {
    let _ = write!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" font-family="sans-serif" font-size="12" fill="#1d2630"><title>{}</title>"##,
        escape(title)
    );
}

/// Scores from 0 to 10 per life domain: three bars per domain.
pub fn score_chart(chart: &ScoreChart) -> String {
    const LABEL_W: u32 = 210;
    const X0: u32 = 216;
    const SCALE_W: u32 = 420;
    const BAR: u32 = 9;
    const GAP: u32 = 2;
    const ROW: u32 = 3 * BAR + 2 * GAP + 12;
    const TOP: u32 = 44;
    let height = TOP + ROW * chart.rows.len() as u32 + 6;
    let x_of = |score: u8| X0 + u32::from(score) * SCALE_W / 10;
    let mut o = String::new();
    open(&mut o, height, &chart.title, "chart scores");
    legend(
        &mut o,
        X0,
        &[
            (&chart.legend[0], START_FILL, None),
            (&chart.legend[1], NOW_FILL, None),
            (&chart.legend[2], ALT_FILL, Some(ALT_STROKE)),
        ],
    );
    // Grid and scale.
    for v in (0..=10u8).step_by(2) {
        let x = x_of(v);
        let _ = write!(
            o,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#d5dbe1"/><text x="{x}" y="{}" text-anchor="middle" font-size="10" fill="#5b6770">{v}</text>"##,
            TOP - 6,
            height - 4,
            TOP - 10
        );
    }
    for (i, row) in chart.rows.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let label = shorten(&row.label, 32);
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" text-anchor="end"><title>{}</title>{}</text>"#,
            LABEL_W,
            y + ROW / 2 - 2,
            escape(&row.label),
            escape(&label)
        );
        let series = [
            (row.start, START_FILL, None),
            (row.now, NOW_FILL, None),
            (row.alternative, ALT_FILL, Some(ALT_STROKE)),
        ];
        for (k, (value, fill, stroke)) in series.iter().enumerate() {
            let by = y + 4 + k as u32 * (BAR + GAP);
            match value {
                Some(v) => {
                    let w = (x_of(*v) - X0).max(2);
                    let stroke = stroke.map_or(String::new(), |s| {
                        format!(r#" stroke="{s}" stroke-width="1""#)
                    });
                    let _ = write!(
                        o,
                        r#"<rect x="{X0}" y="{by}" width="{w}" height="{BAR}" fill="{fill}"{stroke}/><text x="{}" y="{}" font-size="10">{v}</text>"#,
                        X0 + w + 4,
                        by + BAR - 1
                    );
                }
                None => {
                    let _ = write!(
                        o,
                        r##"<text x="{}" y="{}" font-size="10" fill="#5b6770">{}</text>"##,
                        X0 + 4,
                        by + BAR - 1,
                        escape(&chart.missing)
                    );
                }
            }
        }
    }
    o.push_str("</svg>");
    o
}

/// Costs per payer: a bar for the actual scenario and one for the alternative.
pub fn cost_chart(chart: &CostChart) -> String {
    const LABEL_W: u32 = 230;
    const X0: u32 = 236;
    const SCALE_W: u32 = 330;
    const BAR: u32 = 11;
    const GAP: u32 = 3;
    const ROW: u32 = 2 * BAR + GAP + 14;
    const TOP: u32 = 30;
    let height = TOP + ROW * chart.rows.len() as u32 + 4;
    let max = chart
        .rows
        .iter()
        .flat_map(|r| [r.actual.0, r.alternative.0])
        .max()
        .unwrap_or(0)
        .max(1);
    let width_of = |cents: i64| -> u32 {
        let clamped = cents.clamp(0, max);
        // Integer arithmetic: no float ever touches money, even for drawing.
        (i128::from(clamped) * i128::from(SCALE_W) / i128::from(max)) as u32
    };
    let mut o = String::new();
    open(&mut o, height, &chart.title, "chart costs");
    legend(
        &mut o,
        X0,
        &[
            (&chart.legend[0], NOW_FILL, None),
            (&chart.legend[1], ALT_FILL, Some(ALT_STROKE)),
        ],
    );
    let _ = write!(
        o,
        r##"<line x1="{X0}" y1="{}" x2="{X0}" y2="{}" stroke="#5b6770"/>"##,
        TOP - 4,
        height - 2
    );
    for (i, row) in chart.rows.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" text-anchor="end"><title>{}</title>{}</text>"#,
            LABEL_W,
            y + ROW / 2,
            escape(&row.label),
            escape(&shorten(&row.label, 36))
        );
        let bars = [
            (row.actual.0, &row.actual_text, NOW_FILL, None),
            (
                row.alternative.0,
                &row.alternative_text,
                ALT_FILL,
                Some(ALT_STROKE),
            ),
        ];
        for (k, (cents, text, fill, stroke)) in bars.iter().enumerate() {
            let by = y + 5 + k as u32 * (BAR + GAP);
            let w = width_of(*cents);
            if w > 0 {
                let stroke = stroke.map_or(String::new(), |s| {
                    format!(r#" stroke="{s}" stroke-width="1""#)
                });
                let _ = write!(
                    o,
                    r#"<rect x="{X0}" y="{by}" width="{w}" height="{BAR}" fill="{fill}"{stroke}/>"#
                );
            }
            let _ = write!(
                o,
                r#"<text x="{}" y="{}" font-size="10">{}</text>"#,
                X0 + w + 5,
                by + BAR - 2,
                escape(text)
            );
        }
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cents;
    use crate::report::document::{CostRow, ScoreRow};

    #[test]
    fn labels_are_escaped_and_shortened() {
        let chart = ScoreChart {
            title: "<t>".into(),
            legend: ["a".into(), "b".into(), "c".into()],
            rows: vec![ScoreRow {
                label: "<script>alert(1)</script> and a label that goes on and on".into(),
                start: Some(0),
                now: Some(10),
                alternative: None,
            }],
            missing: "n/a".into(),
        };
        let svg = score_chart(&chart);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains('…'));
        assert!(svg.contains("n/a"));
    }

    #[test]
    fn bars_scale_to_the_largest_amount_without_floats() {
        let chart = CostChart {
            title: "costs".into(),
            legend: ["actual".into(), "alternative".into()],
            rows: vec![CostRow {
                label: "Gemeente".into(),
                actual: Cents(100),
                alternative: Cents(i64::MAX),
                actual_text: "€ 1,00".into(),
                alternative_text: "veel".into(),
            }],
        };
        let svg = cost_chart(&chart);
        assert!(svg.contains(r#"width="330""#), "{svg}");
        let empty = CostChart {
            rows: vec![],
            ..chart
        };
        assert!(cost_chart(&empty).ends_with("</svg>"));
    }
}
