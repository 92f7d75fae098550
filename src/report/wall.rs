//! The wall on paper: both scenarios in lanes on one axis of months, as inline SVG, in the
//! case report (A4) and alone on an A3 landscape page (`tafel export ID --format html
//! --wall`) for the actual wall at the next table.
//!
//! As on screen, a solid bar is what happened and a dashed outline what would have happened
//! without the approach, and each bar carries its payer's letter: the lanes and payers stay
//! apart on a black-and-white print. Every item is a `<g class="mark">` with its details in
//! a `<title>` tooltip; every text is escaped.

use std::fmt::Write;

use super::document::{WallChart, WallMark};
use super::html::{PAGE_END, escape, page_start_styled};
use crate::i18n::Lang;

/// Print-safe payer colours, distinct in lightness as well as hue.
const PALETTE: [&str; 8] = [
    "#1f5f8b", "#b35f12", "#2e7d32", "#6a1b9a", "#00838f", "#c62828", "#5d4037", "#455a64",
];
const INK: &str = "#1d2630";
const MUTED: &str = "#5b6770";
const GRID: &str = "#d5dbe1";

/// Left column: lane names and the costs rows' labels.
const LABEL_W: u32 = 96;
const EVENT_ROW: u32 = 18;
const BAR_ROW: u32 = 22;
const BAR_H: u32 = 17;

fn colour(letter: char) -> &'static str {
    match letter {
        'A'..='Z' => PALETTE[(letter as usize - 'A' as usize) % PALETTE.len()],
        _ => MUTED,
    }
}

/// Roughly how wide a text is at 11 px, in user units.
fn text_w(text: &str) -> u32 {
    u32::try_from(text.chars().count()).unwrap_or(u32::MAX / 8) * 6 + 4
}

/// As many characters of `text` as fit in `width` units at 11 px.
fn fit(text: &str, width: u32) -> String {
    let max = usize::try_from(width.saturating_sub(4) / 6).unwrap_or(0);
    if max == 0 {
        String::new()
    } else {
        super::svg::shorten(text, max)
    }
}

