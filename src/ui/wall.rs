//! The wall (Ctrl+T): what happened and what would have happened without the approach,
//! in two lanes on one time axis in months, with the costs per quarter (or year) under it
//! and the chosen item's details beside it. Made to be read from across a table: few
//! words, bars by payer, and without colour still clear (a solid bar is what happened, a
//! dashed one the alternative; a letter names the payer).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme;
use super::wrap::truncate;
use crate::app::action::{Action, Click};
use crate::app::screens::wall::WallView;
use crate::app::state::{App, SessionView};
use crate::i18n::format;
use crate::i18n::{Lang, Texts};
use crate::model::Session;
use crate::model::costs::Scenario;
use crate::model::wall::{Item, ItemKind, Month, Period, Wall, pack, year_month};

/// From this width the details sit beside the wall; below it, under it.
const SIDE_FROM: u16 = 110;
const SIDE_W: u16 = 36;
/// The lane's mark in the first two columns of each of its rows.
const GUTTER: u16 = 2;
/// The widest label of an event mark.
const EVENT_LABEL: usize = 18;

pub fn render(frame: &mut Frame, area: Rect, app: &App, view: &SessionView, wv: &WallView) {
    let lang = app.lang;
    let t = lang.texts();
    let s = &view.session;
    let wall = Wall::of(s);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::dim())
        .title(Span::styled(
            format!(
                " {} · {} {} ",
                t.ui.wall_title,
                s.preparation.case_code,
                s.wave_label()
            ),
            theme::title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let count = wall.items().count();
    if count == 0 {
        frame.render_widget(
            Paragraph::new(t.ui.wall_nothing).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let selected = wv.selected.min(count - 1);
    let (canvas, detail) = if inner.width >= SIDE_FROM {
        let [c, d] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(SIDE_W)]).areas(inner);
        (c, d)
    } else {
        // Under the wall: more of the details where the height allows.
        let detail_h = if inner.height >= 22 { 7 } else { 4 };
        let [c, d] =
            Layout::vertical([Constraint::Min(8), Constraint::Length(detail_h)]).areas(inner);
        (c, d)
    };
    let [axis, lanes, legend, costs] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(3),
    ])
    .areas(canvas);

    // Time across: every month the same width, as wide as fits (3 to 8 columns).
    let months = i32::try_from(wall.months()).unwrap_or(1).max(1);
    let avail = i32::from(canvas.width.saturating_sub(GUTTER));
    let cw = (avail / months).clamp(3, 8);
    let visible = (avail / cw).clamp(1, months);
    wv.visible.set(visible);
    let first = wall.first + wv.offset.clamp(0, months - visible);
    let geo = Geometry {
        x0: canvas.x + GUTTER,
        right: canvas.x + canvas.width,
        cw,
        first,
        last: first + visible - 1,
    };

    let buf = frame.buffer_mut();
    draw_axis(buf, axis, &geo, wall.period, lang);

    // Each lane's rows (event marks, bars, the undated), and the row of each item.
    let mut rows: [usize; 2] = [0, 0];
    let mut at: Vec<usize> = Vec::new();
    for (l, lane) in wall.lanes.iter().enumerate() {
        // Event marks take their label's width: they get rows of their own.
        let spans: Vec<(Month, Month)> = lane
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Event)
            .map(|i| match i.span {
                Some((m, _)) => {
                    let w = i32::try_from(i.label.width().min(EVENT_LABEL) + 3).unwrap_or(8);
                    (m, m + (w + cw - 1) / cw - 1)
                }
                None => (Month::MAX, Month::MAX),
            })
            .collect();
        let event_rows = pack(&spans, 0);
        let n_events = lane
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Event)
            .zip(event_rows.iter())
            .filter(|(i, _)| i.span.is_some())
            .map(|(_, r)| r + 1)
            .max()
            .unwrap_or(0);
        let undated = n_events + lane.bar_rows;
        rows[l] = undated + usize::from(lane.items.iter().any(|i| i.span.is_none()));
        let mut e = 0;
        for item in &lane.items {
            at.push(match (item.kind, item.span) {
                (_, None) => undated,
                (ItemKind::Event, Some(_)) => event_rows[e],
                (ItemKind::Activity, Some(_)) => n_events + item.row,
            });
            if item.kind == ItemKind::Event {
                e += 1;
            }
        }
    }
    // Both lanes always in sight: each gets the rows it needs, or half of the height (and
    // what the other leaves), and scrolls on its own to keep the chosen item in view.
    let total = usize::from(lanes.height);
    let need = [rows[0] + 1, rows[1] + 1];
    let half = total.saturating_sub(1) / 2;
    let h0 = if need[0] + need[1] < total {
        need[0]
    } else {
        need[0].min(half.max(total.saturating_sub(1 + need[1])))
    };
    let h0 = u16::try_from(h0).unwrap_or(0);
    let lane_areas = [
        Rect::new(lanes.x, lanes.y, lanes.width, h0),
        Rect::new(
            lanes.x,
            lanes.y + h0 + 1,
            lanes.width,
            lanes.height.saturating_sub(h0 + 1),
        ),
    ];
    let chosen_lane = wall.items().nth(selected).map_or(0, |(l, _)| l);
    let mut tops = [0usize; 2];
    for (l, area) in lane_areas.iter().enumerate() {
        if area.height == 0 {
            continue;
        }
        let lane = &wall.lanes[l];
        let body = usize::from(area.height - 1);
        if l == chosen_lane {
            let row = at[selected];
            tops[l] = (row + 1).saturating_sub(body);
        }
        let name = lane_name(lane.scenario, t);
        let more = if tops[l] > 0 || rows[l] > tops[l] + body {
            " ↕"
        } else {
            ""
        };
        buf.set_string(area.x, area.y, lane_mark(l), lane_style(l));
        buf.set_stringn(
            area.x + GUTTER,
            area.y,
            format!(
                "{}  {}{more}",
                name.to_uppercase(),
                lane.total().display(lang)
            ),
            usize::from(area.width.saturating_sub(GUTTER)),
            lane_style(l).add_modifier(Modifier::BOLD),
        );
        for y in area.y + 1..area.y + area.height {
            buf.set_string(area.x, y, lane_mark(l), lane_style(l));
        }
    }
    let y_of = |l: usize, row: usize| -> Option<u16> {
        let area = lane_areas[l];
        let body = usize::from(area.height.saturating_sub(1));
        (row >= tops[l] && row - tops[l] < body)
            .then(|| area.y + 1 + u16::try_from(row - tops[l]).unwrap_or(0))
    };
    let mut undated_x = [lanes.x + GUTTER; 2];
    for (n, (l, item)) in wall.items().enumerate() {
        let Some(y) = y_of(l, at[n]) else { continue };
        let chosen = n == selected;
        let hit = match item.span {
            None => draw_undated(buf, lanes, y, &mut undated_x[l], item, chosen, t),
            Some((a, b)) => match item.kind {
                ItemKind::Event => draw_event(buf, &geo, y, a, item, l, chosen),
                ItemKind::Activity => {
                    let bar = Bar {
                        span: (a, b),
                        item,
                        lane: l,
                        letter: wall.letter(item.payer),
                        chosen,
                    };
                    draw_bar(buf, &geo, y, &bar)
                }
            },
        };
        if let Some(r) = hit {
            app.hits
                .add(r.intersection(lane_areas[l]), Action::Click(Click::Row(n)));
        }
        if chosen {
            buf.set_string(lanes.x, y, "▶", theme::key());
        }
    }

    draw_legend(buf, legend, &wall, s, lang);
    draw_costs(buf, costs, &geo, &wall, t, lang);
    let chosen = wall.items().nth(selected);
    if let Some((l, item)) = chosen {
        let lines = details(s, &wall, l, item, t, lang);
        let block = if inner.width >= SIDE_FROM {
            Block::default()
                .borders(Borders::LEFT)
                .border_style(theme::dim())
        } else {
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme::dim())
        };
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            detail,
        );
    }
}

