//! Encryption at rest on the real binary: after `keys init` and `encrypt`, nothing under
//! the data folder holds a case code, an alias or a quote in plain text; two team members
//! can both open what is encrypted to both; a wrong passphrase writes nothing; `decrypt`
//! gives the plain library back. The passphrase comes from `--passphrase-file` here (and
//! is typed in a real terminal in `e2e_tmux.rs`); the key's scrypt work factor is lowered
//! for the tests with `TAFEL_TEST_SCRYPT_LOG_N` (debug builds only).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::team::{Member, by, member, ok, run};
use common::{BIN, stderr, stdout};

/// A fresh folder with the demo library, encrypted to Anna's key.
fn encrypted_demo(passphrase: &str) -> (tempfile::TempDir, PathBuf, Member) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let anna = member(dir.path(), "anna", passphrase);
    ok(&by(&anna, &data, &["demo"]));
    ok(&by(&anna, &data, &["encrypt"]));
    (dir, data, anna)
}

/// `tafel export ID --format FORMAT -o TO` as `m`, which must succeed.
fn export_to(data: &Path, m: &Member, id: &str, format: &str, to: &Path) -> String {
    ok(&run(
        data,
        &m.keys,
        &m.pass,
        &["export", id, "--format", format, "-o", to.to_str().unwrap()],
    ))
}

