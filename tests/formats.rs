//! One formatter for every output: a quantity reads the same on the screen, in `tafel
//! show`, in the Markdown and in the HTML report, in Dutch ("1,5 uur") and in English
//! ("1.5 hours", "80 hours", "1 visit", "2 visits").

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use tafel::app::{Action, App, Start, update};
use tafel::catalog::Catalog;
use tafel::i18n::Lang;
use tafel::model::{Activity, Phase, Session, Unit};
use tafel::report::{Exported, Format, export_session};
use tafel::store::Library;

fn activity(id: &str, what: &str, quantity: &str, unit: Unit, price: &str) -> Activity {
    Activity {
        id: id.into(),
        what: what.into(),
        quantity: quantity.parse::<Decimal>().unwrap(),
        unit,
        price_id: Some(price.into()),
        ..Activity::default()
    }
}

fn session() -> Session {
    let c = Catalog::builtin();
    let mut s = Session::new(&common::clock(), c.domains, c.prices, c.payers);
    s.preparation.case_code = "FMT-01".into();
    s.looking_back.activities = vec![
        activity("a1", "Kort gesprek", "1.5", Unit::Hour, "WRK-01"),
        activity("a2", "Begeleiding", "80", Unit::Hour, "WRK-01"),
        activity("a3", "Eén bezoek", "1", Unit::Visit, "GZ-01"),
        activity("a4", "Twee bezoeken", "2", Unit::Visit, "GZ-01"),
    ];
    s
}

fn file_text(e: Exported) -> String {
    match e {
        Exported::File(t) => t,
        Exported::Folder(_) => panic!("a file export"),
    }
}

/// The looking-back phase on screen, as text.
fn screen(lib: &Library, s: &Session, lang: Lang) -> String {
    let mut app = App::new(
        lang,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(s.id)),
    );
    update(&mut app, Action::GoToPhase(Phase::LookingBack));
    let (w, h) = (200, 60);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn quantities_read_the_same_in_every_output_and_language() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lib = Library::open(&data).unwrap();
    let s = session();
    lib.save(&s).unwrap();
    let id = s.id.to_string();
    for (lang, code, want, wrong) in [
        (
            Lang::Nl,
            "nl",
            vec!["1,5 uur", "80 uur", "1 bezoek", "2 bezoeken"],
            vec!["1.5 uur", "1.5 hour"],
        ),
        (
            Lang::En,
            "en",
            vec!["1.5 hours", "80 hours", "1 visit", "2 visits"],
            vec!["80 hour ", "2 visit ", "1,5"],
        ),
    ] {
        let shown = common::tafel(&data, &["--lang", code, "show", &id]);
        assert!(shown.status.success(), "{}", common::stderr(&shown));
        let outputs = [
            ("show", common::stdout(&shown)),
            (
                "markdown",
                file_text(export_session(&s, lang, Format::Markdown, false)),
            ),
            (
                "html",
                file_text(export_session(&s, lang, Format::Html, false)),
            ),
            ("screen", screen(&lib, &s, lang)),
        ];
        for (what, text) in &outputs {
            // Table cells may be padded: compare with single spaces.
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ") + " ";
            for w in &want {
                assert!(flat.contains(w), "{what} ({code}) lacks {w:?}");
            }
            for w in &wrong {
                assert!(!flat.contains(w), "{what} ({code}) says {w:?}");
            }
        }
    }
}

