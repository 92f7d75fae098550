//! Drawing a phase form: headings, list items, and each field as a label with its value.
//! The focused text field is drawn by the text field wrapper (with its cursor); the view
//! scrolls so that the focused field is always visible.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{theme, wrap};
use crate::app::form::layout::{Heading, Row, rows};
use crate::app::form::{self, FieldId, FieldKind, ListKind, list_len};
use crate::app::state::{App, SessionView};
use crate::app::{Action, Click};
use crate::i18n::Lang;
use crate::model::Session;
use crate::model::costs::Scenario;

/// Longest text drawn for a field that is not being edited (a 50 KB note is cut for display).
const DISPLAY_CHARS: usize = 4000;
/// Lines shown of a multi-line field that is not being edited.
const DISPLAY_LINES: usize = 6;
/// Most lines the field being edited takes; longer text scrolls inside it.
const EDITOR_LINES: usize = 12;

/// One drawn part of the form.
struct Part {
    lines: Vec<Line<'static>>,
    /// Rows for the text editor (drawn in the value column, after the first line's label).
    editor: Option<u16>,
    focused: bool,
    /// The field it shows, for a click.
    field: Option<FieldId>,
}

impl Part {
    fn height(&self) -> usize {
        self.editor.map_or(self.lines.len(), |h| {
            (h as usize).max(1) + self.lines.len().saturating_sub(1)
        })
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &SessionView) {
    render_rows(frame, area, app, view, &rows(view.phase, &view.session));
}

/// Draws `rows` of the current phase in `area`.
pub fn render_rows(frame: &mut Frame, area: Rect, app: &App, view: &SessionView, rows: &[Row]) {
    // The label column is as wide as the longest label, within what the screen allows.
    let cap = match area.width {
        0..100 => 24,
        100..140 => 32,
        _ => 44,
    };
    let longest = rows
        .iter()
        .filter_map(|r| match r {
            Row::Field(id) => Some(unicode_width::UnicodeWidthStr::width(field_label(
                app.lang,
                &view.session,
                *id,
            ))),
            _ => None,
        })
        .max()
        .unwrap_or(12);
    let label_w: usize = longest.clamp(12, cap);
    let value_w = (area.width as usize).saturating_sub(label_w + 3).max(8);
    let focused = view.focused();
    let parts: Vec<Part> = rows
        .iter()
        .map(|r| part(app, view, *r, focused, label_w, value_w))
        .collect();

    let height = area.height as usize;
    let total: usize = parts.iter().map(Part::height).sum();
    let focus_top: usize = parts
        .iter()
        .take_while(|p| !p.focused)
        .map(Part::height)
        .sum();
    let focus_h = parts.iter().find(|p| p.focused).map_or(1, Part::height);
    // Keep the focused field about a third from the top when the form does not fit.
    let offset = if total <= height {
        0
    } else {
        let wanted = focus_top.saturating_sub(height / 3);
        let min_for_bottom = (focus_top + focus_h).saturating_sub(height);
        wanted.max(min_for_bottom).min(total - height)
    };

    let mut y = 0usize; // position in the whole form
    for p in &parts {
        let h = p.height();
        if y + h <= offset {
            y += h;
            continue;
        }
        if y >= offset + height {
            break;
        }
        let top = area.y + (y.saturating_sub(offset)) as u16;
        let skip = offset.saturating_sub(y);
        let room = (area.y + area.height).saturating_sub(top) as usize;
        if let Some(id) = p.field {
            clickable(app, area, top, (h - skip).min(room), id, skip == 0, label_w);
        }
        if let Some(editor_h) = p.editor {
            // Label on the first row, the editor beside it, then any lines below (an error).
            let editor_h = (editor_h as usize).saturating_sub(skip).min(room);
            if skip == 0 {
                let label_area = Rect {
                    x: area.x,
                    y: top,
                    width: (label_w as u16 + 3).min(area.width),
                    height: 1,
                };
                frame.render_widget(Paragraph::new(p.lines[0].clone()), label_area);
            }
            if let Some((_, editor)) = &view.editor
                && editor_h > 0
            {
                let ed_area = Rect {
                    x: area.x + label_w as u16 + 3,
                    y: top,
                    width: area.width.saturating_sub(label_w as u16 + 3),
                    height: editor_h as u16,
                };
                frame.render_widget(editor.textarea(), ed_area);
            }
            let below: Vec<Line> = p.lines.iter().skip(1).cloned().collect();
            let below_top = top as usize + editor_h;
            if !below.is_empty() && below_top < (area.y + area.height) as usize {
                let r = Rect {
                    x: area.x,
                    y: below_top as u16,
                    width: area.width,
                    height: ((area.y + area.height) as usize - below_top).min(below.len()) as u16,
                };
                frame.render_widget(Paragraph::new(below), r);
            }
        } else {
            let lines: Vec<Line> = p.lines.iter().skip(skip).take(room).cloned().collect();
            let r = Rect {
                x: area.x,
                y: top,
                width: area.width,
                height: lines.len() as u16,
            };
            frame.render_widget(Paragraph::new(lines), r);
        }
        y += h;
    }
}

/// Records a field's rows as a click target; on a score, each position of its track
/// ("0 ──●── 10") sets that score.
fn clickable(
    app: &App,
    area: Rect,
    top: u16,
    rows: usize,
    id: FieldId,
    first_row: bool,
    label_w: usize,
) {
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    app.hits.add(
        Rect::new(area.x, top, area.width, rows).intersection(area),
        Action::Click(Click::Field(id, None)),
    );
    if id.kind() != FieldKind::Score || !first_row {
        return;
    }
    // The slider's columns: "0", a space, the 11 positions, a space, "10".
    let x0 = area
        .x
        .saturating_add(u16::try_from(label_w + 3).unwrap_or(u16::MAX));
    let at = |dx: u16, w: u16, score: u8| {
        app.hits.add(
            Rect::new(x0.saturating_add(dx), top, w, 1).intersection(area),
            Action::Click(Click::Field(id, Some(score))),
        );
    };
    at(0, 1, 0);
    for i in 0..=10u8 {
        at(2 + u16::from(i), 1, i);
    }
    at(14, 2, 10);
}

fn part(
    app: &App,
    view: &SessionView,
    row: Row,
    focused: Option<FieldId>,
    label_w: usize,
    value_w: usize,
) -> Part {
    let s = &view.session;
    match row {
        Row::Heading(h) => Part {
            lines: vec![
                Line::from(""),
                Line::styled(
                    wrap::truncate(&heading(app.lang, s, h), label_w + value_w + 3),
                    theme::heading(),
                ),
            ],
            editor: None,
            focused: false,
            field: None,
        },
        Row::Item(list, i) => Part {
            lines: vec![Line::styled(
                wrap::truncate(
                    &{
                        // Where an item came from goes right after its name ("Activiteit
                        // 2 · uit T0 · ..."), where a narrow screen does not cut it.
                        let summary = item_summary(app.lang, s, list, i);
                        let origin = origin(app.lang, s, view.reference.as_ref(), list, i);
                        match summary.split_once(" · ") {
                            Some((name, rest)) => format!("  ── {name}{origin} · {rest}"),
                            None => format!("  ── {summary}{origin}"),
                        }
                    },
                    label_w + value_w + 3,
                ),
                theme::dim(),
            )],
            editor: None,
            focused: false,
            field: None,
        },
        Row::Field(id) => {
            let is_focus = focused == Some(id);
            let label = field_label(app.lang, s, id);
            let marker = if is_focus { "▶ " } else { "  " };
            let label_span = Span::styled(
                format!("{marker}{:<label_w$} ", wrap::truncate(label, label_w)),
                if is_focus {
                    theme::focus_label()
                } else {
                    theme::label()
                },
            );
            let error = view
                .field_error
                .as_ref()
                .filter(|(f, _)| *f == id)
                .map(|(_, m)| m.clone());
            let mut lines: Vec<Line<'static>>;
            let mut editor = None;
            if is_focus && view.editor.as_ref().is_some_and(|(f, _)| *f == id) {
                let (_, ed) = view.editor.as_ref().expect("checked");
                let text = ed.text();
                let rows = wrap::wrap_at_most(&text, value_w, EDITOR_LINES).len()
                    + usize::from(ed.is_multi_line());
                editor = Some(rows.clamp(1, EDITOR_LINES) as u16);
                lines = vec![Line::from(vec![label_span])];
            } else {
                let values = value_lines(app, view, id, is_focus, value_w);
                let pad = " ".repeat(label_w + 3);
                lines = Vec::with_capacity(values.len());
                for (n, v) in values.into_iter().enumerate() {
                    let mut spans = if n == 0 {
                        vec![label_span.clone()]
                    } else {
                        vec![Span::raw(pad.clone())]
                    };
                    spans.extend(v.spans);
                    lines.push(Line::from(spans));
                }
            }
            if let Some(e) = error {
                lines.push(Line::styled(
                    format!("{}⚠ {e}", " ".repeat(label_w + 3)),
                    theme::error(),
                ));
            }
            Part {
                lines,
                editor,
                focused: is_focus,
                field: Some(id),
            }
        }
    }
}

/// The value column of a field that is not being edited.
fn value_lines(
    app: &App,
    view: &SessionView,
    id: FieldId,
    focused: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let t = lang.texts();
    let s = &view.session;
    let hi = |style: Style| {
        if focused {
            style.patch(theme::focus())
        } else {
            style
        }
    };
    match id.kind() {
        FieldKind::Choice => {
            let (options, current) = form::choice(s, id, lang);
            let mut value = options.get(current).cloned().unwrap_or_default();
            // A consent that keeps the case out of reports across cases says so.
            if id == FieldId::ConsentScope
                && s.preparation.consent.scope == crate::model::ConsentScope::SessionOnly
            {
                value = format!("{value} ({})", t.ui.scope_session_only_note);
            }
            let text = if focused {
                format!("◂ {} ▸", wrap::truncate(&value, width.saturating_sub(4)))
            } else {
                wrap::truncate(&value, width)
            };
            vec![Line::from(Span::styled(text, hi(Style::default())))]
        }
        FieldKind::Toggle => {
            let on = form::flag(s, id);
            let text = format!("[{}] {}", if on { 'x' } else { ' ' }, t.yes_no(on));
            vec![Line::from(Span::styled(text, hi(Style::default())))]
        }
        FieldKind::Score => {
            let v = form::score(s, id);
            let mut spans = vec![Span::styled(slider(v), hi(Style::default()))];
            if let Some(r) = reference_score(view, id) {
                spans.push(Span::styled(format!("   {r}"), theme::dim()));
            }
            // The second view beside the participant's: how far apart they are.
            if let FieldId::ScoreProfessionals(d) = id
                && let Some(diff) = s
                    .domains
                    .get(d)
                    .and_then(|dom| s.outcomes.for_domain(&dom.id))
                    .and_then(crate::model::DomainOutcome::views_differ_by)
            {
                spans.push(Span::styled(
                    format!("   {}", (t.ui.views_differ)(&format!("{diff:+}"))),
                    theme::warn(),
                ));
            }
            vec![Line::from(spans)]
        }
        FieldKind::Command => {
            vec![Line::from(Span::styled(
                format!("[ {} ]", t.ui.reprice),
                hi(theme::key()),
            ))]
        }
        FieldKind::Button => vec![Line::from(Span::styled(
            format!(
                "[ + {} ]",
                form::add_label(id.list().unwrap_or(ListKind::Quotes), t)
            ),
            hi(theme::key()),
        ))],
        _ => {
            let text = form::text(s, id, lang);
            if text.trim().is_empty() {
                let shown =
                    form::empty_hint(id, t).map_or_else(|| "—".to_string(), |h| format!("— ({h})"));
                return vec![Line::from(Span::styled(shown, hi(theme::dim())))];
            }
            let shown: String = text.chars().take(DISPLAY_CHARS).collect();
            let mut lines = wrap::wrap(&shown, width);
            if lines.len() > DISPLAY_LINES {
                lines.truncate(DISPLAY_LINES);
                lines.push(format!("… ({})", t.ui.more_text));
            }
            lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, hi(Style::default()))))
                .collect()
        }
    }
}

