//! The portfolio against a library whose answer is known by hand: three cases (two with a
//! T1, one without consent for reporting) and a copy of one file under another name.

mod common;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tafel::model::costs::{Payer, PriceItem, PriceList, Source};
use tafel::model::scenario::Activity;
use tafel::model::{
    Cents, Confidence, ConsentScope, EndReason, LifeDomain, Localized, Score, SeriesEnd, Session,
    Unit,
};
use tafel::store::Library;

fn list() -> PriceList {
    let item = |id: &str, unit, cents, payer: &str| PriceItem {
        id: id.into(),
        label: Localized::new(id, id),
        unit,
        amount_cents: Some(Cents(cents)),
        price_year: Some(2025),
        default_payer: Some(payer.into()),
        source: Source::default(),
        ..PriceItem::default()
    };
    PriceList {
        name: "test".into(),
        items: vec![
            item("P1", Unit::Hour, 10_000, "gemeente"),
            item("P2", Unit::Month, 5_000, "zvw"),
        ],
        ..PriceList::default()
    }
}

fn payers() -> Vec<Payer> {
    vec![
        Payer {
            id: "gemeente".into(),
            label: Localized::new("Gemeente", "Municipality"),
        },
        Payer {
            id: "zvw".into(),
            label: Localized::new("Zorgverzekeraar", "Health insurer"),
        },
    ]
}

fn act(id: &str, price: &str, qty: i64, conf: Option<Confidence>) -> Activity {
    Activity {
        id: id.into(),
        what: format!("{price} × {qty}"),
        price_id: Some(price.into()),
        quantity: qty.into(),
        unit: if price == "P1" {
            Unit::Hour
        } else {
            Unit::Month
        },
        confidence: conf,
        ..Activity::default()
    }
}

/// A session of case `code`, wave `wave`, with consent for reporting unless `consent` is
/// false, and `geld` scored `start` → `now`.
fn session(code: &str, series: Option<&Session>, consent: bool, start: u8, now: u8) -> Session {
    let domains = vec![LifeDomain {
        id: "geld".into(),
        label: Localized::new("Geld", "Money"),
        hint: Localized::default(),
    }];
    let mut s = match series {
        Some(earlier) => tafel::model::series::follow_up(
            earlier,
            &tafel::model::Clock::on(chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()),
        )
        .unwrap(),
        None => Session::new(&common::clock(), domains, list(), payers()),
    };
    s.preparation.project = "P".into();
    s.preparation.case_code = code.into();
    s.preparation.consent.given = true;
    s.preparation.consent.scope = if consent {
        ConsentScope::AnonymisedReporting
    } else {
        ConsentScope::SessionOnly
    };
    s.outcomes.domains[0].score_start = Score::new(start);
    s.outcomes.domains[0].score_now = Score::new(now);
    s.looking_back.activities.clear();
    s.alternative.activities.clear();
    s
}

struct Built {
    _dir: tempfile::TempDir,
    data: PathBuf,
    copy: PathBuf,
}

fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lib = Library::open(&data).unwrap();
    // Case A: T0 and T1 (the T1 ended the series: goal reached).
    let mut a0 = session("A", None, true, 3, 5);
    a0.looking_back.activities = vec![act("a1", "P1", 10, None)];
    a0.alternative.activities = vec![act("a1", "P2", 4, Some(Confidence::High))];
    let mut a1 = session("A", Some(&a0), true, 3, 7);
    a1.looking_back.activities = vec![act("a1", "P1", 20, None)];
    a1.alternative.activities = vec![
        act("a1", "P2", 6, Some(Confidence::High)),
        act("a2", "P1", 10, Some(Confidence::Low)),
    ];
    a1.wrap_up.series_end = Some(SeriesEnd {
        reason: EndReason::GoalReached,
        on: None,
        note: String::new(),
    });
    // Case B: a T0 only, overdue.
    let mut b0 = session("B", None, true, 6, 5);
    b0.looking_back.activities = vec![act("a1", "P2", 5, None)];
    b0.alternative.activities = vec![act("a1", "P1", 30, Some(Confidence::Medium))];
    b0.wrap_up.follow_up_date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1);
    // Case C: two waves, consent for the session only.
    let mut c0 = session("C", None, false, 1, 9);
    c0.looking_back.activities = vec![act("a1", "P1", 999, None)];
    let c1 = session("C", Some(&c0), false, 1, 9);
    for s in [&a0, &a1, &b0, &c0, &c1] {
        lib.save(s).unwrap();
    }
    // A sync service's conflicted copy of A's T1.
    let copy = lib.sessions_dir().join("A-T1 (conflicted copy).json");
    std::fs::copy(lib.path_for(a1.id), &copy).unwrap();
    Built {
        _dir: dir,
        data,
        copy,
    }
}

