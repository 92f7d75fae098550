//! What opens on top of a screen: the list to choose from, the quote box, the help.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{centered, theme, wrap::truncate};
use crate::app::form;
use crate::app::keymap::{self, Context};
use crate::app::screens::picker::filtered;
use crate::app::state::{App, SessionView};
use crate::app::{Action, Click};

pub fn picker(frame: &mut Frame, area: Rect, app: &App, view: &SessionView) {
    let Some(p) = view.picker() else { return };
    let t = app.lang.texts();
    let (choices, current) = form::choices::with_current(&view.session, p.field, app.lang);
    let visible = filtered(&choices, &p.filter);
    let detail = visible
        .get(p.selected)
        .map(|i| choices[*i].detail.clone())
        .unwrap_or_default();
    // Wide enough for a price's name, amount and year on a large screen.
    let box_area = centered(
        area,
        area.width.saturating_sub(6).min(140),
        area.height.saturating_sub(2).min(22),
    );
    frame.render_widget(Clear, box_area);
    let title = super::form::field_label(app.lang, &view.session, p.field);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme::heading()));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let w = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::raw(format!("{}: ", t.ui.filter)),
        Span::styled(format!("{}▏", p.filter), theme::focus_label()),
    ])];
    // A line for the selected one's source, when the choices have one (prices).
    let detail_rows = usize::from(choices.iter().any(|c| !c.detail.is_empty()));
    let room = (inner.height as usize).saturating_sub(1 + detail_rows);
    let skip = (p.selected + 1).saturating_sub(room);
    // Names are shortened where they differ least from their neighbours ("WMO-03 ·
    // Begeleiding…licht…per dagdeel"), the id before them stays whole.
    let (ids, names): (Vec<&str>, Vec<&str>) = choices
        .iter()
        .map(|c| c.label.split_once(" · ").unwrap_or(("", c.label.as_str())))
        .unzip();
    for (n, &i) in visible.iter().enumerate().skip(skip).take(room) {
        // Row 0 of the box is the filter.
        let y = inner.y + 1 + u16::try_from(n - skip).unwrap_or(u16::MAX);
        app.hits.add(
            Rect::new(inner.x, y, inner.width, 1).intersection(inner),
            Action::Click(Click::Row(n)),
        );
        let c = &choices[i];
        let mark = if i == current { "● " } else { "  " };
        // The tail (amount, unit, year) is never cut; the name gives way in its middle.
        let tail = if c.tail.is_empty() {
            String::new()
        } else {
            format!("  {}", c.tail)
        };
        let tail_w = unicode_width::UnicodeWidthStr::width(tail.as_str());
        let room_for_label = w.saturating_sub(2 + tail_w);
        let label = if ids[i].is_empty() {
            super::wrap::truncate_middle(&c.label, room_for_label)
        } else {
            let id = format!("{} · ", ids[i]);
            let id_w = unicode_width::UnicodeWidthStr::width(id.as_str());
            format!(
                "{id}{}",
                super::wrap::shorten_apart(names[i], &names, room_for_label.saturating_sub(id_w))
            )
        };
        let pad =
            room_for_label.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let line = Line::from(truncate(
            &format!("{mark}{label}{}{tail}", " ".repeat(pad)),
            w,
        ));
        lines.push(if n == p.selected {
            line.style(theme::focus())
        } else {
            line
        });
    }
    if visible.is_empty() {
        lines.push(Line::styled(t.ui.no_match, theme::dim()));
    }
    if detail_rows > 0 {
        let [list, below] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Min(1),
            ratatui::layout::Constraint::Length(1),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(lines), list);
        if !detail.is_empty() {
            frame.render_widget(
                Line::styled(
                    truncate(&format!("{}: {detail}", t.ui.source), w),
                    theme::dim(),
                ),
                below,
            );
        }
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

pub fn quote(frame: &mut Frame, area: Rect, app: &App, view: &SessionView) {
    let Some(q) = view.quote() else { return };
    let t = app.lang.texts();
    let box_area = centered(
        area,
        area.width.saturating_sub(8).min(90),
        10.min(area.height),
    );
    frame.render_widget(Clear, box_area);
    // Where the quote will be filed, so a wrong domain is seen before it is saved.
    let domain = crate::app::screens::quote::quote_domain(view).map_or_else(
        || t.no_domain.to_string(),
        |d| d.label.get(app.lang).to_string(),
    );
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} · {}: {domain} ", t.ui.quick_quote, t.f_domain),
        theme::heading(),
    ));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let label_w = 12u16;
    let row = |y: u16, h: u16| Rect {
        x: inner.x + label_w,
        y: inner.y + y,
        width: inner.width - label_w,
        height: h,
    };
    let label = |y: u16, text: &str, on: bool| {
        (
            Rect {
                x: inner.x,
                y: inner.y + y,
                width: label_w,
                height: 1,
            },
            Line::styled(
                text.to_string(),
                if on {
                    theme::focus_label()
                } else {
                    theme::label()
                },
            ),
        )
    };
    app.hits.add(
        Rect::new(inner.x, inner.y, inner.width, 1),
        Action::Click(Click::Row(0)),
    );
    app.hits.add(
        Rect::new(
            inner.x,
            inner.y + 2,
            inner.width,
            inner.height.saturating_sub(2),
        ),
        Action::Click(Click::Row(1)),
    );
    let (a, l) = label(0, t.ui.speaker, !q.on_words);
    frame.render_widget(l, a);
    frame.render_widget(q.speaker.textarea(), row(0, 1));
    let (a, l) = label(2, t.ui.words, q.on_words);
    frame.render_widget(l, a);
    frame.render_widget(
        q.words.textarea(),
        row(2, inner.height.saturating_sub(3).max(1)),
    );
}

pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let t = app.lang.texts();
    let box_area = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, box_area);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", t.ui.help_title),
        theme::title(),
    ));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let mut lines: Vec<Line> = t.ui.help_intro.iter().map(|l| Line::from(*l)).collect();
    let form = |kind| Context::Form {
        kind,
        in_list: true,
        read_only: false,
        at_top: true,
        at_bottom: true,
    };
    let sections: [(&str, Context); 10] = [
        (t.ui.help_form, form(form::FieldKind::Text)),
        (t.ui.help_choice, form(form::FieldKind::Choice)),
        (t.ui.help_toggle, form(form::FieldKind::Toggle)),
        (t.ui.help_score, form(form::FieldKind::Score)),
        (t.ui.help_library, Context::Library { selected: true }),
        (
            t.ui.help_quote,
            Context::Quote {
                on_words: true,
                confirm: false,
            },
        ),
        (t.ui.help_prices, Context::Prices),
        (t.ui.help_wall, Context::Wall),
        (t.handout.preview_title, Context::Handout),
        (t.ui.conflict_title, Context::Conflict),
    ];
    let mut seen: Vec<String> = Vec::new();
    for (title, ctx) in sections {
        lines.push(Line::from(""));
        lines.push(Line::styled(title, theme::heading()));
        for (name, what) in keymap::help(ctx, t) {
            // A key the form section already explained is not repeated under a field kind.
            let line = format!("{name} {what}");
            if seen.contains(&line) {
                continue;
            }
            seen.push(line);
            lines.push(Line::from(vec![
                Span::styled(format!("  {name:<16}"), theme::key()),
                Span::raw(what),
            ]));
        }
    }
    lines.push(Line::from(""));
    for extra in t.ui.help_more {
        lines.push(Line::from(*extra));
    }
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let offset = app
        .help_scroll
        .fit(text.line_count(inner.width), inner.height);
    frame.render_widget(text.scroll((offset, 0)), inner);
}
