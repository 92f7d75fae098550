//! One editor per session file: an advisory lock (`flock`) on a separate lock file next
//! to it (`<id>.json` -> `<id>.lock`). A lock held on the session file itself would be
//! lost at the first save, because a save renames a new file over it. The lock belongs
//! to the file, not to the library it was opened from: two copies of tafel that open the
//! same file through different data folders (or by path) meet at the same lock.
//!
//! The lock file is opened with `O_NOFOLLOW`: a symbolic link put in its place is
//! refused, never followed (it would let tafel empty and overwrite another file).
//!
//! The kernel drops the lock when the holder dies, even after `kill -9`; the file stays.
//! The holder writes who it is into the file and empties it when it closes cleanly, so a
//! lock that can be taken but still names a holder is the trace of a crash.
//!
//! A `flock` is only seen on its own machine. For a library in a folder that a sync
//! service keeps in step between laptops, the holder also rewrites its line with a
//! heartbeat while the session is open ([`SessionLock::beat_if_due`], every 30 s, or a
//! quarter of the staleness limit). A lock file that names another host whose heartbeat
//! is younger than the limit (`config.json` `lock_stale_seconds`, default 120) is taken,
//! even when the local lock is free: the session then opens read-only, naming that host.
//! How old a line is comes from the lock file's mtime, compared with the mtime of a file
//! made in the same folder just then ([`super::fs_time`]): the file system's clock, not
//! this laptop's. A sync service that copies the other laptop's mtimes brings that
//! laptop's clock along: clocks that differ by more than the limit make a line look
//! stale (or fresh) too early. The times written in the line are for people to read.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A held lock; released (and its file emptied) on drop.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
    /// What the lock file said when we took it: the holder that crashed, if any.
    pub stale_holder: Option<Holder>,
    /// What we wrote, and when the heartbeat is next due.
    me: Holder,
    last_beat: Instant,
    beat_every: Duration,
    stale: Duration,
    /// Another laptop has the session: its line in the file is left as it is on drop.
    given_up: bool,
}

/// Who holds (or held) a lock, as its lock file says: written as one line of JSON. A
/// lock file of an older tafel holds free text ("process 4242 since ..."), kept in `raw`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Holder {
    #[serde(default)]
    pub pid: Option<u32>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub since: Option<DateTime<FixedOffset>>,
    /// When the holder last said it is still there (a library shared between laptops).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heartbeat: Option<DateTime<FixedOffset>>,
    /// The text of a lock file that is not JSON.
    #[serde(skip)]
    pub raw: Option<String>,
}

impl Holder {
    /// This process, now (the real time: the line is read on other laptops).
    fn me() -> Holder {
        let now = crate::model::Clock::system().now();
        Holder {
            pid: Some(std::process::id()),
            host: host_name(),
            since: Some(now),
            heartbeat: Some(now),
            raw: None,
        }
    }

    /// Whether it is a copy of tafel on another machine that is still there: another host
    /// name, in a lock file last written `age` ago (by the file system's clock) and less
    /// than `stale` ago.
    pub fn is_live_elsewhere(&self, age: Duration, stale: Duration) -> bool {
        // No host (or an empty one) says nothing about another laptop.
        let other = match (self.host.as_deref().map(str::trim), host_name()) {
            (Some(theirs), Some(mine)) => !theirs.is_empty() && theirs != mine,
            _ => false,
        };
        other && age < stale
    }

    /// What a lock file's text says; `None` when it is empty (released cleanly).
    fn parse(text: &str) -> Option<Holder> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        Some(serde_json::from_str(text).unwrap_or_else(|_| Holder {
            raw: Some(text.chars().take(200).collect()),
            ..Holder::default()
        }))
    }
}

impl Holder {
    /// Who it is, in the user's language: "process 4242 on laptop-3 since 30-11-2026 14:05".
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        let t = lang.texts();
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let pid = self.pid.map(|p| p.to_string()).unwrap_or_default();
        let host = self.host.clone().unwrap_or_default();
        let since = self
            .since
            .map(|d| {
                format!(
                    "{} {}",
                    crate::i18n::format::date(d.date_naive(), lang),
                    d.format("%H:%M")
                )
            })
            .unwrap_or_default();
        (t.lock_holder)(&pid, &host, &since)
    }
}