fn portfolio_json(data: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["portfolio", "--format", "json", "--price-year", "nominal"];
    args.extend_from_slice(extra);
    let out = common::tafel(data, &args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    serde_json::from_str(&common::stdout(&out)).unwrap()
}

#[test]
fn every_field_of_a_portfolio_known_by_hand() {
    let b = build();
    // Twice: the second comes from the figures cache and must say the same.
    for round in 0..2 {
        let v = portfolio_json(&b.data, &[]);
        assert_eq!(v["format"], "tafel-portfolio/1");
        assert_eq!(v["price_year"], Value::Null);
        let p = &v["projects"][0];
        assert_eq!(v["projects"].as_array().unwrap().len(), 1);
        assert_eq!(p["project"], "P");
        assert_eq!(p["cases"], 2, "round {round}");
        assert_eq!(p["sessions"], 3);
        assert_eq!(p["waves"], json!({"0": 2, "1": 1}));
        assert_eq!(p["follow_ups_held"], 1);
        assert_eq!(p["follow_ups_due"], 0);
        assert_eq!(p["follow_ups_overdue"], 1, "B; A ended");
        assert_eq!(p["series_ended"], json!({"goal_reached": 1}));
        assert_eq!(p["left_out_no_consent"], 1);
        assert_eq!(
            p["duplicates"],
            json!([b.copy.display().to_string()]),
            "listed, counted once"
        );
        assert_eq!(
            p["per_payer"],
            json!([
                {
                    "payer_id": "gemeente", "payer_label": "Gemeente",
                    "intervention_cents": 200_000, "alternative_cents": 400_000,
                    "difference_cents": 200_000,
                    "difference_median_cents": 100_000,
                    "difference_min_cents": -100_000, "difference_max_cents": 300_000,
                    "difference_range_cents": {"high": -200_000, "high_medium": 100_000, "all": 200_000}
                },
                {
                    "payer_id": "zvw", "payer_label": "Zorgverzekeraar",
                    "intervention_cents": 25_000, "alternative_cents": 30_000,
                    "difference_cents": 5_000,
                    "difference_median_cents": 2_500,
                    "difference_min_cents": -25_000, "difference_max_cents": 30_000,
                    "difference_range_cents": {"high": 5_000, "high_medium": 5_000, "all": 5_000}
                }
            ])
        );
        assert_eq!(
            p["totals"],
            json!({
                "intervention_cents": 225_000, "alternative_cents": 430_000,
                "difference_cents": 205_000,
                "difference_range_cents": {"high": -195_000, "high_medium": 105_000, "all": 205_000}
            })
        );
        assert_eq!(
            p["domains"],
            json!([{
                "domain_id": "geld", "label": "Geld", "cases": 2,
                "better": 1, "same": 0, "worse": 1, "median_change": "1.5"
            }])
        );
        let cases = p["cases_detail"].as_array().unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0]["case_code"], "A");
        assert_eq!(cases[0]["latest_wave"], 1);
        assert_eq!(cases[0]["intervention_cents"], 200_000);
        assert_eq!(cases[0]["alternative_cents"], 130_000);
        assert_eq!(cases[0]["difference_cents"], -70_000);
        assert_eq!(cases[0]["series_end_reason"], "goal_reached");
        assert_eq!(cases[1]["case_code"], "B");
        assert_eq!(cases[1]["latest_wave"], 0);
        assert_eq!(cases[1]["difference_cents"], 275_000);
        assert!(b.data.join("sessions/.figures.bin").exists());
    }
    // That second round read no file: every figure came from the cache.
    let catalog = tafel::catalog::Catalog::builtin();
    let level = tafel::model::costs::PriceLevel::Nominal;
    let again =
        tafel::store::figures::collect(&b.data.join("sessions"), level, &catalog.prices.index)
            .unwrap();
    assert_eq!(again.read, 0, "no file read again");
    assert!(again.from_cache >= 3, "{}", again.from_cache);
    // The facilitator's own view counts C too; never in a shared format.
    let own = common::tafel(
        &b.data,
        &[
            "portfolio",
            "--include-unconsented",
            "--price-year",
            "nominal",
        ],
    );
    assert!(own.status.success());
    let own = common::stdout(&own);
    assert!(own.contains("Casussen: 3"), "{own}");
    let bad = common::tafel(
        &b.data,
        &["portfolio", "--include-unconsented", "--format", "html"],
    );
    assert!(!bad.status.success());
}

