//! A [`Document`] as plain text for the terminal: headings underlined, tables aligned by
//! display width, charts left out (their figures are in the tables beside them). Text
//! from the session is written as it is; the command line makes control characters
//! visible when it prints (see [`super::escape::terminal`]).

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::document::{Block, Document, Table};

pub fn render(doc: &Document) -> String {
    let r = &doc.lang.texts().report;
    let mut o = String::new();
    heading(&mut o, &doc.title, '=');
    if !doc.subtitle.is_empty() {
        let _ = writeln!(o, "{}", doc.subtitle);
    }
    for n in &doc.notices {
        let _ = writeln!(o, "! {n}");
    }
    if !doc.intro.is_empty() {
        let _ = writeln!(o, "\n{}", doc.intro);
    }
    if !doc.key_figures.is_empty() {
        let _ = writeln!(o, "\n{}:", r.key_figures);
        for (k, v) in &doc.key_figures {
            let _ = writeln!(o, "- {k}: {v}");
        }
    }
    for s in &doc.sections {
        o.push('\n');
        let title = match s.phase {
            Some(p) => format!("{}. {}", p.index() + 1, s.title),
            None => s.title.clone(),
        };
        heading(&mut o, &title, '-');
        for b in &s.blocks {
            block(&mut o, b);
        }
    }
    if !doc.footer.is_empty() {
        o.push('\n');
        for line in &doc.footer {
            let _ = writeln!(o, "{line}");
        }
    }
    o
}

fn heading(o: &mut String, text: &str, under: char) {
    let _ = writeln!(
        o,
        "{text}\n{}",
        under
            .to_string()
            .repeat(UnicodeWidthStr::width(text).max(1))
    );
}

fn block(o: &mut String, b: &Block) {
    match b {
        Block::Facts(pairs) => {
            for (k, v) in pairs {
                let _ = writeln!(o, "{k}: {v}");
            }
        }
        Block::Subheading(h) => {
            let _ = writeln!(o, "\n{h}");
        }
        Block::Text(text) => {
            for para in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let _ = writeln!(o, "{para}");
            }
        }
        Block::Note(text) => {
            let _ = writeln!(o, "({})", text.trim());
        }
        Block::Bullets(items) => {
            for i in items {
                let _ = writeln!(o, "- {}", i.trim().replace('\n', " "));
            }
        }
        Block::Quotes(quotes) => {
            for (text, speaker) in quotes {
                let _ = write!(o, "“{}”", text.trim());
                if !speaker.is_empty() {
                    let _ = write!(o, " — {speaker}");
                }
                o.push('\n');
            }
        }
        Block::Words(words) => {
            for (label, text) in words {
                let _ = writeln!(o, "  {label}: “{}”", text.trim());
            }
        }
        Block::Table(t) => table(o, t),
        Block::ScoreChart(_)
        | Block::CostChart(_)
        | Block::Radar(_)
        | Block::Arena(_)
        | Block::Wall(_) => {}
    }
}

/// A cell on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn table(o: &mut String, t: &Table) {
    let rows: Vec<Vec<String>> = std::iter::once(&t.head)
        .chain(&t.rows)
        .chain(t.total.iter())
        .map(|r| r.iter().map(|c| one_line(c)).collect())
        .collect();
    let columns = t.head.len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|v| UnicodeWidthStr::width(v.as_str()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (n, r) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = widths[c].saturating_sub(UnicodeWidthStr::width(cell.as_str()));
            if c > 0 {
                line.push_str("  ");
            }
            if t.numeric.get(c).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        let _ = writeln!(o, "{}", line.trim_end());
        if n == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
            let _ = writeln!(o, "{}", "-".repeat(total));
        }
    }
}
