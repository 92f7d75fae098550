//! Nothing outlives `delete`, at whatever file call a command is killed.
//!
//! For each command that writes or removes what tafel knows of a session (`export`,
//! `export --all`, `delete`, `purge`, `encrypt`, `decrypt`, `keys add`, `demo`), the
//! command is first traced to count its file calls (writes, fsyncs, renames, links,
//! unlinks, folders made and removed). Then, once for every one of those calls, a fresh
//! copy of the library runs the command under strace with `-e inject=CALL:signal=KILL:
//! when=N`: the kernel kills it as it enters that call. The command is then run again to
//! its end, `tafel delete` removes one session (DEMO-GR-11), and the round checks that:
//! - nothing of that session (its case code, an alias, its starting question) is left in
//!   any file of the data folder or the export target;
//! - every other session holds what it held before (opened, when encrypted);
//! - no temporary file is left, and `tafel list` lists the library without a word about
//!   an unreadable file or an unfinished delete.
//!
//! A kill cannot show what a power cut can (writes still in the page cache are lost too),
//! so the second part checks the order of the calls themselves: every folder tafel makes
//! is followed by an fsync of the folder it was made in, and an export's line in the
//! manifest is on disk before the report gets its name.
//!
//! The figures go to `target/tmp/figures/crash-points-<command>.txt` (printed by
//! `scripts/test.sh`).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{Key, files_under, skip_for_missing, temp_files};

/// DEMO-GR-11 T0, a case of one wave: the session every round deletes.
const GR11: &str = "97f3d1c5-2e8a-4c6b-9d0f-3a5e7b1c8d29";
/// What no file may hold once it is deleted.
const SECRETS: &[&str] = &["DEMO-GR-11", "Jesse", "zodat ik niet de hele dag binnen"];
/// The file calls a kill is injected at: those that change what is on disk. (A kill at a
/// read leaves the disk as a kill at the next of these does.)
const CALLS: &[&str] = &[
    "write",
    "pwrite64",
    "writev",
    "fsync",
    "fdatasync",
    "ftruncate",
    "rename",
    "renameat",
    "renameat2",
    "link",
    "linkat",
    "unlink",
    "unlinkat",
    "mkdir",
    "mkdirat",
    "rmdir",
];

fn strace_here() -> bool {
    if Command::new("strace").arg("-V").output().is_ok() {
        return true;
    }
    skip_for_missing("strace", "apt-get install strace");
    false
}

/// A round's folders: the data folder and an export target outside it.
struct Place {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Place {
    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// A fresh copy of `template` (a folder with `data/` and `out/`).
    fn copy_of(template: &Path) -> Place {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("r");
        let ok = Command::new("cp")
            .arg("-a")
            .arg(template)
            .arg(&root)
            .status()
            .unwrap()
            .success();
        assert!(ok, "cp -a");
        Place { _dir: dir, root }
    }

