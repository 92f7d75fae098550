//! Session files are read with sonic-rs first and with serde_json when sonic-rs refuses
//! them (`store::parse_fast`). That is only right if the fast parser never accepts a file
//! that serde_json refuses, and reads every file it accepts as the same session: then
//! every verdict and every message stays serde_json's, and `portfolio`, `export --all`, the
//! library list and opening a session agree, whichever parser read a file.
//!
//! Hostile edits of the demo sessions, as text (a token or a broken escape put anywhere, a
//! byte changed, a part cut out) and as values (a field set to a hostile value, an unknown
//! field of any shape added), must never get past the fast parser where serde_json stops.

use proptest::prelude::*;
use serde_json::Value;
use tafel::model::Session;

fn demo_bytes() -> Vec<Vec<u8>> {
    tafel::demo::sessions(&tafel::catalog::Catalog::builtin())
        .iter()
        .map(|s| tafel::store::encode::session_bytes(s).unwrap())
        .collect()
}

/// The fast parser's answer must be serde_json's whenever it gives one.
fn same_verdict(bytes: &[u8]) -> Result<(), TestCaseError> {
    let slow = serde_json::from_slice::<Session>(bytes).ok();
    if let Some(fast) = tafel::store::parse_fast(bytes) {
        let text = String::from_utf8_lossy(bytes);
        prop_assert!(slow.is_some(), "only the fast parser accepts:\n{text}");
        prop_assert!(slow.as_ref() == Some(&fast), "read differently:\n{text}");
    }
    Ok(())
}

/// Text put into a file as it is: broken escapes, numbers serde_json refuses, literals,
/// control characters, nesting, whitespace JSON does not know.
const TOKENS: &[&str] = &[
    "\\u12g4",
    "\\u00",
    "\\u",
    "\\ud800",
    "\\udc00",
    "\\ud800\\u0041",
    "\\ud83d\\ude00",
    "\\x",
    "\\",
    "\\\\",
    "\\\"",
    "\"",
    "\u{1}",
    "\u{7f}",
    "\t",
    "\n",
    "\u{c}",
    "\u{a0}",
    "\u{feff}",
    "-0",
    "-0.0",
    "01",
    "1.",
    ".5",
    "+1",
    "1e400",
    "1e-400",
    "1e",
    "-",
    "0x1",
    "NaN",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967296",
    "tru",
    "nul",
    "null",
    "true",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ",,",
    "[1,]",
    "{\"a\":1,}",
    "é",
    "😀",
];

/// Values for a field, or for an unknown field added beside the others.
fn hostile_value(k: usize) -> Value {
    // Deeper than serde_json's recursion limit of 128, too.
    let deep = |n: usize| (0..n).fold(serde_json::json!(1), |v, _| Value::Array(vec![v]));
    match k % 18 {
        0 => Value::Null,
        1 => serde_json::json!(-1),
        2 => serde_json::json!(i64::MIN),
        3 => serde_json::json!(u64::MAX),
        4 => serde_json::json!(1.5),
        5 => serde_json::json!(-0.0),
        6 => serde_json::json!(""),
        7 => serde_json::json!("\u{0}\u{1b}[2J"),
        8 => serde_json::json!("\u{d7ff}\u{e000}\u{10ffff}"),
        9 => serde_json::json!(true),
        10 => serde_json::json!([]),
        11 => serde_json::json!({}),
        12 => serde_json::json!({"a": [1, {"b": null}]}),
        13 => deep(100),
        14 => deep(130),
        15 => serde_json::json!("2026-02-30"),
        16 => serde_json::json!("2026-13"),
        _ => serde_json::json!("1.5"),
    }
}

/// Every place in `v` that holds a value, as a JSON pointer, and every object.
fn places(v: &Value, at: &str, values: &mut Vec<String>, objects: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            objects.push(at.to_string());
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                values.push(p.clone());
                places(x, &p, values, objects);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                values.push(p.clone());
                places(x, &p, values, objects);
            }
        }
        _ => {}
    }
}

