//! The comparison screen: the scores of two sessions per life domain as a table and as a
//! radar chart (numbered axes match the table's rows), then the costs per payer with the
//! change, what happened since next to what was assumed, and the own words side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{footer, message_line, theme, wrap};
use crate::app::state::{App, CompareView};
use crate::i18n::Lang;
use crate::model::Cents;
use crate::model::compare::Comparison;

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &CompareView) {
    let lang = app.lang;
    let t = lang.texts();
    let c = &view.comparison;
    let n = c.domains.len() as u16;
    let [title, caveat, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let date = |d: Option<chrono::NaiveDate>| {
        d.map(|d| crate::i18n::format::date(d, lang))
            .unwrap_or_default()
    };
    frame.render_widget(
        Line::styled(
            wrap::truncate(
                &format!(
                    "{} · {} · {}: {} ({}) → {} ({})",
                    t.ui.cmp_title,
                    c.later.case_code,
                    c.later.project,
                    c.earlier.wave,
                    date(c.earlier.date),
                    c.later.wave,
                    date(c.later.date)
                ),
                title.width as usize,
            ),
            theme::title(),
        ),
        title,
    );
    let note = if c.same_series {
        t.change_caveat
    } else {
        t.ui.cmp_other_series
    };
    frame.render_widget(
        Line::styled(
            wrap::truncate(note, caveat.width as usize),
            if c.same_series {
                theme::dim()
            } else {
                theme::warn()
            },
        ),
        caveat,
    );

    // Top: the domain table beside the radar; it stays while the rest scrolls.
    let top_h = (n + 3).max((body.height / 2).min(26)).min(body.height);
    let [top, rest] = Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(body);
    let table_w = 58.min(top.width.saturating_sub(20));
    let [table_area, radar_area] =
        Layout::horizontal([Constraint::Length(table_w), Constraint::Min(10)]).areas(top);
    frame.render_widget(
        Paragraph::new(domain_table(c, lang, table_w as usize)),
        table_area,
    );
    radar(frame, radar_area, c);

    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::dim());
    let inner = block.inner(rest);
    frame.render_widget(block, rest);
    let lines = lower(c, lang, inner.width as usize);
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let offset = view.scroll.fit(text.line_count(inner.width), inner.height);
    frame.render_widget(text.scroll((offset, 0)), inner);

    if let Some(m) = message_line(app) {
        frame.render_widget(m, status);
    }
    frame.render_widget(footer(app, keys), keys);
}

fn score(v: Option<u8>) -> String {
    v.map_or_else(|| "·".to_string(), |s| s.to_string())
}

fn domain_table(c: &Comparison, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let t = lang.texts();
    let label_w = width.saturating_sub(4 + 3 * 7 + 2).max(8);
    let mut out = vec![Line::styled(
        format!(
            "{:>2} {:<label_w$} {:>6} {:>6} {:>8}",
            "#",
            wrap::truncate(t.f_domain, label_w),
            format!("{} {}", c.earlier.wave, "○"),
            format!("{} {}", c.later.wave, "●"),
            wrap::truncate(t.f_change, 8)
        ),
        theme::heading(),
    )];
    for (i, d) in c.domains.iter().enumerate() {
        let mut label = d.label.get(lang).to_string();
        if !d.in_earlier || !d.in_later {
            let wave = if d.in_earlier {
                &c.earlier.wave
            } else {
                &c.later.wave
            };
            label = format!("{label} ({} {wave})", t.ui.cmp_only_in);
        }
        let (change, style) = match d.change {
            Some(x) if x > 0 => (format!("{x:+}"), theme::good()),
            Some(x) if x < 0 => (format!("{x:+}"), theme::warn()),
            Some(_) => ("0".to_string(), Style::default()),
            None => ("·".to_string(), theme::dim()),
        };
        out.push(Line::from(vec![
            Span::raw(format!(
                "{:>2} {:<label_w$} {:>6} {:>6} ",
                i + 1,
                wrap::truncate(&label, label_w),
                score(d.earlier_now),
                score(d.later_now)
            )),
            Span::styled(format!("{change:>8}"), style),
        ]));
    }
    out.push(Line::styled(
        format!("   {} ({})", t.f_score_now, t.ui.cmp_legend),
        theme::dim(),
    ));
    out
}