/// Every regular file under `dir`, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let t = e.file_type().unwrap();
            if t.is_dir() {
                todo.push(e.path());
            } else if t.is_file() {
                out.push((e.path(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Case codes, aliases and quotes of the demo sessions: what must never lie in plain text.
fn secrets(data: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in files(&data.join("sessions")) {
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        found.push(v["preparation"]["case_code"].as_str().unwrap().to_string());
        for a in v["preparation"]["attendees"].as_array().unwrap() {
            if let Some(alias) = a["alias"].as_str().filter(|s| s.len() > 3) {
                found.push(alias.to_string());
            }
        }
        for d in v["outcomes"]["domains"].as_array().into_iter().flatten() {
            for q in d["quotes"].as_array().into_iter().flatten() {
                if let Some(text) = q["text"].as_str().filter(|s| s.len() > 12) {
                    found.push(text.chars().take(30).collect());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// `grep -r` for every secret: the files (and file names) under `data` that hold one.
fn plain_text_in(data: &Path, secrets: &[String]) -> Vec<String> {
    let mut hits = Vec::new();
    for (path, bytes) in files(data) {
        let text = String::from_utf8_lossy(&bytes);
        let name = path.display().to_string();
        for s in secrets {
            if text.contains(s.as_str()) || name.contains(s.as_str()) {
                hits.push(format!("{name}: {s}"));
            }
        }
    }
    hits
}

#[test]
fn after_keys_init_and_encrypt_no_file_holds_a_case_code_an_alias_or_a_quote() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let anna = member(dir.path(), "anna", "zeven vrolijke tafels");
    ok(&by(&anna, &data, &["demo"]));
    let secrets = secrets(&data);
    assert!(secrets.iter().any(|s| s == "DEMO-GR-07"), "{secrets:?}");
    assert!(
        secrets.len() > 10,
        "case codes, aliases and quotes: {secrets:?}"
    );
    // Every kind of file with personal data: an export in the library, the trash, the
    // figures cache, the index.
    let listed = ok(&by(&anna, &data, &["list"]));
    assert!(listed.contains("DEMO-GR-07"));
    let export = data.join("exports").join("DEMO-GR-07-T0.html");
    std::fs::create_dir_all(data.join("exports")).unwrap();
    export_to(&data, &anna, "4b7e2c91", "html", &export);
    ok(&by(&anna, &data, &["portfolio", "--include-demo"]));
    let lib = tafel::store::Library::open(&data).unwrap();
    let victim = lib.resolve("5a0c8e3f").unwrap();
    lib.move_to_trash(&victim).unwrap();
    assert!(!plain_text_in(&data, &secrets).is_empty(), "plain before");

    let out = ok(&by(&anna, &data, &["encrypt"]));
    assert!(out.contains("omgezet"), "{out}");
    let hits = plain_text_in(&data, &secrets);
    assert!(hits.is_empty(), "plain text after encrypt: {hits:?}");
    assert!(!data.join("exports").join("DEMO-GR-07-T0.html").exists());
    let sealed_export = data.join("exports").join("4b7e2c91-1.html.age");
    assert!(sealed_export.exists());
    // One encrypted export made readable, to print: outside the library only.
    let decrypt_to = |to: &Path| {
        let (file, to) = (sealed_export.to_str().unwrap(), to.to_str().unwrap());
        ok(&by(&anna, &data, &["decrypt", file, "-o", to]))
    };
    let to_print = dir.path().join("to-print.html");
    decrypt_to(&to_print);
    assert!(
        std::fs::read_to_string(&to_print)
            .unwrap()
            .contains("DEMO-GR-07")
    );
    let back_inside = data.join("exports").join("copy.html");
    let back_inside_sealed = data.join("exports").join("copy.html.age");
    decrypt_to(&back_inside);
    assert!(!back_inside.exists(), "named as encrypted");
    assert!(tafel::store::vault::is_sealed(
        &std::fs::read(&back_inside_sealed).unwrap()
    ));

    // Everything still works, and writes nothing plain: list, portfolio (the figures
    // cache is written again), a new session, an export inside the library.
    let listed = ok(&by(&anna, &data, &["list"]));
    assert!(listed.contains("DEMO-GR-07"), "{listed}");
    assert!(listed.contains("Versleutelde bibliotheek"), "{listed}");
    let folio = ok(&by(&anna, &data, &["portfolio", "--include-demo"]));
    assert!(folio.contains("De Graasj"), "{folio}");
    assert!(data.join("sessions").join(".figures.bin").exists());
    ok(&by(
        &anna,
        &data,
        &[
            "end-series",
            "97f3d1c5",
            "--reason",
            "goal-reached",
            "--note",
            "Hamid zegt: klaar",
        ],
    ));
    let markdown_to = |to: &Path| export_to(&data, &anna, "97f3d1c5", "markdown", to);
    markdown_to(&data.join("exports").join("again.md"));
    let mut more = secrets.clone();
    more.push("Hamid zegt: klaar".into());
    let hits = plain_text_in(&data, &more);
    assert!(hits.is_empty(), "plain text after use: {hits:?}");
    // An export the user puts outside the library is theirs, readable, to print.
    let outside = dir.path().join("print.md");
    markdown_to(&outside);
    assert!(
        std::fs::read_to_string(&outside)
            .unwrap()
            .contains("DEMO-GR-11")
    );

    // A plain session file that turns up (an older tafel on another laptop): named by
    // `list`, and `encrypt` again finishes it.
    let stray = data
        .join("sessions")
        .join("5a0c8e3f-6b1d-4a97-8f2e-9c4b7d3a1e58 (1).json");
    std::fs::copy(dir.path().join("print.md"), &stray).unwrap();
    let o = by(&anna, &data, &["list"]);
    assert!(
        stderr(&o).contains("nog niet versleuteld"),
        "{}",
        stderr(&o)
    );
    let json = ok(&by(&anna, &data, &["list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["encrypted"], true);
    assert_eq!(v["not_encrypted"].as_array().unwrap().len(), 1, "{json}");
    ok(&by(&anna, &data, &["encrypt"]));
    let o = by(&anna, &data, &["list"]);
    assert!(
        !stderr(&o).contains("nog niet versleuteld"),
        "{}",
        stderr(&o)
    );
    assert!(tafel::store::vault::is_sealed(
        &std::fs::read(&stray).unwrap()
    ));
    std::fs::remove_file(&stray).unwrap();

    // And back: every file plain again, valid, the same sessions.
    ok(&by(&anna, &data, &["decrypt"]));
    for (path, bytes) in files(&data.join("sessions")) {
        assert!(
            !bytes.starts_with(b"age-encryption.org"),
            "{}",
            path.display()
        );
    }
    let plain = common::tafel(&data, &["list"]);
    assert!(stdout(&plain).contains("DEMO-GR-07"), "{}", stderr(&plain));
    assert!(!stdout(&plain).contains("Versleutelde"));
}

#[test]
fn two_members_both_open_what_is_encrypted_to_both_and_a_removed_one_no_longer() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let anna = member(dir.path(), "anna", "anna haar zin");
    let bram = member(dir.path(), "bram", "bram zijn zin");
    assert_ne!(anna.public, bram.public);
    ok(&by(&anna, &data, &["demo"]));
    ok(&by(&anna, &data, &["encrypt"]));
    // Bram is not a member yet: told so, in words.
    let o = by(&bram, &data, &["show", "4b7e2c91"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("niet aan jouw sleutel gegeven"),
        "{}",
        stderr(&o)
    );

    let added = ok(&by(
        &anna,
        &data,
        &["keys", "add", &bram.public, "--name", "Bram"],
    ));
    assert!(
        added.contains("geen gespreksbestand herschreven"),
        "{added}"
    );
    // Bram's laptop has not confirmed Anna's key, which signed keys.json: it takes
    // nothing from it, and says whose words to compare and how to confirm.
    let o = by(&bram, &data, &["show", "4b7e2c91"]);
    assert!(!o.status.success());
    let words = tafel::store::vault::signoff::fingerprint(&anna.public);
    assert!(
        stderr(&o).contains(&words) && stderr(&o).contains("tafel keys confirm"),
        "{}",
        stderr(&o)
    );
    let o = by(&bram, &data, &["keys", "confirm", &anna.public]);
    assert!(!o.status.success(), "no terminal, no --yes: not confirmed");
    assert!(stdout(&o).contains(&words), "the words are shown first");
    ok(&by(
        &bram,
        &data,
        &["keys", "confirm", &anna.public, "--yes"],
    ));
    for m in [&anna, &bram] {
        let shown = ok(&by(m, &data, &["show", "4b7e2c91"]));
        assert!(shown.contains("DEMO-GR-07"), "{shown}");
    }
    let keys = ok(&by(&bram, &data, &["keys", "list"]));
    assert!(
        keys.contains("Bram (jij)") && keys.contains(&anna.public),
        "{keys}"
    );
    assert!(keys.contains("gegeven aan 2 sleutel(s)"), "{keys}");
    // A file Bram saves opens for Anna.
    ok(&by(
        &bram,
        &data,
        &["end-series", "97f3d1c5", "--reason", "moved-away"],
    ));
    let shown = ok(&by(&anna, &data, &["show", "97f3d1c5"]));
    assert!(shown.contains("DEMO-GR-11"));

    // Not one's own key while others remain: that would lock Anna out at once.
    let o = by(&anna, &data, &["keys", "remove", &anna.public]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("je eigen sleutel"), "{}", stderr(&o));
    ok(&by(&anna, &data, &["keys", "remove", "Bram"]));
    let o = by(&bram, &data, &["show", "4b7e2c91"]);
    assert!(!o.status.success(), "removed: {}", stdout(&o));
    ok(&by(&anna, &data, &["show", "4b7e2c91"]));
    // The last key is never removed from an encrypted library.
    let o = by(&anna, &data, &["keys", "remove", &anna.public]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("laatste sleutel"), "{}", stderr(&o));
}

#[test]
fn a_wrong_passphrase_gets_a_clear_message_and_nothing_is_written() {
    let (dir, data, anna) = encrypted_demo("de goede zin");
    let carl = member(dir.path(), "carl", "carl zijn zin");
    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "de foute zin\n").unwrap();
    let before = files(dir.path());
    let stamps = |fs: &[(PathBuf, Vec<u8>)]| -> Vec<(PathBuf, std::time::SystemTime)> {
        fs.iter()
            .map(|(p, _)| (p.clone(), std::fs::metadata(p).unwrap().modified().unwrap()))
            .collect()
    };
    let before_stamps = stamps(&before);
    for args in [
        &["list"][..],
        &["show", "4b7e2c91"],
        &["new", "--case", "X-1"],
        &["portfolio"],
        &["decrypt"],
        &["encrypt"],
        &["keys", "add", &carl.public, "--name", "Carl"],
        &["keys", "remove", &anna.public],
    ] {
        let o = run(&data, &anna.keys, &wrong, args);
        assert!(!o.status.success(), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("verkeerde wachtwoordzin") || err.contains("laatste sleutel"),
            "{args:?}: {err}"
        );
    }
    let o = common::bin()
        .args(["--lang", "en", "--data-dir"])
        .arg(&data)
        .arg("--keys-dir")
        .arg(&anna.keys)
        .arg("--passphrase-file")
        .arg(&wrong)
        .arg("list")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(stderr(&o).contains("wrong passphrase"), "{}", stderr(&o));
    let after = files(dir.path());
    assert_eq!(before, after, "not a byte changed");
    assert_eq!(before_stamps, stamps(&after), "not a file touched");
}

#[test]
fn a_library_encrypted_without_a_key_here_says_how_to_get_one() {
    let (dir, data, anna) = encrypted_demo("een zin van woorden");
    let o = run(&data, &dir.path().join("nobody"), &anna.pass, &["list"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tafel keys init"), "{}", stderr(&o));
    // Without a passphrase file and without a terminal (setsid: no controlling
    // terminal, so /dev/tty cannot be opened): told to give one.
    let o = Command::new("setsid")
        .arg("-w")
        .arg(BIN)
        .arg("--data-dir")
        .arg(&data)
        .arg("--keys-dir")
        .arg(&anna.keys)
        .arg("list")
        .env("LANG", "C")
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--passphrase-file"), "{}", stderr(&o));
    // The passphrase from a pipe: `--passphrase-file /dev/stdin`.
    let mut child = common::bin()
        .arg("--data-dir")
        .arg(&data)
        .arg("--keys-dir")
        .arg(&anna.keys)
        .args(["--passphrase-file", "/dev/stdin", "list"])
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"een zin van woorden\n").unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(stdout(&o).contains("DEMO-GR-07"), "{}", stderr(&o));
    // `keys init` never replaces a key.
    let o = by(&anna, &data, &["keys", "init"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nooit overschreven"), "{}", stderr(&o));
}

/// The library key of the library in `data`, unwrapped from its keys.json with a
/// member's key, as tafel does at start.
fn library_key(member: &Member, passphrase: &str, data: &Path) -> age::x25519::Identity {
    let own = tafel::store::vault::keys::unlock(
        &member.keys,
        &age::secrecy::SecretString::from(passphrase.to_string()),
    )
    .unwrap();
    let settings = tafel::store::vault::settings::Settings::read(data).unwrap();
    settings
        .library
        .expect("a library key")
        .unwrap(&own)
        .expect("given to this member")
}

/// The plain text of an encrypted file of the library in `data`, opened with the
/// library key as tafel opens it.
fn decrypt_with(member: &Member, passphrase: &str, data: &Path, path: &Path) -> String {
    let key = library_key(member, passphrase, data);
    let sealed = std::fs::read(path).unwrap();
    assert!(
        tafel::store::vault::is_sealed(&sealed),
        "{}",
        path.display()
    );
    String::from_utf8(tafel::store::vault::open_with(&key, &sealed).unwrap()).unwrap()
}

#[test]
fn in_a_real_terminal_the_passphrase_is_asked_once_and_typing_is_saved_encrypted() {
    let (dir, data, anna) = encrypted_demo("thee met koek");
    let command = format!(
        "{} --data-dir {} --keys-dir {}",
        BIN,
        common::shell_quote(&data.display().to_string()),
        common::shell_quote(&anna.keys.display().to_string())
    );
    let env = [("LANG", "nl_NL.UTF-8")];
    // A wrong passphrase: said in words, nothing opened, the terminal as it was.
    let before = files(&data);
    let t = common::Tmux::run("enc-wrong", &command, (100, 30), &env);
    t.wait_for_screen("Wachtwoordzin van je sleutel");
    t.text("koffie met koek");
    t.keys(&["Enter"]);
    let screen = t.wait_for_screen("verkeerde wachtwoordzin");
    assert!(!screen.contains("koffie"), "typed without echo: {screen}");
    assert_eq!(before, files(&data), "nothing written");
    drop(t);

    let t = common::Tmux::run("enc-right", &command, (100, 30), &env);
    t.wait_for_screen("Wachtwoordzin van je sleutel");
    t.text("thee met koek");
    t.keys(&["Enter"]);
    let screen = t.wait_for_screen("DEMO-GR-07");
    assert!(
        screen.contains("versleuteld"),
        "the header says so: {screen}"
    );
    assert!(!screen.contains("thee met"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for_screen("F5 Voorb");
    t.text(" Vuurtoren-7731");
    t.wait_for_screen("Vuurtoren-7731");
    let screen = t.wait_for_screen("opgeslagen · versleuteld");
    assert!(screen.contains("DEMO-GR-07"), "{screen}");
    let session = data
        .join("sessions")
        .join("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31.json");
    common::wait_until("the typing saved, encrypted", || {
        decrypt_with(&anna, "thee met koek", &data, &session).contains("Vuurtoren-7731")
    });
    // Ctrl+E writes the report encrypted, and says how to make it readable.
    t.keys(&["C-e"]);
    t.wait_for_screen("Leesbaar: tafel decrypt 4b7e2c91-T0.html.age -o ~/4b7e2c91-T0.html");
    t.keys(&["C-q"]);
    t.wait_dead();
    let printed = dir.path().join("printed.html");
    ok(&by(
        &anna,
        &data,
        &[
            "decrypt",
            "4b7e2c91-T0.html.age",
            "-o",
            printed.to_str().unwrap(),
        ],
    ));
    assert!(
        std::fs::read_to_string(&printed)
            .unwrap()
            .contains("Vuurtoren-7731")
    );
    let hits = plain_text_in(&data, &["Vuurtoren".to_string(), "DEMO-GR-07".to_string()]);
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn the_manifest_of_exports_survives_every_conversion_and_delete_still_finds_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let anna = member(dir.path(), "anna", "anna haar zin");
    let bram = member(dir.path(), "bram", "bram zijn zin");
    ok(&by(&anna, &data, &["demo"]));
    let report = |name: &str| {
        let to = data.join("exports").join(name);
        std::fs::create_dir_all(data.join("exports")).unwrap();
        export_to(&data, &anna, "4b7e2c91", "html", &to);
    };
    report("a.html");
    ok(&by(&anna, &data, &["encrypt"]));
    ok(&by(
        &anna,
        &data,
        &["keys", "add", &bram.public, "--name", "Bram"],
    ));
    ok(&by(&anna, &data, &["decrypt"]));
    ok(&by(&anna, &data, &["encrypt"]));
    report("b.html");
    // Tables keep their names (no case code in them), with .age.
    let tables = data.join("exports").join("tables");
    ok(&by(
        &anna,
        &data,
        &[
            "export",
            "--all",
            "--include-demo",
            "--format",
            "csv",
            "-o",
            tables.to_str().unwrap(),
        ],
    ));
    assert!(tables.join("sessions.csv.age").exists());
    let listed: Vec<String> = files(&data.join("exports"))
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        listed.iter().any(|n| n.starts_with("4b7e2c91-")),
        "{listed:?}"
    );
    assert!(listed.iter().any(|n| n == "b.html.age"), "{listed:?}");
    let o = by(&anna, &data, &["delete", "4b7e2c91", "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("beschadigd"), "{}", stderr(&o));
    let left: Vec<String> = files(&data.join("exports"))
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".csv.age"))
        .collect();
    assert!(
        left.is_empty(),
        "the reports of the deleted session go with it: {left:?}"
    );
}

#[test]
fn encrypt_adds_the_key_that_was_unlocked_not_what_identity_pub_says() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let anna = member(dir.path(), "anna", "anna haar zin");
    let bram = member(dir.path(), "bram", "bram zijn zin");
    // A public half that is not Anna's beside her secret key.
    std::fs::copy(
        bram.keys.join("identity.pub"),
        anna.keys.join("identity.pub"),
    )
    .unwrap();
    ok(&by(&anna, &data, &["demo"]));
    ok(&by(&anna, &data, &["encrypt"]));
    let shown = ok(&by(&anna, &data, &["show", "4b7e2c91"]));
    assert!(
        shown.contains("DEMO-GR-07"),
        "Anna can open what she encrypted"
    );
}

/// Holds the lock of a session in this test process, as a running tafel holds it: a
/// conversion then skips that file and the change of keys stays unfinished.
fn hold(data: &Path, prefix: &str) -> tafel::store::SessionLock {
    let lib = tafel::store::Library::open(data).unwrap();
    let path = lib.resolve(prefix).unwrap();
    let id: uuid::Uuid = path.file_stem().unwrap().to_str().unwrap().parse().unwrap();
    match lib.lock(id).unwrap() {
        tafel::store::LockOutcome::Acquired(held) => held,
        tafel::store::LockOutcome::HeldElsewhere(_) => panic!("free"),
    }
}

#[test]
fn a_half_decrypted_library_opens_with_a_passphrase_file_and_says_how_to_finish() {
    let (dir, data, anna) = encrypted_demo("anna haar zin");
    // A decrypt that could not convert a session open elsewhere.
    let held = hold(&data, "4b7e2c91");
    let o = by(&anna, &data, &["decrypt"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tafel decrypt"), "{}", stderr(&o));
    drop(held);
    let listed = ok(&by(&anna, &data, &["list"]));
    assert!(listed.contains("DEMO-GR-07"), "{listed}");
    // Without a key on this laptop: said, with how to finish.
    let o = run(
        &data,
        &dir.path().join("nobody"),
        &anna.pass,
        &["show", "4b7e2c91"],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tafel decrypt"), "{}", stderr(&o));
    ok(&by(&anna, &data, &["decrypt"]));
    ok(&common::tafel(&data, &["show", "4b7e2c91"]));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("keys.json")).unwrap()).unwrap();
    assert!(
        v.get("library").is_none() && v.get("unfinished").is_none(),
        "{v}"
    );
}

#[test]
fn odd_passphrases_and_a_newer_keys_file_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let pass = dir.path().join("nul");
    std::fs::write(&pass, [0u8; 64]).unwrap();
    let o = run(&data, &dir.path().join("k1"), &pass, &["keys", "init"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("stuurtekens"), "{}", stderr(&o));
    std::fs::write(&pass, [0xff, 0xfe, b'a', b'\n']).unwrap();
    let o = run(&data, &dir.path().join("k2"), &pass, &["keys", "init"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("niet worden gelezen als tekst"),
        "{}",
        stderr(&o)
    );
    let anna = member(dir.path(), "anna", "een zin van woorden");
    ok(&by(&anna, &data, &["demo"]));
    ok(&by(&anna, &data, &["encrypt"]));
    let one = ok(&by(&anna, &data, &["keys", "list"]));
    assert!(
        one.contains("Versleuteld voor de bibliotheeksleutel, gegeven aan 1 sleutel(s)."),
        "{one}"
    );
    let settings = data.join("keys.json");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, text.replace("\"version\": 2", "\"version\": 9")).unwrap();
    let before = files(&data);
    let o = by(
        &anna,
        &data,
        &["end-series", "97f3d1c5", "--reason", "other"],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nieuwere tafel"), "{}", stderr(&o));
    assert_eq!(before, files(&data), "nothing written");
}

#[test]
fn keys_json_gone_with_encrypted_files_present_stops_every_write_and_every_decrypt() {
    let (dir, data, anna) = encrypted_demo("anna haar zin");
    // A sync service that has not delivered keys.json (yet): a new process sees only
    // encrypted files.
    let away = dir.path().join("away");
    std::fs::create_dir(&away).unwrap();
    std::fs::rename(data.join("keys.json"), away.join("keys.json")).unwrap();
    let before = files(&data);
    for args in [
        &["new", "--case", "ZZ-LEAK-1"][..],
        &["list"],
        &["decrypt"],
        &["end-series", "97f3d1c5", "--reason", "other"],
    ] {
        let o = by(&anna, &data, args);
        assert!(!o.status.success(), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains("ontbreekt"), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(before, files(&data), "nothing written, nothing converted");
    std::fs::rename(away.join("keys.json"), data.join("keys.json")).unwrap();
    ok(&by(&anna, &data, &["list"]));
}

#[test]
fn a_stopped_change_of_keys_is_named_and_encrypt_finishes_it() {
    let (dir, data, anna) = encrypted_demo("anna haar zin");
    let bram = member(dir.path(), "bram", "bram zijn zin");
    ok(&by(
        &anna,
        &data,
        &["keys", "add", &bram.public, "--name", "Bram"],
    ));
    // Bram removed while a session is open in a running tafel: that file is skipped,
    // and the change stays unfinished.
    let held = hold(&data, "4b7e2c91");
    let o = by(&anna, &data, &["keys", "remove", "Bram"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("overgeslagen"), "{}", stderr(&o));
    let o = by(&anna, &data, &["list"]);
    assert!(stderr(&o).contains("niet afgemaakt"), "{}", stderr(&o));
    let o = by(&anna, &data, &["keys", "remove", "Bram"]);
    assert!(stderr(&o).contains("tafel encrypt"), "{}", stderr(&o));
    // Anna still opens the file not converted yet (the old key stays hers meanwhile);
    // Bram nothing, not even that one.
    ok(&by(&anna, &data, &["show", "4b7e2c91"]));
    let o = by(&bram, &data, &["show", "4b7e2c91"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    drop(held);
    ok(&by(&anna, &data, &["encrypt"]));
    let o = by(&anna, &data, &["list"]);
    assert!(!stderr(&o).contains("niet afgemaakt"), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("keys.json")).unwrap()).unwrap();
    assert!(v.get("unfinished").is_none(), "{v}");
    assert!(
        v["retired"][0].get("wrapped").is_none(),
        "the old key is no longer given to anyone: {v}"
    );
    let session = data
        .join("sessions")
        .join("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31.json");
    assert!(decrypt_with(&anna, "anna haar zin", &data, &session).contains("DEMO-GR-07"));
}

#[test]
fn a_report_written_to_a_folder_is_refused() {
    let (_dir, data, anna) = encrypted_demo("anna haar zin");
    std::fs::create_dir_all(data.join("exports")).unwrap();
    let o = by(
        &anna,
        &data,
        &[
            "portfolio",
            "--include-demo",
            "-o",
            data.join("exports").to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(!data.join("exports").join(".age").exists());
    // A name given with -o is kept (with .age), and told when it names the case.
    let named = data.join("exports").join("DEMO-GR-07-voor-Annet.html");
    let o = by(
        &anna,
        &data,
        &[
            "export",
            "4b7e2c91",
            "--format",
            "html",
            "-o",
            named.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("bevat de casuscode"), "{}", stderr(&o));
    assert!(
        data.join("exports")
            .join("DEMO-GR-07-voor-Annet.html.age")
            .exists()
    );
}
