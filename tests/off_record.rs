//! What the participant keeps off the record is on no page: every output of the command
//! line, for a file that still holds such text (as an older tafel wrote it).

mod common;

use std::path::{Path, PathBuf};

use common::{demo_library, stderr, stdout, tafel};

/// GR-07 T1: "relaties" is kept off the record.
const T1: &str = "8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74";
const T0: &str = "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31";
/// What the file holds about "relaties": own words, a quote, the professionals' score.
const WORDS: &str = "Met mijn broer is het even niks";
const QUOTE: &str = "Mijn broer belt nooit meer terug";

/// The demo library, with GR-07 T1 as an older tafel left it: text in the domain that
/// the participant keeps off the record.
fn library_with_text_off_the_record() -> (tempfile::TempDir, PathBuf) {
    let (dir, data) = demo_library();
    let path = data.join("sessions").join(format!("{T1}.json"));
    let mut s = common::json(&path);
    let domains = s["outcomes"]["domains"].as_array_mut().unwrap();
    let rel = domains
        .iter_mut()
        .find(|d| d["domain_id"] == "relaties")
        .unwrap();
    rel["own_words"] = format!("{WORDS}. Daar wil ik het niet over hebben.").into();
    rel["score_professionals"] = 2.into();
    s["outcomes"]["second_view"] = true.into();
    s["outcomes"]["quotes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "q99", "speaker": "Ruud", "text": QUOTE, "domain_id": "relaties"
        }));
    assert_eq!(s["outcomes"]["off_record"][0]["domain_id"], "relaties");
    std::fs::write(&path, serde_json::to_vec_pretty(&s).unwrap()).unwrap();
    (dir, data)
}

/// Every file under `dir`, read as text.
fn texts_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(texts_under(&p));
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    out
}

#[test]
fn text_of_a_domain_kept_off_the_record_is_in_no_output() {
    let (dir, data) = library_with_text_off_the_record();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let o = |name: &str| out.join(name).display().to_string();
    let runs: Vec<Vec<String>> = vec![
        vec!["show".into(), T1.into()],
        vec!["show".into(), T1.into(), "--lang".into(), "en".into()],
        vec![
            "export".into(),
            T1.into(),
            "--format".into(),
            "markdown".into(),
        ],
        vec!["export".into(), T1.into(), "--format".into(), "json".into()],
        vec![
            "export".into(),
            T1.into(),
            "--format".into(),
            "html".into(),
            "-o".into(),
            o("r.html"),
        ],
        vec![
            "export".into(),
            T1.into(),
            "--format".into(),
            "html".into(),
            "--wall".into(),
            "-o".into(),
            o("wall.html"),
        ],
        vec![
            "export".into(),
            T1.into(),
            "--format".into(),
            "csv".into(),
            "-o".into(),
            o("tables"),
        ],
        vec![
            "export".into(),
            T1.into(),
            "--format".into(),
            "jsonl".into(),
        ],
        vec![
            "export".into(),
            T1.into(),
            "--format".into(),
            "handout".into(),
        ],
        vec![
            "export".into(),
            "--all".into(),
            "--include-demo".into(),
            "--format".into(),
            "jsonl".into(),
        ],
        vec![
            "export".into(),
            "--all".into(),
            "--include-demo".into(),
            "--format".into(),
            "csv".into(),
            "-o".into(),
            o("all"),
        ],
        vec!["compare".into(), T0.into(), T1.into()],
        vec![
            "compare".into(),
            T0.into(),
            T1.into(),
            "--format".into(),
            "markdown".into(),
        ],
        vec![
            "compare".into(),
            T0.into(),
            T1.into(),
            "--format".into(),
            "json".into(),
        ],
        vec![
            "compare".into(),
            T0.into(),
            T1.into(),
            "--format".into(),
            "html".into(),
            "-o".into(),
            o("cmp.html"),
        ],
        vec![
            "portfolio".into(),
            "De Graasj".into(),
            "--include-demo".into(),
        ],
        vec![
            "portfolio".into(),
            "De Graasj".into(),
            "--include-demo".into(),
            "--format".into(),
            "json".into(),
        ],
        vec![
            "portfolio".into(),
            "De Graasj".into(),
            "--include-demo".into(),
            "--format".into(),
            "html".into(),
            "-o".into(),
            o("pf.html"),
        ],
    ];
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = tafel(&data, &args);
        assert!(r.status.success(), "{args:?}: {}", stderr(&r));
        let printed = format!("{}{}", stdout(&r), stderr(&r));
        for secret in [WORDS, QUOTE] {
            assert!(!printed.contains(secret), "{args:?} printed {secret:?}");
        }
    }
    let files = texts_under(&out);
    assert!(files.len() >= 12, "{}", files.len());
    for (path, text) in files {
        for secret in [WORDS, QUOTE] {
            assert!(
                !text.contains(secret),
                "{} holds {secret:?}",
                path.display()
            );
        }
    }
    // The professionals' score of that domain is not in the JSON either; the fact that a
    // topic was kept off the record, and when, is.
    let j: serde_json::Value =
        serde_json::from_str(&stdout(&tafel(&data, &["export", T1, "--format", "json"]))).unwrap();
    let text = j.to_string();
    assert!(!text.contains(WORDS));
    let shown = stdout(&tafel(&data, &["show", T1]));
    assert!(
        shown.contains("1 onderwerp(en) buiten het verslag"),
        "{shown}"
    );
}

#[test]
fn the_demo_keeps_no_text_in_a_domain_it_keeps_off_the_record() {
    let c = tafel::catalog::Catalog::builtin();
    for s in tafel::demo::sessions(&c) {
        for d in tafel::model::off_record::domains(&s) {
            assert!(
                tafel::model::off_record::held(&s, d).is_empty(),
                "{} {}: {d} holds text",
                s.preparation.case_code,
                s.wave_label()
            );
        }
    }
}