/// "0 ─────●──── 10   7"
pub fn slider(v: Option<u8>) -> String {
    let track: String = (0..=10u8)
        .map(|i| if Some(i) == v { '●' } else { '─' })
        .collect();
    let number = v.map_or_else(|| "—".to_string(), |v| v.to_string());
    format!("0 {track} 10  {number:>2}")
}

/// The earlier wave's score for the same question, beside a score field: "T0: 4".
fn reference_score(view: &SessionView, id: FieldId) -> Option<String> {
    let earlier = view.reference.as_ref()?;
    let (FieldId::ScoreStart(d) | FieldId::ScoreNow(d)) = id else {
        return None;
    };
    let domain = view.session.domains.get(d)?;
    let o = earlier.outcomes.for_domain(&domain.id)?;
    let v = if matches!(id, FieldId::ScoreStart(_)) {
        o.score_start
    } else {
        o.score_now
    };
    Some(format!(
        "{}: {}",
        earlier.wave_label(),
        v.map_or("—".to_string(), |s| s.get().to_string())
    ))
}

/// The label of a field; scores in the alternative are labelled with their domain.
pub fn field_label(lang: Lang, s: &Session, id: FieldId) -> &str {
    match id {
        FieldId::Estimated(d) => s.domains.get(d).map_or("", |dom| dom.label.get(lang)),
        other => other.label(lang.texts()),
    }
}

