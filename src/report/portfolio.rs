//! The project portfolio as a report (text, Markdown, HTML, through the same document as
//! the case report) and as JSON (`tafel-portfolio/1`, README "Portfolio").
//!
//! The figures come from `model::portfolio`; this file only says them. An anonymous
//! portfolio names cases "Casus 1", "Casus 2"... per project, leaves out what the tables
//! learned (free text) and lists no file paths; and a group of fewer cases than the
//! library's `anonymous_min_cases` (a project, or the cases that scored a life domain)
//! shows no amounts and no scores, so that no one can be recognised by who sat at a
//! table (see [`Audience`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::document::{Arena, Block, Document, Section, Table};
use super::flat::code;
use crate::i18n::Lang;
use crate::model::Cents;
use crate::model::costs::Range;
use crate::model::portfolio::{Portfolio, ProjectPortfolio};

/// Who a portfolio is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The team: case codes, what the tables learned, every figure.
    Team,
    /// Anyone: no case codes, no free text, and no amounts or scores of a group of fewer
    /// than `min_cases` cases.
    Anonymous { min_cases: usize },
}

impl Audience {
    pub fn is_anonymous(self) -> bool {
        matches!(self, Audience::Anonymous { .. })
    }

    /// Whether a group of `cases` cases is too small to show its figures.
    pub fn hides(self, cases: usize) -> bool {
        matches!(self, Audience::Anonymous { min_cases } if cases < min_cases)
    }

    fn min_cases(self) -> usize {
        match self {
            Audience::Team => 0,
            Audience::Anonymous { min_cases } => min_cases,
        }
    }
}

/// What the tables of one case learned and agreed (not in an anonymous portfolio).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learned {
    pub project: String,
    /// "DEMO-GR-07 T1".
    pub label: String,
    pub learning_points: Vec<String>,
    pub agreements: Vec<String>,
}

/// Besides the figures: the files that needed a word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hygiene {
    /// Copies of a session under another name, with their project: counted once.
    pub duplicates: Vec<(PathBuf, String)>,
    pub unreadable: Vec<(PathBuf, String)>,
}

/// The default price level of a portfolio: the newest year of the shipped index.
pub fn default_level(catalog: &crate::catalog::Catalog) -> crate::model::costs::PriceLevel {
    use crate::model::costs::PriceLevel;
    catalog
        .prices
        .index
        .iter()
        .filter_map(crate::model::price_index::IndexSeries::last_year)
        .max()
        .map_or(PriceLevel::Nominal, PriceLevel::Year)
}

/// A portfolio as `tafel portfolio` and the portfolio screen make it: the figures of
/// every file in the library at one price level, and what needed a word.
pub struct Gathered {
    pub portfolio: Portfolio,
    pub hygiene: Hygiene,
    /// The figures counted from (demo cases left out unless asked for).
    pub figures: Vec<crate::model::portfolio::SessionFigures>,
    /// Demo cases left out (always 0 with `include_demo`).
    pub demo_left_out: usize,
    /// The figures cache being written back; dropping it waits for the write.
    pub cache_write: crate::store::figures::CacheWrite,
}

/// Reads the figures of the library in `lib` at `level` and builds the portfolio of
/// `project` (every project with `None`).
pub fn gather(
    lib: &crate::store::Library,
    level: crate::model::costs::PriceLevel,
    project: Option<&str>,
    today: chrono::NaiveDate,
    include_demo: bool,
    include_unconsented: bool,
) -> std::io::Result<Gathered> {
    let catalog = crate::catalog::Catalog::builtin();
    let mut collected =
        crate::store::figures::collect(&lib.sessions_dir(), level, &catalog.prices.index)?;
    let before = collected.figures.len();
    if !include_demo {
        collected
            .figures
            .retain(|f| !crate::model::is_demo_case(&f.case_code));
    }
    let mut portfolio = crate::model::portfolio::build(
        &collected.figures,
        &collected.labels,
        project,
        today,
        include_unconsented,
    );
    portfolio.price_year = level.year();
    Ok(Gathered {
        portfolio,
        hygiene: Hygiene {
            duplicates: collected.duplicates,
            unreadable: collected.unreadable,
        },
        demo_left_out: before - collected.figures.len(),
        figures: collected.figures,
        cache_write: collected.cache_write,
    })
}

