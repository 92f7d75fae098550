//! The mouse: a click or the wheel becomes the same [`Action`] as a key.
//!
//! Drawing records where each clickable thing landed ([`Hits`]): a phase tab, a form
//! field (and the positions on a score's track), a list row, a key in the footer. A click
//! looks up the newest frame's targets; the wheel does what ↓ and ↑ do where it is used.
//! Nothing is dragged. Without a mouse nothing changes: every target is also a key.

use std::cell::RefCell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::keymap;
use super::state::App;

/// Where the clickable things of the last frame are.
#[derive(Debug, Default)]
pub struct Hits {
    /// Targets in the screen's body, in drawing order (a later one lies on top).
    areas: RefCell<Vec<(Rect, Action)>>,
    /// The keys in the footer: they stay clickable under a list or box opened on top.
    keys: RefCell<Vec<(Rect, Action)>>,
}

impl Hits {
    /// Called when a frame starts: the targets of the previous frame are gone.
    pub fn clear(&self) {
        self.areas.borrow_mut().clear();
        self.keys.borrow_mut().clear();
    }

    pub fn add(&self, area: Rect, action: Action) {
        if area.width > 0 && area.height > 0 {
            self.areas.borrow_mut().push((area, action));
        }
    }

    pub fn add_key(&self, area: Rect, action: Action) {
        if area.width > 0 && area.height > 0 {
            self.keys.borrow_mut().push((area, action));
        }
    }

    /// Something opened on top (a list, the quote box, the help): what lies beneath is no
    /// longer clickable, so a click beside the box does nothing rather than something
    /// unseen.
    pub fn cover(&self) {
        self.areas.borrow_mut().clear();
    }

    /// The action of the target at column `x`, row `y`: a footer key first, then the
    /// topmost target.
    pub fn at(&self, x: u16, y: u16) -> Option<Action> {
        let p = Position::new(x, y);
        let find = |list: &Vec<(Rect, Action)>| {
            list.iter()
                .rev()
                .find(|(r, _)| r.contains(p))
                .map(|(_, a)| a.clone())
        };
        find(&self.keys.borrow()).or_else(|| find(&self.areas.borrow()))
    }
}

/// The action for a mouse event: a left click on a target, or the wheel.
pub fn map_mouse(app: &App, e: MouseEvent) -> Option<Action> {
    let wheel = |code| keymap::map_key(app, KeyEvent::from(code));
    match e.kind {
        MouseEventKind::Down(MouseButton::Left) => app.hits.at(e.column, e.row),
        MouseEventKind::ScrollDown => wheel(KeyCode::Down),
        MouseEventKind::ScrollUp => wheel(KeyCode::Up),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_topmost_target_wins_and_footer_keys_survive_a_cover() {
        let hits = Hits::default();
        hits.add(Rect::new(0, 0, 10, 5), Action::SelectUp);
        hits.add(Rect::new(2, 2, 3, 1), Action::SelectDown);
        hits.add_key(Rect::new(0, 9, 6, 1), Action::Help);
        assert_eq!(hits.at(3, 2), Some(Action::SelectDown));
        assert_eq!(hits.at(0, 0), Some(Action::SelectUp));
        assert_eq!(hits.at(10, 0), None, "the right edge is outside");
        hits.cover();
        assert_eq!(hits.at(3, 2), None);
        assert_eq!(hits.at(5, 9), Some(Action::Help));
        hits.clear();
        assert_eq!(hits.at(5, 9), None);
        hits.add(Rect::new(0, 0, 0, 5), Action::Quit);
        assert_eq!(hits.at(0, 0), None, "an empty area is never hit");
    }
}
