//! A comparison of two sessions as text for the terminal or as markdown for a report.
//! The JSON form is the [`Comparison`] itself (its shape is documented in the README).

use std::fmt::Write;

use crate::i18n::Lang;
use crate::model::Cents;
use crate::model::compare::Comparison;
use crate::model::dates::display_date;

/// Whether to write tables as aligned text or as markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Markdown,
}

fn signed(v: Option<i16>) -> String {
    v.map_or_else(
        || "·".to_string(),
        |c| {
            if c == 0 {
                "0".to_string()
            } else {
                format!("{c:+}")
            }
        },
    )
}

fn score(v: Option<u8>) -> String {
    v.map_or_else(|| "·".to_string(), |s| s.to_string())
}

struct Table {
    style: Style,
    widths: Vec<usize>,
}

impl Table {
    fn row(&self, o: &mut String, cells: &[String]) {
        match self.style {
            Style::Markdown => {
                let _ = writeln!(
                    o,
                    "| {} |",
                    cells
                        .iter()
                        .map(|c| c.replace('|', "\\|"))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
            }
            Style::Text => {
                let mut line = String::new();
                for (i, c) in cells.iter().enumerate() {
                    let w = self.widths[i];
                    if i == 0 {
                        let _ = write!(line, "{c:<w$}");
                    } else {
                        let _ = write!(line, "  {c:>w$}");
                    }
                }
                let _ = writeln!(o, "{}", line.trim_end());
            }
        }
    }

    fn header(&self, o: &mut String, cells: &[String]) {
        self.row(o, cells);
        if self.style == Style::Markdown {
            let seps: Vec<&str> = (0..cells.len())
                .map(|i| if i == 0 { "---" } else { "---:" })
                .collect();
            let _ = writeln!(o, "| {} |", seps.join(" | "));
        }
    }
}

pub fn render(c: &Comparison, lang: Lang, style: Style) -> String {
    let t = lang.texts();
    let mut o = String::new();
    let (e, l) = (&c.earlier, &c.later);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| display_date(d, lang)).unwrap_or_default();
    let title = format!(
        "{} {} · {}: {} ({}) → {} ({})",
        t.ui.cmp_title,
        l.case_code,
        l.project,
        e.wave,
        date(e.date),
        l.wave,
        date(l.date)
    );
    let h = |o: &mut String, level: usize, text: &str| match style {
        Style::Markdown => {
            let _ = writeln!(o, "\n{} {text}\n", "#".repeat(level));
        }
        Style::Text => {
            let _ = writeln!(
                o,
                "\n{text}\n{}",
                if level == 1 { "=" } else { "-" }.repeat(text.chars().count())
            );
        }
    };
    h(&mut o, 1, &title);
    if !c.same_series {
        let _ = writeln!(o, "{}", t.ui.cmp_other_series);
        let _ = writeln!(o, "({}: {} · {})", e.wave, e.case_code, e.project);
    }

    h(&mut o, 2, t.f_domain);
    let table = Table {
        style,
        widths: vec![34, 9, 9, 9, 9, 9],
    };
    table.header(
        &mut o,
        &[
            t.f_domain.to_string(),
            format!("{} {}", e.wave, t.f_score_start.to_lowercase()),
            format!("{} {}", e.wave, t.f_score_now.to_lowercase()),
            format!("{} {}", l.wave, t.f_score_start.to_lowercase()),
            format!("{} {}", l.wave, t.f_score_now.to_lowercase()),
            t.f_change.to_string(),
        ],
    );
    for d in &c.domains {
        let mut label = d.label.get(lang).to_string();
        if !d.in_earlier {
            let _ = write!(label, " ({} {})", t.ui.cmp_only_in, l.wave);
        } else if !d.in_later {
            let _ = write!(label, " ({} {})", t.ui.cmp_only_in, e.wave);
        }
        table.row(
            &mut o,
            &[
                label,
                score(d.earlier_start),
                score(d.earlier_now),
                score(d.later_start),
                score(d.later_now),
                signed(d.change),
            ],
        );
    }
    let _ = writeln!(o, "\n{}", t.change_caveat);