/// Where the months are on screen.
struct Geometry {
    x0: u16,
    /// The first column right of the wall.
    right: u16,
    cw: i32,
    first: Month,
    last: Month,
}

impl Geometry {
    fn x(&self, m: Month) -> u16 {
        self.x0 + u16::try_from((m - self.first) * self.cw).unwrap_or(0)
    }

    /// The visible part of `a..=b`, if any.
    fn clip(&self, a: Month, b: Month) -> Option<(Month, Month)> {
        let (a, b) = (a.max(self.first), b.min(self.last));
        (a <= b).then_some((a, b))
    }

    fn width(&self, a: Month, b: Month) -> u16 {
        u16::try_from((b - a + 1) * self.cw).unwrap_or(0)
    }
}

fn lane_name(scenario: Scenario, t: &Texts) -> &'static str {
    match scenario {
        Scenario::Intervention => t.ui.actual_short,
        Scenario::Alternative => t.ui.alternative_short,
    }
}

/// Solid for what happened, dashed for the alternative: the same with or without colour.
fn lane_mark(l: usize) -> &'static str {
    if l == 0 { "┃" } else { "┆" }
}

fn lane_style(l: usize) -> Style {
    if l == 0 {
        theme::series_a()
    } else {
        theme::series_b()
    }
}

/// A payer's colour, by its letter (the letter alone tells them apart without colour).
fn payer_style(letter: char) -> Style {
    const COLORS: [Color; 6] = [
        Color::Blue,
        Color::Magenta,
        Color::Green,
        Color::Yellow,
        Color::Cyan,
        Color::Red,
    ];
    match letter {
        'A'..='Z' => theme::colored(COLORS[(letter as usize - 'A' as usize) % COLORS.len()]),
        _ => theme::dim(),
    }
}

