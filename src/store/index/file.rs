//! The index file, `sessions/.index.jsonl`: one line per saved session (its file name,
//! stamp and summary), appended on every save and rewritten whole by a scan; the lock that
//! orders rewrites and appends between copies of tafel.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::SCHEMA_VERSION;
use crate::store::{MAX_FILE_BYTES, Summary, atomic};

/// The index file's name inside the sessions folder.
pub const INDEX_NAME: &str = ".index.jsonl";

/// The lock file that orders rewrites and appends of the index.
pub const INDEX_LOCK_NAME: &str = ".index.lock";

/// How long a rewrite waits for the index lock before it gives up (the index is a cache:
/// a rewrite left out costs a slower next start at most).
pub(super) const REWRITE_WAIT: Duration = Duration::from_secs(2);

/// Takes the index lock of `sessions_dir`: exclusive (for a rewrite) or shared (for an
/// append), trying until `wait` has passed. `None` when it could not be had.
pub(super) fn index_lock(sessions_dir: &Path, exclusive: bool, wait: Duration) -> Option<fs::File> {
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc_o_nofollow())
        .open(sessions_dir.join(INDEX_LOCK_NAME))
        .ok()?;
    let start = Instant::now();
    loop {
        let got = if exclusive {
            f.try_lock()
        } else {
            f.try_lock_shared()
        };
        match got {
            Ok(()) => return Some(f),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return None,
        }
    }
}
/// Version of the line format; lines of another version are ignored.
/// 2: a summary says whether its wave ended the series.
pub(super) const LINE_VERSION: u32 = 2;

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub mtime_ns: i64,
    pub ino: u64,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            mtime_ns: meta
                .mtime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.mtime_nsec()),
            ino: meta.ino(),
        }
    }

    /// The stamp of the file `name` in the open folder `dir`, without following a
    /// symlink; `None` for anything but a regular file, or when it cannot be looked at.
    /// (A stat relative to an open folder walks no path: a third cheaper than by path.)
    pub fn at(dir: std::os::fd::BorrowedFd, name: &str) -> Option<Stamp> {
        use rustix::fs::{AtFlags, FileType};
        let st = rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
        (FileType::from_raw_mode(st.st_mode) == FileType::RegularFile).then(|| Stamp {
            len: u64::try_from(st.st_size).unwrap_or(0),
            mtime_ns: st
                .st_mtime
                .saturating_mul(1_000_000_000)
                .saturating_add(i64::try_from(st.st_mtime_nsec).unwrap_or(0)),
            ino: st.st_ino,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Line {
    v: u32,
    /// The session format the summary was read with: lines of another tafel are not used.
    #[serde(default)]
    schema_version: u32,
    file: String,
    stamp: Stamp,
    /// Whether the whole file has been read and found a valid session, not only its head.
    #[serde(default)]
    verified: bool,
    /// Boxed: the list keeps this very allocation (ten thousand of them, so it counts).
    summary: Box<Summary>,
}

pub fn index_path(sessions_dir: &Path) -> PathBuf {
    sessions_dir.join(INDEX_NAME)
}

/// The index as read: per file name its stamp, whether it was read whole, and its summary.
pub(super) type Known = HashMap<String, (Stamp, bool, Box<Summary>)>;

/// Reads the index, line by line (a large library's index is megabytes; it is never held
/// whole): the newest line per file name, and how many lines there were. A missing, odd
/// or unreadable index is empty; a torn or foreign line is skipped.
pub(super) fn read_index(path: &Path) -> (Known, usize) {
    use std::io::BufRead;
    let mut map = HashMap::new();
    let mut lines = 0;
    let file = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() <= MAX_FILE_BYTES => fs::File::open(path),
        _ => return (map, 0),
    };
    let Ok(file) = file else { return (map, 0) };
    // An encrypted library's index is decrypted as it is read, never held whole.
    let Ok(mut reader) = crate::store::vault::plain_reader(file) else {
        return (map, 0);
    };
    let mut raw = Vec::with_capacity(1024);
    loop {
        raw.clear();
        match reader.read_until(b'\n', &mut raw) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        lines += 1;
        if let Ok(line) = serde_json::from_slice::<Line>(&raw)
            && line.v == LINE_VERSION
            && line.schema_version == SCHEMA_VERSION
        {
            map.insert(line.file, (line.stamp, line.verified, line.summary));
        }
    }
    (map, lines)
}

pub(super) fn line_bytes(
    file: &str,
    stamp: Stamp,
    verified: bool,
    summary: &Summary,
) -> Option<Vec<u8>> {
    #[derive(Serialize)]
    struct LineRef<'a> {
        v: u32,
        schema_version: u32,
        file: &'a str,
        stamp: Stamp,
        verified: bool,
        summary: &'a Summary,
    }
    let mut bytes = serde_json::to_vec(&LineRef {
        v: LINE_VERSION,
        schema_version: SCHEMA_VERSION,
        file,
        stamp,
        verified,
        summary,
    })
    .ok()?;
    bytes.push(b'\n');
    Some(bytes)
}

/// After a save: appends the session's line to the index of the folder it was saved in,
/// when that folder is a library's `sessions` folder. `written` is the metadata of the
/// file as written (not a later `stat` of the path, which could be another program's
/// file by then). Failures are ignored: the next scan simply reads the file.
pub fn note_saved(path: &Path, written: &fs::Metadata, summary: &Summary) {
    let Some(dir) = path.parent() else { return };
    if dir.file_name().is_none_or(|n| n != "sessions") {
        return;
    }
    let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    // Written from a valid session just now: verified.
    let Some(bytes) = line_bytes(file, Stamp::of(written), true, summary) else {
        return;
    };
    // Never waits: while a rewrite is busy the line is left out (the file is read again).
    let Some(_lock) = index_lock(dir, false, Duration::ZERO) else {
        return;
    };
    if let Ok(mut f) = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc_o_nofollow())
        .open(index_path(dir))
    {
        // One write call: appends of whole lines do not interleave.
        let _ = f.write_all(&bytes);
    }
}