#[test]
fn the_cache_is_never_trusted_over_a_changed_file_and_holds_no_text() {
    let b = build();
    let before = portfolio_json(&b.data, &[]);
    let cache = std::fs::read(b.data.join("sessions/.figures.bin")).unwrap();
    let count = |text: &str| {
        cache
            .windows(text.len())
            .filter(|w| *w == text.as_bytes())
            .count()
    };
    for text in ["P1 × 10", "Geld"] {
        // Labels of payers and domains are codes' names; the activity texts never go in.
        if text == "Geld" {
            assert_eq!(count(text), 1, "a label is kept once");
        } else {
            assert_eq!(count(text), 0, "{text} is conversation text");
        }
    }
    // Change a file behind tafel's back: the next portfolio reads it again.
    let lib = Library::open(&b.data).unwrap();
    let b0 = common::session_files(&b.data)
        .into_iter()
        .map(|p| tafel::store::load(&p).unwrap())
        .find(|l| l.session.preparation.case_code == "B")
        .unwrap();
    let mut s = b0.session;
    s.looking_back.activities[0].quantity = 6.into();
    lib.save(&s).unwrap();
    let after = portfolio_json(&b.data, &[]);
    assert_eq!(
        after["projects"][0]["totals"]["intervention_cents"]
            .as_i64()
            .unwrap()
            - before["projects"][0]["totals"]["intervention_cents"]
                .as_i64()
                .unwrap(),
        5_000
    );
    // A damaged cache is ignored and rewritten.
    std::fs::write(b.data.join("sessions/.figures.bin"), "{not json").unwrap();
    assert_eq!(portfolio_json(&b.data, &[]), after);
    let rewritten = std::fs::read(b.data.join("sessions/.figures.bin")).unwrap();
    assert!(!rewritten.starts_with(b"{not json"), "{rewritten:?}");
    // So is a cache cut short, or one with a byte changed: never read as figures.
    for damage in [rewritten.len() / 2, rewritten.len() - 1] {
        let mut broken = rewritten.clone();
        broken.truncate(damage);
        std::fs::write(b.data.join("sessions/.figures.bin"), &broken).unwrap();
        assert_eq!(portfolio_json(&b.data, &[]), after, "cut at {damage}");
    }
    // The JSON-lines cache of earlier versions is removed, as it held case codes.
    let old = b.data.join("sessions/.figures.jsonl");
    std::fs::write(&old, "[\"CASE-CODE\"]\n").unwrap();
    std::fs::remove_file(b.data.join("sessions/.figures.bin")).unwrap();
    assert_eq!(portfolio_json(&b.data, &[]), after);
    assert!(!old.exists(), "the old cache is gone");
}

/// Whether Python's DuckDB is here; when not, the test says it is skipped.
fn duckdb_here() -> bool {
    let python = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .output();
    let here = python.is_ok_and(|o| o.status.success());
    if !here {
        common::skip_for_missing("duckdb", "python3 -m pip install duckdb");
    }
    here
}

/// The rows of `sql` in DuckDB, after the statements of `setup` (separated by `;`).
fn duckdb_rows(setup: &str, sql: &str) -> Vec<Vec<Value>> {
    let check = std::process::Command::new("python3")
        .args([
            "-c",
            "import duckdb, json, sys; d = duckdb.connect(); d.execute('SET enable_progress_bar = false'); [d.execute(s) for s in sys.argv[1].split(';') if s.strip()]; print(json.dumps([list(r) for r in d.execute(sys.argv[2]).fetchall()]))",
            setup,
            sql,
        ])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    serde_json::from_slice(&check.stdout).unwrap()
}

