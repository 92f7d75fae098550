//! Which files tafel wrote from which sessions, so that deleting a session for good (or
//! purging it) also finds the reports made of it: `<data-dir>/exports/.manifest.jsonl`.
//!
//! Every export written to a file (Ctrl+E in the TUI, `tafel export ... -o`, `tafel
//! compare ... -o`) appends one line: the file's absolute path, the sessions it holds,
//! whether it is anonymous, and the file's size and modification time as written. An
//! export written to standard output is the user's own and cannot be followed.
//!
//! A line says nothing about the session's content: ids and paths only.
//!
//! When a session is gone from the library and the trash, the exports that hold it are
//! removed with it, provided they are still exactly as tafel wrote them (same size and
//! modification time); a file changed since is listed and left alone. Anonymous exports
//! hold no personal data and are kept.

use std::fs::{self, OpenOptions};
use std::io::{self, BufRead, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::atomic;
use super::index::Stamp;
use super::paths::ensure_private_dir;

/// The manifest's name inside `<data-dir>/exports/`.
pub const MANIFEST_NAME: &str = ".manifest.jsonl";
const LOCK_NAME: &str = ".manifest.lock";

/// One export file written by tafel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub path: PathBuf,
    pub sessions: Vec<Uuid>,
    pub anonymous: bool,
    pub stamp: Stamp,
}

/// What became of an export file since tafel wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Exactly as written.
    Unchanged,
    /// Changed or replaced since (by the user or another program).
    Changed,
    /// No longer there.
    Gone,
}

impl Record {
    pub fn state(&self) -> State {
        match fs::symlink_metadata(&self.path) {
            Ok(m) if m.is_file() && Stamp::of(&m) == self.stamp => State::Unchanged,
            Ok(_) => State::Changed,
            Err(_) => State::Gone,
        }
    }
}

pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

fn manifest_path(data_dir: &Path) -> PathBuf {
    exports_dir(data_dir).join(MANIFEST_NAME)
}

fn nofollow() -> i32 {
    rustix::fs::OFlags::NOFOLLOW.bits() as i32
}

/// The manifest's lock: shared for an append, exclusive for a rewrite.
fn lock(data_dir: &Path, exclusive: bool) -> io::Result<fs::File> {
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(nofollow())
        .open(exports_dir(data_dir).join(LOCK_NAME))?;
    if exclusive {
        f.lock()?;
    } else {
        f.lock_shared()?;
    }
    Ok(f)
}

/// Notes that tafel wrote `files` from `sessions`.
pub fn record(
    data_dir: &Path,
    files: &[PathBuf],
    sessions: &[Uuid],
    anonymous: bool,
) -> io::Result<()> {
    ensure_private_dir(&exports_dir(data_dir), true)?;
    let mut bytes = Vec::new();
    for file in files {
        let meta = fs::symlink_metadata(file)?;
        let path = fs::canonicalize(file)?;
        let line = Record {
            path,
            sessions: sessions.to_vec(),
            anonymous,
            stamp: Stamp::of(&meta),
        };
        serde_json::to_writer(&mut bytes, &line).map_err(io::Error::other)?;
        bytes.push(b'\n');
    }
    // An encrypted library's manifest is one encrypted file (it names the exports):
    // read, extended and written whole. So is one still encrypted in a library being
    // made plain, written back plain: a plain line after ciphertext would break it.
    let sealing = super::vault::sealing_of(data_dir)?;
    if sealing.is_some() || super::vault::file_is_sealed(&manifest_path(data_dir)) {
        let _lock = lock(data_dir, true)?;
        let path = manifest_path(data_dir);
        let mut all = match super::read_file(&path) {
            Ok((_, plain)) => plain,
            Err(super::LoadError::Io { source, .. })
                if source.kind() == io::ErrorKind::NotFound =>
            {
                Vec::new()
            }
            Err(e) => return Err(io::Error::other(e.reason())),
        };
        all.extend_from_slice(&bytes);
        let all = match sealing {
            Some(to) => super::vault::seal(&all, &to)?,
            None => all,
        };
        return atomic::write_atomic(&path, &all);
    }
    let _lock = lock(data_dir, false)?;
    let mut f = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(nofollow())
        .open(manifest_path(data_dir))?;
    // One write call: appends of whole lines do not interleave.
    f.write_all(&bytes)
}

/// Every line of the manifest, newest last; a torn line is skipped.
pub fn read(data_dir: &Path) -> Vec<Record> {
    let path = manifest_path(data_dir);
    let Ok(meta) = fs::symlink_metadata(&path) else {
        return Vec::new();
    };
    if !meta.is_file() {
        return Vec::new();
    }
    let Ok(f) = fs::File::open(&path) else {
        return Vec::new();
    };
    let Ok(reader) = super::vault::plain_reader(f) else {
        return Vec::new();
    };
    reader
        .split(b'\n')
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_slice::<Record>(&line).ok())
        .collect()
}

