//! The library index: what the library list shows of every session, kept in
//! `sessions/.index.jsonl` so that ten thousand sessions open without reading them all.
//!
//! The index is a cache and is never trusted over the files themselves:
//! - each line names a file with its size, modification time and inode; a line counts
//!   only while the file still has exactly those, otherwise the file is read again;
//! - every save appends one line (one `write` with `O_APPEND`, so two copies of tafel can
//!   append at once); a later line for the same file wins; a torn or unknown line is
//!   skipped;
//! - a scan that had to read files, or found dead lines, writes a compacted index
//!   atomically. Losing the index costs one slower start, nothing else;
//! - rewrites (a scan's, compacting on quit, forgetting a deleted session) hold an
//!   exclusive `flock` on `sessions/.index.lock` from reading to replacing, appends a
//!   shared one, so no append is lost in a rewrite and no rewrite brings back the lines
//!   another one just removed. Nobody waits long: an append skips when a rewrite is
//!   busy (the file is then simply read again), a rewrite waits at most two seconds.
//!
//! Files that are not indexed are first read *head-only*: the fields the list shows are
//! parsed, everything else (the price list copy, the texts) is skipped without building
//! it. Once the list is complete they are read whole in the background. A file that is
//! unreadable is never indexed: it is read again on every scan so its reason is always
//! current.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Entry, LoadError, MAX_FILE_BYTES, Summary, atomic};
use crate::model::SCHEMA_VERSION;

/// The index file's name inside the sessions folder.
pub const INDEX_NAME: &str = ".index.jsonl";

/// The lock file that orders rewrites and appends of the index.
pub const INDEX_LOCK_NAME: &str = ".index.lock";

/// How long a rewrite waits for the index lock before it gives up (the index is a cache:
/// a rewrite left out costs a slower next start at most).
const REWRITE_WAIT: Duration = Duration::from_secs(2);

/// Takes the index lock of `sessions_dir`: exclusive (for a rewrite) or shared (for an
/// append), trying until `wait` has passed. `None` when it could not be had.
fn index_lock(sessions_dir: &Path, exclusive: bool, wait: Duration) -> Option<fs::File> {
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
const LINE_VERSION: u32 = 1;
/// A temporary file this old is a leftover even if its writer's pid is in use again.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);
/// Sessions handed to the caller at a time while a scan reads files.
const BATCH: usize = 256;

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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
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

/// What a scan hands over as it goes.
#[derive(Debug)]
pub enum ScanEvent {
    /// Entries found (first those the index knew, then those read).
    Batch(Vec<Entry>),
    /// Every file is listed: the list is complete (files are still being checked whole).
    Listed,
    /// A file listed from its head turned out broken when read whole: replace the entry
    /// with the same path.
    Replace(Entry),
    /// Progress of reading whole the files listed from their head (every
    /// [`CHECK_EVERY`] files); nothing to show, but the answer says whether to go on.
    Checked { done: usize, of: usize },
}

/// How many files are read whole between two [`ScanEvent::Checked`].
pub const CHECK_EVERY: usize = 64;

/// How a scan went: the figures the benchmark prints.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Sessions taken from the index.
    pub from_index: usize,
    /// Files read because the index did not know them (or knew an older version).
    pub read: usize,
    /// Files that could not be read as sessions.
    pub unreadable: usize,
    /// Files read whole in the background because only their head had been read.
    pub verified: usize,
    /// Of those, files that turned out broken (then listed as unreadable).
    pub found_broken: usize,
    /// Whether a compacted index was written.
    pub index_written: bool,
}

pub fn index_path(sessions_dir: &Path) -> PathBuf {
    sessions_dir.join(INDEX_NAME)
}

/// The index as read: per file name its stamp, whether it was read whole, and its summary.
type Known = HashMap<String, (Stamp, bool, Box<Summary>)>;

/// Reads the index, line by line (a large library's index is megabytes; it is never held
/// whole): the newest line per file name, and how many lines there were. A missing, odd
/// or unreadable index is empty; a torn or foreign line is skipped.
fn read_index(path: &Path) -> (Known, usize) {
    use std::io::BufRead;
    let mut map = HashMap::new();
    let mut lines = 0;
    let file = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() <= MAX_FILE_BYTES => fs::File::open(path),
        _ => return (map, 0),
    };
    let Ok(file) = file else { return (map, 0) };
    let mut reader = io::BufReader::with_capacity(64 * 1024, file);
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

