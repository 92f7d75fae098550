//! The one text-field wrapper every phase uses, around `ratatui_textarea::TextArea`, with
//! our own key table: typed characters go in directly, Ctrl+Z / Ctrl+Y undo and redo,
//! Ctrl+U empties the field, a paste is inserted whole as one edit, Enter is a newline
//! only in multi-line fields. A suggested value is selected whole on focus, so the first
//! key typed replaces it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// The cursor moved; the text is the same.
    Moved,
    /// The key means nothing to a text field; the caller may use it.
    Ignored,
}

/// A focused text field being edited.
#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
    multi_line: bool,
}

impl TextField {
    /// A dim hint shown while the field is empty ("dd-mm-jjjj").
    pub fn set_placeholder(&mut self, hint: &str) {
        self.area.set_placeholder_text(hint);
        self.area
            .set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    }

    pub fn new(text: &str, multi_line: bool) -> TextField {
        let lines: Vec<String> = if multi_line {
            text.split('\n').map(str::to_string).collect()
        } else {
            vec![text.replace('\n', " ")]
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::default());
        area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        // A selected suggestion is shown reversed, so it reads as "typing replaces this"
        // also without colour.
        area.set_selection_style(Style::default().add_modifier(Modifier::REVERSED));
        area.set_max_histories(500);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        TextField { area, multi_line }
    }

    /// Selects the whole text, as a form selects a suggested value on focus: the first
    /// character typed (or a paste) replaces it, Backspace or Delete clears it, and moving
    /// the cursor keeps it and lets typing append.
    pub fn select_all(&mut self) {
        self.area.select_all();
    }

    /// Whether the whole text is selected (a suggestion not yet typed over).
    pub fn is_selected(&self) -> bool {
        self.area.is_selecting()
    }

    pub fn is_multi_line(&self) -> bool {
        self.multi_line
    }

    /// The whole text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn textarea(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Cursor row and column in the text (row counts lines, not wrapped rows).
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    pub fn line_count(&self) -> usize {
        self.area.lines().len()
    }

    /// Inserts pasted text as one edit (one undo step). A single-line field gets the
    /// text with its line breaks turned into spaces.
    pub fn paste(&mut self, text: &str) -> Edit {
        let clean: String = text.replace("\r\n", "\n").replace('\r', "\n");
        let clean = if self.multi_line {
            clean
        } else {
            clean.replace('\n', " ")
        };
        if clean.is_empty() {
            return Edit::Ignored;
        }
        if self.area.insert_str(clean) {
            Edit::Changed
        } else {
            Edit::Ignored
        }
    }