/// Removes every line about `file` from the index of `sessions_dir` (after a delete: the
/// index must not keep a deleted session's case code). Lines that cannot be read go too.
pub fn forget(sessions_dir: &Path, file: &str) -> io::Result<()> {
    rewrite_lines_of(sessions_dir, file, false)
}

/// Keeps only the newest line about `file` in the index of `sessions_dir`. Every autosave
/// appends a line, so a case code typed wrong and corrected (a real name, say) would
/// otherwise stay in the index until the next library scan compacts it; this is done
/// when a session is closed by quitting.
pub fn compact(sessions_dir: &Path, file: &str) -> io::Result<()> {
    rewrite_lines_of(sessions_dir, file, true)
}

pub(super) fn rewrite_lines_of(
    sessions_dir: &Path,
    file: &str,
    keep_newest: bool,
) -> io::Result<()> {
    use std::io::BufRead;
    /// Only the file name of a line is needed here.
    #[derive(Deserialize)]
    struct FileOnly {
        file: String,
    }
    let path = index_path(sessions_dir);
    let Some(_lock) = index_lock(sessions_dir, true, REWRITE_WAIT) else {
        return Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            "the library index is being rewritten by another copy of tafel",
        ));
    };
    let Ok(f) = fs::File::open(&path) else {
        return Ok(());
    };
    let mut kept = Vec::new();
    let mut newest: Option<Vec<u8>> = None;
    let mut superseded = 0;
    let reader = crate::store::vault::plain_reader(f)?;
    for line in reader.split(b'\n') {
        let line = line?;
        match serde_json::from_slice::<FileOnly>(&line) {
            // Lines of files that are gone are dropped too (a deleted session's case code).
            Ok(l) if l.file != file && sessions_dir.join(&l.file).exists() => {
                kept.extend_from_slice(&line);
                kept.push(b'\n');
            }
            Ok(l) if l.file == file => {
                superseded += usize::from(newest.replace(line).is_some());
            }
            _ => superseded += 1,
        }
    }
    if keep_newest {
        if superseded == 0 {
            return Ok(()); // nothing to drop: leave the file alone
        }
        if let Some(line) = newest {
            kept.extend_from_slice(&line);
            kept.push(b'\n');
        }
    }
    atomic::write_atomic(&path, &crate::store::vault::seal_at(&path, kept)?)
}

/// `O_NOFOLLOW`: never append through a symlink someone put in the folder.
pub(super) fn libc_o_nofollow() -> i32 {
    rustix::fs::OFlags::NOFOLLOW.bits() as i32
}

/// A session found by a scan, as it will go into the rewritten index.
pub(super) struct Record {
    pub(super) path: PathBuf,
    pub(super) stamp: Stamp,
    pub(super) verified: bool,
    /// Kept only when the index will be rewritten (boxed: most records have none, and
    /// ten thousand inline summaries cost megabytes).
    pub(super) summary: Option<Box<Summary>>,
    pub(super) broken: bool,
}

/// Writes the index from the records (atomically). Returns whether it was written.
pub(super) fn write_index(index_file: &Path, records: &[Record]) -> bool {
    let Some(_lock) = index_file
        .parent()
        .and_then(|dir| index_lock(dir, true, REWRITE_WAIT))
    else {
        return false;
    };
    let mut bytes = Vec::with_capacity(records.len() * 500);
    for r in records {
        // A file deleted or changed meanwhile (by this or another tafel) gets no line.
        let still = fs::symlink_metadata(&r.path).is_ok_and(|m| Stamp::of(&m) == r.stamp);
        let file = r.path.file_name().and_then(|n| n.to_str());
        if r.broken || !still {
            continue;
        }
        if let (Some(file), Some(summary)) = (file, &r.summary)
            && let Some(line) = line_bytes(file, r.stamp, r.verified, summary)
        {
            bytes.extend_from_slice(&line);
        }
    }
    crate::store::vault::seal_at(index_file, bytes)
        .is_ok_and(|bytes| atomic::write_atomic(index_file, &bytes).is_ok())
}