fn line_bytes(file: &str, stamp: Stamp, verified: bool, summary: &Summary) -> Option<Vec<u8>> {
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

fn rewrite_lines_of(sessions_dir: &Path, file: &str, keep_newest: bool) -> io::Result<()> {
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
    for line in io::BufReader::new(f).split(b'\n') {
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
    atomic::write_atomic(&path, &kept)
}

/// `O_NOFOLLOW`: never append through a symlink someone put in the folder.
fn libc_o_nofollow() -> i32 {
    rustix::fs::OFlags::NOFOLLOW.bits() as i32
}

/// A session found by a scan, as it will go into the rewritten index.
struct Record {
    path: PathBuf,
    stamp: Stamp,
    verified: bool,
    /// Kept only when the index will be rewritten (boxed: most records have none, and
    /// ten thousand inline summaries cost megabytes).
    summary: Option<Box<Summary>>,
    broken: bool,
}

/// Every `.json` file of `sessions_dir`, from the index where it is current and read
/// head-only where it is not, handed to `sink` as it goes: first everything the index
/// knew, then the rest as it is read (on every core), then [`ScanEvent::Listed`]. Files
/// known only by their head are then read whole in the background; one that turns out
/// broken is handed over again as unreadable ([`ScanEvent::Replace`]). Nothing but the
/// index is written, apart from removing temporary files that a crash left behind.
///
/// When `sink` answers [`ControlFlow::Break`] (nobody is listening any more), the scan
/// stops as soon as its reader threads notice; what it did not finish is done by the next
/// scan.
pub fn scan(
    sessions_dir: &Path,
    sink: &mut dyn FnMut(ScanEvent) -> ControlFlow<()>,
) -> io::Result<ScanStats> {
    let index_file = index_path(sessions_dir);
    let (mut known, lines) = read_index(&index_file);
    let mut stats = ScanStats::default();
    let mut first: Vec<Entry> = Vec::with_capacity(known.len());
    let mut records: Vec<Record> = Vec::with_capacity(known.len());
    let mut todo: Vec<PathBuf> = Vec::new();
    // Each file is matched with its index line as the folder is listed.
    for dirent in fs::read_dir(sessions_dir)? {
        let dirent = dirent?;
        let path = dirent.path();
        let name = dirent.file_name();
        let Some(name) = name.to_str() else {
            if name.as_encoded_bytes().ends_with(b".json") {
                first.push(Entry::Unreadable {
                    path: path.clone(),
                    error: LoadError::BadName { path },
                });
                stats.unreadable += 1;
            }
            continue;
        };
        if atomic::is_temp_name(name) {
            // A leftover of a crash (only where the file system has no unnamed files).
            atomic::remove_if_stale(&path, name, STALE_TEMP_AGE);
            continue;
        }
        if !name.ends_with(".json") {
            continue;
        }
        let stamp = fs::symlink_metadata(&path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| Stamp::of(&m));
        match (stamp, known.remove(name)) {
            (Some(stamp), Some((indexed, verified, mut summary))) if indexed == stamp => {
                summary.path.clone_from(&path);
                records.push(Record {
                    path,
                    stamp,
                    verified,
                    summary: None,
                    broken: false,
                });
                first.push(Entry::Session(summary));
                stats.from_index += 1;
            }
            _ => todo.push(path),
        }
    }
    drop(known);
    // Rewrite when files must be read or checked, or the index holds dead lines.
    let rewrite =
        !todo.is_empty() || lines != stats.from_index || records.iter().any(|r| !r.verified);
    if rewrite {
        let sessions = first.iter().filter_map(|e| match e {
            Entry::Session(s) => Some(s),
            Entry::Unreadable { .. } => None,
        });
        for (r, s) in records.iter_mut().zip(sessions) {
            r.summary = Some(s.clone());
        }
    }
    if sink(ScanEvent::Batch(first)).is_break() {
        return Ok(stats);
    }

    let mut stopped = false;
    let (tx, rx) = mpsc::channel::<Vec<(Entry, Option<(Stamp, bool)>)>>();
    std::thread::scope(|scope| {
        for part in todo.chunks(chunk_size(todo.len())) {
            let tx = tx.clone();
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH);
                for path in part {
                    batch.push(read_one(path));
                    if batch.len() == BATCH && tx.send(std::mem::take(&mut batch)).is_err() {
                        return; // the scan was stopped
                    }
                }
                let _ = tx.send(batch);
            });
        }
        drop(tx);
        for batch in rx {
            let mut entries = Vec::with_capacity(batch.len());
            for (entry, key) in batch {
                match (&entry, key) {
                    (Entry::Session(s), Some((stamp, verified))) => {
                        records.push(Record {
                            path: s.path.clone(),
                            stamp,
                            verified,
                            summary: Some(s.clone()),
                            broken: false,
                        });
                        stats.read += 1;
                    }
                    (Entry::Session(_), None) => stats.read += 1,
                    (Entry::Unreadable { .. }, _) => stats.unreadable += 1,
                }
                entries.push(entry);
            }
            if sink(ScanEvent::Batch(entries)).is_break() {
                stopped = true;
                break; // dropping the receiver stops the readers
            }
        }
    });
    if stopped {
        return Ok(stats);
    }
    stopped = sink(ScanEvent::Listed).is_break();
    // The index is written as soon as the list is complete, so quitting (or stopping)
    // while files are still read whole keeps it; its unchecked lines are checked by the
    // next scan.
    let unchecked = records.iter().any(|r| !r.verified);
    if rewrite && unchecked {
        write_index(&index_file, &records);
    }
    if stopped {
        return Ok(stats);
    }

    // Files known only by their head are read whole now, after the list is complete.
    let unverified: Vec<(usize, PathBuf)> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.verified)
        .map(|(i, r)| (i, r.path.clone()))
        .collect();
    let (tx, rx) = mpsc::channel::<(usize, Option<LoadError>)>();
    std::thread::scope(|scope| {
        for part in unverified.chunks(chunk_size(unverified.len())) {
            let tx = tx.clone();
            scope.spawn(move || {
                for (i, path) in part {
                    if tx.send((*i, super::load(path).err())).is_err() {
                        return; // the scan was stopped
                    }
                }
            });
        }
        drop(tx);
        for (i, error) in rx {
            stats.verified += 1;
            let event = match error {
                None => {
                    records[i].verified = true;
                    // Asked now and then, so a scan nobody listens to stops here too.
                    if stats.verified % CHECK_EVERY != 0 {
                        continue;
                    }
                    ScanEvent::Checked {
                        done: stats.verified,
                        of: unverified.len(),
                    }
                }
                Some(error) => {
                    stats.found_broken += 1;
                    records[i].broken = true;
                    ScanEvent::Replace(Entry::Unreadable {
                        path: records[i].path.clone(),
                        error,
                    })
                }
            };
            if sink(event).is_break() {
                stopped = true;
                break; // dropping the receiver stops the readers
            }
        }
    });

    if rewrite && !stopped {
        stats.index_written = write_index(&index_file, &records);
    }
    Ok(stats)
}

