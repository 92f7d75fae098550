//! The portfolio's figures of every session file, kept in `sessions/.figures.jsonl`
//! beside the library index, so a portfolio of thousands of sessions opens without reading
//! them all.
//!
//! A line holds one file's [`SessionFigures`] at one price level, with the file's stamp
//! (size, modification time, inode). A line is used only when its stamp is that of the
//! file now, exactly as the index is checked; any other file is read again, in parallel.
//! The cache holds figures and codes only (amounts, ids, wave, dates, scores, consent):
//! never the conversation's text. Labels of payers and life domains are kept once, on
//! the first line. A damaged or foreign cache is ignored and rewritten.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::atomic;
use super::index::Stamp;
use crate::model::costs::{PriceLevel, Range};
use crate::model::portfolio::{DomainFigures, Labels, PayerFigures, SessionFigures};
use crate::model::price_index::IndexSeries;
use crate::model::{Cents, EndReason, SCHEMA_VERSION};

pub const FIGURES_NAME: &str = ".figures.jsonl";

/// Bumped when the shape of a line changes.
const VERSION: u32 = 3;

/// A cache larger than this is not read (and is rewritten): some 400,000 sessions.
const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;

/// Removes the cache of `sessions_dir` (it is rebuilt by the next portfolio): a session
/// deleted for good takes its case code and figures out of it at once, not at the next
/// portfolio.
pub fn forget(sessions_dir: &Path) -> io::Result<()> {
    crate::store::atomic::remove_durably(&sessions_dir.join(FIGURES_NAME))
}

/// What was gathered for a portfolio.
#[derive(Debug, Default)]
pub struct Collected {
    /// One per session file, copies left out.
    pub figures: Vec<SessionFigures>,
    /// The names of the payers and life domains in them.
    pub labels: Labels,
    /// Files that hold a session under another name (a backup, a sync conflict): counted
    /// once, under their own id, and listed with the project they belong to.
    pub duplicates: Vec<(PathBuf, String)>,
    /// Files that could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
    /// How many came from the cache, and how many files were read.
    pub from_cache: usize,
    pub read: usize,
}

/// The first line: the cache's version, the labels of the payers and life domains of all
/// lines, and the ids the lines refer to by their place in `ids`.
#[derive(Serialize, Deserialize)]
struct Head {
    v: u32,
    labels: Labels,
    ids: Vec<String>,
}

/// Three confidence levels as `[high, high_medium, all]`.
type RangeRow = [i64; 3];
/// A payer's `[id, intervention, alternative, range]`, the id as its place in `Head::ids`.
type PayerRow = (u32, i64, i64, RangeRow);
/// A life domain's `[id, start, now]`, the id as its place in `Head::ids`.
type DomainRow = (u32, Option<u8>, Option<u8>);
/// How a series ended, and when.
type EndRow = Option<(EndReason, Option<NaiveDate>)>;

/// One line after the first: a file's stamp and figures, as an array rather than an
/// object (the whole cache is read for every portfolio, and arrays read about twice as
/// fast as objects with named fields).
#[derive(Serialize, Deserialize)]
struct Row(
    u32,
    u32,
    String,
    [i64; 3],
    String,
    Uuid,
    Uuid,
    String,
    String,
    u32,
    Option<NaiveDate>,
    DateTime<FixedOffset>,
    bool,
    Option<NaiveDate>,
    EndRow,
    Option<i32>,
    i64,
    i64,
    RangeRow,
    Vec<PayerRow>,
    Vec<DomainRow>,
);

fn range_row(r: Range) -> RangeRow {
    [r.high.0, r.high_medium.0, r.all.0]
}

fn row_range(r: RangeRow) -> Range {
    Range {
        high: Cents(r[0]),
        high_medium: Cents(r[1]),
        all: Cents(r[2]),
    }
}

fn stamp_row(s: Stamp) -> [i64; 3] {
    [
        i64::try_from(s.len).unwrap_or(-1),
        s.mtime_ns,
        i64::try_from(s.ino).unwrap_or(-1),
    ]
}

/// The ids of a cache: written as a list, each line refers to an id by its place.
#[derive(Default)]
struct Ids {
    list: Vec<String>,
    at: HashMap<String, u32>,
}

impl Ids {
    /// Gives `id` a place, if it has none yet.
    fn add(&mut self, id: &str) {
        if !self.at.contains_key(id) {
            let i = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
            self.list.push(id.to_string());
            self.at.insert(id.to_string(), i);
        }
    }

