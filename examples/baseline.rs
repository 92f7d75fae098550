//! The floor for start-up measurements (scripts/bench.sh): a minimal ratatui app that
//! initialises the terminal, draws one frame of a paragraph and a list, and restores it.

use ratatui::widgets::{List, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    terminal.draw(|f| {
        let [top, rest] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Length(1),
            ratatui::layout::Constraint::Min(1),
        ])
        .areas(f.area());
        f.render_widget(Paragraph::new("baseline"), top);
        f.render_widget(List::new(["een", "twee", "drie"]), rest);
    })?;
    ratatui::restore();
    Ok(())
}