/// The radar chart: one numbered axis per domain, the earlier wave dashed-blue with ○,
/// the later wave magenta with ●, so the two differ without colour too.
fn radar(frame: &mut Frame, area: Rect, c: &Comparison) {
    if area.width < 8 || area.height < 5 {
        return;
    }
    let n = c.domains.len().max(3);
    // Terminal cells are about twice as high as wide: widen the x range to stay round.
    let aspect = (f64::from(area.width) / 2.0) / f64::from(area.height);
    let (xr, yr) = (1.35 * aspect.max(1.0), 1.35 / aspect.min(1.0));
    let point = |i: usize, v: f64| {
        let a = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        (v * a.cos(), -v * a.sin())
    };
    let earlier: Vec<Option<(f64, f64)>> = c
        .domains
        .iter()
        .enumerate()
        .map(|(i, d)| d.earlier_now.map(|v| point(i, f64::from(v) / 10.0)))
        .collect();
    let later: Vec<Option<(f64, f64)>> = c
        .domains
        .iter()
        .enumerate()
        .map(|(i, d)| d.later_now.map(|v| point(i, f64::from(v) / 10.0)))
        .collect();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-xr, xr])
        .y_bounds([-yr, yr])
        .paint(move |ctx| {
            let grid = theme::dim().fg.unwrap_or(ratatui::style::Color::Reset);
            for ring in [1.0] {
                for i in 0..n {
                    let (x1, y1) = point(i, ring);
                    let (x2, y2) = point((i + 1) % n, ring);
                    ctx.draw(&CanvasLine {
                        x1,
                        y1,
                        x2,
                        y2,
                        color: grid,
                    });
                }
            }
            for i in 0..n {
                let (x, y) = point(i, 1.0);
                ctx.draw(&CanvasLine {
                    x1: 0.0,
                    y1: 0.0,
                    x2: x,
                    y2: y,
                    color: grid,
                });
            }
            ctx.layer();
            for (pts, style, dashed) in [
                (&earlier, theme::series_a(), true),
                (&later, theme::series_b(), false),
            ] {
                let color = style.fg.unwrap_or(ratatui::style::Color::Reset);
                for i in 0..n {
                    if let (Some(Some(a)), Some(Some(b))) = (pts.get(i), pts.get((i + 1) % n)) {
                        if dashed {
                            // A dashed outline: draw every other tenth of the segment.
                            for k in (0..10).step_by(2) {
                                let f = |s: f64| (a.0 + (b.0 - a.0) * s, a.1 + (b.1 - a.1) * s);
                                let (p, q) = (f(f64::from(k) / 10.0), f(f64::from(k + 1) / 10.0));
                                ctx.draw(&CanvasLine {
                                    x1: p.0,
                                    y1: p.1,
                                    x2: q.0,
                                    y2: q.1,
                                    color,
                                });
                            }
                        } else {
                            ctx.draw(&CanvasLine {
                                x1: a.0,
                                y1: a.1,
                                x2: b.0,
                                y2: b.1,
                                color,
                            });
                        }
                    }
                }
            }
            ctx.layer();
            for (pts, mark, style) in [
                (&earlier, "○", theme::series_a()),
                (&later, "●", theme::series_b()),
            ] {
                for p in pts.iter().flatten() {
                    ctx.print(p.0, p.1, Span::styled(mark, style));
                }
            }
            for i in 0..n {
                let (x, y) = point(i, 1.18);
                ctx.print(x, y, Span::styled(format!("{}", i + 1), theme::heading()));
            }
        });
    frame.render_widget(canvas, area);
}

