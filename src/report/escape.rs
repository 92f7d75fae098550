//! Text from session files made safe for where it is shown. Files may hold anything (a
//! hostile or damaged file, a paste with escape codes), so every value printed to a
//! terminal goes through [`terminal`]; Markdown and HTML have their own escapes in
//! [`super::markdown`] and [`super::html`].

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` would be acted on by a terminal (or reorder the text around it) instead of
/// being shown: C0 controls but newline and tab, DEL, C1 controls, and the Unicode
/// bidirectional overrides and isolates.
pub fn is_terminal_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` for a terminal: every control character is shown visibly as `\u{1b}` instead of
/// being sent, so a value holding `ESC ] 52` cannot write the clipboard and `ESC [ 2 J`
/// cannot clear the screen. Newlines and tabs stay. Text without controls is returned as
/// it is, without copying.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_terminal_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The same for one line: a newline or tab becomes visible too (for lists and messages
/// where a value must stay on its line).
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c == '\n' || c == '\t' || is_terminal_control(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\n' || c == '\t' || is_terminal_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text (as serde_json writes it) that is also safe on a terminal, with the same
/// value: serde_json escapes C0 controls in strings but writes DEL, C1 controls and
/// bidirectional overrides as they are. Those can only occur inside strings, so each is
/// written as a `\uXXXX` escape, which any JSON reader reads back as the same character.
pub fn json(text: &str) -> Cow<'_, str> {
    let needs = |c: char| c != '\n' && c != '\t' && is_terminal_control(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_never_sent() {
        let clipboard = "GR\u{1b}]52;c;aGk=\u{7}07";
        assert_eq!(terminal(clipboard), "GR\\u{1b}]52;c;aGk=\\u{7}07");
        assert_eq!(terminal("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(terminal("a\u{9b}b\u{7f}"), "a\\u{9b}b\\u{7f}");
        assert_eq!(terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(terminal("twee\nregels\tmet tab"), "twee\nregels\tmet tab");
        assert_eq!(terminal_line("twee\nregels"), "twee\\u{a}regels");
        assert!(matches!(terminal("Café 😀 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_stays_the_same_value_and_safe_on_a_terminal() {
        let value = serde_json::json!({"case_code": "GR\u{1b}]52;c;x\u{7}\u{9b}2J\u{7f}\u{202e}"});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&text);
        assert!(!safe.chars().any(is_terminal_control), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value, "exactly the same value");
    }
}
