//! Every way a command can fail says why in the user's language: each failing command
//! is run with `--lang nl` and `--lang en`; the Dutch message holds no English words
//! (the system's own words in [brackets] and paths aside), and the two differ.

mod common;

use std::fs;
use std::path::Path;

use common::{DEMO_ID, demo_library, stderr, tafel};

/// English words that have no place in a Dutch message.
const ENGLISH: &[&str] = &[
    " the ", " not ", "cannot", "could", " found", " session", " folder", " file", " needs",
    " choose", " give", " add ", " with ", " use ", " this ", " which ",
];

/// The message without what may stay as it is: the system's words in [brackets], paths
/// and ids, quoted values the user typed.
fn words_of(message: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in message.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let kept: Vec<&str> = out
        .split_whitespace()
        .filter(|w| !w.contains('/') && !w.contains('\'') && !w.starts_with("--"))
        .collect();
    format!(" {} ", kept.join(" ").to_lowercase())
}

fn fails_in_both_languages(data: &Path, what: &str, args: &[&str]) {
    let mut messages = Vec::new();
    for lang in ["nl", "en"] {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        let o = tafel(data, &all);
        assert!(!o.status.success(), "{what} ({lang}) should fail");
        assert_ne!(o.status.code(), Some(101), "{what} ({lang}) panicked");
        let err = stderr(&o);
        assert!(!err.trim().is_empty(), "{what} ({lang}) says nothing");
        messages.push(err);
    }
    let nl = words_of(&messages[0]);
    for w in ENGLISH {
        assert!(
            !nl.contains(w),
            "{what}: the Dutch message has English ({w:?}): {}",
            messages[0]
        );
    }
    assert_ne!(
        messages[0], messages[1],
        "{what}: both languages say the same"
    );
}

#[test]
fn every_failing_command_explains_itself_in_dutch_and_english() {
    let (dir, data) = demo_library();
    let broken = dir.path().join("kapot.json");
    fs::write(&broken, "{ \"schema_version\": 1, ").unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("show, not found", &["show", "bestaatniet"]),
        ("open, not found", &["open", "bestaatniet"]),
        ("follow-up, not found", &["follow-up", "bestaatniet"]),
        (
            "export, not found",
            &["export", "bestaatniet", "--format", "html"],
        ),
        (
            "export --all as a report",
            &["export", "--all", "--format", "markdown"],
        ),
        (
            "export csv without a folder",
            &["export", DEMO_ID, "--format", "csv"],
        ),
        (
            "export with neither id nor --all",
            &["export", "--format", "json"],
        ),
        ("compare, not found", &["compare", "bestaatniet", DEMO_ID]),
        ("delete, not found", &["delete", "bestaatniet", "--yes"]),
        ("delete without --yes or a terminal", &["delete", DEMO_ID]),
        ("show a broken file", &["show", broken.to_str().unwrap()]),
        ("the screens without a terminal", &[]),
        ("open without a terminal", &["open", DEMO_ID]),
        (
            "an option without its value",
            &["export", DEMO_ID, "--format"],
        ),
        ("an option given twice", &["list", "--json", "--json"]),
        (
            "a value that is not one",
            &["export", DEMO_ID, "--format", "pdf"],
        ),
        (
            "a price year that is not one",
            &["show", DEMO_ID, "--price-year", "abc"],
        ),
        (
            "keys add, not a key",
            &["keys", "add", "age1nope", "--name", "X"],
        ),
        ("keys remove, nobody", &["keys", "remove", "Niemand"]),
        (
            "decrypt, not encrypted and not there",
            &["decrypt", "bestaatniet.age"],
        ),
    ];
    for (what, args) in cases {
        fails_in_both_languages(&data, what, args);
    }

    // A session past its retention date: purge asks, and without a terminal it refuses.
    let live = data.join(format!("sessions/{DEMO_ID}.json"));
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&live).unwrap()).unwrap();
    v["retention_until"] = "2020-01-01".into();
    fs::write(&live, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    fails_in_both_languages(&data, "purge without --yes", &["purge", "--expired"]);

    // The last wave number: no follow-up.
    v["preparation"]["wave"] = u32::MAX.into();
    fs::write(&live, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    fails_in_both_languages(&data, "follow-up of the last wave", &["follow-up", DEMO_ID]);

    // A library that cannot be opened: its sessions folder is a file.
    let odd = dir.path().join("odd");
    fs::create_dir(&odd).unwrap();
    fs::write(odd.join("sessions"), "not a folder").unwrap();
    for (what, args) in [
        ("list, sessions is a file", &["list"][..]),
        ("new, sessions is a file", &["new"][..]),
        ("demo, sessions is a file", &["demo"][..]),
    ] {
        fails_in_both_languages(&odd, what, args);
    }

    // The words test itself: English is caught, brackets and paths are not.
    assert!(words_of("could not open /a/b [the system]").contains(" could"));
    assert!(!words_of("kan /the/file niet openen [the system]").contains(" the "));
}
