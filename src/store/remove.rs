//! Removing sessions: to the trash (Ctrl+D in the library), for good (`tafel delete`),
//! and what has passed its retention date (`tafel purge --expired`).
//!
//! Every removal acts on the file that was listed, never on another file that holds the
//! same session id: a backup or a sync tool's conflicted copy under another name is a
//! file of its own (see [`super::Summary::is_copy`]). Each file is removed under its own
//! lock, so a session open in a running tafel is never removed behind its back.
//!
//! A delete for good finishes what it started, whatever stops it: before anything is
//! removed, a note of what goes (session ids and files, no content) is written to
//! `<data-dir>/.deleting/` (a *tombstone*); then the session files go, then the reports
//! made of them (see [`super::exports`]) and what a killed export left of them, and last
//! the tombstone. Killed or cut off half-way, the next `tafel delete`, `tafel purge` or
//! start of tafel finds the tombstone and finishes the job, and `tafel list` says one
//! is there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use uuid::Uuid;

use serde::{Deserialize, Serialize};

use super::lock::{self, Holder, LockError, LockOutcome, SessionLock};
use super::{Entry, Library, ResolveError, atomic, exports, index, paths};

/// The folder of tombstones: deletes for good that have started.
const TOMBSTONES: &str = ".deleting";

/// A delete for good that has started: which sessions go, and exactly which files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Tombstone {
    v: u32,
    /// The sessions whose reports go too, once no file of them is left.
    sessions: Vec<Uuid>,
    /// The session files to remove.
    files: Vec<PathBuf>,
}

/// What a delete for good did.
#[derive(Debug, Default)]
pub struct Deleted {
    /// Session files removed.
    pub files: Vec<PathBuf>,
    /// Session files that could not be removed, and why (open in another tafel, say).
    pub refused: Vec<(PathBuf, RemoveError)>,
    /// Reports removed with their sessions.
    pub reports: Vec<PathBuf>,
    /// Why the reports could not (all) be removed, if so.
    pub reports_failed: Option<io::Error>,
    /// Deletes that an earlier run started and this one finished.
    pub finished_earlier: usize,
}

impl Deleted {
    fn add(&mut self, other: Deleted) {
        self.files.extend(other.files);
        self.refused.extend(other.refused);
        self.reports.extend(other.reports);
        self.reports_failed = self.reports_failed.take().or(other.reports_failed);
        self.finished_earlier += other.finished_earlier;
    }
}

/// A session file found in the library or in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub id: Uuid,
    pub case_code: String,
    pub wave: u32,
    pub retention_until: Option<NaiveDate>,
    /// In `trash/` rather than `sessions/`.
    pub in_trash: bool,
    /// Named otherwise than `<id>.json`: a copy (see [`super::Summary::is_copy`]).
    pub copy: bool,
}

/// Why a file could not be removed (or moved to the trash).
#[derive(Debug)]
pub enum RemoveError {
    /// Another running tafel has it open.
    Busy(Option<Holder>),
    Lock(LockError),
    Io(io::Error),
}

impl RemoveError {
    /// The reason in the user's language (the system's own words in brackets).
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        let t = lang.texts();
        match self {
            RemoveError::Busy(who) => (t.remove_busy)(&lock::describe(who.as_ref(), lang)),
            RemoveError::Lock(e) => e.explain(lang),
            RemoveError::Io(e) => format!("{} [{e}]", t.remove_io),
        }
    }
}

impl From<io::Error> for RemoveError {
    fn from(e: io::Error) -> Self {
        RemoveError::Io(e)
    }
}

impl From<super::paths::DirError> for RemoveError {
    fn from(e: super::paths::DirError) -> Self {
        RemoveError::Io(e.into())
    }
}

impl From<LockError> for RemoveError {
    fn from(e: LockError) -> Self {
        RemoveError::Lock(e)
    }
}