/// The learning points and agreements of the counted cases, read from their files (the
/// figures cache holds no text).
pub fn learned(
    lib: &crate::store::Library,
    portfolio: &crate::model::portfolio::Portfolio,
) -> Vec<Learned> {
    let mut out = Vec::new();
    for p in &portfolio.projects {
        for c in &p.cases_detail {
            let Ok(loaded) = crate::store::load(&lib.path_for(c.latest_session_id)) else {
                continue;
            };
            let s = &loaded.session;
            let clean = |v: &mut Vec<String>| v.retain(|x| !x.trim().is_empty());
            let mut learning_points: Vec<String> = s
                .wrap_up
                .learning_points
                .iter()
                .map(|x| x.trim().to_string())
                .collect();
            let mut agreements: Vec<String> = s
                .wrap_up
                .agreements
                .iter()
                .map(|a| {
                    if a.who.trim().is_empty() {
                        a.what.trim().to_string()
                    } else {
                        format!("{} ({})", a.what.trim(), a.who.trim())
                    }
                })
                .collect();
            clean(&mut learning_points);
            clean(&mut agreements);
            out.push(Learned {
                project: p.project.clone(),
                label: format!("{} {}", c.case_code, s.wave_label()),
                learning_points,
                agreements,
            });
        }
    }
    out
}

/// The case labels of a project: its case codes, or "Casus n" when anonymous.
fn case_labels(p: &ProjectPortfolio, lang: Lang, anonymous: bool) -> Vec<String> {
    p.cases_detail
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if anonymous {
                (lang.texts().report.pf_case_n)(&(i + 1))
            } else {
                format!("{} T{}", c.case_code, c.latest_wave)
            }
        })
        .collect()
}

/// The portfolio as a document.
pub fn document(
    portfolio: &Portfolio,
    hygiene: &Hygiene,
    learned: &[Learned],
    lang: Lang,
    audience: Audience,
) -> Document {
    let r = &lang.texts().report;
    let anonymous = audience.is_anonymous();
    let mut sections: Vec<Section> = portfolio
        .projects
        .iter()
        .map(|p| project_section(p, hygiene, learned, lang, audience))
        .collect();
    if !anonymous && !hygiene.unreadable.is_empty() {
        sections.push(Section {
            phase: None,
            title: r.pf_unreadable_heading.to_string(),
            blocks: vec![Block::Bullets(
                hygiene
                    .unreadable
                    .iter()
                    .map(|(p, why)| format!("{}: {why}", p.display()))
                    .collect(),
            )],
        });
    }
    if portfolio.projects.is_empty() {
        sections.push(Section {
            phase: None,
            title: r.pf_title.to_string(),
            blocks: vec![Block::Note(r.pf_empty.to_string())],
        });
    }
    Document {
        lang,
        kicker: r.pf_kicker.to_string(),
        title: r.pf_title.to_string(),
        subtitle: portfolio
            .projects
            .iter()
            .map(|p| p.project.clone())
            .collect::<Vec<_>>()
            .join(" · "),
        intro: r.pf_intro.to_string(),
        notices: notices(portfolio, hygiene, lang, anonymous),
        key_figures: Vec::new(),
        sections,
        footer: Vec::new(),
    }
}

/// What a reader must know before the figures: the unit, the price level, the files.
fn notices(portfolio: &Portfolio, hygiene: &Hygiene, lang: Lang, anonymous: bool) -> Vec<String> {
    let r = &lang.texts().report;
    let mut notices = Vec::new();
    if anonymous {
        notices.push(r.pf_anonymous_notice.to_string());
    }
    notices.push(r.pf_unit_rule.to_string());
    notices.push(match portfolio.price_year {
        Some(y) => (r.pf_price_level)(&y),
        None => r.price_level_none.to_string(),
    });
    if !hygiene.duplicates.is_empty() {
        notices.push((r.pf_duplicates)(&hygiene.duplicates.len()));
    }
    if !hygiene.unreadable.is_empty() {
        notices.push((r.pf_unreadable)(&hygiene.unreadable.len()));
    }
    notices
}