    /// The place of an id given one by [`Ids::add`].
    fn place(&self, id: &str) -> u32 {
        self.at.get(id).copied().unwrap_or(u32::MAX)
    }
}

impl Row {
    fn new(file: &str, stamp: Stamp, level: &str, f: &SessionFigures, ids: &Ids) -> Row {
        Row(
            VERSION,
            SCHEMA_VERSION,
            file.to_string(),
            stamp_row(stamp),
            level.to_string(),
            f.session_id,
            f.series_id,
            f.project.clone(),
            f.case_code.clone(),
            f.wave,
            f.date,
            f.updated_at,
            f.consent,
            f.follow_up_due,
            f.series_end,
            f.price_year,
            f.intervention.0,
            f.alternative.0,
            range_row(f.alternative_range),
            f.payers
                .iter()
                .map(|p| {
                    (
                        ids.place(&p.payer_id),
                        p.intervention.0,
                        p.alternative.0,
                        range_row(p.alternative_range),
                    )
                })
                .collect(),
            f.domains
                .iter()
                .map(|d| (ids.place(&d.domain_id), d.start, d.now))
                .collect(),
        )
    }

    /// The file name, stamp and figures of a line of this version, schema and level whose
    /// ids are all in `ids`.
    fn into_figures(self, level: &str, ids: &[Arc<str>]) -> Option<Cached> {
        let Row(
            v,
            schema,
            file,
            stamp,
            row_level,
            session_id,
            series_id,
            project,
            case_code,
            wave,
            date,
            updated_at,
            consent,
            follow_up_due,
            series_end,
            price_year,
            intervention,
            alternative,
            alternative_range,
            payers,
            domains,
        ) = self;
        if v != VERSION || schema != SCHEMA_VERSION || row_level != level {
            return None;
        }
        let id = |i: u32| ids.get(usize::try_from(i).ok()?).cloned();
        let figures = SessionFigures {
            session_id,
            series_id,
            project,
            case_code,
            wave,
            date,
            updated_at,
            consent,
            follow_up_due,
            series_end,
            price_year,
            payers: payers
                .into_iter()
                .map(|(payer_id, i, a, r)| {
                    Some(PayerFigures {
                        payer_id: id(payer_id)?,
                        intervention: Cents(i),
                        alternative: Cents(a),
                        alternative_range: row_range(r),
                    })
                })
                .collect::<Option<_>>()?,
            intervention: Cents(intervention),
            alternative: Cents(alternative),
            alternative_range: row_range(alternative_range),
            domains: domains
                .into_iter()
                .map(|(domain_id, start, now)| {
                    Some(DomainFigures {
                        domain_id: id(domain_id)?,
                        start,
                        now,
                    })
                })
                .collect::<Option<_>>()?,
        };
        Some((file, stamp, figures))
    }
}

fn level_key(level: PriceLevel) -> String {
    match level {
        PriceLevel::Nominal => "nominal".into(),
        PriceLevel::Year(y) => y.to_string(),
    }
}

