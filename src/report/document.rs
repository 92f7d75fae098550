//! The content of a case report, in the order of the phases, before it has a format.
//!
//! [`build`] turns a session into a [`Document`] of plain text (never escaped or marked
//! up); [`super::markdown`] and [`super::html`] write that same document, so both formats
//! always say the same thing. Each renderer escapes every string it writes.

use chrono::{Datelike, NaiveDate};

use crate::i18n::format::date as display_date;
use crate::i18n::{Lang, Texts};
use crate::model::costs::{CostLine, CostSummary, PriceBasis, Scenario, cost_lines, summarise};
use crate::model::{Activity, Cents, LifeEvent, PartialDate, Phase, Score, Session};

/// A whole report: a case report ([`build`]) or a comparison of two waves
/// ([`super::compare::document`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub lang: Lang,
    /// What kind of report this is, above the title.
    pub kicker: String,
    /// "Case report GR-07".
    pub title: String,
    /// Project, wave and date.
    pub subtitle: String,
    /// What an Effectencalculator table conversation is, for a reader new to it.
    pub intro: String,
    /// Things the reader must know first (an anonymous report says what it leaves out).
    pub notices: Vec<String>,
    /// The few figures a reader looks for first.
    pub key_figures: Vec<(String, String)>,
    pub sections: Vec<Section>,
    pub footer: Vec<String>,
}

/// One part of a report: a phase of the session (numbered), or a part of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub phase: Option<Phase>,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Label and value pairs.
    Facts(Vec<(String, String)>),
    Subheading(String),
    /// Free text as typed; a line break starts a new paragraph.
    Text(String),
    /// A remark in small print.
    Note(String),
    Bullets(Vec<String>),
    /// Quotes: what was said, and by whom.
    Quotes(Vec<(String, String)>),
    /// The participant's own words per life domain: domain, words.
    Words(Vec<(String, String)>),
    Table(Table),
    ScoreChart(ScoreChart),
    CostChart(CostChart),
    /// Scores of several waves on one axis per life domain (the comparison).
    Radar(Radar),
    /// Who invests and who benefits across cases (the portfolio).
    Arena(Arena),
    /// Both scenarios on one time axis (the wall); boxed, it is the largest by far.
    Wall(Box<WallChart>),
}

/// The wall as a report draws it: both scenarios in lanes on one axis of months, the
/// texts in the report's language. Months count from the first one on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct WallChart {
    /// Above it in a report; under it, `title`.
    pub heading: String,
    pub title: String,
    /// Per month on the axis: its short name, and the year where one starts (or at the
    /// first month).
    pub months: Vec<(String, Option<i32>)>,
    /// Months per period of the costs row (3 or 12), and that row's heading.
    pub period_months: usize,
    pub costs_heading: String,
    /// The actual trajectory, then the alternative.
    pub lanes: [WallLane; 2],
    /// The payers on the wall: letter and name.
    pub payers: Vec<(char, String)>,
    pub undated: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WallLane {
    pub name: String,
    pub total: String,
    pub marks: Vec<WallMark>,
    pub bar_rows: usize,
    /// Costs per period, in whole euros (empty where none).
    pub per_period: Vec<(Cents, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WallMark {
    pub event: bool,
    pub label: String,
    /// First and last month on the axis; none when it has no date.
    pub span: Option<(usize, usize)>,
    /// Row among the lane's bars (activities).
    pub row: usize,
    /// The payer's letter ('·' for none).
    pub letter: char,
    /// The full details, for a tooltip: period, cost.
    pub detail: String,
}

/// The wall of `s`, in `lang`.
pub fn wall_chart(s: &Session, lang: Lang, title: &str) -> WallChart {
    use crate::model::wall::{ItemKind, Period, Wall, year_month};
    let t = lang.texts();
    let wall = Wall::of(s);
    let months = (wall.first..=wall.last)
        .map(|m| {
            let (y, mo) = year_month(m);
            let name = crate::i18n::format::month_short(mo, lang).to_string();
            (name, (mo == 1 || m == wall.first).then_some(y))
        })
        .collect();
    let payer_name = |id: &str| {
        s.costs
            .payer(id)
            .map_or_else(|| id.to_string(), |p| p.label.get(lang).to_string())
    };
    let lane = |l: usize| {
        let lane = &wall.lanes[l];
        WallLane {
            name: [t.ui.actual_short, t.ui.alternative_short][l].to_string(),
            total: lane.total().display(lang),
            marks: lane
                .items
                .iter()
                .map(|i| {
                    let span = i.span.map(|(a, b)| {
                        (
                            usize::try_from(a - wall.first).unwrap_or(0),
                            usize::try_from(b - wall.first).unwrap_or(0),
                        )
                    });
                    let mut detail = i.label.to_string();
                    if let Some(c) = i.cost {
                        detail = detail + " · " + &c.display(lang);
                    }
                    if let Some(p) = i.payer {
                        detail = detail + " · " + &payer_name(p);
                    }
                    WallMark {
                        event: i.kind == ItemKind::Event,
                        label: i.label.to_string(),
                        span,
                        row: i.row,
                        letter: wall.letter(i.payer),
                        detail,
                    }
                })
                .collect(),
            bar_rows: lane.bar_rows,
            per_period: lane
                .per_period
                .iter()
                .map(|c| {
                    (
                        *c,
                        if c.0 == 0 {
                            String::new()
                        } else {
                            c.display_short(lang, 12)
                        },
                    )
                })
                .collect(),
        }
    };
    let used = |id: &str| {
        wall.lanes
            .iter()
            .any(|l| l.items.iter().any(|i| i.payer == Some(id)))
    };
    WallChart {
        heading: t.report.wall_heading.to_string(),
        title: title.to_string(),
        months,
        period_months: usize::try_from(wall.period.months()).unwrap_or(3),
        costs_heading: match wall.period {
            Period::Quarter => t.ui.wall_costs_quarter,
            Period::Year => t.ui.wall_costs_year,
        }
        .to_string(),
        lanes: [lane(0), lane(1)],
        payers: wall
            .payers
            .iter()
            .filter(|(id, _)| used(id))
            .map(|(id, c)| (*c, payer_name(id)))
            .collect(),
        undated: t.ui.wall_undated.to_string(),
    }
}

/// Payers down, cases across: per cell the difference (alternative minus actual) of that
/// payer in that case, drawn as a sign and a size, as the Effectenarena draws it. The
/// numbers are in a table beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Arena {
    pub title: String,
    pub payers: Vec<String>,
    pub cases: Vec<String>,
    /// `cells[payer][case]`.
    pub cells: Vec<Vec<Cents>>,
    /// What a filled cell and an open one mean: the payer saves / the payer invests.
    pub legend: [String; 2],
}

/// Scores of several series (waves) per life domain, drawn as a radar chart; the figures
/// are also in a table beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    pub title: String,
    /// One axis per life domain.
    pub axes: Vec<String>,
    /// Per series its name and a score (0-10) per axis.
    pub series: Vec<(String, Vec<Option<u8>>)>,
}

