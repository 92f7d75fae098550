//! The session screen: a header with the clocks and the save state, the phase tabs, the
//! phase (form or table view), the guiding questions when open, messages and the keys.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{clock, footer, message_line, popup, theme, wrap::truncate};
use crate::app::autosave::SaveStatus;
use crate::app::screens::session::{Overlay, Question};
use crate::app::state::{App, SessionView};
use crate::model::Phase;

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &SessionView) {
    let [header, tabs, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let now = app.now;
    frame.render_widget(header_line(app, view, now, header.width), header);
    frame.render_widget(tab_line(app, view, now, tabs), tabs);

    let (main, side) = if view.questions_open {
        if body.width >= 100 {
            let [m, s] =
                Layout::horizontal([Constraint::Min(60), Constraint::Length(38)]).areas(body);
            (m, Some(s))
        } else {
            let [m, s] = Layout::vertical([Constraint::Min(4), Constraint::Length(8)]).areas(body);
            (m, Some(s))
        }
    } else {
        (body, None)
    };
    if let Some(wall) = view.wall() {
        super::wall::render(frame, main, app, view, wall);
    } else if view.table_view() {
        super::table_view::render(frame, main, app, view);
    } else if view.phase == Phase::Costs {
        super::costs::render_phase(frame, main, app, view);
    } else {
        super::form::render(frame, main, app, view);
    }
    if let Some(side) = side {
        questions(frame, side, app, view);
    }

    let t = app.lang.texts();
    // A question waiting for an answer takes the status line; a list, the quote box or
    // the handout's preview go on top of the body.
    let question = match &view.overlay {
        Some(Overlay::Quote(q)) if q.confirm_discard => {
            Some(t.ui.confirm_discard_quote.to_string())
        }
        Some(Overlay::Ask(q)) => Some(question_text(app, view, q)),
        Some(Overlay::Quote(_)) => {
            app.hits.cover();
            popup::quote(frame, body, app, view);
            None
        }
        Some(Overlay::Picker(_)) => {
            app.hits.cover();
            popup::picker(frame, body, app, view);
            None
        }
        Some(Overlay::Handout { preview, .. }) => {
            app.hits.cover();
            super::handout::render(frame, body, app, preview);
            None
        }
        Some(Overlay::TableView | Overlay::Wall { .. }) | None => None,
    };
    if let Some(q) = question {
        frame.render_widget(
            Line::styled(truncate(&q, status.width as usize), theme::error()),
            status,
        );
    } else if let SaveStatus::Failed(e) = &view.save
        && !app.signal_refused
    {
        frame.render_widget(
            Line::styled(
                truncate(
                    &format!("{} {}", t.ui.not_saved, e.while_running(app.lang)),
                    status.width as usize,
                ),
                theme::error(),
            ),
            status,
        );
    } else if let Some(m) = message_line(app) {
        frame.render_widget(m, status);
    }
    frame.render_widget(footer(app, keys), keys);
}

/// The words of a question on the status line.
fn question_text(app: &App, view: &SessionView, q: &Question) -> String {
    let t = app.lang.texts();
    match q {
        Question::Remove(_, index) => (t.ui.confirm_remove)(&(index + 1).to_string()),
        Question::Reprice => t.ui.confirm_reprice.to_string(),
        Question::ClearOffRecord { domain } => {
            let held = crate::model::off_record::held(&view.session, domain);
            let mut what = Vec::new();
            if held.own_words {
                what.push(t.ui.off_record_words.to_string());
            }
            if held.quotes > 0 {
                what.push((t.ui.off_record_quotes)(&held.quotes));
            }
            if held.professionals_score {
                what.push(t.ui.off_record_second_view.to_string());
            }
            let label = view
                .session
                .domain(domain)
                .map_or(domain.as_str(), |d| d.label.get(app.lang));
            (t.ui.confirm_clear_off_record)(&crate::i18n::format::and_list(&what, app.lang), &label)
        }
    }
}

fn header_line(app: &App, view: &SessionView, now: Instant, width: u16) -> Line<'static> {
    let t = app.lang.texts();
    let p = &view.session.preparation;
    let case = if p.case_code.is_empty() {
        t.ui.no_case_code.to_string()
    } else {
        p.case_code.clone()
    };
    // The wave is never cut: the project gives way first, then the case code.
    let wave = format!(" · {}", view.session.wave_label());
    let total = view.total_secs(now, app.today);
    let planned = u64::from(p.planned_minutes) * 60;
    let phase_secs = view.phase_secs(view.phase, now, app.today);
    let phase_plan = view.planned_secs(view.phase);
    let over = |used: u64, plan: u64| {
        if plan > 0 && used > plan {
            theme::warn()
        } else {
            theme::label()
        }
    };
    let (save_text, save_style) = match (&view.read_only, &view.save) {
        (Some(_), _) => (t.ui.read_only.to_string(), theme::warn()),
        (None, SaveStatus::Saved) if app.encrypted => (
            format!("✓ {} · {}", t.ui.saved, t.vault.marker),
            theme::good(),
        ),
        (None, SaveStatus::Saved) => (format!("✓ {}", t.ui.saved), theme::good()),
        (None, SaveStatus::Pending) => (format!("… {}", t.ui.saving), theme::label()),
        (None, SaveStatus::Failed(_)) => (format!("✗ {}", t.ui.not_saved_short), theme::error()),
    };
    // The clocks take the longest form that leaves the title room: in full (34 columns
    // left), with the pause said in one word (24 left), then written short without the phase's name
    // (highlighted in the tabs below). The clock runs only on the session's own day: it
    // says so rather than show a still 0:00, and on a narrow screen then leaves out the
    // phase clock, which stands still too. A read-only session says that instead.
    let runs = view.clock_runs(app.today) || view.read_only.is_some();
    let paused = |text: &str| {
        if runs {
            String::new()
        } else {
            format!(" ({text})")
        }
    };
    let long = |pause: &str| {
        (
            format!("⏱ {} / {}{}", clock(total), clock(planned), paused(pause)),
            format!(
                "{} {} / {}",
                t.phase(view.phase),
                clock(phase_secs),
                clock(phase_plan)
            ),
        )
    };
    let short = |pause: &str| {
        (
            format!("⏱ {}/{}{}", clock(total), clock(planned), paused(pause)),
            if runs {
                format!("{}/{}", clock(phase_secs), clock(phase_plan))
            } else {
                String::new()
            },
        )
    };
    let room = |(c, p): &(String, String)| {
        (width as usize)
            .saturating_sub(c.chars().count() + p.chars().count() + save_text.chars().count() + 6)
    };
    let (clocks, phase_clock) = [
        (long(t.ui.clock_paused), 34),
        (long(t.ui.clock_paused_short), 24),
        (short(t.ui.clock_paused_short), 16),
    ]
    .into_iter()
    .find(|(form, title)| room(form) >= *title)
    .map_or_else(|| short(t.ui.clock_paused_word), |(form, _)| form);
    let right_len =
        clocks.chars().count() + phase_clock.chars().count() + save_text.chars().count() + 6;
    let title_w = (width as usize).saturating_sub(right_len).max(12);
    let head = format!("tafel · {case}");
    let head_w = unicode_width::UnicodeWidthStr::width(head.as_str());
    let wave_w = unicode_width::UnicodeWidthStr::width(wave.as_str());
    let title = if p.project.is_empty() {
        format!("{}{wave}", truncate(&head, title_w.saturating_sub(wave_w)))
    } else if head_w + wave_w + 4 < title_w {
        let project_w = title_w - head_w - wave_w - 3;
        format!("{head} · {}{wave}", truncate(&p.project, project_w))
    } else {
        format!("{}{wave}", truncate(&head, title_w.saturating_sub(wave_w)))
    };
    Line::from(vec![
        Span::styled(
            format!("{:<title_w$}", truncate(&title, title_w)),
            theme::title(),
        ),
        Span::raw(" "),
        Span::styled(clocks, over(total, planned)),
        Span::raw("  "),
        Span::styled(phase_clock, over(phase_secs, phase_plan)),
        Span::raw("  "),
        Span::styled(save_text, save_style),
    ])
}

