//! Which files tafel wrote from which sessions, so that deleting a session for good (or
//! purging it) also finds the reports made of it: `<data-dir>/exports/.manifest.jsonl`.
//!
//! Every export written to a file (Ctrl+E in the TUI, `tafel export ... -o`, `tafel
//! compare ... -o`, `tafel portfolio ... -o`) appends one line: the file's path, the
//! sessions it holds, whether it is anonymous, and the file's size, modification time,
//! inode and SHA-256 as written. An export written to standard output is the user's own
//! and cannot be followed.
//!
//! A file inside the library is noted by its path relative to the library's folder: the
//! same shared folder lies at another path on every laptop (and a backup copy of it at
//! another path again), and each must find its own files, never another copy's. A file
//! outside the library is noted by its absolute path. A file is as tafel wrote it when its
//! stamp is the same, or, where a copy or a sync service gave it another inode or time,
//! when its content is.
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
    /// The SHA-256 of the content as written (hex): the file is still the one tafel wrote
    /// when another copy of the folder (a sync, a backup) has given it a new stamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// tafel made the file's folder for it (a folder export): once empty, the folder
    /// goes with the file (its name may name the case).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub made_folder: bool,
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
    /// What became of the file (`path` is absolute, as [`read`] gives it).
    pub fn state(&self) -> State {
        match fs::symlink_metadata(&self.path) {
            Ok(m) if m.is_file() && Stamp::of(&m) == self.stamp => State::Unchanged,
            Ok(m) if m.is_file() && m.len() == self.stamp.len && self.same_content() => {
                State::Unchanged
            }
            Ok(_) => State::Changed,
            Err(_) => State::Gone,
        }
    }

    fn same_content(&self) -> bool {
        self.sha256
            .as_ref()
            .is_some_and(|want| fs::read(&self.path).is_ok_and(|b| sha256(&b) == *want))
    }
}

/// The SHA-256 of `bytes`, in hex.
fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The library's folder, resolved (the manifest's paths are relative to it).
fn root_of(data_dir: &Path) -> PathBuf {
    fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf())
}

/// The manifest's lines as written: paths inside the library relative to it.
fn lines_bytes(data_dir: &Path, records: &[&Record]) -> io::Result<Vec<u8>> {
    let root = root_of(data_dir);
    let mut bytes = Vec::new();
    for r in records {
        let stored = match r.path.strip_prefix(&root) {
            Ok(rel) if r.path.is_absolute() => Record {
                path: rel.to_path_buf(),
                ..(*r).clone()
            },
            _ => (*r).clone(),
        };
        serde_json::to_writer(&mut bytes, &stored).map_err(io::Error::other)?;
        bytes.push(b'\n');
    }
    Ok(bytes)
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

/// Writes the files of one export (`files`: where each goes, and what it holds) made from
/// `sessions`, and notes them in the manifest, in this order: each file's content is made
/// whole and durable without a name ([`atomic::prepare`]), the manifest lines that name
/// them are written and made durable, and only then does each file get its name. A kill
/// or a power cut at any moment leaves at worst a line that names no file (which `delete`
/// skips), never a file that no line names. A file is encrypted when it lands in an
/// encrypted library (`.age` added to its name, see [`super::vault::output_for`]); a
/// folder of the library's `exports/` that does not exist yet is made (mode 0700).
///
/// A folder export names its folder as `folder`: made (mode 0700, durably) when it does
/// not exist yet, and then removed with the last of its files.
///
/// When the manifest cannot be written, nothing is named and the error is returned: a
/// report that `delete` could not find would outlive its session. (An anonymous export
/// holds no personal data: it is written all the same.) Returns the paths written.
pub fn write(
    data_dir: &Path,
    files: &[(PathBuf, Vec<u8>)],
    folder: Option<&Path>,
    sessions: &[Uuid],
    anonymous: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    let made_folder = match folder {
        Some(f) if fs::symlink_metadata(f).is_err() => {
            ensure_private_dir(f, false)
                .map_err(|e| WriteError::Write(f.to_path_buf(), e.into()))?;
            true
        }
        // Made by an earlier export of tafel: still tafel's to remove once empty.
        Some(f) => fs::canonicalize(f).is_ok_and(|f| {
            read(data_dir)
                .iter()
                .any(|r| r.made_folder && r.path.parent() == Some(f.as_path()))
        }),
        None => false,
    };
    let mut prepared = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let failed = |e| WriteError::Write(path.clone(), e);
        make_own_folder(data_dir, path).map_err(failed)?;
        let (target, bytes) = super::vault::output_for(path, bytes).map_err(failed)?;
        prepared.push((
            atomic::prepare(&target, &bytes).map_err(failed)?,
            sha256(&bytes),
        ));
    }
    name_noted(data_dir, prepared, sessions, anonymous, made_folder)
}

