//! How far a long read-only view (help, comparison, table view) is scrolled.
//!
//! Only drawing knows how many lines fit, so the drawing code records the furthest
//! sensible offset ([`Scroll::fit`]) and every key that scrolls stays within it: a
//! reader who pressed ↓ thirty times past the end needs one ↑ to move back, not thirty.

use std::cell::Cell;

use super::action::Action;

#[derive(Debug, Default)]
pub struct Scroll {
    offset: u16,
    /// The largest offset that still shows a full screen, as last drawn.
    max: Cell<u16>,
}

/// Lines moved by PgUp/PgDn.
const PAGE: u16 = 10;

impl Scroll {
    /// Moves for ↑, ↓, PgUp and PgDn; returns whether the action was a scroll.
    pub fn apply(&mut self, action: &Action) -> bool {
        let max = self.max.get();
        self.offset = match action {
            Action::SelectDown => self.offset.saturating_add(1),
            Action::SelectUp => self.offset.saturating_sub(1),
            Action::PageDown => self.offset.saturating_add(PAGE),
            Action::PageUp => self.offset.saturating_sub(PAGE),
            _ => return false,
        }
        .min(max);
        true
    }

    pub fn reset(&mut self) {
        self.offset = 0;
    }

    /// Called while drawing: `lines` to show in `height` rows. Returns the offset to draw.
    pub fn fit(&self, lines: usize, height: u16) -> u16 {
        let max = u16::try_from(lines)
            .unwrap_or(u16::MAX)
            .saturating_sub(height);
        self.max.set(max);
        self.offset.min(max)
    }

    /// Whether lines are hidden below what was last drawn.
    pub fn more_below(&self) -> bool {
        self.offset < self.max.get()
    }

    /// Whether lines are hidden above what was last drawn.
    pub fn more_above(&self) -> bool {
        self.offset.min(self.max.get()) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_at_the_last_full_screen() {
        let mut s = Scroll::default();
        assert_eq!(s.fit(30, 10), 0);
        for _ in 0..50 {
            s.apply(&Action::SelectDown);
        }
        assert_eq!(s.fit(30, 10), 20);
        assert!(!s.more_below());
        s.apply(&Action::SelectUp);
        assert_eq!(s.fit(30, 10), 19, "one ↑ moves back at once");
        assert!(s.more_below() && s.more_above());
        s.apply(&Action::PageUp);
        s.apply(&Action::PageUp);
        assert_eq!(s.fit(30, 10), 0);
        assert!(!s.apply(&Action::Back));
    }

    #[test]
    fn a_view_that_fits_does_not_scroll() {
        let mut s = Scroll::default();
        s.fit(5, 10);
        s.apply(&Action::PageDown);
        assert_eq!(s.fit(5, 10), 0);
        assert!(!s.more_below() && !s.more_above());
    }
}