/// A table of text cells. Numeric columns are right-aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub head: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// A closing row in bold (totals).
    pub total: Option<Vec<String>>,
}

impl Table {
    /// A table without the columns that are empty in every row (an anonymous report has
    /// no "what" in its events, a session may have no informal help).
    fn new(
        head: &[&str],
        numeric: &[bool],
        rows: Vec<Vec<String>>,
        total: Option<Vec<String>>,
    ) -> Table {
        let keep: Vec<bool> = (0..head.len())
            .map(|c| {
                rows.iter()
                    .chain(total.iter())
                    .any(|r| r.get(c).is_some_and(|v| !v.trim().is_empty()))
            })
            .collect();
        let pick = |row: &[String]| -> Vec<String> {
            row.iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(v, _)| v.clone())
                .collect()
        };
        Table {
            head: head
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(h, _)| (*h).to_string())
                .collect(),
            numeric: numeric
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(n, _)| *n)
                .collect(),
            rows: rows.iter().map(|r| pick(r)).collect(),
            total: total.as_deref().map(pick),
        }
    }
}

/// Scores per life domain: at the start, now, and estimated in the alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreChart {
    pub title: String,
    /// Start, now, alternative.
    pub legend: [String; 3],
    pub rows: Vec<ScoreRow>,
    /// Shown when a score is missing.
    pub missing: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub label: String,
    pub start: Option<u8>,
    pub now: Option<u8>,
    pub alternative: Option<u8>,
}

/// Costs per payer in both scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct CostChart {
    pub title: String,
    /// Actual, alternative.
    pub legend: [String; 2],
    pub rows: Vec<CostRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CostRow {
    pub label: String,
    pub actual: Cents,
    pub alternative: Cents,
    pub actual_text: String,
    pub alternative_text: String,
}

/// What goes into a cell for a missing value.
const NONE: &str = "–";

struct Ctx<'a> {
    s: &'a Session,
    lang: Lang,
    t: &'static Texts,
    anonymous: bool,
}

impl Ctx<'_> {
    /// An exact date; only its month in an anonymous report.
    fn day(&self, d: NaiveDate) -> String {
        if self.anonymous {
            PartialDate::Month(d.year(), d.month()).display(self.lang)
        } else {
            display_date(d, self.lang)
        }
    }

    fn partial(&self, d: Option<PartialDate>) -> String {
        d.map(|d| {
            if self.anonymous {
                d.to_month().display(self.lang)
            } else {
                d.display(self.lang)
            }
        })
        .unwrap_or_default()
    }

    fn money(&self, c: Cents) -> String {
        c.display(self.lang)
    }

    fn domain(&self, id: Option<&str>) -> String {
        match id {
            None | Some("") => String::new(),
            Some(id) => self
                .s
                .domain(id)
                .map_or_else(|| id.to_string(), |d| d.label.get(self.lang).to_string()),
        }
    }

    fn payer(&self, id: Option<&str>) -> String {
        match id {
            None | Some("") => self.t.no_payer.to_string(),
            Some(id) => self
                .s
                .costs
                .payers
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| id.to_string(), |p| p.label.get(self.lang).to_string()),
        }
    }

    /// Who an attendee id stands for: the alias (a role, in an anonymous report).
    fn person(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.s.attendee(id))
            .map(|a| a.alias.clone())
            .unwrap_or_default()
    }

    fn quantity(&self, a: &Activity) -> String {
        crate::i18n::format::quantity(a.quantity, a.unit, self.lang)
    }

    fn period(&self, from: Option<PartialDate>, to: Option<PartialDate>) -> String {
        match (from, to) {
            (Some(f), Some(t)) if f == t => self.partial(Some(f)),
            (Some(_), Some(_)) => format!("{} – {}", self.partial(from), self.partial(to)),
            (Some(_), None) => format!("{} –", self.partial(from)),
            (None, Some(_)) => format!("– {}", self.partial(to)),
            (None, None) => String::new(),
        }
    }

    /// Order of payers: as the session lists them, unknown ids after, no payer last.
    fn payer_rank(&self, id: &str) -> (usize, String) {
        crate::model::costs::payer_rank(&self.s.costs.payers, id)
    }
}