fn heading(lang: Lang, s: &Session, h: Heading) -> String {
    let t = lang.texts();
    let count = |l: ListKind| format!(" ({})", list_len(s, l));
    match h {
        // The facilitator sits at the table too, but is not one of its people: say so.
        Heading::Attendees => {
            let n = form::list_len(s, ListKind::Attendees);
            let facilitator = &s.preparation.facilitator_alias;
            if facilitator.trim().is_empty() {
                format!("{}{}", t.f_attendees, count(ListKind::Attendees))
            } else {
                format!(
                    "{} {}",
                    t.f_attendees,
                    (t.ui.attendees_and_facilitator)(&n, &facilitator.trim(), &(n + 1))
                )
            }
        }
        Heading::Consent => t.ui.ground_rules_and_consent.to_string(),
        Heading::Events(sc) => format!("{}{}", t.f_events, count(ListKind::Events(sc))),
        Heading::Activities(sc) => format!("{}{}", t.f_activities, count(ListKind::Activities(sc))),
        Heading::Domain(d) => s.domains.get(d).map_or_else(String::new, |dom| {
            let hint = dom.hint.get(lang);
            if hint.is_empty() {
                dom.label.get(lang).to_string()
            } else {
                format!("{} — {hint}", dom.label.get(lang))
            }
        }),
        Heading::Quotes => format!("{}{}", t.f_quotes, count(ListKind::Quotes)),
        Heading::OffRecord => format!(
            "{}{} — {}",
            t.f_off_record,
            count(ListKind::OffRecord),
            t.ui.off_record_hint
        ),
        Heading::Assumptions => format!("{}{}", t.f_assumptions, count(ListKind::Assumptions)),
        Heading::EstimatedScores => t.f_estimated_score.to_string(),
        Heading::CostLines(sc) => t.scenario(sc).to_string(),
        Heading::PriceList => {
            let list = &s.costs.price_list;
            let at = list
                .copied_at
                .map(|d| {
                    format!(
                        " · {} {}",
                        t.ui.copied_on,
                        crate::i18n::format::date(d.date_naive(), lang)
                    )
                })
                .unwrap_or_default();
            format!(
                "{}: {}{at} · {} {}",
                t.f_price_list,
                list.name,
                list.items.len(),
                t.ui.prices
            )
        }
        Heading::LearningPoints => {
            format!("{}{}", t.f_learning_points, count(ListKind::LearningPoints))
        }
        Heading::Agreements => format!("{}{}", t.f_agreements, count(ListKind::Agreements)),
        Heading::EarlierAgreements => {
            let wave = s
                .wrap_up
                .earlier_agreements
                .first()
                .map_or_else(|| s.preparation.wave.saturating_sub(1), |a| a.from_wave);
            (t.ui.earlier_agreements)(&format!("T{wave}"))
        }
        Heading::Series => t.ui.series_heading.to_string(),
    }
}