#[test]
fn the_portfolio_adds_no_wave_twice_and_matches_the_library_export_in_duckdb() {
    let b = build();
    let v = portfolio_json(&b.data, &[]);
    let csv = b.data.join("all-csv");
    let out = common::tafel(
        &b.data,
        &[
            "export",
            "--all",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    if !duckdb_here() {
        return;
    }
    // The README's query, per project and payer, over the latest wave of each series.
    let sql = include_str!("portfolio.sql");
    let csv = csv.display();
    let rows = duckdb_rows(
        &format!(
            "CREATE VIEW sessions AS SELECT * FROM read_csv('{csv}/sessions.csv', header=true); \
             CREATE VIEW cost_lines AS SELECT * FROM read_csv('{csv}/cost_lines.csv', header=true)"
        ),
        sql,
    );
    let p = &v["projects"][0];
    for pp in p["per_payer"].as_array().unwrap() {
        let row = rows
            .iter()
            .find(|r| r[0] == "P" && r[1] == pp["payer_id"])
            .unwrap_or_else(|| panic!("no SQL row for {pp}"));
        assert_eq!(row[2], pp["intervention_cents"], "{pp}");
        assert_eq!(row[3], pp["alternative_cents"], "{pp}");
    }
    let sum = |i: usize| rows.iter().map(|r| r[i].as_i64().unwrap()).sum::<i64>();
    assert_eq!(sum(2), p["totals"]["intervention_cents"].as_i64().unwrap());
    assert_eq!(sum(3), p["totals"]["alternative_cents"].as_i64().unwrap());
}

#[test]
fn the_bench_query_over_the_session_files_gives_the_portfolios_per_payer_totals() {
    // scripts/portfolio_duckdb.sql is the researcher's way without tafel (and the bench's
    // comparison): straight from the files, with a duplicate, a follow-up and a case
    // without consent among them.
    let b = build();
    let v = portfolio_json(&b.data, &[]);
    if !duckdb_here() {
        return;
    }
    let sql = include_str!("../scripts/portfolio_duckdb.sql")
        .replace("DIR", b.data.join("sessions").to_str().unwrap());
    let rows = duckdb_rows("", &sql);
    let mut expected: Vec<Vec<Value>> = Vec::new();
    for p in v["projects"].as_array().unwrap() {
        for pp in p["per_payer"].as_array().unwrap() {
            expected.push(vec![
                p["project"].clone(),
                pp["payer_id"].clone(),
                pp["intervention_cents"].clone(),
                pp["alternative_cents"].clone(),
            ]);
        }
    }
    let key = |r: &Vec<Value>| (r[0].to_string(), r[1].to_string());
    expected.sort_by_key(key);
    let mut rows = rows;
    rows.sort_by_key(key);
    assert!(!expected.is_empty());
    assert_eq!(rows, expected);
}

#[test]
fn the_html_portfolio_is_one_page_without_anything_from_outside() {
    let b = build();
    let out = common::tafel(
        &b.data,
        &["portfolio", "--format", "html", "--price-year", "nominal"],
    );
    assert!(out.status.success());
    let html = common::stdout(&out);
    assert!(
        html.contains("<svg") && html.contains("chart arena"),
        "the arena"
    );
    assert!(html.contains("Content-Security-Policy"));
    // Nothing is fetched from elsewhere: no scripts, no sources, no links out (the only
    // "http://" is the SVG namespace).
    for outside in ["https://", "<script", " src=", "<link"] {
        assert!(!html.contains(outside), "{outside}");
    }
    assert_eq!(
        html.matches("http://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    // Anonymous: no case code, no file name, no learning points.
    assert!(html.contains("conflicted copy") && html.contains(">A T1<"));
    let anon = common::tafel(&b.data, &["portfolio", "--format", "html", "--anonymous"]);
    assert!(anon.status.success(), "{}", common::stderr(&anon));
    let anon = common::stdout(&anon);
    assert!(
        !anon.contains("conflicted copy") && !anon.contains(">A T1<"),
        "{anon}"
    );
}

/// README.md's "Portfolio" section: its query is the one `tests/portfolio.sql` runs, and the
/// demo's example of the latest-wave rule holds (DEMO-GR-07 counts with its T1, not T0 + T1).
#[test]
fn the_readmes_portfolio_section_is_what_tafel_does() {
    let readme = include_str!("../README.md");
    for line in include_str!("portfolio.sql")
        .lines()
        .filter(|l| !l.starts_with("--"))
    {
        assert!(readme.contains(line), "README lacks the SQL line {line:?}");
    }
    let (_d, data) = common::demo_library();
    let v = portfolio_json(&data, &["--include-demo"]);
    let graasj = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project"] == "De Graasj")
        .expect("the demo's De Graasj project");
    let counted = graasj["totals"]["intervention_cents"].as_i64().unwrap();
    let waves: i64 = common::session_files(&data)
        .iter()
        .map(|f| tafel::store::load(f).unwrap().session)
        .filter(|s| s.preparation.case_code == "DEMO-GR-07")
        .map(|s| {
            tafel::model::portfolio::SessionFigures::of(
                &s,
                Some(tafel::model::costs::PriceLevel::Nominal),
                &[],
            )
            .intervention
            .0
        })
        .sum();
    let money = |c: i64| tafel::model::Cents(c).display(tafel::i18n::Lang::Nl);
    assert!(waves > counted, "T0 + T1 {waves} against T1 {counted}");
    let sentence = format!(
        "DEMO-GR-07 counts with its T1, {} as listed, not T0 + T1, {})",
        money(counted),
        money(waves)
    );
    assert!(
        readme
            .replace('\n', " ")
            .replace("  ", " ")
            .contains(&sentence),
        "README lacks {sentence:?}"
    );
}

#[test]
fn an_anonymous_portfolio_shows_no_amounts_or_scores_of_a_group_under_its_minimum() {
    let b = build();
    // Two cases count (C has no consent for reporting): fewer than 5, and than 3.
    for config in [None, Some(r#"{"anonymous_min_cases": 1}"#)] {
        if let Some(c) = config {
            std::fs::write(b.data.join("config.json"), c).unwrap();
        }
        let j = portfolio_json(&b.data, &["--anonymous"]);
        let p = &j["projects"][0];
        assert_eq!(
            p["cases"], 2,
            "the count of cases is not a figure of anyone"
        );
        assert!(
            p["figures_hidden"]
                .as_str()
                .unwrap()
                .contains("no one can be recognised")
                || p["figures_hidden"]
                    .as_str()
                    .unwrap()
                    .contains("niemand herkenbaar")
        );
        assert_eq!(p["per_payer"], json!([]));
        assert_eq!(p["totals"], Value::Null);
        assert_eq!(p["domains"], json!([]));
        assert_eq!(p["cases_detail"], json!([]));
        for format in ["text", "markdown", "html"] {
            let out = common::tafel(
                &b.data,
                &[
                    "portfolio",
                    "--anonymous",
                    "--format",
                    format,
                    "--price-year",
                    "nominal",
                ],
            );
            let text = common::stdout(&out);
            assert!(
                text.contains("zodat niemand herkenbaar is"),
                "{format}: {text}"
            );
            assert!(!text.contains('€'), "{format} shows an amount: {text}");
        }
    }
    // At the minimum (3, the least config.json can set) the figures show, and the team
    // sees them whatever the size.
    std::fs::write(b.data.join("config.json"), r#"{"anonymous_min_cases": 2}"#).unwrap();
    let team = portfolio_json(&b.data, &[]);
    assert!(team["projects"][0]["figures_hidden"].is_null());
    assert_ne!(team["projects"][0]["per_payer"], json!([]));
    let lib = Library::open(&b.data).unwrap();
    let mut d0 = session("D", None, true, 2, 6);
    d0.looking_back.activities = vec![act("a1", "P1", 3, None)];
    lib.save(&d0).unwrap();
    let j = portfolio_json(&b.data, &["--anonymous"]);
    let p = &j["projects"][0];
    assert_eq!(p["cases"], 3);
    assert!(p["figures_hidden"].is_null(), "{p}");
    assert_ne!(p["per_payer"], json!([]));
}
