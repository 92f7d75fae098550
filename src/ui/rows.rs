//! A list whose items may take several rows and stand under headings (a conflict's
//! fields, the handout's lines): the rows on screen keep the chosen item's last row in
//! sight, and each row of an item is clickable as that item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::action::{Action, Click};
use crate::app::state::App;

/// A row: the item it belongs to (none for a heading), and its text (one screen row).
pub type Row<'a> = (Option<usize>, Line<'a>);

pub fn render(frame: &mut Frame, area: Rect, app: &App, rows: Vec<Row<'_>>, selected: usize) {
    let height = usize::from(area.height);
    let last = rows
        .iter()
        .rposition(|(i, _)| *i == Some(selected))
        .unwrap_or(0);
    let top = (last + 1).saturating_sub(height);
    let shown: Vec<Line> = rows
        .into_iter()
        .skip(top)
        .take(height)
        .enumerate()
        .map(|(y, (item, line))| {
            if let Some(i) = item {
                let y = area.y + u16::try_from(y).unwrap_or(0);
                app.hits.add(
                    Rect::new(area.x, y, area.width, 1),
                    Action::Click(Click::Row(i)),
                );
            }
            line
        })
        .collect();
    // Each row is one screen row already: never wrapped again here.
    frame.render_widget(Paragraph::new(shown), area);
}