#[test]
fn the_fast_parser_reads_every_demo_session_as_serde_json_does() {
    // Or the fast path would be dead code that always falls back.
    for bytes in demo_bytes() {
        let fast = tafel::store::parse_fast(&bytes).expect("the fast parser reads it");
        assert_eq!(serde_json::from_slice::<Session>(&bytes).unwrap(), fast);
    }
}

#[test]
fn every_token_anywhere_in_a_value_or_between_values_keeps_serde_jsons_verdict() {
    let bytes = &demo_bytes()[1];
    // In a text, in a number, in a key, between tokens, at the start and the end.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let spots: Vec<usize> = [
        text.find("\"case_code\"").unwrap() + 15,
        text.find("\"wave\": ").unwrap() + 8,
        text.find("\"wave\"").unwrap() + 2,
        text.find("\"notes\"").unwrap(),
        text.find("\"amount_cents\":").unwrap() + 15,
        0,
        bytes.len(),
    ]
    .into_iter()
    .collect();
    let mut refused = 0;
    for token in TOKENS {
        for &at in &spots {
            let mut edited = bytes.clone();
            edited.splice(at..at, token.bytes());
            same_verdict(&edited).unwrap();
            // The same token inside the value of a field tafel does not know.
            let unknown =
                text.replacen("\"wave\": ", &format!("\"zz\": \"{token}\", \"wave\": "), 1);
            same_verdict(unknown.as_bytes()).unwrap();
            let unknown = text.replacen("\"wave\": ", &format!("\"zz\": [{token}], \"wave\": "), 1);
            same_verdict(unknown.as_bytes()).unwrap();
            refused += usize::from(serde_json::from_slice::<Session>(&edited).is_err());
        }
    }
    assert!(
        refused > TOKENS.len(),
        "the edits must reach the parser's refusals"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn a_token_put_anywhere_keeps_serde_jsons_verdict(
        file in 0usize..64, at in any::<prop::sample::Index>(), token in 0..TOKENS.len(),
        twice in any::<bool>(), again in any::<prop::sample::Index>(),
    ) {
        let all = demo_bytes();
        let mut bytes = all[file % all.len()].clone();
        let i = at.index(bytes.len() + 1);
        bytes.splice(i..i, TOKENS[token].bytes());
        if twice {
            let j = again.index(bytes.len() + 1);
            bytes.splice(j..j, TOKENS[(token * 7 + 3) % TOKENS.len()].bytes());
        }
        same_verdict(&bytes)?;
    }

    #[test]
    fn a_changed_byte_or_a_cut_keeps_serde_jsons_verdict(
        file in 0usize..64, at in any::<prop::sample::Index>(), byte in any::<u8>(),
        len in 0usize..40, cut in any::<bool>(),
    ) {
        let all = demo_bytes();
        let mut bytes = all[file % all.len()].clone();
        let i = at.index(bytes.len());
        if cut {
            let end = (i + len).min(bytes.len());
            bytes.drain(i..end);
        } else {
            bytes[i] = byte;
        }
        same_verdict(&bytes)?;
    }

    #[test]
    fn a_hostile_value_or_an_unknown_field_keeps_serde_jsons_verdict(
        file in 0usize..64, at in any::<prop::sample::Index>(), k in 0usize..18,
        unknown in any::<bool>(),
    ) {
        let all = demo_bytes();
        let mut doc: Value = serde_json::from_slice(&all[file % all.len()]).unwrap();
        let (mut values, mut objects) = (Vec::new(), Vec::new());
        places(&doc, "", &mut values, &mut objects);
        if unknown {
            let p = &objects[at.index(objects.len())];
            let target = if p.is_empty() { &mut doc } else { doc.pointer_mut(p).unwrap() };
            target.as_object_mut().unwrap().insert("zz_unknown".into(), hostile_value(k));
        } else {
            let p = &values[at.index(values.len())];
            *doc.pointer_mut(p).unwrap() = hostile_value(k);
        }
        // Both as tafel writes files and in one line.
        same_verdict(&serde_json::to_vec_pretty(&doc).unwrap())?;
        same_verdict(&serde_json::to_vec(&doc).unwrap())?;
    }
}
