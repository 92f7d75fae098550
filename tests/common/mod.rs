//! What the integration tests share: the real binary on a data folder, and the real
//! binary in a real terminal (tmux). Each test file uses part of it.
#![allow(dead_code)]

pub mod team;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The tafel binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_tafel");

/// The day the binary under test thinks it is (`TAFEL_TEST_TODAY`), so that what it dates
/// (a new session, a follow-up due, a retention date passed) is the same on any date.
pub const TODAY: &str = "2026-11-30";

/// The binary under test, on [`TODAY`], under the C locale (so Dutch unless told
/// `--lang`), with no data folder from the environment.
pub fn bin() -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("TAFEL_DATA_DIR")
        .env("LANG", "C")
        .env("TAFEL_TEST_TODAY", TODAY);
    c
}

/// `tafel --data-dir DATA ARGS...` (see [`bin`]), without a terminal on stdin.
pub fn tafel(data: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("tafel runs")
}

/// The same in English: `tafel --data-dir DATA --lang en ARGS...`.
pub fn tafel_en(data: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    tafel(data, &all)
}

/// Says that a test is skipped for a missing tool, visibly: in the test's output and in
/// the summary `scripts/test.sh` prints ("2 tests skipped: chromium missing"), which counts
/// the lines of `target/tmp/skipped/<tool>.txt`. In CI nothing may be skipped.
pub fn skip_for_missing(tool: &str, how: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{tool} is needed in CI (.ci/run installs it)"
    );
    eprintln!("skipped: install {tool} to run this test ({how})");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped");
    let _ = std::fs::create_dir_all(&dir);
    // One line per skipped test; appends of one short line do not interleave.
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(format!("{tool}.txt")))
    {
        use std::io::Write;
        let test = std::thread::current().name().unwrap_or("?").to_string();
        let _ = writeln!(f, "{test}\t{how}");
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The `.json` files of a library's sessions folder, sorted.
pub fn session_files(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(data.join("sessions"))
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p: &PathBuf| p.extension().is_some_and(|e| e == "json"));
    v.sort();
    v
}

pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// How long a wait for a condition may take before the test fails: generous, because a
/// busy machine (both cores taken by other work) is slow, and a wait ends as soon as its
/// condition holds.
pub const PATIENCE: Duration = Duration::from_secs(40);

/// Waits (at most [`PATIENCE`]) until `ok` holds.
pub fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        sleep(Duration::from_millis(20));
    }
}

pub fn process_gone(pid: i32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
        || std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "))
}

/// The demo session of De Graasj (GR-07), wave T0.
pub const DEMO_ID: &str = "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31";

/// tafel in tmux on a data folder of its own (a fresh temporary one).
pub struct Started {
    pub tmux: Tmux,
    pub data: PathBuf,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for Started {
    type Target = Tmux;
    fn deref(&self) -> &Tmux {
        &self.tmux
    }
}

impl Started {
    /// `tafel ARGS` in a fresh 100×30 window on an empty data folder, in Dutch.
    pub fn new(name: &str, args: &[&str]) -> Started {
        Started::with(name, args, |_| {})
    }

    /// The same, after `prepare` has filled the data folder.
    pub fn with(name: &str, args: &[&str], prepare: impl FnOnce(&Path)) -> Started {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        prepare(&data);
        let tmux = Tmux::tafel(name, &data, args, (100, 30));
        Started {
            tmux,
            data,
            _dir: dir,
        }
    }

    /// A shell command line made from the data folder's path, in a 100×30 window, in
    /// Dutch with `env` added.
    pub fn command(
        name: &str,
        env: &[(&str, &str)],
        command: impl FnOnce(&Path) -> String,
    ) -> Started {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut all = vec![("LANG", "nl_NL.UTF-8")];
        all.extend_from_slice(env);
        let tmux = Tmux::run(name, &command(&data), (100, 30), &all);
        Started {
            tmux,
            data,
            _dir: dir,
        }
    }

    /// The first session file of the data folder.
    pub fn session_file(&self) -> PathBuf {
        session_files(&self.data)
            .into_iter()
            .next()
            .expect("a session file")
    }
}

/// A fresh data folder in a temporary directory with the demo sessions in it.
pub fn demo_library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let o = tafel(&data, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, data)
}

