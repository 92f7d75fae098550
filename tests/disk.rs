//! A full disk and a read-only folder, on the real binary: the old file stays whole, the
//! text stays on screen, the header says NIET OPGESLAGEN with the reason, and saving
//! resumes by itself when the disk has room again. Needs root (to mount a small tmpfs and a
//! read-only bind mount; as root `chmod` does not stop writes); without root the tests say
//! so and pass, except in CI where they must run.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Tmux;
use std::time::Duration;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn can_run() -> bool {
    if is_root() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the disk tests need root in CI"
    );
    eprintln!("skipped: the disk tests need root (mount)");
    false
}

/// Unmounts on drop, so no test leaves a mount behind.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn run(cmd: &str, args: &[&str]) {
    let ok = Command::new(cmd).args(args).status().unwrap().success();
    assert!(ok, "{cmd} {args:?}");
}

/// tafel on `data` in a 120×30 tmux window, with extra environment.
fn screen(data: &Path, name: &str, env: &[(&str, &str)]) -> Tmux {
    let command = format!("{} --data-dir {} new", common::BIN, data.display());
    let mut all = vec![("LANG", "nl_NL.UTF-8")];
    all.extend_from_slice(env);
    Tmux::run(&format!("disk-{name}"), &command, (120, 30), &all)
}