/// Writes `bytes` (in their final form) as a new version of the export `like` describes,
/// at `to` (its own path, or its new name once converted): noted in the manifest before it
/// has its name, as [`write`] does. (`tafel encrypt` and `decrypt` convert exports so.)
pub fn rewrite(
    data_dir: &Path,
    like: &Record,
    to: &Path,
    bytes: &[u8],
) -> Result<PathBuf, WriteError> {
    let prepared =
        atomic::prepare(to, bytes).map_err(|e| WriteError::Write(to.to_path_buf(), e))?;
    let mut named = name_noted(
        data_dir,
        vec![(prepared, sha256(bytes))],
        &like.sessions,
        like.anonymous,
        like.made_folder,
    )?;
    named
        .pop()
        .ok_or_else(|| WriteError::Write(to.to_path_buf(), io::ErrorKind::NotFound.into()))
}

/// Notes `prepared` in the manifest, then gives each its name (see [`write`]).
fn name_noted(
    data_dir: &Path,
    prepared: Vec<(atomic::Prepared, String)>,
    sessions: &[Uuid],
    anonymous: bool,
    made_folder: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    let lines: io::Result<Vec<Record>> = prepared
        .iter()
        .map(|(p, sha)| {
            Ok(Record {
                path: absolute_path(p.target())?,
                sessions: sessions.to_vec(),
                anonymous,
                stamp: Stamp::of(p.metadata()),
                sha256: Some(sha.clone()),
                made_folder,
            })
        })
        .collect();
    // Held until every file has its name: a `delete` that tidies the manifest meanwhile
    // would drop the lines of files not named yet.
    let guard = lines.and_then(|lines| append(data_dir, &lines));
    let _lock = match guard {
        Ok(lock) => Some(lock),
        Err(e) if !anonymous => return Err(WriteError::NotNoted(e)),
        Err(_) => None,
    };
    prepared
        .into_iter()
        .map(|(p, _)| {
            let target = p.target().to_path_buf();
            p.commit()
                .map(|()| target.clone())
                .map_err(|e| WriteError::Write(target, e))
        })
        .collect()
}

/// Why an export was not written.
#[derive(Debug)]
pub enum WriteError {
    /// A file could not be written (the path as asked for).
    Write(PathBuf, io::Error),
    /// The manifest could not be written: nothing was named.
    NotNoted(io::Error),
}

impl WriteError {
    /// The reason in the user's language (the system's own words in brackets).
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        let r = &lang.texts().report;
        match self {
            WriteError::Write(path, e) => {
                format!(
                    "{}: [{e}]",
                    (r.cli_write_failed)(&path.display().to_string())
                )
            }
            WriteError::NotNoted(e) => format!("{} [{e}]", r.export_not_noted),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explain(crate::i18n::Lang::En))
    }
}

/// Makes the folder of `path` when it lies inside the library's `exports/` and does not
/// exist yet (mode 0700, durably; see [`ensure_private_dir`]). Elsewhere the folder is
/// the user's, and must exist.
fn make_own_folder(data_dir: &Path, path: &Path) -> io::Result<()> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if fs::symlink_metadata(parent).is_ok() {
        return Ok(());
    }
    let own = std::path::absolute(exports_dir(data_dir))?;
    let parent = std::path::absolute(parent)?;
    if parent.starts_with(&own) {
        ensure_private_dir(&parent, true)?;
    }
    Ok(())
}

/// `path` made absolute, through the real path of its folder (which exists); the file
/// itself need not exist yet.
fn absolute_path(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(fs::canonicalize(dir)?.join(name))
}

