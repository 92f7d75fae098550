//! Drawing. Every function here only reads the state, with two exceptions that only
//! drawing can know: where clickable things landed (`app.hits`, for the mouse) and how
//! far a long view can scroll (`Scroll::fit`).
//!
//! - [`library`]: the library screen (sessions grouped by series)
//! - [`session`]: the session screen frame: header with clocks, phase tabs, footer
//! - [`form`]: the phase forms (fields, lists, sliders)
//! - [`compare`]: two sessions side by side, with the radar chart
//! - [`conflict`]: a sync conflict, the two versions field by field
//! - [`costs`]: the cost table per payer with its bars
//! - [`table_view`]: the large view to turn towards the table
//! - [`wall`]: both scenarios on one time axis (Ctrl+T), to point at together
//! - [`prices`]: the price list and the form of one price
//! - [`popup`]: the picker, the quote box, help

pub mod big;
pub mod compare;
pub mod conflict;
pub mod costs;
pub mod form;
pub mod handout;
pub mod library;
pub mod popup;
pub mod portfolio;
pub mod prices;
pub mod rows;
pub mod session;
pub mod table_view;
pub mod theme;
pub mod wall;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::state::{App, Level, Screen};
use crate::app::{Action, keymap};

/// Below this the screens do not fit; a message asks for a larger window.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(frame: &mut Frame, app: &App) {
    app.hits.clear();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, area);
        return;
    }
    match &app.screen {
        Screen::Library(view) => library::render(frame, area, app, view),
        Screen::Session(view) => session::render(frame, area, app, view),
        Screen::Compare(view) => compare::render(frame, area, app, view),
        Screen::Portfolio(view) => portfolio::render(frame, area, app, view),
        Screen::Prices(view) => prices::render(frame, area, app, view),
        Screen::Conflict(view) => conflict::render(frame, area, app, view),
    }
    if app.help_open {
        app.hits.cover();
        popup::help(frame, area, app);
    }
}

fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    let t = app.lang.texts();
    let text = format!(
        "{}\n{}×{} → {}×{}\n{}",
        t.ui.too_small, area.width, area.height, MIN_WIDTH, MIN_HEIGHT, t.ui.too_small_safe
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .style(theme::warn()),
        area,
    );
}

/// The keys that work right now, from the key table, as many as fit in one line of
/// `area`. When they do not all fit, the footer ends with "F1 more keys" (the help lists
/// them all) instead of cutting some off silently. Each key shown can be clicked.
pub fn footer(app: &App, area: Rect) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let hints = keymap::hints(app);
    let len = |key: &str, label: &str| key.width() + label.width() + 3;
    let all: usize = hints.iter().map(|(k, l, _)| len(k, l)).sum();
    let width = area.width as usize;
    let t = app.lang.texts();
    let offers_help = hints.iter().any(|(k, _, _)| k == "F1");
    let fits = all <= width;
    let more =
        (!fits && offers_help).then(|| ("F1".to_string(), t.ui.k_more_keys, Some(Action::Help)));
    let reserve = more.as_ref().map_or(0, |(k, l, _)| len(k, l));
    let mut spans = Vec::new();
    let mut used = 0usize;
    let mut shown = |key: String, label: &'static str, action: Option<Action>, used: &mut usize| {
        let l = len(&key, label);
        if let Some(action) = action {
            let x = area
                .x
                .saturating_add(u16::try_from(*used).unwrap_or(u16::MAX));
            let w = u16::try_from(l - 2).unwrap_or(u16::MAX);
            app.hits
                .add_key(Rect::new(x, area.y, w, 1).intersection(area), action);
        }
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::raw(format!(" {label}  ")));
        *used += l;
    };
    for (key, label, action) in hints {
        if more.is_some() && key == "F1" {
            continue;
        }
        if !fits && used + len(&key, label) + reserve > width {
            break;
        }
        shown(key, label, action, &mut used);
    }
    if let Some((key, label, action)) = more {
        shown(key, label, action, &mut used);
    }
    Line::from(spans)
}

/// The message line: the newest message, styled by how important it is.
/// The first line of a screen: "tafel" and what the screen shows.
pub fn title_line(rest: String) -> Line<'static> {
    Line::from(vec![Span::styled("tafel", theme::title()), Span::raw(rest)])
}

pub fn message_line(app: &App) -> Option<Line<'static>> {
    app.message.as_ref().map(|m| {
        let style = match m.level {
            Level::Info => theme::good(),
            Level::Warning => theme::warn(),
            Level::Error => theme::error(),
        };
        Line::styled(m.text.clone(), style)
    })
}

/// A rectangle of `w`×`h` centred in `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// "1:05:09" or "12:03".
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}