/// The report of `session`. Pass an already anonymised session (see
/// [`super::anonymous`]) with `anonymous` set: the report then says so at the top and
/// shows exact dates as months.
pub fn build(session: &Session, lang: Lang, anonymous: bool) -> Document {
    // What the participant keeps off the record is on no page.
    let session = &*crate::model::off_record::printable(session);
    let c = Ctx {
        s: session,
        lang,
        t: lang.texts(),
        anonymous,
    };
    let t = c.t;
    let r = &t.report;
    let p = &session.preparation;
    let lines = cost_lines(session);
    let sum = summarise(&lines);

    let case = if p.case_code.trim().is_empty() {
        t.ui.no_case_code.to_string()
    } else {
        p.case_code.clone()
    };
    let mut subtitle = vec![p.project.clone(), session.wave_label()];
    if let Some(d) = p.date {
        subtitle.push(c.day(d));
    }
    subtitle.retain(|x| !x.trim().is_empty());

    let mut notices = Vec::new();
    if anonymous {
        notices.push(r.anonymous_notice.to_string());
    }

    let (better, same, worse) = session
        .outcomes
        .domains
        .iter()
        .filter_map(|d| d.change())
        .fold((0, 0, 0), |(b, s, w), ch| match ch {
            x if x > 0 => (b + 1, s, w),
            0 => (b, s + 1, w),
            _ => (b, s, w + 1),
        });
    // The headline is the central estimate (what the table is sure of and what is likely),
    // with the range beside it in the same type: the most favourable figure (everything
    // counted) is never shown alone (README, "A sober headline").
    let alt = sum.alternative_range;
    let diff = sum.difference_range();
    let mut key_figures = vec![(r.total_actual.to_string(), c.money(sum.intervention_total))];
    if session.alternative.activities.is_empty() {
        key_figures.push((
            r.total_alternative.to_string(),
            c.money(sum.alternative_total),
        ));
    } else {
        key_figures.push((
            r.alternative_central.to_string(),
            (r.central_with_range)(
                &c.money(alt.high_medium),
                &c.money(alt.high),
                &c.money(alt.all),
            ),
        ));
        key_figures.push((
            r.difference_central.to_string(),
            (r.central_with_range)(
                &diff.high_medium.display_signed(lang),
                &diff.high.display_signed(lang),
                &diff.all.display_signed(lang),
            ),
        ));
    }
    key_figures.push((
        r.domains_changed.to_string(),
        format!("{better} / {same} / {worse}"),
    ));
    key_figures.retain(|(_, v)| !v.is_empty());

    let sections = vec![
        preparation(&c),
        looking_back(&c),
        outcomes(&c),
        alternative(&c),
        costs(&c, &lines, &sum),
        wrap_up(&c),
    ];

    let footer = vec![(r.made_from)(&c.day(session.updated_at.date_naive()))];

    Document {
        lang,
        kicker: r.kicker.to_string(),
        title: format!("{} {case}", r.title),
        subtitle: subtitle.join(" · "),
        intro: r.intro.to_string(),
        notices,
        key_figures,
        sections,
        footer,
    }
}

fn section(c: &Ctx, phase: Phase, mut blocks: Vec<Block>) -> Section {
    if blocks.is_empty() {
        blocks.push(Block::Note(c.t.report.nothing_recorded.to_string()));
    }
    Section {
        phase: Some(phase),
        title: c.t.phase(phase).to_string(),
        blocks,
    }
}

