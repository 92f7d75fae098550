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

/// `text` in at most `width` columns, shortened so that what tells it apart from the
/// most similar of `others` stays visible: the words it shares with that one at its start
/// and its end give way first ("Begeleiding…licht…per dagdeel" beside "…midden…").
/// Without a similar text it is shortened in the middle.
pub fn shorten_apart(text: &str, others: &[&str], width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let best = others
        .iter()
        .filter(|o| **o != text)
        .map(|o| {
            let oc: Vec<char> = o.chars().collect();
            let p = chars.iter().zip(&oc).take_while(|(a, b)| a == b).count();
            let s = chars
                .iter()
                .rev()
                .zip(oc.iter().rev())
                .take_while(|(a, b)| a == b)
                .count()
                .min(n - p)
                .min(oc.len() - p.min(oc.len()));
            (p, s)
        })
        .max_by_key(|(p, s)| p + s);
    let Some((mut p, mut s)) = best else {
        return truncate_middle(text, width);
    };
    // The part that differs starts and ends at whole words.
    while p > 0 && !chars[p - 1].is_whitespace() {
        p -= 1;
    }
    while s > 0 && !chars[n - s].is_whitespace() && !chars[n - s].is_ascii_punctuation() {
        s -= 1;
    }
    if p + s == 0 {
        return truncate_middle(text, width);
    }
    let string = |c: &[char]| c.iter().collect::<String>();
    let (head, middle, tail) = (
        string(&chars[..p]),
        string(&chars[p..n - s]),
        string(&chars[n - s..]),
    );
    let marks = usize::from(p > 0) + usize::from(s > 0);
    if middle.width() + marks >= width {
        let lead = if p > 0 { "…" } else { "" };
        return format!("{lead}{}", truncate(&middle, width - usize::from(p > 0)));
    }
    // What is left goes to the end (a year, a unit) and the start, half each.
    let room = width - middle.width();
    let tail_room = (room / 2).min(tail.width());
    let head_room = room - tail_room;
    let head = if head.width() <= head_room {
        head
    } else {
        truncate(&head, head_room)
    };
    let tail = if tail.width() <= tail_room {
        tail
    } else {
        let keep: Vec<char> = tail
            .chars()
            .rev()
            .take(tail_room.saturating_sub(1))
            .collect();
        format!("…{}", keep.into_iter().rev().collect::<String>())
    };
    // A head that fits whole may leave room the tail could use.
    let out = format!("{head}{middle}{tail}");
    if out.width() <= width {
        out
    } else {
        truncate(&out, width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_tells_two_texts_apart_stays_visible() {
        let group = [
            "Begeleiding groep licht (dagbesteding), per dagdeel",
            "Begeleiding groep midden (dagbesteding), per dagdeel",
            "Begeleiding groep zwaar (dagbesteding), per dagdeel",
        ];
        for (text, word) in group.iter().zip(["licht", "midden", "zwaar"]) {
            let short = shorten_apart(text, &group, 30);
            assert!(short.contains(word), "{short}");
            assert!(
                unicode_width::UnicodeWidthStr::width(short.as_str()) <= 30,
                "{short}"
            );
        }
        let years = [
            "Bijstandsnorm alleenstaande (ouder), netto (vanaf 1 januari 2024)",
            "Bijstandsnorm alleenstaande (ouder), netto (vanaf 1 januari 2025)",
        ];
        let short = shorten_apart(years[1], &years, 24);
        assert!(short.contains("2025"), "{short}");
        assert!(short.starts_with("Bijstand"), "{short}");
        // Nothing similar: shortened in the middle; fits: unchanged.
        assert_eq!(
            shorten_apart("abcdefghij", &["xyz"], 5),
            truncate_middle("abcdefghij", 5)
        );
        assert_eq!(shorten_apart("kort", &group, 30), "kort");
    }

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
