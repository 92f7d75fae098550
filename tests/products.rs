//! Every printed sum adds up as printed (issue 27.1).
//!
//! A controller who redoes one line by hand and finds another figure stops trusting the
//! rest. So, for every demo case in both languages, this reads every output that writes a
//! cost line: the screens of the three phases that list activities (drawn with
//! `TestBackend`), `show`, the Markdown and HTML reports, the comparison and the
//! portfolio. Every "Q unit × € P [× F] = € A" in them must hold (Q × P × F rounded once
//! to the cent is A), and every row of a report's cost table (quantity, unit price,
//! factor, cost) too. Every priced line of a session must be on its screens as such a
//! product, so that a line written another way (without its factor) cannot hide.

mod common;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::{Decimal, RoundingStrategy};
use tafel::app::state::Screen;
use tafel::app::{Action, App, Start, update};
use tafel::i18n::Lang;
use tafel::model::Phase;
use tafel::store::Library;

/// A number as `lang` writes it: "1.345,45" (Dutch) or "1,345.45" (English).
fn number(text: &str, lang: Lang) -> Option<Decimal> {
    let t: String = text
        .trim()
        .trim_start_matches('€')
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let plain = match lang {
        Lang::Nl => t.replace('.', "").replace(',', "."),
        Lang::En => t.replace(',', ""),
    };
    plain.parse().ok()
}

fn round_cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The products "Q unit × € P [× F [(Y → Y)]] = € A" in `text`, each checked: returns
/// how many were found, and what does not add up.
fn check_products(text: &str, lang: Lang, wrong: &mut Vec<String>) -> usize {
    let mut found = 0;
    for line in text.lines() {
        let mut rest = line;
        // The next " = " that a sum of money follows ("= €", "= -€").
        while let Some(eq) = rest
            .match_indices(" = ")
            .map(|(i, _)| i)
            .find(|&i| rest[i + 3..].starts_with('€') || rest[i + 3..].starts_with("-€"))
        {
            let (left, right) = rest.split_at(eq);
            let right = &right[3..];
            rest = right;
            let Some(times) = left.find(" × ") else {
                continue;
            };
            // Q: the last number before the unit (after a "·" or the start).
            let before = left[..times].rsplit('·').next().unwrap_or("");
            let words: Vec<&str> = before.split_whitespace().collect();
            let Some(q) = words.iter().rev().find_map(|w| number(w, lang)) else {
                wrong.push(format!("no quantity in {line:?}"));
                continue;
            };
            let factors: Vec<&str> = left[times + " × ".len()..].split(" × ").collect();
            let price = number(factors[0], lang);
            let factor = factors
                .get(1)
                .map(|f| number(f.split(" (").next().unwrap_or(""), lang));
            // A: "€ 3.215,35" up to the first space after a digit.
            let mut amount_text = String::new();
            for c in right.trim_start().chars() {
                let after_digit = amount_text.ends_with(|d: char| d.is_ascii_digit());
                if c.is_ascii_digit() || ".,€-".contains(c) || (c == ' ' && !after_digit) {
                    amount_text.push(c);
                } else {
                    break;
                }
            }
            let amount = number(amount_text.trim_end_matches(['.', ',', ' ']), lang);
            let (Some(price), Some(amount)) = (price, amount) else {
                wrong.push(format!("unreadable product in {line:?}"));
                continue;
            };
            let factor = match factor {
                None => Decimal::ONE,
                Some(Some(f)) => f,
                Some(None) => {
                    wrong.push(format!("unreadable factor in {line:?}"));
                    continue;
                }
            };
            found += 1;
            if round_cents(q * price * factor) != amount {
                wrong.push(format!(
                    "{q} × {price} × {factor} = {} printed as {amount}: {line:?}",
                    q * price * factor
                ));
            }
        }
    }
    found
}

