//! Reports and exports (`tafel export`), checked as their readers would use them:
//! - Markdown as insta snapshots (after an intended change:
//!   `INSTA_UPDATE=always cargo test --test export`, then review the diff);
//! - the HTML report rendered by headless Chromium to a PNG and a PDF;
//! - CSV and JSON lines read back, and the `--all` CSV loaded into DuckDB (Python);
//! - anonymous exports of every demo session in every format, searched for what must not
//!   be in them;
//! - the column lists in README.md against the code.
//!
//! Chromium and DuckDB are optional on a developer's machine: without them those tests
//! print "skipped: install ..." and pass. In CI (`CI` set) a missing tool is a failure.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{demo_library, skip_for_missing, stderr, tafel};
use tafel::catalog::Catalog;
use tafel::i18n::Lang;
use tafel::model::{PartialDate, Session};
use tafel::report::flat::{COST_LINES, EVENTS, SCORES, SESSIONS};
use tafel::report::{Exported, Format, export_session};

fn demo() -> Vec<Session> {
    tafel::demo::sessions(&Catalog::builtin())
}

/// The GR-07 T0 session: the snapshot case.
fn graasj_t0() -> Session {
    demo()
        .into_iter()
        .find(|s| s.preparation.case_code == "DEMO-GR-07" && s.preparation.wave == 0)
        .expect("the demo has GR-07 T0")
}