    /// Applies one key press.
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let changed = |b: bool| if b { Edit::Changed } else { Edit::Moved };
        let moved = |area: &mut TextArea<'static>, m: CursorMove| {
            area.move_cursor(m);
            Edit::Moved
        };
        // Moving the cursor keeps the text: a selection (a suggestion) is let go.
        if matches!(
            key.code,
            KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::Up
                | KeyCode::Down
        ) && self.area.is_selecting()
        {
            self.area.cancel_selection();
            return Edit::Moved;
        }
        match key.code {
            KeyCode::Char('z') if ctrl => changed(self.area.undo()),
            KeyCode::Char('y') if ctrl => changed(self.area.redo()),
            // Ctrl+U empties the field (one undo step).
            KeyCode::Char('u') if ctrl => {
                self.area.select_all();
                changed(self.area.delete_char())
            }
            KeyCode::Char(c) if !ctrl && !alt => {
                self.area.insert_char(c);
                Edit::Changed
            }
            KeyCode::Enter if self.multi_line && !ctrl && !alt => {
                self.area.insert_newline();
                Edit::Changed
            }
            KeyCode::Backspace if ctrl || alt => changed(self.area.delete_word()),
            KeyCode::Backspace => changed(self.area.delete_char()),
            KeyCode::Delete if ctrl => changed(self.area.delete_next_word()),
            KeyCode::Delete => changed(self.area.delete_next_char()),
            KeyCode::Left if ctrl => moved(&mut self.area, CursorMove::WordBack),
            KeyCode::Right if ctrl => moved(&mut self.area, CursorMove::WordForward),
            KeyCode::Left => moved(&mut self.area, CursorMove::Back),
            KeyCode::Right => moved(&mut self.area, CursorMove::Forward),
            KeyCode::Home if ctrl => moved(&mut self.area, CursorMove::Top),
            KeyCode::End if ctrl => moved(&mut self.area, CursorMove::Bottom),
            KeyCode::Home => moved(&mut self.area, CursorMove::Head),
            KeyCode::End => moved(&mut self.area, CursorMove::End),
            // Up and Down move inside a multi-line text; at its edges they are the caller's.
            KeyCode::Up if self.multi_line && self.cursor().0 > 0 => {
                moved(&mut self.area, CursorMove::Up)
            }
            KeyCode::Down if self.multi_line && self.cursor().0 + 1 < self.line_count() => {
                moved(&mut self.area, CursorMove::Down)
            }
            _ => Edit::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(f: &mut TextField, s: &str) {
        for c in s.chars() {
            f.key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn types_unicode_and_undoes_and_redoes() {
        let mut f = TextField::new("", false);
        typed(&mut f, "Café ☕ 日本");
        assert_eq!(f.text(), "Café ☕ 日本");
        f.key(key(KeyCode::Backspace));
        assert_eq!(f.text(), "Café ☕ 日");
        f.key(ctrl('z'));
        assert_eq!(f.text(), "Café ☕ 日本");
        f.key(ctrl('y'));
        assert_eq!(f.text(), "Café ☕ 日");
    }

    #[test]
    fn a_selected_suggestion_is_replaced_by_typing_and_kept_by_moving() {
        let mut f = TextField::new("30-11-2026", false);
        f.select_all();
        typed(&mut f, "12-05-2026");
        assert_eq!(
            f.text(),
            "12-05-2026",
            "the first key replaces the suggestion"
        );
        typed(&mut f, "!");
        assert_eq!(f.text(), "12-05-2026!", "after that, typing appends");
        let mut f = TextField::new("150", false);
        f.select_all();
        assert_eq!(f.key(key(KeyCode::End)), Edit::Moved);
        typed(&mut f, "0");
        assert_eq!(f.text(), "1500", "moving first keeps the value");
        let mut f = TextField::new("oud", false);
        f.select_all();
        f.key(key(KeyCode::Backspace));
        assert_eq!(f.text(), "", "Backspace clears a selected suggestion");
        let mut f = TextField::new("twee\nregels", true);
        f.key(ctrl('u'));
        assert_eq!(f.text(), "", "Ctrl+U empties a field");
        f.key(ctrl('z'));
        assert_eq!(f.text(), "twee\nregels", "in one undo step");
    }

    #[test]
    fn enter_is_a_newline_only_in_multi_line_fields() {
        let mut single = TextField::new("a", false);
        assert_eq!(single.key(key(KeyCode::Enter)), Edit::Ignored);
        let mut multi = TextField::new("a", true);
        assert_eq!(multi.key(key(KeyCode::Enter)), Edit::Changed);
        typed(&mut multi, "b");
        assert_eq!(multi.text(), "a\nb");
        // Up inside the text moves; Up on the first line is for the form.
        assert_eq!(multi.key(key(KeyCode::Up)), Edit::Moved);
        assert_eq!(multi.key(key(KeyCode::Up)), Edit::Ignored);
    }

    #[test]
    fn a_paste_is_one_edit_and_single_line_fields_flatten_it() {
        let mut f = TextField::new("x", true);
        f.paste("een\r\ntwee\ndrie");
        assert_eq!(f.text(), "xeen\ntwee\ndrie");
        f.key(ctrl('z'));
        assert_eq!(f.text(), "x", "one undo step removes the whole paste");
        let mut s = TextField::new("", false);
        s.paste("een\ntwee");
        assert_eq!(s.text(), "een twee");
    }

    #[test]
    fn a_megabyte_paste_goes_in_whole() {
        let mut f = TextField::new("", true);
        let big = "Dit is een lange zin met een ë en een 😀.\n".repeat(25_000);
        assert!(big.len() > 1_000_000);
        assert_eq!(f.paste(&big), Edit::Changed);
        assert_eq!(f.text(), big);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Long paragraphs are re-wrapped only from the edit on (vendor/ratatui-textarea):
        /// after any edit the rows must equal wrapping the whole text from scratch.
        #[test]
        fn long_paragraphs_wrap_as_if_wrapped_from_scratch_after_any_edit(
            words in proptest::collection::vec(0usize..13, 300..900),
            width in 6u16..70,
            edits in proptest::collection::vec((0usize..100_000, 0usize..8), 1..25),
        ) {
            use ratatui::widgets::Widget;
            const WORDS: [&str; 13] = [
                "het", "gesprek", "ë", "日本語の", "don't", "3.14", "👍🏽", "e\u{301}",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "  ", "werk,", "\t", "                         ",
            ];
            let text: String = words.iter().map(|w| WORDS[*w]).collect::<Vec<_>>().join(" ");
            let mut f = TextField::new(&text, true);
            let area = ratatui::layout::Rect::new(0, 0, width, 10);
            let mut buf = ratatui::buffer::Buffer::empty(area);
            (&f.area).render(area, &mut buf);
            for (at, kind) in edits {
                let len = f.area.lines()[0].chars().count();
                f.area.move_cursor(CursorMove::Jump(0, (at % (len + 1)) as u16));
                match kind {
                    0 => { f.area.insert_char('x'); }
                    1 => { f.area.insert_char(' '); }
                    2 => { f.area.delete_char(); }
                    3 => { f.area.delete_next_char(); }
                    4 => { f.area.insert_str("nieuwe woorden hier"); }
                    5 => { f.area.delete_word(); }
                    6 => { f.area.insert_char('日'); }
                    _ => { f.area.undo(); }
                }
                (&f.area).render(area, &mut buf);
                let (now, fresh) = f.area.tafel_screen_rows();
                proptest::prop_assert_eq!(now, fresh);
            }
        }
    }
}
