//! A sync conflict: the session file and the other version side by side, one row per
//! field that differs, under its phase; the version each field is taken from is marked
//! (reversed, and ◀ or ▶ so it reads without colour).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap::{pad, truncate};
use super::{footer, message_line, theme};
use crate::app::screens::conflict::ConflictView;
use crate::app::state::App;

pub fn render(frame: &mut Frame, area: Rect, app: &App, c: &ConflictView) {
    let lang = app.lang;
    let t = lang.texts();
    let [top, sides, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        super::title_line(format!(
            " · {} · {} {}",
            t.ui.conflict_title,
            c.live.preparation.case_code,
            c.live.wave_label()
        )),
        top,
    );
    let name = |p: &std::path::Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let changed = |s: &crate::model::Session| {
        format!(
            "{} {}",
            crate::i18n::format::date(s.updated_at.date_naive(), lang),
            s.updated_at.format("%H:%M")
        )
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                format!(
                    "◀ {}: {} ({})",
                    t.ui.conflict_this_file,
                    name(&c.live_path),
                    changed(&c.live)
                ),
                theme::series_a(),
            ),
            Line::styled(
                format!(
                    "▶ {}: {} ({})",
                    t.ui.conflict_other,
                    name(&c.copy_path),
                    changed(&c.copy)
                ),
                theme::series_b(),
            ),
        ]),
        sides,
    );

    // One row per difference, headed by its phase; the chosen row stays in sight.
    let w = usize::from(body.width);
    let name_w = (w / 4).clamp(12, 36);
    let value_w = w.saturating_sub(name_w + 4) / 2;
    let mut rows: Vec<super::rows::Row> = Vec::new();
    if c.diffs.is_empty() {
        rows.push((None, Line::raw(t.ui.conflict_same)));
    }
    let mut last = None;
    for (i, d) in c.diffs.iter().enumerate() {
        if last != Some(d.phase) {
            let heading = d.phase.map_or(t.ui.conflict_file_fields, |p| t.phase(p));
            rows.push((None, Line::styled(heading, theme::heading())));
            last = Some(d.phase);
        }
        let copy = c.take_copy[i];
        let chosen = |on: bool| {
            if on {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                theme::dim()
            }
        };
        let mark = if copy { "▶" } else { "◀" };
        let mut label = Style::default();
        if i == c.selected {
            label = label.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        let (left, right) = from_first_difference(&d.left, &d.right, value_w);
        let value = |v: &str| pad(&truncate(v, value_w), value_w);
        rows.push((
            Some(i),
            Line::from(vec![
                Span::styled(format!("{mark} "), theme::key()),
                Span::styled(pad(&truncate(&d.name(), name_w), name_w), label),
                Span::raw(" "),
                Span::styled(value(&left), chosen(!copy)),
                Span::raw(" "),
                Span::styled(value(&right), chosen(copy)),
            ]),
        ));
    }
    super::rows::render(frame, body, app, rows, c.selected);

    if let Some(why) = &c.busy {
        frame.render_widget(Line::styled(why.clone(), theme::warn()), status);
    } else if c.confirm {
        frame.render_widget(Line::styled(t.ui.conflict_confirm, theme::warn()), status);
    } else if let Some(m) = message_line(app) {
        frame.render_widget(m, status);
    }
    frame.render_widget(footer(app, keys), keys);
}

/// Two versions of a value as their columns show them, on one line each: when the first
/// difference lies beyond what a column of `width` shows (two notes that differ in their
/// last sentence), both start a little before it, after `…`, so the difference is in sight.
fn from_first_difference(left: &str, right: &str, width: usize) -> (String, String) {
    let one_line = |v: &str| v.replace('\n', " ");
    let (left, right) = (one_line(left), one_line(right));
    let same = left
        .chars()
        .zip(right.chars())
        .take_while(|(a, b)| a == b)
        .count();
    // The difference shows, with some room after it: nothing to do.
    if same + 8 <= width {
        return (left, right);
    }
    let from = same.saturating_sub(width / 3);
    let cut = |v: &str| format!("…{}", v.chars().skip(from).collect::<String>());
    (cut(&left), cut(&right))
}

#[cfg(test)]
mod tests {
    use super::from_first_difference;

    #[test]
    fn a_difference_beyond_the_column_is_brought_into_sight() {
        let start = "Ruud vertelt over de werkplaats en de koffie. ".repeat(4);
        let (l, r) = from_first_difference(
            &format!("{start}Hij wil door."),
            &format!("{start}Hij stopt."),
            30,
        );
        assert!(l.starts_with('…') && r.starts_with('…'));
        let shown = |v: &str| v.chars().take(30).collect::<String>();
        assert!(
            shown(&l).contains("wil") && shown(&r).contains("stopt"),
            "{l} | {r}"
        );
        // Short values, or an early difference: as they are.
        assert_eq!(
            from_first_difference("ja", "nee", 30),
            ("ja".into(), "nee".into())
        );
        assert_eq!(
            from_first_difference("a\nb", "a\nc", 30),
            ("a b".into(), "a c".into())
        );
    }
}