    /// `args` with `{data}` and `{out}` made this round's folders, and `{b}` the public
    /// key of the harness's second member.
    fn args(&self, args: &[&str]) -> Vec<String> {
        let data = self.data().display().to_string();
        let out = self.root.join("out").display().to_string();
        args.iter()
            .map(|a| {
                a.replace("{data}", &data)
                    .replace("{out}", &out)
                    .replace("{b}", &B_KEY.with(|k| k.borrow().clone()))
            })
            .collect()
    }
}

thread_local! {
    /// The second member's public key, for `keys add {b}`.
    static B_KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// One command of the harness.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    /// Runs under this date (purge: everything has expired by then).
    today: Option<&'static str>,
    key: Option<&'static str>,
}

/// tafel with the case's key and date, on `place`.
fn tafel(
    place: &Place,
    keys: &Keys,
    case_key: Option<&str>,
    today: Option<&str>,
    args: &[String],
) -> Command {
    let mut c = common::bin();
    c.arg("--data-dir")
        .arg(place.data())
        .env("TAFEL_TEST_SCRYPT_LOG_N", "10")
        .stdin(Stdio::null());
    if let Some(k) = case_key {
        c.args(keys.get(k).args());
    }
    if let Some(d) = today {
        c.env("TAFEL_TEST_TODAY", d);
    }
    c.args(args);
    c
}

fn run(mut c: Command) -> Output {
    c.output().unwrap()
}

/// `inner` (a tafel command, with its arguments and environment) run under
/// `strace -f -qq` with `options`.
fn under_strace(options: &[String], inner: &Command) -> Command {
    let mut c = Command::new("strace");
    c.args(["-f", "-qq"])
        .args(options)
        .arg(inner.get_program())
        .args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c
}

/// The personal keys of the harness: "a" encrypts, "b" is added.
struct Keys {
    _dir: tempfile::TempDir,
    a: Key,
    b: Key,
}

impl Keys {
    fn new() -> Keys {
        let dir = tempfile::tempdir().unwrap();
        let make = |n: &str| {
            let d = dir.path().join(n);
            std::fs::create_dir(&d).unwrap();
            Key::new(&d)
        };
        let (a, b) = (make("a"), make("b"));
        B_KEY.with(|k| *k.borrow_mut() = b.identity.to_public().to_string());
        Keys { _dir: dir, a, b }
    }

    fn get(&self, name: &str) -> &Key {
        if name == "b" { &self.b } else { &self.a }
    }
}

/// The library every round starts from: the demo cases with reports of GR-11 and a
/// portfolio inside the data folder; encrypted to a's key when `encrypted`. `empty`
/// leaves the data folder out (for `demo`). The library's tables outside it are written
/// by each round ([`outside`]): the manifest notes an outside file by its absolute path.
fn template(base: &Path, keys: &Keys, encrypted: bool, empty: bool) -> PathBuf {
    let root = base.join(format!("template-{encrypted}-{empty}"));
    std::fs::create_dir_all(root.join("out")).unwrap();
    if empty {
        return root;
    }
    let place = Place {
        _dir: tempfile::tempdir().unwrap(),
        root: root.clone(),
    };
    let ok = |args: &[&str]| {
        let o = run(tafel(&place, keys, None, None, &place.args(args)));
        assert!(o.status.success(), "{args:?}: {}", common::stderr(&o));
    };
    ok(&["demo"]);
    ok(&[
        "export",
        GR11,
        "--format",
        "html",
        "-o",
        "{data}/exports/gr11.html",
    ]);
    ok(&[
        "export",
        GR11,
        "--format",
        "csv",
        "-o",
        "{data}/exports/gr11-tables",
    ]);
    ok(&[
        "portfolio",
        "De Graasj",
        "--include-demo",
        "--format",
        "html",
        "-o",
        "{data}/pf.html",
    ]);
    if encrypted {
        let o = run(tafel(
            &place,
            keys,
            Some("a"),
            None,
            &place.args(&["encrypt"]),
        ));
        assert!(o.status.success(), "encrypt: {}", common::stderr(&o));
    }
    root
}

/// The library's tables (every session) written outside the data folder, into `out/`.
fn outside(place: &Place, keys: &Keys, case: &Case) {
    if case.name == "demo" {
        return;
    }
    let args = place.args(&[
        "export",
        "--all",
        "--include-demo",
        "--format",
        "csv",
        "-o",
        "{out}/all",
    ]);
    let o = run(tafel(place, keys, case.key, None, &args));
    assert!(o.status.success(), "{}", common::stderr(&o));
}

/// The syscalls of `CALLS` that a run of the case makes, with how many times each, and what
/// is wrong in the order of those calls (see `order_faults`).
fn calls_of(template: &Path, keys: &Keys, case: &Case) -> (BTreeMap<String, usize>, Vec<String>) {
    let place = Place::copy_of(template);
    outside(&place, keys, case);
    let log = place.root.join("strace.log");
    let o = run(under_strace(
        &[
            "-y".into(),
            "-o".into(),
            log.display().to_string(),
            format!("-etrace={}", CALLS.join(",")),
        ],
        &tafel(&place, keys, case.key, case.today, &place.args(case.args)),
    ));
    assert!(o.status.success(), "{}: {}", case.name, common::stderr(&o));
    // Kept for whoever reads a fault of the order below.
    let _ = std::fs::copy(
        &log,
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "crash-points-{}.strace",
            case.name.replace(' ', "-")
        )),
    );
    let mut counts = BTreeMap::new();
    let trace: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    for line in &trace {
        let call = line
            .split_once(' ')
            .map_or(line.as_str(), |(_, rest)| rest.trim_start())
            .split('(')
            .next()
            .unwrap_or("");
        if CALLS.contains(&call) {
            *counts.entry(call.to_string()).or_insert(0) += 1;
        }
    }
    let reports = case
        .args
        .iter()
        .position(|a| *a == "-o")
        .and_then(|i| place.args(case.args).get(i + 1).cloned());
    (
        counts,
        order_faults(&trace, &place.root, reports.as_deref()),
    )
}