/// " · uit T0" after an item a follow-up took over from an earlier wave, " · uit T0,
/// gewijzigd" when it differs from the wave before (`reference`): nothing copied is
/// silently final.
fn origin(
    lang: Lang,
    s: &Session,
    reference: Option<&Session>,
    list: ListKind,
    i: usize,
) -> String {
    let t = lang.texts();
    let same = |a: Option<bool>| a.unwrap_or(true);
    let (wave, unchanged) = match list {
        ListKind::Events(sc) => {
            let Some(e) = form::events_of(s, sc).get(i) else {
                return String::new();
            };
            let before =
                reference.and_then(|r| form::events_of(r, sc).iter().find(|x| x.id == e.id));
            let plain = |x: &crate::model::LifeEvent| crate::model::LifeEvent {
                from_wave: None,
                ..x.clone()
            };
            (e.from_wave, same(before.map(|b| plain(b) == plain(e))))
        }
        ListKind::Activities(sc) => {
            let Some(a) = form::activities(s, sc).get(i) else {
                return String::new();
            };
            let before =
                reference.and_then(|r| form::activities(r, sc).iter().find(|x| x.id == a.id));
            let plain = |x: &crate::model::Activity| crate::model::Activity {
                from_wave: None,
                ..x.clone()
            };
            (a.from_wave, same(before.map(|b| plain(b) == plain(a))))
        }
        ListKind::Assumptions => {
            let Some(a) = s.alternative.assumptions.get(i) else {
                return String::new();
            };
            let before =
                reference.and_then(|r| r.alternative.assumptions.iter().find(|x| x.id == a.id));
            (
                a.from_wave,
                same(before.map(|b| b.text == a.text && b.confidence == a.confidence)),
            )
        }
        _ => return String::new(),
    };
    match wave {
        None => String::new(),
        Some(w) if unchanged => format!(" · {}", (t.ui.from_wave)(&format!("T{w}"))),
        Some(w) => format!(" · {}", (t.ui.from_wave_changed)(&format!("T{w}"))),
    }
}