fn text(e: Exported) -> String {
    match e {
        Exported::File(t) => t,
        Exported::Folder(files) => files
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

// ---------------------------------------------------------------------------------------
// The Markdown report, as insta snapshots (tests/snapshots/export__graasj-t0.*.snap); after
// an intended change: `INSTA_UPDATE=always cargo test --test export` and review the diff.

#[test]
fn markdown_report_in_dutch_and_english() {
    let s = graasj_t0();
    for (lang, name) in [(Lang::Nl, "graasj-t0.nl.md"), (Lang::En, "graasj-t0.en.md")] {
        insta::assert_snapshot!(
            name,
            text(export_session(&s, lang, Format::Markdown, false))
        );
    }
}

#[test]
fn markdown_follows_the_phases_and_escapes_session_text() {
    let mut s = graasj_t0();
    s.outcomes.domains[0].own_words = "*vet* | pijp <b>html</b>".into();
    let md = text(export_session(&s, Lang::Nl, Format::Markdown, false));
    let positions: Vec<usize> = [
        "## 1. Voorbereiding",
        "## 2. Terugblik",
        "## 3. Beleving",
        "## 4. Alternatief scenario",
        "## 5. Kosten",
        "## 6. Afronding",
    ]
    .iter()
    .map(|h| md.find(h).unwrap_or_else(|| panic!("{h} missing")))
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "phase order");
    assert!(md.contains(r"\*vet\* \| pijp \<b\>html\</b\>"), "{md}");
}

// ---------------------------------------------------------------------------------------
// HTML

/// Every tag of an HTML text: its lower-cased name and its whole text `<...>`.
fn tags(html: &str) -> Vec<(String, &str)> {
    html.match_indices('<')
        .map(|(i, _)| {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let name = html[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
                .collect::<String>()
                .trim_start_matches('/')
                .to_ascii_lowercase();
            (name, &html[i..end])
        })
        .collect()
}

#[test]
fn html_is_self_contained_and_session_text_cannot_inject_markup() {
    let attack = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"' <link rel=stylesheet href=https://example.org/x.css>"#;
    let mut s = graasj_t0();
    s.preparation.case_code = attack.into();
    s.preparation.project = attack.into();
    s.preparation.attendees[0].alias = attack.into();
    s.outcomes.domains[0].own_words = attack.into();
    s.outcomes.quotes[0].text = attack.into();
    s.outcomes.quotes[0].speaker = attack.into();
    s.looking_back.events[0].what = attack.into();
    s.looking_back.activities[0].what = attack.into();
    s.alternative.narrative = attack.into();
    s.alternative.assumptions[0].text = attack.into();
    s.wrap_up.notes = attack.into();
    s.domains[0].label.nl = attack.into();
    s.costs.payers[0].label.nl = attack.into();
    let html = text(export_session(&s, Lang::Nl, Format::Html, false));
    let allowed = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "main",
        "footer",
        "section",
        "nav",
        "p",
        "h1",
        "h2",
        "h3",
        "dl",
        "dt",
        "dd",
        "div",
        "ol",
        "ul",
        "li",
        "a",
        "span",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "blockquote",
        "br",
        "svg",
        "rect",
        "line",
        "text",
        // The wall: a group per item, a diamond per event, a bold letter on a bar.
        "g",
        "polygon",
        "circle",
        "tspan",
    ];
    for (name, tag) in tags(&html) {
        assert!(
            allowed.contains(&name.as_str()),
            "unexpected {tag} in the report"
        );
        // Nothing is fetched and nothing runs: no src, no event handler, no link out.
        let lower = tag.to_ascii_lowercase();
        for forbidden in [" src=", " on", "javascript:", "url("] {
            assert!(!lower.contains(forbidden), "{forbidden} in {tag}");
        }
        if let Some(i) = lower.find("href=\"") {
            assert!(lower[i + 6..].starts_with('#'), "a link out: {tag}");
        }
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    assert!(!style.contains("url(") && !style.contains("@import"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("break-before: page"));
    assert_eq!(
        html.matches("<svg").count(),
        3,
        "the score and cost charts, and the wall"
    );
}

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Runs headless Chromium on `html` with one output flag; fails on a non-zero exit or
/// after two minutes.
fn chromium(bin: &Path, html: &Path, output_flag: &str) -> Duration {
    let profile = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--no-pdf-header-footer",
            "--window-size=900,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(output_flag)
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            assert!(status.success(), "chromium {output_flag} failed: {err}");
            return started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {output_flag} took more than two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The page count of a PDF made by Chromium: the largest `/Count` of its page tree.
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Count ")
        .filter_map(|(i, _)| {
            text[i + 7..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn chromium_renders_the_html_report_to_png_and_pdf() {
    let Some(bin) = find_chromium() else {
        skip_for_missing("chromium", "apt-get install chromium");
        return;
    };
    // Kept after the run for a look: target/tmp/export-renders/.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-renders");
    fs::create_dir_all(&out).unwrap();
    let s = graasj_t0();
    for (lang, anonymous, name) in [
        (Lang::Nl, false, "graasj-t0.nl"),
        (Lang::En, true, "graasj-t0.en.anonymous"),
    ] {
        let html = out.join(format!("{name}.html"));
        let png = out.join(format!("{name}.png"));
        let pdf = out.join(format!("{name}.pdf"));
        for p in [&png, &pdf] {
            let _ = fs::remove_file(p);
        }
        let Exported::File(text) = export_session(&s, lang, Format::Html, anonymous) else {
            panic!("a report is one file")
        };
        fs::write(&html, text).unwrap();
        let shot = chromium(&bin, &html, &format!("--screenshot={}", png.display()));
        let print = chromium(&bin, &html, &format!("--print-to-pdf={}", pdf.display()));
        let png_bytes = fs::read(&png).expect("a PNG was written");
        assert!(
            png_bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{name}: not a PNG"
        );
        assert!(
            png_bytes.len() > 20_000,
            "{name}: PNG of {} bytes",
            png_bytes.len()
        );
        let pdf_bytes = fs::read(&pdf).expect("a PDF was written");
        assert!(pdf_bytes.starts_with(b"%PDF-"), "{name}: not a PDF");
        assert!(
            pdf_bytes.len() > 20_000,
            "{name}: PDF of {} bytes",
            pdf_bytes.len()
        );
        let pages = pdf_pages(&pdf_bytes);
        // Each of the six phases starts on a new A4 page.
        assert!(pages >= 6, "{name}: {pages} pages");
        eprintln!(
            "{name}: HTML {} bytes; PNG {} bytes in {shot:?}; PDF {} pages, {} bytes in {print:?}; in {}",
            fs::metadata(&html).unwrap().len(),
            png_bytes.len(),
            pages,
            pdf_bytes.len(),
            out.display()
        );
    }
}

#[test]
fn chromium_prints_the_wall_alone_on_one_a3_landscape_page() {
    let Some(bin) = find_chromium() else {
        skip_for_missing("chromium", "apt-get install chromium");
        return;
    };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-renders");
    fs::create_dir_all(&out).unwrap();
    let (_d, data) = common::demo_library();
    let html = out.join("wall.nl.html");
    let (png, pdf) = (out.join("wall.nl.png"), out.join("wall.nl.pdf"));
    for p in [&png, &pdf] {
        let _ = fs::remove_file(p);
    }
    let o = common::tafel(
        &data,
        &[
            "export",
            "4b7e2c91",
            "--format",
            "html",
            "--wall",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("size: A3 landscape"));
    assert!(page.contains("Content-Security-Policy"));
    assert_eq!(page.matches("<svg").count(), 1, "the wall alone");
    chromium(&bin, &html, &format!("--screenshot={}", png.display()));
    chromium(&bin, &html, &format!("--print-to-pdf={}", pdf.display()));
    assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
    let pdf_bytes = fs::read(&pdf).unwrap();
    assert_eq!(pdf_pages(&pdf_bytes), 1, "one sheet for the wall");
    // A3 landscape: 420 × 297 mm, 1190.55 × 841.89 pt.
    let text = String::from_utf8_lossy(&pdf_bytes);
    assert!(
        text.contains("/MediaBox [0 0 1190.") || text.contains("/MediaBox [0 0 1191"),
        "A3 landscape"
    );
    // Not for another format.
    let o = common::tafel(
        &data,
        &["export", "4b7e2c91", "--format", "markdown", "--wall"],
    );
    assert!(!o.status.success());
    assert!(common::stderr(&o).contains("--format html"));
}

#[test]
fn chromium_renders_the_portfolio_on_a4() {
    let Some(bin) = find_chromium() else {
        skip_for_missing("chromium", "apt-get install chromium");
        return;
    };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-renders");
    fs::create_dir_all(&out).unwrap();
    let (_d, data) = common::demo_library();
    let html = out.join("portfolio.nl.html");
    let pdf = out.join("portfolio.nl.pdf");
    let _ = fs::remove_file(&pdf);
    let o = common::tafel(
        &data,
        &[
            "portfolio",
            "--include-demo",
            "--format",
            "html",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    chromium(&bin, &html, &format!("--print-to-pdf={}", pdf.display()));
    let pdf_bytes = fs::read(&pdf).expect("a PDF was written");
    assert!(pdf_bytes.starts_with(b"%PDF-"));
    let pages = pdf_pages(&pdf_bytes);
    assert!((1..=12).contains(&pages), "{pages} pages");
    eprintln!("portfolio: PDF {pages} pages in {}", out.display());
}

// ---------------------------------------------------------------------------------------
// Anonymous exports

/// `needle` as a whole word in `hay` (so the alias "Bas" is not found in "basis").
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What an anonymous export must not contain, with what it is.
fn secrets(s: &Session) -> Vec<(&'static str, String)> {
    let p = &s.preparation;
    let mut v = vec![
        ("case code", p.case_code.clone()),
        ("facilitator", p.facilitator_alias.clone()),
        ("starting question", p.starting_question.clone()),
        ("narrative", s.alternative.narrative.clone()),
        ("notes", s.wrap_up.notes.clone()),
        ("pulse owner", s.wrap_up.pulse_owner.clone()),
    ];
    v.extend(p.attendees.iter().map(|a| ("alias", a.alias.clone())));
    for q in &s.outcomes.quotes {
        v.push(("quote", q.text.clone()));
        v.push(("speaker", q.speaker.clone()));
    }
    v.extend(
        s.outcomes
            .domains
            .iter()
            .map(|d| ("own words", d.own_words.clone())),
    );
    v.extend(
        s.looking_back
            .events
            .iter()
            .chain(&s.alternative.events)
            .map(|e| ("event", e.what.clone())),
    );
    v.extend(
        s.looking_back
            .activities
            .iter()
            .chain(&s.alternative.activities)
            .map(|a| ("activity note", a.note.clone())),
    );
    v.extend(
        s.alternative
            .assumptions
            .iter()
            .map(|a| ("assumption", a.text.clone())),
    );
    v.extend(
        s.wrap_up
            .learning_points
            .iter()
            .map(|l| ("learning point", l.clone())),
    );
    v.extend(s.wrap_up.agreements.iter().flat_map(|a| {
        [
            ("agreement", a.what.clone()),
            ("agreement who", a.who.clone()),
        ]
    }));
    v.retain(|(_, t)| !t.trim().is_empty());
    v
}

/// Every exact date in a session, in every form a report could print it.
fn exact_dates(s: &Session) -> Vec<String> {
    let mut days: Vec<chrono::NaiveDate> = [
        s.preparation.date,
        s.preparation.consent.date,
        s.preparation.consent.withdrawn_on,
        s.wrap_up.follow_up_date,
        s.follow_up_due(),
        s.retention_until,
        Some(s.created_at.date_naive()),
        Some(s.updated_at.date_naive()),
    ]
    .into_iter()
    .flatten()
    .collect();
    days.extend(
        s.outcomes
            .quotes
            .iter()
            .filter_map(|q| q.captured_at.map(|t| t.date_naive())),
    );
    days.extend(
        s.outcomes
            .off_record
            .iter()
            .map(|o| o.marked_at.date_naive()),
    );
    let partial = s
        .looking_back
        .events
        .iter()
        .chain(&s.alternative.events)
        .filter_map(|e| e.when)
        .chain(s.wrap_up.agreements.iter().filter_map(|a| a.when));
    days.extend(partial.filter_map(|d| match d {
        PartialDate::Day(d) => Some(d),
        _ => None,
    }));
    days.iter()
        .flat_map(|d| {
            [
                d.format("%Y-%m-%d").to_string(),
                PartialDate::Day(*d).display(Lang::Nl),
                PartialDate::Day(*d).display(Lang::En),
            ]
        })
        .collect()
}

/// Whether `text` holds anything shaped like an exact ISO date (`2025-10-14`) or a Dutch
/// one (`14-10-2025`).
fn has_exact_date_shape(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        if digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && digits(i + 5, 2)
            && b.get(i + 7) == Some(&b'-')
            && digits(i + 8, 2)
        {
            return Some(text[i..i + 10].to_string());
        }
        for d in 1..=2 {
            for m in 1..=2 {
                if digits(i, d)
                    && b.get(i + d) == Some(&b'-')
                    && digits(i + d + 1, m)
                    && b.get(i + d + 1 + m) == Some(&b'-')
                    && digits(i + d + m + 2, 4)
                    && !b.get(i + d + m + 6).is_some_and(u8::is_ascii_digit)
                {
                    return Some(text[i..i + d + m + 6].to_string());
                }
            }
        }
    }
    None
}

#[test]
fn anonymous_exports_keep_no_alias_code_text_or_exact_date_in_any_format() {
    let formats = [
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Jsonl,
    ];
    for s in demo() {
        let secrets = secrets(&s);
        let dates = exact_dates(&s);
        assert!(!dates.is_empty());
        for lang in [Lang::Nl, Lang::En] {
            for format in formats {
                let out = text(export_session(&s, lang, format, true));
                let what = format!("{} {lang:?} {format:?}", s.preparation.case_code);
                for (kind, secret) in &secrets {
                    assert!(
                        !contains_word(&out, secret),
                        "{what}: {kind} '{secret}' is in the anonymous export"
                    );
                }
                for d in &dates {
                    assert!(!out.contains(d.as_str()), "{what}: the date {d} survived");
                }
                if let Some(d) = has_exact_date_shape(&out) {
                    panic!("{what}: an exact date {d} is in the anonymous export");
                }
                assert!(
                    !out.contains(&s.id.to_string()),
                    "{what}: the session id survived"
                );
                assert!(out.contains("ANON-"), "{what}: no random case label");
            }
        }
        // The same session, not anonymous, does hold them (the check can fail).
        let plain = text(export_session(&s, Lang::Nl, Format::Markdown, false));
        assert!(contains_word(&plain, &s.preparation.case_code));
        assert!(has_exact_date_shape(&plain).is_some());
    }
}

// ---------------------------------------------------------------------------------------
// Flat tables

fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let head = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|r| r.expect("a well-formed CSV row"))
        .collect();
    (head, rows)
}

/// Rows each table should have for the demo sessions that may be reported on.
fn expected_rows(sessions: &[&Session]) -> BTreeMap<&'static str, usize> {
    BTreeMap::from([
        ("sessions", sessions.len()),
        ("scores", sessions.iter().map(|s| s.domains.len()).sum()),
        (
            "cost_lines",
            sessions
                .iter()
                .map(|s| s.looking_back.activities.len() + s.alternative.activities.len())
                .sum(),
        ),
        (
            "events",
            sessions
                .iter()
                .map(|s| s.looking_back.events.len() + s.alternative.events.len())
                .sum(),
        ),
    ])
}

fn columns(table: &str) -> &'static [&'static str] {
    match table {
        "sessions" => SESSIONS,
        "scores" => SCORES,
        "cost_lines" => COST_LINES,
        "events" => EVENTS,
        _ => panic!("no table {table}"),
    }
}

fn reportable() -> Vec<Session> {
    demo()
        .into_iter()
        .filter(|s| tafel::report::export::reporting_consent(s).is_ok())
        .collect()
}

#[test]
fn all_as_csv_and_jsonl_read_back_with_the_right_rows() {
    let (tmp, data) = demo_library();
    let kept = reportable();
    assert_eq!(
        kept.len(),
        demo().len() - 1,
        "GR-11 (session_only) stays out"
    );
    let want = expected_rows(&kept.iter().collect::<Vec<_>>());

    let folder = tmp.path().join("tables");
    let o = tafel(
        &data,
        &[
            "--lang",
            "en",
            "export",
            "--all",
            "--include-demo",
            "--format",
            "csv",
            "-o",
            folder.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "CSV goes to the folder only");
    let err = stderr(&o);
    assert!(err.contains("1 session(s) not exported"), "{err}");
    assert!(err.contains("consent for the session only: 1"), "{err}");
    let mut csv_rows = BTreeMap::new();
    for (table, rows) in &want {
        let (head, records) = read_csv(&folder.join(format!("{table}.csv")));
        assert_eq!(head, columns(table), "{table} columns");
        assert_eq!(records.len(), *rows, "{table} rows");
        for r in &records {
            assert_eq!(r.len(), head.len(), "{table}: a row with {} cells", r.len());
            for (name, value) in head.iter().zip(r.iter()) {
                if name.ends_with("_cents") && !value.is_empty() {
                    value.parse::<i64>().unwrap_or_else(|_| {
                        panic!("{table}.{name} = {value:?} is not whole cents")
                    });
                }
            }
        }
        csv_rows.insert(*table, records);
    }
    let codes: Vec<&str> = csv_rows["sessions"]
        .iter()
        .map(|r| r.get(4).unwrap())
        .collect();
    assert!(!codes.contains(&"DEMO-GR-11"), "{codes:?}");

    let o = tafel(
        &data,
        &["export", "--all", "--include-demo", "--format", "jsonl"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut per_table: BTreeMap<String, usize> = BTreeMap::new();
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        let table = v["table"].as_str().expect("a table field").to_string();
        let obj = v.as_object().unwrap();
        let keys: Vec<&str> = obj
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "table")
            .collect();
        let mut documented: Vec<&str> = columns(&table).to_vec();
        documented.sort_unstable();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort_unstable();
        assert_eq!(keys_sorted, documented, "{table} keys");
        for (k, val) in obj {
            if k.ends_with("_cents") {
                assert!(val.is_null() || val.is_i64(), "{table}.{k} = {val}");
            }
        }
        *per_table.entry(table).or_default() += 1;
    }
    for (table, rows) in &want {
        assert_eq!(per_table.get(*table), Some(rows), "{table} in JSON lines");
    }
}

#[test]
fn all_export_skips_unreadable_files_and_anonymises() {
    let (tmp, data) = demo_library();
    fs::write(data.join("sessions/broken.json"), "{ not json").unwrap();
    let folder = tmp.path().join("anon");
    let o = tafel(
        &data,
        &[
            "export",
            "--all",
            "--include-demo",
            "--anonymous",
            "--format",
            "csv",
            "-o",
            folder.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("broken.json"), "{}", stderr(&o));
    let all: String = ["sessions", "scores", "cost_lines", "events"]
        .iter()
        .map(|t| fs::read_to_string(folder.join(format!("{t}.csv"))).unwrap())
        .collect();
    for s in demo() {
        assert!(
            !all.contains(&s.preparation.case_code),
            "{}",
            s.preparation.case_code
        );
        assert!(!all.contains(&s.id.to_string()));
    }
    // One random label per case: T0 and T1 of a series share it.
    let (_, sessions) = read_csv(&folder.join("sessions.csv"));
    let labels: std::collections::BTreeSet<&str> =
        sessions.iter().map(|r| r.get(4).unwrap()).collect();
    let series: std::collections::BTreeSet<&str> =
        sessions.iter().map(|r| r.get(1).unwrap()).collect();
    assert_eq!(labels.len(), series.len());
    assert!(labels.len() < sessions.len(), "the demo has follow-ups");
    assert!(
        sessions.iter().all(|r| r.get(7) == Some("")),
        "no exact session date"
    );
}

#[test]
fn the_command_line_says_what_it_needs() {
    let (tmp, data) = demo_library();
    let id = "4b7e2c91";
    let o = tafel(&data, &["--lang", "en", "export", id, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("name the folder"), "{}", stderr(&o));

    let o = tafel(
        &data,
        &["--lang", "en", "export", "--all", "--format", "html"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--format csv or --format jsonl"),
        "{}",
        stderr(&o)
    );

    let o = tafel(&data, &["export", id, "--format", "markdown"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("# Casusrapport DEMO-GR-07"));

    let file = tmp.path().join("r.html");
    let o = tafel(
        &data,
        &[
            "--lang",
            "en",
            "export",
            id,
            "--format",
            "html",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("Written:"));
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("<html lang=\"en\">")
    );

    let o = tafel(&data, &["export", id, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["session"]["preparation"]["case_code"], "DEMO-GR-07");
    assert!(v["totals"]["difference_cents"].is_i64());

    // A session whose consent covers only the session itself: exported, with a warning.
    let o = tafel(
        &data,
        &["--lang", "en", "export", "97f3d1c5", "--format", "markdown"],
    );
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("consent for the session only"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn duckdb_loads_the_all_csv_export_with_the_documented_columns() {
    let python = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        skip_for_missing("duckdb", "python3 -m pip install duckdb");
        return;
    }
    let (tmp, data) = demo_library();
    let folder = tmp.path().join("tables");
    let o = tafel(
        &data,
        &[
            "export",
            "--all",
            "--include-demo",
            "--format",
            "csv",
            "-o",
            folder.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let kept = reportable();
    let rows = expected_rows(&kept.iter().collect::<Vec<_>>());
    let expected = serde_json::json!({
        "tables": rows.iter().map(|(t, n)| (t.to_string(), serde_json::json!({"columns": columns(t), "rows": n}))).collect::<serde_json::Map<_, _>>()
    });
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/duckdb_check.py");
    let o = Command::new("python3")
        .arg(script)
        .arg(&folder)
        .arg(expected.to_string())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "DuckDB check failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------------------
// Documentation

/// The column lists of README.md's "Exports" section: per `### \`table\`` heading, the
/// first backticked word of each table row.
fn readme_columns() -> BTreeMap<String, Vec<String>> {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("\n## Exports")
        .expect("README.md has an Exports section");
    let section = &readme[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in section[..end].lines() {
        if let Some(h) = line.strip_prefix("### ") {
            current = h
                .split('`')
                .nth(1)
                .map(|t| t.trim_end_matches(".csv").to_string());
            continue;
        }
        if let (Some(table), Some(cell)) = (&current, line.strip_prefix("| `"))
            && let Some(name) = cell.split('`').next()
        {
            out.entry(table.clone()).or_default().push(name.to_string());
        }
    }
    out
}

#[test]
fn readme_documents_every_column_in_order() {
    let documented = readme_columns();
    for table in ["sessions", "scores", "cost_lines", "events"] {
        assert_eq!(
            documented.get(table).map(Vec::as_slice).unwrap_or_default(),
            columns(table),
            "README.md, Exports, table {table}"
        );
    }
}