/// This machine's name; in tests (debug builds, or the `hooks` feature) `TAFEL_TEST_HOST`
/// stands in for it, so two processes can play two laptops on one shared folder.
pub fn host_name() -> Option<String> {
    #[cfg(any(debug_assertions, feature = "hooks"))]
    if let Some(h) = std::env::var_os("TAFEL_TEST_HOST").and_then(|h| h.into_string().ok()) {
        return Some(h);
    }
    // uname(2): also where there is no /proc (macOS).
    let name = rustix::system::uname();
    Some(name.nodename().to_string_lossy().trim().to_string()).filter(|h| !h.is_empty())
}

/// A lock held by someone unknown (an empty lock file), in the user's language.
pub fn describe(holder: Option<&Holder>, lang: crate::i18n::Lang) -> String {
    holder.map_or_else(
        || lang.texts().lock_someone.to_string(),
        |h| h.describe(lang),
    )
}

/// What a heartbeat found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Beat {
    /// Still ours (written, or not yet due).
    Kept,
    /// The lock file could not be written; the local lock still holds.
    NotWritten,
    /// Another laptop has written its line with a fresh heartbeat: it has the session.
    TakenBy(Holder),
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockOutcome {
    Acquired(SessionLock),
    /// Another running copy has it (which one, if its lock file says).
    HeldElsewhere(Option<Holder>),
}

/// The lock file could not be used at all.
#[derive(Debug)]
pub enum LockError {
    /// A symbolic link in the lock file's place: never followed.
    Symlink(PathBuf),
    Io(io::Error),
}

impl LockError {
    /// The reason in the user's language (the system's own words in brackets).
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        let t = lang.texts();
        match self {
            LockError::Symlink(p) => (t.lock_symlink)(&p.display()),
            LockError::Io(e) => format!("{} [{e}]", t.lock_io),
        }
    }
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Symlink(p) => write!(f, "{} is a symbolic link", p.display()),
            LockError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// The lock file of a session file: the same name with `.lock` for `.json`, in the same
/// folder.
pub fn lock_path_of(session_file: &Path) -> PathBuf {
    session_file.with_extension("lock")
}

/// Whether a file name is that of a lock file (see [`lock_path_of`]).
pub fn is_lock_name(name: &str) -> bool {
    name.ends_with(".lock")
}

impl SessionLock {
    /// Takes the lock of the session file `session_file` (see [`lock_path_of`]), with the
    /// staleness limit of the data folder it is in (`sessions/..`).
    pub fn for_file(session_file: &Path) -> Result<LockOutcome, LockError> {
        let stale = session_file
            .parent()
            .and_then(Path::parent)
            .map_or(super::config::DEFAULT_LOCK_STALE_SECONDS, |d| {
                super::config::lock_stale_seconds(d)
            });
        SessionLock::acquire_with(&lock_path_of(session_file), Duration::from_secs(stale))
    }

    pub fn acquire(path: &Path) -> Result<LockOutcome, LockError> {
        SessionLock::acquire_with(
            path,
            Duration::from_secs(super::config::DEFAULT_LOCK_STALE_SECONDS),
        )
    }

