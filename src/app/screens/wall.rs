//! The wall (Ctrl+T): both scenarios on one time axis, opened on top of a session. Its
//! state is which item is chosen and how far the axis is moved; `ui/wall.rs` draws it.

use std::cell::Cell;

use crate::app::action::{Action, Click};
use crate::model::Session;
use crate::model::wall::{Month, Wall};

#[derive(Debug, Default)]
pub struct WallView {
    /// The chosen item, counted over both lanes (see [`Wall::items`]).
    pub selected: usize,
    /// The first month on screen, counted from the wall's first month.
    pub offset: i32,
    /// How many months the last frame showed: the axis moves to keep the chosen item in it.
    pub visible: Cell<i32>,
}

impl WallView {
    /// Applies a key or click; false when it is not the wall's.
    pub fn apply(&mut self, action: &Action, session: &Session) -> bool {
        let wall = Wall::of(session);
        let count = wall.items().count();
        let months = i32::try_from(wall.months()).unwrap_or(i32::MAX);
        let visible = self.visible.get().max(1);
        let max_offset = (months - visible).max(0);
        match action {
            Action::SelectDown if count > 0 => {
                self.choose((self.selected + 1).min(count - 1), &wall);
            }
            Action::SelectUp => self.choose(self.selected.saturating_sub(1), &wall),
            Action::PageDown if count > 0 => self.choose((self.selected + 5).min(count - 1), &wall),
            Action::PageUp => self.choose(self.selected.saturating_sub(5), &wall),
            Action::Click(Click::Row(n)) if *n < count => self.choose(*n, &wall),
            Action::Later => self.offset = (self.offset + 1).min(max_offset),
            Action::Earlier => self.offset = (self.offset - 1).max(0),
            _ => return false,
        }
        true
    }

    /// Chooses item `n` and moves the axis so that its start is on screen.
    fn choose(&mut self, n: usize, wall: &Wall<'_>) {
        self.selected = n;
        let Some((_, item)) = wall.items().nth(n) else {
            return;
        };
        if let Some((a, b)) = item.span {
            let (a, b): (Month, Month) = (a - wall.first, b - wall.first);
            let visible = self.visible.get().max(1);
            if a < self.offset || a >= self.offset + visible {
                // A little before it, so its neighbours show too; the whole bar if it fits.
                self.offset = if b - a < visible {
                    (b - visible + 1).max(a - 1).min(a)
                } else {
                    a
                };
                self.offset = self.offset.max(0);
            }
        }
    }
}