fn month_label(m: Month, cw: i32, lang: Lang) -> String {
    let (_, month) = year_month(m);
    if cw >= 4 {
        format::month_short(month, lang).to_string()
    } else {
        month.to_string()
    }
}

fn draw_axis(buf: &mut Buffer, area: Rect, geo: &Geometry, period: Period, lang: Lang) {
    if area.height < 2 {
        return;
    }
    let right = area.x + area.width;
    for m in geo.first..=geo.last {
        let x = geo.x(m);
        if x >= right {
            break;
        }
        let room = usize::from(right - x);
        let (year, month) = year_month(m);
        if month == 1 || m == geo.first {
            buf.set_stringn(x, area.y, year.to_string(), room, theme::heading());
        }
        let style = if period.start_of(m) == m {
            theme::key()
        } else {
            theme::dim()
        };
        buf.set_stringn(
            x,
            area.y + 1,
            month_label(m, geo.cw, lang),
            room.min(usize::try_from(geo.cw - 1).unwrap_or(1)),
            style,
        );
    }
}

fn draw_event(
    buf: &mut Buffer,
    geo: &Geometry,
    y: u16,
    m: Month,
    item: &Item<'_>,
    l: usize,
    chosen: bool,
) -> Option<Rect> {
    geo.clip(m, m)?;
    let x = geo.x(m);
    let right = geo.right;
    let room = usize::from(right.saturating_sub(x));
    let text = format!("◆ {}", truncate(item.label, EVENT_LABEL));
    let mut style = lane_style(l).add_modifier(Modifier::BOLD);
    if chosen {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let (end, _) = buf.set_stringn(x, y, &text, room, style);
    Some(Rect::new(x, y, end.saturating_sub(x).max(1), 1))
}

/// A bar to draw: its months, item, lane and payer letter.
struct Bar<'i, 'a> {
    span: (Month, Month),
    item: &'i Item<'a>,
    lane: usize,
    letter: char,
    chosen: bool,
}

fn draw_bar(buf: &mut Buffer, geo: &Geometry, y: u16, bar: &Bar<'_, '_>) -> Option<Rect> {
    let (a, b) = bar.span;
    let (ca, cb) = geo.clip(a, b)?;
    let x = geo.x(ca);
    // One column apart from the next bar in the row.
    let w = usize::from(geo.width(ca, cb).saturating_sub(1).max(1));
    let cut = if ca > a { "◀" } else { "" };
    let fill = if bar.lane == 0 { ' ' } else { '┄' };
    let mut text = format!("{cut}{} {}", bar.letter, bar.item.label);
    if text.width() > w {
        text = truncate(&text, w);
    }
    let pad = w.saturating_sub(text.width());
    text.extend(std::iter::repeat_n(fill, pad));
    let mut style = payer_style(bar.letter);
    if bar.lane == 0 {
        style = style.add_modifier(Modifier::REVERSED);
    }
    if bar.item.informal {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if bar.chosen {
        style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    }
    buf.set_stringn(x, y, &text, w, style);
    Some(Rect::new(x, y, u16::try_from(w).unwrap_or(1), 1))
}

fn draw_undated(
    buf: &mut Buffer,
    lanes: Rect,
    y: u16,
    x: &mut u16,
    item: &Item<'_>,
    chosen: bool,
    t: &Texts,
) -> Option<Rect> {
    let right = lanes.x + lanes.width;
    if *x == lanes.x + GUTTER {
        let (end, _) = buf.set_stringn(
            *x,
            y,
            format!("{}: ", t.ui.wall_undated),
            usize::from(right.saturating_sub(*x)),
            theme::dim(),
        );
        *x = end;
    }
    if *x >= right {
        return None;
    }
    let mark = if item.kind == ItemKind::Event {
        "◆ "
    } else {
        "▭ "
    };
    let text = format!("{mark}{}", truncate(item.label, 24));
    let style = if chosen {
        theme::focus()
    } else {
        Style::default()
    };
    let start = *x;
    let (end, _) = buf.set_stringn(start, y, &text, usize::from(right - start), style);
    *x = end.saturating_add(2);
    Some(Rect::new(start, y, end.saturating_sub(start).max(1), 1))
}

fn draw_legend(buf: &mut Buffer, area: Rect, wall: &Wall<'_>, s: &Session, lang: Lang) {
    let right = area.x + area.width;
    let mut x = area.x + GUTTER;
    // Only the payers on the wall: the legend is read beside the bars.
    let used = |id: &str| {
        wall.lanes
            .iter()
            .any(|l| l.items.iter().any(|i| i.payer == Some(id)))
    };
    for (id, letter) in wall.payers.iter().filter(|(id, _)| used(id)) {
        if x >= right {
            break;
        }
        let name = s.costs.payer(id).map_or(*id, |p| p.label.get(lang));
        let (end, _) = buf.set_stringn(
            x,
            area.y,
            format!(" {letter} "),
            usize::from(right - x),
            payer_style(*letter).add_modifier(Modifier::REVERSED | Modifier::BOLD),
        );
        let (end, _) = buf.set_stringn(
            end,
            area.y,
            format!(" {name}   "),
            usize::from(right.saturating_sub(end)),
            Style::default(),
        );
        x = end;
    }
}

fn draw_costs(
    buf: &mut Buffer,
    area: Rect,
    geo: &Geometry,
    wall: &Wall<'_>,
    t: &Texts,
    lang: Lang,
) {
    if area.height < 3 {
        return;
    }
    let heading = match wall.period {
        Period::Quarter => t.ui.wall_costs_quarter,
        Period::Year => t.ui.wall_costs_year,
    };
    buf.set_stringn(
        area.x + GUTTER,
        area.y,
        heading,
        usize::from(area.width.saturating_sub(GUTTER)),
        theme::heading(),
    );
    let months = wall.period.months();
    for (l, lane) in wall.lanes.iter().enumerate() {
        let y = area.y + 1 + u16::try_from(l).unwrap_or(0);
        buf.set_string(area.x, y, lane_mark(l), lane_style(l));
        for (p, cost) in lane.per_period.iter().enumerate() {
            let start = wall.first + i32::try_from(p).unwrap_or(0) * months;
            let Some((a, b)) = geo.clip(start, start + months - 1) else {
                continue;
            };
            let w = usize::from(geo.width(a, b).saturating_sub(1));
            if w == 0 || cost.0 == 0 {
                continue;
            }
            let text = cost.display_short(lang, w);
            buf.set_stringn(geo.x(a), y, format!("{text:<w$}"), w, lane_style(l));
        }
    }
}

/// The chosen item, in full.
fn details(
    s: &Session,
    wall: &Wall<'_>,
    l: usize,
    item: &Item<'_>,
    t: &Texts,
    lang: Lang,
) -> Vec<Line<'static>> {
    let kind = match item.kind {
        ItemKind::Event => t.ui.event,
        ItemKind::Activity => t.ui.wall_activity,
    };
    let lane = lane_name(wall.lanes[l].scenario, t);
    let mut lines = vec![
        Line::styled(format!("{kind} · {lane}"), lane_style(l)),
        Line::styled(item.label.to_string(), theme::heading()),
    ];
    let mut add = |label: &str, value: String| {
        if !value.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), theme::dim()),
                Span::raw(value),
            ]));
        }
    };
    let (events, acts) = match wall.lanes[l].scenario {
        Scenario::Intervention => (&s.looking_back.events, &s.looking_back.activities),
        Scenario::Alternative => (&s.alternative.events, &s.alternative.activities),
    };
    match item.kind {
        ItemKind::Event => {
            if let Some(e) = events.get(item.index) {
                add(
                    t.ui.when,
                    e.when.map(|d| d.display(lang)).unwrap_or_default(),
                );
                add(
                    t.f_domain,
                    e.domain_id
                        .as_deref()
                        .and_then(|d| s.domain(d))
                        .map(|d| d.label.get(lang).to_string())
                        .unwrap_or_default(),
                );
            }
        }
        ItemKind::Activity => {
            if let Some(a) = acts.get(item.index) {
                let when = match (a.from, a.to) {
                    (Some(f), Some(u)) => format!("{} – {}", f.display(lang), u.display(lang)),
                    (Some(f), None) => format!("{} –", f.display(lang)),
                    (None, Some(u)) => format!("– {}", u.display(lang)),
                    (None, None) => String::new(),
                };
                add(t.ui.when, when);
                add(t.ui.organisation, a.organisation.clone());
                add(t.f_quantity, format::quantity(a.quantity, a.unit, lang));
                if a.informal {
                    add(t.f_payer, t.ui.wall_informal.to_string());
                } else if let Some(p) = item.payer {
                    let name = s.costs.payer(p).map_or(p, |x| x.label.get(lang));
                    add(t.f_payer, format!("{} {name}", wall.letter(Some(p))));
                }
                add(
                    t.f_cost,
                    item.cost.map(|c| c.display(lang)).unwrap_or_default(),
                );
                if !a.note.is_empty() {
                    add(t.ui.note, a.note.clone());
                }
            }
        }
    }
    if let Some(c) = item.confidence {
        add(t.f_confidence, t.confidence(c).to_string());
    }
    if let Some(w) = item.from_wave {
        add(t.ui.wall_from_wave, format!("T{w}"));
    }
    lines
}