impl Library {
    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// Moves the session file `path` to `<data-dir>/trash/` (mode 0700), where `tafel
    /// delete` or `tafel purge` removes it for good. Refused while another copy of tafel
    /// has that file open. A file of the same name already in the trash is kept: the new
    /// one gets a numbered name.
    pub fn move_to_trash(&self, path: &Path) -> Result<PathBuf, RemoveError> {
        let lock = match SessionLock::for_file(path)? {
            LockOutcome::Acquired(l) => l,
            LockOutcome::HeldElsewhere(who) => return Err(RemoveError::Busy(who)),
        };
        let trash = self.trash_dir();
        paths::ensure_private_dir(&trash, true)?;
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        let mut target = trash.join(name);
        let stem = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut n = 2;
        while fs::symlink_metadata(&target).is_ok() {
            target = trash.join(format!("{stem} ({n}).json"));
            n += 1;
        }
        fs::rename(path, &target)?;
        let _ = atomic::sync_folder_of(path);
        let _ = atomic::sync_folder(&trash);
        self.forget_in_index(path);
        lock.remove_file();
        // A plain file in an encrypted library (an older tafel's, a sync conflict's copy)
        // is encrypted on its way into the trash, as `tafel encrypt` would.
        if let Ok(Some(to)) = super::vault::sealing_of(&self.root)
            && !super::vault::file_is_sealed(&target)
            && let Ok((_, plain)) = super::read_raw(&target)
        {
            let sealed = super::vault::seal(&plain, &to).map_err(io::Error::from)?;
            super::atomic::write_atomic(&target, &sealed)?;
        }
        Ok(target)
    }