    h(&mut o, 2, t.ui.cmp_costs);
    let money = |v: i64| Cents(v).display(lang);
    let change = |v: i64| Cents(v).display_signed(lang);
    let table = Table {
        style,
        widths: vec![30, 14, 14, 14, 14, 14, 14],
    };
    table.header(
        &mut o,
        &[
            t.f_payer.to_string(),
            format!("{} {}", e.wave, t.ui.actual_short.to_lowercase()),
            format!("{} {}", l.wave, t.ui.actual_short.to_lowercase()),
            t.ui.cmp_actual_change.to_string(),
            format!("{} {}", e.wave, t.ui.alternative_short.to_lowercase()),
            format!("{} {}", l.wave, t.ui.alternative_short.to_lowercase()),
            t.ui.cmp_alternative_change.to_string(),
        ],
    );
    for p in &c.payers {
        table.row(
            &mut o,
            &[
                p.label.get(lang).to_string(),
                money(p.earlier_actual_cents),
                money(p.later_actual_cents),
                change(p.actual_change_cents()),
                money(p.earlier_alternative_cents),
                money(p.later_alternative_cents),
                change(p.alternative_change_cents()),
            ],
        );
    }
    table.row(
        &mut o,
        &[
            t.f_total.to_string(),
            money(e.actual_total_cents),
            money(l.actual_total_cents),
            change(l.actual_total_cents - e.actual_total_cents),
            money(e.alternative_total_cents),
            money(l.alternative_total_cents),
            change(l.alternative_total_cents - e.alternative_total_cents),
        ],
    );

    h(&mut o, 2, &format!("{} {}", t.ui.cmp_new_since, e.wave));
    if c.new_events.is_empty() {
        let _ = writeln!(o, "{}", t.ui.cmp_none);
    }
    for ev in &c.new_events {
        let when = ev.when.map(|d| d.display(lang)).unwrap_or_default();
        let _ = writeln!(o, "- {when}: {}", ev.what);
    }
    h(&mut o, 2, &format!("{} {}", t.ui.cmp_assumed, e.wave));
    if c.earlier_assumptions.is_empty() {
        let _ = writeln!(o, "{}", t.ui.cmp_none);
    }
    for a in &c.earlier_assumptions {
        let _ = writeln!(
            o,
            "- {} ({} {})",
            a.text,
            t.f_confidence,
            t.confidence(a.confidence)
        );
    }

    h(&mut o, 2, t.ui.cmp_words);
    for d in c
        .domains
        .iter()
        .filter(|d| !d.earlier_words.is_empty() || !d.later_words.is_empty())
    {
        match style {
            Style::Markdown => {
                let _ = writeln!(o, "**{}**\n", d.label.get(lang));
                let _ = writeln!(o, "- {}: “{}”", e.wave, d.earlier_words);
                let _ = writeln!(o, "- {}: “{}”\n", l.wave, d.later_words);
            }
            Style::Text => {
                let _ = writeln!(o, "{}", d.label.get(lang));
                let _ = writeln!(o, "  {}: “{}”", e.wave, d.earlier_words);
                let _ = writeln!(o, "  {}: “{}”", l.wave, d.later_words);
            }
        }
    }
    o
}

/// The comparison as JSON, with the caveat and the language of the labels.
pub fn json(c: &Comparison) -> serde_json::Result<String> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        format: &'static str,
        caveat: &'static str,
        #[serde(flatten)]
        comparison: &'a Comparison,
    }
    serde_json::to_string_pretty(&Doc {
        format: "tafel-comparison/1",
        caveat: "Changes are changes in the participant's own judgement, not proof of effect.",
        comparison: c,
    })
}

use super::html::escape as esc;

