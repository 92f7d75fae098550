//! Word wrapping by display width (CJK and emoji count double), used to measure and draw
//! text that is not being edited.

use unicode_width::UnicodeWidthStr;

/// Splits `text` into lines of at most `width` columns, breaking at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_at_most(text, width, usize::MAX)
}

/// Like [`wrap`], but stops after `limit` lines: measuring a 50 KB text for a field of
/// twelve rows should not wrap all of it.
pub fn wrap_at_most(text: &str, width: usize, limit: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        if out.len() >= limit {
            break;
        }
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split(' ') {
            if out.len() >= limit {
                break;
            }
            let w = word.width();
            let sep = usize::from(!line.is_empty());
            if line_w + sep + w <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += sep + w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if w <= width {
                line.push_str(word);
                line_w = w;
            } else {
                // A word longer than the line: cut it by characters.
                for ch in word.chars() {
                    let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                    if line_w + cw > width && !line.is_empty() {
                        out.push(std::mem::take(&mut line));
                        line_w = 0;
                    }
                    line.push(ch);
                    line_w += cw;
                }
            }
        }
        out.push(line);
    }
    out.truncate(limit);
    out
}

/// Cuts `text` to `width` columns, with an ellipsis when it was longer.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    out
}

/// `text` cut to `width` columns and padded with spaces to exactly `width` columns
/// (by display width: `format!("{:<10}")` counts characters, so CJK and emoji misalign).
pub fn pad(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// `text` in at most `width` columns, shortened in the middle (`Bijstandsnorm … 2025`),
/// so that how it begins and how it ends both stay visible.
pub fn truncate_middle(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let full = unicode_width::UnicodeWidthStr::width(text);
    if full <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let keep = width - 1; // room for the ellipsis
    let head_w = keep.div_ceil(2);
    let tail_w = keep - head_w;
    let mut head = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > head_w {
            break;
        }
        head.push(c);
        used += cw;
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > tail_w {
            break;
        }
        tail.push(c);
        used += cw;
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_middle_gives_way() {
        assert_eq!(
            truncate_middle("Bijstandsnorm alleenstaande 2025", 20),
            "Bijstandsn…ande 2025"
        );
        assert_eq!(truncate_middle("kort", 20), "kort");
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(
                truncate_middle("日本語の長い名前です", 9).as_str()
            ),
            9
        );
    }

    #[test]
    fn wraps_at_spaces_and_counts_wide_characters() {
        assert_eq!(wrap("een twee drie", 8), vec!["een twee", "drie"]);
        assert_eq!(
            wrap("日本語のテキスト", 6),
            vec!["日本語", "のテキ", "スト"]
        );
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert_eq!(wrap("", 5), vec![""]);
        for line in wrap("Ik heb rust in het hoofd 😀 en ik word niet dakloos", 7) {
            assert!(line.width() <= 7, "{line}");
        }
    }

    #[test]
    fn wrapping_at_most_n_lines_gives_the_first_n_lines_of_the_whole() {
        let text = "Een zin met woorden die afbreken. 日本語のテキスト\nTweede alinea, kort.\n\nlangwoordzonderspatiesdatafgebrokenmoetworden ".repeat(40);
        for width in [1, 5, 17, 40] {
            let all = wrap(&text, width);
            for limit in [0, 1, 3, 12, all.len(), all.len() + 5] {
                assert_eq!(
                    wrap_at_most(&text, width, limit),
                    all[..limit.min(all.len())]
                );
            }
        }
    }

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("GR-07", 7), "GR-07  ");
        assert_eq!(pad("日本", 6), "日本  ");
        assert_eq!(pad("Voorbereiding", 6), "Voorb…");
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Voorbereiding", 6), "Voorb…");
        assert_eq!(truncate("kort", 6), "kort");
    }
}