/// A label used inside a sentence: "Recorded by" → "recorded by".
fn lowercase_first(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Label and value pairs, leaving out empty values.
fn facts(pairs: Vec<(&str, String)>) -> Option<Block> {
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    (!kept.is_empty()).then_some(Block::Facts(kept))
}

fn text_under(blocks: &mut Vec<Block>, heading: &str, text: &str) {
    if !text.trim().is_empty() {
        blocks.push(Block::Subheading(heading.to_string()));
        blocks.push(Block::Text(text.trim().to_string()));
    }
}

fn preparation(c: &Ctx) -> Section {
    let t = c.t;
    let p = &c.s.preparation;
    let mut blocks = Vec::new();
    let consent = if p.consent.given {
        let mut parts = vec![t.consent_scope(p.consent.scope).to_string()];
        if !p.consent.recorded_by.trim().is_empty() {
            parts.push(format!(
                "{} {}",
                lowercase_first(t.f_recorded_by),
                p.consent.recorded_by
            ));
        }
        if let Some(d) = p.consent.date {
            parts.push(c.day(d));
        }
        format!("{} ({})", t.yes, parts.join("; "))
    } else {
        t.no.to_string()
    };
    let consent = match p.consent.withdrawn_on {
        Some(d) => format!("{consent}; {} {}", t.report.withdrawn_on, c.day(d)),
        None => consent,
    };
    blocks.extend(facts(vec![
        (t.f_project, p.project.clone()),
        (t.f_case_code, p.case_code.clone()),
        (
            t.f_participant_kind,
            t.participant_kind(p.participant_kind).to_string(),
        ),
        (t.f_date, p.date.map(|d| c.day(d)).unwrap_or_default()),
        (t.f_place, p.place.clone()),
        (t.f_facilitator, p.facilitator_alias.clone()),
        (t.f_wave, c.s.wave_label()),
        (
            t.f_ground_rules,
            t.yes_no(p.ground_rules_confirmed).to_string(),
        ),
        (t.f_consent, consent),
        (
            t.f_planned_minutes,
            if p.planned_minutes > 0 {
                p.planned_minutes.to_string()
            } else {
                String::new()
            },
        ),
    ]));
    text_under(&mut blocks, t.f_starting_question, &p.starting_question);
    if !p.attendees.is_empty() {
        blocks.push(Block::Subheading(t.f_attendees.to_string()));
        let rows = p
            .attendees
            .iter()
            .map(|a| {
                vec![
                    a.alias.clone(),
                    a.role.clone(),
                    a.organisation.clone(),
                    t.attendee_kind(a.kind).to_string(),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table::new(
            &[t.ui.alias, t.ui.role, t.ui.organisation, t.ui.kind],
            &[false; 4],
            rows,
            None,
        )));
    }
    section(c, Phase::Preparation, blocks)
}

fn events_table(c: &Ctx, events: &[LifeEvent], with_confidence: bool) -> Block {
    let t = c.t;
    let mut sorted: Vec<&LifeEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.when);
    let rows = sorted
        .iter()
        .map(|e| {
            let mut row = vec![
                c.partial(e.when),
                e.what.clone(),
                c.domain(e.domain_id.as_deref()),
                c.person(e.raised_by.as_deref()),
            ];
            if with_confidence {
                row.push(
                    e.confidence
                        .map(|x| t.confidence(x).to_string())
                        .unwrap_or_default(),
                );
            }
            row.push(from_wave(e.from_wave));
            row
        })
        .collect();
    let mut head = vec![t.ui.when, t.ui.what, t.f_domain, t.ui.raised_by];
    if with_confidence {
        head.push(t.f_confidence);
    }
    head.push(t.report.from_wave_column);
    Block::Table(Table::new(&head, &vec![false; head.len()], rows, None))
}

fn activities_table(c: &Ctx, acts: &[Activity], with_confidence: bool) -> Block {
    let t = c.t;
    let rows = acts
        .iter()
        .map(|a| {
            let who = {
                let person = c.person(a.attendee_id.as_deref());
                if person.is_empty() {
                    a.organisation.clone()
                } else {
                    person
                }
            };
            let payer = a.payer_id.as_deref().or_else(|| {
                a.price_id
                    .as_deref()
                    .and_then(|id| c.s.costs.price_list.item(id))
                    .and_then(|i| i.default_payer.as_deref())
            });
            let mut row = vec![
                a.what.clone(),
                who,
                c.period(a.from, a.to),
                c.quantity(a),
                c.payer(payer),
                if a.informal {
                    t.yes.to_string()
                } else {
                    String::new()
                },
            ];
            if with_confidence {
                row.push(
                    a.confidence
                        .map(|x| t.confidence(x).to_string())
                        .unwrap_or_default(),
                );
            }
            row.push(from_wave(a.from_wave));
            row
        })
        .collect();
    let mut head = vec![
        t.ui.what,
        t.ui.who,
        t.report.period,
        t.f_quantity,
        t.f_payer,
        t.report.informal_column,
    ];
    let mut numeric = vec![false, false, false, true, false, false];
    if with_confidence {
        head.push(t.f_confidence);
        numeric.push(false);
    }
    head.push(t.report.from_wave_column);
    numeric.push(false);
    Block::Table(Table::new(&head, &numeric, rows, None))
}

/// "T0" for an item a follow-up took over from that wave (an empty column is left out).
fn from_wave(w: Option<u32>) -> String {
    w.map(|w| format!("T{w}")).unwrap_or_default()
}

fn looking_back(c: &Ctx) -> Section {
    let t = c.t;
    let lb = &c.s.looking_back;
    let mut blocks = Vec::new();
    let tl = &lb.timeline;
    if tl.start.is_some() || tl.end.is_some() || tl.ongoing {
        let end = if tl.ongoing {
            t.f_ongoing.to_string()
        } else {
            c.partial(tl.end)
        };
        let start = c.partial(tl.start);
        let span = format!(
            "{} – {}",
            if start.is_empty() { "?" } else { &start },
            if end.is_empty() { "?" } else { &end }
        );
        blocks.extend(facts(vec![(t.f_timeline, span)]));
    }
    if !lb.events.is_empty() {
        blocks.push(Block::Subheading(t.f_events.to_string()));
        blocks.push(events_table(c, &lb.events, false));
    }
    if !lb.activities.is_empty() {
        blocks.push(Block::Subheading(t.f_activities.to_string()));
        blocks.push(activities_table(c, &lb.activities, false));
    }
    section(c, Phase::LookingBack, blocks)
}

/// A domain's label, scores at the start, now and in the alternative, and own words.
type Scored = (String, Option<Score>, Option<Score>, Option<Score>, String);

fn score_text(s: Option<Score>) -> String {
    s.map_or_else(|| NONE.to_string(), |x| x.get().to_string())
}

fn outcomes(c: &Ctx) -> Section {
    let t = c.t;
    let r = &t.report;
    let s = c.s;
    let mut blocks = Vec::new();
    // The session's domain list, then outcomes for domains no longer in it.
    let mut ids: Vec<&str> = s.domains.iter().map(|d| d.id.as_str()).collect();
    for o in &s.outcomes.domains {
        if !ids.contains(&o.domain_id.as_str()) {
            ids.push(&o.domain_id);
        }
    }
    let scored: Vec<Scored> = ids
        .iter()
        .map(|id| {
            let o = s.outcomes.for_domain(id);
            (
                c.domain(Some(id)),
                o.and_then(|o| o.score_start),
                o.and_then(|o| o.score_now),
                s.alternative.estimated_score(id),
                o.map(|o| o.own_words.trim().to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let any_score = scored
        .iter()
        .any(|(_, a, b, x, _)| a.is_some() || b.is_some() || x.is_some());
    if any_score {
        blocks.push(Block::ScoreChart(ScoreChart {
            title: r.score_chart_title.to_string(),
            legend: [
                t.f_score_start.to_string(),
                t.f_score_now.to_string(),
                r.legend_alternative.to_string(),
            ],
            rows: scored
                .iter()
                .map(|(label, a, b, x, _)| ScoreRow {
                    label: label.clone(),
                    start: a.map(Score::get),
                    now: b.map(Score::get),
                    alternative: x.map(Score::get),
                })
                .collect(),
            missing: r.not_scored.to_string(),
        }));
        // The professionals' view, where given (an empty column is left out).
        let second: Vec<String> = ids
            .iter()
            .map(|id| {
                s.outcomes
                    .for_domain(id)
                    .and_then(|o| o.score_professionals)
                    .map(|p| score_text(Some(p)))
                    .unwrap_or_default()
            })
            .collect();
        let rows = scored
            .iter()
            .zip(&second)
            .map(|((label, a, b, x, _), prof)| {
                let change = match (a, b) {
                    (Some(a), Some(b)) => {
                        let d = i16::from(b.get()) - i16::from(a.get());
                        if d == 0 {
                            "0".to_string()
                        } else {
                            format!("{d:+}")
                        }
                    }
                    _ => NONE.to_string(),
                };
                vec![
                    label.clone(),
                    score_text(*a),
                    score_text(*b),
                    change,
                    prof.clone(),
                    score_text(*x),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table::new(
            &[
                t.f_domain,
                t.f_score_start,
                t.f_score_now,
                t.f_change,
                t.f_score_professionals,
                t.f_estimated_score,
            ],
            &[false, true, true, true, true, true],
            rows,
            None,
        )));
    }
    let words: Vec<(String, String)> = scored
        .iter()
        .filter(|(.., w)| !w.is_empty())
        .map(|(label, .., w)| (label.clone(), w.clone()))
        .collect();
    if !words.is_empty() {
        blocks.push(Block::Subheading(t.f_own_words.to_string()));
        blocks.push(Block::Words(words));
    }
    let quotes: Vec<(String, String)> = s
        .outcomes
        .quotes
        .iter()
        .filter(|q| !q.text.trim().is_empty())
        .map(|q| (q.text.trim().to_string(), q.speaker.trim().to_string()))
        .collect();
    if !quotes.is_empty() {
        blocks.push(Block::Subheading(t.f_quotes.to_string()));
        blocks.push(Block::Quotes(quotes));
    }
    if !s.outcomes.off_record.is_empty() {
        blocks.push(Block::Note(format!(
            "{} {}",
            s.outcomes.off_record.len(),
            t.off_record_count
        )));
    }
    if any_score {
        blocks.push(Block::Note(t.change_caveat.to_string()));
    }
    section(c, Phase::Outcomes, blocks)
}

fn alternative(c: &Ctx) -> Section {
    let t = c.t;
    let alt = &c.s.alternative;
    let mut blocks = Vec::new();
    let started =
        c.s.phases_started()[Phase::Alternative.index()] || !alt.estimated_scores.is_empty();
    if started {
        blocks.extend(facts(vec![(
            t.f_reference_type,
            t.reference_type(alt.reference_type).to_string(),
        )]));
    }
    text_under(&mut blocks, t.f_narrative, &alt.narrative);
    if !alt.events.is_empty() {
        blocks.push(Block::Subheading(t.f_events.to_string()));
        blocks.push(events_table(c, &alt.events, true));
    }
    if !alt.activities.is_empty() {
        blocks.push(Block::Subheading(t.f_activities.to_string()));
        blocks.push(activities_table(c, &alt.activities, true));
    }
    if !alt.assumptions.is_empty() {
        blocks.push(Block::Subheading(t.f_assumptions.to_string()));
        let rows = alt
            .assumptions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.text.trim().to_string(),
                    t.confidence(a.confidence).to_string(),
                    from_wave(a.from_wave),
                    a.held
                        .map(|h| t.held_status(h).to_string())
                        .unwrap_or_default(),
                    a.held_comment.trim().to_string(),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table::new(
            &[
                "#",
                t.ui.assumption,
                t.f_confidence,
                t.report.from_wave_column,
                t.f_held,
                t.f_held_comment,
            ],
            &[true, false, false, false, false, false],
            rows,
            None,
        )));
    }
    // Both scenarios side by side, once the alternative has something to put beside
    // what happened.
    if !alt.events.is_empty() || !alt.activities.is_empty() {
        // Its heading is the chart's: a report without pictures (Markdown, text) has the
        // tables above instead, and no empty heading.
        blocks.push(Block::Wall(Box::new(wall_chart(
            c.s,
            c.lang,
            c.t.ui.wall_title,
        ))));
    }
    section(c, Phase::Alternative, blocks)
}

fn line_cost(c: &Ctx, l: &CostLine) -> String {
    let t = c.t;
    match (l.cost, l.informal_hours) {
        (Some(cost), _) => c.money(cost),
        (None, Some(h)) => format!(
            "{} ({})",
            crate::i18n::format::hours(h, c.lang),
            t.report.informal
        ),
        (None, None) if l.activity.informal => t.report.informal.to_string(),
        (None, None) => t.price_missing.to_string(),
    }
}

/// The sentence that says at which price level the amounts are, and how.
fn price_level(c: &Ctx, sum: &CostSummary) -> String {
    let r = &c.t.report;
    let Some(year) = c.s.costs.price_year else {
        return r.price_level_none.to_string();
    };
    let series =
        c.s.costs
            .price_list
            .index
            .first()
            .map(|s| s.label.get(c.lang).to_string())
            .unwrap_or_default();
    let mut text = (r.price_level)(&year, &series, &sum.lines_indexed);
    if sum.lines_beyond_index > 0 {
        let last =
            c.s.costs
                .price_list
                .index
                .first()
                .and_then(crate::model::price_index::IndexSeries::last_year)
                .map(|y| y.to_string())
                .unwrap_or_default();
        text = format!(
            "{text} {}",
            (r.index_beyond)(&sum.lines_beyond_index, &last)
        );
    }
    text
}

fn costs(c: &Ctx, lines: &[CostLine], sum: &CostSummary) -> Section {
    let t = c.t;
    let r = &t.report;
    let mut blocks = Vec::new();
    for scenario in [Scenario::Intervention, Scenario::Alternative] {
        let mine: Vec<&CostLine> = lines.iter().filter(|l| l.scenario == scenario).collect();
        if mine.is_empty() {
            continue;
        }
        blocks.push(Block::Subheading(t.scenario(scenario).to_string()));
        let indexed = c.s.costs.price_year.is_some();
        let rows = mine
            .iter()
            .map(|l| {
                let mut price = l
                    .unit_price
                    .map(|p| c.money(p))
                    .unwrap_or_else(|| NONE.to_string());
                if l.basis == PriceBasis::Override {
                    price.push_str(" *");
                }
                let mut quantity = c.quantity(l.activity);
                if l.margin_percent > 0 && !l.activity.informal {
                    quantity = format!("{quantity} ({})", (r.estimated_margin)(&l.margin_percent));
                }
                let (year, factor) = match (indexed, l.cost) {
                    (true, Some(_)) => (
                        l.listed_year.map(|y| y.to_string()).unwrap_or_default(),
                        crate::i18n::format::decimal(l.factor.value, c.lang),
                    ),
                    _ => (String::new(), String::new()),
                };
                vec![
                    l.activity.what.clone(),
                    quantity,
                    price,
                    year,
                    factor,
                    line_cost(c, l),
                    c.payer(l.payer_id),
                ]
            })
            .collect();
        let total = match scenario {
            Scenario::Intervention => sum.intervention_total,
            Scenario::Alternative => sum.alternative_total,
        };
        blocks.push(Block::Table(Table::new(
            &[
                t.ui.what,
                t.f_quantity,
                t.f_unit_price,
                r.listed_year,
                r.factor,
                t.f_cost,
                t.f_payer,
            ],
            &[false, true, true, true, true, true, false],
            rows,
            Some(vec![
                t.f_total.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                c.money(total),
                String::new(),
            ]),
        )));
        let overrides: Vec<String> = mine
            .iter()
            .filter(|l| l.basis == PriceBasis::Override)
            .map(|l| {
                let reason = l
                    .activity
                    .price_override
                    .as_ref()
                    .map(|o| o.reason.trim())
                    .filter(|x| !x.is_empty());
                match reason {
                    Some(reason) => format!("* {}: {reason}", r.price_override),
                    None => format!("* {}", r.price_override),
                }
            })
            .collect();
        if let Some(first) = overrides.first() {
            // One note per reason is enough when they are all the same.
            if overrides.iter().all(|o| o == first) {
                blocks.push(Block::Note(first.clone()));
            } else {
                blocks.push(Block::Bullets(overrides));
            }
        }
    }
    if lines.is_empty() {
        return section(c, Phase::Costs, blocks);
    }

    let mut payers: Vec<(&String, &crate::model::costs::PayerTotals)> =
        sum.per_payer.iter().collect();
    payers.sort_by_key(|(id, _)| c.payer_rank(id));
    blocks.push(Block::Subheading(r.per_payer.to_string()));
    if !payers.is_empty() {
        blocks.push(Block::CostChart(CostChart {
            title: r.cost_chart_title.to_string(),
            legend: [t.scenarios[0].to_string(), t.scenarios[1].to_string()],
            rows: payers
                .iter()
                .map(|(id, tot)| CostRow {
                    label: c.payer(Some(id)),
                    actual: tot.intervention,
                    alternative: tot.alternative,
                    actual_text: c.money(tot.intervention),
                    alternative_text: c.money(tot.alternative),
                })
                .collect(),
        }));
    }
    let rows = payers
        .iter()
        .map(|(id, tot)| {
            vec![
                c.payer(Some(id)),
                c.money(tot.intervention),
                c.money(tot.alternative),
                tot.difference().display_signed(c.lang),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table::new(
        &[t.f_payer, t.scenarios[0], t.scenarios[1], t.f_difference],
        &[false, true, true, true],
        rows,
        Some(vec![
            t.f_total.to_string(),
            c.money(sum.intervention_total),
            c.money(sum.alternative_total),
            sum.difference().display_signed(c.lang),
        ]),
    )));
    blocks.push(Block::Note(t.difference_explained.to_string()));
    blocks.push(Block::Note(price_level(c, sum)));
    if c.s.preparation.wave > 0 {
        blocks.push(Block::Note((r.cumulative)(&c.s.wave_label())));
    }
    if !c.s.alternative.activities.is_empty() {
        blocks.push(Block::Subheading(r.range_title.to_string()));
        blocks.push(Block::Text(crate::i18n::format::range_sentence(
            sum.difference_range(),
            c.lang,
        )));
        let rows = payers
            .iter()
            .map(|(id, tot)| {
                let mut row = vec![c.payer(Some(id))];
                row.extend(
                    tot.difference_range()
                        .levels()
                        .map(|d| d.display_signed(c.lang)),
                );
                row
            })
            .collect();
        let mut total = vec![t.f_total.to_string()];
        total.extend(
            sum.difference_range()
                .levels()
                .map(|d| d.display_signed(c.lang)),
        );
        let head = [
            t.f_payer,
            r.range_levels[0],
            r.range_levels[1],
            r.range_levels[2],
        ];
        blocks.push(Block::Table(Table::new(
            &head,
            &[false, true, true, true],
            rows,
            Some(total),
        )));
        blocks.push(Block::Note(r.range_explained.to_string()));
        // An assumption that did not hold is said beside the figures it stood under.
        let failed: Vec<String> =
            c.s.alternative
                .assumptions
                .iter()
                .filter(|a| a.held == Some(crate::model::alternative::Held::NotHeld))
                .map(|a| {
                    let wave = a.from_wave.map(|w| format!("T{w}")).unwrap_or_default();
                    format!("⚠ {}", (r.assumption_not_held)(&wave, &a.text.trim()))
                })
                .collect();
        if !failed.is_empty() {
            blocks.push(Block::Bullets(failed));
        }
    }
    if lines
        .iter()
        .any(|l| l.cost.is_some() && l.margin_percent > 0)
    {
        blocks.push(Block::Subheading(r.band_title.to_string()));
        let band = |b: crate::model::costs::Band| {
            if b.low == b.high {
                c.money(b.low)
            } else {
                (r.band_line)(&c.money(b.low), &c.money(b.high))
            }
        };
        blocks.extend(facts(vec![
            (t.scenarios[0], band(sum.intervention_band)),
            (t.scenarios[1], band(sum.alternative_band)),
        ]));
        blocks.push(Block::Note(r.band_explained.to_string()));
    }
    let mut informal = Vec::new();
    if !sum.intervention_informal_hours.is_zero() || !sum.alternative_informal_hours.is_zero() {
        informal.push((
            t.f_informal_hours,
            format!(
                "{} ({}) · {} ({})",
                crate::i18n::format::hours(sum.intervention_informal_hours, c.lang),
                t.ui.actual_short,
                crate::i18n::format::hours(sum.alternative_informal_hours, c.lang),
                t.ui.alternative_short
            ),
        ));
    }
    if let (Some(v), true) = (
        &c.s.costs.informal_valuation,
        sum.intervention_informal_value.is_some() || sum.alternative_informal_value.is_some(),
    ) {
        informal.push((
            r.informal_valued,
            format!(
                "{} ({}) · {} ({}) — {}",
                c.money(sum.intervention_informal_value.unwrap_or_default()),
                t.ui.actual_short,
                c.money(sum.alternative_informal_value.unwrap_or_default()),
                t.ui.alternative_short,
                v.method
            ),
        ));
    }
    blocks.extend(facts(informal));
    if sum.lines_without_price > 0 {
        blocks.push(Block::Note((r.lines_without_price)(
            &sum.lines_without_price.to_string(),
        )));
    }

    if sum.per_domain.len() > 1 || sum.per_domain.keys().any(|k| !k.is_empty()) {
        blocks.push(Block::Subheading(r.per_domain.to_string()));
        let order = |id: &str| {
            c.s.domains
                .iter()
                .position(|d| d.id == id)
                .unwrap_or(usize::MAX)
        };
        let mut domains: Vec<_> = sum.per_domain.iter().collect();
        domains.sort_by_key(|(id, _)| order(id));
        let rows = domains
            .iter()
            .map(|(id, tot)| {
                let label = if id.is_empty() {
                    t.no_domain.to_string()
                } else {
                    c.domain(Some(id))
                };
                vec![
                    label,
                    c.money(tot.intervention),
                    c.money(tot.alternative),
                    tot.difference().display_signed(c.lang),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table::new(
            &[t.f_domain, t.scenarios[0], t.scenarios[1], t.f_difference],
            &[false, true, true, true],
            rows,
            None,
        )));
    }

    let mut used: Vec<&str> = Vec::new();
    for l in lines {
        if let Some(item) = l.item
            && !used.contains(&item.id.as_str())
        {
            used.push(&item.id);
        }
    }
    if !used.is_empty() {
        blocks.push(Block::Subheading(r.prices_used.to_string()));
        let items = used
            .iter()
            .filter_map(|id| c.s.costs.price_list.item(id))
            .map(|i| {
                let mut parts = vec![format!("{} {}", i.id, i.label.get(c.lang))];
                if let Some(a) = i.amount_cents {
                    parts.push(format!("{} {} {}", c.money(a), r.per, t.unit(i.unit)));
                }
                if let Some(y) = i.price_year {
                    parts.push(format!("{} {y}", r.price_year));
                }
                let mut source = i.source.title.trim().to_string();
                if !i.source.url.trim().is_empty() {
                    source = format!("{source} ({})", i.source.url.trim());
                }
                if !source.trim().is_empty() {
                    parts.push(format!("{}: {}", r.source, source.trim()));
                }
                parts.join(" · ")
            })
            .collect();
        blocks.push(Block::Bullets(items));
    }
    section(c, Phase::Costs, blocks)
}

fn wrap_up(c: &Ctx) -> Section {
    let t = c.t;
    let w = &c.s.wrap_up;
    let mut blocks = Vec::new();
    // At a follow-up: how the agreements of the wave before went.
    if !w.earlier_agreements.is_empty() {
        let wave = w.earlier_agreements[0].from_wave;
        blocks.push(Block::Subheading((t.ui.earlier_agreements)(&format!(
            "T{wave}"
        ))));
        blocks.extend(facts(vec![(
            t.f_earlier_pulse_owner,
            w.earlier_pulse_owner.clone(),
        )]));
        let rows = w
            .earlier_agreements
            .iter()
            .map(|a| {
                vec![
                    a.what.trim().to_string(),
                    a.who.clone(),
                    c.partial(a.when),
                    a.status
                        .map_or(t.ui.cmp_not_checked, |st| t.agreement_status(st))
                        .to_string(),
                    a.comment.trim().to_string(),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table::new(
            &[
                t.ui.what,
                t.ui.who,
                t.ui.when,
                t.f_agreement_status,
                t.f_agreement_comment,
            ],
            &[false; 5],
            rows,
            None,
        )));
    }
    let points: Vec<String> = w
        .learning_points
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if !points.is_empty() {
        blocks.push(Block::Subheading(t.f_learning_points.to_string()));
        blocks.push(Block::Bullets(points));
    }
    if !w.agreements.is_empty() {
        blocks.push(Block::Subheading(t.f_agreements.to_string()));
        let rows = w
            .agreements
            .iter()
            .map(|a| vec![a.what.trim().to_string(), a.who.clone(), c.partial(a.when)])
            .collect();
        blocks.push(Block::Table(Table::new(
            &[t.ui.what, t.ui.who, t.ui.when],
            &[false; 3],
            rows,
            None,
        )));
    }
    let minutes = c.s.time_spent.total() / 60;
    blocks.extend(facts(vec![
        (t.f_pulse_owner, w.pulse_owner.clone()),
        (
            t.f_follow_up,
            c.s.follow_up_due().map(|d| c.day(d)).unwrap_or_default(),
        ),
        (
            t.f_time_spent,
            if minutes > 0 {
                format!("{minutes} min")
            } else {
                String::new()
            },
        ),
    ]));
    text_under(&mut blocks, t.f_notes, &w.notes);
    if let Some(end) = &w.series_end {
        blocks.extend(facts(vec![
            (
                t.f_series_status,
                (t.ui.series_ended)(&t.end_reason(end.reason)),
            ),
            (
                t.f_series_ended_on,
                end.on.map(|d| c.day(d)).unwrap_or_default(),
            ),
            (t.f_series_end_note, end.note.trim().to_string()),
        ]));
    }
    section(c, Phase::WrapUp, blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_columns_are_left_out() {
        let t = Table::new(
            &["a", "b", "c"],
            &[false, true, false],
            vec![vec!["1".into(), String::new(), "x".into()]],
            Some(vec!["T".into(), String::new(), String::new()]),
        );
        assert_eq!(t.head, vec!["a", "c"]);
        assert_eq!(t.numeric, vec![false, false]);
        assert_eq!(t.rows, vec![vec!["1", "x"]]);
        assert_eq!(t.total, Some(vec!["T".to_string(), String::new()]));
    }

    #[test]
    fn an_empty_session_still_has_every_phase() {
        let s = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            crate::model::PriceList::default(),
            vec![],
        );
        let d = build(&s, Lang::En, false);
        assert_eq!(d.sections.len(), 6);
        assert!(d.sections.iter().all(|s| !s.blocks.is_empty()));
    }
}
