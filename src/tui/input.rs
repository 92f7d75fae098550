//! Repairs key sequences that the terminal reader split up.
//!
//! When Esc and the next key arrive in one read (fast typing over SSH, a busy machine),
//! the bytes are `ESC ESC [ B` (Esc, then Down). crossterm 0.29 reads `ESC ESC` as one
//! Esc and the rest as the characters `[` and `B`, which would be typed into a field
//! ("De Graasj[B", "[15~" for F5). Events that arrive together are therefore passed
//! through [`repair`]: an Esc followed at once by characters that form a complete
//! terminal key sequence gets that key back instead of the characters. The same holds
//! for a mouse report (`ESC [ < 0 ; 12 ; 5 M`). A key code never becomes text.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// `events` (all read at once, in order) with every key sequence that follows an Esc
/// turned back into its key.
pub fn repair(events: Vec<Event>) -> Vec<Event> {
    if !events.iter().any(is_esc) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        out.push(events[i].clone());
        if is_esc(&events[i])
            && let Some((event, used)) = sequence(&events[i + 1..])
        {
            out.push(event);
            i += 1 + used;
            continue;
        }
        i += 1;
    }
    out
}

fn is_esc(e: &Event) -> bool {
    matches!(e, Event::Key(k) if k.code == KeyCode::Esc && k.kind != KeyEventKind::Release)
}