fn lower(c: &Comparison, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let t = lang.texts();
    let (e, l) = (&c.earlier, &c.later);
    let mut out = vec![Line::styled(t.ui.cmp_costs.to_string(), theme::heading())];
    // Both waves and the change per scenario; on a narrow screen the later wave and the
    // change only (the earlier figure is the later minus the change).
    let wide = width >= 20 + 6 * 15;
    let name_w = width
        .saturating_sub(if wide { 6 } else { 4 } * 15)
        .clamp(10, 30);
    let money = |v: i64| Cents(v).display(lang);
    let change = |v: i64| Cents(v).display_signed(lang);
    let row = |name: &str, cells: [String; 6]| {
        let [ea, la, da, eb, lb, db] = cells;
        if wide {
            format!("{name:<name_w$} {ea:>14} {la:>14} {da:>14} {eb:>14} {lb:>14} {db:>14}")
        } else {
            format!("{name:<name_w$} {la:>14} {da:>14} {lb:>14} {db:>14}")
        }
    };
    out.push(Line::styled(
        row(
            t.f_payer,
            [
                format!("{} {}", e.wave, t.ui.actual_short),
                format!("{} {}", l.wave, t.ui.actual_short),
                t.ui.cmp_change_short.to_string(),
                format!("{} {}", e.wave, t.ui.alternative_short),
                format!("{} {}", l.wave, t.ui.alternative_short),
                t.ui.cmp_change_short.to_string(),
            ],
        ),
        theme::dim(),
    ));
    for p in &c.payers {
        out.push(Line::from(row(
            &wrap::truncate(p.label.get(lang), name_w),
            [
                money(p.earlier_actual_cents),
                money(p.later_actual_cents),
                change(p.actual_change_cents()),
                money(p.earlier_alternative_cents),
                money(p.later_alternative_cents),
                change(p.alternative_change_cents()),
            ],
        )));
    }
    out.push(Line::styled(
        row(
            t.f_total,
            [
                money(e.actual_total_cents),
                money(l.actual_total_cents),
                change(l.actual_total_cents.saturating_sub(e.actual_total_cents)),
                money(e.alternative_total_cents),
                money(l.alternative_total_cents),
                change(
                    l.alternative_total_cents
                        .saturating_sub(e.alternative_total_cents),
                ),
            ],
        ),
        theme::heading(),
    ));
    // Each wave's difference at the three confidence levels, at one price level.
    for side in [e, l] {
        out.push(Line::from(vec![
            Span::styled(
                format!("{} {}: ", side.wave, t.ui.range_label_short),
                theme::label(),
            ),
            Span::raw(crate::i18n::format::range_signed(
                side.difference_range,
                lang,
            )),
        ]));
    }
    out.push(Line::styled(
        wrap::truncate(
            &c.price_year.map_or_else(
                || t.report.price_level_none.to_string(),
                |y| (t.ui.cmp_price_level)(&y),
            ),
            width,
        ),
        theme::dim(),
    ));
    out.push(Line::from(""));
    out.push(Line::styled(
        format!("{} {}", t.ui.cmp_new_since, e.wave),
        theme::heading(),
    ));
    if c.new_events.is_empty() {
        out.push(Line::styled(t.ui.cmp_none.to_string(), theme::dim()));
    }
    for ev in &c.new_events {
        out.push(Line::from(format!(
            "  {:<16} {}",
            ev.when.map(|d| d.display(lang)).unwrap_or_default(),
            ev.what
        )));
    }
    out.push(Line::from(""));
    out.push(Line::styled(
        format!("{} {}", t.ui.cmp_assumed, e.wave),
        theme::heading(),
    ));
    if c.assumptions_checked.is_empty() {
        out.push(Line::styled(t.ui.cmp_none.to_string(), theme::dim()));
    }
    for a in &c.assumptions_checked {
        let (mark, style) = match a.held {
            Some(crate::model::alternative::Held::Held) => ("✓", theme::good()),
            Some(crate::model::alternative::Held::NotHeld) => ("✗", theme::warn()),
            _ => ("?", theme::label()),
        };
        let verdict = a.held.map_or(t.ui.cmp_not_checked, |h| t.held_status(h));
        let comment = if a.comment.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", a.comment.trim())
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {mark} "), style),
            Span::raw(format!("{} ({}) — ", a.text, t.confidence(a.confidence))),
            Span::styled(format!("{verdict}{comment}"), style),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::styled(
        format!("{} {}", t.ui.cmp_agreements, e.wave),
        theme::heading(),
    ));
    if c.agreements.is_empty() {
        out.push(Line::styled(t.ui.cmp_none.to_string(), theme::dim()));
    }
    for a in &c.agreements {
        let status = a
            .status
            .map_or(t.ui.cmp_not_checked, |st| t.agreement_status(st));
        let comment = if a.comment.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", a.comment.trim())
        };
        out.push(Line::from(format!("  • {} — {status}{comment}", a.text)));
    }
    out.push(Line::from(""));
    out.push(Line::styled(t.ui.cmp_words.to_string(), theme::heading()));
    for d in c
        .domains
        .iter()
        .filter(|d| !d.earlier_words.is_empty() || !d.later_words.is_empty())
    {
        out.push(Line::styled(
            d.label.get(lang).to_string(),
            theme::label().add_modifier(ratatui::style::Modifier::BOLD),
        ));
        // A wave without words for this domain is left out, never shown as “”.
        if !d.earlier_words.trim().is_empty() {
            out.push(Line::from(vec![
                Span::styled(format!("  {} ○ ", e.wave), theme::series_a()),
                Span::raw(format!("“{}”", d.earlier_words)),
            ]));
        }
        if !d.later_words.trim().is_empty() {
            out.push(Line::from(vec![
                Span::styled(format!("  {} ● ", l.wave), theme::series_b()),
                Span::raw(format!("“{}”", d.later_words)),
            ]));
        }
    }
    out
}
