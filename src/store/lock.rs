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

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// A held lock; released (and its file emptied) on drop.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
    /// What the lock file said when we took it: the holder that crashed, if any.
    pub stale_holder: Option<String>,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockOutcome {
    Acquired(SessionLock),
    /// Another running copy has it; the text says which (process, since when).
    HeldElsewhere(String),
}

/// The lock file of a session file: the same name with `.lock` for `.json`, in the same
/// folder.
pub fn lock_path_of(session_file: &Path) -> PathBuf {
    session_file.with_extension("lock")
}

impl SessionLock {
    /// Takes the lock of the session file `session_file` (see [`lock_path_of`]).
    pub fn for_file(session_file: &Path) -> io::Result<LockOutcome> {
        SessionLock::acquire(&lock_path_of(session_file))
    }

    pub fn acquire(path: &Path) -> io::Result<LockOutcome> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(path)
            .map_err(|e| {
                if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                    io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "{} is a symbolic link; tafel does not follow it",
                            path.display()
                        ),
                    )
                } else {
                    e
                }
            })?;
        let mut previous = String::new();
        // Reading may fail on odd content; the holder text is informational only.
        let _ = file.read_to_string(&mut previous);
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let who = previous.trim();
                return Ok(LockOutcome::HeldElsewhere(if who.is_empty() {
                    "another copy of tafel".to_string()
                } else {
                    who.to_string()
                }));
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        let holder = format!(
            "process {} since {}",
            std::process::id(),
            chrono::Local::now().format("%Y-%m-%d %H:%M")
        );
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(holder.as_bytes())?;
        file.sync_all()?;
        let stale = previous.trim();
        Ok(LockOutcome::Acquired(SessionLock {
            file,
            path: path.to_path_buf(),
            stale_holder: (!stale.is_empty()).then(|| stale.to_string()),
        }))
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

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Emptied = closed cleanly. The file itself stays: deleting it would let a copy
        // that opened the old file lock a different inode than the next copy.
        let _ = self.file.set_len(0);
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
                assert!(who.contains(&std::process::id().to_string()));
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
        assert!(err.to_string().contains("symbolic link"), "{err}");
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
            l.stale_holder.as_deref(),
            Some("process 99999 since 2026-01-01 10:00")
        );
    }
}
