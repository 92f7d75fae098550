//! The real binary in a real terminal (tmux), started as a new user would: typing,
//! switching phases, quitting with Ctrl+Q, a `kill -9`, and a closed terminal window.
//! `.ci/run` installs tmux when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
    data: PathBuf,
}

impl Tmux {
    /// Starts `tafel ARGS` in a fresh 100×30 tmux server with its own data folder.
    fn start(name: &str, args: &[&str]) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let socket = format!("tafel-test-{name}-{}", std::process::id());
        let mut cmd = vec![
            env!("CARGO_BIN_EXE_tafel").to_string(),
            "--data-dir".into(),
            data.display().to_string(),
        ];
        cmd.extend(args.iter().map(|a| (*a).to_string()));
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                "-s",
                "t",
            ])
            .arg(cmd.join(" "))
            .env("LANG", "nl_NL.UTF-8")
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success());
        let t = Tmux {
            socket,
            _dir: dir,
            data,
        };
        t.tmux(&["set", "-g", "escape-time", "0"]);
        t.tmux(&["set", "-g", "remain-on-exit", "on"]);
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        self.tmux(&args);
    }

    fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    fn wait_for_screen(&self, want: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(want) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "'{want}' never appeared:\n{s}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> Option<i32> {
        self.tmux(&["display", "-p", "-t", "t", "#{pane_pid}"])
            .trim()
            .parse()
            .ok()
    }

    fn dead(&self) -> bool {
        self.tmux(&["display", "-p", "-t", "t", "#{pane_dead}"])
            .trim()
            == "1"
    }

    fn session_file(&self) -> PathBuf {
        let dir = self.data.join("sessions");
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
            .expect("a session file")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        sleep(Duration::from_millis(50));
    }
}

fn process_gone(pid: i32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
        || std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "))
}

#[test]
fn a_new_user_types_a_session_switches_phases_and_quits() {
    let t = Tmux::start("new", &["new"]);
    t.wait_for_screen("Voorbereiding");
    t.text("De Graasj");
    t.keys(&["Tab"]);
    t.text("GR-42");
    t.keys(&["C-NPage", "C-NPage"]);
    t.wait_for_screen("Geld en rondkomen");
    t.keys(&["7"]);
    t.keys(&["Tab"]);
    t.keys(&["8"]);
    t.keys(&["Tab"]);
    t.text("Ik heb rust in mijn hoofd. Café, één, 日本, 😀");
    t.keys(&["F10"]);
    t.wait_for_screen("Leerpunten");
    let screen = t.wait_for_screen("opgeslagen");
    assert!(screen.contains("GR-42"), "{screen}");
    t.keys(&["C-q"]);
    wait_until("the program to end", || t.dead());
    let s = json(&t.session_file());
    assert_eq!(s["preparation"]["project"], "De Graasj");
    assert_eq!(s["preparation"]["case_code"], "GR-42");
    let geld = &s["outcomes"]["domains"][0];
    assert_eq!(geld["score_start"], 7);
    assert_eq!(geld["score_now"], 8);
    assert_eq!(
        geld["own_words"],
        "Ik heb rust in mijn hoofd. Café, één, 日本, 😀"
    );
    // The terminal is handed back: no alternate screen any more.
    assert_eq!(
        t.tmux(&["display", "-p", "-t", "t", "#{alternate_on}"])
            .trim(),
        "0"
    );
}

#[test]
fn typing_survives_kill_9_one_and_a_half_seconds_after_the_last_key() {
    let t = Tmux::start("kill", &["new"]);
    t.wait_for_screen("Voorbereiding");
    t.text("Wat getypt is, blijft bewaard");
    sleep(Duration::from_millis(1500));
    let pid = t.pid().unwrap();
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    wait_until("the kill", || process_gone(pid));
    let s = json(&t.session_file());
    assert_eq!(s["preparation"]["project"], "Wat getypt is, blijft bewaard");
    let leftovers: Vec<_> = std::fs::read_dir(t.data.join("sessions"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp-")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn closing_the_terminal_window_saves_unsaved_text_and_leaves_no_process() {
    let t = Tmux::start("hup", &["new"]);
    t.wait_for_screen("Voorbereiding");
    let pid = t.pid().unwrap();
    t.text("Net getypt");
    // Close the window at once: the text is not saved by the debounce yet.
    t.tmux(&["kill-server"]);
    let start = Instant::now();
    wait_until("the program to end after the hang-up", || process_gone(pid));
    let took = start.elapsed();
    let s = json(&t.session_file());
    assert_eq!(s["preparation"]["project"], "Net getypt");
    assert!(took < Duration::from_secs(5), "exit took {took:?}");
}