/// Notes that tafel wrote `files` (which exist) from `sessions`.
pub fn record(
    data_dir: &Path,
    files: &[PathBuf],
    sessions: &[Uuid],
    anonymous: bool,
) -> io::Result<()> {
    let mut lines = Vec::with_capacity(files.len());
    for file in files {
        let meta = fs::symlink_metadata(file)?;
        lines.push(Record {
            path: fs::canonicalize(file)?,
            sessions: sessions.to_vec(),
            anonymous,
            stamp: Stamp::of(&meta),
            sha256: Some(sha256(&fs::read(file)?)),
            made_folder: false,
        });
    }
    append(data_dir, &lines).map(drop)
}

/// Appends `lines` to the manifest and makes them durable (the file, and the folder when
/// the file is new). Returns the manifest's lock, still held.
fn append(data_dir: &Path, lines: &[Record]) -> io::Result<fs::File> {
    ensure_private_dir(&exports_dir(data_dir), true)?;
    let bytes = lines_bytes(data_dir, &lines.iter().collect::<Vec<_>>())?;
    let path = manifest_path(data_dir);
    // An encrypted library's manifest is one encrypted file (it names the exports):
    // read, extended and written whole. So is one still encrypted in a library being
    // made plain, written back plain: a plain line after ciphertext would break it.
    let sealing = super::vault::sealing_of(data_dir)?;
    if sealing.is_some() || super::vault::file_is_sealed(&path) {
        let lock = lock(data_dir, true)?;
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
        atomic::write_atomic(&path, &all)?;
        return Ok(lock);
    }
    let lock = lock(data_dir, false)?;
    let new = fs::symlink_metadata(&path).is_err();
    let mut f = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(nofollow())
        .open(&path)?;
    // One write call: appends of whole lines do not interleave.
    f.write_all(&bytes)?;
    f.sync_data()?;
    if new {
        fs::File::open(exports_dir(data_dir))?.sync_all()?;
    }
    Ok(lock)
}

/// Every line of the manifest, newest last, with its path absolute (a path inside the
/// library is noted relative to it; see the module's notes); a torn line is skipped.
pub fn read(data_dir: &Path) -> Vec<Record> {
    let root = root_of(data_dir);
    let mut lines = read_as_written(data_dir);
    for r in &mut lines {
        if r.path.is_relative() {
            r.path = root.join(&r.path);
        }
    }
    lines
}