    /// Takes the lock at `path`, unless another host's heartbeat in it is younger than
    /// `stale`.
    pub fn acquire_with(path: &Path, stale: Duration) -> Result<LockOutcome, LockError> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            // Not blocking on a FIFO put in its place; checked to be a file below.
            .custom_flags(
                (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32,
            )
            .open(path)
            .map_err(|e| {
                if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                    LockError::Symlink(path.to_path_buf())
                } else {
                    LockError::Io(e)
                }
            })?;
        if !file.metadata().map_err(LockError::Io)?.is_file() {
            return Err(LockError::Io(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the lock file is not a regular file",
            )));
        }
        let mut previous = String::new();
        // Reading may fail on odd content; the holder is informational only.
        let _ = (&mut file).take(4096).read_to_string(&mut previous);
        let previous = Holder::parse(&previous);
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(LockOutcome::HeldElsewhere(previous)),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        // Free here, but open on another laptop (its heartbeat reached us through the
        // sync): theirs, and the file is left as it is.
        if previous
            .as_ref()
            .is_some_and(|p| p.is_live_elsewhere(line_age(&file, path), stale))
        {
            let _ = file.unlock();
            return Ok(LockOutcome::HeldElsewhere(previous));
        }
        let me = Holder::me();
        write_holder(&mut file, &me, true).map_err(LockError::Io)?;
        Ok(LockOutcome::Acquired(SessionLock {
            file,
            path: path.to_path_buf(),
            stale_holder: previous,
            me,
            last_beat: Instant::now(),
            beat_every: (stale / 4).clamp(Duration::from_secs(1), Duration::from_secs(30)),
            stale,
            given_up: false,
        }))
    }

    /// Rewrites the heartbeat when it is due, so other laptops see the session is still
    /// open. When the file meanwhile names another laptop with a fresh heartbeat (this one
    /// was away longer than the limit, and the other took the session), it is left alone
    /// and that holder is returned: the session is theirs now.
    pub fn beat_if_due(&mut self) -> Beat {
        if self.last_beat.elapsed() < self.beat_every {
            return Beat::Kept;
        }
        self.last_beat = Instant::now();
        let mut now = String::new();
        if self.file.seek(SeekFrom::Start(0)).is_ok() {
            let _ = (&mut self.file).take(4096).read_to_string(&mut now);
        }
        let age = line_age(&self.file, &self.path);
        if let Some(other) = Holder::parse(&now).filter(|h| h.is_live_elsewhere(age, self.stale)) {
            return Beat::TakenBy(other);
        }
        self.me.heartbeat = Some(crate::model::Clock::system().now());
        match write_holder(&mut self.file, &self.me, false) {
            Ok(()) => Beat::Kept,
            Err(_) => Beat::NotWritten,
        }
    }

    /// Lets the session go to the laptop whose line is in the file now: the local lock is
    /// released without emptying that line.
    pub fn give_up(mut self) {
        self.given_up = true;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the lock file while the lock is still held (the session file it guards is
    /// gone): a copy that opened the old file meanwhile finds no session to load.
    pub fn remove_file(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// How long ago the lock file `file` (at `path`) was last written, by the clock of the file
/// system it is on. When that cannot be told, zero: a line of another laptop then counts
/// as live, and the session opens read-only rather than being taken from someone.
fn line_age(file: &File, path: &Path) -> Duration {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (
        file.metadata().and_then(|m| m.modified()),
        super::fs_time::now_in(dir),
    ) {
        (Ok(written), Ok(now)) => super::fs_time::age(written, now),
        _ => Duration::ZERO,
    }
}

/// Writes `holder` as the lock file's one line, in place (the file and its lock stay).
fn write_holder(file: &mut File, holder: &Holder, sync: bool) -> io::Result<()> {
    let mut line = serde_json::to_vec(holder).map_err(io::Error::from)?;
    line.push(b'\n');
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&line)?;
    if sync { file.sync_all() } else { Ok(()) }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Emptied = closed cleanly. The file itself stays: deleting it would let a copy
        // that opened the old file lock a different inode than the next copy.
        if !self.given_up {
            let _ = self.file.set_len(0);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_and_told_who_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        let LockOutcome::Acquired(first) = SessionLock::acquire(&p).unwrap() else {
            panic!()
        };
        assert!(first.stale_holder.is_none());
        match SessionLock::acquire(&p).unwrap() {
            LockOutcome::HeldElsewhere(who) => {
                assert_eq!(who.unwrap().pid, Some(std::process::id()));
            }
            LockOutcome::Acquired(_) => panic!("two holders"),
        }
        drop(first);
        let LockOutcome::Acquired(again) = SessionLock::acquire(&p).unwrap() else {
            panic!()
        };
        assert!(
            again.stale_holder.is_none(),
            "a clean release leaves no trace"
        );
    }

    #[test]
    fn a_symlinked_lock_file_is_refused_and_its_target_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "keep me").unwrap();
        let p = dir.path().join("x.lock");
        std::os::unix::fs::symlink(&target, &p).unwrap();
        let err = SessionLock::acquire(&p).unwrap_err();
        assert!(matches!(err, LockError::Symlink(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    }

    #[test]
    fn the_lock_belongs_to_the_file() {
        assert_eq!(
            lock_path_of(Path::new("/d/sessions/abc.json")),
            Path::new("/d/sessions/abc.lock")
        );
        assert_eq!(
            lock_path_of(Path::new("/d/sessions/GR-07 backup.json")),
            Path::new("/d/sessions/GR-07 backup.lock")
        );
    }

    #[test]
    fn a_crashed_holder_is_detected_as_stale() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        std::fs::write(&p, "process 99999 since 2026-01-01 10:00").unwrap();
        let LockOutcome::Acquired(l) = SessionLock::acquire(&p).unwrap() else {
            panic!()
        };
        assert_eq!(
            l.stale_holder.clone().and_then(|h| h.raw).as_deref(),
            Some("process 99999 since 2026-01-01 10:00"),
            "an older tafel's lock file is read as text"
        );
    }

    #[test]
    fn another_hosts_fresh_heartbeat_holds_and_a_stale_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        let other = Holder {
            pid: Some(1),
            host: Some("laptop-elsewhere".into()),
            since: Some(chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00+01:00").unwrap()),
            heartbeat: Some(
                chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap(),
            ),
            raw: None,
        };
        // Their line, last written `ago` seconds before now by the file system's clock
        // (what the times inside the line say does not count).
        let write = |ago: u64| {
            std::fs::write(&p, serde_json::to_string(&other).unwrap()).unwrap();
            let now = crate::store::fs_time::now_in(dir.path()).unwrap();
            let f = File::options().write(true).open(&p).unwrap();
            f.set_modified(now - Duration::from_secs(ago)).unwrap();
        };
        let stale = Duration::from_secs(120);
        write(10);
        match SessionLock::acquire_with(&p, stale).unwrap() {
            LockOutcome::HeldElsewhere(Some(h)) => {
                assert_eq!(h.host.as_deref(), Some("laptop-elsewhere"));
            }
            other => panic!("taken from a live laptop: {other:?}"),
        }
        assert!(
            std::fs::read_to_string(&p)
                .unwrap()
                .contains("laptop-elsewhere"),
            "their line is left as it was"
        );
        write(600);
        let LockOutcome::Acquired(mut mine) = SessionLock::acquire_with(&p, stale).unwrap() else {
            panic!("a stale heartbeat still holds")
        };
        assert_eq!(
            mine.stale_holder.as_ref().and_then(|h| h.host.as_deref()),
            Some("laptop-elsewhere")
        );
        // The heartbeat is rewritten in place when due.
        let first: Holder = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        mine.beat_every = Duration::ZERO;
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(mine.beat_if_due(), Beat::Kept);
        let second: Holder = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert!(second.heartbeat > first.heartbeat);
        assert_eq!(second.since, first.since, "since stays the start");
        // The same host never counts as elsewhere: the local lock decides there.
        assert!(!Holder::me().is_live_elsewhere(Duration::ZERO, stale));
    }

    #[test]
    fn a_beat_that_finds_another_laptops_fresh_line_gives_the_session_up() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        let LockOutcome::Acquired(mut mine) =
            SessionLock::acquire_with(&p, Duration::from_secs(120)).unwrap()
        else {
            panic!()
        };
        // The other laptop's line arrives through the sync.
        let theirs = Holder {
            pid: Some(7),
            host: Some("laptop-elsewhere".into()),
            since: None,
            heartbeat: None,
            raw: None,
        };
        std::fs::write(&p, serde_json::to_string(&theirs).unwrap()).unwrap();
        mine.beat_every = Duration::ZERO;
        match mine.beat_if_due() {
            Beat::TakenBy(h) => assert_eq!(h.host.as_deref(), Some("laptop-elsewhere")),
            other => panic!("{other:?}"),
        }
        assert!(
            std::fs::read_to_string(&p)
                .unwrap()
                .contains("laptop-elsewhere"),
            "their line is not overwritten"
        );
        // An empty host is nobody in particular.
        let nobody = Holder {
            host: Some(String::new()),
            ..theirs
        };
        assert!(!nobody.is_live_elsewhere(Duration::ZERO, Duration::from_secs(120)));
    }

    #[test]
    fn a_fifo_in_the_lock_files_place_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.lock");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &p,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        assert!(matches!(SessionLock::acquire(&p), Err(LockError::Io(_))));
    }
}
