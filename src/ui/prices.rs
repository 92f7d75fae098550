//! The price-list screen: every price with its unit, year, payer and source; the user's
//! own prices marked; the form of the item being edited.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{centered, footer, message_line, theme, wrap::truncate};
use unicode_width::UnicodeWidthStr;

use crate::app::screens::prices::{PriceField, PricesView, choice, field_text};
use crate::app::state::App;
use crate::app::{Action, Click};

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &PricesView) {
    let lang = app.lang;
    let t = lang.texts();
    let [top, explain, filter, list, detail, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        super::title_line(format!(
            " · {} ({})",
            t.ui.pl_title,
            app.catalog.prices.items.len()
        )),
        top,
    );
    frame.render_widget(
        Line::styled(
            truncate(t.ui.pl_explain, explain.width as usize),
            theme::dim(),
        ),
        explain,
    );
    frame.render_widget(
        Line::from(vec![
            Span::raw(format!("{}: ", t.ui.filter)),
            Span::styled(format!("{}▏", view.filter), theme::focus_label()),
        ]),
        filter,
    );
    let rows = view.rows(&app.catalog, lang);
    let w = list.width as usize;
    let names: Vec<&str> = app
        .catalog
        .prices
        .items
        .iter()
        .map(|i| i.label.get(lang))
        .collect();
    let height = list.height as usize;
    let skip = (view.selected + 1).saturating_sub(height);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(n, &i)| {
            let y = list.y + u16::try_from(n - skip).unwrap_or(u16::MAX);
            app.hits.add(
                Rect::new(list.x, y, list.width, 1).intersection(list),
                Action::Click(Click::Row(n)),
            );
            let item = &app.catalog.prices.items[i];
            let own = if view.is_own(&item.id) {
                format!("✎ {} · ", t.ui.pl_own)
            } else {
                String::new()
            };
            // The amount, unit and year are never cut; the name gives way where it
            // differs least from the other names.
            let c = crate::app::form::choices::price_choice(item, lang);
            let head = format!("{own}{} · ", item.id);
            let tail = format!("  {}", c.tail);
            let room = w.saturating_sub(head.width() + tail.width());
            let name = super::wrap::shorten_apart(item.label.get(lang), &names, room);
            let pad = room.saturating_sub(name.width());
            let line = Line::from(truncate(
                &format!("{head}{name}{}{tail}", " ".repeat(pad)),
                w,
            ));
            if n == view.selected {
                line.style(theme::focus())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    if let Some(item) = rows
        .get(view.selected)
        .map(|&i| &app.catalog.prices.items[i])
    {
        let src = format!(
            "{}: {} {} {}",
            t.ui.pl_source, item.source.title, item.source.url, item.source.note
        );
        frame.render_widget(
            Paragraph::new(src)
                .style(theme::dim())
                .wrap(Wrap { trim: true }),
            detail,
        );
    }
    if view.edit.as_ref().is_some_and(|e| e.confirm_discard) {
        frame.render_widget(
            Line::styled(t.ui.confirm_discard_price, theme::error()),
            status,
        );
    } else if let Some(id) = &view.confirm_remove {
        frame.render_widget(
            Line::styled((t.ui.confirm_remove)(&id), theme::error()),
            status,
        );
    } else if let Some(m) = message_line(app) {
        frame.render_widget(m, status);
    }
    frame.render_widget(footer(app, keys), keys);

    if let Some(edit) = &view.edit {
        app.hits.cover();
        let box_area = centered(
            area,
            area.width.saturating_sub(4).min(100),
            15.min(area.height.saturating_sub(2)),
        );
        frame.render_widget(Clear, box_area);
        let title = if edit.is_new {
            t.ui.pl_new.to_string()
        } else {
            edit.draft.id.clone()
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {title} "), theme::heading()));
        let inner = block.inner(box_area);
        frame.render_widget(block, box_area);
        let label_w = 22u16.min(inner.width / 2);
        for (n, f) in PriceField::ALL.iter().enumerate() {
            let y = inner.y + n as u16;
            if y >= inner.y + inner.height {
                break;
            }
            let focused = n == edit.field;
            app.hits.add(
                Rect::new(inner.x, y, inner.width, 1),
                Action::Click(Click::Row(n)),
            );
            let label_area = Rect {
                x: inner.x,
                y,
                width: label_w,
                height: 1,
            };
            let value_area = Rect {
                x: inner.x + label_w,
                y,
                width: inner.width - label_w,
                height: 1,
            };
            let marker = if focused { "▶ " } else { "  " };
            frame.render_widget(
                Line::styled(
                    format!("{marker}{}", f.label(t)),
                    if focused {
                        theme::focus_label()
                    } else {
                        theme::label()
                    },
                ),
                label_area,
            );
            if focused && let Some(ed) = &edit.editor {
                frame.render_widget(ed.textarea(), value_area);
            } else if f.is_choice() {
                let (options, current) = choice(&edit.draft, *f, &app.catalog, lang);
                let v = options.get(current).cloned().unwrap_or_default();
                let text = if focused { format!("◂ {v} ▸") } else { v };
                frame.render_widget(
                    Line::styled(
                        text,
                        if focused {
                            theme::focus()
                        } else {
                            theme::label()
                        },
                    ),
                    value_area,
                );
            } else {
                let v = field_text(&edit.draft, *f, lang);
                frame.render_widget(
                    Line::from(truncate(
                        if v.is_empty() { "—" } else { &v },
                        value_area.width as usize,
                    )),
                    value_area,
                );
            }
        }
        if let Some(e) = &edit.error {
            let y = inner.y + PriceField::ALL.len() as u16 + 1;
            if y < inner.y + inner.height {
                frame.render_widget(
                    Line::styled(format!("⚠ {e}"), theme::error()),
                    Rect {
                        x: inner.x,
                        y,
                        width: inner.width,
                        height: 1,
                    },
                );
            }
        }
    }
}
