//! One editor per session: an advisory lock (`flock`) on a separate `<id>.lock` file.
//! A lock held on the session file itself would be lost at the first save, because a
//! save renames a new file over it.
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

impl SessionLock {
    pub fn acquire(path: &Path) -> io::Result<LockOutcome> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)?;
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