fn session_file(data: &Path) -> PathBuf {
    std::fs::read_dir(data.join("sessions"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap()
}

fn project(path: &Path) -> String {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["preparation"]["project"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_full_disk_keeps_the_old_file_says_not_saved_and_resumes() {
    if !can_run() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    run(
        "mount",
        &[
            "-t",
            "tmpfs",
            "-o",
            "size=1m",
            "tmpfs",
            mnt.to_str().unwrap(),
        ],
    );
    let _guard = Mount(mnt.clone());
    let data = mnt.join("data");
    let screen = screen(&data, "full", &[]);
    screen.wait_for_screen("Casuscode");
    screen.text("eerste");
    screen.wait_for_screen("opgeslagen");
    let file = session_file(&data);
    common::wait_until("the save", || project(&file) == "eerste");
    let before = std::fs::read(&file).unwrap();
    assert_eq!(project(&file), "eerste");

    // Fill the disk to the last byte.
    let filler = mnt.join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", &format!("of={}", filler.display()), "bs=4k"])
        .output();
    screen.text(" en meer");
    let s = screen.wait_for_screen("NIET OPGESLAGEN");
    assert!(
        s.contains("eerste en meer"),
        "the text stays on screen:\n{s}"
    );
    assert!(s.contains("schijf is vol"), "the reason is shown:\n{s}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the old file stays whole"
    );
    let temps = std::fs::read_dir(data.join("sessions"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count();
    assert_eq!(temps, 0);

    std::fs::remove_file(&filler).unwrap();
    screen.wait_for_screen("✓ opgeslagen");
    assert_eq!(project(&file), "eerste en meer", "saving resumed by itself");
}

#[test]
fn a_read_only_folder_says_not_saved_and_resumes_when_writable_again() {
    if !can_run() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let screen = screen(&data, "ro", &[]);
    screen.wait_for_screen("Casuscode");
    screen.text("eerst");
    screen.wait_for_screen("opgeslagen");
    let sessions = data.join("sessions");
    let file = session_file(&data);
    common::wait_until("the save", || project(&file) == "eerst");
    let before = std::fs::read(&file).unwrap();
    let s = sessions.to_str().unwrap();
    run("mount", &["--bind", s, s]);
    let guard = Mount(sessions.clone());
    run("mount", &["-o", "remount,ro,bind", s]);
    screen.text(" dan");
    let shown = screen.wait_for_screen("NIET OPGESLAGEN");
    assert!(
        shown.contains("alleen-lezen"),
        "the reason is shown in plain Dutch:\n{shown}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    drop(guard);
    screen.wait_for_screen("✓ opgeslagen");
    assert_eq!(project(&file), "eerst dan");
}

/// A tmpfs of 1 MB with `data` in it, filled to the last byte once `fill` is called.
struct Small {
    _dir: tempfile::TempDir,
    mnt: PathBuf,
    _guard: Mount,
}

impl Small {
    fn new() -> Small {
        let dir = tempfile::tempdir().unwrap();
        let mnt = dir.path().join("small");
        std::fs::create_dir(&mnt).unwrap();
        run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                "size=1m",
                "tmpfs",
                mnt.to_str().unwrap(),
            ],
        );
        Small {
            _guard: Mount(mnt.clone()),
            mnt,
            _dir: dir,
        }
    }

    fn fill(&self) {
        let _ = Command::new("dd")
            .args([
                "if=/dev/zero",
                &format!("of={}", self.mnt.join("filler").display()),
                "bs=4k",
            ])
            .output();
    }
}

/// Types into a new session, fills the disk, types more (NOT SAVED), then sends SIGTERM.
fn unsaved_at_sigterm(small: &Small, runtime: &Path, name: &str) -> (Tmux, i32) {
    let data = small.mnt.join("data");
    let screen = screen(
        &data,
        name,
        &[("XDG_RUNTIME_DIR", runtime.to_str().unwrap())],
    );
    screen.wait_for_screen("Casuscode");
    screen.text("eerste");
    screen.wait_for_screen("✓ opgeslagen");
    small.fill();
    screen.text(" en meer");
    screen.wait_for_screen("NIET OPGESLAGEN");
    let pid = screen.pid().unwrap();
    run("kill", &["-TERM", &pid.to_string()]);
    (screen, pid)
}

/// Issue 13.6: SIGTERM while the disk is full: the unsaved text goes to a copy elsewhere
/// (mode 0600), and the program says where.
#[test]
fn sigterm_with_the_disk_full_rescues_the_unsaved_text_and_says_where() {
    if !can_run() {
        return;
    }
    let small = Small::new();
    let runtime = tempfile::tempdir().unwrap();
    let (screen, pid) = unsaved_at_sigterm(&small, runtime.path(), "rescue");
    common::wait_until("the program to end", || common::process_gone(pid));
    let rescued: Vec<PathBuf> = std::fs::read_dir(runtime.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(
        rescued.len(),
        1,
        "one copy in $XDG_RUNTIME_DIR: {rescued:?}"
    );
    assert_eq!(project(&rescued[0]), "eerste en meer");
    assert_eq!(
        std::fs::metadata(&rescued[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // The message (after the terminal is given back) names the folder of the copy.
    let shown = screen.screen().replace('\n', "");
    let folder = runtime.path().display().to_string();
    assert!(shown.contains(&folder), "says where the copy is:\n{shown}");
}

/// Issue 13.6: when no copy can be written anywhere, the first SIGTERM is refused with a
/// message (the text stays in memory) and a second one ends the program.
#[test]
fn sigterm_is_refused_once_when_not_even_a_copy_can_be_written() {
    if !can_run() {
        return;
    }
    let small = Small::new();
    // The runtime folder is on the full disk too.
    let runtime = small.mnt.join("run");
    std::fs::create_dir(&runtime).unwrap();
    let (screen, pid) = unsaved_at_sigterm(&small, &runtime, "refuse");
    let shown = screen.wait_for_screen("blijft open");
    assert!(
        shown.contains("eerste en meer"),
        "the text is still there:\n{shown}"
    );
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!common::process_gone(pid), "the first SIGTERM was refused");
    run("kill", &["-TERM", &pid.to_string()]);
    common::wait_until("the second SIGTERM to end it", || common::process_gone(pid));
}

/// Issue 14: a session that `tafel new` cannot save says why in the user's language.
#[test]
fn a_new_session_that_cannot_be_saved_says_why_in_dutch_and_english() {
    if !can_run() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(common::tafel(&data, &["list"]).status.success());
    let sessions = data.join("sessions");
    let s = sessions.to_str().unwrap();
    run("mount", &["--bind", s, s]);
    let _guard = Mount(sessions.clone());
    run("mount", &["-o", "remount,ro,bind", s]);
    let nl = common::tafel(&data, &["--lang", "nl", "new"]);
    let en = common::tafel(&data, &["--lang", "en", "new"]);
    assert!(!nl.status.success() && !en.status.success());
    assert!(
        common::stderr(&nl).contains("alleen-lezen"),
        "{}",
        common::stderr(&nl)
    );
    assert!(
        common::stderr(&en).contains("read-only"),
        "{}",
        common::stderr(&en)
    );
}
