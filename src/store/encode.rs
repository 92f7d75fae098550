//! How a session file is written: only the prices it uses, and one list item per line.
//!
//! A session keeps a copy of every price it uses, so its figures stay put when the list
//! changes; the rest of the list is the program's own and is not repeated in every file
//! (an open session shows the current list beside its copy, see
//! [`crate::model::costs::PriceList::complete_from`]).
//!
//! The layout: the top-level fields and the phases are indented as usual, and every
//! element of a list (an attendee, an event, an activity, a price) is one compact line.
//! A file reads and diffs by item and is about a quarter of its fully indented size. The
//! last line is the top level's `}` on its own, which the library's head reader relies on.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

use crate::model::Session;

/// The bytes of `session` as tafel writes its file, ending in a newline.
pub fn session_bytes(session: &Session) -> serde_json::Result<Vec<u8>> {
    let compact = with_used_prices_only(session);
    let mut out = Vec::with_capacity(32 * 1024);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::default());
    compact.serialize(&mut ser)?;
    out.push(b'\n');
    Ok(out)
}

/// A copy of `session` whose price list holds only the items its activities use.
pub fn with_used_prices_only(session: &Session) -> Session {
    let used: BTreeSet<&str> = session
        .looking_back
        .activities
        .iter()
        .chain(&session.alternative.activities)
        .filter_map(|a| a.price_id.as_deref())
        .collect();
    let mut copy = session.clone();
    copy.costs
        .price_list
        .items
        .retain(|i| used.contains(i.id.as_str()));
    copy
}

/// Objects are indented unless they sit inside a list; a list puts each element on a
/// line of its own, written compactly.
#[derive(Default)]
struct Layout {
    /// One entry per open container: whether it is indented, and whether it is a list.
    open: Vec<(bool, bool)>,
    /// Whether the innermost open container has had an element yet.
    has_value: bool,
}

impl Layout {
    fn indented(&self) -> bool {
        self.open.last().is_some_and(|(i, _)| *i)
    }

    /// Whether a container opened now is indented: its parent is, and is not a list.
    fn child_indented(&self) -> bool {
        match self.open.last() {
            None => true,
            Some((indented, is_list)) => *indented && !is_list,
        }
    }

    fn newline<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        is_list: bool,
        open: &[u8],
    ) -> io::Result<()> {
        let indented = self.child_indented();
        self.open.push((indented, is_list));
        self.has_value = false;
        w.write_all(open)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        let (indented, _) = self.open.pop().unwrap_or((false, false));
        if indented && self.has_value {
            Self::newline(w, self.open.len())?;
        }
        // The parent has a value now: the container just closed.
        self.has_value = true;
        w.write_all(close)
    }

    fn element<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.indented() {
            Self::newline(w, self.open.len())?;
        }
        Ok(())
    }
}

impl Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, true, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, false, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.indented() { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_char_escape<W: ?Sized + Write>(&mut self, w: &mut W, e: CharEscape) -> io::Result<()> {
        CompactFormatter.write_char_escape(w, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn each_list_element_is_one_line_and_the_file_ends_with_a_lone_brace() {
        let catalog = Catalog::builtin();
        let s = &crate::demo::sessions(&catalog)[1];
        let bytes = session_bytes(s).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.ends_with("\n}\n"), "{}", &text[text.len() - 40..]);
        assert!(
            text.starts_with("{\n  \"schema_version\": "),
            "{}",
            &text[..60]
        );
        // Every activity is one line.
        let activities = text.lines().filter(|l| l.contains("\"quantity\":")).count();
        assert_eq!(
            activities,
            s.looking_back.activities.len() + s.alternative.activities.len()
        );
        // It reads back as the same session (with only the prices it uses).
        let back: Session = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back, with_used_prices_only(s));
        // Empty lists and objects stay on one line.
        assert!(!text.contains("[\n  ]") && !text.contains("{\n  }"));
    }

    #[test]
    fn only_the_prices_in_use_are_written() {
        let catalog = Catalog::builtin();
        for s in crate::demo::sessions(&catalog) {
            let back: Session = serde_json::from_slice(&session_bytes(&s).unwrap()).unwrap();
            let ids: BTreeSet<&str> = back
                .costs
                .price_list
                .items
                .iter()
                .map(|i| i.id.as_str())
                .collect();
            let used: BTreeSet<&str> = s
                .looking_back
                .activities
                .iter()
                .chain(&s.alternative.activities)
                .filter_map(|a| a.price_id.as_deref())
                .collect();
            assert_eq!(ids, used);
        }
    }
}