/// The figures of every session in `sessions_dir` at `level`, from the cache where it is
/// still true and from the files elsewhere; writes the cache back when anything changed.
pub fn collect(
    sessions_dir: &Path,
    level: PriceLevel,
    index: &[IndexSeries],
) -> io::Result<Collected> {
    let key = level_key(level);
    let cache_path = sessions_dir.join(FIGURES_NAME);
    // The cache is parsed on other threads while this one lists the folder.
    let (listed, (mut labels, rows)) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| read_cache(&cache_path, &key));
        let listed = list(sessions_dir);
        let cache = reader.join().unwrap_or_default();
        (listed, cache)
    });
    let (files, unreadable) = listed?;
    let mut out = Collected {
        unreadable,
        ..Collected::default()
    };
    let mut names = Vec::with_capacity(rows.len());
    let mut stamps = Vec::with_capacity(rows.len());
    let mut taken: Vec<Option<SessionFigures>> = Vec::with_capacity(rows.len());
    for (name, stamp, f) in rows {
        names.push(name);
        stamps.push(stamp);
        taken.push(Some(f));
    }
    let at: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    // Every file is looked at on as many threads as there are cores: a stat where the
    // cache has a line for it, and a read where it has none or its stamp differs.
    // Parsing is most of a rebuild's work, and stats are most of a warm run's.
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let chunk = files.len().div_ceil(threads).max(1);
    let (at, stamps) = (&at, &stamps);
    // Each thread gathers the labels of the files it read; they are merged in the order
    // of the list, so the first file to name a payer or domain names it, as before.
    let mut looked: Vec<Looked> = Vec::with_capacity(files.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut found = Labels::default();
                    let looked = part
                        .iter()
                        .map(|(name, path)| {
                            let line = at.get(name.as_str()).copied();
                            look(path, line, stamps, level, index, &mut found)
                        })
                        .collect::<Vec<_>>();
                    (looked, found)
                })
            })
            .collect();
        for h in handles {
            // A thread that panicked would leave files unpaired with their names.
            let (part, found) = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            looked.extend(part);
            labels.merge(found);
        }
    });
    let mut keep: Vec<(String, Stamp, SessionFigures)> = Vec::with_capacity(files.len());
    for ((name, path), looked) in files.into_iter().zip(looked) {
        match looked {
            Looked::Cached(i, stamp) => {
                if let Some(f) = taken[i].take() {
                    out.from_cache += 1;
                    keep.push((name, stamp, f));
                }
            }
            Looked::Read(read) => {
                out.read += 1;
                match *read {
                    Ok((stamp, f)) => keep.push((name, stamp, f)),
                    Err(reason) => out.unreadable.push((path, reason)),
                }
            }
        }
    }
    // Rewritten when files were read, or lines are of files that are gone.
    let changed = out.read > 0 || taken.iter().any(Option::is_some);
    drop(taken);
    keep.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if changed {
        // A cache that cannot be written costs speed, never figures.
        let _ = write_cache(&cache_path, &key, &labels, &keep);
    }
    out.figures.reserve(keep.len());
    for (name, _, f) in keep {
        let mut buf = Uuid::encode_buffer();
        let own = f.session_id.hyphenated().encode_lower(&mut buf);
        if name.strip_suffix(".json") == Some(&*own) {
            out.figures.push(f);
        } else {
            out.duplicates.push((sessions_dir.join(&name), f.project));
        }
    }
    out.labels = labels;
    Ok(out)
}

/// What became of one listed file: its cache line (by place) still holds, or it was read.
enum Looked {
    Cached(usize, Stamp),
    Read(Box<Result<(Stamp, SessionFigures), String>>),
}

/// Uses the cache line `line` when its stamp is the file's now; reads the file otherwise.
fn look(
    path: &Path,
    line: Option<usize>,
    stamps: &[[i64; 3]],
    level: PriceLevel,
    index: &[IndexSeries],
    labels: &mut Labels,
) -> Looked {
    if let Some(i) = line
        // Not following a symlink: one is read below, and refused there.
        && let Ok(meta) = fs::symlink_metadata(path)
        && meta.is_file()
        && let stamp = Stamp::of(&meta)
        && stamps[i] == stamp_row(stamp)
    {
        return Looked::Cached(i, stamp);
    }
    Looked::Read(Box::new(read_one(path, level, index, labels)))
}

/// A listed session file: its name and path.
type Listed = (String, PathBuf);
/// The session files of the folder, and the ones whose name is not text.
type Listing = (Vec<Listed>, Vec<(PathBuf, String)>);

/// The folder's session files, by name only: a stat is the workers' job.
fn list(sessions_dir: &Path) -> io::Result<Listing> {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for dirent in fs::read_dir(sessions_dir)? {
        let dirent = dirent?;
        let name = dirent.file_name();
        let Some(name) = name.to_str() else {
            if name.as_encoded_bytes().ends_with(b".json") {
                unreadable.push((dirent.path(), "file name is not valid text".into()));
            }
            continue;
        };
        if !name.ends_with(".json") || atomic::is_temp_name(name) {
            continue;
        }
        files.push((name.to_string(), dirent.path()));
    }
    Ok((files, unreadable))
}

fn read_one(
    path: &Path,
    level: PriceLevel,
    index: &[IndexSeries],
    labels: &mut Labels,
) -> Result<(Stamp, SessionFigures), String> {
    let (meta, bytes) = super::read_file(path).map_err(|e| e.reason())?;
    let loaded = super::parse(path, &bytes).map_err(|e| e.reason())?;
    labels.add(&loaded.session);
    Ok((
        Stamp::of(&meta),
        SessionFigures::of_owned(loaded.session, Some(level), index),
    ))
}

/// A cached file: its name, stamp and figures.
type Cached = (String, [i64; 3], SessionFigures);