/// A one-line summary of a list item, shown above its fields.
pub fn item_summary(lang: Lang, s: &Session, list: ListKind, i: usize) -> String {
    let t = lang.texts();
    let n = i + 1;
    match list {
        ListKind::Attendees => {
            let a = &s.preparation.attendees[i];
            format!(
                "{} {n} · {} {}",
                t.ui.person,
                a.alias,
                if a.role.is_empty() {
                    String::new()
                } else {
                    format!("({})", a.role)
                }
            )
        }
        ListKind::Events(sc) => {
            let e = if sc == Scenario::Intervention {
                &s.looking_back.events[i]
            } else {
                &s.alternative.events[i]
            };
            format!(
                "{} {n} · {}",
                t.ui.event,
                e.when.map(|d| d.display(lang)).unwrap_or_default()
            )
        }
        ListKind::Activities(sc) => {
            let a = &form::activities(s, sc)[i];
            let line = crate::model::costs::cost_lines(s)
                .into_iter()
                .filter(|l| l.scenario == sc)
                .nth(i)
                .map(|l| {
                    // Written as the product it is, factor included: it adds up as printed.
                    let product =
                        crate::i18n::format::cost_product(&l, lang).unwrap_or_else(|| {
                            let price = l
                                .unit_price
                                .map_or_else(|| t.price_missing.to_string(), |p| p.display(lang));
                            let cost = match (l.cost, l.informal_hours) {
                                (Some(c), _) => c.display(lang),
                                (None, Some(_)) => t.f_informal_hours.to_string(),
                                _ => "?".into(),
                            };
                            format!(
                                "{} × {price} = {cost}",
                                crate::i18n::format::quantity(a.quantity, a.unit, lang)
                            )
                        });
                    let reason_missing = a
                        .price_override
                        .as_ref()
                        .is_some_and(|o| o.reason.trim().is_empty());
                    let warn = if reason_missing {
                        format!(" ⚠ {}", t.ui.reason_missing)
                    } else {
                        String::new()
                    };
                    format!(" · {product}{warn}")
                })
                .unwrap_or_default();
            // The figures before the description: on a narrow screen the end is cut.
            format!("{} {n}{line} · {}", t.ui.activity, a.what)
        }
        ListKind::Quotes => format!("{} {n}", t.ui.quote),
        ListKind::OffRecord => format!("{} {n}", t.f_off_record),
        ListKind::Assumptions => format!("{} {n}", t.ui.assumption),
        ListKind::LearningPoints => format!("{} {n}", t.ui.learning_point),
        ListKind::Agreements => format!("{} {n}", t.ui.agreement),
    }
}
