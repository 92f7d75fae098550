use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::Arc as Rc;

use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{WrapMode, WrappedLine, effective_wrap_width, resume_word_wrap, wrapped_rows};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

/// tafel patch: wrapped rows per distinct line, valid for one set of wrap settings.
#[derive(Debug, Clone, Default)]
pub(crate) struct WrapCache {
    settings: Option<(Option<usize>, WrapMode, u8, Option<char>)>,
    lines: KeyMap<Rc<CachedLine>>,
    /// The rows (and text) of each long line by row, to re-wrap only what an edit changed.
    long: HashMap<usize, Rc<CachedLine>>,
}

/// tafel patch: lines at least this long are re-wrapped from the edit on, not whole.
const LONG_LINE: usize = 2048;

#[derive(Debug)]
pub(crate) struct CachedLine {
    /// The line itself: a hit must be the same text, not only the same hash.
    text: String,
    rows: Vec<ScreenLine>,
    pure_ascii: bool,
}

/// A fast non-cryptographic hash of a line (FxHash's mixing, eight bytes at a time);
/// together with the length it keys the cache.
fn line_hash(line: &str) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = 0;
    let mut chunks = line.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K)
}

/// The cache is keyed by an already mixed hash: no second hashing.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = self.0.rotate_left(7) ^ n as u64;
    }
}

type KeyMap<V> = HashMap<(u64, usize), V, std::hash::BuildHasherDefault<KeyHasher>>;

/// The screen rows of one line (with `row` 0; the caller sets the real row).
fn wrap_line(
    line: &str,
    wrap_width: Option<usize>,
    mode: WrapMode,
    tab: u8,
    mask: Option<char>,
) -> CachedLine {
    let one = [line.to_string()];
    let wrapped = match wrap_width {
        Some(width) => wrapped_rows(&one, mode, width, tab, mask),
        None => vec![WrappedLine {
            row: 0,
            start_byte: 0,
            end_byte: line.len(),
            start_col: 0,
            end_col: line.chars().count(),
            first_in_row: true,
            last_in_row: true,
        }],
    };
    let rows = wrapped
        .into_iter()
        .map(|wrapped| {
            let fragment = &line[wrapped.start_byte..wrapped.end_byte];
            let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
            let cursor_max_col = if wrapped.last_in_row {
                display_width(fragment, tab, mask)
            } else {
                screen_col_for_char_offset(fragment, char_count.saturating_sub(1), tab, mask)
            };
            ScreenLine {
                wrapped,
                screen_width: display_width(fragment, tab, mask),
                cursor_max_col,
            }
        })
        .collect();
    CachedLine {
        text: line.to_string(),
        rows,
        pure_ascii: is_pure_ascii(line),
    }
}

