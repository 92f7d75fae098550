//! The command-line contract, run as a user would: the real binary on a fresh data dir.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{session_files, stderr, stdout, tafel};

#[test]
fn demo_list_show_validate_on_a_fresh_library() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");

    let o = tafel(&data, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = session_files(&data);
    assert!(files.len() >= 5);
    let before: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();

    // Idempotent: a second run changes nothing.
    let o = tafel(&data, &["demo"]);
    assert!(o.status.success());
    let after: Vec<Vec<u8>> = session_files(&data)
        .iter()
        .map(|f| fs::read(f).unwrap())
        .collect();
    assert_eq!(before, after);

    // Private modes.
    assert_eq!(
        fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        fs::metadata(data.join("sessions"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    for f in &files {
        assert_eq!(
            fs::metadata(f).unwrap().permissions().mode() & 0o777,
            0o600,
            "{}",
            f.display()
        );
    }

    let o = tafel(&data, &["list", "--json"]);
    assert!(o.status.success());
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let sessions = list["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), files.len());
    for field in [
        "id",
        "series_id",
        "case_code",
        "project",
        "wave",
        "date",
        "updated_at",
        "follow_up_due",
    ] {
        assert!(
            sessions[0].get(field).is_some(),
            "list --json lacks {field}"
        );
    }

    // show by a prefix, in both languages, with the per-payer table.
    let id = sessions[0]["id"].as_str().unwrap();
    let o = tafel(&data, &["--lang", "nl", "show", &id[..6]]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for want in [
        "Voorbereiding",
        "Terugblik",
        "Beleving",
        "Alternatief scenario",
        "Kosten",
        "Afronding",
        "Betaler",
        "€ ",
    ] {
        assert!(text.contains(want), "show (nl) lacks {want}");
    }
    let o = tafel(&data, &["--lang", "en", "show", id]);
    assert!(stdout(&o).contains("Looking back") && stdout(&o).contains("Payer"));

    let mut args = vec!["validate"];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let o = tafel(&data, &args);
    assert!(o.status.success(), "demo files validate: {}", stderr(&o));

    let o = tafel(&data, &["schema"]);
    assert!(o.status.success());
    let schema: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(schema["title"], "tafel session");
}

#[test]
fn bad_files_are_reported_and_left_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    assert!(tafel(&data, &["demo"]).status.success());
    let files = session_files(&data);

    // A truncated copy: validate names the line and exits 1.
    let full = fs::read(&files[0]).unwrap();
    let truncated = data.join("sessions/truncated.json");
    fs::write(&truncated, &full[..full.len() * 2 / 3]).unwrap();
    let o = tafel(&data, &["validate", truncated.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("truncated.json:") && err.contains("EOF"),
        "{err}"
    );
    let line: usize = err
        .split(':')
        .nth(1)
        .unwrap()
        .parse()
        .expect("a line number");
    assert!(line > 10);

    // A corrupt file and a file from the future.
    let corrupt = data.join("sessions/corrupt.json");
    fs::write(&corrupt, b"{\"schema_version\": 1, \"id\": \x01garbage").unwrap();
    let mut future: serde_json::Value = serde_json::from_slice(&full).unwrap();
    future["schema_version"] = 999.into();
    future["id"] = "99999999-0000-4000-8000-000000000000".into();
    future["new_thing"] = serde_json::json!([1, 2, 3]);
    let future_path = data.join("sessions/99999999-0000-4000-8000-000000000000.json");
    fs::write(&future_path, serde_json::to_vec_pretty(&future).unwrap()).unwrap();
    let snapshot = |p: &Path| fs::read(p).unwrap();
    let (c0, f0, t0) = (
        snapshot(&corrupt),
        snapshot(&future_path),
        snapshot(&truncated),
    );

    let o = tafel(&data, &["--lang", "en", "list"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("corrupt.json") && text.contains("truncated.json"),
        "{text}"
    );
    assert!(
        text.contains("newer version"),
        "future file is listed read-only: {text}"
    );

    let o = tafel(&data, &["list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list["unreadable"].as_array().unwrap().len(), 2);
    let future_entry = list["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "99999999-0000-4000-8000-000000000000")
        .unwrap();
    assert_eq!(future_entry["read_only"], true);

    // Showing the corrupt one says why, in the language asked for.
    let o = tafel(&data, &["--lang", "nl", "show", corrupt.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("corrupt.json: beschadigd: geen geldige JSON bij regel 1"),
        "{err}"
    );

    // Showing and re-running demo never rewrites them.
    assert!(tafel(&data, &["show", "99999999"]).status.success());
    assert!(tafel(&data, &["demo"]).status.success());
    assert_eq!(
        (
            snapshot(&corrupt),
            snapshot(&future_path),
            snapshot(&truncated)
        ),
        (c0, f0, t0)
    );
}

#[test]
fn errors_are_plain_words_with_a_non_zero_exit() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    let o = tafel(&data, &["--lang", "en", "show", "nothing-like-this"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no session found for 'nothing-like-this'"),
        "{}",
        stderr(&o)
    );
    let o = tafel(&data, &["--lang", "nl", "show", "nothing-like-this"]);
    assert!(
        stderr(&o).contains("geen gesprek gevonden voor 'nothing-like-this'"),
        "{}",
        stderr(&o)
    );
    let o = tafel(
        &data,
        &["--lang", "nl", "delete", "nothing-like-this", "--yes"],
    );
    assert!(
        stderr(&o).contains("geen gesprek gevonden voor 'nothing-like-this'"),
        "{}",
        stderr(&o)
    );
    let o = tafel(&data, &["--lang", "xx", "list"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("xx is geen geldige waarde voor --lang")
            && stderr(&o).contains("nl, en"),
        "{}",
        stderr(&o)
    );
    let o = tafel(&data, &["--lang", "en", "list"]);
    assert!(
        stdout(&o).contains("tafel demo"),
        "an empty library explains itself"
    );
}

#[test]
fn the_published_schema_matches_the_code() {
    let published = include_str!("../assets/session.schema.json");
    assert_eq!(
        published.trim_end(),
        tafel::cli::schema_json(),
        "assets/session.schema.json is stale: run `cargo run -- schema > assets/session.schema.json`"
    );
}

#[test]
fn a_version_1_file_loads_for_ever() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/session-v1.json");
    let loaded = tafel::store::load(&path).expect("the version-1 fixture loads");
    let s = &loaded.session;
    assert_eq!(s.preparation.case_code, "FX-01");
    assert_eq!(
        s.outcomes
            .domains
            .iter()
            .find(|d| d.domain_id == "wonen")
            .and_then(|d| d.change()),
        Some(4)
    );
    let lines = tafel::model::costs::cost_lines(s);
    let sum = tafel::model::costs::summarise(&lines);
    assert_eq!(sum.intervention_total, tafel::model::Cents(145_080));
    assert_eq!(sum.alternative_total, tafel::model::Cents(1_614_540));
    assert!(tafel::model::validate::check(s).is_empty());
    // Migrated to version 2: what version 2 added is absent, so nothing changes meaning.
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(s.schema_version, tafel::model::SCHEMA_VERSION);
    assert_eq!(
        s.costs.price_year, None,
        "amounts as listed: the old figures"
    );
    assert!(s.costs.price_list.index.is_empty());
    assert_eq!(s.wrap_up.series_end, None, "a series goes on");
    assert!(s.wrap_up.earlier_agreements.is_empty());
    assert!(!s.outcomes.second_view);
    assert!(
        s.looking_back
            .activities
            .iter()
            .chain(&s.alternative.activities)
            .all(|a| a.from_wave.is_none() && a.basis.is_none())
    );
    // The file itself is left as it was until it is saved.
    let raw: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(raw["schema_version"], 1);
}

#[test]
fn a_version_1_file_is_written_as_version_2_on_its_next_save_with_the_same_figures() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/session-v1.json");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lib = tafel::store::Library::open(&data).unwrap();
    let old = tafel::store::load(&path).unwrap().session;
    lib.save(&old).unwrap();
    let saved = lib.path_for(old.id);
    let raw: serde_json::Value = serde_json::from_slice(&fs::read(&saved).unwrap()).unwrap();
    assert_eq!(raw["schema_version"], 2);
    let back = tafel::store::load(&saved).unwrap();
    assert_eq!(back.migrated_from, None);
    assert_eq!(back.session, old);
    // The command line shows the same totals for both files.
    let shown = |p: &Path| {
        let out = stdout(&tafel(&data, &["show", p.to_str().unwrap()]));
        out.lines()
            .filter(|l| l.contains('€'))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&path), shown(&saved));
}

#[test]
fn compare_gives_the_same_numbers_in_text_markdown_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    assert!(tafel(&data, &["demo"]).status.success());
    // GR-07: T0 4b7e2c91, T1 8d2f6a13 (given in the "wrong" order on purpose).
    let run = |format: &str| {
        let o = tafel(
            &data,
            &[
                "--lang", "nl", "compare", "8d2f", "4b7e", "--format", format,
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["earlier"]["wave"], "T0");
    assert_eq!(json["later"]["wave"], "T1");
    assert_eq!(json["same_series"], true);
    let text = run("text");
    let markdown = run("markdown");
    for d in json["domains"].as_array().unwrap() {
        let label = d["label"]["nl"].as_str().unwrap();
        let cell = |v: &serde_json::Value| v.as_u64().map_or("·".to_string(), |x| x.to_string());
        let change = d["change"].as_i64().map_or("·".to_string(), |c| {
            if c == 0 { "0".into() } else { format!("{c:+}") }
        });
        let row_md = format!(
            "| {label} | {} | {} | {} | {} | {change} |",
            cell(&d["earlier_start"]),
            cell(&d["earlier_now"]),
            cell(&d["later_start"]),
            cell(&d["later_now"])
        );
        assert!(markdown.contains(&row_md), "markdown lacks {row_md}");
        let text_row = text
            .lines()
            .find(|l| l.starts_with(label))
            .expect("a text row per domain");
        assert!(
            text_row.trim_end().ends_with(&change),
            "{text_row} ends with {change}"
        );
    }
    let later_total = json["later"]["actual_total_cents"].as_i64().unwrap();
    let shown = tafel::model::Cents(later_total).display(tafel::i18n::Lang::Nl);
    assert!(text.contains(&shown) && markdown.contains(&shown));
    assert!(text.contains("Verschillen zijn veranderingen in het eigen oordeel"));
    // The HTML comparison ends with the wall of each wave, the earlier first.
    let html = run("html");
    assert_eq!(
        html.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wall\"")
            .count(),
        2
    );
    let walls = &html[html
        .find("Beide scenario&#39;s naast elkaar")
        .expect("the walls' part")..];
    let (t0, t1) = (
        walls.find("<h3>T0</h3>").unwrap(),
        walls.find("<h3>T1</h3>").unwrap(),
    );
    assert!(t0 < t1, "earlier wave first");
    // Different cases still compare, and say so.
    let o = tafel(&data, &["--lang", "en", "compare", "8d2f", "c3a9"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("different cases") && stderr(&o).contains("different cases"));
    let o = tafel(
        &data,
        &[
            "compare",
            "8d2f",
            "4b7e",
            "--format",
            "html",
            "-o",
            tmp.path().join("c.html").to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let html = std::fs::read_to_string(tmp.path().join("c.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("</html>"));
}

#[test]
fn delete_asks_first_and_purge_removes_only_what_has_expired() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("lib");
    assert!(tafel(&data, &["demo"]).status.success());
    let before = session_files(&data).len();
    // No terminal to ask on: refused, nothing removed.
    let o = tafel(&data, &["delete", "4b7e"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--yes"), "{}", stderr(&o));
    assert_eq!(session_files(&data).len(), before);
    let o = tafel(&data, &["--lang", "en", "delete", "4b7e", "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Deleted for good"));
    assert_eq!(session_files(&data).len(), before - 1);

    // Make one session expired; purge lists it and removes it, nothing else.
    let victim = data.join("sessions/8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74.json");
    let mut s: serde_json::Value = serde_json::from_slice(&fs::read(&victim).unwrap()).unwrap();
    s["retention_until"] = "2020-01-01".into();
    fs::write(&victim, serde_json::to_vec(&s).unwrap()).unwrap();
    let o = tafel(&data, &["purge", "--expired", "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!victim.exists());
    assert_eq!(session_files(&data).len(), before - 2);
    let o = tafel(&data, &["--lang", "en", "purge", "--expired"]);
    assert!(stdout(&o).contains("No sessions are past"));
}

#[test]
fn show_and_export_take_one_price_level_from_the_command_line() {
    let (_d, data) = common::demo_library();
    // The demo's own price year is 2025; nominal gives the amounts as listed.
    let own = stdout(&tafel(&data, &["show", "8d2f"]));
    let nominal = stdout(&tafel(&data, &["show", "8d2f", "--price-year", "nominal"]));
    assert!(own.contains("€ 42.965,75"), "{own}");
    assert!(nominal.contains("€ 41.477,62"), "{nominal}");
    assert!(nominal.contains("geen prijspeil gekozen"), "{nominal}");
    // The whole library at one price level, without changing a file.
    let before: Vec<Vec<u8>> = session_files(&data)
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    let out = tafel(
        &data,
        &[
            "export",
            "--all",
            "--include-demo",
            "--format",
            "jsonl",
            "--price-year",
            "2024",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sessions: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["table"] == "sessions")
        .collect();
    assert!(!sessions.is_empty());
    assert!(sessions.iter().all(|s| s["price_year"] == 2024));
    let after: Vec<Vec<u8>> = session_files(&data)
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after, "the files are not changed");
    let bad = tafel(&data, &["show", "8d2f", "--price-year", "gisteren"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("nominal"), "{}", stderr(&bad));
}

#[test]
fn an_ended_series_is_never_overdue_in_the_list_nor_in_the_exports() {
    let (_d, data) = common::demo_library();
    let before = stdout(&tafel(&data, &["list"]));
    let t1 = before.lines().find(|l| l.starts_with("8d2f6a13")).unwrap();
    assert!(t1.contains('!'), "overdue before: {t1}");
    let out = tafel(
        &data,
        &[
            "end-series",
            "4b7e",
            "--reason",
            "moved-away",
            "--on",
            "1-11-2026",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("deelnemer verhuisd"),
        "{}",
        stdout(&out)
    );
    let after = stdout(&tafel(&data, &["list"]));
    let t1 = after.lines().find(|l| l.starts_with("8d2f6a13")).unwrap();
    assert!(!t1.contains('!') && t1.contains("afgesloten"), "{t1}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&tafel(&data, &["list", "--json"]))).unwrap();
    for s in json["sessions"].as_array().unwrap() {
        let ended = s["case_code"] == "DEMO-GR-07";
        assert_eq!(
            s["series_status"],
            if ended { "ended" } else { "active" },
            "{s}"
        );
        if ended {
            assert_eq!(s["series_end_reason"], "moved_away");
            assert_eq!(s["series_ended_on"], "2026-11-01");
        }
    }
    // sessions.csv: every wave of the series carries the series' status.
    let rows = stdout(&tafel(
        &data,
        &["export", "--all", "--include-demo", "--format", "jsonl"],
    ));
    let sessions: Vec<serde_json::Value> = rows
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["table"] == "sessions" && v["case_code"] == "DEMO-GR-07")
        .collect();
    assert_eq!(sessions.len(), 2);
    assert!(
        sessions
            .iter()
            .all(|s| s["series_status"] == "ended" && s["series_end_reason"] == "moved_away")
    );
    // It can go on again.
    assert!(
        tafel(&data, &["end-series", "8d2f", "--reopen"])
            .status
            .success()
    );
    let again = stdout(&tafel(&data, &["list"]));
    assert!(
        again
            .lines()
            .find(|l| l.starts_with("8d2f6a13"))
            .unwrap()
            .contains('!')
    );
    // Without a reason it says what to type.
    let bad = tafel(&data, &["end-series", "8d2f"]);
    assert!(!bad.status.success());
}

/// `--help` of every command, in both languages: Dutch headings and lines in Dutch, the
/// derive's English in English, and never a panic of clap's own checks.
#[test]
fn every_command_has_its_help_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let commands = [
        "",
        "new",
        "open",
        "follow-up",
        "list",
        "show",
        "validate",
        "schema",
        "demo",
        "export",
        "end-series",
        "portfolio",
        "compare",
        "delete",
        "keys",
        "keys init",
        "keys add",
        "keys list",
        "keys remove",
        "keys confirm",
        "keys export-library",
        "encrypt",
        "decrypt",
        "purge",
    ];
    for c in commands {
        let mut args: Vec<&str> = c.split_whitespace().collect();
        args.push("--help");
        let nl = common::tafel(dir.path(), &args);
        assert!(nl.status.success(), "{c}: {}", common::stderr(&nl));
        let text = common::stdout(&nl);
        assert!(
            text.contains("Gebruik: tafel") && text.contains("Toon deze hulp"),
            "{c}: {text}"
        );
        assert!(
            !text.contains("Print help") && !text.contains("Usage:"),
            "{c}: {text}"
        );
        let en = common::tafel_en(dir.path(), &args);
        assert!(en.status.success(), "{c}: {}", common::stderr(&en));
        assert!(common::stdout(&en).contains("Usage: tafel"), "{c}");
    }
    let nl = common::stdout(&common::tafel(dir.path(), &["export", "--help"]));
    assert!(nl.contains("Schrijf een verslag van één gesprek"), "{nl}");
}
