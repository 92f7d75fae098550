//! Colours and emphasis. Only the terminal's own palette colours are used (never a fixed
//! background), so both light and dark themes stay readable; with `NO_COLOR` set, only
//! bold, reverse and underline remain.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use ratatui::style::{Color, Modifier, Style};

/// Set by [`set_no_color`]: 0 follows `NO_COLOR`, 1 forces colour, 2 forces none.
static FORCED: AtomicU8 = AtomicU8::new(0);

fn no_color() -> bool {
    static NO_COLOR: OnceLock<bool> = OnceLock::new();
    match FORCED.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => *NO_COLOR.get_or_init(|| std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())),
    }
}

/// Draws with colour (`Some(false)`), without (`Some(true)`), or as `NO_COLOR` says
/// (`None`), for the whole process: a test draws both ways.
pub fn set_no_color(forced: Option<bool>) {
    FORCED.store(
        match forced {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        },
        Ordering::Relaxed,
    );
}

fn fg(c: Color) -> Style {
    if no_color() {
        Style::default()
    } else {
        Style::default().fg(c)
    }
}

pub fn title() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    Style::default()
}

pub fn dim() -> Style {
    if no_color() {
        Style::default()
    } else {
        Style::default().add_modifier(Modifier::DIM)
    }
}

pub fn focus() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn focus_label() -> Style {
    fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn good() -> Style {
    fg(Color::Green)
}

pub fn warn() -> Style {
    fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// A palette colour (payers on the wall); nothing with `NO_COLOR`.
pub fn colored(c: Color) -> Style {
    fg(c)
}

/// The two waves or scenarios in charts: distinct by colour and by marker.
pub fn series_a() -> Style {
    fg(Color::Blue)
}

pub fn series_b() -> Style {
    fg(Color::Magenta)
}