/// The manifest's lines as the file holds them.
fn read_as_written(data_dir: &Path) -> Vec<Record> {
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

/// One line per export file: the line that describes the version on disk (tafel wrote
/// exactly that file), else the newest line of its path (the file changed or is gone
/// since). A line written for a file that never got its name (a kill between the two)
/// then names nothing, and an earlier version that still has the name is still known.
fn current(all: Vec<Record>) -> Vec<Record> {
    let mut by_path: std::collections::BTreeMap<PathBuf, Vec<Record>> =
        std::collections::BTreeMap::new();
    for r in all {
        by_path.entry(r.path.clone()).or_default().push(r);
    }
    by_path
        .into_values()
        .filter_map(|mut lines| {
            let matching = lines.iter().rposition(|r| r.state() == State::Unchanged);
            match matching {
                Some(i) => Some(lines.swap_remove(i)),
                None => lines.pop(),
            }
        })
        .collect()
}

/// The exports that hold any of `sessions` (see [`current`]), sorted by path.
pub fn holding(data_dir: &Path, sessions: &[Uuid]) -> Vec<Record> {
    let mut found = current(read(data_dir));
    found.retain(|r| r.sessions.iter().any(|id| sessions.contains(id)));
    found
}

/// The sessions whose export is at `path`, if tafel wrote that very file.
pub fn owner_of(data_dir: &Path, path: &Path) -> Option<Vec<Uuid>> {
    let path = fs::canonicalize(path).ok()?;
    read(data_dir)
        .into_iter()
        .rev()
        .find(|r| r.path == path && r.state() == State::Unchanged)
        .map(|r| r.sessions)
}

/// Removes the unchanged, non-anonymous exports among `records` and forgets every line
/// of the files that are gone now. Returns the files removed.
pub fn remove(data_dir: &Path, records: &[Record]) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    // What a killed export of this machine left beside them goes too (a whole report
    // under a temporary name).
    let mut folders: Vec<&Path> = records.iter().filter_map(|r| r.path.parent()).collect();
    folders.sort();
    folders.dedup();
    for f in folders {
        atomic::sweep_leftovers(f, std::time::Duration::from_secs(60));
    }
    let own = fs::canonicalize(exports_dir(data_dir)).ok();
    for r in records {
        if !r.anonymous && r.state() == State::Unchanged {
            if atomic::remove_durably(&r.path)? {
                removed.push(r.path.clone());
            }
            // A folder tafel made for an export (or any folder inside its own exports/)
            // goes once empty: its name may name the case.
            if let Some(folder) = r.path.parent()
                && (r.made_folder
                    || own
                        .as_deref()
                        .is_some_and(|o| folder.starts_with(o) && folder != o))
                && fs::remove_dir(folder).is_ok()
                && let Some(above) = folder.parent()
            {
                let _ = atomic::sync_folder(above);
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
    let root = root_of(data_dir);
    let records: Vec<Record> = plain
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice::<Record>(line).ok())
        .map(|mut r| {
            if r.path.is_relative() {
                r.path = root.join(&r.path);
            }
            r
        })
        .collect();
    let bytes = lines_bytes(data_dir, &records.iter().collect::<Vec<_>>())?;
    let bytes = match to {
        Some(to) => super::vault::seal(&bytes, to)?,
        None => bytes,
    };
    atomic::write_atomic(&path, &bytes)?;
    Ok(records)
}

/// Rewrites the manifest with one line per export file that still exists (see
/// [`current`]): lines of files that are gone, or of versions since replaced, go.
pub fn forget_gone(data_dir: &Path) -> io::Result<()> {
    let path = manifest_path(data_dir);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(());
    }
    let _lock = lock(data_dir, true)?;
    let all = read(data_dir);
    let count = all.len();
    let kept: Vec<Record> = current(all)
        .into_iter()
        .filter(|r| r.state() != State::Gone)
        .collect();
    if kept.len() == count {
        return Ok(());
    }
    let bytes = lines_bytes(data_dir, &kept.iter().collect::<Vec<_>>())?;
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

    #[test]
    fn a_library_moved_or_copied_elsewhere_still_knows_its_exports() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("lib");
        let a = Uuid::new_v4();
        let report = exports_dir(&data).join("r.html");
        write(
            &data,
            &[(report.clone(), b"report".to_vec())],
            None,
            &[a],
            false,
        )
        .unwrap();
        let raw = fs::read_to_string(manifest_path(&data)).unwrap();
        assert!(
            !raw.contains(&*data.to_string_lossy()),
            "a path inside the library is written relative to it: {raw}"
        );
        // Moved (a new laptop, a synced folder at another path): the copy keeps its
        // mtimes only where the tool preserves them; the content decides.
        let moved = dir.path().join("elsewhere");
        fs::rename(&data, &moved).unwrap();
        let moved_report = exports_dir(&moved).join("r.html");
        let bumped = fs::File::options().write(true).open(&moved_report).unwrap();
        bumped
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(90))
            .unwrap();
        assert_eq!(owner_of(&moved, &moved_report), Some(vec![a]));
        let removed = remove(&moved, &holding(&moved, &[a])).unwrap();
        assert_eq!(removed, vec![moved_report.clone()]);
        assert!(!moved_report.exists());
    }

    #[test]
    fn a_report_whose_content_changed_is_left_even_at_the_same_size() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        let a = Uuid::new_v4();
        let report = exports_dir(data).join("r.html");
        write(
            data,
            &[(report.clone(), b"report".to_vec())],
            None,
            &[a],
            false,
        )
        .unwrap();
        fs::write(&report, b"REPORT").unwrap();
        let f = fs::File::options().write(true).open(&report).unwrap();
        f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(90))
            .unwrap();
        assert_eq!(owner_of(data, &report), None, "the user's own file now");
        assert!(remove(data, &holding(data, &[a])).unwrap().is_empty());
        assert!(report.exists());
    }
}