/// One call of a trace made with `strace -f -y`: its name, its arguments as written and
/// whether it succeeded.
struct Call {
    name: String,
    args: Vec<String>,
    ok: bool,
}

impl Call {
    fn parse(line: &str) -> Option<Call> {
        // "1234 name(args) = result"
        let rest = line.split_once(' ').map_or(line, |(_, r)| r).trim_start();
        let (name, rest) = rest.split_once('(')?;
        let (args, result) = rest.rsplit_once(" = ")?;
        let args = args.trim_end().strip_suffix(')')?;
        Some(Call {
            name: name.to_string(),
            args: args.split(", ").map(str::to_string).collect(),
            ok: !result.trim_start().starts_with('-'),
        })
    }

    /// The path an argument names: a quoted path (relative ones resolved against the
    /// folder descriptor `dir` before it) or a descriptor shown as `3</path>`.
    fn path(&self, i: usize) -> Option<PathBuf> {
        let a = self.args.get(i)?;
        if let Some(quoted) = a.strip_prefix('"') {
            let p = PathBuf::from(quoted.trim_end_matches('"'));
            if p.is_absolute() || i == 0 {
                return Some(p);
            }
            return Some(self.path(i - 1)?.join(p));
        }
        let (_, shown) = a.split_once('<')?;
        Some(PathBuf::from(shown.split('>').next()?))
    }

    /// The path the call creates or removes a name at (`None` for other calls).
    fn named(&self) -> Option<PathBuf> {
        match self.name.as_str() {
            "mkdir" | "unlink" | "rmdir" => self.path(0),
            "mkdirat" | "unlinkat" => self.path(1),
            "rename" | "link" => self.path(1),
            "renameat" | "renameat2" | "linkat" => self.path(3),
            _ => None,
        }
    }

    fn is_sync_of_manifest(&self) -> bool {
        matches!(self.name.as_str(), "fsync" | "fdatasync")
            && self
                .path(0)
                .is_some_and(|p| p.to_string_lossy().contains(".manifest.jsonl"))
    }

    fn is_sync_of(&self, p: &Path) -> bool {
        matches!(self.name.as_str(), "fsync" | "fdatasync") && self.path(0).as_deref() == Some(p)
    }
}

