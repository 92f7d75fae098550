//! A full disk and a read-only folder, on the real binary: the old file stays whole, the
//! text stays on screen, the header says NIET OPGESLAGEN with the reason, and saving
//! resumes by itself when the disk has room again. Needs root (to mount a small tmpfs and a
//! read-only bind mount; as root `chmod` does not stop writes); without root the tests say
//! so and pass, except in CI where they must run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

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

struct Screen {
    socket: String,
}

impl Screen {
    fn start(data: &Path, name: &str) -> Screen {
        let socket = format!("tafel-disk-{name}-{}", std::process::id());
        let cmd = format!(
            "{} --data-dir {} new",
            env!("CARGO_BIN_EXE_tafel"),
            data.display()
        );
        run(
            "tmux",
            &[
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "30",
                "-s",
                "t",
                &cmd,
            ],
        );
        Screen { socket }
    }
    fn tmux(&self, args: &[&str]) -> String {
        let o = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
    fn wait_for(&self, want: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.tmux(&["capture-pane", "-p", "-t", "t"]);
            if s.contains(want) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "'{want}' never appeared:\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
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
    let screen = Screen::start(&data, "full");
    screen.wait_for("Voorbereiding");
    screen.tmux(&["send-keys", "-t", "t", "-l", "eerste"]);
    screen.wait_for("opgeslagen");
    sleep(Duration::from_millis(400));
    let file = session_file(&data);
    let before = std::fs::read(&file).unwrap();
    assert_eq!(project(&file), "eerste");

    // Fill the disk to the last byte.
    let filler = mnt.join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", &format!("of={}", filler.display()), "bs=4k"])
        .output();
    screen.tmux(&["send-keys", "-t", "t", "-l", " en meer"]);
    let s = screen.wait_for("NIET OPGESLAGEN");
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
    screen.wait_for("✓ opgeslagen");
    assert_eq!(project(&file), "eerste en meer", "saving resumed by itself");
}

#[test]
fn a_read_only_folder_says_not_saved_and_resumes_when_writable_again() {
    if !can_run() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let screen = Screen::start(&data, "ro");
    screen.wait_for("Voorbereiding");
    screen.tmux(&["send-keys", "-t", "t", "-l", "eerst"]);
    screen.wait_for("opgeslagen");
    sleep(Duration::from_millis(400));
    let sessions = data.join("sessions");
    let file = session_file(&data);
    let before = std::fs::read(&file).unwrap();
    let s = sessions.to_str().unwrap();
    run("mount", &["--bind", s, s]);
    let guard = Mount(sessions.clone());
    run("mount", &["-o", "remount,ro,bind", s]);
    screen.tmux(&["send-keys", "-t", "t", "-l", " dan"]);
    let shown = screen.wait_for("NIET OPGESLAGEN");
    assert!(
        shown.contains("alleen-lezen"),
        "the reason is shown in plain Dutch:\n{shown}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    drop(guard);
    screen.wait_for("✓ opgeslagen");
    assert_eq!(project(&file), "eerst dan");
}