/// Writes the index from the records (atomically). Returns whether it was written.
fn write_index(index_file: &Path, records: &[Record]) -> bool {
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
    atomic::write_atomic(index_file, &bytes).is_ok()
}

/// Items per worker thread: the work is spread over the cores (at most four).
fn chunk_size(items: usize) -> usize {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(items.max(1));
    items.div_ceil(workers).max(1)
}

/// Reads one file for the list; the stamp (and whether the file was read whole) is set
/// when the result may be indexed.
fn read_one(path: &Path) -> (Entry, Option<(Stamp, bool)>) {
    match summarise(path) {
        Ok((summary, stamp, indexable, verified)) => (
            Entry::Session(Box::new(summary)),
            indexable.then_some((stamp, verified)),
        ),
        Err(error) => (
            Entry::Unreadable {
                path: path.to_path_buf(),
                error,
            },
            None,
        ),
    }
}

/// The list's view of one file: head-only for current files, a full load (with its
/// migration or its precise error message) for anything else. Returns the summary, the
/// file's stamp, whether it may be indexed, and whether the whole file was read.
pub fn summarise(path: &Path) -> Result<(Summary, Stamp, bool, bool), LoadError> {
    let (meta, bytes) = super::read_file(path)?;
    let stamp = Stamp::of(&meta);
    if let Some(probe) = read_head(&bytes)
        && probe.schema_version == SCHEMA_VERSION
    {
        return Ok((probe.summary(path), stamp, true, false));
    }
    let loaded = super::parse(path, &bytes)?;
    // Migrated summaries are current; a newer tafel's file is read fresh every time.
    let indexable = loaded.newer_version.is_none();
    Ok((Summary::of(&loaded), stamp, indexable, true))
}

/// Marks the deliberate end of a header-only read.
const STOP: &str = "tafel: header read, rest skipped";

/// Reads the fields the list needs. tafel writes `costs` (most of a file's bytes) last:
/// when every other field has been read by then, reading stops there. The file must
/// still end as tafel ends it, so a truncated file is never taken for a session;
/// anything unusual (`None`) falls back to reading the whole file.
fn read_head(bytes: &[u8]) -> Option<Probe> {
    use serde::de::DeserializeSeed;
    // As tafel writes it, the file ends with the top level's `}` alone on its line (all
    // inner braces are indented): a file cut short cannot end like that.
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace())?;
    if bytes[end] != b'}' || end == 0 || bytes[end - 1] != b'\n' {
        return None;
    }
    let mut out = None;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match (Head { out: &mut out }).deserialize(&mut de) {
        Ok(()) => de.end().ok().and(out),
        Err(e) if e.to_string().starts_with(STOP) => out,
        Err(_) => None,
    }
}

