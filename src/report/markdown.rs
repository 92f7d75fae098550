//! The case report as Markdown (CommonMark with GitHub tables), for e-mail, a wiki or a
//! word processor. Same content as the HTML report, without the charts (their figures are
//! in the tables next to them).
//!
//! Text from the session is escaped, so a `*`, `|` or `<` typed at the table stays a
//! character and never becomes formatting, a broken table or HTML.

use std::fmt::Write;

use super::document::{Block, Document, Table};

/// Escapes text for use inside a Markdown paragraph, list item or table cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, ch) in chars.iter().enumerate() {
        match ch {
            // Inside a word (snake_case, a URL) an underscore never makes emphasis.
            '_' if i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push('_');
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(*ch);
            }
            // Only where it could start an entity such as &lt; or &#60;.
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            // Controls and bidirectional overrides are dropped (they would reorder text).
            c if super::escape::is_terminal_control(*c) => {}
            c => out.push(*c),
        }
    }
    out
}

/// Escapes one line that starts a block (a paragraph or list item): also the characters
/// that would make it a heading, a list, a rule or a numbered item.
fn escape_line(line: &str) -> String {
    let e = escape(line.trim());
    let starts_block = e.starts_with(['#', '-', '+', '=']);
    if starts_block {
        return format!("\\{e}");
    }
    let digits = e.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && e[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &e[..digits], &e[digits..]);
    }
    e
}

/// Text for a table cell: escaped, on one line.
fn cell(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape)
        .collect();
    lines.join("<br>")
}

/// Text for a list item: escaped, on one line.
fn item(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_line)
        .collect();
    lines.join(" ")
}

pub fn render(doc: &Document) -> String {
    let r = &doc.lang.texts().report;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", escape(&doc.title));
    if !doc.subtitle.is_empty() {
        let _ = writeln!(o, "{}\n", escape_line(&doc.subtitle));
    }
    for n in &doc.notices {
        let _ = writeln!(o, "> **{}**\n", escape(n));
    }
    if !doc.intro.is_empty() {
        let _ = writeln!(o, "{}\n", escape_line(&doc.intro));
    }
    if !doc.key_figures.is_empty() {
        let _ = writeln!(o, "**{}**\n", escape(r.key_figures));
        for (k, v) in &doc.key_figures {
            let _ = writeln!(o, "- {}: **{}**", escape(k), escape(v));
        }
        o.push('\n');
    }
    for s in &doc.sections {
        match s.phase {
            Some(p) => {
                let _ = writeln!(o, "## {}. {}\n", p.index() + 1, escape(&s.title));
            }
            None => {
                let _ = writeln!(o, "## {}\n", escape(&s.title));
            }
        }
        for b in &s.blocks {
            block(&mut o, b);
        }
    }
    if !doc.footer.is_empty() {
        o.push_str("---\n\n");
    }
    for line in &doc.footer {
        let _ = writeln!(o, "*{}*\n", escape(line.trim()));
    }
    // Exactly one newline at the end.
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn block(o: &mut String, b: &Block) {
    match b {
        Block::Facts(pairs) => {
            for (k, v) in pairs {
                let _ = writeln!(o, "- **{}:** {}", escape(k), item(v));
            }
            o.push('\n');
        }
        Block::Subheading(h) => {
            let _ = writeln!(o, "### {}\n", escape(h));
        }
        Block::Text(text) => {
            for para in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let _ = writeln!(o, "{}\n", escape_line(para));
            }
        }
        Block::Note(text) => {
            let _ = writeln!(o, "*{}*\n", escape(text.trim()));
        }
        Block::Bullets(items) => {
            for i in items {
                let _ = writeln!(o, "- {}", item(i));
            }
            o.push('\n');
        }
        Block::Quotes(quotes) => {
            for (text, speaker) in quotes {
                let _ = write!(o, "> “{}”", item(text));
                if !speaker.is_empty() {
                    let _ = write!(o, " — {}", escape(speaker));
                }
                o.push_str("\n\n");
            }
        }
        Block::Words(words) => {
            for (domain, text) in words {
                let _ = writeln!(o, "- **{}:** “{}”", escape(domain), item(text));
            }
            o.push('\n');
        }
        Block::Table(t) => table(o, t),
        // The figures of both charts are in the tables beside them.
        Block::ScoreChart(_)
        | Block::CostChart(_)
        | Block::Radar(_)
        | Block::Arena(_)
        | Block::Wall(_) => {}
    }
}

fn table(o: &mut String, t: &Table) {
    let row = |cells: &mut dyn Iterator<Item = String>| -> String {
        let cells: Vec<String> = cells.collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(o, "{}", row(&mut t.head.iter().map(|h| cell(h))));
    let _ = writeln!(
        o,
        "{}",
        row(&mut t
            .numeric
            .iter()
            .map(|n| if *n { "---:" } else { "---" }.to_string()))
    );
    for r in &t.rows {
        let _ = writeln!(o, "{}", row(&mut r.iter().map(|c| cell(c))));
    }
    if let Some(total) = &t.total {
        let _ = writeln!(
            o,
            "{}",
            row(&mut total.iter().map(|c| {
                let c = cell(c);
                if c.is_empty() { c } else { format!("**{c}**") }
            }))
        );
    }
    o.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_formatting_and_block_starts() {
        assert_eq!(escape("a | b *c* <x>"), "a \\| b \\*c\\* \\<x\\>");
        assert_eq!(escape("A & B &amp;"), "A & B \\&amp;");
        assert_eq!(escape("a_b _c_"), "a_b \\_c\\_");
        assert_eq!(escape_line("# kop"), "\\# kop");
        assert_eq!(escape_line("- lijst"), "\\- lijst");
        assert_eq!(escape_line("12. punt"), "12\\. punt");
        assert_eq!(cell("een\ntwee | drie"), "een<br>twee \\| drie");
    }
}