/// The wall as SVG, `width` user units wide (its height follows from the rows).
pub fn svg(chart: &WallChart, width: u32) -> String {
    let n = u32::try_from(chart.months.len()).unwrap_or(1).max(1);
    // Every month on the drawing, however long the trajectory: months narrow to 2 units,
    // and beyond that the drawing grows wider than asked (the page scales it down).
    let mw = (width.saturating_sub(LABEL_W + 8) / n).max(2);
    let width = width.max(LABEL_W + 8 + n * mw);
    let x_of = |m: usize| LABEL_W + u32::try_from(m).unwrap_or(0) * mw;
    let mut body = String::new();
    let mut y: u32 = 4;

    // Legend: the payers' letters and colours.
    let mut x = LABEL_W;
    for (letter, name) in &chart.payers {
        let w = 20 + text_w(name) + 14;
        if x + w > width && x > LABEL_W {
            x = LABEL_W;
            y += 18;
        }
        let _ = write!(
            body,
            r##"<rect x="{x}" y="{y}" width="16" height="14" fill="{}"/><text x="{}" y="{}" fill="#fff" font-weight="700" text-anchor="middle">{letter}</text><text x="{}" y="{}">{}</text>"##,
            colour(*letter),
            x + 8,
            y + 11,
            x + 20,
            y + 11,
            escape(name)
        );
        x += w;
    }
    y += 26;

    // The axis: years, then months; a line at each period's start.
    let axis_y = y;
    for (m, (name, year)) in chart.months.iter().enumerate() {
        let x = x_of(m);
        if let Some(year) = year {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" font-weight="700">{year}</text>"#,
                x + 2,
                y + 10
            );
        }
        if mw >= 18 {
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" fill="{MUTED}" font-size="10">{}</text>"#,
                x + 2,
                y + 24,
                escape(name)
            );
        }
    }
    y += 32;

    for (l, lane) in chart.lanes.iter().enumerate() {
        let top = y;
        let _ = write!(
            body,
            r#"<text x="4" y="{}" font-weight="700" font-size="13">{}</text><text x="4" y="{}" fill="{MUTED}">{}</text>"#,
            y + 13,
            escape(&lane.name.to_uppercase()),
            y + 28,
            escape(&lane.total)
        );
        // Event marks: a diamond and a short label, in rows so labels never overlap.
        // (Rows as the screen packs them: `pack`, over x positions instead of months.)
        let labelled: Vec<Option<(u32, String)>> = lane
            .marks
            .iter()
            .filter(|m| m.event)
            .map(|m| m.span.map(|(a, _)| (x_of(a) + mw / 2, fit(&m.label, 170))))
            .collect();
        let px = |x: u32| i32::try_from(x).unwrap_or(i32::MAX);
        let spans: Vec<(i32, i32)> = labelled
            .iter()
            .flatten()
            .map(|(x0, label)| (px(*x0), px(x0 + 10 + text_w(label))))
            .collect();
        let rows = crate::model::wall::pack(&spans, 0);
        let row_count = rows.iter().max().map_or(0, |r| r + 1);
        let mut rows = rows.into_iter();
        let event_rows: Vec<Option<(usize, u32, String)>> = labelled
            .into_iter()
            .map(|l| l.map(|(x0, label)| (rows.next().unwrap_or(0), x0, label)))
            .collect();
        y += 4;
        let events_y = y;
        y += u32::try_from(row_count).unwrap_or(0) * EVENT_ROW;
        let bars_y = y;
        y += u32::try_from(lane.bar_rows).unwrap_or(0) * BAR_ROW;
        let undated_y = y;
        let mut undated_x = LABEL_W + text_w(&chart.undated) + 4;
        let any_undated = lane.marks.iter().any(|m| m.span.is_none());
        if any_undated {
            let _ = write!(
                body,
                r#"<text x="{LABEL_W}" y="{}" fill="{MUTED}">{}:</text>"#,
                y + 13,
                escape(&chart.undated)
            );
            y += EVENT_ROW;
        }
        let mut events = event_rows.into_iter();
        for mark in &lane.marks {
            let _ = write!(
                body,
                r#"<g class="mark" data-lane="{l}" data-kind="{}"><title>{}</title>"#,
                if mark.event { "event" } else { "activity" },
                escape(&mark.detail)
            );
            match (mark.event, mark.span) {
                (true, _) => {
                    if let Some(Some((row, x0, label))) = events.next() {
                        let cy = events_y + u32::try_from(row).unwrap_or(0) * EVENT_ROW + 9;
                        diamond(&mut body, x0, cy, l);
                        let _ = write!(
                            body,
                            r#"<text x="{}" y="{}">{}</text>"#,
                            x0 + 9,
                            cy + 4,
                            escape(&label)
                        );
                    } else {
                        undated_x = undated_item(&mut body, undated_x, undated_y, mark, l, width);
                    }
                }
                (false, Some((a, b))) => {
                    bar(&mut body, x_of(a), x_of(b + 1), bars_y, mark, l);
                }
                (false, None) => {
                    undated_x = undated_item(&mut body, undated_x, undated_y, mark, l, width);
                }
            }
            body.push_str("</g>");
        }
        y = y.max(top + 34) + 10;
        if l == 0 {
            let _ = write!(
                body,
                r#"<line x1="4" x2="{width}" y1="{}" y2="{}" stroke="{GRID}"/>"#,
                y - 5,
                y - 5
            );
        }
    }

    // Costs per period, under the lanes.
    let lanes_end = y;
    let _ = write!(
        body,
        r#"<text x="4" y="{}" font-weight="700">{}</text>"#,
        y + 12,
        escape(&chart.costs_heading)
    );
    y += 18;
    for (l, lane) in chart.lanes.iter().enumerate() {
        let _ = write!(
            body,
            r#"<text x="4" y="{}" fill="{MUTED}">{}</text>"#,
            y + 12,
            escape(&lane.name)
        );
        for (p, (_, text)) in lane.per_period.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" font-weight="{}">{}</text>"#,
                x_of(p * chart.period_months) + 2,
                y + 12,
                if l == 0 { 700 } else { 400 },
                escape(&fit(
                    text,
                    mw * u32::try_from(chart.period_months).unwrap_or(3)
                ))
            );
        }
        y += 18;
    }
    y += 4;

    // The period lines go under everything else.
    let mut grid = String::new();
    for m in (0..chart.months.len()).step_by(chart.period_months.max(1)) {
        let x = x_of(m);
        let _ = write!(
            grid,
            r#"<line x1="{x}" x2="{x}" y1="{axis_y}" y2="{lanes_end}" stroke="{GRID}"/>"#
        );
    }
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="wall" viewBox="0 0 {width} {y}" width="{width}" height="{y}" role="img" font-family="sans-serif" font-size="11" fill="{INK}"><title>{}</title>"#,
        escape(&chart.title)
    );
    o.push_str(&grid);
    o.push_str(&body);
    o.push_str("</svg>");
    o
}

fn diamond(o: &mut String, x: u32, cy: u32, lane: usize) {
    let fill = if lane == 0 { INK } else { "#fff" };
    let _ = write!(
        o,
        r#"<polygon points="{x},{} {},{cy} {x},{} {},{cy}" fill="{fill}" stroke="{INK}" stroke-width="1.5"/>"#,
        cy - 6,
        x + 6,
        cy + 6,
        x - 6
    );
}

