//! Listing a sessions folder: every file from its index line where that is current,
//! the others read (head-only first, then whole in the background), handed over as they
//! become known.

use std::fs;
use std::io;
use std::ops::ControlFlow;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::file::{Record, Stamp, index_path, read_index, write_index};
use super::head::read_head;
use crate::model::SCHEMA_VERSION;
use crate::store::{Entry, LoadError, Summary, atomic};

/// A temporary file this old is a leftover even if its writer's pid is in use again.
pub(super) const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);
/// Sessions handed to the caller at a time while a scan reads files.
pub(super) const BATCH: usize = 256;

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
    // The file system's time, read once and only when a temporary file is found.
    let mut fs_now = None;
    // Each file is matched with its index line as the folder is listed. (Without the
    // folder open, every file is read.)
    let dir = (!known.is_empty())
        .then(|| {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
            rustix::fs::open(sessions_dir, flags, Mode::empty()).ok()
        })
        .flatten();
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
            let now =
                *fs_now.get_or_insert_with(|| super::super::fs_time::now_in(sessions_dir).ok());
            atomic::remove_if_stale(&path, name, STALE_TEMP_AGE, now);
            continue;
        }
        if !name.ends_with(".json") {
            continue;
        }
        // A file the index does not know is read anyway (and its stamp taken from the
        // open file): no stat for it. One it knows is looked at relative to the open
        // folder, which walks no path.
        let line = known.remove(name);
        let stamp = match (&line, &dir) {
            (Some(_), Some(dir)) => Stamp::at(dir.as_fd(), name),
            _ => None,
        };
        match (stamp, line) {
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
                    if tx.send((*i, crate::store::load(path).err())).is_err() {
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

/// Items per worker thread: the work is spread over the cores (at most four).
pub(super) fn chunk_size(items: usize) -> usize {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(items.max(1));
    items.div_ceil(workers).max(1)
}

/// Reads one file for the list; the stamp (and whether the file was read whole) is set
/// when the result may be indexed.
pub(super) fn read_one(path: &Path) -> (Entry, Option<(Stamp, bool)>) {
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
    let (meta, bytes) = crate::store::read_file(path)?;
    let stamp = Stamp::of(&meta);
    if let Some(probe) = read_head(&bytes)
        && probe.schema_version == SCHEMA_VERSION
    {
        return Ok((probe.summary(path), stamp, true, false));
    }
    let loaded = crate::store::parse(path, &bytes)?;
    // Migrated summaries are current; a newer tafel's file is read fresh every time.
    let indexable = loaded.newer_version.is_none();
    Ok((Summary::of(&loaded), stamp, indexable, true))
}