/// The rows of every Markdown table with a quantity, unit price, factor and cost column,
/// each checked; returns how many rows were.
fn check_cost_tables(markdown: &str, lang: Lang, wrong: &mut Vec<String>) -> usize {
    let t = lang.texts();
    let mut rows = 0;
    let mut columns: Option<(usize, usize, usize, usize)> = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let at = |name: &str| cells.iter().position(|c| *c == name);
        if let (Some(q), Some(p), Some(f), Some(c)) = (
            at(t.f_quantity),
            at(t.f_unit_price),
            at(t.report.factor),
            at(t.f_cost),
        ) {
            columns = Some((q, p, f, c));
            continue;
        }
        let Some((qi, pi, fi, ci)) = columns else {
            continue;
        };
        if cells
            .iter()
            .all(|c| c.starts_with("---") || c.starts_with(":--"))
        {
            continue;
        }
        let (Some(qc), Some(pc), Some(fc), Some(cc)) =
            (cells.get(qi), cells.get(pi), cells.get(fi), cells.get(ci))
        else {
            continue;
        };
        // A line without a price, informal help, or the total row: nothing to multiply.
        let Some(cost) = number(cc, lang) else {
            continue;
        };
        let (Some(q), Some(p)) = (
            qc.split_whitespace().next().and_then(|w| number(w, lang)),
            number(pc.trim_end_matches(" *").trim_end_matches(" \\*"), lang),
        ) else {
            continue;
        };
        let f = if fc.is_empty() {
            Decimal::ONE
        } else {
            number(fc, lang).unwrap_or(Decimal::ONE)
        };
        rows += 1;
        if round_cents(q * p * f) != cost {
            wrong.push(format!("table row {q} × {p} × {f} ≠ {cost}: {line}"));
        }
    }
    rows
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| tafel::ui::render(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

fn lang_arg(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    }
}

fn cli(data: &Path, lang: Lang, args: &[&str]) -> String {
    let mut all = vec!["--lang", lang_arg(lang)];
    all.extend_from_slice(args);
    let o = common::tafel(data, &all);
    assert!(o.status.success(), "{args:?}: {}", common::stderr(&o));
    common::stdout(&o)
}

fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace("&amp;", "&")
}