    /// Removes the session file `path` for good, with its lock file. Refused while
    /// another copy of tafel has it open. `Ok(false)` when it was already gone.
    pub fn delete_file(&self, path: &Path) -> Result<bool, RemoveError> {
        let lock = match SessionLock::for_file(path)? {
            LockOutcome::Acquired(l) => l,
            LockOutcome::HeldElsewhere(who) => return Err(RemoveError::Busy(who)),
        };
        let removed = match fs::remove_file(path) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(e.into()),
        };
        lock.remove_file();
        // The session is gone; an index that cannot be rewritten now is at the next scan
        // (a line whose file is gone is dropped then).
        self.forget_in_index(path);
        let _ = atomic::sync_folder_of(path);
        Ok(removed)
    }

    fn forget_in_index(&self, path: &Path) {
        if path.parent() == Some(self.sessions_dir().as_path())
            && let Some(name) = path.file_name().and_then(|n| n.to_str())
        {
            let _ = index::forget(&self.sessions_dir(), name);
        }
    }

    /// Removes `files` for good, with the reports of every session of which no file is
    /// left afterwards (unchanged, non-anonymous ones; see [`exports::remove`]). Starts
    /// by writing a tombstone, so that a run stopped half-way is finished by the next
    /// (see the module's notes); a delete an earlier run left unfinished is finished
    /// first. Fails only when the tombstone cannot be written: then nothing is removed.
    pub fn delete_for_good(&self, files: &[Found]) -> io::Result<Deleted> {
        let mut done = self.finish_deletes();
        let mut sessions: Vec<Uuid> = files.iter().map(|f| f.id).collect();
        sessions.sort();
        sessions.dedup();
        let stone = Tombstone {
            v: 1,
            sessions,
            files: files.iter().map(|f| f.path.clone()).collect(),
        };
        let at = self.write_tombstone(&stone)?;
        done.add(self.carry_out(&at, &stone));
        Ok(done)
    }

    /// How many deletes for good were started and not finished (a kill, a power cut).
    pub fn unfinished_deletes(&self) -> usize {
        self.tombstones().len()
    }

    /// Finishes every delete for good that an earlier run started and did not finish.
    pub fn finish_deletes(&self) -> Deleted {
        let mut done = Deleted::default();
        for (at, stone) in self.tombstones() {
            done.add(self.carry_out(&at, &stone));
            done.finished_earlier += 1;
        }
        done
    }

    /// The tombstones in the library, each with its path. One that cannot be read (torn
    /// by a power cut before it was whole, which `write_atomic` prevents, or written by a
    /// newer tafel) is left alone.
    fn tombstones(&self) -> Vec<(PathBuf, Tombstone)> {
        let dir = self.root.join(TOMBSTONES);
        let Ok(entries) = fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, Tombstone)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| !atomic::is_temp_name(n))
            })
            .filter_map(|p| {
                let (_, bytes) = super::read_file(&p).ok()?;
                let stone = serde_json::from_slice::<Tombstone>(&bytes).ok()?;
                (stone.v == 1).then_some((p, stone))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    }

    /// Writes `stone` durably (encrypted in an encrypted library: it names files) and
    /// returns where.
    fn write_tombstone(&self, stone: &Tombstone) -> io::Result<PathBuf> {
        let dir = self.root.join(TOMBSTONES);
        paths::ensure_private_dir(&dir, true)?;
        let at = dir.join(format!("{}.json", Uuid::new_v4()));
        let bytes = serde_json::to_vec(stone).map_err(io::Error::other)?;
        let bytes = super::vault::seal_in(&self.root, bytes)?;
        atomic::write_atomic(&at, &bytes)?;
        Ok(at)
    }

    /// Removes what `stone` (at `at`) lists, then the reports of its sessions that have no
    /// file left, then the tombstone itself.
    fn carry_out(&self, at: &Path, stone: &Tombstone) -> Deleted {
        let mut done = Deleted::default();
        for f in &stone.files {
            match self.delete_file(f) {
                Ok(true) => done.files.push(f.clone()),
                Ok(false) => {}
                Err(e) => done.refused.push((f.clone(), e)),
            }
        }
        // The portfolio's cache holds case codes and figures: rebuilt without them.
        let _ = super::figures::forget(&self.sessions_dir());
        let still: std::collections::HashSet<Uuid> = self
            .all_files()
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.id)
            .collect();
        let gone: Vec<Uuid> = stone
            .sessions
            .iter()
            .copied()
            .filter(|id| !still.contains(id))
            .collect();
        if !gone.is_empty() {
            let reports = exports::holding(&self.root, &gone);
            match exports::remove(&self.root, &reports) {
                Ok(removed) => done.reports = removed,
                Err(e) => done.reports_failed = Some(e),
            }
        }
        self.sweep_leftovers();
        // Finished, refusals included (they were said): the tombstone goes.
        if done.reports_failed.is_none() {
            let _ = atomic::remove_durably(at);
        }
        done
    }

    /// Removes what killed writes of this machine's tafel left in the library's own
    /// folders (see [`atomic::sweep_leftovers`]): temporary files whose writer is gone, or
    /// older than a minute.
    pub fn sweep_leftovers(&self) {
        let min_age = std::time::Duration::from_secs(60);
        let exports = exports::exports_dir(&self.root);
        let mut dirs = vec![
            self.root.clone(),
            self.trash_dir(),
            self.root.join(TOMBSTONES),
            exports.clone(),
        ];
        if let Ok(entries) = fs::read_dir(&exports) {
            dirs.extend(
                entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                    .map(|e| e.path()),
            );
        }
        for d in dirs {
            atomic::sweep_leftovers(&d, min_age);
        }
    }

    /// Every readable session file in the library and in the trash, copies included.
    /// Unreadable files are left out: what they hold cannot be known.
    pub fn all_files(&self) -> io::Result<Vec<Found>> {
        let mut found: Vec<Found> = self
            .scan()?
            .into_iter()
            .filter_map(|e| match e {
                Entry::Session(s) => Some(Found {
                    copy: s.is_copy(),
                    path: s.path,
                    id: s.id,
                    case_code: s.case_code,
                    wave: s.wave,
                    retention_until: s.retention_until,
                    in_trash: false,
                }),
                Entry::Unreadable { .. } => None,
            })
            .collect();
        if let Some(trash) = paths::existing_private_dir(&self.trash_dir())? {
            for e in fs::read_dir(&trash)?.flatten() {
                let path = e.path();
                let Some(name) = e.file_name().to_str().map(str::to_string) else {
                    continue;
                };
                if !name.ends_with(".json") || atomic::is_temp_name(&name) {
                    continue;
                }
                if let Ok(l) = super::load(&path) {
                    let s = &l.session;
                    found.push(Found {
                        copy: super::is_copy_name(&path, s.id),
                        id: s.id,
                        case_code: s.preparation.case_code.clone(),
                        wave: s.preparation.wave,
                        retention_until: s.retention_until,
                        in_trash: true,
                        path,
                    });
                }
            }
        }
        found.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(found)
    }

    /// The files `tafel delete` removes for `given`: a path means exactly that file; an
    /// id (or a unique prefix of one) means every file that holds that session, in the
    /// library and in the trash, copies under other names included.
    pub fn files_of(&self, given: &str) -> Result<Vec<Found>, ResolveError> {
        let as_path = Path::new(given);
        if (given.contains('/') || given.ends_with(".json")) && as_path.exists() {
            let l = super::load(as_path).map_err(|e| ResolveError::Io {
                path: as_path.to_path_buf(),
                source: io::Error::other(e.reason()),
            })?;
            let s = &l.session;
            return Ok(vec![Found {
                copy: super::is_copy_name(as_path, s.id),
                id: s.id,
                case_code: s.preparation.case_code.clone(),
                wave: s.preparation.wave,
                retention_until: s.retention_until,
                in_trash: as_path.parent() == Some(self.trash_dir().as_path()),
                path: as_path.to_path_buf(),
            }]);
        }
        let wanted = given.trim().to_ascii_lowercase();
        let all = self.all_files().map_err(|source| ResolveError::Io {
            path: self.sessions_dir(),
            source,
        })?;
        let mut ids: Vec<Uuid> = all
            .iter()
            .map(|f| f.id)
            .filter(|id| !wanted.is_empty() && id.to_string().starts_with(&wanted))
            .collect();
        ids.sort();
        ids.dedup();
        match ids.as_slice() {
            [] => Err(ResolveError::NotFound(given.to_string())),
            [one] => Ok(all.into_iter().filter(|f| f.id == *one).collect()),
            many => Err(ResolveError::Ambiguous {
                given: given.to_string(),
                count: many.len(),
                examples: many
                    .iter()
                    .take(3)
                    .map(Uuid::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// The session files (in the library or the trash, copies included) whose own
    /// retention date lies before `today`. Each is judged by the date in that file.
    pub fn expired(&self, today: NaiveDate) -> io::Result<Vec<Found>> {
        Ok(self
            .all_files()?
            .into_iter()
            .filter(|f| f.retention_until.is_some_and(|until| until < today))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LifeDomain, PriceList, Session};

    fn library_with_report() -> (tempfile::TempDir, Library, Session, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("data")).unwrap();
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        );
        s.preparation.case_code = "GR-01".into();
        lib.save(&s).unwrap();
        let report = exports::exports_dir(lib.root()).join("GR-01.html");
        exports::write(
            lib.root(),
            &[(report.clone(), b"GR-01 report".to_vec())],
            None,
            &[s.id],
            false,
        )
        .unwrap();
        (dir, lib, s, report)
    }

    /// Issue 26.3: killed after the session file went but before its report did, a
    /// delete could not be run again ("no session found") and the report stayed for good.
    #[test]
    fn a_delete_stopped_after_the_session_went_is_finished_by_the_next_run() {
        let (_d, lib, s, report) = library_with_report();
        let path = lib.path_for(s.id);
        // What a kill leaves: the tombstone written, the session file gone, the report
        // not yet.
        let stone = Tombstone {
            v: 1,
            sessions: vec![s.id],
            files: vec![path.clone()],
        };
        lib.write_tombstone(&stone).unwrap();
        fs::remove_file(&path).unwrap();
        assert!(report.exists());
        assert_eq!(lib.unfinished_deletes(), 1, "list names it");
        assert!(lib.files_of(&s.id.to_string()).is_err(), "no session left");

        let done = lib.finish_deletes();
        assert_eq!(done.finished_earlier, 1);
        assert_eq!(done.reports, vec![report.clone()]);
        assert!(!report.exists());
        assert_eq!(lib.unfinished_deletes(), 0, "the tombstone goes last");
    }

    #[test]
    fn a_delete_for_good_takes_the_reports_and_leaves_no_tombstone_or_lock() {
        let (_d, lib, s, report) = library_with_report();
        let files = lib.files_of(&s.id.to_string()).unwrap();
        let done = lib.delete_for_good(&files).unwrap();
        assert_eq!(done.files.len(), 1);
        assert_eq!(done.reports, vec![report.clone()]);
        assert!(!report.exists());
        assert_eq!(lib.unfinished_deletes(), 0);
        let left: Vec<_> = fs::read_dir(lib.root().join(TOMBSTONES))
            .map(|r| r.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        assert!(left.is_empty(), "{left:?}");
        assert!(!lib.sessions_dir().join(format!("{}.lock", s.id)).exists());
    }
}
