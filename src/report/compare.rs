//! A comparison of two sessions as a [`Document`], written by the same renderers as the
//! case report: plain text for the terminal ([`super::text`]), Markdown and HTML (with
//! the radar chart from [`super::svg`]). Every text from the sessions is escaped by the
//! renderer that writes it, so nothing typed at the table becomes markup or a table.
//! The JSON form is the [`Comparison`] itself (its shape is documented in the README).

use crate::i18n::Lang;
use crate::i18n::format::date as display_date;
use crate::model::Cents;
use crate::model::Session;
use crate::model::compare::Comparison;

use super::document::{Block, Document, Radar, Section, Table};

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

fn part(title: String, blocks: Vec<Block>) -> Section {
    Section {
        phase: None,
        title,
        blocks,
    }
}

/// The comparison as a document: scores per life domain (a radar and a table), costs per
/// payer, new events, the earlier assumptions and the participant's own words.
pub fn document(c: &Comparison, lang: Lang) -> Document {
    let t = lang.texts();
    let r = &t.report;
    let (e, l) = (&c.earlier, &c.later);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| display_date(d, lang)).unwrap_or_default();
    let title = format!("{} {}", t.ui.cmp_title, l.case_code);
    let subtitle = format!(
        "{} · {} ({}) → {} ({})",
        l.project,
        e.wave,
        date(e.date),
        l.wave,
        date(l.date)
    );
    let mut notices = Vec::new();
    if !c.same_series {
        notices.push(format!(
            "{} ({}: {} · {})",
            t.ui.cmp_other_series, e.wave, e.case_code, e.project
        ));
    }

    // The professionals' view, when any domain has one: a column per wave after the
    // participant's own (which stays the primary one).
    let second_view = c
        .domains
        .iter()
        .any(|d| d.earlier_professionals.is_some() || d.later_professionals.is_some());
    let mut rows = Vec::new();
    for d in &c.domains {
        let mut label = d.label.get(lang).to_string();
        if !d.in_earlier {
            label = format!("{label} ({} {})", t.ui.cmp_only_in, l.wave);
        } else if !d.in_later {
            label = format!("{label} ({} {})", t.ui.cmp_only_in, e.wave);
        }
        let mut row = vec![
            label,
            score(d.earlier_start),
            score(d.earlier_now),
            score(d.later_start),
            score(d.later_now),
            signed(d.change),
        ];
        if second_view {
            row.push(score(d.earlier_professionals));
            row.push(score(d.later_professionals));
        }
        rows.push(row);
    }
    let mut head = vec![
        t.f_domain.to_string(),
        format!("{} {}", e.wave, t.f_score_start.to_lowercase()),
        format!("{} {}", e.wave, t.f_score_now.to_lowercase()),
        format!("{} {}", l.wave, t.f_score_start.to_lowercase()),
        format!("{} {}", l.wave, t.f_score_now.to_lowercase()),
        t.f_change.to_string(),
    ];
    if second_view {
        head.push(format!("{} {}", e.wave, t.ui.professionals_short));
        head.push(format!("{} {}", l.wave, t.ui.professionals_short));
    }
    let numeric: Vec<bool> = (0..head.len()).map(|i| i > 0).collect();
    let domains = part(
        t.f_domain.to_string(),
        vec![
            Block::Radar(Radar {
                title: format!("{} ({} – {})", t.f_score_now, e.wave, l.wave),
                axes: c
                    .domains
                    .iter()
                    .map(|d| d.label.get(lang).to_string())
                    .collect(),
                series: vec![
                    (
                        e.wave.clone(),
                        c.domains.iter().map(|d| d.earlier_now).collect(),
                    ),
                    (
                        l.wave.clone(),
                        c.domains.iter().map(|d| d.later_now).collect(),
                    ),
                ],
            }),
            Block::Table(Table {
                head,
                numeric,
                rows,
                total: None,
            }),
            Block::Note(t.change_caveat.to_string()),
        ],
    );

    let money = |v: i64| Cents(v).display(lang);
    let change = |v: i64| Cents(v).display_signed(lang);
    let payer_rows = c
        .payers
        .iter()
        .map(|p| {
            vec![
                p.label.get(lang).to_string(),
                money(p.earlier_actual_cents),
                money(p.later_actual_cents),
                change(p.actual_change_cents()),
                money(p.earlier_alternative_cents),
                money(p.later_alternative_cents),
                change(p.alternative_change_cents()),
            ]
        })
        .collect();
    let costs = part(
        t.ui.cmp_costs.to_string(),
        vec![
            Block::Table(Table {
                head: vec![
                    t.f_payer.to_string(),
                    format!("{} {}", e.wave, t.ui.actual_short.to_lowercase()),
                    format!("{} {}", l.wave, t.ui.actual_short.to_lowercase()),
                    t.ui.cmp_actual_change.to_string(),
                    format!("{} {}", e.wave, t.ui.alternative_short.to_lowercase()),
                    format!("{} {}", l.wave, t.ui.alternative_short.to_lowercase()),
                    t.ui.cmp_alternative_change.to_string(),
                ],
                numeric: vec![false, true, true, true, true, true, true],
                rows: payer_rows,
                total: Some(vec![
                    t.f_total.to_string(),
                    money(e.actual_total_cents),
                    money(l.actual_total_cents),
                    change(l.actual_total_cents.saturating_sub(e.actual_total_cents)),
                    money(e.alternative_total_cents),
                    money(l.alternative_total_cents),
                    change(
                        l.alternative_total_cents
                            .saturating_sub(e.alternative_total_cents),
                    ),
                ]),
            }),
            // The difference of each wave at the three confidence levels, and the one price
            // level both are at.
            Block::Facts(
                [e, l]
                    .iter()
                    .map(|side| {
                        (
                            format!("{} {}", r.difference_range, side.wave),
                            crate::i18n::format::range_signed(side.difference_range, lang),
                        )
                    })
                    .collect(),
            ),
            Block::Note(match c.price_year {
                Some(y) => (t.ui.cmp_price_level)(&y),
                None => r.price_level_none.to_string(),
            }),
        ],
    );

    let list_or_none = |items: Vec<String>| {
        if items.is_empty() {
            Block::Note(t.ui.cmp_none.to_string())
        } else {
            Block::Bullets(items)
        }
    };
    let new_events = part(
        format!("{} {}", t.ui.cmp_new_since, e.wave),
        vec![list_or_none(
            c.new_events
                .iter()
                .map(|ev| {
                    let when = ev.when.map(|d| d.display(lang)).unwrap_or_default();
                    if when.is_empty() {
                        ev.what.clone()
                    } else {
                        format!("{when}: {}", ev.what)
                    }
                })
                .collect(),
        )],
    );
    // What the table assumed then, and whether it held by the later wave.
    let assumed = part(
        format!("{} {}", t.ui.cmp_assumed, e.wave),
        vec![list_or_none(
            c.assumptions_checked
                .iter()
                .map(|a| {
                    let mut line = format!(
                        "{} ({} {}) — {}",
                        a.text,
                        t.f_confidence.to_lowercase(),
                        t.confidence(a.confidence),
                        a.held.map_or(t.ui.cmp_not_checked, |h| t.held_status(h))
                    );
                    if !a.comment.trim().is_empty() {
                        line = format!("{line}: {}", a.comment.trim());
                    }
                    line
                })
                .collect(),
        )],
    );
    // The agreements made then, and how they went.
    let agreed = part(
        format!("{} {}", t.ui.cmp_agreements, e.wave),
        vec![list_or_none(
            c.agreements
                .iter()
                .map(|a| {
                    let mut line = a.text.clone();
                    if !a.who.trim().is_empty() {
                        line = format!("{line} ({})", a.who.trim());
                    }
                    line = format!(
                        "{line} — {}",
                        a.status
                            .map_or(t.ui.cmp_not_checked, |st| t.agreement_status(st))
                    );
                    if !a.comment.trim().is_empty() {
                        line = format!("{line}: {}", a.comment.trim());
                    }
                    line
                })
                .collect(),
        )],
    );
    // Own words: a wave without words for a domain is left out, never shown as “”.
    let mut words = Vec::new();
    for d in &c.domains {
        let said: Vec<(String, String)> = [(&e.wave, &d.earlier_words), (&l.wave, &d.later_words)]
            .into_iter()
            .filter(|(_, w)| !w.trim().is_empty())
            .map(|(wave, w)| (wave.clone(), w.clone()))
            .collect();
        if !said.is_empty() {
            words.push(Block::Subheading(d.label.get(lang).to_string()));
            words.push(Block::Words(said));
        }
    }
    if words.is_empty() {
        words.push(Block::Note(t.ui.cmp_none.to_string()));
    }
    let own_words = part(t.ui.cmp_words.to_string(), words);

    Document {
        lang,
        kicker: t.report.cmp_kicker.to_string(),
        title,
        subtitle,
        intro: String::new(),
        notices,
        key_figures: Vec::new(),
        sections: vec![domains, costs, new_events, assumed, agreed, own_words],
        footer: Vec::new(),
    }
}