#[test]
fn every_cost_line_adds_up_as_printed_on_every_screen_and_page() {
    let (dir, data) = common::demo_library();
    let lib = Library::open(&data).unwrap();
    let sessions = tafel::demo::sessions(&tafel::catalog::Catalog::builtin());
    let mut wrong = Vec::new();
    let mut products = 0;
    let mut rows = 0;
    for lang in [Lang::Nl, Lang::En] {
        for s in &sessions {
            let id = s.id.to_string();
            // The screens: every phase that lists activities, tall enough for all.
            let mut app = App::new(
                lang,
                common::clock(),
                lib.clone(),
                Start::Open(lib.path_for(s.id)),
            );
            let mut screens = String::new();
            for phase in [Phase::LookingBack, Phase::Alternative, Phase::Costs] {
                update(&mut app, Action::GoToPhase(phase));
                assert!(matches!(app.screen, Screen::Session(_)));
                screens.push_str(&draw(&app, 240, 200));
            }
            products += check_products(&screens, lang, &mut wrong);
            for l in tafel::model::costs::cost_lines(s) {
                if let Some(p) = tafel::i18n::format::cost_product(&l, lang) {
                    let p = p.replace('\u{a0}', " ");
                    if !screens.contains(&p) {
                        wrong.push(format!(
                            "{} ({}): {p:?} is not on its screens",
                            s.preparation.case_code,
                            lang_arg(lang)
                        ));
                    }
                }
            }
            // The pages.
            let shown = cli(&data, lang, &["show", &id]);
            products += check_products(&shown, lang, &mut wrong);
            let md = dir.path().join(format!("{id}-{}.md", lang_arg(lang)));
            let html = dir.path().join(format!("{id}-{}.html", lang_arg(lang)));
            for (format, out) in [("markdown", &md), ("html", &html)] {
                cli(
                    &data,
                    lang,
                    &[
                        "export",
                        &id,
                        "--format",
                        format,
                        "-o",
                        out.to_str().unwrap(),
                    ],
                );
            }
            let md = std::fs::read_to_string(&md).unwrap();
            products += check_products(&md, lang, &mut wrong);
            rows += check_cost_tables(&md, lang, &mut wrong);
            let html = html_text(&std::fs::read_to_string(&html).unwrap());
            products += check_products(&html, lang, &mut wrong);
        }
        for format in ["text", "markdown"] {
            let pf = cli(
                &data,
                lang,
                &["portfolio", "--include-demo", "--format", format],
            );
            products += check_products(&pf, lang, &mut wrong);
        }
        let compared = cli(
            &data,
            lang,
            &[
                "compare",
                "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31",
                "8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74",
            ],
        );
        products += check_products(&compared, lang, &mut wrong);
    }
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let _ = std::fs::write(
        figures.join("products.txt"),
        format!(
            "printed sums: {products} products and {rows} cost table rows of the demo, in Dutch and English, checked; {} wrong\n",
            wrong.len()
        ),
    );
    assert!(products > 50, "only {products} products found");
    assert!(rows > 50, "only {rows} table rows found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_a_sum_that_does_not_add_up() {
    let mut wrong = Vec::new();
    let n = check_products(
        "Activiteit 1 · 54 uur × € 55,80 = € 3.215,35 · Casusregie",
        Lang::Nl,
        &mut wrong,
    );
    assert_eq!(n, 1);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    let mut right = Vec::new();
    check_products(
        "Activity 1 · 54 hours × €55.80 × 1.067089 (2023 → 2025) = €3,215.35 · Case",
        Lang::En,
        &mut right,
    );
    assert!(right.is_empty(), "{right:?}");
}

/// Issue 27.2: the largest figure is the central estimate (sure + likely), and the range
/// stands beside it in the same type; the most favourable figure (everything counted) is
/// never shown alone, in the report's key figures or in the table view (F4).
#[test]
fn the_headline_is_the_central_estimate_with_its_range_beside_it() {
    let (dir, data) = common::demo_library();
    let lib = Library::open(&data).unwrap();
    let mut checked = 0;
    for lang in [Lang::Nl, Lang::En] {
        let r = &lang.texts().report;
        for s in tafel::demo::sessions(&tafel::catalog::Catalog::builtin()) {
            if s.alternative.activities.is_empty() {
                continue;
            }
            let range = tafel::model::costs::summarise(&tafel::model::costs::cost_lines(&s))
                .difference_range();
            let [sure, central, all] = range.levels().map(|c| c.display_signed(lang));
            let md = dir.path().join(format!("h-{}-{}.md", s.id, lang_arg(lang)));
            cli(
                &data,
                lang,
                &[
                    "export",
                    &s.id.to_string(),
                    "--format",
                    "markdown",
                    "-o",
                    md.to_str().unwrap(),
                ],
            );
            let md = std::fs::read_to_string(&md).unwrap();
            let key: Vec<&str> = md
                .lines()
                .skip_while(|l| !l.contains(r.key_figures))
                .skip(1)
                .take_while(|l| !l.starts_with('#'))
                .filter(|l| l.starts_with("- "))
                .collect();
            let headline = key
                .iter()
                .find(|l| l.contains(r.difference_central))
                .unwrap_or_else(|| panic!("no central estimate in {key:?}"));
            let (c, a, b) = (
                headline.find(&central).unwrap(),
                headline.find(&sure).unwrap(),
                headline.rfind(&all).unwrap(),
            );
            assert!(c < a && a < b, "central first, then its range: {headline}");
            for l in &key {
                assert!(
                    !l.contains(&all) || l.contains(&sure),
                    "everything counted, shown without the range: {l}"
                );
            }
            // The table view: the central figure in big glyphs, the range under it.
            let mut app = App::new(
                lang,
                common::clock(),
                lib.clone(),
                Start::Open(lib.path_for(s.id)),
            );
            update(&mut app, Action::GoToPhase(Phase::Costs));
            update(&mut app, Action::ToggleTableView);
            let screen = draw(&app, 120, 40);
            assert!(screen.contains(r.difference_central), "{screen}");
            assert!(screen.contains(lang.texts().ui.range_caption), "{screen}");
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked}");
}