/// One project: its cases and waves, who invests and who benefits, the cases, the life
/// domains, and (for the team) what the tables learned.
fn project_section(
    p: &ProjectPortfolio,
    hygiene: &Hygiene,
    learned: &[Learned],
    lang: Lang,
    audience: Audience,
) -> Section {
    let r = &lang.texts().report;
    let labels = case_labels(p, lang, audience.is_anonymous());
    let mut blocks = vec![facts(p, lang)];
    if audience.hides(p.cases) {
        blocks.push(Block::Note((r.pf_too_few_cases)(&audience.min_cases())));
    } else {
        blocks.extend(payer_blocks(p, &labels, lang));
        blocks.extend(case_blocks(p, &labels, lang));
        blocks.extend(domain_blocks(p, lang, audience));
    }
    // What the tables learned (free text), and files that need a word (paths name
    // cases): never in an anonymous portfolio.
    if !audience.is_anonymous() {
        blocks.extend(learned_blocks(p, learned, lang));
        blocks.extend(duplicate_blocks(p, hygiene, lang));
    }
    Section {
        phase: None,
        title: if p.project.trim().is_empty() {
            r.pf_no_project.to_string()
        } else {
            p.project.clone()
        },
        blocks,
    }
}

/// Cases, sessions, follow-ups, ended series, cases left out.
fn facts(p: &ProjectPortfolio, lang: Lang) -> Block {
    let t = lang.texts();
    let r = &t.report;
    let waves = p
        .waves
        .iter()
        .map(|(w, n)| format!("T{w}: {n}"))
        .collect::<Vec<_>>()
        .join(" · ");
    let ended = p
        .series_ended
        .iter()
        .map(|(reason, n)| format!("{} {n}", t.end_reason(*reason)))
        .collect::<Vec<_>>()
        .join(" · ");
    let mut facts = vec![
        (r.pf_cases.to_string(), p.cases.to_string()),
        (
            r.pf_sessions.to_string(),
            format!("{} ({waves})", p.sessions),
        ),
        (
            r.pf_follow_ups_held.to_string(),
            p.follow_ups_held.to_string(),
        ),
        (
            r.pf_follow_ups_due.to_string(),
            format!(
                "{} · {} {}",
                p.follow_ups_due, p.follow_ups_overdue, t.ui.overdue
            ),
        ),
    ];
    if !ended.is_empty() {
        facts.push((r.pf_series_ended.to_string(), ended));
    }
    facts.push((r.pf_left_out.to_string(), p.left_out_no_consent.to_string()));
    Block::Facts(facts)
}

/// Who invests and who benefits: per payer, the range by confidence, the spread over
/// the cases, and the arena of payers and cases.
fn payer_blocks(p: &ProjectPortfolio, labels: &[String], lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let r = &t.report;
    let money = |c: Cents| c.display(lang);
    let signed = |c: Cents| c.display_signed(lang);
    let mut blocks = Vec::new();
    // The headline: the central estimate with its range, never everything counted alone.
    let range = p.totals.difference_range_cents;
    blocks.push(Block::Facts(vec![(
        r.difference_central.to_string(),
        (r.central_with_range)(
            &signed(range.high_medium),
            &signed(range.high),
            &signed(range.all),
        ),
    )]));
    // Who invests, who benefits.
    blocks.push(Block::Subheading(r.per_payer.to_string()));
    let rows = p
        .per_payer
        .iter()
        .map(|pp| {
            vec![
                payer_label(&pp.payer_label, &pp.payer_id, lang),
                money(pp.intervention_cents),
                money(pp.alternative_cents),
                signed(pp.difference_cents),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        head: vec![
            t.f_payer.to_string(),
            t.ui.actual_short.to_string(),
            r.alternative_all.to_string(),
            r.difference_all.to_string(),
        ],
        numeric: vec![false, true, true, true],
        rows,
        total: Some(vec![
            t.f_total.to_string(),
            money(p.totals.intervention_cents),
            money(p.totals.alternative_cents),
            signed(p.totals.difference_cents),
        ]),
    }));
    // How sure: the difference at each confidence level, per payer.
    blocks.push(Block::Subheading(r.range_title.to_string()));
    let level_row = |label: String, range: Range| {
        let mut row = vec![label];
        row.extend(range.levels().map(signed));
        row
    };
    blocks.push(Block::Table(Table {
        head: vec![
            t.f_payer.to_string(),
            r.range_levels[0].to_string(),
            r.range_levels[1].to_string(),
            r.range_levels[2].to_string(),
        ],
        numeric: vec![false, true, true, true],
        rows: p
            .per_payer
            .iter()
            .map(|pp| {
                level_row(
                    payer_label(&pp.payer_label, &pp.payer_id, lang),
                    pp.difference_range_cents,
                )
            })
            .collect(),
        total: Some(level_row(
            t.f_total.to_string(),
            p.totals.difference_range_cents,
        )),
    }));
    // How the difference spreads over the cases, per payer.
    if p.cases > 1 {
        let rows = p
            .per_payer
            .iter()
            .map(|pp| {
                vec![
                    payer_label(&pp.payer_label, &pp.payer_id, lang),
                    signed(pp.difference_median_cents),
                    signed(pp.difference_min_cents),
                    signed(pp.difference_max_cents),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            head: vec![
                t.f_payer.to_string(),
                r.pf_median.to_string(),
                r.pf_min.to_string(),
                r.pf_max.to_string(),
            ],
            numeric: vec![false, true, true, true],
            rows,
            total: None,
        }));
    }
    blocks.push(Block::Text(crate::i18n::format::range_sentence(
        p.totals.difference_range_cents,
        lang,
    )));
    blocks.push(Block::Note(format!(
        "{} {}",
        t.difference_explained, r.range_explained
    )));
    if !p.cases_detail.is_empty() && !p.per_payer.is_empty() {
        blocks.push(Block::Arena(Arena {
            title: r.pf_arena_title.to_string(),
            payers: p
                .per_payer
                .iter()
                .map(|pp| payer_label(&pp.payer_label, &pp.payer_id, lang))
                .collect(),
            cases: labels.to_vec(),
            cells: (0..p.per_payer.len())
                .map(|i| {
                    p.cases_detail
                        .iter()
                        .map(|c| c.per_payer_difference_cents[i])
                        .collect()
                })
                .collect(),
            legend: [r.pf_saves.to_string(), r.pf_invests.to_string()],
        }));
    }

    blocks
}