/// A tmux server of its own with one window running a command: the real binary in a real
/// terminal. The server goes when this is dropped.
pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    /// Runs `tafel --data-dir DATA ARGS...` in a `width`×`height` window, in Dutch.
    pub fn tafel(name: &str, data: &Path, args: &[&str], size: (u16, u16)) -> Tmux {
        let mut cmd = vec![
            BIN.to_string(),
            "--data-dir".into(),
            shell_quote(&data.display().to_string()),
        ];
        cmd.extend(args.iter().map(|a| shell_quote(a)));
        Tmux::run(name, &cmd.join(" "), size, &[("LANG", "nl_NL.UTF-8")])
    }

    /// Runs a shell command line in a fresh tmux server.
    pub fn run(name: &str, command: &str, size: (u16, u16), env: &[(&str, &str)]) -> Tmux {
        let socket = format!("tafel-{name}-{}", std::process::id());
        let _ = Command::new("tmux")
            .args(["-L", &socket, "kill-server"])
            .output();
        let mut c = Command::new("tmux");
        c.args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &size.0.to_string(), "-y", &size.1.to_string()])
            .args(["-s", "t", command]);
        // The tmux server is new: the shell and tafel inherit its environment.
        c.env("TAFEL_TEST_TODAY", TODAY);
        for (k, v) in env {
            c.env(k, v);
        }
        let status = c.status().expect("tmux is installed (.ci/run installs it)");
        assert!(status.success(), "tmux starts");
        let t = Tmux { socket };
        t.tmux(&["set", "-g", "escape-time", "0"]);
        t.tmux(&["set", "-g", "remain-on-exit", "on"]);
        t
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys by tmux name (`Tab`, `C-q`, `F3`...).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        self.tmux(&args);
    }

    /// Types text literally.
    pub fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    /// Sends raw bytes in one write to the terminal (`send-keys -H`).
    pub fn bytes(&self, bytes: &[u8]) {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut args = vec!["send-keys", "-t", "t", "-H"];
        args.extend(hex.iter().map(String::as_str));
        self.tmux(&args);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until `want` is on screen, and returns the screen once it has settled: a
    /// capture taken while tafel is still drawing a frame shows half of the old one, so
    /// the screen is taken again until two captures in a row agree.
    pub fn wait_for_screen(&self, want: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(want) {
                let settled = self.settled(s);
                if settled.contains(want) {
                    return settled;
                }
                continue;
            }
            assert!(start.elapsed() < PATIENCE, "'{want}' never appeared:\n{s}");
            sleep(Duration::from_millis(30));
        }
    }

    /// The screen once two captures in a row agree (starting from `last`).
    fn settled(&self, mut last: String) -> String {
        let start = Instant::now();
        loop {
            sleep(Duration::from_millis(30));
            let now = self.screen();
            if now == last || start.elapsed() > PATIENCE {
                return now;
            }
            last = now;
        }
    }

    pub fn pid(&self) -> Option<i32> {
        self.tmux(&["display", "-p", "-t", "t", "#{pane_pid}"])
            .trim()
            .parse()
            .ok()
    }

    pub fn dead(&self) -> bool {
        self.tmux(&["display", "-p", "-t", "t", "#{pane_dead}"])
            .trim()
            == "1"
    }

    pub fn wait_dead(&self) {
        wait_until("the program to end", || self.dead());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// `text` quoted for a POSIX shell.
pub fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The clock the in-process tests run on: noon on 30 November 2026 (UTC+1), on any date.
pub fn clock() -> tafel::model::Clock {
    tafel::model::Clock::on(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date"))
}

/// A personal key for the rounds on an encrypted library.
pub struct Key {
    pub dir: PathBuf,
    pub pass: PathBuf,
    pub identity: age::x25519::Identity,
}

impl Key {
    pub fn new(base: &Path) -> Key {
        let dir = base.join("keys");
        let pass = base.join("pass");
        std::fs::write(&pass, "kaars in de wind\n").unwrap();
        let o = bin()
            .arg("--keys-dir")
            .arg(&dir)
            .arg("--passphrase-file")
            .arg(&pass)
            .args(["keys", "init"])
            .env("TAFEL_TEST_SCRYPT_LOG_N", "10")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let identity = tafel::store::vault::keys::unlock(
            &dir,
            &age::secrecy::SecretString::from("kaars in de wind".to_string()),
        )
        .unwrap();
        Key {
            dir,
            pass,
            identity,
        }
    }

    pub fn args(&self) -> Vec<String> {
        vec![
            "--keys-dir".into(),
            self.dir.display().to_string(),
            "--passphrase-file".into(),
            self.pass.display().to_string(),
        ]
    }

    /// The library key of the library at `data`, unwrapped with this key as tafel does.
    pub fn library(&self, data: &Path) -> age::x25519::Identity {
        tafel::store::vault::settings::Settings::read(data)
            .unwrap()
            .library
            .expect("a library key")
            .unwrap(&self.identity)
            .expect("given to this key")
    }

    /// An empty, encrypted library at `data`.
    pub fn encrypted_library(&self, data: &Path) {
        let o = bin()
            .arg("--data-dir")
            .arg(data)
            .args(self.args())
            .arg("encrypt")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
}

/// The names of the temporary files under `dir`.
pub fn temp_files(dir: &Path) -> Vec<String> {
    files_under(dir)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

/// Every file under `dir` (recursively).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}
