//! Taking over the terminal and always giving it back: on quit, on panic, on signals and
//! when the terminal goes away. `restore` undoes everything `enter` does, including
//! bracketed paste, which `ratatui::restore` leaves on, and mouse reporting.

use std::fmt;
use std::io::{self, Write};

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        MouseClicks(true),
        cursor::Hide
    )?;
    Ok(())
}

/// Mouse reporting of clicks and the wheel only (xterm mode 1000, SGR encoding 1006).
/// crossterm's `EnableMouseCapture` also asks for every movement (mode 1003), which would
/// wake the program on each move of the pointer; nothing here is dragged or hovered.
/// A terminal without mouse support ignores both sequences.
struct MouseClicks(bool);

impl ratatui::crossterm::Command for MouseClicks {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str(if self.0 {
            "\x1b[?1000h\x1b[?1006h"
        } else {
            "\x1b[?1006l\x1b[?1000l"
        })
    }
}

/// Gives the terminal back. Safe to call more than once and from any thread.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        MouseClicks(false),
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}