/// tafel patch: the rows of `line`, an edited version of `old_text` whose rows are `old`,
/// computed by keeping the rows before the edit, wrapping from the last safe row start
/// before it, and taking over the old rows (shifted) as soon as the new rows meet them
/// again after the edit. `None` when that cannot be done safely: then wrap whole.
/// Word boundaries are only trusted from a row start that follows a space.
fn wrap_line_incremental(
    old_text: &str,
    old: &CachedLine,
    line: &str,
    width: usize,
    mode: WrapMode,
    tab: u8,
) -> Option<CachedLine> {
    let fallback = match mode {
        WrapMode::Word => false,
        WrapMode::WordOrGlyph => true,
        WrapMode::None | WrapMode::Glyph => return None,
    };
    let (ob, nb) = (old_text.as_bytes(), line.as_bytes());
    if old.rows.is_empty() || nb.is_empty() {
        return None;
    }
    // The unchanged start and end of the line.
    let mut p = ob.iter().zip(nb).take_while(|(a, b)| a == b).count();
    while !line.is_char_boundary(p) {
        p -= 1;
    }
    let max_s = ob.len().min(nb.len()) - p;
    let mut s = ob
        .iter()
        .rev()
        .zip(nb.iter().rev())
        .take(max_s)
        .take_while(|(a, b)| a == b)
        .count();
    while !line.is_char_boundary(nb.len() - s) {
        s -= 1;
    }
    let delta = nb.len() as isize - ob.len() as isize;
    let first_word_end = |text: &str, at: usize| {
        text[at..]
            .split_word_bound_indices()
            .next()
            .map_or(at, |(o, w)| at + o + w.len())
    };
    // Keep rows 0..k; wrap again from row k, whose first word (and the next two
    // characters, which word boundaries may look at) lies before the change.
    let mut k = old
        .rows
        .iter()
        .rposition(|r| r.wrapped.end_byte <= p)
        .unwrap_or(0);
    loop {
        let start = old.rows[k].wrapped.start_byte;
        if start == 0
            || (nb[start - 1] == b' '
                && nb[start] != b' '
                && first_word_end(line, start) + 8 <= p
                && first_word_end(old_text, start) + 8 <= p)
        {
            break;
        }
        if k == 0 {
            return None;
        }
        k -= 1;
    }
    let restart = old.rows[k].wrapped.start_byte;
    let old_starts: Vec<usize> = old.rows.iter().map(|r| r.wrapped.start_byte).collect();
    let mut synced = None;
    let (ranges, _) = resume_word_wrap(line, restart, width, tab, None, fallback, |b| {
        let inside_suffix = b > nb.len() - s && nb[b - 1] == b' ';
        if !inside_suffix {
            return false;
        }
        let old_b = b as isize - delta;
        if old_b <= 0 {
            return false;
        }
        match old_starts.binary_search(&(old_b as usize)) {
            Ok(j) => {
                synced = Some(j);
                true
            }
            Err(_) => false,
        }
    });

    let mut rows: Vec<ScreenLine> = old.rows[..k].to_vec();
    let mut col = rows.last().map_or(0, |r| r.wrapped.end_col);
    for (start_byte, end_byte) in ranges {
        let end_col = col + line[start_byte..end_byte].chars().count();
        rows.push(ScreenLine {
            wrapped: WrappedLine {
                row: 0,
                start_byte,
                end_byte,
                start_col: col,
                end_col,
                first_in_row: false,
                last_in_row: false,
            },
            screen_width: display_width(&line[start_byte..end_byte], tab, None),
            cursor_max_col: 0,
        });
        col = end_col;
    }
    if let Some(j) = synced {
        let col_shift = col as isize - old.rows[j].wrapped.start_col as isize;
        for r in &old.rows[j..] {
            let mut r = *r;
            r.wrapped.start_byte = (r.wrapped.start_byte as isize + delta) as usize;
            r.wrapped.end_byte = (r.wrapped.end_byte as isize + delta) as usize;
            r.wrapped.start_col = (r.wrapped.start_col as isize + col_shift) as usize;
            r.wrapped.end_col = (r.wrapped.end_col as isize + col_shift) as usize;
            rows.push(r);
        }
    }
    if rows.is_empty() || rows.last().map(|r| r.wrapped.end_byte) != Some(nb.len()) {
        return None;
    }
    let last = rows.len() - 1;
    for (i, r) in rows.iter_mut().enumerate() {
        r.wrapped.first_in_row = i == 0;
        r.wrapped.last_in_row = i == last;
        let fragment = &line[r.wrapped.start_byte..r.wrapped.end_byte];
        let chars = r.wrapped.end_col - r.wrapped.start_col;
        // Kept rows have the right value already, except a row that became the last.
        if r.cursor_max_col == 0 || i == last || i + 1 == k {
            r.cursor_max_col = if i == last {
                display_width(fragment, tab, None)
            } else {
                screen_col_for_char_offset(fragment, chars.saturating_sub(1), tab, None)
            };
        }
    }
    Some(CachedLine {
        text: line.to_string(),
        rows,
        pure_ascii: is_pure_ascii(line),
    })
}