struct Head<'a> {
    out: &'a mut Option<Probe>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Head<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Head<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a tafel session")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error;
        let mut schema_version = None;
        let mut id = None;
        let mut series_id = None;
        let mut created_at = None;
        let mut updated_at = None;
        let mut retention_until = None;
        let mut preparation = None;
        let mut looking_back = None;
        let mut outcomes = None;
        let mut alternative = None;
        let mut wrap_up = None;
        let mut stop = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "schema_version" => schema_version = Some(map.next_value()?),
                "id" => id = Some(map.next_value()?),
                "series_id" => series_id = Some(map.next_value()?),
                "created_at" => created_at = Some(map.next_value()?),
                "updated_at" => updated_at = Some(map.next_value()?),
                "retention_until" => retention_until = Some(map.next_value()?),
                "preparation" => preparation = Some(map.next_value()?),
                "looking_back" => looking_back = Some(map.next_value()?),
                "outcomes" => outcomes = Some(map.next_value()?),
                "alternative" => alternative = Some(map.next_value()?),
                "wrap_up" => wrap_up = Some(map.next_value()?),
                // Everything else the list needs has been read: skip the rest unread.
                "costs"
                    if schema_version.is_some()
                        && id.is_some()
                        && series_id.is_some()
                        && created_at.is_some()
                        && updated_at.is_some()
                        && preparation.is_some()
                        && looking_back.is_some()
                        && outcomes.is_some()
                        && alternative.is_some()
                        && wrap_up.is_some() =>
                {
                    stop = true;
                    break;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        *self.out = Some(Probe {
            schema_version: schema_version
                .ok_or_else(|| A::Error::missing_field("schema_version"))?,
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            series_id: series_id.ok_or_else(|| A::Error::missing_field("series_id"))?,
            created_at: created_at.ok_or_else(|| A::Error::missing_field("created_at"))?,
            updated_at: updated_at.ok_or_else(|| A::Error::missing_field("updated_at"))?,
            retention_until: retention_until.unwrap_or_default(),
            preparation: preparation.unwrap_or_default(),
            looking_back: looking_back.unwrap_or_default(),
            outcomes: outcomes.unwrap_or_default(),
            alternative: alternative.unwrap_or_default(),
            wrap_up: wrap_up.unwrap_or_default(),
        });
        if stop {
            return Err(A::Error::custom(STOP));
        }
        Ok(())
    }
}

// The head-only view of a session file: the same field names and defaults as
// `model::Session`, with everything the list does not need skipped as `IgnoredAny`.
// (Reading these parts with the model's own types instead made a rebuild of 10,000
// sessions 1.4x slower, past its goal; the test
// `header_only_summary_equals_the_full_parse_for_every_demo_session` keeps the two in step.)

