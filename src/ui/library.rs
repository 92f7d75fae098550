//! The library screen: every session, grouped by case series, newest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{footer, message_line, theme, wrap::pad, wrap::truncate};
use crate::app::state::{App, LibraryRow, LibraryView};
use crate::i18n::format::date as display_date;
use crate::store::Entry;

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &LibraryView) {
    let t = app.lang.texts();
    let [top, filter, list, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let count = view.session_count();
    let loading = if view.is_loading() {
        format!(" · {}", t.ui.library_loading)
    } else if view.hide_ended && view.ended_series() > 0 {
        format!(" · {}", (t.ui.ended_hidden)(&view.ended_series()))
    } else {
        String::new()
    };
    let mut title = super::title_line(format!(" · {} ({count}){loading}", t.ui.library));
    if app.encrypted {
        title.push_span(Span::styled(
            format!(" · {}", t.vault.marker),
            theme::good(),
        ));
    }
    title.push_span(Span::raw(format!(" · {}", app.library.root().display())));
    frame.render_widget(title, top);
    frame.render_widget(
        Line::from(vec![
            Span::styled(format!("{}: ", t.ui.filter), theme::label()),
            Span::styled(format!("{}▏", view.filter()), theme::focus_label()),
            Span::styled(format!("  {}", t.ui.filter_hint), theme::dim()),
        ]),
        filter,
    );

    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::dim());
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if view.entries().is_empty() && view.is_loading() {
        frame.render_widget(Line::styled(t.ui.library_loading, theme::dim()), inner);
    } else if view.entries().is_empty() {
        let mut lines = vec![
            Line::from(""),
            Line::styled(t.ui.empty_library_1, theme::heading()),
            Line::from(t.ui.empty_library_2),
            Line::from(""),
        ];
        // The two ways in, named by the key table itself.
        let ctx = crate::app::keymap::Context::Library { selected: false };
        for action in [crate::app::Action::LoadDemo, crate::app::Action::NewSession] {
            if let Some((key, what)) = crate::app::keymap::key_for(ctx, &action, t) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{key} "), theme::key()),
                    Span::raw(what),
                ]));
            }
        }
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
    } else {
        let today = app.today;
        let w = inner.width as usize;
        // The project column gives way first on a narrow screen.
        let pw = if w >= 100 { 24 } else { 16 };
        // Case codes get the room of the longest in the library (at least 10, at most 16
        // columns on a wide screen), so "WIJK3-2026-014" is not cut short and the columns
        // stay put while scrolling.
        let cw = view
            .longest_case_code
            .clamp(10, if w >= 90 { 16 } else { 10 });
        let mut lines = vec![Line::styled(
            truncate(
                &format!(
                    "  {:<cw$} {:<pw$} {:<6} {:<11} {:<9} {:<21} {}",
                    t.f_case_code,
                    t.f_project,
                    t.f_wave,
                    t.f_date,
                    t.f_progress,
                    t.f_follow_up,
                    t.f_retention
                ),
                w,
            ),
            theme::dim(),
        )];
        // Only the rows on screen are drawn: the list can hold ten thousand sessions.
        let height = (inner.height as usize).saturating_sub(1).max(1);
        let first = (view.selected + 1).saturating_sub(height);
        let mut previous_series = first.checked_sub(1).and_then(|i| match view.row(i) {
            Some(LibraryRow::Session(s)) => Some(s.series_id),
            _ => None,
        });
        for i in first..(first + height).min(view.row_count()) {
            let Some(row) = view.row(i) else { break };
            let y = inner.y + 1 + u16::try_from(i - first).unwrap_or(u16::MAX);
            app.hits.add(
                Rect::new(inner.x, y, inner.width, 1).intersection(inner),
                crate::app::Action::Click(crate::app::Click::Row(i)),
            );
            let selected = i == view.selected;
            let line = match row {
                LibraryRow::Session(s) => {
                    let first_of_series = previous_series != Some(s.series_id);
                    previous_series = Some(s.series_id);
                    let case = if first_of_series {
                        s.case_code.as_str()
                    } else {
                        ""
                    };
                    let project = if first_of_series {
                        s.project.as_str()
                    } else {
                        ""
                    };
                    let progress: String = s
                        .phases_started
                        .iter()
                        .map(|b| if *b { '■' } else { '□' })
                        .collect();
                    let later = view.has_later_wave(s);
                    let ended = view.series_ended(s);
                    let (due, due_style) = match s.follow_up_due {
                        _ if s.is_copy() => (String::new(), theme::dim()),
                        // An ended series is never overdue: it says how it ended.
                        _ if ended.is_some() && !later => (
                            ended
                                .map(|e| (t.ui.series_ended)(&t.end_reason(e.reason)))
                                .unwrap_or_default(),
                            theme::dim(),
                        ),
                        _ if later => (t.ui.follow_up_done.to_string(), theme::dim()),
                        Some(d) if d < today => (
                            format!("{} {}", display_date(d, app.lang), t.ui.overdue),
                            theme::error(),
                        ),
                        Some(d) if d <= today + chrono::Days::new(30) => (
                            format!("{} {}", display_date(d, app.lang), t.ui.due),
                            theme::warn(),
                        ),
                        Some(d) => (display_date(d, app.lang), theme::label()),
                        None => (String::new(), theme::label()),
                    };
                    let retention = s
                        .retention_until
                        .map(|d| display_date(d, app.lang))
                        .unwrap_or_default();
                    let ro = if s.is_copy() {
                        let name = s
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        match s.conflict() {
                            Some(c) => format!(" ⚠ {} ({}): {name}", t.ui.conflict_row, c.tool()),
                            None => format!(" ⚠ {}: {name}", t.ui.copy_row),
                        }
                    } else if s.newer_version.is_some() {
                        format!(" ({})", t.ui.read_only)
                    } else {
                        String::new()
                    };
                    let head = format!(
                        "{} {} {} {:<6} {:<11} {:<9} ",
                        if selected { '▶' } else { ' ' },
                        pad(case, cw),
                        pad(project, pw),
                        format!("T{}", s.wave),
                        s.date
                            .map(|d| display_date(d, app.lang))
                            .unwrap_or_default(),
                        progress,
                    );
                    Line::from(vec![
                        Span::raw(head),
                        Span::styled(format!("{due:<21} "), due_style),
                        Span::raw(format!("{retention}{ro}")),
                    ])
                }
                LibraryRow::Unreadable(e) => {
                    let reason = match e {
                        Entry::Unreadable { error, .. } => error.explain(app.lang),
                        Entry::Session(_) => String::new(),
                    };
                    let name = e
                        .path()
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    Line::styled(
                        truncate(
                            &format!(
                                "{} ⚠ {name}: {} — {reason}",
                                if selected { '▶' } else { ' ' },
                                t.ui.unreadable
                            ),
                            w,
                        ),
                        theme::error(),
                    )
                }
            };
            lines.push(if selected {
                line.style(theme::focus())
            } else {
                line
            });
        }
        if view.row_count() == 0 {
            lines.push(Line::styled(t.ui.no_match, theme::dim()));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    if let Some(path) = &view.confirm_delete {
        let case = view
            .find_path(path)
            .map(|s| format!("{} T{}", s.case_code, s.wave))
            .unwrap_or_default();
        frame.render_widget(
            Line::styled((t.ui.confirm_delete)(&case), theme::error()),
            status,
        );
    } else if let Some(m) = message_line(app) {
        frame.render_widget(m, status);
    } else if let Some(e) = &view.error {
        // The folder could not be read (completely): never pass that off as an empty list.
        frame.render_widget(
            Line::styled(
                truncate(
                    &format!("{} {e}", t.ui.library_unreadable),
                    status.width as usize,
                ),
                theme::error(),
            ),
            status,
        );
    }
    frame.render_widget(footer(app, keys), keys);
}
