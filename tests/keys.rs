//! The library key and the keys confirmed on each laptop (issue 29), on the real binary:
//! one X25519 stanza per file in a team of four; the attacks on `keys.json` by someone
//! who can write the shared folder (a key appended by hand, a known member's key
//! changed, a removed member adding themselves again, a plain library switched to
//! encrypted under a running tafel), after each of which the team still opens everything
//! and the intruder nothing; the personal key kept personal (a keys folder in a library,
//! a short passphrase, a FIFO nobody writes to); `encrypt` run twice rewrites nothing;
//! the library key written out for age; a library encrypted by the older tafel.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::team::{Member, by, member, ok, run};
use common::{stderr, stdout};
use tafel::store::vault;

/// Every regular file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let t = e.file_type().unwrap();
            if t.is_dir() {
                todo.push(e.path());
            } else if t.is_file() {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Every file under `dir` with its modification time and inode.
fn stamps(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime, u64)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            (p, m.modified().unwrap(), m.ino())
        })
        .collect()
}

/// The personal key of `m`, unlocked as tafel does.
fn identity(m: &Member) -> age::x25519::Identity {
    let pass = std::fs::read_to_string(&m.pass).unwrap();
    vault::keys::unlock(
        &m.keys,
        &age::secrecy::SecretString::from(pass.trim_end().to_string()),
    )
    .unwrap()
}

/// Whether `m` can open any encrypted file under `data` with any key they can get:
/// their own, or a library key wrapped for them in keys.json.
fn opens_anything(m: &Member, data: &Path) -> Vec<PathBuf> {
    let own = identity(m);
    let mut keys = vec![own.clone()];
    if let Ok(s) = vault::settings::Settings::read(data) {
        keys.extend(
            s.library
                .iter()
                .chain(&s.retired)
                .filter_map(|l| l.unwrap(&own)),
        );
    }
    files_under(data)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap();
            vault::is_sealed(&bytes) && keys.iter().any(|k| vault::open_with(k, &bytes).is_ok())
        })
        .collect()
}

const SESSION: &str = "sessions/97f3d1c5-2e8a-4c6b-9d0f-3a5e7b1c8d29.json";

/// The demo library encrypted by `a`, who added `others`; each of them confirmed `a`.
fn team(dir: &Path, a: &Member, others: &[(&str, &Member)]) -> PathBuf {
    let data = dir.join("data");
    ok(&by(a, &data, &["demo"]));
    ok(&by(a, &data, &["encrypt"]));
    for (name, m) in others {
        ok(&by(a, &data, &["keys", "add", &m.public, "--name", name]));
        ok(&by(m, &data, &["keys", "confirm", &a.public, "--yes"]));
    }
    data
}

fn show_note(m: &Member, data: &Path) -> String {
    ok(&by(m, data, &["show", "97f3d1c5"]))
}

#[test]
fn a_team_of_four_saves_one_stanza_per_file_and_b_and_d_open_what_a_saved() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let b = member(dir.path(), "b", "bram zijn lange zin");
    let c = member(dir.path(), "c", "carl zijn lange zin");
    let d = member(dir.path(), "d", "dewi haar lange zin");
    let data = dir.path().join("data");
    ok(&by(&a, &data, &["demo"]));
    ok(&by(&a, &data, &["encrypt"]));
    // Adding a member gives them the library key: no session file is rewritten.
    let before = stamps(&data.join("sessions"));
    for (name, m) in [("b", &b), ("c", &c), ("d", &d)] {
        let out = ok(&by(&a, &data, &["keys", "add", &m.public, "--name", name]));
        assert!(out.contains("geen gespreksbestand herschreven"), "{out}");
        ok(&by(m, &data, &["keys", "confirm", &a.public, "--yes"]));
    }
    assert_eq!(
        before,
        stamps(&data.join("sessions")),
        "no session file touched"
    );
    ok(&by(
        &a,
        &data,
        &[
            "end-series",
            "97f3d1c5",
            "--reason",
            "moved-away",
            "--note",
            "Opgeslagen door a",
        ],
    ));
    // Every file of the library: one X25519 stanza, whatever the size of the team.
    let sealed: Vec<PathBuf> = files_under(&data)
        .into_iter()
        .filter(|p| vault::file_is_sealed(p))
        .collect();
    assert!(sealed.len() >= 5, "{sealed:?}");
    for p in &sealed {
        let bytes = std::fs::read(p).unwrap();
        assert_eq!(vault::stanzas(&bytes), Some(1), "{}", p.display());
        let header = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
        assert!(header.contains("\n-> X25519 "), "{}: {header}", p.display());
    }
    for m in [&b, &d] {
        assert!(show_note(m, &data).contains("Opgeslagen door a"));
    }
}

