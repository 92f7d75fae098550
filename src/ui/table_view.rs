//! The table view (F4): the essentials of the current phase, large and uncluttered, for
//! turning the laptop towards the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme;
use crate::app::state::{App, SessionView};
use crate::model::Phase;
use crate::model::costs::{cost_lines, summarise};

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &SessionView) {
    let lang = app.lang;
    let t = lang.texts();
    let s = &view.session;
    let title = format!(" {} · {} ", t.phase(view.phase), s.preparation.case_code);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::dim())
        .title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    let mut lines: Vec<Line> = Vec::new();
    let big = |text: String| Line::styled(text, theme::heading());
    match view.phase {
        Phase::Preparation => {
            lines.push(big(format!(
                "{} · {}",
                s.preparation.project,
                s.wave_label()
            )));
            lines.push(Line::from(""));
            lines.push(Line::styled(
                t.f_starting_question.to_string(),
                theme::dim(),
            ));
            lines.push(big(format!("“{}”", s.preparation.starting_question)));
            lines.push(Line::from(""));
            for a in &s.preparation.attendees {
                lines.push(Line::from(format!(
                    "  {}  ·  {}  ·  {}",
                    a.alias, a.role, a.organisation
                )));
            }
        }
        Phase::LookingBack | Phase::Alternative => {
            let events = if view.phase == Phase::LookingBack {
                &s.looking_back.events
            } else {
                &s.alternative.events
            };
            if view.phase == Phase::Alternative && !s.alternative.narrative.is_empty() {
                lines.push(Line::from(s.alternative.narrative.clone()));
                lines.push(Line::from(""));
            }
            let mut sorted: Vec<_> = events.iter().collect();
            sorted.sort_by_key(|e| e.when);
            for e in sorted {
                let when = e.when.map(|d| d.display(lang)).unwrap_or_default();
                lines.push(Line::from(vec![
                    Span::styled(format!("  {when:<16}"), theme::heading()),
                    Span::raw(e.what.clone()),
                ]));
                lines.push(Line::from(""));
            }
            if view.phase == Phase::Alternative {
                for a in &s.alternative.assumptions {
                    lines.push(Line::from(format!(
                        "  ? {} ({})",
                        a.text,
                        t.confidence(a.confidence)
                    )));
                }
            }
        }
        Phase::Outcomes => {
            let label_w = s
                .domains
                .iter()
                .map(|d| d.label.get(lang).chars().count())
                .max()
                .unwrap_or(10)
                .min(34);
            let bar_w = (inner.width as usize).saturating_sub(label_w + 14).min(50);
            lines.push(Line::from(vec![
                Span::styled(format!("{:label_w$}  ", ""), theme::dim()),
                Span::styled(format!("▒ {}  ", t.f_score_start), theme::series_b()),
                Span::styled(format!("█ {}", t.f_score_now), theme::series_a()),
            ]));
            lines.push(Line::from(""));
            for d in &s.domains {
                let o = s.outcomes.for_domain(&d.id);
                let start = o.and_then(|o| o.score_start).map(|x| x.get());
                let now = o.and_then(|o| o.score_now).map(|x| x.get());
                if start.is_none() && now.is_none() {
                    continue;
                }
                let bar =
                    |v: Option<u8>, ch: &str| ch.repeat(v.map_or(0, |v| v as usize * bar_w / 10));
                let num = |v: Option<u8>| v.map_or("—".to_string(), |v| v.to_string());
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{:<label_w$}  ", d.label.get(lang)),
                        theme::heading(),
                    ),
                    Span::styled(bar(start, "▒"), theme::series_b()),
                    Span::raw(format!(" {}", num(start))),
                ]));
                lines.push(Line::from(vec![
                    Span::raw(format!("{:label_w$}  ", "")),
                    Span::styled(bar(now, "█"), theme::series_a()),
                    Span::raw(format!(" {}", num(now))),
                ]));
                lines.push(Line::from(""));
            }
            lines.push(Line::styled(t.change_caveat.to_string(), theme::dim()));
        }
        Phase::Costs => {
            let priced = cost_lines(s);
            let sum = summarise(&priced);
            lines.extend(super::costs::payer_table(s, &sum, lang, inner.width, true));
            lines.push(Line::from(""));
            // The name column gives way first, so the amounts never wrap (80 columns).
            let name_w = (inner.width as usize).saturating_sub(3 * 15).clamp(10, 34);
            lines.push(Line::styled(
                format!(
                    "{:<name_w$} {:>14} {:>14} {:>14}",
                    super::wrap::truncate(t.f_domain, name_w),
                    t.ui.actual_short,
                    t.ui.alternative_short,
                    t.f_difference
                ),
                theme::heading(),
            ));
            for (domain, totals) in &sum.per_domain {
                let label = s.domain(domain).map_or(t.no_domain, |d| d.label.get(lang));
                lines.push(Line::from(format!(
                    "{:<name_w$} {:>14} {:>14} {:>14}",
                    super::wrap::truncate(label, name_w),
                    totals.intervention.display(lang),
                    totals.alternative.display(lang),
                    totals.difference().display_signed(lang)
                )));
            }
        }
        Phase::WrapUp => {
            lines.push(big(t.f_agreements.to_string()));
            for a in &s.wrap_up.agreements {
                let when = a
                    .when
                    .map(|d| format!(" ({})", d.display(lang)))
                    .unwrap_or_default();
                lines.push(Line::from(format!("  • {} — {}{when}", a.what, a.who)));
            }
            lines.push(Line::from(""));
            lines.push(big(format!(
                "{}: {}",
                t.f_pulse_owner, s.wrap_up.pulse_owner
            )));
            let due = s
                .follow_up_due()
                .map(|d| crate::i18n::format::date(d, lang))
                .unwrap_or_default();
            lines.push(big(format!("{}: {due}", t.f_follow_up)));
        }
    }
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let offset = view
        .table_scroll
        .fit(text.line_count(inner.width), inner.height);
    let block = if view.table_scroll.more_below() {
        block.title_bottom(
            Line::styled(format!(" {} ", t.ui.more_below), theme::key()).right_aligned(),
        )
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(text.scroll((offset, 0)), inner);
}