/// Issue 15.8: payers appear in one order, the payer list's, in `show`, the reports, the
/// JSON export and on screen.
#[test]
fn payers_appear_in_the_payer_lists_order_everywhere() {
    let c = Catalog::builtin();
    let mut s = Session::new(&common::clock(), c.domains, c.prices, c.payers);
    // Payers given in the opposite order of the list.
    let mut ids: Vec<String> = s.costs.payers.iter().map(|p| p.id.clone()).collect();
    ids.truncate(3);
    for (n, id) in ids.iter().rev().enumerate() {
        let mut a = activity(&format!("a{n}"), "Iets", "1", Unit::Hour, "WRK-01");
        a.payer_id = Some(id.clone());
        s.looking_back.activities.push(a);
    }
    let labels: Vec<String> = ids
        .iter()
        .map(|id| {
            s.costs
                .payers
                .iter()
                .find(|p| &p.id == id)
                .unwrap()
                .label
                .nl
                .clone()
        })
        .collect();
    let in_order = |what: &str, text: &str| {
        let pos: Vec<usize> = labels
            .iter()
            .map(|l| {
                text.find(l.as_str())
                    .unwrap_or_else(|| panic!("{what} lacks {l}"))
            })
            .collect();
        assert!(
            pos.windows(2).all(|w| w[0] < w[1]),
            "{what}: {labels:?} at {pos:?}"
        );
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lib = Library::open(&data).unwrap();
    lib.save(&s).unwrap();
    let shown = common::tafel(&data, &["--lang", "nl", "show", &s.id.to_string()]);
    let show = common::stdout(&shown);
    in_order("show", &show[show.find("Per betaler").unwrap()..]);
    let md = file_text(export_session(&s, Lang::Nl, Format::Markdown, false));
    in_order("markdown", &md[md.find("Per betaler").unwrap()..]);
    let json = file_text(export_session(&s, Lang::Nl, Format::Json, false));
    in_order("json", &json[json.find("\"per_payer\"").unwrap()..]);
    let mut app = App::new(
        Lang::Nl,
        common::clock(),
        lib.clone(),
        Start::Open(lib.path_for(s.id)),
    );
    update(&mut app, Action::GoToPhase(Phase::Costs));
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
    let buf = terminal.backend().buffer();
    let screen: String = (0..45)
        .map(|y| (0..160).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect();
    in_order("screen", &screen);
}

/// Issue 15.8: the fictional demo cases have unmistakable codes and stay out of library
/// exports unless asked for.
#[test]
fn demo_cases_are_marked_and_stay_out_of_library_exports() {
    let (_d, data) = common::demo_library();
    for f in common::session_files(&data) {
        let code = common::json(&f)["preparation"]["case_code"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(code.starts_with("DEMO-"), "{code}");
    }
    let o = common::tafel_en(&data, &["export", "--all", "--format", "jsonl"]);
    assert!(o.status.success());
    assert!(!common::stdout(&o).contains("\"table\":\"sessions\""));
    assert!(
        common::stderr(&o).contains("--include-demo"),
        "{}",
        common::stderr(&o)
    );
    let o = common::tafel_en(
        &data,
        &["export", "--all", "--include-demo", "--format", "jsonl"],
    );
    assert!(common::stdout(&o).contains("DEMO-GR-07"));
}

/// The figures of an export: its cost lines and totals (the session copy inside it holds
/// the price list, which a compact file shortens on purpose).
fn figures(s: &Session, lang: Lang) -> (serde_json::Value, serde_json::Value, String) {
    let json: serde_json::Value =
        serde_json::from_str(&file_text(export_session(s, lang, Format::Json, false))).unwrap();
    let report = file_text(export_session(s, lang, Format::Markdown, false));
    (json["cost_lines"].clone(), json["totals"].clone(), report)
}

#[test]
fn an_older_file_keeps_every_figure_when_saved_compactly() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["session-v1.json", "session-v1-full-price-list.json"] {
        let old_path = fixtures.join(name);
        let old = tafel::store::load(&old_path).unwrap().session;
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        lib.save(&old).unwrap();
        let new_path = lib.path_for(old.id);
        let new = tafel::store::load(&new_path).unwrap().session;
        for lang in [Lang::Nl, Lang::En] {
            assert_eq!(figures(&old, lang), figures(&new, lang), "{name} {lang:?}");
        }
        let (before, after) = (
            std::fs::metadata(&old_path).unwrap().len(),
            std::fs::metadata(&new_path).unwrap().len(),
        );
        assert!(after <= before, "{name}: {before} -> {after} bytes");
        if name.contains("full-price-list") {
            // 87 prices in the old file, the nine it uses in the new one.
            assert!(old.costs.price_list.items.len() > 80);
            assert!(new.costs.price_list.items.len() < 12);
            assert!(after * 4 < before, "{before} -> {after} bytes");
        }
    }
}

#[test]
fn every_demo_session_file_is_at_most_30_kb() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    for s in tafel::demo::sessions(&Catalog::builtin()) {
        lib.save(&s).unwrap();
        let size = std::fs::metadata(lib.path_for(s.id)).unwrap().len();
        assert!(
            size <= 30 * 1024,
            "{} T{}: {size} bytes",
            s.preparation.case_code,
            s.preparation.wave
        );
    }
}

/// The worked example of README.md ("Figures"): every figure in it is what tafel prints,
/// and is in the README as written.
#[test]
fn the_readmes_worked_example_is_what_tafel_prints() {
    let readme = include_str!("../README.md");
    let (_d, data) = common::demo_library();
    let show = common::stdout(&common::tafel(&data, &["show", "8d2f"]));
    let out = std::env::temp_dir().join(format!("tafel-worked-{}.json", std::process::id()));
    let o = common::tafel(
        &data,
        &[
            "export",
            "8d2f",
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let _ = std::fs::remove_file(&out);
    let money = |cents: i64| tafel::model::Cents(cents).display(Lang::Nl);

    // One line, indexed from 2023: factor, cost, nominal, band.
    let line = json["cost_lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["what"].as_str().unwrap().starts_with("Persoonsgerichte"))
        .unwrap();
    assert_eq!(line["index_factor"], "1.067089");
    let figures = [
        "1,067089".to_string(),
        money(line["indexed_cost_cents"].as_i64().unwrap()),
        money(line["cost_cents"].as_i64().unwrap()),
        money(line["band_low_cents"].as_i64().unwrap()),
        money(line["band_high_cents"].as_i64().unwrap()),
    ];
    assert_eq!(figures[1], "€ 9.288,80");
    // The levels of the alternative and of the difference.
    let t = &json["totals"];
    let levels = |key: &str| ["high", "high_medium", "all"].map(|l| t[key][l].as_i64().unwrap());
    let mut all = figures.to_vec();
    all.extend(levels("alternative_range_cents").map(money));
    all.extend(
        levels("difference_range_cents").map(|c| tafel::model::Cents(c).display_signed(Lang::Nl)),
    );
    all.push(money(t["intervention_cents"].as_i64().unwrap()));
    assert_eq!(t["price_year"], 2025);
    for f in &all {
        assert!(readme.contains(f.as_str()), "README lacks {f}");
    }
    // The sentence and the printed line are those of `show`.
    assert!(
        show.contains("1,067089") && show.contains("€ 9.288,80"),
        "{show}"
    );
    let sentence = tafel::i18n::format::range_sentence(
        tafel::model::costs::Range {
            high: tafel::model::Cents(levels("difference_range_cents")[0]),
            high_medium: tafel::model::Cents(levels("difference_range_cents")[1]),
            all: tafel::model::Cents(levels("difference_range_cents")[2]),
        },
        Lang::Nl,
    );
    let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat(&show).contains(&sentence), "{sentence}");
    assert!(flat(readme).contains(&sentence), "{sentence}");
}
