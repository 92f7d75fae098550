//! The table view (F4): the essentials of the current phase, large and uncluttered, for
//! turning the laptop towards the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme;
use crate::app::state::{App, SessionView};
use crate::i18n::Lang;
use crate::model::Phase;
use crate::model::costs::{CostSummary, cost_lines, summarise};

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
    // The headline in big glyphs first; the rest of the view gives way to it.
    // The costs are priced once per frame, for the headline and the table under it.
    let sum = (view.phase == Phase::Costs).then(|| summarise(&cost_lines(s)));
    let headline = Headline::of(view, lang, sum.as_ref());
    let head_h = headline.rows(inner.width, inner.height);
    let rest = Rect::new(
        inner.x,
        inner.y + head_h,
        inner.width,
        inner.height.saturating_sub(head_h),
    );
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
        Phase::Outcomes if head_h > 0 => {
            lines.push(Line::styled(t.change_caveat.to_string(), theme::dim()));
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
            let sum = sum.unwrap_or_default();
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
        .fit(text.line_count(rest.width), rest.height);
    let block = if view.table_scroll.more_below() {
        block.title_bottom(
            Line::styled(format!(" {} ", t.ui.more_below), theme::key()).right_aligned(),
        )
    } else {
        block
    };
    frame.render_widget(block, area);
    headline.render(frame, Rect::new(inner.x, inner.y, inner.width, head_h));
    if rest.height > 0 {
        frame.render_widget(text.scroll((offset, 0)), rest);
    }
}

/// What the table view shows in big glyphs: the cost difference, or per life domain the
/// score at the start and now.
enum Headline {
    None,
    /// The central estimate (sure + likely) in big glyphs, with its range (sure only to
    /// everything) under it in the same size and the sentence that says what they mean.
    Difference {
        caption: String,
        text: String,
        range_caption: String,
        range_text: String,
        sentence: String,
        saves: bool,
    },
    Scores(Vec<(String, Option<u8>, Option<u8>)>),
}

impl Headline {
    fn of(view: &SessionView, lang: Lang, sum: Option<&CostSummary>) -> Headline {
        let s = &view.session;
        let t = lang.texts();
        match view.phase {
            Phase::Costs => {
                let Some(sum) = sum else {
                    return Headline::None;
                };
                if sum.per_payer.is_empty() {
                    return Headline::None;
                }
                // The central estimate, never the most favourable figure alone.
                let range = sum.difference_range();
                Headline::Difference {
                    caption: t.report.difference_central.to_string(),
                    text: super::big::amount(range.high_medium, lang),
                    range_caption: t.ui.range_caption.to_string(),
                    range_text: format!(
                        "{} .. {}",
                        super::big::plain(range.high, lang),
                        super::big::plain(range.all, lang)
                    ),
                    sentence: crate::i18n::format::range_sentence(range, lang),
                    saves: range.high_medium.0 >= 0,
                }
            }
            Phase::Outcomes => {
                let cards: Vec<_> = s
                    .domains
                    .iter()
                    .filter_map(|d| {
                        let o = s.outcomes.for_domain(&d.id);
                        let start = o.and_then(|o| o.score_start).map(|x| x.get());
                        let now = o.and_then(|o| o.score_now).map(|x| x.get());
                        (start.is_some() || now.is_some())
                            .then(|| (d.label.get(lang).to_string(), start, now))
                    })
                    .collect();
                if cards.is_empty() {
                    Headline::None
                } else {
                    Headline::Scores(cards)
                }
            }
            _ => Headline::None,
        }
    }

    fn with_range(&self) -> Option<super::big::WithRange<'_>> {
        match self {
            Headline::Difference {
                caption,
                text,
                range_caption,
                range_text,
                ..
            } => Some(super::big::WithRange {
                caption,
                text,
                range_caption,
                range: range_text,
            }),
            _ => None,
        }
    }

    /// Rows it takes in `width` × `height`: none when it does not fit whole (then the
    /// plain view shows).
    fn rows(&self, width: u16, height: u16) -> u16 {
        let rows = match self {
            Headline::None => 0,
            Headline::Difference { .. } => {
                // Two lines of glyphs with their captions, at most full size, and the
                // sentence in two rows under them with a blank row.
                let big = self
                    .with_range()
                    .map_or(0, |w| w.rows(width, height.saturating_sub(3).min(20)));
                if big == 0 { 0 } else { big + 3 }
            }
            Headline::Scores(cards) => super::big::cards_rows(cards.len(), width),
        };
        if rows > height { 0 } else { rows }
    }

    fn render(&self, frame: &mut Frame, area: Rect) {
        if area.height == 0 {
            return;
        }
        match self {
            Headline::None => {}
            Headline::Difference {
                sentence, saves, ..
            } => {
                let style = if *saves { theme::good() } else { theme::warn() };
                let big_h = area.height.saturating_sub(3);
                if let Some(w) = self.with_range() {
                    w.render(frame, Rect::new(area.x, area.y, area.width, big_h), style);
                }
                frame.render_widget(
                    Paragraph::new(sentence.clone()).wrap(Wrap { trim: true }),
                    Rect::new(area.x, area.y + big_h, area.width, 2),
                );
            }
            Headline::Scores(cards) => {
                let cards: Vec<super::big::Card> = cards
                    .iter()
                    .map(|(label, start, now)| super::big::Card {
                        label,
                        start: *start,
                        now: *now,
                    })
                    .collect();
                super::big::cards(frame, area, &cards);
            }
        }
    }
}