/// The order of the calls, which a power cut tests where a kill cannot: every name made
/// or removed in a folder of the library (a folder, a report, a session, a tombstone) is
/// followed by an fsync of that folder; and when the case writes reports, the manifest
/// that lets `delete` find them is synced before the first of them gets its name.
fn order_faults(trace: &[String], place_root: &Path, reports: Option<&str>) -> Vec<String> {
    let calls: Vec<Call> = trace.iter().filter_map(|l| Call::parse(l)).collect();
    let mut faults = Vec::new();
    let mut manifest_synced = false;
    for (i, c) in calls.iter().enumerate() {
        if c.is_sync_of_manifest() {
            manifest_synced = true;
        }
        if !c.ok {
            continue;
        }
        let Some(named) = c.named() else { continue };
        let Some(name) = named.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // A temporary file's name matters to no one after a power cut: the next start
        // removes it, and the file it became is synced by its own rename.
        if name.contains(".tmp-") || name.ends_with(".lock") || !named.starts_with(place_root) {
            continue;
        }
        let parent = named.parent().unwrap_or(Path::new("/"));
        if !calls[i + 1..].iter().any(|later| later.is_sync_of(parent)) {
            faults.push(format!(
                "{}({}) is not followed by an fsync of {}",
                c.name,
                named.display(),
                parent.display()
            ));
        }
        if let Some(folder) = reports {
            let is_report = matches!(
                c.name.as_str(),
                "linkat" | "link" | "rename" | "renameat" | "renameat2"
            ) && named.to_string_lossy().contains(folder)
                && !name.starts_with('.');
            if is_report && !manifest_synced {
                faults.push(format!(
                    "{} gets its name before the manifest is synced",
                    named.display()
                ));
            }
        }
    }
    faults
}

/// Every session file of `data` (sessions and trash), opened (with the library key when
/// encrypted), by file name.
fn sessions(data: &Path, keys: &Keys) -> BTreeMap<String, serde_json::Value> {
    let library = tafel::store::vault::settings::Settings::read(data)
        .ok()
        .and_then(|s| s.library)
        .and_then(|l| l.unwrap(&keys.a.identity));
    let mut out = BTreeMap::new();
    for dir in ["sessions", "trash"] {
        for e in std::fs::read_dir(data.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.starts_with('.') {
                continue;
            }
            let bytes = std::fs::read(e.path()).unwrap();
            let plain = if tafel::store::vault::is_sealed(&bytes) {
                let key = library.as_ref().expect("the library key");
                tafel::store::vault::open_with(key, &bytes).unwrap()
            } else {
                bytes
            };
            out.insert(
                format!("{dir}/{name}"),
                serde_json::from_slice(&plain).unwrap(),
            );
        }
    }
    out
}

/// What a round left that it should not have.
fn faults(
    place: &Place,
    keys: &Keys,
    case: &Case,
    before: &BTreeMap<String, serde_json::Value>,
) -> Vec<String> {
    let mut faults = Vec::new();
    // The next start of tafel (a scan) comes first: it tidies what a kill left.
    let o = run(tafel(
        place,
        keys,
        case.key.or(Some("a")),
        case.today,
        &place.args(&["list"]),
    ));
    let said = common::stderr(&o);
    if !o.status.success() || said.contains("onderbroken") || said.contains("niet te lezen") {
        faults.push(format!("list: {said}"));
    }
    for p in files_under(&place.root) {
        if p.file_name().is_some_and(|n| n == "strace.log") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for s in SECRETS {
            if text.contains(s) {
                faults.push(format!("{} holds {s:?}", p.display()));
            }
        }
    }
    for t in temp_files(&place.root) {
        faults.push(format!("temporary file {t}"));
    }
    let mut after = sessions(&place.data(), keys);
    let mut expected = before.clone();
    expected.retain(|name, _| !name.contains(GR11));
    after.retain(|name, _| !name.contains(GR11));
    if case.today.is_some() {
        // purge at a date when every session has expired: none is left.
        expected.clear();
    }
    if after != expected {
        faults.push(format!(
            "other sessions changed: {:?} against {:?}",
            after.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>()
        ));
    }
    faults
}