/// The exports (newest line per path) that hold any of `sessions`.
pub fn holding(data_dir: &Path, sessions: &[Uuid]) -> Vec<Record> {
    let mut newest: Vec<Record> = Vec::new();
    for r in read(data_dir) {
        newest.retain(|o| o.path != r.path);
        newest.push(r);
    }
    newest.retain(|r| r.sessions.iter().any(|id| sessions.contains(id)));
    newest.sort_by(|a, b| a.path.cmp(&b.path));
    newest
}

/// The sessions whose export was last written at `path`, if tafel wrote it and it is
/// unchanged since.
pub fn owner_of(data_dir: &Path, path: &Path) -> Option<Vec<Uuid>> {
    let path = fs::canonicalize(path).ok()?;
    read(data_dir)
        .into_iter()
        .rev()
        .find(|r| r.path == path)
        .filter(|r| r.state() == State::Unchanged)
        .map(|r| r.sessions)
}

/// Removes the unchanged, non-anonymous exports among `records` and forgets every line
/// of the files that are gone now. Returns the files removed.
pub fn remove(data_dir: &Path, records: &[Record]) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for r in records {
        if !r.anonymous && r.state() == State::Unchanged {
            match fs::remove_file(&r.path) {
                Ok(()) => removed.push(r.path.clone()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    forget_gone(data_dir)?;
    Ok(removed)
}

/// Rewrites the whole manifest encrypted to `to`, or plain (`tafel encrypt`, `decrypt`,
/// a change of keys), and returns its lines. A manifest that cannot be read here (say,
/// encrypted to other keys) is an error, never dropped.
pub fn rewrite_as(
    data_dir: &Path,
    to: Option<&[age::x25519::Recipient]>,
) -> io::Result<Vec<Record>> {
    let path = manifest_path(data_dir);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(Vec::new());
    }
    let _lock = lock(data_dir, true)?;
    let (_, plain) = super::read_file(&path)
        .map_err(|e| io::Error::other(format!("{}: {}", path.display(), e.reason())))?;
    let records: Vec<Record> = plain
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect();
    let mut bytes = Vec::new();
    for r in &records {
        serde_json::to_writer(&mut bytes, r).map_err(io::Error::other)?;
        bytes.push(b'\n');
    }
    let bytes = match to {
        Some(to) => super::vault::seal(&bytes, to)?,
        None => bytes,
    };
    atomic::write_atomic(&path, &bytes)?;
    Ok(records)
}

/// Rewrites the manifest without the lines of files that no longer exist.
pub fn forget_gone(data_dir: &Path) -> io::Result<()> {
    let path = manifest_path(data_dir);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(());
    }
    let _lock = lock(data_dir, true)?;
    let all = read(data_dir);
    let kept: Vec<&Record> = all.iter().filter(|r| r.state() != State::Gone).collect();
    if kept.len() == all.len() {
        return Ok(());
    }
    let mut bytes = Vec::new();
    for r in kept {
        serde_json::to_writer(&mut bytes, r).map_err(io::Error::other)?;
        bytes.push(b'\n');
    }
    atomic::write_atomic(&path, &super::vault::seal_at(&path, bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_found_by_session_and_removed_only_while_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        let a = Uuid::new_v4();
        let b = Uuid::new_v4();
        let out = exports_dir(data);
        fs::create_dir_all(&out).unwrap();
        let report = out.join("GR-07-T0.html");
        let table = dir.path().join("all.csv");
        let anon = out.join("anonymous-T0.html");
        let edited = out.join("edited.md");
        for f in [&report, &table, &anon, &edited] {
            fs::write(f, "x").unwrap();
        }
        record(data, std::slice::from_ref(&report), &[a], false).unwrap();
        record(data, std::slice::from_ref(&table), &[a, b], false).unwrap();
        record(data, std::slice::from_ref(&anon), &[a], true).unwrap();
        record(data, std::slice::from_ref(&edited), &[a], false).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(10));
        fs::write(&edited, "changed by the user").unwrap();

        let of_b = holding(data, &[b]);
        assert_eq!(of_b.len(), 1, "only the library table holds b");
        let of_a = holding(data, &[a]);
        assert_eq!(of_a.len(), 4);
        assert_eq!(
            owner_of(data, &report),
            Some(vec![a]),
            "an unchanged export is known by its sessions"
        );
        assert_eq!(owner_of(data, &edited), None);

        let removed = remove(data, &of_a).unwrap();
        assert_eq!(removed.len(), 2, "{removed:?}");
        assert!(!report.exists() && !table.exists());
        assert!(anon.exists(), "an anonymous export holds no personal data");
        assert!(edited.exists(), "a file changed since is left to the user");
        let left: Vec<PathBuf> = read(data).into_iter().map(|r| r.path).collect();
        assert_eq!(
            left.len(),
            2,
            "lines of removed files are forgotten: {left:?}"
        );
    }
}