/// The cases, each by its latest wave.
fn case_blocks(p: &ProjectPortfolio, labels: &[String], lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let r = &t.report;
    let money = |c: Cents| c.display(lang);
    let signed = |c: Cents| c.display_signed(lang);
    let mut blocks = Vec::new();
    blocks.push(Block::Subheading(r.pf_cases_heading.to_string()));
    let rows = p
        .cases_detail
        .iter()
        .zip(labels)
        .map(|(c, label)| {
            vec![
                label.clone(),
                money(c.intervention_cents),
                money(c.alternative_cents),
                signed(c.difference_cents),
                c.ended
                    .map(|e| (t.ui.series_ended)(&t.end_reason(e)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        head: vec![
            r.pf_case.to_string(),
            t.ui.actual_short.to_string(),
            r.alternative_all.to_string(),
            r.difference_all.to_string(),
            t.f_series_status.to_string(),
        ],
        numeric: vec![false, true, true, true, false],
        rows,
        total: None,
    }));

    blocks
}

/// Lives, in the participants' own judgement: per life domain, better, same or worse.
fn domain_blocks(p: &ProjectPortfolio, lang: Lang, audience: Audience) -> Vec<Block> {
    let t = lang.texts();
    let r = &t.report;
    let mut blocks = Vec::new();
    // A domain scored in too few cases (anonymous) is left out, and said.
    let hidden = p
        .domains
        .iter()
        .filter(|d| d.cases > 0 && audience.hides(d.cases))
        .count();
    blocks.push(Block::Subheading(r.pf_domains_heading.to_string()));
    let rows = p
        .domains
        .iter()
        .filter(|d| d.cases > 0 && !audience.hides(d.cases))
        .map(|d| {
            vec![
                d.label.get(lang).to_string(),
                d.cases.to_string(),
                d.better.to_string(),
                d.same.to_string(),
                d.worse.to_string(),
                d.median_change.map_or_else(
                    || "–".to_string(),
                    |m| {
                        let s = crate::i18n::format::decimal(m, lang);
                        if m.is_sign_positive() && !m.is_zero() {
                            format!("+{s}")
                        } else {
                            s
                        }
                    },
                ),
                spark(d.better, d.same, d.worse),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        head: vec![
            t.f_domain.to_string(),
            r.pf_cases.to_string(),
            r.pf_better.to_string(),
            r.pf_same.to_string(),
            r.pf_worse.to_string(),
            r.pf_median.to_string(),
            String::new(),
        ],
        numeric: vec![false, true, true, true, true, true, false],
        rows,
        total: None,
    }));
    blocks.push(Block::Note(format!(
        "{} {}",
        r.pf_domains_explained, t.change_caveat
    )));
    if hidden > 0 {
        blocks.push(Block::Note((r.pf_domains_too_few)(
            &hidden,
            &audience.min_cases(),
        )));
    }
    blocks
}

/// What the tables of the project learned and agreed, per case.
fn learned_blocks(p: &ProjectPortfolio, learned: &[Learned], lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let r = &t.report;
    let mut blocks = Vec::new();
    let mine: Vec<&Learned> = learned.iter().filter(|l| l.project == p.project).collect();
    let points: Vec<String> = mine
        .iter()
        .flat_map(|l| {
            l.learning_points
                .iter()
                .map(move |x| format!("{}: {x}", l.label))
        })
        .collect();
    let agreed: Vec<String> = mine
        .iter()
        .flat_map(|l| {
            l.agreements
                .iter()
                .map(move |x| format!("{}: {x}", l.label))
        })
        .collect();
    if !points.is_empty() || !agreed.is_empty() {
        blocks.push(Block::Subheading(r.pf_learned_heading.to_string()));
        if !points.is_empty() {
            blocks.push(Block::Text(format!("{}:", t.f_learning_points)));
            blocks.push(Block::Bullets(points));
        }
        if !agreed.is_empty() {
            blocks.push(Block::Text(format!("{}:", t.f_agreements)));
            blocks.push(Block::Bullets(agreed));
        }
    }
    blocks
}

/// Copies of a session under another name in this project (counted once).
fn duplicate_blocks(p: &ProjectPortfolio, hygiene: &Hygiene, lang: Lang) -> Vec<Block> {
    let t = lang.texts();
    let r = &t.report;
    let mut blocks = Vec::new();
    let dups: Vec<String> = hygiene
        .duplicates
        .iter()
        .filter(|(_, project)| *project == p.project)
        .map(|(path, _)| match crate::store::sync_conflict_name(path) {
            Some(c) => format!(
                "{} ({}: {})",
                path.display(),
                t.cli_conflict_listed,
                c.tool()
            ),
            None => path.display().to_string(),
        })
        .collect();
    if !dups.is_empty() {
        blocks.push(Block::Note(r.pf_duplicates_listed.to_string()));
        blocks.push(Block::Bullets(dups));
    }
    blocks
}

pub(crate) fn payer_label(label: &crate::model::Localized, id: &str, lang: Lang) -> String {
    if id.is_empty() {
        lang.texts().no_payer.to_string()
    } else {
        label.get(lang).to_string()
    }
}

/// A small chart of better / same / worse: "▲▲▲=▼", one mark per case up to 12.
fn spark(better: usize, same: usize, worse: usize) -> String {
    let total = (better + same + worse).max(1);
    let scale = |n: usize| {
        if total <= 12 {
            n
        } else {
            (n * 12).div_ceil(total)
        }
    };
    format!(
        "{}{}{}",
        "▲".repeat(scale(better)),
        "=".repeat(scale(same)),
        "▼".repeat(scale(worse))
    )
}

/// The portfolio as JSON: `{"format": "tafel-portfolio/1", "price_year", "projects"}`.
pub fn json(
    portfolio: &Portfolio,
    hygiene: &Hygiene,
    lang: Lang,
    audience: Audience,
) -> serde_json::Result<String> {
    #[derive(Serialize)]
    struct Doc {
        format: &'static str,
        price_year: Option<i32>,
        projects: Vec<ProjectOut>,
    }
    #[derive(Serialize)]
    struct ProjectOut {
        project: String,
        cases: usize,
        sessions: usize,
        waves: BTreeMap<String, usize>,
        follow_ups_held: usize,
        follow_ups_due: usize,
        follow_ups_overdue: usize,
        series_ended: BTreeMap<String, usize>,
        left_out_no_consent: usize,
        duplicates: Vec<String>,
        /// Anonymous, fewer cases than the minimum: why no amounts and no scores.
        #[serde(skip_serializing_if = "Option::is_none")]
        figures_hidden: Option<String>,
        per_payer: Vec<PayerOut>,
        totals: serde_json::Value,
        domains: Vec<DomainOut>,
        /// Anonymous: life domains scored in fewer cases than the minimum, left out.
        #[serde(skip_serializing_if = "is_zero")]
        domains_hidden: usize,
        cases_detail: Vec<CaseOut>,
    }
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if takes &T
    fn is_zero(n: &usize) -> bool {
        *n == 0
    }
    #[derive(Serialize)]
    struct PayerOut {
        payer_id: String,
        payer_label: String,
        intervention_cents: Cents,
        alternative_cents: Cents,
        difference_cents: Cents,
        difference_median_cents: Cents,
        difference_min_cents: Cents,
        difference_max_cents: Cents,
        difference_range_cents: Range,
    }
    #[derive(Serialize)]
    struct DomainOut {
        domain_id: String,
        label: String,
        cases: usize,
        better: usize,
        same: usize,
        worse: usize,
        median_change: Option<rust_decimal::Decimal>,
    }
    #[derive(Serialize)]
    struct CaseOut {
        series_id: String,
        case_code: String,
        latest_wave: u32,
        latest_session_id: String,
        intervention_cents: Cents,
        alternative_cents: Cents,
        difference_cents: Cents,
        series_end_reason: Option<crate::model::EndReason>,
    }
    let anonymous = audience.is_anonymous();
    let projects = portfolio
        .projects
        .iter()
        .map(|p| {
            let labels = case_labels(p, lang, anonymous);
            let hidden = audience.hides(p.cases);
            let out = ProjectOut {
                project: p.project.clone(),
                cases: p.cases,
                sessions: p.sessions,
                waves: p.waves.iter().map(|(w, n)| (w.to_string(), *n)).collect(),
                follow_ups_held: p.follow_ups_held,
                follow_ups_due: p.follow_ups_due,
                follow_ups_overdue: p.follow_ups_overdue,
                series_ended: p.series_ended.iter().map(|(r, n)| (code(r), *n)).collect(),
                left_out_no_consent: p.left_out_no_consent,
                duplicates: if anonymous {
                    Vec::new()
                } else {
                    hygiene
                        .duplicates
                        .iter()
                        .filter(|(_, project)| *project == p.project)
                        .map(|(path, _)| path.display().to_string())
                        .collect()
                },
                figures_hidden: hidden
                    .then(|| (lang.texts().report.pf_too_few_cases)(&audience.min_cases())),
                domains_hidden: p
                    .domains
                    .iter()
                    .filter(|d| d.cases > 0 && audience.hides(d.cases))
                    .count(),
                per_payer: p
                    .per_payer
                    .iter()
                    .map(|pp| PayerOut {
                        payer_id: pp.payer_id.clone(),
                        payer_label: payer_label(&pp.payer_label, &pp.payer_id, lang),
                        intervention_cents: pp.intervention_cents,
                        alternative_cents: pp.alternative_cents,
                        difference_cents: pp.difference_cents,
                        difference_median_cents: pp.difference_median_cents,
                        difference_min_cents: pp.difference_min_cents,
                        difference_max_cents: pp.difference_max_cents,
                        difference_range_cents: pp.difference_range_cents,
                    })
                    .collect(),
                totals: serde_json::json!({
                    "intervention_cents": p.totals.intervention_cents,
                    "alternative_cents": p.totals.alternative_cents,
                    "difference_cents": p.totals.difference_cents,
                    "difference_range_cents": p.totals.difference_range_cents,
                }),
                domains: p
                    .domains
                    .iter()
                    .filter(|d| !audience.hides(d.cases))
                    .map(|d| DomainOut {
                        domain_id: d.domain_id.clone(),
                        label: d.label.get(lang).to_string(),
                        cases: d.cases,
                        better: d.better,
                        same: d.same,
                        worse: d.worse,
                        median_change: d.median_change,
                    })
                    .collect(),
                cases_detail: p
                    .cases_detail
                    .iter()
                    .zip(labels)
                    .enumerate()
                    .map(|(i, (c, label))| CaseOut {
                        // An anonymous portfolio names no case and no file.
                        series_id: if anonymous {
                            (i + 1).to_string()
                        } else {
                            c.series_id.to_string()
                        },
                        case_code: if anonymous {
                            label
                        } else {
                            c.case_code.clone()
                        },
                        latest_wave: c.latest_wave,
                        latest_session_id: if anonymous {
                            String::new()
                        } else {
                            c.latest_session_id.to_string()
                        },
                        intervention_cents: c.intervention_cents,
                        alternative_cents: c.alternative_cents,
                        difference_cents: c.difference_cents,
                        series_end_reason: c.ended,
                    })
                    .collect(),
            };
            if hidden {
                ProjectOut {
                    per_payer: Vec::new(),
                    totals: serde_json::Value::Null,
                    domains: Vec::new(),
                    domains_hidden: 0,
                    cases_detail: Vec::new(),
                    ..out
                }
            } else {
                out
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Doc {
        format: "tafel-portfolio/1",
        price_year: portfolio.price_year,
        projects,
    })?;
    text.push('\n');
    Ok(text)
}