/// The cache's labels and lines at `key`; nothing when it is missing, damaged or of
/// another version. Its lines are parsed on as many threads as there are cores.
fn read_cache(path: &Path, key: &str) -> (Labels, Vec<Cached>) {
    let bytes = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() <= MAX_CACHE_BYTES => {
            let mut bytes = Vec::new();
            match fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)) {
                Ok(_) => bytes,
                Err(_) => return (Labels::default(), Vec::new()),
            }
        }
        _ => return (Labels::default(), Vec::new()),
    };
    // Encrypted in an encrypted library; one that cannot be opened is built again.
    let Ok(bytes) = super::vault::open(bytes) else {
        return (Labels::default(), Vec::new());
    };
    let Some(head_end) = bytes.iter().position(|b| *b == b'\n') else {
        return (Labels::default(), Vec::new());
    };
    let (labels, ids) = match serde_json::from_slice::<Head>(&bytes[..head_end]) {
        Ok(h) if h.v == VERSION => (
            h.labels,
            h.ids
                .iter()
                .map(|i| Arc::from(i.as_str()))
                .collect::<Vec<Arc<str>>>(),
        ),
        _ => return (Labels::default(), Vec::new()),
    };
    let rest = &bytes[head_end + 1..];
    let threads = std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .clamp(1, 4);
    let parts = split_lines(rest, threads);
    let ids = &ids;
    let parsed: Vec<Vec<Cached>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || parse_rows(part, key, ids)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    (labels, parsed.concat())
}

/// `bytes` cut into about `n` parts, each ending at a line's end.
fn split_lines(bytes: &[u8], n: usize) -> Vec<&[u8]> {
    let mut parts = Vec::with_capacity(n);
    let mut rest = bytes;
    for i in (1..=n).rev() {
        if rest.is_empty() {
            break;
        }
        let target = rest.len() / i;
        let cut = if i == 1 {
            rest.len()
        } else {
            rest[target..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |p| target + p + 1)
        };
        let (part, next) = rest.split_at(cut);
        parts.push(part);
        rest = next;
    }
    parts
}

fn parse_rows(part: &[u8], key: &str, ids: &[Arc<str>]) -> Vec<Cached> {
    // A row is about 560 bytes; a close guess saves most re-allocations.
    let mut rows = Vec::with_capacity(part.len() / 400 + 1);
    for line in part.split(|b| *b == b'\n') {
        if line.is_empty() {
            continue;
        }
        if let Some(row) = serde_json::from_slice::<Row>(line)
            .ok()
            .and_then(|r| r.into_figures(key, ids))
        {
            rows.push(row);
        }
    }
    rows
}

fn write_cache(
    path: &Path,
    key: &str,
    labels: &Labels,
    lines: &[(String, Stamp, SessionFigures)],
) -> io::Result<()> {
    // Ids get their places in the order of the lines; then the lines are written on as
    // many threads as there are cores, each into its own part.
    let mut ids = Ids::default();
    for (_, _, f) in lines {
        for p in &f.payers {
            ids.add(&p.payer_id);
        }
        for d in &f.domains {
            ids.add(&d.domain_id);
        }
    }
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let chunk = lines.len().div_ceil(threads).max(1);
    let ids = &ids;
    let parts: Vec<io::Result<Vec<u8>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut rows = Vec::with_capacity(part.len() * 600);
                    for (file, stamp, figures) in part {
                        let row = Row::new(file, *stamp, key, figures, ids);
                        serde_json::to_writer(&mut rows, &row).map_err(io::Error::other)?;
                        rows.push(b'\n');
                    }
                    Ok(rows)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut bytes = serde_json::to_vec(&Head {
        v: VERSION,
        labels: labels.clone(),
        ids: ids.list.clone(),
    })
    .map_err(io::Error::other)?;
    bytes.push(b'\n');
    for part in parts {
        bytes.extend_from_slice(&part?);
    }
    atomic::write_atomic(path, &super::vault::seal_at(path, bytes)?)
}

#[cfg(test)]
mod tests {
    use super::split_lines;

    #[test]
    fn lines_are_split_only_at_their_ends() {
        let text = b"aaa\nbb\nc\ndddd\n";
        for n in 1..6 {
            let parts = split_lines(text, n);
            assert!(parts.len() <= n);
            assert_eq!(parts.concat(), text.to_vec(), "{n}");
            for p in &parts {
                assert!(p.ends_with(b"\n"), "{n}: {p:?}");
            }
        }
        assert!(split_lines(b"", 3).is_empty());
        assert_eq!(split_lines(b"no end", 2).concat(), b"no end".to_vec());
    }
}
