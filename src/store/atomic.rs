//! Saving a file so that a crash, a full disk or a kill at any moment leaves either the
//! old file or the new one, whole: temp file in the same folder (mode 0600 from birth),
//! fsync, rename over the target, fsync of the folder.
//!
//! On Linux the new content is first written to an unnamed file (`O_TMPFILE`) that gets a
//! name only once it is complete and on disk, right before the rename: a `kill -9` while
//! writing then leaves nothing behind. Where the file system cannot do that, a named
//! temporary file is used, and leftovers of dead processes are removed at the next start.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Marker in the names of temporary files, so leftovers can be recognised.
pub const TEMP_MARKER: &str = ".tmp-";

/// Writes `bytes` to `path` atomically and durably. On error the old file is untouched
/// and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_stat(path, bytes).map(drop)
}

/// [`write_atomic`], returning the metadata of the file it wrote, taken from the open
/// file before it got its name: unlike a `stat` of the path afterwards, it cannot
/// describe a file another program put there in between.
pub fn write_atomic_stat(path: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    let dir = folder_of(path);
    // A writer killed in the instant between naming its new content and the rename
    // leaves its temporary file; the next write of the same file removes it. (In a
    // sessions folder, with thousands of files, the library scan does this instead.)
    if dir.file_name().is_none_or(|n| n != "sessions") {
        remove_leftovers_of(dir, path);
    }
    let tmp = temp_path(path);
    match write_unnamed(dir, &tmp, bytes) {
        Ok(meta) => {
            let result = fs::rename(&tmp, path).and_then(|()| sync_folder(dir));
            if result.is_err() {
                let _ = fs::remove_file(&tmp);
            }
            return result.map(|()| meta);
        }
        // The file system has no unnamed files: use a named temporary file below.
        Err(e) if no_unnamed_files(&e) => {}
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
    }
    let result = (|| {
        let meta = write_named_temp(&tmp, bytes)?;
        fs::rename(&tmp, path)?;
        sync_folder(dir)?;
        Ok(meta)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes the file at `path` and makes its absence durable (an fsync of its folder): a
/// power cut right after cannot bring it back. A file already gone is no error; returns
/// whether this call removed it.
pub fn remove_durably(path: &Path) -> io::Result<bool> {
    match fs::remove_file(path) {
        Ok(()) => sync_folder_of(path).map(|()| true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Makes the names in folder `dir` durable: what was created, renamed or removed in it
/// survives a power cut.
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// [`sync_folder`] of the folder `path` is named in.
pub fn sync_folder_of(path: &Path) -> io::Result<()> {
    sync_folder(folder_of(path))
}

/// The folder `path` is named in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `bytes` to a new temporary file `tmp` (mode 0600 from birth, never an existing
/// file) and makes it durable; returns its metadata.
fn write_named_temp(tmp: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    f.metadata()
}

/// New content for `target`, whole and on disk, that has no name yet: made by
/// [`prepare`], named by [`Prepared::commit`]. In between, the caller can note what it is
/// about to name (the manifest of exports does), so that no file ever has a name before
/// it is noted. Dropped without a commit, it leaves nothing behind.
#[derive(Debug)]
pub struct Prepared {
    target: PathBuf,
    dir: PathBuf,
    content: Content,
    meta: fs::Metadata,
}

#[derive(Debug)]
enum Content {
    /// An unnamed file (`O_TMPFILE`): gone with the process if never linked.
    Unnamed(File),
    /// A named temporary file, where the file system has no unnamed ones.
    Named(PathBuf),
    /// Given its name.
    Committed,
}

/// Writes `bytes` for `target` into a file without a name in `target`'s folder (a named
/// temporary file where the file system cannot do that), mode 0600, and makes it durable.
pub fn prepare(target: &Path, bytes: &[u8]) -> io::Result<Prepared> {
    use rustix::fs::{Mode, OFlags};
    let dir = folder_of(target).to_path_buf();
    remove_leftovers_of(&dir, target);
    let unnamed = rustix::fs::open(
        &dir,
        OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    );
    let (content, meta) = match unnamed {
        Ok(fd) => {
            let mut f = File::from(fd);
            f.write_all(bytes)?;
            f.sync_all()?;
            let meta = f.metadata()?;
            (Content::Unnamed(f), meta)
        }
        Err(e) if no_unnamed_files(&io::Error::from(e)) => {
            let tmp = temp_path(target);
            match write_named_temp(&tmp, bytes) {
                Ok(meta) => (Content::Named(tmp), meta),
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    return Err(e);
                }
            }
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Prepared {
        target: target.to_path_buf(),
        dir,
        content,
        meta,
    })
}

impl Prepared {
    /// The new file as it will be once named (size, mtime, inode: naming keeps them).
    pub fn metadata(&self) -> &fs::Metadata {
        &self.meta
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Gives the new content its name, replacing whatever had it, and makes the name
    /// durable. A target that does not exist yet is linked to directly: no temporary
    /// name ever exists then.
    pub fn commit(mut self) -> io::Result<()> {
        use rustix::fs::{AtFlags, CWD};
        use std::os::fd::AsRawFd;
        match std::mem::replace(&mut self.content, Content::Committed) {
            Content::Unnamed(f) => {
                let proc_path = format!("/proc/self/fd/{}", f.as_raw_fd());
                let direct = rustix::fs::linkat(
                    CWD,
                    proc_path.as_str(),
                    CWD,
                    &self.target,
                    AtFlags::SYMLINK_FOLLOW,
                );
                match direct {
                    Ok(()) => {}
                    Err(rustix::io::Errno::EXIST) => {
                        let tmp = temp_path(&self.target);
                        rustix::fs::linkat(
                            CWD,
                            proc_path.as_str(),
                            CWD,
                            &tmp,
                            AtFlags::SYMLINK_FOLLOW,
                        )?;
                        if let Err(e) = fs::rename(&tmp, &self.target) {
                            let _ = fs::remove_file(&tmp);
                            return Err(e);
                        }
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            Content::Named(tmp) => {
                if let Err(e) = fs::rename(&tmp, &self.target) {
                    let _ = fs::remove_file(&tmp);
                    return Err(e);
                }
            }
            Content::Committed => {}
        }
        sync_folder(&self.dir)
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        if let Content::Named(tmp) = &self.content {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Removes the temporary files that this machine's tafel left in `dir` (of any file):
/// those whose writer is gone, and those older than `min_age` by the file system's
/// clock. Returns how many were removed. A missing folder has none.
pub fn sweep_leftovers(dir: &Path, min_age: Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut now = None;
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temp_name(name) || !is_ours(name) {
            continue;
        }
        let fs_now = *now.get_or_insert_with(|| super::fs_time::now_in(dir).ok());
        if remove_if_stale(&e.path(), name, min_age, fs_now) {
            removed += 1;
        }
    }
    removed
}

/// Whether a temporary file's name says this machine wrote it.
fn is_ours(name: &str) -> bool {
    name.split(TEMP_MARKER)
        .nth(1)
        .and_then(|rest| rest.split('-').nth(1))
        .is_some_and(|host| host == host_tag())
}

/// Whether `e` says the file system has no unnamed files (`O_TMPFILE`).
pub(crate) fn no_unnamed_files(e: &io::Error) -> bool {
    use rustix::io::Errno;
    e.raw_os_error()
        .map(Errno::from_raw_os_error)
        .is_some_and(|n| {
            matches!(
                n,
                Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL | Errno::NOSYS
            )
        })
}

/// Writes `bytes` into an unnamed file in `dir`, makes it durable, and only then links it
/// in as `tmp`. Errors EOPNOTSUPP/EISDIR/EINVAL/ENOSYS mean unnamed files are unsupported.
fn write_unnamed(dir: &Path, tmp: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use std::os::fd::AsRawFd;
    let fd = rustix::fs::open(
        dir,
        OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    )?;
    let mut f = File::from(fd);
    f.write_all(bytes)?;
    f.sync_all()?;
    let meta = f.metadata()?;
    let proc_path = format!("/proc/self/fd/{}", f.as_raw_fd());
    rustix::fs::linkat(CWD, proc_path.as_str(), CWD, tmp, AtFlags::SYMLINK_FOLLOW)?;
    Ok(meta)
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".{name}{TEMP_MARKER}{}-{}-{}",
        std::process::id(),
        host_tag(),
        uuid::Uuid::new_v4().simple()
    ))
}

/// This machine in a temporary file's name: eight hex digits of its host name (FNV-1a),
/// so that a pid in the name is only ever looked up on the machine that wrote it.
fn host_tag() -> String {
    static TAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAG.get_or_init(|| {
        let host = super::lock::host_name().unwrap_or_default();
        let hash = host.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        format!("{hash:08x}")
    })
    .clone()
}

/// Removes the temporary files of `path` in `dir` whose writer is gone.
fn remove_leftovers_of(dir: &Path, path: &Path) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let prefix = format!(".{name}{TEMP_MARKER}");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if let Some(n) = e.file_name().to_str()
            && n.starts_with(&prefix)
            && writer_is_gone(n)
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// True for names made by [`write_atomic`] for its temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(TEMP_MARKER)
}

/// Removes one temporary file named `name` at `path` when it is a leftover of a save that
/// was killed half-way: its writer on this machine is gone, or it is at least `min_age`
/// old by the file system's clock (`fs_now`, see [`super::fs_time::now_in`]; `None` when
/// that could not be read, and then age alone removes nothing). Younger ones of a live
/// process, or of another laptop, may belong to a save in progress. Returns whether it
/// was removed. (Called for each temporary file a library scan comes across.)
pub fn remove_if_stale(
    path: &Path,
    name: &str,
    min_age: Duration,
    fs_now: Option<SystemTime>,
) -> bool {
    if !is_temp_name(name) {
        return false;
    }
    let old_enough = fs_now.is_some_and(|now| {
        fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| super::fs_time::age(t, now) >= min_age)
    });
    (old_enough || writer_is_gone(name)) && fs::remove_file(path).is_ok()
}

/// A temporary file's name holds the pid of the process that wrote it and a tag of its
/// machine: when it was written here and that process no longer exists, the file is a
/// leftover of a crash. A pid of another machine (a synced folder) says nothing here.
fn writer_is_gone(name: &str) -> bool {
    let Some(rest) = name.split(TEMP_MARKER).nth(1) else {
        return false;
    };
    let mut parts = rest.split('-');
    let (Some(pid), Some(host)) = (
        parts.next().and_then(|p| p.parse::<u32>().ok()),
        parts.next(),
    ) else {
        return false;
    };
    host == host_tag() && pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_whole_file_with_private_mode_and_no_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        write_atomic(&p, b"old").unwrap();
        write_atomic(&p, b"new content").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new content");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s.json")]);
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        write_atomic(&p, b"old").unwrap();
        // Renaming a file over a non-empty directory fails: simulate a failing save.
        let target = dir.path().join("d");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("x"), b"").unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(fs::read(&p).unwrap(), b"old");
        let temps = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| is_temp_name(&e.as_ref().unwrap().file_name().to_string_lossy()))
            .count();
        assert_eq!(temps, 0);
    }

    /// Every stale temporary file of `dir`, removed (what a scan does file by file).
    fn remove_stale_temps(dir: &Path, min_age: Duration) -> usize {
        let Ok(entries) = fs::read_dir(dir) else {
            return 0;
        };
        let now = super::super::fs_time::now_in(dir).ok();
        entries
            .flatten()
            .filter(|entry| {
                entry
                    .file_name()
                    .to_str()
                    .is_some_and(|name| remove_if_stale(&entry.path(), name, min_age, now))
            })
            .count()
    }

    /// A temporary file's name as this machine's process `pid` writes it.
    pub(crate) fn temp_name_of(file: &str, pid: u32) -> String {
        format!(".{file}{TEMP_MARKER}{pid}-{}-1", host_tag())
    }

    /// pid 4194304 is above Linux's pid_max: certainly not running.
    pub(crate) const DEAD_PID: u32 = 4_194_304;

    #[test]
    fn leftovers_of_dead_processes_go_at_once() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(temp_name_of("a.json", DEAD_PID)), b"x").unwrap();
        let mine = temp_name_of("b.json", std::process::id());
        fs::write(dir.path().join(&mine), b"x").unwrap();
        // A dead pid of another machine: its writer may be alive there (a synced folder).
        let elsewhere = format!(".c.json{TEMP_MARKER}{DEAD_PID}-0badcafe-1");
        fs::write(dir.path().join(&elsewhere), b"x").unwrap();
        assert_eq!(remove_stale_temps(dir.path(), Duration::from_secs(3600)), 1);
        assert!(
            dir.path().join(&mine).exists(),
            "a save in progress in a live process is left alone"
        );
        assert!(
            dir.path().join(&elsewhere).exists(),
            "another machine's pid is not looked up here"
        );
    }

    #[test]
    fn the_next_write_of_a_file_removes_what_a_killed_writer_left_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.html");
        let dead = dir.path().join(temp_name_of("r.html", DEAD_PID));
        let other = dir.path().join(temp_name_of("s.html", DEAD_PID));
        fs::write(&dead, b"half").unwrap();
        fs::write(&other, b"half").unwrap();
        write_atomic(&p, b"whole").unwrap();
        assert!(!dead.exists(), "the leftover of this file is gone");
        assert!(
            other.exists(),
            "another file's is left to its own next write"
        );
    }

    #[test]
    fn removes_only_old_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        // pid 1 is alive: only age can make its file a leftover.
        let young = dir.path().join(temp_name_of("a.json", 1));
        fs::write(&young, b"x").unwrap();
        fs::write(dir.path().join("a.json"), b"x").unwrap();
        assert_eq!(remove_stale_temps(dir.path(), Duration::from_secs(3600)), 0);
        // Two hours old by the file system's clock, whatever this process's clock says.
        let now = super::super::fs_time::now_in(dir.path()).unwrap();
        let f = fs::File::options().write(true).open(&young).unwrap();
        f.set_modified(now - Duration::from_secs(7200)).unwrap();
        assert_eq!(remove_stale_temps(dir.path(), Duration::from_secs(3600)), 1);
        assert!(dir.path().join("a.json").exists());
    }
}