/// The six phase tabs; a click on one goes to its phase, as its F-key does.
fn tab_line(app: &App, view: &SessionView, now: Instant, area: Rect) -> Line<'static> {
    let width = area.width;
    let t = app.lang.texts();
    // All six phases always show: the longest form that fits (names with minutes, short
    // names, short names without minutes, the shortest names).
    let label = |i: usize, names: &[&str; 6], minutes: bool| {
        let phase = Phase::ALL[i];
        let mins = view.phase_secs(phase, now, app.today) / 60;
        if minutes {
            format!(" F{} {} {mins}′ ", 5 + i, names[i])
        } else {
            format!(" F{} {} ", 5 + i, names[i])
        }
    };
    let fits = |names: &[&str; 6], minutes: bool| {
        (0..6)
            .map(|i| unicode_width::UnicodeWidthStr::width(label(i, names, minutes).as_str()) + 1)
            .sum::<usize>()
            <= width as usize
    };
    let (names, minutes) = [
        (&t.phases, true),
        (&t.ui.phases_short, true),
        (&t.ui.phases_short, false),
        (&t.ui.phases_tiny, true),
    ]
    .into_iter()
    .find(|(n, m)| fits(n, *m))
    .unwrap_or((&t.ui.phases_tiny, false));
    let mut spans = Vec::new();
    let mut x = area.x;
    for (i, phase) in Phase::ALL.iter().enumerate() {
        let label = label(i, names, minutes);
        let w = u16::try_from(unicode_width::UnicodeWidthStr::width(label.as_str())).unwrap_or(0);
        app.hits.add(
            Rect::new(x, area.y, w, 1).intersection(area),
            crate::app::Action::GoToPhase(*phase),
        );
        x = x.saturating_add(w + 1);
        let style = if *phase == view.phase {
            theme::focus()
        } else {
            theme::label()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw("│"));
    }
    Line::from(spans)
}

fn questions(frame: &mut Frame, area: Rect, app: &App, view: &SessionView) {
    let t = app.lang.texts();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::dim())
        .title(Span::styled(
            format!(" {} · {} ", t.ui.questions, t.phase(view.phase)),
            theme::heading(),
        ));
    let lines: Vec<Line> = app
        .catalog
        .questions(view.phase, app.lang)
        .iter()
        .map(|q| Line::from(format!("• {q}")))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
