//! A session file edited by hand, by another program or by a bad disk can hold any value
//! in any field. Random bytes (see `store::tests`) are almost always refused by the JSON
//! parser before they reach the model, so this test starts from the demo sessions and
//! replaces one value at a time with something hostile: huge or negative numbers, wrong
//! types, very long text, control characters. Whatever loads must then be drawn in every
//! phase, costed, checked, compared and exported in every format without a panic; whatever
//! does not load must be refused with a reason.

mod common;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use tafel::app::Start;
use tafel::app::{Action, App, update};
use tafel::i18n::Lang;
use tafel::model::Phase;
use tafel::report::export::{Format, export_session};
use tafel::store::Library;

fn demo_files() -> Vec<Value> {
    tafel::demo::sessions(&tafel::catalog::Catalog::builtin())
        .iter()
        .map(|s| serde_json::to_value(s).unwrap())
        .collect()
}

/// Every place in `v` that holds a value, as a JSON pointer.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

fn hostile(k: usize) -> Value {
    let long = "é😀\u{0}\u{1b}[2J".repeat(3000);
    match k % 16 {
        0 => Value::Null,
        1 => serde_json::json!(-1),
        2 => serde_json::json!(i64::MAX),
        3 => serde_json::json!(i64::MIN),
        4 => serde_json::json!(u64::MAX),
        5 => serde_json::json!(1e308),
        6 => serde_json::json!("99999999999999999999999999.99"),
        7 => serde_json::json!("-79228162514264337593543950335"),
        8 => serde_json::json!(""),
        9 => Value::String(long),
        10 => serde_json::json!([]),
        11 => serde_json::json!({}),
        12 => serde_json::json!(true),
        13 => serde_json::json!("9999-99-99"),
        14 => serde_json::json!("\u{202e}\t\r\n"),
        _ => serde_json::json!(255),
    }
}

/// Everything the program does with a session, in both languages.
fn use_everything(lib: &Library, path: &std::path::Path, session: &tafel::model::Session) {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = App::new(
            lang,
            common::clock(),
            lib.clone(),
            Start::Open(path.to_path_buf()),
        );
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for phase in Phase::ALL {
            update(&mut app, Action::GoToPhase(phase));
            terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
        }
        update(&mut app, Action::ToggleTableView);
        terminal.draw(|f| tafel::ui::render(f, &app)).unwrap();
        for format in [
            Format::Markdown,
            Format::Html,
            Format::Json,
            Format::Csv,
            Format::Jsonl,
        ] {
            for anonymous in [false, true] {
                let _ = export_session(session, lang, format, anonymous);
            }
        }
    }
    let lines = tafel::model::costs::cost_lines(session);
    let _ = tafel::model::costs::summarise(&lines);
    let _ = tafel::model::validate::check(session);
    let _ = tafel::model::compare::compare(session, session);
}

proptest! {
    // 96 cases in the test run; PROPTEST_CASES=5000 for a long hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn one_hostile_value_anywhere_is_refused_or_handled(
        which in 0usize..64,
        place in any::<prop::sample::Index>(),
        k in 0usize..16,
    ) {
        let files = demo_files();
        let mut doc = files[which % files.len()].clone();
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        // The price-list copy holds most values; of its items only the figures are
        // tried, so that most cases hit the rest of the session.
        all.retain(|p| {
            !p.starts_with("/costs/price_list/items/")
                || ["amount_cents", "unit", "price_year", "default_payer", "id"]
                    .iter()
                    .any(|f| p.ends_with(&format!("/{f}")))
        });
        let at = place.get(&all).clone();
        *doc.pointer_mut(&at).unwrap() = hostile(k);
        let bytes = serde_json::to_vec_pretty(&doc).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        let path = lib.sessions_dir().join("mutated.json");
        std::fs::write(&path, &bytes).unwrap();
        match tafel::store::load(&path) {
            Ok(loaded) => use_everything(&lib, &path, &loaded.session),
            Err(e) => {
                let why = e.explain(Lang::Nl);
                prop_assert!(!why.is_empty() && !why.contains("{}"), "{}", why);
            }
        }
    }
}

/// Every place of every demo session, each with several hostile values in turn: the long
/// hunt (`cargo test --test mutated_files -- --ignored`, a few minutes in debug, where
/// arithmetic overflow panics).
#[test]
#[ignore = "a sweep of a few minutes; run on demand"]
fn every_place_of_every_demo_session_takes_hostile_values() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let path = lib.sessions_dir().join("mutated.json");
    let (mut loaded, mut refused) = (0, 0);
    for (n, file) in demo_files().into_iter().enumerate() {
        let mut all = Vec::new();
        pointers(&file, String::new(), &mut all);
        all.retain(|p| !p.starts_with("/costs/price_list/items/") || p.ends_with("/amount_cents"));
        for (i, at) in all.iter().enumerate() {
            for k in [i + n, i + n + 5, i + n + 11] {
                let mut doc = file.clone();
                *doc.pointer_mut(at).unwrap() = hostile(k);
                let bytes = serde_json::to_vec_pretty(&doc).unwrap();
                std::fs::write(&path, &bytes).unwrap();
                match tafel::store::load(&path) {
                    Ok(l) => {
                        loaded += 1;
                        use_everything(&lib, &path, &l.session);
                    }
                    Err(_) => refused += 1,
                }
            }
        }
    }
    eprintln!("{loaded} loaded and used, {refused} refused");
    assert!(loaded > 100 && refused > 100);
}
