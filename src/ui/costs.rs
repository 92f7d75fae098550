//! The cost table: per payer, what the real trajectory and the alternative cost and the
//! difference, with a bar per scenario; below it the form to price each activity.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{theme, wrap::truncate};
use crate::app::state::{App, SessionView};
use crate::i18n::Lang;
use crate::model::Session;
use crate::model::costs::{CostSummary, cost_lines, summarise};

pub fn render_phase(frame: &mut Frame, area: Rect, app: &App, view: &SessionView) {
    let lines = cost_lines(&view.session);
    let sum = summarise(&lines);
    let table_h = (sum.per_payer.len() as u16 + 8).min(area.height / 2).max(4);
    let [top, rest] =
        Layout::vertical([Constraint::Length(table_h), Constraint::Min(3)]).areas(area);
    let block = Block::default()
        .borders(Borders::BOTTOM)
        .border_style(theme::dim());
    let inner = block.inner(top);
    frame.render_widget(block, top);
    frame.render_widget(
        Paragraph::new(payer_table(
            &view.session,
            &sum,
            app.lang,
            inner.width,
            false,
        )),
        inner,
    );
    super::form::render(frame, rest, app, view);
}

/// The per-payer table as lines; `large` spaces it out for the table view.
pub fn payer_table(
    s: &Session,
    sum: &CostSummary,
    lang: Lang,
    width: u16,
    large: bool,
) -> Vec<Line<'static>> {
    let t = lang.texts();
    let w = width as usize;
    let money_w = 14;
    // The payer's name gets the room it needs (up to 44 columns) before the bars do; two
    // bars per payer side by side: actual (█) and alternative (▒).
    let longest = sum
        .per_payer
        .keys()
        .map(|id| {
            s.costs
                .payers
                .iter()
                .find(|p| &p.id == id)
                .map_or(id.chars().count(), |p| p.label.get(lang).chars().count())
        })
        .chain([t.f_payer.chars().count(), t.f_total.chars().count()])
        .max()
        .unwrap_or(10);
    let name_w = longest
        .clamp(10, 44)
        .min(w.saturating_sub(3 * (money_w + 1) + 1))
        .max(10);
    let bar_w = (w.saturating_sub(name_w + 3 * (money_w + 1) + 3) / 2).min(30);
    let max = sum
        .per_payer
        .values()
        .flat_map(|p| [p.intervention.0, p.alternative.0])
        .max()
        .unwrap_or(0)
        .max(1);
    // Bars narrower than this say nothing: on a narrow screen they and their legend go.
    let bar_w = if bar_w < 6 { 0 } else { bar_w };
    let bar = |v: i64| -> String {
        if bar_w == 0 {
            return String::new();
        }
        let n = (i128::from(v.max(0)) * bar_w as i128 / i128::from(max)) as usize;
        let n = if v > 0 { n.max(1) } else { 0 };
        "█".repeat(n)
    };
    let mut out = vec![Line::styled(
        truncate(
            &format!(
                "{:<name_w$} {:>money_w$} {:>money_w$} {:>money_w$}",
                t.f_payer, t.ui.actual_short, t.ui.alternative_short, t.f_difference
            ),
            w,
        ),
        theme::heading(),
    )];
    for (payer, totals) in sum.payers_in_order(&s.costs.payers) {
        let name = if payer.is_empty() {
            t.no_payer.to_string()
        } else {
            s.costs
                .payers
                .iter()
                .find(|p| &p.id == payer)
                .map_or_else(|| payer.clone(), |p| p.label.get(lang).to_string())
        };
        let diff = totals.difference();
        let diff_style = if diff.0 > 0 {
            theme::good()
        } else if diff.0 < 0 {
            theme::warn()
        } else {
            theme::label()
        };
        out.push(Line::from(vec![
            Span::raw(format!(
                "{:<name_w$} {:>money_w$} {:>money_w$} ",
                truncate(&name, name_w),
                totals.intervention.display(lang),
                totals.alternative.display(lang)
            )),
            Span::styled(
                format!("{:>money_w$} ", diff.display_signed(lang)),
                diff_style,
            ),
            Span::styled(bar(totals.intervention.0), theme::series_a()),
            Span::raw(if bar_w == 0 {
                String::new()
            } else {
                " ".repeat(bar_w + 1 - bar(totals.intervention.0).chars().count())
            }),
            Span::styled(
                bar(totals.alternative.0).replace('█', "▒"),
                theme::series_b(),
            ),
        ]));
        if large {
            out.push(Line::from(""));
        }
    }
    let diff = sum.difference();
    out.push(Line::from(vec![
        Span::styled(
            format!(
                "{:<name_w$} {:>money_w$} {:>money_w$} {:>money_w$}",
                t.f_total,
                sum.intervention_total.display(lang),
                sum.alternative_total.display(lang),
                diff.display_signed(lang)
            ),
            theme::heading(),
        ),
        Span::styled(
            if bar_w == 0 {
                String::new()
            } else {
                format!("  █ {}  ▒ {}", t.ui.actual_short, t.ui.alternative_short)
            },
            theme::dim(),
        ),
    ]));
    // How sure the difference is, and how far estimated hours may move the totals.
    if !s.alternative.activities.is_empty() {
        let range = sum.difference_range();
        if large {
            out.push(Line::from(""));
            out.push(Line::styled(
                crate::i18n::format::range_sentence(range, lang),
                theme::heading(),
            ));
        } else {
            // The figures are never cut: the label gives way to a shorter one.
            let values = crate::i18n::format::range_signed(range, lang);
            let label = if t.ui.range_label.chars().count() + 2 + values.chars().count() <= w {
                t.ui.range_label
            } else {
                t.ui.range_label_short
            };
            out.push(Line::from(vec![
                Span::styled(format!("{label}: "), theme::label()),
                Span::raw(values),
            ]));
        }
    }
    let level = s.costs.price_year.map_or_else(
        || t.ui.price_level_none_short.to_string(),
        |y| (t.ui.price_level_short)(&y),
    );
    let band = |b: crate::model::costs::Band| {
        if b.low == b.high {
            b.low.display(lang)
        } else {
            format!("{}–{}", b.low.display(lang), b.high.display(lang))
        }
    };
    let bands = format!(
        "{} / {}",
        band(sum.intervention_band),
        band(sum.alternative_band)
    );
    let long = format!("{level} · {}: {bands}", t.ui.band_label);
    out.push(Line::styled(
        if long.chars().count() <= w {
            long
        } else {
            truncate(&format!("{level} · {}: {bands}", t.ui.band_label_short), w)
        },
        theme::dim(),
    ));
    // An assumption of an earlier wave that did not hold stands beside the figures.
    let failed = s
        .alternative
        .assumptions
        .iter()
        .filter(|a| a.held == Some(crate::model::alternative::Held::NotHeld))
        .count();
    if failed > 0 {
        out.push(Line::styled(
            truncate(&format!("⚠ {}", (t.ui.assumptions_not_held)(&failed)), w),
            theme::warn(),
        ));
    }
    // Which way the sign runs comes first: on a narrow screen the rest is cut.
    let mut notes = vec![if w < 100 {
        t.ui.difference_explained_short.to_string()
    } else {
        t.difference_explained.to_string()
    }];
    if !sum.intervention_informal_hours.is_zero() || !sum.alternative_informal_hours.is_zero() {
        let valued = match (
            sum.intervention_informal_value,
            sum.alternative_informal_value,
        ) {
            (None, None) => String::new(),
            (a, b) => format!(
                " ≈ {} / {}",
                a.unwrap_or_default().display(lang),
                b.unwrap_or_default().display(lang)
            ),
        };
        notes.push(format!(
            "{}: {} / {}{valued}",
            t.f_informal_hours,
            crate::i18n::format::hours(sum.intervention_informal_hours, lang),
            crate::i18n::format::hours(sum.alternative_informal_hours, lang)
        ));
    }
    if sum.lines_without_price > 0 {
        notes.push(format!("{} × {}", sum.lines_without_price, t.price_missing));
    }
    out.push(Line::styled(truncate(&notes.join(" · "), w), theme::dim()));
    out
}