/// An SVG radar chart of the "now" scores of both sessions, one axis per domain.
pub fn radar_svg(c: &Comparison, lang: Lang) -> String {
    let n = c.domains.len().max(3);
    let (cx, cy, r) = (260.0_f64, 230.0_f64, 160.0_f64);
    let point = |i: usize, v: f64| {
        let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        (cx + r * v * angle.cos(), cy + r * v * angle.sin())
    };
    let mut svg = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-110 0 740 470" width="740" height="470" role="img">"#,
    );
    for ring in [0.2, 0.4, 0.6, 0.8, 1.0] {
        let pts: Vec<String> = (0..n)
            .map(|i| point(i, ring))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#ccc"/>"##,
            pts.join(" ")
        );
    }
    for (i, d) in c.domains.iter().enumerate() {
        let (x, y) = point(i, 1.0);
        let (lx, ly) = point(i, 1.16);
        let anchor = if (lx - cx).abs() < 10.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            r##"<line x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{lx:.1}" y="{ly:.1}" font-size="11" text-anchor="{anchor}">{}</text>"##,
            esc(d.label.get(lang))
        );
    }
    for (later, colour, dash) in [(false, "#1f5fbf", "6 4"), (true, "#b0208a", "")] {
        let pts: Vec<String> = c
            .domains
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let v = if later { d.later_now } else { d.earlier_now }?;
                let (x, y) = point(i, f64::from(v) / 10.0);
                Some(format!("{x:.1},{y:.1}"))
            })
            .collect();
        let _ = write!(
            svg,
            r#"<polygon points="{}" fill="{colour}" fill-opacity="0.12" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>"#,
            pts.join(" ")
        );
    }
    let _ = write!(
        svg,
        r##"<text x="10" y="460" font-size="12" fill="#1f5fbf">- - {}</text><text x="120" y="460" font-size="12" fill="#b0208a">—— {}</text></svg>"##,
        esc(&c.earlier.wave),
        esc(&c.later.wave)
    );
    svg
}

/// The comparison as one self-contained, printable HTML page (inline CSS and SVG).
pub fn html(c: &Comparison, lang: Lang) -> String {
    let md = render(c, lang, Style::Markdown);
    let mut body = String::new();
    let mut in_table = false;
    let mut in_list = false;
    for line in md.lines() {
        let trimmed = line.trim();
        if !trimmed.starts_with('|') && in_table {
            body.push_str("</table>\n");
            in_table = false;
        }
        if !trimmed.starts_with("- ") && in_list {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if let Some(h) = trimmed.strip_prefix("## ") {
            let _ = writeln!(body, "<h2>{}</h2>", esc(h));
            if h == lang.texts().f_domain {
                body.push_str(&radar_svg(c, lang));
            }
        } else if let Some(h) = trimmed.strip_prefix("# ") {
            let _ = writeln!(body, "<h1>{}</h1>", esc(h));
        } else if trimmed.starts_with("| ---") {
        } else if trimmed.starts_with('|') {
            let cells: Vec<String> = trimmed
                .trim_matches('|')
                .split(" | ")
                .map(|c| esc(c.trim()))
                .collect();
            let tag = if in_table { "td" } else { "th" };
            if !in_table {
                body.push_str("<table>\n");
                in_table = true;
            }
            body.push_str("<tr>");
            for c in &cells {
                let _ = write!(body, "<{tag}>{c}</{tag}>");
            }
            body.push_str("</tr>\n");
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            if !in_list {
                body.push_str("<ul>\n");
                in_list = true;
            }
            let _ = writeln!(body, "<li>{}</li>", esc(item));
        } else if let Some(b) = trimmed
            .strip_prefix("**")
            .and_then(|x| x.strip_suffix("**"))
        {
            let _ = writeln!(body, "<h3>{}</h3>", esc(b));
        } else if !trimmed.is_empty() {
            let _ = writeln!(body, "<p>{}</p>", esc(trimmed));
        }
    }
    if in_table {
        body.push_str("</table>\n");
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    let title = format!(
        "{} {} {}–{}",
        lang.texts().ui.cmp_title,
        c.later.case_code,
        c.earlier.wave,
        c.later.wave
    );
    format!(
        "{}<style>.comparison td {{ white-space: nowrap; }}</style>\n<main class=\"comparison\">\n{body}</main>\n{}",
        super::html::page_start(lang.code(), &title),
        super::html::PAGE_END
    )
}
