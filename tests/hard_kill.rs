//! The promise "a `kill -9` at any moment loses at most the last fraction of a second of
//! typing and never corrupts a file", proven on the real binary in tmux: random text
//! (ASCII, Dutch diacritics, emoji, CJK) is typed at about 60 characters a second and the
//! program is killed at a random moment, round after round.
//!
//! Per round: the session file must parse (corrupt = 0), no temporary file may be left
//! (leftovers = 0), what was saved must be a prefix of what was typed, and what was lost
//! must have been typed within the last 0.8 s before the kill (the autosave promise is at
//! most 0.3 s after the first unsaved change; 0.5 s covers tmux delivery, the event loop and the fsync).
//! `TAFEL_KILL_ROUNDS` sets the number of rounds (default 50); the seed is printed.

mod common;

use common::{Key, files_under, temp_files};

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Tmux;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A small, seeded xorshift: the rounds can be replayed from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `TAFEL_KILL_SEED`, else one from the clock (printed, to replay a failure).
fn seed() -> u64 {
    std::env::var("TAFEL_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        })
}

/// `TAFEL_KILL_ROUNDS` (default 50); half of it for the encrypted harnesses (default 20).
fn rounds(encrypted: bool) -> usize {
    let given = std::env::var("TAFEL_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok());
    match (given, encrypted) {
        (Some(n), false) => n,
        (Some(n), true) => n.div_ceil(2),
        (None, false) => 50,
        (None, true) => 20,
    }
}

const PIECES: &[&str] = &[
    "de ", "tafel ", "gesprek ", "Ruud ", "werk ", "é", "ë", "ï", "ó", "ü", "café ", "één ", "😀",
    "🙂", "日本", "語", "中文 ", "a", "b", "c", ", ", ". ", "2026 ", "k", "z", "?", "!",
];

struct Round {
    corrupt: bool,
    leftovers: usize,
    lost: usize,
    allowed: usize,
    typed: usize,
}

fn round(n: usize, rng: &mut Rng, key: Option<&Key>) -> Round {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut args = vec!["new".to_string()];
    if let Some(key) = key {
        key.encrypted_library(&data);
        args.splice(0..0, key.args());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let t = Tmux::tafel(&format!("kill-{n}"), &data, &args, (100, 30));
    t.wait_for_screen("Casuscode");
    let pid = t.pid().unwrap();

    // Type for 0.3 to 2.5 s, in small chunks at about 60 characters a second.
    let typing_for = Duration::from_millis(300 + rng.below(2200));
    let mut typed = String::new();
    let mut log: Vec<(Instant, usize)> = Vec::new();
    let began = Instant::now();
    while began.elapsed() < typing_for {
        let piece = PIECES[rng.below(PIECES.len() as u64) as usize];
        t.text(piece);
        typed.push_str(piece);
        log.push((Instant::now(), typed.chars().count()));
        let chars = piece.chars().count() as u64;
        sleep(Duration::from_millis(chars * 16));
    }
    // Kill at a random moment: right away, or a little later.
    sleep(Duration::from_millis(rng.below(400)));
    let killed_at = Instant::now();
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    while !common::process_gone(pid) {
        sleep(Duration::from_millis(5));
    }
    let leftovers = std::fs::read_dir(data.join("sessions"))
        .map(|r| {
            r.flatten()
                .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
                .count()
        })
        .unwrap_or(0);
    drop(t);

    // On an encrypted library the file must be encrypted, whole, and nothing typed may
    // lie in plain text anywhere (a temporary file included).
    let mut plain_text = false;
    if key.is_some() && typed.len() >= 16 {
        let head = &typed.as_bytes()[..16];
        plain_text = files_under(&data)
            .iter()
            .any(|p| std::fs::read(p).is_ok_and(|b| b.windows(16).any(|w| w == head)));
    }
    let saved: Option<String> = common::session_files(&data)
        .into_iter()
        .next()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| match key {
            Some(key) => tafel::store::vault::open_with(&key.library(&data), &b).ok(),
            None => Some(b),
        })
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .map(|v| {
            v["preparation"]["project"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        });
    let typed_chars = typed.chars().count();
    // Everything typed up to 0.8 s before the kill must be on disk.
    let allowed = typed_chars
        - log
            .iter()
            .filter(|(t, _)| killed_at.duration_since(*t) >= Duration::from_millis(800))
            .map(|(_, c)| *c)
            .max()
            .unwrap_or(0);
    match saved {
        Some(text) if typed.starts_with(&text) && !plain_text => Round {
            corrupt: false,
            leftovers,
            lost: typed_chars - text.chars().count(),
            allowed,
            typed: typed_chars,
        },
        _ => Round {
            corrupt: true,
            leftovers,
            lost: typed_chars,
            allowed,
            typed: typed_chars,
        },
    }
}

#[test]
fn kill_9_while_typing_never_corrupts_and_loses_only_the_last_moment() {
    let rounds = rounds(false);
    typing_rounds(rounds, None, "hard-kill");
}

/// The same on an encrypted library: every round's file must be encrypted and whole, and
/// nothing typed may be found in plain text in any file, temporary files included.
#[test]
fn kill_9_while_typing_on_an_encrypted_library_never_corrupts_or_leaves_plain_text() {
    let rounds = rounds(true);
    let base = tempfile::tempdir().unwrap();
    let key = Key::new(base.path());
    typing_rounds(rounds, Some(&key), "hard-kill-encrypted");
}

fn typing_rounds(rounds: usize, key: Option<&Key>, name: &str) {
    let seed = seed();
    eprintln!("{name} harness: {rounds} rounds, seed {seed} (TAFEL_KILL_SEED to replay)");
    // Two rounds at a time: the machine has two cores and most of a round is waiting.
    let results: Vec<Round> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|lane| {
                scope.spawn(move || {
                    let mut rng = Rng(seed.wrapping_add(lane as u64 * 0x9E37_79B9_7F4A_7C15) | 1);
                    (0..rounds)
                        .filter(|n| n % 2 == lane)
                        .map(|n| round(n + usize::from(key.is_some()) * 1000, &mut rng, key))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let corrupt = results.iter().filter(|r| r.corrupt).count();
    let leftovers: usize = results.iter().map(|r| r.leftovers).sum();
    let mut lost: Vec<usize> = results.iter().map(|r| r.lost).collect();
    lost.sort_unstable();
    let typed: usize = results.iter().map(|r| r.typed).sum();
    let over: Vec<(usize, usize)> = results
        .iter()
        .filter(|r| !r.corrupt && r.lost > r.allowed)
        .map(|r| (r.lost, r.allowed))
        .collect();
    let summary = format!(
        "{name}: {} rounds (seed {seed}), {typed} chars typed, corrupt {corrupt}, leftover temp files {leftovers}, chars lost median {} max {}",
        results.len(),
        lost[lost.len() / 2],
        lost[lost.len() - 1]
    );
    eprintln!("{summary}");
    // scripts/test.sh prints these figures after the run.
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let _ = std::fs::write(figures.join(format!("{name}.txt")), summary + "\n");
    assert_eq!(results.len(), rounds);
    assert_eq!(
        corrupt, 0,
        "a kill -9 must never leave a file that cannot be read or that is not what was typed (or, encrypted, typed text in plain)"
    );
    assert_eq!(leftovers, 0, "no temporary files left behind");
    assert!(
        over.is_empty(),
        "lost more than was typed in the last 0.8 s: (lost, allowed) {over:?}"
    );
}

/// What a round of the command rounds found after its `kill -9`.
struct CommandRound {
    damaged: Vec<String>,
    /// Temporary files right after the kill: only a kill in the instant between naming a
    /// new file and renaming it over the old one leaves one.
    leftovers: Vec<String>,
    /// Temporary files after the next start (`tafel list`) and the same command run
    /// again: must be none.
    leftovers_after: Vec<String>,
}

/// A library of the demo cases plus `copies` more sessions (new ids), half of them past
/// their retention date, so purge and delete have work to do.
fn busy_library(template: &Path, copies: usize) {
    let demo: Vec<PathBuf> = std::fs::read_dir(template.join("sessions"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    for n in 0..copies {
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&demo[n % demo.len()]).unwrap()).unwrap();
        let id = format!("00000000-0000-4000-8000-{n:012}");
        v["id"] = id.clone().into();
        v["series_id"] = id.clone().into();
        if n % 2 == 0 {
            v["retention_until"] = "2020-01-01".into();
        }
        std::fs::write(
            template.join(format!("sessions/{id}.json")),
            serde_json::to_vec_pretty(&v).unwrap(),
        )
        .unwrap();
    }
}

fn command_round(n: usize, rng: &mut Rng, template: &Path) -> CommandRound {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    Command::new("cp")
        .args(["-a"])
        .arg(template)
        .arg(&data)
        .status()
        .unwrap();
    let data_s = data.to_str().unwrap().to_string();
    let out_file = out.join("all.jsonl").to_str().unwrap().to_string();
    let victim = format!("00000000-0000-4000-8000-{:012}", n % 40);
    let args: Vec<String> = match n % 3 {
        0 => vec!["delete".into(), victim, "--yes".into()],
        1 => vec!["purge".into(), "--expired".into(), "--yes".into()],
        _ => vec![
            "export".into(),
            "--all".into(),
            // The busy library is made of demo copies: without this the export is empty.
            "--include-demo".into(),
            "--format".into(),
            "jsonl".into(),
            "-o".into(),
            out_file,
        ],
    };
    let mut child = common::bin()
        .arg("--data-dir")
        .arg(&data_s)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    sleep(Duration::from_micros(rng.below(40_000)));
    let _ = Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status();
    let _ = child.wait();

    let mut damaged = Vec::new();
    let leftovers = temp_files(dir.path());
    for p in files_under(dir.path()) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let is_session = p.extension().is_some_and(|e| e == "json")
            && p.parent()
                .and_then(|d| d.file_name())
                .is_some_and(|d| d == "sessions" || d == "trash");
        if is_session
            && serde_json::from_slice::<serde_json::Value>(&std::fs::read(&p).unwrap()).is_err()
        {
            damaged.push(name.clone());
        }
        // An export is there whole or not at all; this library always has sessions to export.
        if name == "all.jsonl" {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if text.is_empty() {
                damaged.push(format!("{name}: empty, although the library has sessions"));
            } else if !text.ends_with('\n')
                || text
                    .lines()
                    .any(|l| serde_json::from_str::<serde_json::Value>(l).is_err())
            {
                damaged.push(name.clone());
            }
        }
    }
    // The library still opens, and a deleted session leaves no line in the index.
    let listed = common::bin()
        .arg("--data-dir")
        .arg(&data_s)
        .args(["list", "--json"])
        .output()
        .unwrap();
    if !listed.status.success() {
        damaged.push(format!("list: {}", String::from_utf8_lossy(&listed.stderr)));
    }
    let index = std::fs::read_to_string(data.join("sessions/.index.jsonl")).unwrap_or_default();
    for line in index.lines() {
        if let Some(file) = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v["file"].as_str().map(str::to_string))
            && !data.join("sessions").join(&file).exists()
        {
            damaged.push(format!("index line of a deleted file {file}"));
        }
    }
    // The same command once more, to its end: what a killed run left goes.
    let _ = common::bin()
        .arg("--data-dir")
        .arg(&data_s)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .output();
    let leftovers_after = temp_files(dir.path());
    CommandRound {
        damaged,
        leftovers,
        leftovers_after,
    }
}

#[test]
fn kill_9_during_delete_purge_and_export_never_damages_or_leaves_anything() {
    let rounds = rounds(false);
    let seed = seed();
    let template_dir = tempfile::tempdir().unwrap();
    let template = template_dir.path().join("data");
    let ok = common::bin()
        .arg("--data-dir")
        .arg(&template)
        .arg("demo")
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok);
    busy_library(&template, 40);
    let mut rng = Rng(seed);
    let results: Vec<CommandRound> = (0..rounds)
        .map(|n| command_round(n, &mut rng, &template))
        .collect();
    let damaged: Vec<&String> = results.iter().flat_map(|r| &r.damaged).collect();
    let leftovers: Vec<&String> = results.iter().flat_map(|r| &r.leftovers).collect();
    let after: Vec<&String> = results.iter().flat_map(|r| &r.leftovers_after).collect();
    let summary = format!(
        "hard-kill of delete/purge/export --all: {rounds} rounds (seed {seed}), damaged files {}, temporary files right after the kill {}, after the next run {}",
        damaged.len(),
        leftovers.len(),
        after.len()
    );
    eprintln!("{summary}");
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let _ = std::fs::write(figures.join("hard-kill-commands.txt"), summary + "\n");
    assert!(damaged.is_empty(), "damaged: {damaged:?}");
    assert!(
        after.is_empty(),
        "left behind after the next run: {after:?}"
    );
}

/// `kill -9` during `tafel encrypt` (and `decrypt`), at a random moment: every session
/// file is whole, either as it was or in its new form, and the command run again to its
/// end leaves every file in the new form, no temporary file and, encrypted, no case code
/// in plain text anywhere.
#[test]
fn kill_9_during_encrypt_and_decrypt_never_damages_or_leaves_plain_text() {
    let rounds = rounds(true);
    let seed = seed();
    let base = tempfile::tempdir().unwrap();
    let key = Key::new(base.path());
    let plain = base.path().join("plain");
    let o = common::tafel(&plain, &["demo"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    busy_library(&plain, 40);
    let sealed = base.path().join("sealed");
    Command::new("cp")
        .arg("-a")
        .arg(&plain)
        .arg(&sealed)
        .status()
        .unwrap();
    key.encrypted_library(&sealed);
    let mut rng = Rng(seed);
    let mut damaged = Vec::new();
    let mut leftovers_after = Vec::new();
    let mut killed_midway = 0;
    for n in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (from, command) = if n % 2 == 0 {
            (&plain, "encrypt")
        } else {
            (&sealed, "decrypt")
        };
        Command::new("cp")
            .arg("-a")
            .arg(from)
            .arg(&data)
            .status()
            .unwrap();
        let run = |wait: bool| {
            let mut c = common::bin();
            c.arg("--data-dir")
                .arg(&data)
                .args(key.args())
                .arg(command)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            if wait {
                let _ = c.status();
                None
            } else {
                Some(c.spawn().unwrap())
            }
        };
        let mut child = run(false).unwrap();
        sleep(Duration::from_micros(rng.below(60_000)));
        let _ = Command::new("kill")
            .args(["-9", &child.id().to_string()])
            .status();
        let _ = child.wait();
        // Each file whole: plain JSON, or encrypted (to the library key in keys.json)
        // and decrypting to JSON.
        let library = tafel::store::vault::settings::Settings::read(&data)
            .ok()
            .and_then(|s| s.library)
            .and_then(|l| l.unwrap(&key.identity));
        let mut kinds = [0usize; 2];
        for p in files_under(&data.join("sessions")) {
            if p.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            let sealed_file = tafel::store::vault::is_sealed(&bytes);
            kinds[usize::from(sealed_file)] += 1;
            let plain_bytes = if sealed_file {
                library
                    .as_ref()
                    .and_then(|l| tafel::store::vault::open_with(l, &bytes).ok())
            } else {
                Some(bytes)
            };
            if plain_bytes
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_none()
            {
                damaged.push(format!("round {n} {command}: {}", p.display()));
            }
        }
        killed_midway += usize::from(kinds[0] > 0 && kinds[1] > 0);
        // Once more to its end: everything in the new form, nothing left over.
        run(true);
        leftovers_after.extend(temp_files(&data));
        for p in files_under(&data) {
            let bytes = std::fs::read(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let session = p.extension().is_some_and(|e| e == "json")
                && p.parent().is_some_and(|d| d.ends_with("sessions"));
            if command == "encrypt"
                && (bytes.windows(10).any(|w| w == b"DEMO-GR-07")
                    || (session && !tafel::store::vault::is_sealed(&bytes)))
            {
                damaged.push(format!("round {n}: {name} in plain text after encrypt"));
            }
            if command == "decrypt" && session && tafel::store::vault::is_sealed(&bytes) {
                damaged.push(format!("round {n}: {name} still encrypted after decrypt"));
            }
        }
    }
    let summary = format!(
        "hard-kill of encrypt/decrypt: {rounds} rounds (seed {seed}), killed with the library half converted {killed_midway}, damaged files {}, temporary files after the next run {}",
        damaged.len(),
        leftovers_after.len()
    );
    eprintln!("{summary}");
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let _ = std::fs::write(figures.join("hard-kill-convert.txt"), summary + "\n");
    assert!(damaged.is_empty(), "{damaged:?}");
    assert!(leftovers_after.is_empty(), "{leftovers_after:?}");
}

/// `kill -9` during `tafel keys add`, `keys remove` and `keys confirm` on an encrypted
/// library of a team, at a random moment: every session file stays encrypted (no plain
/// file) and whole, opening with a library key keys.json gives the member, and the
/// library opens as a whole; `tafel encrypt` then finishes what was stopped, leaving
/// every file encrypted to the library key alone and no temporary file. After a removal,
/// the removed member opens nothing.
#[test]
fn kill_9_during_keys_add_remove_and_confirm_never_damages_or_leaves_plain_text() {
    let rounds = rounds(true).max(3);
    let seed = seed();
    let base = tempfile::tempdir().unwrap();
    let key = |name: &str| {
        let dir = base.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        Key::new(&dir)
    };
    let (a, b, c, e) = (key("a"), key("b"), key("c"), key("e"));
    let public = |k: &Key| k.identity.to_public().to_string();
    let tafel = |k: &Key, data: &Path, args: &[&str]| {
        let o = common::bin()
            .arg("--data-dir")
            .arg(data)
            .args(k.args())
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", common::stderr(&o));
    };
    // The team: a encrypted the library and added b; b confirmed a and added c, whom a
    // has not confirmed; a added and removed e, so the library key a made then was not
    // given to c: `keys confirm c` on a's laptop gives it.
    let template = base.path().join("template");
    let o = common::tafel(&template, &["demo"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    busy_library(&template, 40);
    a.encrypted_library(&template);
    tafel(&a, &template, &["keys", "add", &public(&b), "--name", "b"]);
    tafel(&b, &template, &["keys", "confirm", &public(&a), "--yes"]);
    tafel(&b, &template, &["keys", "add", &public(&c), "--name", "c"]);
    tafel(&a, &template, &["keys", "add", &public(&e), "--name", "e"]);
    tafel(&a, &template, &["keys", "remove", "e"]);
    let mut rng = Rng(seed);
    let mut damaged = Vec::new();
    let mut leftovers_after = Vec::new();
    // Rounds killed before keys.json changed, after, and in the middle of a conversion.
    let (mut before, mut after, mut midway) = (0, 0, 0);
    let original = std::fs::read(template.join("keys.json")).unwrap();
    for n in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let a_keys = dir.path().join("a-keys");
        for (from, to) in [(&template, &data), (&a.dir, &a_keys)] {
            Command::new("cp")
                .arg("-a")
                .arg(from)
                .arg(to)
                .status()
                .unwrap();
        }
        let a_args = vec![
            "--keys-dir".to_string(),
            a_keys.display().to_string(),
            "--passphrase-file".to_string(),
            a.pass.display().to_string(),
        ];
        let command: Vec<String> = match n % 3 {
            0 => vec![
                "keys".into(),
                "add".into(),
                public(&e),
                "--name".into(),
                "e2".into(),
            ],
            1 => vec!["keys".into(), "remove".into(), "b".into()],
            _ => vec!["keys".into(), "confirm".into(), "c".into(), "--yes".into()],
        };
        let mut child = common::bin()
            .arg("--data-dir")
            .arg(&data)
            .args(&a_args)
            .args(&command)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        sleep(Duration::from_micros(rng.below(80_000)));
        let _ = Command::new("kill")
            .args(["-9", &child.id().to_string()])
            .status();
        let _ = child.wait();
        let what = format!("round {n} {}", command[1]);
        // Every session file encrypted, whole, and open with a key keys.json gives a.
        let settings = tafel::store::vault::settings::Settings::read(&data);
        let Ok(settings) = settings else {
            damaged.push(format!("{what}: keys.json {settings:?}"));
            continue;
        };
        if std::fs::read(data.join("keys.json")).unwrap() == original {
            before += 1;
        } else if settings.unfinished {
            midway += 1;
        } else {
            after += 1;
        }
        let keys: Vec<age::x25519::Identity> = settings
            .library
            .iter()
            .chain(&settings.retired)
            .filter_map(|l| l.unwrap(&a.identity))
            .collect();
        for p in files_under(&data) {
            let in_sessions = p
                .parent()
                .and_then(|d| d.file_name())
                .is_some_and(|d| d == "sessions" || d == "trash");
            if !in_sessions || p.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            if !tafel::store::vault::is_sealed(&bytes) {
                damaged.push(format!("{what}: {} in plain text", p.display()));
                continue;
            }
            let whole = keys.iter().any(|k| {
                tafel::store::vault::open_with(k, &bytes)
                    .ok()
                    .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                    .is_some()
            });
            if !whole {
                damaged.push(format!("{what}: {} does not open", p.display()));
            }
        }
        let listed = common::bin()
            .arg("--data-dir")
            .arg(&data)
            .args(&a_args)
            .args(["list", "--json"])
            .output()
            .unwrap();
        let unreadable = serde_json::from_slice::<serde_json::Value>(&listed.stdout)
            .ok()
            .and_then(|v| v["unreadable"].as_array().map(Vec::len));
        if !listed.status.success() || unreadable != Some(0) {
            damaged.push(format!(
                "{what}: list {unreadable:?} {}",
                String::from_utf8_lossy(&listed.stderr)
            ));
        }
        // Finished: the command again (a stopped removal says how to finish), then
        // encrypt, which finishes any conversion.
        let _ = common::bin()
            .arg("--data-dir")
            .arg(&data)
            .args(&a_args)
            .args(&command)
            .stdin(std::process::Stdio::null())
            .output();
        let finished = common::bin()
            .arg("--data-dir")
            .arg(&data)
            .args(&a_args)
            .arg("encrypt")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        if !finished.status.success() {
            damaged.push(format!(
                "{what}: encrypt {}",
                String::from_utf8_lossy(&finished.stderr)
            ));
        }
        leftovers_after.extend(temp_files(&data));
        let settings = tafel::store::vault::settings::Settings::read(&data).unwrap();
        let Some(current) = settings
            .library
            .as_ref()
            .and_then(|l| l.unwrap(&a.identity))
        else {
            damaged.push(format!("{what}: a lost the library key"));
            continue;
        };
        for p in common::session_files(&data) {
            let bytes = std::fs::read(&p).unwrap();
            if !tafel::store::vault::sealed_to_only(&bytes, &current) {
                damaged.push(format!("{what}: {} not on the library key", p.display()));
            }
        }
        if command[1] == "remove" {
            let b_keys: Vec<_> = settings
                .library
                .iter()
                .chain(&settings.retired)
                .filter_map(|l| l.unwrap(&b.identity))
                .collect();
            if !b_keys.is_empty() {
                damaged.push(format!("{what}: b still given a library key"));
            }
        }
    }
    let summary = format!(
        "hard-kill of keys add/remove/confirm: {rounds} rounds (seed {seed}), killed before keys.json changed {before}, in a conversion {midway}, after {after}; damaged or plain files {}, temporary files after the next run {}",
        damaged.len(),
        leftovers_after.len()
    );
    eprintln!("{summary}");
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let _ = std::fs::write(figures.join("hard-kill-keys.txt"), summary + "\n");
    assert!(damaged.is_empty(), "{damaged:?}");
    assert!(leftovers_after.is_empty(), "{leftovers_after:?}");
}