impl TextArea<'_> {
    // tafel patch: the original re-wrapped every line on every edit, which costs
    // milliseconds per key in a 50 KB text. Lines are now wrapped once per distinct
    // content and wrap settings; a load hashes each line (cheap) and reuses the rest.
    pub(crate) fn screen_map_load(&self) {
        let wrap_width = if self.wrap_mode() != WrapMode::None {
            let width = self.area.get().width;
            if width > 0 {
                let line_number_len = self
                    .line_number_style()
                    .map(|_| num_digits(self.lines.len()));
                Some(effective_wrap_width(width, line_number_len))
            } else {
                None
            }
        } else {
            None
        };
        let tab = self.tab_length();
        let mask = self.mask_char();
        let settings = (wrap_width, self.wrap_mode(), tab, mask);

        let mut cache = self.wrap_cache.borrow_mut();
        if cache.settings != Some(settings) {
            cache.settings = Some(settings);
            cache.lines.clear();
            cache.long.clear();
        }
        let mut next: KeyMap<Rc<CachedLine>> =
            KeyMap::with_capacity_and_hasher(self.lines.len(), Default::default());
        let mut screen_lines = Vec::with_capacity(self.lines.len());
        let mut data_pointers = Vec::with_capacity(self.lines.len());

        let mut long = HashMap::new();
        for (row, line) in self.lines.iter().enumerate() {
            let key = (line_hash(line), line.len());
            let cached = match next
                .get(&key)
                .or_else(|| cache.lines.get(&key))
                .filter(|c| c.text == *line)
            {
                Some(c) => Rc::clone(c),
                None => {
                    let incremental = match (cache.long.get(&row), wrap_width, mask) {
                        (Some(old), Some(width), None) if line.len() >= LONG_LINE => {
                            wrap_line_incremental(
                                &old.text,
                                old,
                                line,
                                width,
                                self.wrap_mode(),
                                tab,
                            )
                        }
                        _ => None,
                    };
                    Rc::new(incremental.unwrap_or_else(|| {
                        wrap_line(line, wrap_width, self.wrap_mode(), tab, mask)
                    }))
                }
            };
            if line.len() >= LONG_LINE {
                long.insert(row, Rc::clone(&cached));
            }
            data_pointers.push(DataLine {
                first_screen_line: screen_lines.len(),
                screen_line_count: cached.rows.len(),
                pure_ascii: cached.pure_ascii,
            });
            for r in cached.rows.iter() {
                screen_lines.push(ScreenLine {
                    wrapped: WrappedLine { row, ..r.wrapped },
                    screen_width: r.screen_width,
                    cursor_max_col: r.cursor_max_col,
                });
            }
            next.insert(key, cached);
        }
        cache.lines = next;
        cache.long = long;

        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    /// tafel patch, for tests: the screen rows as they are (cached), and as wrapping every
    /// line from scratch gives them. The two must always be equal.
    #[doc(hidden)]
    pub fn tafel_screen_rows(&self) -> (Vec<String>, Vec<String>) {
        let now = self
            .screen_lines
            .borrow()
            .iter()
            .map(|l| format!("{l:?}"))
            .collect();
        let settings = self.wrap_cache.borrow().settings;
        let fresh = match settings {
            Some((width, mode, tab, mask)) => self
                .lines
                .iter()
                .enumerate()
                .flat_map(|(row, line)| {
                    wrap_line(line, width, mode, tab, mask)
                        .rows
                        .into_iter()
                        .map(move |r| {
                            format!(
                                "{:?}",
                                ScreenLine {
                                    wrapped: WrappedLine { row, ..r.wrapped },
                                    ..r
                                }
                            )
                        })
                })
                .collect(),
            None => Vec::new(),
        };
        (now, fresh)
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        let data_line = &self.data_pointers.borrow()[array.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: screen_idx,
            col,
            char: self.lines[array.0].chars().nth(array.1),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
