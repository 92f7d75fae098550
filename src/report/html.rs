//! The case report as one self-contained HTML file: inline CSS, the charts as inline SVG,
//! no script, no external resource (a Content-Security-Policy forbids loading any), and a
//! print style for A4 with each phase on a new page.
//!
//! Every text from the session passes through [`escape`] exactly once, at the moment it
//! is written; nothing in a session can add markup to the page.

use std::fmt::Write;

use super::document::{Block, Document, Table};
use super::svg;

/// Escapes text for HTML element content and quoted attribute values. Control characters
/// other than tab and line breaks are dropped (they are not allowed in HTML), and so are
/// the bidirectional overrides (they would make a line read differently than it is).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if super::escape::is_terminal_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The stylesheet of every HTML report: readable on screen, A4 on paper.
pub const CSS: &str = r#"
@page { size: A4; margin: 16mm 15mm 18mm; }
:root { --ink: #1d2630; --muted: #5b6770; --line: #d5dbe1; --accent: #1f5f8b; --soft: #f2f5f8; --warn: #b35f12; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 "Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       color: var(--ink); background: #fff; max-width: 180mm; margin: 0 auto; padding: 10mm 6mm; }
h1 { font-size: 22pt; line-height: 1.15; margin: 0 0 2mm; color: var(--accent); }
h2 { font-size: 15pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 2px solid var(--accent); break-after: avoid; }
h2 .num { color: var(--muted); font-weight: 400; margin-right: 2mm; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
dt { break-after: avoid; }
p { margin: 0 0 2.5mm; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: var(--muted); margin: 0 0 1mm; }
.subtitle { font-size: 12pt; color: var(--muted); margin: 0 0 5mm; }
.notice { border-left: 4px solid var(--warn); background: #fdf3e7; padding: 3mm 4mm; margin: 0 0 5mm; }
.intro { max-width: 150mm; }
.key-figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 6mm 0; }
.key-figures div { background: var(--soft); border-radius: 2mm; padding: 3mm; }
.key-figures dt { font-size: 8.5pt; color: var(--muted); }
.key-figures dd { margin: 1mm 0 0; font-size: 13pt; font-weight: 600; }
.key-figures .amount { white-space: nowrap; }
nav ol { margin: 0; padding-left: 6mm; columns: 2; }
nav h2 { font-size: 11.5pt; border: 0; margin: 6mm 0 1mm; padding: 0; }
.phase { margin-top: 12mm; }
.phase + .phase { break-before: page; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0 0 4mm; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 700; border-top: 1.5px solid var(--ink); border-bottom: 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 2mm 0 5mm; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 9pt; color: var(--muted); margin-top: 1mm; }
.words div { break-inside: avoid; }
.words dt { font-weight: 600; margin-top: 2mm; }
.words dd { margin: 0; font-style: italic; }
.quote blockquote { margin: 0; padding: 1.5mm 4mm; border-left: 3px solid var(--accent); font-style: italic; }
.quote figcaption { padding-left: 4mm; }
.note { font-size: 9pt; color: var(--muted); }
ul { padding-left: 6mm; margin: 0 0 3mm; }
li { margin-bottom: 1mm; }
.sources li { font-size: 8.5pt; overflow-wrap: anywhere; }
footer { margin-top: 10mm; padding-top: 3mm; border-top: 1px solid var(--line); font-size: 8.5pt; color: var(--muted); }
@media print { body { max-width: none; padding: 0; } .phase { margin-top: 0; } }
"#;

/// Policy of the page: nothing may be fetched and nothing may run, whatever the text holds.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The opening of a self-contained page up to and including `<body>`. Other HTML reports
/// (the comparison) can use it with their own body.
pub fn page_start(lang_code: &str, title: &str) -> String {
    page_start_styled(lang_code, title, "")
}

/// As [`page_start`], with `extra` CSS after the report's own (a page of another size).
pub fn page_start_styled(lang_code: &str, title: &str, extra: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"tafel\">\n<title>{}</title>\n<style>{CSS}{extra}</style>\n</head>\n<body>\n",
        escape(lang_code),
        escape(title)
    )
}

/// The end of a page opened with [`page_start`].
pub const PAGE_END: &str = "</body>\n</html>\n";

/// The whole report as an HTML page.
pub fn render(doc: &Document) -> String {
    let r = &doc.lang.texts().report;
    let mut o = page_start(doc.lang.code(), &doc.title);
    o.push_str("<header>\n");
    let _ = writeln!(o, "<p class=\"kicker\">{}</p>", escape(&doc.kicker));
    let _ = writeln!(o, "<h1>{}</h1>", escape(&doc.title));
    if !doc.subtitle.is_empty() {
        let _ = writeln!(o, "<p class=\"subtitle\">{}</p>", escape(&doc.subtitle));
    }
    for n in &doc.notices {
        let _ = writeln!(o, "<p class=\"notice\">{}</p>", escape(n));
    }
    if !doc.intro.is_empty() {
        let _ = writeln!(o, "<p class=\"intro\">{}</p>", escape(&doc.intro));
    }
    if !doc.key_figures.is_empty() {
        o.push_str("<dl class=\"key-figures\">\n");
        for (k, v) in &doc.key_figures {
            // An amount never breaks between its sign, € and digits; a range in brackets
            // starts its own line, in the same type as the figure it belongs to.
            let v = nowrap_amounts(&escape(v))
                .replace(", ", ",<br>")
                .replace(" (", "<br>(");
            let _ = writeln!(o, "<div><dt>{}</dt><dd>{v}</dd></div>", escape(k));
        }
        o.push_str("</dl>\n");
    }
    o.push_str("<nav>\n");
    let _ = writeln!(o, "<h2>{}</h2>\n<ol>", escape(r.contents));
    for (i, s) in doc.sections.iter().enumerate() {
        let _ = writeln!(
            o,
            "<li><a href=\"#{}\">{}</a></li>",
            anchor(s, i),
            escape(&s.title)
        );
    }
    o.push_str("</ol>\n</nav>\n</header>\n<main>\n");
    for (i, s) in doc.sections.iter().enumerate() {
        let number = s
            .phase
            .map(|p| format!("<span class=\"num\">{}</span>", p.index() + 1))
            .unwrap_or_default();
        let class = if s.phase.is_some() { "phase" } else { "part" };
        let _ = writeln!(
            o,
            "<section class=\"{class}\" id=\"{}\">\n<h2>{number}{}</h2>",
            anchor(s, i),
            escape(&s.title)
        );
        for b in &s.blocks {
            block(&mut o, b);
        }
        o.push_str("</section>\n");
    }
    o.push_str("</main>\n<footer>\n");
    for line in &doc.footer {
        let _ = writeln!(o, "<p>{}</p>", escape(line));
    }
    o.push_str("</footer>\n");
    o.push_str(PAGE_END);
    o
}

/// The id of a section: the phase's name, or its place for a part of a comparison.
fn anchor(s: &super::document::Section, i: usize) -> String {
    use crate::model::Phase;
    match s.phase {
        Some(Phase::Preparation) => "preparation".into(),
        Some(Phase::LookingBack) => "looking-back".into(),
        Some(Phase::Outcomes) => "outcomes".into(),
        Some(Phase::Alternative) => "alternative".into(),
        Some(Phase::Costs) => "costs".into(),
        Some(Phase::WrapUp) => "wrap-up".into(),
        None => format!("part-{}", i + 1),
    }
}

fn block(o: &mut String, b: &Block) {
    match b {
        Block::Facts(pairs) => {
            o.push_str("<dl class=\"facts\">\n");
            for (k, v) in pairs {
                let _ = writeln!(o, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
            }
            o.push_str("</dl>\n");
        }
        Block::Subheading(h) => {
            let _ = writeln!(o, "<h3>{}</h3>", escape(h));
        }
        Block::Text(text) => {
            for para in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let _ = writeln!(o, "<p>{}</p>", escape(para));
            }
        }
        Block::Note(text) => {
            let _ = writeln!(o, "<p class=\"note\">{}</p>", escape(text));
        }
        Block::Bullets(items) => {
            // Long lists of sources get the small print.
            let class = if items.iter().any(|i| i.contains("://")) {
                " class=\"sources\""
            } else {
                ""
            };
            let _ = writeln!(o, "<ul{class}>");
            for i in items {
                let _ = writeln!(o, "<li>{}</li>", escape(i));
            }
            o.push_str("</ul>\n");
        }
        Block::Quotes(quotes) => {
            for (text, speaker) in quotes {
                let _ = write!(
                    o,
                    "<figure class=\"quote\"><blockquote><p>“{}”</p></blockquote>",
                    escape(text)
                );
                if !speaker.is_empty() {
                    let _ = write!(o, "<figcaption>— {}</figcaption>", escape(speaker));
                }
                o.push_str("</figure>\n");
            }
        }
        Block::Words(words) => {
            o.push_str("<dl class=\"words\">\n");
            for (domain, text) in words {
                // One group per domain: a page never separates a domain from its words.
                let _ = writeln!(
                    o,
                    "<div><dt>{}</dt><dd>“{}”</dd></div>",
                    escape(domain),
                    escape(text)
                );
            }
            o.push_str("</dl>\n");
        }
        Block::Table(t) => table(o, t),
        Block::ScoreChart(chart) => {
            let _ = writeln!(
                o,
                "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                svg::score_chart(chart),
                escape(&chart.title)
            );
        }
        Block::CostChart(chart) => {
            let _ = writeln!(
                o,
                "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                svg::cost_chart(chart),
                escape(&chart.title)
            );
        }
        Block::Arena(chart) => {
            let _ = writeln!(
                o,
                "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                svg::arena(chart),
                escape(&chart.title)
            );
        }
        Block::Wall(chart) => {
            let _ = writeln!(
                o,
                "<h3>{}</h3>\n<figure class=\"chart wall\">{}<figcaption>{}</figcaption></figure>",
                escape(&chart.heading),
                super::wall::svg(chart, svg::WIDTH),
                escape(&chart.title)
            );
        }
        Block::Radar(chart) => {
            let _ = writeln!(
                o,
                "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                svg::radar(chart),
                escape(&chart.title)
            );
        }
    }
}

fn cell(o: &mut String, tag: &str, numeric: bool, text: &str) {
    let class = if numeric { " class=\"num\"" } else { "" };
    // Line breaks typed into a field stay visible inside a cell.
    let body = escape(text).replace('\n', "<br>");
    let _ = write!(o, "<{tag}{class}>{body}</{tag}>");
}

fn table(o: &mut String, t: &Table) {
    o.push_str("<table>\n<thead><tr>");
    for (h, n) in t.head.iter().zip(&t.numeric) {
        cell(o, "th", *n, h);
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        o.push_str("<tr>");
        for (v, n) in row.iter().zip(&t.numeric) {
            cell(o, "td", *n, v);
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n");
    if let Some(total) = &t.total {
        o.push_str("<tfoot><tr>");
        for (v, n) in total.iter().zip(&t.numeric) {
            cell(o, "td", *n, v);
        }
        o.push_str("</tr></tfoot>\n");
    }
    o.push_str("</table>\n");
}

/// `text` (escaped already) with every amount ("-€ 16.133,76", "+€1,196.34") in a span
/// that never breaks: a browser otherwise breaks after the sign or the euro sign.
fn nowrap_amounts(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 64);
    let mut i = 0;
    while i < chars.len() {
        let signed = matches!(chars[i], '-' | '+' | '−') && chars.get(i + 1) == Some(&'€');
        if chars[i] == '€' || signed {
            let start = i;
            i += if signed { 2 } else { 1 };
            if chars.get(i) == Some(&' ') {
                i += 1;
            }
            while i < chars.len() && (chars[i].is_ascii_digit() || ".,".contains(chars[i])) {
                i += 1;
            }
            // A trailing separator belongs to the sentence, not the amount.
            let mut end = i;
            while end > start && ".,".contains(chars[end - 1]) {
                end -= 1;
            }
            let amount: String = chars[start..end].iter().collect();
            out.push_str("<span class=\"amount\">");
            out.push_str(&amount.replace(' ', "&nbsp;"));
            out.push_str("</span>");
            out.extend(&chars[end..i]);
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')"> & co"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\nd"), "abc\nd");
    }
}