struct Probe {
    schema_version: u32,
    id: Uuid,
    series_id: Uuid,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    retention_until: Option<NaiveDate>,
    preparation: PrepProbe,
    looking_back: LookingBackProbe,
    outcomes: OutcomesProbe,
    alternative: AlternativeProbe,
    wrap_up: WrapUpProbe,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PrepProbe {
    project: String,
    case_code: String,
    date: Option<NaiveDate>,
    wave: u32,
    attendees: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TimelineProbe {
    start: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActivityProbe {
    price_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LookingBackProbe {
    timeline: TimelineProbe,
    events: Vec<IgnoredAny>,
    activities: Vec<ActivityProbe>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DomainProbe {
    score_start: Option<IgnoredAny>,
    score_now: Option<IgnoredAny>,
    own_words: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OutcomesProbe {
    domains: Vec<DomainProbe>,
    quotes: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AlternativeProbe {
    narrative: String,
    events: Vec<IgnoredAny>,
    activities: Vec<ActivityProbe>,
    assumptions: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WrapUpProbe {
    learning_points: Vec<IgnoredAny>,
    agreements: Vec<IgnoredAny>,
    follow_up_date: Option<NaiveDate>,
    notes: String,
}

impl Probe {
    /// Mirrors `Session::follow_up_due` and `Session::phases_started`.
    fn summary(self, path: &Path) -> Summary {
        let p = &self.preparation;
        let lb = &self.looking_back;
        let o = &self.outcomes;
        let alt = &self.alternative;
        let w = &self.wrap_up;
        let phases_started = [
            !p.project.is_empty() || !p.case_code.is_empty() || !p.attendees.is_empty(),
            lb.timeline.start.is_some() || !lb.events.is_empty() || !lb.activities.is_empty(),
            o.domains.iter().any(|d| {
                d.score_start.is_some() || d.score_now.is_some() || !d.own_words.is_empty()
            }) || !o.quotes.is_empty(),
            !alt.narrative.is_empty()
                || !alt.events.is_empty()
                || !alt.activities.is_empty()
                || !alt.assumptions.is_empty(),
            lb.activities
                .iter()
                .chain(&alt.activities)
                .any(|a| a.price_id.is_some()),
            !w.learning_points.is_empty()
                || !w.agreements.is_empty()
                || !w.notes.is_empty()
                || w.follow_up_date.is_some(),
        ];
        Summary {
            path: path.to_path_buf(),
            id: self.id,
            series_id: self.series_id,
            case_code: self.preparation.case_code.clone(),
            project: self.preparation.project.clone(),
            wave: self.preparation.wave,
            date: self.preparation.date,
            created_at: self.created_at,
            updated_at: self.updated_at,
            follow_up_due: w.follow_up_date.or_else(|| {
                p.date
                    .and_then(|d| d.checked_add_months(chrono::Months::new(6)))
            }),
            retention_until: self.retention_until,
            phases_started,
            newer_version: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Library, load};

    fn demo_library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        for s in crate::demo::sessions(&crate::catalog::Catalog::builtin()) {
            lib.save(&s).unwrap();
        }
        (dir, lib)
    }

    /// A scan's result as the list ends up with it (replacements applied).
    fn collect(lib: &Library) -> (Vec<Entry>, ScanStats) {
        let mut all: Vec<Entry> = Vec::new();
        let mut listed = false;
        let stats = scan(&lib.sessions_dir(), &mut |event| {
            match event {
                ScanEvent::Batch(b) => {
                    assert!(!listed, "no entries after Listed, only replacements");
                    all.extend(b);
                }
                ScanEvent::Listed => listed = true,
                ScanEvent::Checked { done, of } => {
                    assert!(listed && done <= of && done % CHECK_EVERY == 0);
                }
                ScanEvent::Replace(e) => {
                    assert!(listed, "replacements come after the list is complete");
                    assert!(Entry::replace_in(&mut all, e), "replaces a listed entry");
                }
            }
            ControlFlow::Continue(())
        })
        .unwrap();
        assert!(listed);
        (all, stats)
    }

    fn summaries(lib: &Library) -> (Vec<Summary>, ScanStats) {
        let (entries, stats) = collect(lib);
        let mut all: Vec<Summary> = entries
            .into_iter()
            .filter_map(|e| match e {
                Entry::Session(s) => Some(*s),
                Entry::Unreadable { .. } => None,
            })
            .collect();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        (all, stats)
    }

    fn same(a: &Summary, b: &Summary) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn header_only_summary_equals_the_full_parse_for_every_demo_session() {
        let (_d, lib) = demo_library();
        // Also sessions with each phase alone started, so the progress marks must agree.
        let catalog = crate::catalog::Catalog::builtin();
        let blank = || {
            let mut s = crate::model::Session::new(
                catalog.domains.clone(),
                catalog.prices.clone(),
                catalog.payers.clone(),
            );
            s.preparation.date = None;
            s
        };
        let demo = &crate::demo::sessions(&catalog)[1];
        let mut variants = vec![blank()];
        let mut s = blank();
        s.preparation.case_code = "X-1".into();
        variants.push(s);
        let mut s = blank();
        s.looking_back.events.clone_from(&demo.looking_back.events);
        variants.push(s);
        let mut s = blank();
        s.outcomes.domains[0].own_words = "woorden".into();
        variants.push(s);
        let mut s = blank();
        s.alternative.narrative = "anders".into();
        variants.push(s);
        let mut s = blank();
        s.alternative
            .activities
            .clone_from(&demo.alternative.activities);
        variants.push(s);
        let mut s = blank();
        s.wrap_up.notes = "notitie".into();
        variants.push(s);
        for s in &variants {
            lib.save(s).unwrap();
        }
        for e in fs::read_dir(lib.sessions_dir()).unwrap().flatten() {
            let path = e.path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let full = Summary::of(&load(&path).unwrap());
            let (header, _, indexable, whole) = summarise(&path).unwrap();
            assert!(indexable && !whole, "read head-only");
            same(&header, &full);
        }
    }

    #[test]
    fn the_header_read_stops_at_costs_but_never_accepts_a_truncated_file() {
        let (_d, lib) = demo_library();
        let path = lib.path_for("8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74".parse().unwrap());
        let text = fs::read_to_string(&path).unwrap();
        let costs = text.find("\"costs\"").expect("costs is written");
        assert!(
            costs > text.find("\"wrap_up\"").unwrap(),
            "costs comes last, so the list can stop reading there"
        );
        // Cut anywhere in the costs: the header alone would parse, the file is refused.
        for cut in [costs + 10, costs + 5000, text.len() - 3, text.len() - 4] {
            fs::write(&path, &text[..cut]).unwrap();
            assert!(
                matches!(summarise(&path), Err(LoadError::Parse { .. })),
                "{cut}"
            );
        }
        // Files of earlier builds have costs before wrap_up: read in full, same summary.
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let full = Summary::of(&load_str(&path, &text));
        let obj = doc.as_object_mut().unwrap();
        let costs = obj.remove("costs").unwrap();
        let wrap_up = obj.remove("wrap_up").unwrap();
        obj.insert("costs".into(), costs);
        obj.insert("wrap_up".into(), wrap_up);
        let old_order = serde_json::to_string_pretty(&doc).unwrap();
        assert!(old_order.find("\"costs\"") < old_order.find("\"wrap_up\""));
        fs::write(&path, &old_order).unwrap();
        let (summary, _, indexable, whole) = summarise(&path).unwrap();
        assert!(indexable && !whole, "read by its head, costs skipped");
        same(&summary, &full);
    }

    fn load_str(path: &Path, text: &str) -> crate::store::Loaded {
        crate::store::parse(path, text.as_bytes()).unwrap()
    }

    #[test]
    fn saves_append_lines_and_a_scan_uses_them_without_reading_files() {
        let (_d, lib) = demo_library();
        let (first, stats) = summaries(&lib);
        // Saves appended one line each, so nothing had to be read.
        assert_eq!(stats.read, 0, "{stats:?}");
        assert_eq!(stats.from_index, first.len());
        let (second, stats) = summaries(&lib);
        assert_eq!(stats.from_index, second.len());
        assert!(!stats.index_written, "a current index is not rewritten");
        for (a, b) in first.iter().zip(&second) {
            same(a, b);
        }
    }

    #[test]
    fn a_file_changed_behind_the_index_is_read_again() {
        let (_d, lib) = demo_library();
        summaries(&lib);
        // Another program changes a file; the index still holds the old line.
        let (all, _) = summaries(&lib);
        let path = all[0].path.clone();
        let text = fs::read_to_string(&path).unwrap();
        let old = &all[0].case_code;
        fs::write(&path, text.replace(old.as_str(), "CHANGED-1")).unwrap();
        let (again, stats) = summaries(&lib);
        assert_eq!(stats.read, 1, "{stats:?}");
        assert!(stats.index_written);
        assert!(again.iter().any(|s| s.case_code == "CHANGED-1"));
        let (_, stats) = summaries(&lib);
        assert_eq!(stats.read, 0, "the rewritten index knows the new version");
    }

    #[test]
    fn a_file_replaced_by_another_program_right_after_our_save_is_read_again() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        let path = all[0].path.clone();
        let loaded = load(&path).unwrap();
        let mut ours = loaded.session.clone();
        ours.preparation.case_code = "OURS-1".into();
        let mut bytes = serde_json::to_vec_pretty(&ours).unwrap();
        bytes.push(b'\n');
        let written = crate::store::atomic::write_atomic_stat(&path, &bytes).unwrap();
        // Between our rename and our index line, another program puts its file there.
        let mut theirs = loaded.session;
        theirs.preparation.case_code = "THEIRS-1".into();
        let other = path.with_extension("other");
        fs::write(&other, serde_json::to_vec_pretty(&theirs).unwrap()).unwrap();
        fs::rename(&other, &path).unwrap();
        note_saved(&path, &written, &Summary::of_session(&path, &ours, None));
        let (again, stats) = summaries(&lib);
        assert_eq!(
            stats.read, 1,
            "our line describes our file, not theirs: {stats:?}"
        );
        assert!(again.iter().any(|s| s.case_code == "THEIRS-1"));
        assert!(!again.iter().any(|s| s.case_code == "OURS-1"));
    }

    #[test]
    fn a_scan_nobody_listens_to_stops_and_the_next_one_finishes_its_work() {
        let (_d, lib) = demo_library();
        let n = fs::read_dir(lib.sessions_dir())
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .count();
        let index = index_path(&lib.sessions_dir());
        // Stopped at once: nothing read, no index written.
        fs::remove_file(&index).unwrap();
        let stats = scan(&lib.sessions_dir(), &mut |_| ControlFlow::Break(())).unwrap();
        assert_eq!((stats.read, stats.verified), (0, 0), "{stats:?}");
        assert!(!index.exists());
        // Stopped once the list is complete: the index of heads is kept, nothing checked.
        let stats = scan(&lib.sessions_dir(), &mut |e| match e {
            ScanEvent::Listed => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
        assert_eq!((stats.read, stats.verified), (n, 0), "{stats:?}");
        assert!(index.exists());
        // The next scan takes the list from that index and checks the files whole.
        let (all, stats) = summaries(&lib);
        assert_eq!(all.len(), n);
        assert_eq!(
            (stats.from_index, stats.read, stats.verified),
            (n, 0, n),
            "{stats:?}"
        );
        let (_, stats) = summaries(&lib);
        assert_eq!(stats.verified, 0, "checked once, remembered: {stats:?}");
    }

    #[test]
    fn a_scan_nobody_listens_to_stops_while_checking_files_whole() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        let n = 3 * CHECK_EVERY;
        crate::demo::write_synthetic_library(
            &crate::catalog::Catalog::builtin(),
            &lib.sessions_dir(),
            n,
        )
        .unwrap();
        // The view goes away after the list is complete, while files are read whole.
        let mut listed = false;
        let stats = scan(&lib.sessions_dir(), &mut |e| match e {
            ScanEvent::Listed => {
                listed = true;
                ControlFlow::Continue(())
            }
            _ if listed => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
        assert_eq!(stats.read, n, "{stats:?}");
        assert_eq!(
            stats.verified, CHECK_EVERY,
            "stopped at the first question: {stats:?}"
        );
        // The next scan checks the rest.
        let (_, stats) = collect(&lib);
        assert_eq!(stats.verified, n, "{stats:?}");
    }

    #[test]
    fn compacting_keeps_only_the_newest_line_of_a_session() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        let path = all[0].path.clone();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut session = load(&path).unwrap().session;
        for code in ["Jan Jansen", "JJ-1"] {
            session.preparation.case_code = code.into();
            lib.save(&session).unwrap();
        }
        let index = index_path(&lib.sessions_dir());
        let before = fs::read_to_string(&index).unwrap();
        assert!(before.contains("Jan Jansen"));
        compact(&lib.sessions_dir(), &file).unwrap();
        let after = fs::read_to_string(&index).unwrap();
        assert!(
            !after.contains("Jan Jansen"),
            "the typo is gone from the index"
        );
        assert_eq!(after.matches(&format!("\"{file}\"")).count(), 1);
        assert_eq!(after.lines().count(), all.len(), "one line per session");
        // The compacted index is current: nothing needs reading.
        let (again, stats) = summaries(&lib);
        assert_eq!(stats.read, 0, "{stats:?}");
        assert!(again.iter().any(|s| s.case_code == "JJ-1"));
        // Compacting again changes nothing and does not rewrite.
        let stamp = fs::metadata(&index).unwrap().ino();
        compact(&lib.sessions_dir(), &file).unwrap();
        assert_eq!(fs::metadata(&index).unwrap().ino(), stamp);
    }

    fn name(s: &Summary) -> String {
        s.path.file_name().unwrap().to_str().unwrap().to_string()
    }

    #[test]
    fn appends_give_way_to_a_rewrite_and_rewrites_drop_lines_of_gone_files() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        let dir = lib.sessions_dir();
        let index = index_path(&dir);
        // While another copy rewrites the index, a save leaves its line out...
        let rewrite = index_lock(&dir, true, Duration::ZERO).expect("the lock is free");
        let before = fs::read(&index).unwrap();
        let mut s = load(&all[0].path).unwrap().session;
        s.preparation.case_code = "DURING-1".into();
        lib.save(&s).unwrap();
        assert_eq!(
            fs::read(&index).unwrap(),
            before,
            "no append during a rewrite"
        );
        // ...and a second rewrite waits for the first (here: gives up after its wait).
        let t = Instant::now();
        assert!(compact(&dir, "x.json").is_err());
        assert!(t.elapsed() >= REWRITE_WAIT);
        drop(rewrite);
        // The file is simply read again.
        let (again, stats) = summaries(&lib);
        assert_eq!(stats.read, 1, "{stats:?}");
        assert!(again.iter().any(|x| x.case_code == "DURING-1"));
        // A session file removed behind tafel's back: its lines go with any rewrite.
        let gone = name(&all[1]);
        fs::remove_file(&all[1].path).unwrap();
        let keep = name(&all[2]);
        s.preparation.case_code = "AFTER-1".into();
        lib.save(&s).unwrap();
        let file0 = name(&all[0]);
        compact(&dir, &file0).unwrap();
        let text = fs::read_to_string(&index).unwrap();
        assert!(!text.contains(&gone), "{text}");
        assert!(text.contains(&keep));
        assert!(!text.contains("DURING-1") && text.contains("AFTER-1"));
    }

    #[test]
    fn a_lost_torn_or_foreign_index_costs_only_a_rebuild() {
        let (_d, lib) = demo_library();
        let (expected, _) = summaries(&lib);
        let idx = index_path(&lib.sessions_dir());
        for garbage in [
            &b""[..],
            b"{\"v\":1,\"file\":\"x",
            b"not json at all\n\xff\xfe",
            b"{\"v\":99}\n",
        ] {
            fs::write(&idx, garbage).unwrap();
            let (got, stats) = summaries(&lib);
            assert_eq!(stats.read, expected.len(), "{stats:?}");
            assert_eq!(got.len(), expected.len());
            for (a, b) in got.iter().zip(&expected) {
                same(a, b);
            }
        }
        fs::remove_file(&idx).unwrap();
        let (got, _) = summaries(&lib);
        assert_eq!(got.len(), expected.len());
        assert!(idx.exists(), "rebuilt");
        assert_eq!(
            fs::metadata(&idx).unwrap().mode() & 0o777,
            0o600,
            "the index holds case codes: owner only"
        );
    }

    #[test]
    fn a_scan_removes_temporary_files_of_dead_writers_and_nothing_else() {
        let (_d, lib) = demo_library();
        let dir = lib.sessions_dir();
        // pid 4194304 is above Linux's pid limit: that writer cannot be alive.
        let dead = dir.join(".x.json.tmp-4194304-1");
        let alive = dir.join(format!(".y.json.tmp-{}-1", std::process::id()));
        let other = dir.join("notes.txt");
        for p in [&dead, &alive, &other] {
            fs::write(p, b"x").unwrap();
        }
        let (all, _) = summaries(&lib);
        assert_eq!(all.len(), 6);
        assert!(!dead.exists(), "a dead writer's leftover is removed");
        assert!(
            alive.exists(),
            "a live writer's temporary file is left alone"
        );
        assert!(other.exists());
    }

    #[test]
    fn a_file_broken_past_its_head_is_listed_and_then_found_unreadable() {
        let (_d, lib) = demo_library();
        let path = lib.path_for("8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74".parse().unwrap());
        let text = fs::read_to_string(&path).unwrap();
        for broken in [
            // wrong types where the head read does not look
            text.replacen("\"time_spent\": {", "\"time_spent\": \"x\", \"was\": {", 1),
            text.replacen(
                "\"amount_cents\": ",
                "\"amount_cents\": \"veel\", \"x\": ",
                1,
            ),
        ] {
            assert!(broken != text);
            fs::write(&path, &broken).unwrap();
            for round in 0..2 {
                let (entries, stats) = collect(&lib);
                let e = entries.iter().find(|e| e.path() == path).unwrap();
                assert!(
                    matches!(e, Entry::Unreadable { .. }),
                    "round {round}: listed as unreadable once read whole"
                );
                assert_eq!(stats.found_broken, 1, "{stats:?}");
                let index = fs::read_to_string(index_path(&lib.sessions_dir())).unwrap();
                assert!(
                    !index.contains("8d2f6a13"),
                    "a broken file is never indexed"
                );
            }
            assert_eq!(fs::read_to_string(&path).unwrap(), broken, "left as it was");
        }
    }

    #[test]
    fn index_lines_of_another_session_format_are_not_used() {
        let (_d, lib) = demo_library();
        summaries(&lib);
        let idx = index_path(&lib.sessions_dir());
        let text = fs::read_to_string(&idx).unwrap();
        let other = text.replace(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
        );
        assert_ne!(other, text);
        fs::write(&idx, other).unwrap();
        let (all, stats) = summaries(&lib);
        assert_eq!(stats.from_index, 0, "{stats:?}");
        assert_eq!(stats.read, all.len());
    }

    #[test]
    fn an_index_line_never_revives_a_deleted_or_broken_file() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        fs::remove_file(&all[0].path).unwrap();
        fs::write(&all[1].path, b"{ broken").unwrap();
        let mut sessions = 0;
        let mut unreadable = Vec::new();
        for e in collect(&lib).0 {
            match e {
                Entry::Session(_) => sessions += 1,
                Entry::Unreadable { path, .. } => unreadable.push(path),
            }
        }
        assert_eq!(sessions, all.len() - 2);
        assert_eq!(unreadable, vec![all[1].path.clone()]);
        // The broken file is left as it was.
        assert_eq!(fs::read(&all[1].path).unwrap(), b"{ broken");
    }
}
