//! How old a file is, by the file system's own clock.
//!
//! A file's mtime is set by whoever keeps the folder: this machine's kernel, a file
//! server, or a sync service that copies another laptop's times. Comparing it with this
//! process's clock goes wrong whenever the two disagree (a laptop whose clock is off, a
//! test run under `faketime`). So tafel compares it with the mtime of a file it has just
//! made in the same folder: both times then come from the same keeper.

use std::fs::{self, File};
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Now, as the file system that holds `dir` tells the time: the mtime of a file made
/// there this instant. Where it can, the file has no name (`O_TMPFILE`) and is gone when
/// closed; elsewhere a named file is made and removed at once.
pub fn now_in(dir: &Path) -> io::Result<SystemTime> {
    use rustix::fs::{Mode, OFlags};
    match rustix::fs::open(
        dir,
        OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    ) {
        Ok(fd) => return File::from(fd).metadata()?.modified(),
        Err(e) if super::atomic::no_unnamed_files(&io::Error::from(e)) => {}
        Err(e) => return Err(e.into()),
    }
    let probe = dir.join(format!(
        ".tafel-now{}{}-{}",
        super::atomic::TEMP_MARKER,
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let made = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|f| f.metadata()?.modified());
    let _ = fs::remove_file(&probe);
    made
}

/// How long ago `modified` was, seen from `now` (both by the same file system's clock);
/// zero for a time in the future.
pub fn age(modified: SystemTime, now: SystemTime) -> Duration {
    now.duration_since(modified).unwrap_or(Duration::ZERO)
}

/// The age of the file at `path` (not following a symbolic link), by the clock of the
/// file system it lies on.
pub fn age_of(path: &Path) -> io::Result<Duration> {
    let modified = fs::symlink_metadata(path)?.modified()?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(age(modified, now_in(dir)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_just_made_is_young_and_one_dated_back_is_as_old_as_its_date() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, b"x").unwrap();
        assert!(age_of(&p).unwrap() < Duration::from_secs(60));
        let f = File::options().write(true).open(&p).unwrap();
        let now = now_in(dir.path()).unwrap();
        f.set_modified(now - Duration::from_secs(7200)).unwrap();
        let a = age_of(&p).unwrap();
        assert!(
            a >= Duration::from_secs(7200) && a < Duration::from_secs(7260),
            "{a:?}"
        );
        // Nothing is left of the probe.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_time_in_the_future_is_no_age() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        assert_eq!(age(now + Duration::from_secs(5), now), Duration::ZERO);
        assert_eq!(
            age(now - Duration::from_secs(5), now),
            Duration::from_secs(5)
        );
    }
}