/// The comparison as plain text for the terminal.
pub fn text(c: &Comparison, lang: Lang) -> String {
    super::text::render(&document(c, lang))
}

/// The comparison as Markdown, escaped as the case report is.
pub fn markdown(c: &Comparison, lang: Lang) -> String {
    super::markdown::render(&document(c, lang))
}

/// The comparison as one self-contained, printable HTML page (inline CSS and SVG), built
/// from the same document, never from its own Markdown. With the two sessions, it ends
/// with the wall of each wave, earlier first.
pub fn html(c: &Comparison, lang: Lang, sessions: Option<[&Session; 2]>) -> String {
    let mut doc = document(c, lang);
    if let Some(pair) = sessions {
        let mut pair = pair;
        if pair[0].id != c.earlier.id {
            pair.swap(0, 1);
        }
        let t = lang.texts();
        let blocks = pair
            .iter()
            .map(|s| {
                let title = format!("{} · {}", t.ui.wall_title, s.wave_label());
                let mut chart = super::document::wall_chart(s, lang, &title);
                chart.heading = s.wave_label();
                Block::Wall(Box::new(chart))
            })
            .collect();
        doc.sections
            .push(part(t.report.wall_heading.to_string(), blocks));
    }
    super::html::render(&doc)
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
        format: "tafel-comparison/2",
        caveat: "Changes are changes in the participant's own judgement, not proof of effect.",
        comparison: c,
    })
}
