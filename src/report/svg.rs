//! The charts of the HTML reports as inline SVG: scores per life domain (start, now and
//! the alternative's estimate) and costs per payer (actual and alternative) in the case
//! report, and the radar of the waves' scores in the comparison.
//!
//! Plain SVG 1.1 without scripts or external references, sized by a `viewBox` so it scales
//! to the page. The three series differ in lightness as well as colour (dark, mid grey,
//! light with an outline), so they stay apart on a black-and-white print. Every text is
//! escaped; a label too long for its column is shortened, the full text kept in a
//! `<title>` tooltip.

use std::fmt::Write;

use super::document::{Arena, CostChart, Radar, ScoreChart};
use super::html::escape;

/// Width of the drawing in user units; at 96 dpi this is the text width of an A4 page.
pub const WIDTH: u32 = 680;

const START_FILL: &str = "#9aa5b1";
const NOW_FILL: &str = "#1f5f8b";
const ALT_FILL: &str = "#f5c48f";
const ALT_STROKE: &str = "#b35f12";

/// At most `max` characters of `label`, the last one `…` when it is cut.
pub(super) fn shorten(label: &str, max: usize) -> String {
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

/// A radar chart: one axis per life domain, one polygon per series (wave). The first
/// series is dashed, so the waves stay apart on a black-and-white print.
pub fn radar(r: &Radar) -> String {
    const COLOURS: [&str; 4] = ["#1f5fbf", "#b0208a", "#2f7d32", "#b35f12"];
    let n = r.axes.len().max(3);
    let (cx, cy, radius) = (260.0_f64, 230.0_f64, 160.0_f64);
    let point = |i: usize, v: f64| {
        let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        (cx + radius * v * angle.cos(), cy + radius * v * angle.sin())
    };
    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-110 0 740 470" width="740" height="470" role="img">"#,
    );
    for ring in [0.2, 0.4, 0.6, 0.8, 1.0] {
        let pts: Vec<String> = (0..n)
            .map(|i| point(i, ring))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#ccc"/>"##,
            pts.join(" ")
        );
    }
    for (i, label) in r.axes.iter().enumerate() {
        let (x, y) = point(i, 1.0);
        let (lx, ly) = point(i, 1.16);
        let anchor = if (lx - cx).abs() < 10.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            r##"<line x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{lx:.1}" y="{ly:.1}" font-size="11" text-anchor="{anchor}"><title>{}</title>{}</text>"##,
            escape(label),
            escape(&shorten(label, 24))
        );
    }
    for (k, (_, scores)) in r.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let dash = if k == 0 && r.series.len() > 1 {
            "6 4"
        } else {
            ""
        };
        let pts: Vec<String> = scores
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let (x, y) = point(i, f64::from((*v)?) / 10.0);
                Some(format!("{x:.1},{y:.1}"))
            })
            .collect();
        let _ = write!(
            svg,
            r#"<polygon points="{}" fill="{colour}" fill-opacity="0.12" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>"#,
            pts.join(" ")
        );
    }
    for (k, (name, _)) in r.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let mark = if k == 0 && r.series.len() > 1 {
            "- -"
        } else {
            "——"
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="460" font-size="12" fill="{colour}">{mark} {}</text>"#,
            10 + 110 * k,
            escape(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Payers down, cases across; a circle per cell whose area grows with the size of the
/// difference: filled dark where the payer saves (the alternative costs it more), open
/// and light with a minus where it invests. Cells of nothing stay empty.
pub fn arena(a: &Arena) -> String {
    const LABEL_W: u32 = 230;
    const X0: u32 = 240;
    // Room above the grid for the legend and the slanted case labels.
    const TOP: u32 = 120;
    const ROW: u32 = 30;
    let cols = a.cases.len().max(1) as u32;
    let col = ((WIDTH - X0) / cols).clamp(14, 60);
    let height = TOP + ROW * a.payers.len() as u32 + 6;
    let max = a
        .cells
        .iter()
        .flatten()
        .map(|c| c.0.unsigned_abs())
        .max()
        .unwrap_or(0)
        .max(1);
    // Radius ∝ √|value| (area ∝ value), in integers: no float touches money.
    let r_max = u64::from(col.min(ROW) / 2 - 2);
    let radius = |v: u64| -> u64 {
        let scaled = u128::from(v) * u128::from(r_max * r_max) / u128::from(max);
        let r = u64::try_from(scaled.isqrt()).unwrap_or(u64::MAX);
        if v > 0 { r.max(2) } else { 0 }
    };
    let mut o = String::new();
    open(&mut o, height, &a.title, "chart arena");
    legend(
        &mut o,
        X0,
        &[
            (&a.legend[0], NOW_FILL, None),
            (&a.legend[1], ALT_FILL, Some(ALT_STROKE)),
        ],
    );
    for (j, case) in a.cases.iter().enumerate() {
        let x = X0 + col * j as u32 + col / 2;
        let _ = write!(
            o,
            r#"<text x="{x}" y="{}" text-anchor="start" transform="rotate(-45 {x} {})"><title>{}</title>{}</text>"#,
            TOP - 8,
            TOP - 8,
            escape(case),
            escape(&shorten(case, 14))
        );
    }
    for (i, payer) in a.payers.iter().enumerate() {
        let y = TOP + ROW * i as u32 + ROW / 2;
        let _ = write!(
            o,
            r#"<text x="{LABEL_W}" y="{}" text-anchor="end"><title>{}</title>{}</text>"#,
            y + 4,
            escape(payer),
            escape(&shorten(payer, 36))
        );
        let _ = write!(
            o,
            r##"<line x1="{X0}" y1="{y}" x2="{}" y2="{y}" stroke="#d6dce1"/>"##,
            X0 + col * cols
        );
        for (j, v) in a.cells.get(i).into_iter().flatten().enumerate() {
            let r = radius(v.0.unsigned_abs());
            if r == 0 {
                continue;
            }
            let x = X0 + col * j as u32 + col / 2;
            if v.0 > 0 {
                let _ = write!(
                    o,
                    r#"<circle cx="{x}" cy="{y}" r="{r}" fill="{NOW_FILL}"/>"#
                );
            } else {
                let _ = write!(
                    o,
                    r#"<circle cx="{x}" cy="{y}" r="{r}" fill="{ALT_FILL}" stroke="{ALT_STROKE}"/><text x="{x}" y="{}" text-anchor="middle" fill="{ALT_STROKE}">−</text>"#,
                    y + 4
                );
            }
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