fn bar(o: &mut String, x0: u32, x1: u32, y: u32, mark: &WallMark, lane: usize) {
    let w = x1.saturating_sub(x0 + 2).max(4);
    let top = y + u32::try_from(mark.row).unwrap_or(0) * BAR_ROW + 2;
    let c = colour(mark.letter);
    // Solid: what happened. A dashed outline: the alternative.
    let (fill, text, dash) = if lane == 0 {
        (c, "#fff", "")
    } else {
        ("#fff", INK, r#" stroke-dasharray="5 3""#)
    };
    let _ = write!(
        o,
        r#"<rect x="{x0}" y="{top}" width="{w}" height="{BAR_H}" rx="2" fill="{fill}" stroke="{c}" stroke-width="1.5"{dash}/><text x="{}" y="{}" fill="{text}"><tspan font-weight="700">{}</tspan> {}</text>"#,
        x0 + 4,
        top + 12,
        mark.letter,
        escape(&fit(&mark.label, w.saturating_sub(16)))
    );
}

fn undated_item(o: &mut String, x: u32, y: u32, mark: &WallMark, lane: usize, width: u32) -> u32 {
    let label = fit(&mark.label, 160);
    if x + 14 + text_w(&label) > width {
        // No room: the tooltip group still stands for it, with a dot.
        let _ = write!(
            o,
            r#"<circle cx="{}" cy="{}" r="2" fill="{MUTED}"/>"#,
            width - 4,
            y + 9
        );
        return x;
    }
    if mark.event {
        diamond(o, x + 6, y + 9, lane);
    } else {
        let _ = write!(
            o,
            r#"<rect x="{x}" y="{}" width="11" height="11" fill="{}"/>"#,
            y + 3,
            colour(mark.letter)
        );
    }
    let _ = write!(
        o,
        r#"<text x="{}" y="{}">{}</text>"#,
        x + 15,
        y + 13,
        escape(&label)
    );
    x + 14 + text_w(&label) + 10
}

/// The wall alone on an A3 landscape page, to print for the actual wall.
pub fn page(chart: &WallChart, lang: Lang, heading: &str) -> String {
    let mut o = page_start_styled(
        lang.code(),
        &chart.title,
        "@page { size: A3 landscape; margin: 10mm; } body { max-width: none; padding: 0; } \
         figure.wall svg { width: 100%; height: auto; max-height: 265mm; }",
    );
    let _ = writeln!(
        o,
        "<h1>{}</h1>\n<figure class=\"chart wall\">{}</figure>",
        escape(heading),
        svg(chart, 1500)
    );
    o.push_str(PAGE_END);
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::report::document::wall_chart;

    #[test]
    fn every_event_and_activity_of_both_scenarios_has_a_mark() {
        for s in crate::demo::sessions(&Catalog::builtin()) {
            let chart = wall_chart(&s, Lang::Nl, "t");
            let out = svg(&chart, 680);
            for (l, (events, acts)) in [
                (&s.looking_back.events, &s.looking_back.activities),
                (&s.alternative.events, &s.alternative.activities),
            ]
            .into_iter()
            .enumerate()
            {
                let count = |kind: &str| {
                    out.matches(&format!(r#"data-lane="{l}" data-kind="{kind}""#))
                        .count()
                };
                assert_eq!(count("event"), events.len(), "{}", s.preparation.case_code);
                assert_eq!(count("activity"), acts.len(), "{}", s.preparation.case_code);
                for e in events {
                    assert!(out.contains(&escape(&e.what)), "{}", e.what);
                }
            }
            assert!(!out.contains("<script"));
        }
    }

    #[test]
    fn hostile_labels_are_escaped() {
        let mut s = crate::demo::sessions(&Catalog::builtin()).remove(0);
        s.looking_back.events[0].what = "<script>alert(1)</script>".into();
        let out = svg(&wall_chart(&s, Lang::En, "</title><script>"), 680);
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;script&gt;"));
    }

    #[test]
    fn a_long_trajectory_stays_inside_the_drawing() {
        let mut s = crate::demo::sessions(&Catalog::builtin()).remove(0);
        // A typo: 1925 for 2025.
        s.looking_back.events[0].when = Some(crate::model::PartialDate::Month(1925, 9));
        let out = svg(&wall_chart(&s, Lang::Nl, "t"), 680);
        let vb: Vec<u32> = out
            .split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        for x in out.split("<rect x=\"").skip(1) {
            let x: u32 = x.split('"').next().unwrap().parse().unwrap();
            assert!(x < vb[0], "a bar at {x} outside the drawing of {}", vb[0]);
        }
    }
}
