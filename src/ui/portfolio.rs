//! The portfolio screen: who invests and who benefits as bars on top, the report below
//! (the same text as `tafel portfolio`), scrolled.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::wrap::{truncate, wrap};
use super::{footer, message_line, theme};
use crate::app::screens::portfolio::PortfolioView;
use crate::app::state::App;

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &PortfolioView) {
    let t = app.lang.texts();
    let bars_h = view
        .ready
        .as_ref()
        .map_or(0, |r| {
            u16::try_from(r.bars.len())
                .unwrap_or(u16::MAX)
                .saturating_add(2)
        })
        .min(area.height / 3);
    let [top, bars, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(bars_h),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        super::title_line(format!(" · {} · {}", t.report.pf_title, view.project)),
        top,
    );
    if let Some(ready) = &view.ready {
        // The difference per payer, as bars from the middle: right where the payer saves,
        // left (and marked −) where it invests.
        let block = Block::default()
            .borders(Borders::BOTTOM)
            .border_style(theme::dim());
        let inner = block.inner(bars);
        frame.render_widget(block, bars);
        let name_w = 30.min(inner.width as usize / 3);
        let money_w = 14;
        let half = (inner.width as usize).saturating_sub(name_w + money_w + 3) / 2;
        let max = ready
            .bars
            .iter()
            .map(|(_, c)| c.0.unsigned_abs())
            .max()
            .unwrap_or(0)
            .max(1);
        let lines: Vec<Line> = ready
            .bars
            .iter()
            .map(|(label, c)| {
                let n = usize::try_from(
                    u128::from(c.0.unsigned_abs()) * half as u128 / u128::from(max),
                )
                .unwrap_or(half)
                .max(usize::from(c.0 != 0));
                let (left, right) = if c.0 < 0 {
                    (format!("{:>half$}", "−".repeat(n)), String::new())
                } else {
                    (" ".repeat(half), "█".repeat(n))
                };
                Line::from(vec![
                    Span::raw(format!("{:<name_w$} ", truncate(label, name_w))),
                    Span::styled(left, theme::series_b()),
                    Span::raw("│"),
                    Span::styled(right, theme::series_a()),
                    Span::raw(format!(" {:>money_w$}", c.display_signed(app.lang))),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        let text: Vec<Line> = fit_lines(&ready.lines, usize::from(body.width))
            .into_iter()
            .map(Line::from)
            .collect();
        let offset = view.scroll.fit(text.len(), body.height);
        let para = Paragraph::new(text);
        frame.render_widget(para.scroll((offset, 0)), body);
    } else if let Some(e) = &view.error {
        frame.render_widget(Line::styled(e.clone(), theme::error()), body);
    } else {
        frame.render_widget(Line::styled(t.ui.portfolio_loading, theme::dim()), body);
    }
    if let Some(m) = message_line(app) {
        frame.render_widget(m, status);
    }
    frame.render_widget(footer(app, keys), keys);
}

/// The report's lines at `width`: sentences (the counting rule, notes, learning points)
/// wrap, with a list item's text indented under its dash; a table's rows and rules stay
/// whole (cut at the edge rather than broken into two rows that read as four).
fn fit_lines(lines: &[String], width: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let body = line.trim_start();
        let table = body.contains("  ") || body.starts_with("--") || body.starts_with("==");
        if table || unicode_width::UnicodeWidthStr::width(line.as_str()) <= width {
            out.push(line.clone());
            continue;
        }
        let indent = line.len() - body.len()
            + ["- ", "! "]
                .iter()
                .find(|p| body.starts_with(**p))
                .map_or(0, |p| p.len());
        let pad = " ".repeat(indent);
        for (i, part) in wrap(&line[indent..], width.saturating_sub(indent).max(10))
            .into_iter()
            .enumerate()
        {
            out.push(if i == 0 {
                format!("{}{part}", &line[..indent])
            } else {
                format!("{pad}{part}")
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fit_lines;

    #[test]
    fn sentences_wrap_under_their_mark_and_table_rows_stay_whole() {
        let lines = vec![
            "! Een casus telt met zijn laatste meting: een vervolggesprek kijkt terug".to_string(),
            "Wonen                                1      1       0         0      +2  ▲"
                .to_string(),
            "-----------------------------------------------------------------------".to_string(),
            "short".to_string(),
        ];
        let out = fit_lines(&lines, 30);
        assert_eq!(out[0], "! Een casus telt met zijn");
        assert!(out[1].starts_with("  laatste meting:"), "{out:?}");
        assert!(out.contains(&lines[1]) && out.contains(&lines[2]) && out.contains(&lines[3]));
        assert_eq!(out.len(), 3 + 3, "the sentence took three lines: {out:?}");
    }
}
