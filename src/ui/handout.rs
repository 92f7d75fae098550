//! The participant's handout before it is written (Ctrl+G): its lines under their
//! headings, each kept (✓) or left out (✗, struck through), the chosen one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{centered, theme};
use crate::app::screens::handout::HandoutPreview;
use crate::app::state::App;
use crate::report::handout::Part;

pub fn render(frame: &mut Frame, area: Rect, app: &App, p: &HandoutPreview) {
    let h = &app.lang.texts().handout;
    let box_area = centered(area, area.width.saturating_sub(4).min(110), area.height);
    frame.render_widget(Clear, box_area);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", h.preview_title),
        theme::title(),
    ));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    if inner.height < 3 {
        return;
    }
    // Two rows: on a narrow screen the hint wraps rather than losing its end.
    frame.render_widget(
        Paragraph::new(Line::styled(h.preview_hint, theme::dim())).wrap(Wrap { trim: true }),
        Rect::new(inner.x, inner.y, inner.width, 2),
    );
    let list = Rect::new(
        inner.x,
        inner.y + 2,
        inner.width,
        inner.height.saturating_sub(2),
    );
    // Each line with its heading when the part changes; the chosen one stays in sight.
    let heading = |part: Part| part.heading(app.lang);
    let width = usize::from(list.width.saturating_sub(4)).max(10);
    let mut rows: Vec<super::rows::Row> = Vec::new();
    let mut last = None;
    for (i, l) in p.handout.lines.iter().enumerate() {
        if last != Some(l.part) {
            rows.push((None, Line::styled(heading(l.part), theme::heading())));
            last = Some(l.part);
        }
        let mark = if l.keep { "✓ " } else { "✗ " };
        let mut style = if l.keep {
            ratatui::style::Style::default()
        } else {
            theme::dim().add_modifier(Modifier::CROSSED_OUT)
        };
        if i == p.selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        for (k, part) in super::wrap::wrap(&l.text, width).into_iter().enumerate() {
            let lead = if k == 0 { mark } else { "  " };
            rows.push((
                Some(i),
                Line::from(vec![Span::raw(lead), Span::styled(part, style)]),
            ));
        }
    }
    super::rows::render(frame, list, app, rows, p.selected);
}