#[test]
fn a_key_appended_to_keys_json_by_hand_reads_nothing_saved_afterwards() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let b = member(dir.path(), "b", "bram zijn lange zin");
    let data = team(dir.path(), &a, &[("b", &b)]);
    show_note(&b, &data);
    let mallory = member(dir.path(), "mallory", "mallory haar zin hier");
    // Someone who can write the shared folder appends their key, as "b" even.
    let path = data.join("keys.json");
    let original = std::fs::read(&path).unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&original).unwrap();
    v["recipients"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "b", "key": mallory.public}));
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();

    // The team works on: saved to the library key each laptop checked before, and told.
    let o = by(
        &a,
        &data,
        &[
            "end-series",
            "97f3d1c5",
            "--reason",
            "other",
            "--note",
            "Na het aanhangen",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = by(&b, &data, &["list"]);
    assert!(
        stderr(&listed).contains("niet overgenomen"),
        "{}",
        stderr(&listed)
    );
    for m in [&a, &b] {
        assert!(show_note(m, &data).contains("Na het aanhangen"));
    }
    // The intruder opens nothing: not with tafel show, not with tafel decrypt FILE, not
    // with any key they can get.
    let o = by(&mallory, &data, &["show", "97f3d1c5"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    let file = data.join(SESSION);
    let o = by(&mallory, &data, &["decrypt", file.to_str().unwrap()]);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(!stdout(&o).contains("Na het aanhangen"));
    assert_eq!(opens_anything(&mallory, &data), Vec::<PathBuf>::new());

    // Going further: a library key of their own, wrapped for the whole team and
    // themselves. Not signed by anyone the team confirmed: no laptop writes to it.
    let mallory_id = identity(&mallory);
    let members: Vec<age::x25519::Recipient> = [&a, &b, &mallory]
        .iter()
        .map(|m| m.public.parse().unwrap())
        .collect();
    let (_, theirs) = vault::settings::LibraryKey::generate(&members).unwrap();
    let mut settings = vault::settings::Settings::read(&data).unwrap();
    settings.library = Some(theirs);
    settings.sign(&mallory_id);
    settings.write(&data).unwrap();
    let before = contents(&data.join("sessions"));
    let o = by(&a, &data, &["end-series", "97f3d1c5", "--reopen"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("niet overgenomen"), "{}", stderr(&o));
    assert_eq!(before, contents(&data.join("sessions")), "nothing written");
    assert_eq!(opens_anything(&mallory, &data), Vec::<PathBuf>::new());
    // Put back, the team opens everything again.
    std::fs::write(&path, &original).unwrap();
    for m in [&a, &b] {
        assert!(show_note(m, &data).contains("Na het aanhangen"));
    }
}

#[test]
fn a_known_members_key_changed_by_hand_is_a_new_unconfirmed_key_said_loudly() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let b = member(dir.path(), "b", "bram zijn lange zin");
    let data = team(dir.path(), &a, &[("b", &b)]);
    let mallory = member(dir.path(), "mallory", "mallory haar zin hier");
    let path = data.join("keys.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(&b.public, &mallory.public)).unwrap();
    let listed = by(&a, &data, &["list"]);
    let err = stderr(&listed);
    assert!(err.contains("WAARSCHUWING: de sleutel van b"), "{err}");
    assert!(
        err.contains(&vault::signoff::fingerprint(&mallory.public)),
        "the new key's words: {err}"
    );
    let keys = ok(&by(&a, &data, &["keys", "list"]));
    assert!(keys.contains("NIET BEVESTIGD"), "{keys}");
    ok(&by(
        &a,
        &data,
        &[
            "end-series",
            "97f3d1c5",
            "--reason",
            "other",
            "--note",
            "Na de wissel",
        ],
    ));
    assert!(show_note(&a, &data).contains("Na de wissel"));
    assert_eq!(opens_anything(&mallory, &data), Vec::<PathBuf>::new());
    let o = by(&mallory, &data, &["show", "97f3d1c5"]);
    assert!(!o.status.success());
    // Confirming the changed key without the words read out is not possible here: no
    // terminal and no --yes.
    let o = by(&a, &data, &["keys", "confirm", "b"]);
    assert!(!o.status.success());
    std::fs::write(&path, text).unwrap();
    assert!(show_note(&b, &data).contains("Na de wissel"));
}

#[test]
fn a_removed_member_who_adds_their_key_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let b = member(dir.path(), "b", "bram zijn lange zin");
    let c = member(dir.path(), "c", "carl zijn lange zin");
    let data = team(dir.path(), &a, &[("b", &b), ("c", &c)]);
    ok(&by(&a, &data, &["keys", "remove", "b"]));
    show_note(&c, &data);
    // With tafel: b cannot open the library key, so nothing changes.
    let before = contents(&data);
    let o = by(&b, &data, &["keys", "add", &b.public, "--name", "b again"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("niet openen") && stderr(&o).contains("niets veranderd"),
        "{}",
        stderr(&o)
    );
    assert_eq!(before, contents(&data), "not a byte changed");
    ok(&by(
        &a,
        &data,
        &[
            "end-series",
            "97f3d1c5",
            "--reason",
            "other",
            "--note",
            "Zonder b",
        ],
    ));
    // By hand: a keys.json of b's own making, with a library key for the team and b,
    // signed by b. a saw b removed, c confirmed only a: neither takes it.
    let original = std::fs::read(data.join("keys.json")).unwrap();
    let b_id = identity(&b);
    let mut s = vault::settings::Settings::read(&data).unwrap();
    s.add("b", &b_id.to_public(), chrono::NaiveDate::MIN);
    let members = s.recipients().unwrap();
    let (_, theirs) = vault::settings::LibraryKey::generate(&members).unwrap();
    s.library = Some(theirs);
    s.sign(&b_id);
    s.write(&data).unwrap();
    let sessions = contents(&data.join("sessions"));
    for m in [&a, &c] {
        let o = by(m, &data, &["end-series", "97f3d1c5", "--reopen"]);
        assert!(!o.status.success(), "{}", stdout(&o));
        assert!(stderr(&o).contains("niet overgenomen"), "{}", stderr(&o));
    }
    assert_eq!(
        sessions,
        contents(&data.join("sessions")),
        "nothing written"
    );
    std::fs::write(data.join("keys.json"), original).unwrap();
    for m in [&a, &c] {
        assert!(show_note(m, &data).contains("Zonder b"));
    }
    assert_eq!(
        opens_anything(&b, &data),
        Vec::<PathBuf>::new(),
        "b opens nothing"
    );
}

#[test]
fn a_plain_library_switched_to_encrypted_under_a_running_tafel_stays_plain_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let mallory = member(dir.path(), "mallory", "mallory haar zin hier");
    let data = dir.path().join("data");
    ok(&by(&a, &data, &["demo"]));
    let command = format!(
        "{} --data-dir {} --keys-dir {}",
        common::BIN,
        common::shell_quote(&data.display().to_string()),
        common::shell_quote(&a.keys.display().to_string())
    );
    let t = common::Tmux::run(
        "keys-switch",
        &command,
        (120, 30),
        &[("LANG", "nl_NL.UTF-8")],
    );
    t.wait_for_screen("DEMO-GR-07");
    t.keys(&["Enter"]);
    t.wait_for_screen("F5 Voorb");
    // Someone drops a keys.json of their own into the plain library: as the older
    // tafel wrote it, to their key only.
    let keys_json = data.join("keys.json");
    std::fs::write(
        &keys_json,
        format!(
            r#"{{"version":1,"encrypted":true,"recipients":[{{"name":"b","key":"{}"}}]}}"#,
            mallory.public
        ),
    )
    .unwrap();
    t.text(" Vuurtoren-4411");
    let session = data
        .join("sessions")
        .join("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31.json");
    common::wait_until("the typing saved", || {
        std::fs::read_to_string(&session).is_ok_and(|s| s.contains("Vuurtoren-4411"))
    });
    t.wait_for_screen("niet overgenomen");
    // Then one signed by themselves, with a library key of their own.
    let m_id = identity(&mallory);
    let (settings, _) =
        vault::settings::Settings::encrypted_by(("b", &m_id), &[], chrono::NaiveDate::MIN).unwrap();
    settings.write(&data).unwrap();
    t.text(" Zeemeeuw-8");
    common::wait_until("the typing saved, plain", || {
        std::fs::read_to_string(&session).is_ok_and(|s| s.contains("Zeemeeuw-8"))
    });
    let screen = t.screen();
    assert!(!screen.contains("versleuteld ·"), "{screen}");
    t.keys(&["C-q"]);
    t.wait_dead();
    // Nothing is encrypted to the intruder; the team opens everything.
    assert!(
        files_under(&data).iter().all(|p| !vault::file_is_sealed(p)),
        "nothing was encrypted"
    );
    assert_eq!(opens_anything(&mallory, &data), Vec::<PathBuf>::new());
    let shown = ok(&by(&a, &data, &["show", "4b7e2c91"]));
    assert!(shown.contains("Zeemeeuw-8"), "{shown}");
}

#[test]
fn a_keys_folder_in_a_library_a_short_passphrase_and_a_silent_fifo_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let data = dir.path().join("data");
    ok(&by(&a, &data, &["demo"]));
    // The keys folder inside the library, or anywhere under a folder with keys.json.
    for keys in [data.join("sessions"), data.join("sessions").join("keys")] {
        let o = run(&data, &keys, &a.pass, &["keys", "init"]);
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("ligt in een bibliotheek"),
            "{}",
            stderr(&o)
        );
        assert!(!keys.join("identity.age").exists());
    }
    let other = dir.path().join("elsewhere");
    let o = run(&other, &data.join("k"), &a.pass, &["keys", "init"]);
    assert!(!o.status.success(), "under a folder holding a library");
    // A passphrase of one character, or one space.
    for short in ["x\n", " \n", "kort maar\n"] {
        let pass = dir.path().join("short");
        std::fs::write(&pass, short).unwrap();
        let keys = dir.path().join("k-short");
        let o = run(&data, &keys, &pass, &["keys", "init"]);
        assert!(!o.status.success(), "{short:?}");
        let err = stderr(&o);
        assert!(
            err.contains("minstens 12 tekens") || err.contains("lege wachtwoordzin"),
            "{short:?}: {err}"
        );
        assert!(!keys.join("identity.age").exists());
    }
    // A FIFO nobody writes to: given up on after 10 s, in words.
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let o = common::bin()
        .args(["--lang", "en", "--data-dir"])
        .arg(&data)
        .arg("--keys-dir")
        .arg(dir.path().join("k-fifo"))
        .arg("--passphrase-file")
        .arg(&fifo)
        .args(["keys", "init"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("gave nothing within 10 seconds"),
        "{}",
        stderr(&o)
    );
    assert!(
        took >= Duration::from_secs(10) && took < Duration::from_secs(60),
        "{took:?}"
    );
    // The library is as it was.
    ok(&by(&a, &data, &["show", "4b7e2c91"]));
}

#[test]
fn encrypt_run_twice_rewrites_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let data = dir.path().join("data");
    ok(&by(&a, &data, &["demo"]));
    std::fs::create_dir_all(data.join("exports")).unwrap();
    let report = data.join("exports").join("r.html");
    ok(&by(
        &a,
        &data,
        &[
            "export",
            "4b7e2c91",
            "--format",
            "html",
            "-o",
            report.to_str().unwrap(),
        ],
    ));
    ok(&by(&a, &data, &["portfolio", "--include-demo"]));
    ok(&by(&a, &data, &["delete", "5a0c8e3f", "--yes"]));
    ok(&by(&a, &data, &["encrypt"]));
    ok(&by(&a, &data, &["portfolio", "--include-demo"]));
    ok(&by(&a, &data, &["list"]));
    let before = stamps(&data);
    assert!(before.len() >= 8, "{before:?}");
    let out = ok(&by(&a, &data, &["encrypt"]));
    assert!(out.contains("niets herschreven"), "{out}");
    assert_eq!(before, stamps(&data), "not a file rewritten");
}

#[test]
fn the_library_key_written_out_opens_a_file_as_age_does() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let data = dir.path().join("data");
    ok(&by(&a, &data, &["demo"]));
    ok(&by(&a, &data, &["encrypt"]));
    let inside = data.join("exports").join("library.key");
    let o = by(
        &a,
        &data,
        &["keys", "export-library", "-o", inside.to_str().unwrap()],
    );
    assert!(!o.status.success(), "never into the library");
    assert!(!inside.exists());
    let out = dir.path().join("library.key");
    let o = by(
        &a,
        &data,
        &["keys", "export-library", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Let op"),
        "with a warning: {}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("age -d -i"), "{}", stdout(&o));
    let mode = std::fs::metadata(&out).unwrap().mode();
    assert_eq!(mode & 0o777, 0o600);
    // Read as age reads an identity file (`age -d -i library.key FILE`).
    let identities = age::IdentityFile::from_file(out.to_str().unwrap().to_string())
        .unwrap()
        .into_identities()
        .unwrap();
    let sealed = std::fs::read(data.join(SESSION)).unwrap();
    let decryptor = age::Decryptor::new(&sealed[..]).unwrap();
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .unwrap();
    let mut plain = String::new();
    std::io::Read::read_to_string(&mut reader, &mut plain).unwrap();
    assert!(plain.contains("DEMO-GR-11"), "{plain}");
}

#[test]
fn a_library_encrypted_by_the_older_tafel_still_opens_and_encrypt_converts_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = member(dir.path(), "a", "anna haar lange zin");
    let b = member(dir.path(), "b", "bram zijn lange zin");
    let data = dir.path().join("data");
    ok(&by(&a, &data, &["demo"]));
    // As the older tafel left it: every file encrypted to each member's key, and a
    // keys.json of version 1 that lists them.
    let to: Vec<age::x25519::Recipient> =
        [&a, &b].iter().map(|m| m.public.parse().unwrap()).collect();
    let _ = std::fs::remove_file(data.join("sessions").join(".index.jsonl"));
    for p in files_under(&data.join("sessions")) {
        let plain = std::fs::read(&p).unwrap();
        std::fs::write(&p, vault::seal(&plain, &to).unwrap()).unwrap();
    }
    std::fs::write(
        data.join("keys.json"),
        format!(
            r#"{{"version":1,"encrypted":true,"recipients":[{{"name":"a","key":"{}"}},{{"name":"b","key":"{}"}}]}}"#,
            a.public, b.public
        ),
    )
    .unwrap();
    for m in [&a, &b] {
        let listed = by(m, &data, &["list"]);
        assert!(
            stdout(&listed).contains("DEMO-GR-07"),
            "{}",
            stderr(&listed)
        );
        assert!(
            stderr(&listed).contains("oudere tafel"),
            "{}",
            stderr(&listed)
        );
    }
    ok(&by(&a, &data, &["keys", "confirm", "b", "--yes"]));
    let out = ok(&by(&a, &data, &["encrypt"]));
    assert!(out.contains("omgezet"), "{out}");
    for p in files_under(&data.join("sessions")) {
        if p.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(&p).unwrap();
            assert_eq!(vault::stanzas(&bytes), Some(1), "{}", p.display());
        }
    }
    ok(&by(&b, &data, &["keys", "confirm", &a.public, "--yes"]));
    for m in [&a, &b] {
        assert!(show_note(m, &data).contains("DEMO-GR-11"));
    }
}
