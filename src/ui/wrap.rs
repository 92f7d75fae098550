//! Word wrapping by display width (CJK and emoji count double), used to measure and draw
//! text that is not being edited.

use unicode_width::UnicodeWidthStr;

/// Splits `text` into lines of at most `width` columns, breaking at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split(' ') {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Voorbereiding", 6), "Voorb…");
        assert_eq!(truncate("kort", 6), "kort");
    }
}