/// The plain character of a key press without modifiers (Shift aside), if it is one.
fn plain_char(e: &Event) -> Option<char> {
    match e {
        Event::Key(k)
            if k.kind != KeyEventKind::Release
                && !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            match k.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The key (or mouse report) that the characters at the start of `rest` spell as a CSI
/// (`[`) or SS3 (`O`) sequence, and how many events it took.
fn sequence(rest: &[Event]) -> Option<(Event, usize)> {
    let intro = plain_char(rest.first()?)?;
    if intro == '[' && plain_char(rest.get(1)?)? == '<' {
        return mouse(&rest[2..]).map(|(m, used)| (Event::Mouse(m), used + 2));
    }
    let mut params = String::new();
    for (n, e) in rest.iter().enumerate().skip(1).take(16) {
        let c = plain_char(e)?;
        match c {
            '0'..='9' | ';' if intro == '[' => params.push(c),
            '@'..='~' => {
                let key = match intro {
                    '[' => csi(&params, c)?,
                    'O' if params.is_empty() => ss3(c)?,
                    _ => return None,
                };
                return Some((Event::Key(key), n + 1));
            }
            _ => return None,
        }
    }
    None
}

/// xterm's modifier parameter: 1 + (Shift 1, Alt 2, Ctrl 4).
fn modifiers(param: Option<&str>) -> Option<KeyModifiers> {
    let Some(p) = param else {
        return Some(KeyModifiers::NONE);
    };
    let bits = p.parse::<u8>().ok()?.checked_sub(1)?;
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    Some(m)
}

fn csi(params: &str, last: char) -> Option<KeyEvent> {
    let mut parts = params.split(';');
    let first = parts.next().filter(|p| !p.is_empty());
    let m = modifiers(parts.next())?;
    if parts.next().is_some() {
        return None;
    }
    let code = match last {
        'A' => KeyCode::Up,
        'B' => KeyCode::Down,
        'C' => KeyCode::Right,
        'D' => KeyCode::Left,
        'H' => KeyCode::Home,
        'F' => KeyCode::End,
        'P' => KeyCode::F(1),
        'Q' => KeyCode::F(2),
        'R' => KeyCode::F(3),
        'S' => KeyCode::F(4),
        'Z' => return Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        '~' => match first?.parse::<u8>().ok()? {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F(n - 10),
            n @ 17..=21 => KeyCode::F(n - 11),
            n @ 23..=24 => KeyCode::F(n - 12),
            _ => return None,
        },
        _ => return None,
    };
    // For the letter forms, a leading "1" only carries the modifiers ("1;5A").
    if last != '~' && first.is_some_and(|f| f != "1") {
        return None;
    }
    Some(KeyEvent::new(code, m))
}

/// An SGR mouse report after its `[<`: "button;column;row" and `M` (pressed) or `m`
/// (released), with 1-based positions.
fn mouse(rest: &[Event]) -> Option<(MouseEvent, usize)> {
    let mut params = String::new();
    for (n, e) in rest.iter().enumerate().take(20) {
        let c = plain_char(e)?;
        match c {
            '0'..='9' | ';' => params.push(c),
            'M' | 'm' => {
                let mut p = params.split(';').map(|p| p.parse::<u16>().ok());
                let (Some(Some(b)), Some(Some(x)), Some(Some(y)), None) =
                    (p.next(), p.next(), p.next(), p.next())
                else {
                    return None;
                };
                let mut modifiers = KeyModifiers::NONE;
                for (bit, m) in [
                    (4, KeyModifiers::SHIFT),
                    (8, KeyModifiers::ALT),
                    (16, KeyModifiers::CONTROL),
                ] {
                    if b & bit != 0 {
                        modifiers |= m;
                    }
                }
                let button = match b & 3 {
                    0 => MouseButton::Left,
                    1 => MouseButton::Middle,
                    _ => MouseButton::Right,
                };
                let kind = match (b & 64 != 0, b & 32 != 0, c) {
                    (true, _, _) if b & 1 == 0 => MouseEventKind::ScrollUp,
                    (true, _, _) => MouseEventKind::ScrollDown,
                    (false, true, _) => MouseEventKind::Drag(button),
                    (false, false, 'M') => MouseEventKind::Down(button),
                    (false, false, _) => MouseEventKind::Up(button),
                };
                let event = MouseEvent {
                    kind,
                    column: x.checked_sub(1)?,
                    row: y.checked_sub(1)?,
                    modifiers,
                };
                return Some((event, n + 1));
            }
            _ => return None,
        }
    }
    None
}

fn ss3(last: char) -> Option<KeyEvent> {
    let code = match last {
        'A' => KeyCode::Up,
        'B' => KeyCode::Down,
        'C' => KeyCode::Right,
        'D' => KeyCode::Left,
        'H' => KeyCode::Home,
        'F' => KeyCode::End,
        'P' => KeyCode::F(1),
        'Q' => KeyCode::F(2),
        'R' => KeyCode::F(3),
        'S' => KeyCode::F(4),
        _ => return None,
    };
    Some(KeyEvent::new(code, KeyModifiers::NONE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    /// What crossterm hands over for `ESC ESC` followed by `text`: one Esc, then the
    /// characters.
    fn split(text: &str) -> Vec<Event> {
        std::iter::once(key(KeyCode::Esc))
            .chain(text.chars().map(|c| key(KeyCode::Char(c))))
            .collect()
    }

    #[test]
    fn a_sequence_after_esc_is_its_key_again_never_text() {
        assert_eq!(
            repair(split("[B")),
            vec![key(KeyCode::Esc), key(KeyCode::Down)]
        );
        assert_eq!(
            repair(split("[15~")),
            vec![key(KeyCode::Esc), key(KeyCode::F(5))]
        );
        assert_eq!(
            repair(split("OP")),
            vec![key(KeyCode::Esc), key(KeyCode::F(1))]
        );
        assert_eq!(
            repair(split("[1;5B")),
            vec![
                key(KeyCode::Esc),
                Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL))
            ]
        );
        assert_eq!(
            repair(split("[6;5~x")),
            vec![
                key(KeyCode::Esc),
                Event::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::CONTROL)),
                key(KeyCode::Char('x'))
            ]
        );
    }

    #[test]
    fn a_mouse_report_after_esc_is_a_click_never_text() {
        let click = |kind, column, row| {
            Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            repair(split("[<0;12;5Mx")),
            vec![
                key(KeyCode::Esc),
                click(MouseEventKind::Down(MouseButton::Left), 11, 4),
                key(KeyCode::Char('x'))
            ]
        );
        assert_eq!(
            repair(split("[<0;12;5m")),
            vec![
                key(KeyCode::Esc),
                click(MouseEventKind::Up(MouseButton::Left), 11, 4)
            ]
        );
        assert_eq!(
            repair(split("[<65;1;1M")),
            vec![key(KeyCode::Esc), click(MouseEventKind::ScrollDown, 0, 0)]
        );
        assert_eq!(
            repair(split("[<64;1;1M")),
            vec![key(KeyCode::Esc), click(MouseEventKind::ScrollUp, 0, 0)]
        );
        // Not a report: stays as typed.
        assert_eq!(repair(split("[<0;12M")), split("[<0;12M"));
        assert_eq!(repair(split("[<0;0;1M")), split("[<0;0;1M"));
    }

    #[test]
    fn text_that_is_no_sequence_stays_text() {
        assert_eq!(repair(split("[x")), split("[x"));
        assert_eq!(repair(split("[")), split("["));
        assert_eq!(repair(split("[99~")), split("[99~"));
        let typed: Vec<Event> = "[B".chars().map(|c| key(KeyCode::Char(c))).collect();
        assert_eq!(
            repair(typed.clone()),
            typed,
            "without an Esc nothing changes"
        );
    }
}
