//! The holes an adversarial test found (issue 13), each proved closed on the real binary:
//! a copy of a session file under another name, a delete racing an open, one file opened
//! through two data folders, reports left behind, retention, symbolic links, escape
//! sequences, Markdown injection, file names that are not text, huge values, the last
//! wave number, export names that collide, and an Esc read together with the next key.
//! (A full disk at SIGTERM is in `tests/disk.rs`, which needs root.)

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{DEMO_ID, Tmux, demo_library, json, session_files, stderr, stdout, tafel_en};

/// The demo's GR-07 T1, a follow-up of [`DEMO_ID`].
const DEMO_T1: &str = "8d2f6a13";

fn live(data: &Path) -> PathBuf {
    data.join(format!("sessions/{DEMO_ID}.json"))
}

/// Changes a session file in place, as a text editor would.
fn edit(path: &Path, change: impl FnOnce(&mut serde_json::Value)) {
    let mut v = json(path);
    change(&mut v);
    fs::write(path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

fn no_escape(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b) && !bytes.contains(&0x07),
        "{what} sends control characters to the terminal: {}",
        String::from_utf8_lossy(bytes)
    );
}

/// 13.1: a copy under another name is a file of its own; purge acts on exactly the file
/// it listed, judged by that file's own retention date.
#[test]
fn purge_removes_exactly_the_expired_copy_and_keeps_the_live_session() {
    let (_d, data) = demo_library();
    let copy = data.join("sessions/GR-07 backup.json");
    fs::copy(live(&data), &copy).unwrap();
    edit(&copy, |v| v["retention_until"] = "2020-01-01".into());
    edit(&live(&data), |v| v["retention_until"] = "2027-06-01".into());

    let o = tafel_en(&data, &["purge", "--expired", "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(live(&data).exists(), "the live, unexpired session stays");
    assert!(!copy.exists(), "the expired copy is removed");
    assert!(stdout(&o).contains("GR-07 backup.json"), "{}", stdout(&o));
    let o = tafel_en(&data, &["purge", "--expired", "--yes"]);
    assert!(
        stdout(&o).contains("No sessions are past"),
        "listed once, removed once: {}",
        stdout(&o)
    );

    // Both expired: the copy is listed as a copy and removed too, never listed again.
    fs::copy(live(&data), &copy).unwrap();
    edit(&copy, |v| v["retention_until"] = "2020-01-01".into());
    edit(&live(&data), |v| v["retention_until"] = "2020-01-01".into());
    let o = tafel_en(&data, &["purge", "--expired", "--yes"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("(a copy"), "{}", stdout(&o));
    assert!(!copy.exists() && !live(&data).exists());
    let o = tafel_en(&data, &["purge", "--expired", "--yes"]);
    assert!(stdout(&o).contains("No sessions are past"));
}

/// 13.1: `list` and `export --all` show a copy as a copy and never count it.
#[test]
fn a_copy_is_listed_as_a_copy_and_never_exported_twice() {
    let (_d, data) = demo_library();
    fs::copy(live(&data), data.join("sessions/GR-07 (1).json")).unwrap();
    let o = tafel_en(&data, &["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.iter().filter(|i| **i == DEMO_ID).count(), 1);
    assert_eq!(v["copies"][0]["id"], DEMO_ID);
    let o = tafel_en(
        &data,
        &["export", "--all", "--include-demo", "--format", "jsonl"],
    );
    assert!(o.status.success());
    let rows = stdout(&o)
        .lines()
        .filter(|l| {
            l.contains(&format!(
                "\"table\":\"sessions\",\"session_id\":\"{DEMO_ID}\""
            ))
        })
        .count();
    assert_eq!(rows, 1, "the copy is not exported again");
    assert!(stderr(&o).contains("a copy of session"), "{}", stderr(&o));
}

/// Issue 18: the conflicted copies sync services leave (four naming patterns) are named
/// as conflicts by `list`, and never counted by `export --all` or `portfolio`.
#[test]
fn sync_conflicts_are_named_as_such_and_never_counted() {
    let (_d, data) = demo_library();
    let names = [
        (
            format!("{DEMO_ID} (Lotte's conflicted copy 2026-11-30).json"),
            "Dropbox/Nextcloud",
        ),
        (
            format!("{DEMO_ID}.sync-conflict-20261130-101500-ABCDEF1.json"),
            "Syncthing",
        ),
        (format!("{DEMO_ID}-LAPTOP-3.json"), "OneDrive/SharePoint"),
        (format!("{DEMO_ID} (1).json"), "(1)"),
    ];
    for (name, _) in &names {
        fs::copy(live(&data), data.join("sessions").join(name)).unwrap();
    }
    let o = tafel_en(&data, &["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let copies = v["copies"].as_array().unwrap();
    assert_eq!(copies.len(), 4);
    for (name, tool) in &names {
        let c = copies
            .iter()
            .find(|c| c["path"].as_str().unwrap().ends_with(name.as_str()))
            .unwrap_or_else(|| panic!("{name} listed"));
        assert_eq!(c["conflict"], *tool, "{name}");
    }
    let ids = v["sessions"].as_array().unwrap();
    assert_eq!(ids.iter().filter(|s| s["id"] == DEMO_ID).count(), 1);
    // The id (or a prefix of it) still names the session itself, not "one of several".
    for given in [DEMO_ID, &DEMO_ID[..8]] {
        let o = tafel_en(&data, &["show", given]);
        assert!(o.status.success(), "{given}: {}", stderr(&o));
    }
    let text = stdout(&tafel_en(&data, &["list"]));
    assert_eq!(
        text.matches("sync conflict, not counted").count(),
        4,
        "{text}"
    );
    // export --all: one session row for the case, and a word about each conflict.
    let o = tafel_en(
        &data,
        &["export", "--all", "--include-demo", "--format", "jsonl"],
    );
    let rows = stdout(&o)
        .lines()
        .filter(|l| {
            l.contains(&format!(
                "\"table\":\"sessions\",\"session_id\":\"{DEMO_ID}\""
            ))
        })
        .count();
    assert_eq!(rows, 1);
    assert_eq!(
        stderr(&o).matches("sync conflict").count(),
        4,
        "{}",
        stderr(&o)
    );
    // The portfolio counts the case once and names the conflicts.
    let o = tafel_en(
        &data,
        &[
            "portfolio",
            "De Graasj",
            "--include-demo",
            "--price-year",
            "nominal",
            "--format",
            "json",
        ],
    );
    let p: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(p["projects"][0]["cases"], 1);
    assert_eq!(p["projects"][0]["duplicates"].as_array().unwrap().len(), 4);
    let o = tafel_en(&data, &["portfolio", "De Graasj", "--include-demo"]);
    assert_eq!(
        stdout(&o).matches("sync conflict").count(),
        4,
        "{}",
        stdout(&o)
    );
}

/// 13.2: the TUI takes the lock before it reads the file, so a `delete` that starts
/// while it is opening cannot remove what it then shows and saves back.
#[test]
fn the_tui_locks_a_session_before_it_reads_it() {
    if Command::new("strace").arg("-V").output().is_err() {
        common::skip_for_missing("strace", "apt-get install strace");
        return;
    }
    let (dir, data) = demo_library();
    let log = dir.path().join("strace.log");
    let command = format!(
        "strace -f -e trace=openat,flock -o {} {} --data-dir {} open {DEMO_ID}",
        log.display(),
        common::BIN,
        data.display()
    );
    let t = Tmux::run("lockfirst", &command, (100, 30), &[("LANG", "nl_NL.UTF-8")]);
    t.wait_for_screen("Casuscode");
    t.keys(&["C-q"]);
    t.wait_dead();
    let trace = fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = trace.lines().collect();
    let session_read = lines
        .iter()
        .position(|l| l.contains(&format!("{DEMO_ID}.json\"")) && l.contains("O_RDONLY"))
        .expect("the session file is read");
    let lock_fd = lines
        .iter()
        .find(|l| l.contains(&format!("{DEMO_ID}.lock\"")))
        .and_then(|l| l.rsplit("= ").next())
        .map(str::trim)
        .expect("the lock file is opened");
    let locked = lines
        .iter()
        .position(|l| l.contains(&format!("flock({lock_fd}, LOCK_EX|LOCK_NB")))
        .expect("the lock is taken");
    assert!(
        locked < session_read,
        "the lock is taken (line {locked}) before the file is read (line {session_read})"
    );
}

/// 13.2: while a TUI has the session, `delete` refuses and says where it is open.
#[test]
fn delete_refuses_while_the_session_is_open_and_the_index_forgets_a_deleted_session() {
    let (_d, data) = demo_library();
    let t = Tmux::tafel("delopen", &data, &["open", DEMO_ID], (100, 30));
    t.wait_for_screen("Casuscode");
    let o = tafel_en(&data, &["delete", DEMO_ID, "--yes"]);
    assert!(!o.status.success(), "refused while open");
    assert!(stderr(&o).contains("open in process"), "{}", stderr(&o));
    assert!(live(&data).exists());
    t.keys(&["C-q"]);
    t.wait_dead();

    // A kill between removing the file and rewriting the index leaves its line behind;
    // the next start drops it.
    let index = data.join("sessions/.index.jsonl");
    let line = format!("\"file\":\"{DEMO_ID}.json\"");
    assert!(tafel_en(&data, &["list"]).status.success());
    assert!(fs::read_to_string(&index).unwrap().contains(&line));
    fs::remove_file(live(&data)).unwrap();
    assert!(tafel_en(&data, &["list"]).status.success());
    assert!(
        !fs::read_to_string(&index).unwrap().contains(&line),
        "the next start forgets the deleted session"
    );
}

/// 13.3: the lock belongs to the file, wherever it is opened from.
#[test]
fn one_file_opened_through_two_data_folders_is_editable_in_one_only() {
    let (dir, data) = demo_library();
    let elsewhere = dir.path().join("elsewhere");
    let path = live(&data).display().to_string();
    let first = Tmux::tafel("twodirs-a", &data, &["open", &path], (100, 30));
    first.wait_for_screen("Casuscode");
    let second = Tmux::tafel("twodirs-b", &elsewhere, &["open", &path], (100, 30));
    let s = second.wait_for_screen("Casuscode");
    assert!(
        s.contains("al geopend"),
        "the second copy is read-only and says so:\n{s}"
    );
    second.text("x");
    first.keys(&["C-q"]);
    second.keys(&["C-q"]);
    first.wait_dead();
    second.wait_dead();
    assert_eq!(json(&live(&data))["preparation"]["project"], "De Graasj");
}

/// 13.4: reports made of a session go when it is deleted for good; an anonymous one
/// stays, and one changed since it was written is named and left alone.
#[test]
fn delete_removes_the_reports_made_of_the_session() {
    let (dir, data) = demo_library();
    fs::create_dir(data.join("exports")).unwrap();
    let own = data.join("exports/DEMO-GR-07-T0.html");
    let outside = dir.path().join("rapport.md");
    let anonymous = data.join("exports/anoniem.html");
    let t1 = dir.path().join("t1.html");
    for (id, format, out, anon) in [
        (DEMO_ID, "html", &own, false),
        (DEMO_ID, "markdown", &outside, false),
        (DEMO_ID, "html", &anonymous, true),
        (DEMO_T1, "html", &t1, false),
    ] {
        let out_s = out.to_str().unwrap();
        let mut args = vec!["export", id, "--format", format, "-o", out_s];
        if anon {
            args.push("--anonymous");
        }
        let o = tafel_en(&data, &args);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = tafel_en(&data, &["delete", DEMO_ID, "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("rapport.md"),
        "the report is listed first: {out}"
    );
    assert!(!own.exists() && !outside.exists(), "its reports are gone");
    assert!(
        anonymous.exists(),
        "an anonymous report holds no personal data"
    );
    assert!(t1.exists(), "another session's report stays");
}

/// 26.6: a report written into the library's own `exports/` before that folder exists:
/// the folder is made (private), and `delete` takes the report and the folder's files.
#[test]
fn export_into_a_missing_exports_folder_makes_it_and_delete_finds_the_report() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, data) = demo_library();
    assert!(!data.join("exports").exists());
    let out = data.join("exports/DEMO-GR-07-T0.html");
    let o = tafel_en(
        &data,
        &[
            "export",
            DEMO_ID,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
    let mode = fs::metadata(data.join("exports"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "made private");
    let o = tafel_en(&data, &["delete", DEMO_ID, "--yes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.exists());
    let trash_lock = data.join(format!("trash/{DEMO_ID}.lock"));
    assert!(!trash_lock.exists(), "no lock file outlives the delete");
}

/// 13.5: retention runs from the date of the conversation, also when it is typed later.
#[test]
fn retention_follows_the_session_date() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let t = Tmux::tafel("retention", &data, &["new"], (100, 30));
    t.wait_for_screen("Casuscode");
    // Project, case code, kind, then the date (pre-filled with today).
    t.keys(&["Tab", "Tab", "Tab"]);
    for _ in 0..12 {
        t.keys(&["BSpace"]);
    }
    t.text("12-05-2024");
    t.keys(&["Tab"]);
    t.keys(&["C-q"]);
    t.wait_dead();
    let s = json(&session_files(&data)[0]);
    assert_eq!(s["preparation"]["date"], "2024-05-12");
    assert_eq!(s["retention_until"], "2026-05-12");
}

/// 13.7: a symbolic link in place of a lock file, the sessions folder or the trash is
/// refused; its target is never emptied, chmodded or deleted from.
#[test]
fn symbolic_links_are_never_followed_into_other_files() {
    let (dir, data) = demo_library();
    let precious = dir.path().join("precious.txt");
    fs::write(&precious, "keep me").unwrap();
    let lock = data.join(format!("sessions/{DEMO_ID}.lock"));
    std::os::unix::fs::symlink(&precious, &lock).unwrap();
    let o = tafel_en(&data, &["delete", DEMO_ID, "--yes"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
    assert!(live(&data).exists());
    let t = Tmux::tafel("symlock", &data, &["open", DEMO_ID], (100, 30));
    t.wait_for_screen("ALLEEN LEZEN");
    t.keys(&["C-q"]);
    t.wait_dead();
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
    fs::remove_file(&lock).unwrap();

    // A trash folder that is a link to elsewhere: nothing is deleted there.
    let outside = dir.path().join("outside-trash");
    fs::create_dir(&outside).unwrap();
    fs::copy(live(&data), outside.join(format!("{DEMO_ID}.json"))).unwrap();
    std::os::unix::fs::symlink(&outside, data.join("trash")).unwrap();
    let o = tafel_en(&data, &["delete", DEMO_ID, "--yes"]);
    assert!(!o.status.success());
    assert!(outside.join(format!("{DEMO_ID}.json")).exists());
    fs::remove_file(data.join("trash")).unwrap();

    // A sessions folder that is a link: refused, its target keeps its mode.
    let real = dir.path().join("real-sessions");
    fs::rename(data.join("sessions"), &real).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(&real, data.join("sessions")).unwrap();
    let o = tafel_en(&data, &["list"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o755
    );
}

/// 13.8: a value holding terminal escape sequences is shown, never sent, by every
/// command that prints it; JSON keeps it exactly.
#[test]
fn escape_sequences_from_files_never_reach_the_terminal() {
    let (_d, data) = demo_library();
    let hostile = "GR\u{1b}]52;c;aGk=\u{7}-07\u{1b}[2J\u{9b}\u{202e}";
    edit(&live(&data), |v| {
        v["preparation"]["case_code"] = hostile.into();
    });
    for args in [
        vec!["show", DEMO_ID],
        vec!["list"],
        vec!["compare", DEMO_ID, DEMO_T1],
        vec!["delete", DEMO_ID],
        vec!["purge", "--expired"],
        vec!["show", "nothing\u{1b}[2J"],
        vec!["export", DEMO_ID, "--format", "markdown"],
    ] {
        let o = tafel_en(&data, &args);
        no_escape(&format!("{args:?} (stdout)"), &o.stdout);
        no_escape(&format!("{args:?} (stderr)"), &o.stderr);
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{202e}'),
            "{args:?}"
        );
    }
    let o = tafel_en(&data, &["list", "--json"]);
    no_escape("list --json", &o.stdout);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["case_code"].as_str())
        .collect();
    assert!(codes.contains(&hostile), "JSON keeps the value exactly");
    let o = tafel_en(&data, &["export", DEMO_ID, "--format", "json"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains('\u{9b}') && !text.contains('\u{1b}'));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["session"]["preparation"]["case_code"], hostile);
}

/// 13.9: the comparison escapes as the case report does, and its HTML is built from the
/// data, so a line typed as `| a | b |` never becomes a table.
#[test]
fn the_comparison_escapes_markdown_and_builds_its_html_from_the_data() {
    let (dir, data) = demo_library();
    let t1 = session_files(&data)
        .into_iter()
        .find(|p| p.to_string_lossy().contains(DEMO_T1))
        .unwrap();
    let words = "| a | b |\n|---|---|\n<script>alert(1)</script> [klik](javascript:alert(1))";
    edit(&t1, |v| {
        v["outcomes"]["domains"][0]["own_words"] = words.into();
    });
    let o = tafel_en(
        &data,
        &["compare", DEMO_ID, DEMO_T1, "--format", "markdown"],
    );
    assert!(o.status.success());
    let md = stdout(&o);
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.contains("[klik](javascript:"), "no link is made: {md}");
    assert!(!md.contains("| a | b |"), "{md}");
    let out = dir.path().join("c.html");
    let o = tafel_en(
        &data,
        &[
            "compare",
            DEMO_ID,
            DEMO_T1,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let html = fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    assert!(!html.contains("<td>a</td>"), "typed pipes became a table");
    assert_eq!(html.matches("<table>").count(), 2, "scores and costs only");
}

/// 13.10: file and folder names that are not valid text never make a command panic.
#[test]
fn names_that_are_not_text_are_listed_as_unreadable_by_every_command() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join(std::ffi::OsStr::from_bytes(b"data-\xff"));
    assert!(tafel_en(&data, &["demo"]).status.success());
    let odd = data
        .join("sessions")
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9.json"));
    fs::copy(live(&data), &odd).unwrap();
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["export", "--all", "--format", "jsonl"],
        vec!["purge", "--expired"],
        vec!["show", DEMO_ID],
        vec!["compare", DEMO_ID, DEMO_T1],
        vec!["export", DEMO_ID, "--format", "json"],
        vec!["delete", DEMO_ID],
        vec!["follow-up", "nothing"],
    ] {
        let o = tafel_en(&data, &args);
        assert_ne!(
            o.status.code(),
            Some(101),
            "{args:?} panicked: {}",
            stderr(&o)
        );
    }
    let o = tafel_en(&data, &["list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unreadable = v["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1);
    assert!(
        unreadable[0]["reason"]
            .as_str()
            .unwrap()
            .contains("not valid text")
    );
    let o = tafel_en(&data, &["export", "--all", "--format", "jsonl"]);
    assert!(
        stderr(&o).contains("caf"),
        "the skipped file is named: {}",
        stderr(&o)
    );
}

/// 13.11: a value over its field's limit is refused on load with the field and the limit
/// named, and the file is left as it is.
#[test]
fn a_huge_case_code_is_refused_with_its_limit_and_the_file_left_alone() {
    let (_d, data) = demo_library();
    edit(&live(&data), |v| {
        v["preparation"]["case_code"] = "G".repeat(100_000).into();
    });
    let before = fs::read(live(&data)).unwrap();
    let o = tafel_en(&data, &["validate", live(&data).to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("preparation.case_code") && err.contains("64"),
        "{err}"
    );
    let o = tafel_en(
        &data,
        &["export", DEMO_ID, "--format", "csv", "-o", "/nonexistent"],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("preparation.case_code"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(live(&data)).unwrap(), before);
}

/// 13.12: the last wave number has no follow-up (it would wrap to T0).
#[test]
fn the_last_wave_number_gets_no_follow_up() {
    let (_d, data) = demo_library();
    edit(&live(&data), |v| v["preparation"]["wave"] = u32::MAX.into());
    let before = session_files(&data).len();
    let o = tafel_en(&data, &["follow-up", DEMO_ID]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("wave number"), "{}", stderr(&o));
    assert_eq!(session_files(&data).len(), before, "no session was made");
}

/// 13.12: two case codes that give one file name never replace each other's report.
#[test]
fn reports_of_colliding_case_codes_never_replace_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for code in ["GR/07", "GR 07"] {
        let o = tafel_en(&data, &["new", "--case", code]);
        // Without a terminal the TUI cannot start, but the session is made first.
        let _ = o;
    }
    let files = session_files(&data);
    assert_eq!(files.len(), 2);
    for f in &files {
        let t = Tmux::tafel("collide", &data, &["open", f.to_str().unwrap()], (100, 30));
        t.wait_for_screen("Casuscode");
        t.keys(&["C-e"]);
        t.wait_for_screen("exports");
        t.keys(&["C-q"]);
        t.wait_dead();
    }
    let reports: Vec<_> = fs::read_dir(data.join("exports"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".html"))
        .collect();
    assert_eq!(reports.len(), 2, "two sessions, two reports");
}

/// 13.13: Esc and the next key read together never type the key's code into a field.
#[test]
fn esc_followed_at_once_by_a_key_never_types_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let t = Tmux::tafel("esc", &data, &["new"], (100, 30));
    t.wait_for_screen("Casuscode");
    t.text("De Graasj");
    t.keys(&["F3"]);
    t.wait_for_screen("Citaat vastleggen");
    // Esc (closes the quote box), then Down, in one write: ESC ESC [ B.
    t.bytes(b"\x1b\x1b[B");
    // And Esc, then F5 (to the first phase): ESC ESC [ 1 5 ~.
    t.keys(&["F3"]);
    t.wait_for_screen("Citaat vastleggen");
    t.bytes(b"\x1b\x1b[15~");
    common::wait_until("the quote box to close", || {
        !t.screen().contains("Citaat vastleggen")
    });
    t.keys(&["C-q"]);
    t.wait_dead();
    let s = json(&session_files(&data)[0]);
    let p = &s["preparation"];
    for field in ["project", "case_code", "place", "facilitator_alias"] {
        let v = p[field].as_str().unwrap_or_default();
        assert!(!v.contains('[') && !v.contains('~'), "{field} = {v:?}");
    }
    assert_eq!(p["project"], "De Graasj");
}