/// Runs the case killed at every file call in turn; returns (rounds, faults).
fn kill_at_every_call(base: &Path, keys: &Keys, case: &Case) -> (usize, Vec<String>) {
    let template = template(
        base,
        keys,
        case.name != "encrypt" && case.key.is_some(),
        case.name == "demo",
    );
    let (counts, order) = calls_of(&template, keys, case);
    let clean = Place::copy_of(&template);
    // What the sessions are once the command ran to its end: for `demo` into an empty
    // folder that is the demo itself; else the template's.
    if case.name == "demo" {
        let o = run(tafel(&clean, keys, None, None, &clean.args(case.args)));
        assert!(o.status.success());
    }
    let before = sessions(&clean.data(), keys);
    let mut rounds = 0;
    let mut found: Vec<String> = order
        .into_iter()
        .map(|f| format!("{} (order): {f}", case.name))
        .collect();
    for (call, n) in &counts {
        for when in 1..=*n {
            rounds += 1;
            let place = Place::copy_of(&template);
            outside(&place, keys, case);
            let killed = run(under_strace(
                &[
                    "-o".into(),
                    "/dev/null".into(),
                    format!("-etrace={call}"),
                    format!("-einject={call}:signal=KILL:when={when}"),
                ],
                &tafel(&place, keys, case.key, case.today, &place.args(case.args)),
            ));
            // The kill must have happened: a round in which the call was never reached
            // would test nothing.
            if std::os::unix::process::ExitStatusExt::signal(&killed.status) != Some(9) {
                found.push(format!(
                    "{} at {call} #{when}: not killed ({})",
                    case.name, killed.status
                ));
            }
            // Again, to its end; then the session goes.
            run(tafel(
                &place,
                keys,
                case.key,
                case.today,
                &place.args(case.args),
            ));
            run(tafel(
                &place,
                keys,
                case.key.or(Some("a")),
                case.today,
                &place.args(&["delete", GR11, "--yes"]),
            ));
            for f in faults(&place, keys, case, &before) {
                found.push(format!("{} killed at {call} #{when}: {f}", case.name));
            }
        }
    }
    (rounds, found)
}

fn check(case: &Case) {
    if !strace_here() {
        return;
    }
    let base = tempfile::tempdir().unwrap();
    let keys = Keys::new();
    let (rounds, faults) = kill_at_every_call(base.path(), &keys, case);
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let line = format!(
        "crash points of {}: killed at each of {rounds} file calls, then run again and GR-11 deleted; left behind: {}\n",
        case.name,
        if faults.is_empty() {
            "nothing".to_string()
        } else {
            format!("{} fault(s)", faults.len())
        }
    );
    let _ = std::fs::write(
        figures.join(format!("crash-points-{}.txt", case.name.replace(' ', "-"))),
        line,
    );
    assert!(rounds > 0, "{}: no file calls counted", case.name);
    assert!(
        faults.is_empty(),
        "{} of {rounds} rounds:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn export_of_one_session() {
    check(&Case {
        name: "export",
        args: &[
            "export",
            GR11,
            "--format",
            "html",
            "-o",
            "{data}/exports/new/gr11.html",
        ],
        today: None,
        key: None,
    });
}

#[test]
fn export_of_the_library() {
    check(&Case {
        name: "export --all",
        args: &[
            "export",
            "--all",
            "--include-demo",
            "--format",
            "csv",
            "-o",
            "{out}/all2",
        ],
        today: None,
        key: None,
    });
}

#[test]
fn delete() {
    check(&Case {
        name: "delete",
        args: &["delete", GR11, "--yes"],
        today: None,
        key: None,
    });
}

#[test]
fn purge() {
    check(&Case {
        name: "purge",
        args: &["purge", "--expired", "--yes"],
        today: Some("2040-01-01"),
        key: None,
    });
}

#[test]
fn encrypt() {
    check(&Case {
        name: "encrypt",
        args: &["encrypt"],
        today: None,
        key: Some("a"),
    });
}

#[test]
fn decrypt() {
    check(&Case {
        name: "decrypt",
        args: &["decrypt"],
        today: None,
        key: Some("a"),
    });
}

#[test]
fn keys_add() {
    check(&Case {
        name: "keys add",
        args: &["keys", "add", "{b}", "--name", "b"],
        today: None,
        key: Some("a"),
    });
}

#[test]
fn demo() {
    check(&Case {
        name: "demo",
        args: &["demo"],
        today: None,
        key: None,
    });
}
