//! The portfolio's figures of every session file, kept in `sessions/.figures.bin` beside
//! the library index, so a portfolio of thousands of sessions opens without reading them
//! all.
//!
//! A row holds one file's [`SessionFigures`] at one price level, with the file's stamp
//! (size, modification time, inode). A row is used only when its stamp is that of the
//! file now, exactly as the index is checked; any other file is read again, in parallel.
//! The cache holds figures and codes only (amounts, ids, wave, dates, scores, consent):
//! never the conversation's text. Labels of payers and life domains are kept once. A
//! damaged or foreign cache is ignored and rewritten.
//!
//! The cache is binary ([postcard](https://docs.rs/postcard)), with dates and times as
//! numbers: every portfolio reads all of it, and reading 10,000 rows back takes a few
//! milliseconds instead of the 60 ms of CPU that the same rows took as JSON lines.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::atomic;
use super::index::Stamp;
use crate::model::costs::{PriceLevel, Range};
use crate::model::portfolio::{DomainFigures, Labels, PayerFigures, SessionFigures};
use crate::model::price_index::IndexSeries;
use crate::model::{Cents, EndReason, SCHEMA_VERSION};

pub const FIGURES_NAME: &str = ".figures.bin";

/// The cache's name while it was JSON lines (up to version 3). It holds case codes, so
/// one that is found is removed (see [`remove_old_cache`]) rather than left behind.
pub const OLD_FIGURES_NAME: &str = ".figures.jsonl";

/// The first bytes of a cache file; then its version and the session format, each as a
/// little-endian `u32`; then the [`Cache`] in postcard.
const MAGIC: &[u8; 8] = b"tafelfig";

/// Bumped when the shape of the cache changes. 4: binary (postcard), one price level.
const VERSION: u32 = 4;

/// A cache larger than this is not read (and is rewritten): some two million sessions.
const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;

/// Removes the cache of `sessions_dir` (it is rebuilt by the next portfolio): a session
/// deleted for good takes its case code and figures out of it at once, not at the next
/// portfolio. The cache of an earlier version goes too: it holds the same.
pub fn forget(sessions_dir: &Path) -> io::Result<()> {
    for name in [FIGURES_NAME, OLD_FIGURES_NAME] {
        crate::store::atomic::remove_durably(&sessions_dir.join(name))?;
    }
    Ok(())
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
    /// The cache being written back, when anything changed.
    pub cache_write: CacheWrite,
}

/// The figures cache being written on a thread of its own, so that the portfolio is built
/// and shown meanwhile (most of a write is waiting for the disk). Dropping it waits until
/// the write is done, so a command does not end half-way through it.
#[derive(Debug, Default)]
pub struct CacheWrite(Option<std::thread::JoinHandle<()>>);

impl CacheWrite {
    /// Writes `bytes` as the cache `path` of `sessions_dir` on another thread. A cache
    /// that cannot be written (or no thread to write it) costs speed, never figures.
    fn start(sessions_dir: &Path, path: PathBuf, bytes: Vec<u8>) -> CacheWrite {
        let dir = sessions_dir.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("tafel-figures".into())
            .spawn(move || {
                let written = super::vault::seal_at(&path, bytes)
                    .map_err(io::Error::from)
                    .and_then(|sealed| atomic::write_atomic(&path, &sealed));
                if written.is_ok() {
                    remove_old_cache(&dir);
                }
            });
        CacheWrite(spawned.ok())
    }
}

impl Drop for CacheWrite {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            let _ = h.join();
        }
    }
}

/// The whole cache after its magic, version and session format.
#[derive(Serialize, Deserialize)]
struct Cache {
    /// The price level of every row ("nominal" or a year).
    level: String,
    /// The labels of the payers and life domains of all rows.
    labels: Labels,
    /// The ids the rows refer to by their place.
    ids: Vec<String>,
    rows: Vec<Row<String>>,
}

/// [`Cache`] as it is written: the same bytes, borrowing its text.
#[derive(Serialize)]
struct CacheRef<'a> {
    level: &'a str,
    labels: &'a Labels,
    ids: Vec<String>,
    rows: Vec<Row<&'a str>>,
}

/// Three confidence levels as `[high, high_medium, all]`.
type RangeRow = [i64; 3];
/// A payer's `[id, intervention, alternative, range]`, the id as its place in `Cache::ids`.
type PayerRow = (u32, i64, i64, RangeRow);
/// A life domain's `[id, start, now]`, the id as its place in `Cache::ids`.
type DomainRow = (u32, Option<u8>, Option<u8>);
/// A day as days since 1 January of year 1 (chrono's "days from CE").
type Day = i32;

/// One session file's stamp and figures. Dates and times are numbers, so reading them
/// back parses no text. Its text is `String` when read and `&str` when written (both are
/// the same bytes in postcard), so writing copies no text.
#[derive(Serialize, Deserialize)]
struct Row<S> {
    file: S,
    stamp: [i64; 3],
    session_id: Uuid,
    series_id: Uuid,
    project: S,
    case_code: S,
    wave: u32,
    date: Option<Day>,
    /// Seconds since 1970 (UTC), nanoseconds, and the offset from UTC in seconds.
    updated_at: (i64, u32, i32),
    consent: bool,
    follow_up_due: Option<Day>,
    series_end: Option<(EndReason, Option<Day>)>,
    price_year: Option<i32>,
    intervention: i64,
    alternative: i64,
    alternative_range: RangeRow,
    payers: Vec<PayerRow>,
    domains: Vec<DomainRow>,
}

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

fn day(d: NaiveDate) -> Day {
    d.num_days_from_ce()
}

/// A day out of chrono's range: the row is not used.
struct OutOfRange;

/// The date of an optional day.
fn of_day(d: Option<Day>) -> Result<Option<NaiveDate>, OutOfRange> {
    d.map_or(Ok(None), |d| {
        NaiveDate::from_num_days_from_ce_opt(d)
            .map(Some)
            .ok_or(OutOfRange)
    })
}

/// The ids of a cache: written as a list, each row refers to an id by its place.
#[derive(Default)]
struct Ids {
    list: Vec<String>,
    at: HashMap<String, u32>,
}

impl Ids {
    /// The place of `id`, given one if it has none yet. `hint` is a guess (the place of
    /// the id at the same position in the row before, as rows mostly name the same ids
    /// in the same order): one comparison instead of a hash for most ids.
    fn place(&mut self, id: &str, hint: Option<u32>) -> u32 {
        if let Some(h) = hint
            && self.list.get(h as usize).is_some_and(|known| known == id)
        {
            return h;
        }
        if let Some(&i) = self.at.get(id) {
            return i;
        }
        let i = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.list.push(id.to_string());
        self.at.insert(id.to_string(), i);
        i
    }
}

impl<'a> Row<&'a str> {
    /// The row of `f`; its payer and domain ids get places in `ids`, guessed from the
    /// row `before`.
    fn new(
        file: &'a str,
        stamp: Stamp,
        f: &'a SessionFigures,
        ids: &mut Ids,
        before: Option<&Row<&str>>,
    ) -> Row<&'a str> {
        let payers = f
            .payers
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let hint = before.and_then(|b| b.payers.get(n)).map(|p| p.0);
                (
                    ids.place(&p.payer_id, hint),
                    p.intervention.0,
                    p.alternative.0,
                    range_row(p.alternative_range),
                )
            })
            .collect();
        let domains = f
            .domains
            .iter()
            .enumerate()
            .map(|(n, d)| {
                let hint = before.and_then(|b| b.domains.get(n)).map(|d| d.0);
                (ids.place(&d.domain_id, hint), d.start, d.now)
            })
            .collect();
        Row {
            file,
            stamp: stamp_row(stamp),
            session_id: f.session_id,
            series_id: f.series_id,
            project: &f.project,
            case_code: &f.case_code,
            wave: f.wave,
            date: f.date.map(day),
            updated_at: (
                f.updated_at.timestamp(),
                f.updated_at.timestamp_subsec_nanos(),
                f.updated_at.offset().local_minus_utc(),
            ),
            consent: f.consent,
            follow_up_due: f.follow_up_due.map(day),
            series_end: f.series_end.map(|(reason, on)| (reason, on.map(day))),
            price_year: f.price_year,
            intervention: f.intervention.0,
            alternative: f.alternative.0,
            alternative_range: range_row(f.alternative_range),
            payers,
            domains,
        }
    }
}

impl Row<String> {
    /// The file name, stamp and figures of a row whose ids are all in `ids` and whose
    /// days and time are in range.
    fn into_figures(self, ids: &[Arc<str>]) -> Option<Cached> {
        let id = |i: u32| ids.get(usize::try_from(i).ok()?).cloned();
        let (secs, nanos, offset) = self.updated_at;
        let updated_at =
            DateTime::from_timestamp(secs, nanos)?.with_timezone(&FixedOffset::east_opt(offset)?);
        let series_end = match self.series_end {
            None => None,
            Some((reason, on)) => Some((reason, of_day(on).ok()?)),
        };
        let figures = SessionFigures {
            session_id: self.session_id,
            series_id: self.series_id,
            project: self.project,
            case_code: self.case_code,
            wave: self.wave,
            date: of_day(self.date).ok()?,
            updated_at,
            consent: self.consent,
            follow_up_due: of_day(self.follow_up_due).ok()?,
            series_end,
            price_year: self.price_year,
            payers: self
                .payers
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
            intervention: Cents(self.intervention),
            alternative: Cents(self.alternative),
            alternative_range: row_range(self.alternative_range),
            domains: self
                .domains
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
        Some((self.file, self.stamp, figures))
    }
}

fn level_key(level: PriceLevel) -> String {
    match level {
        PriceLevel::Nominal => "nominal".into(),
        PriceLevel::Year(y) => y.to_string(),
    }
}

/// Removes the cache of tafel versions before the binary one, if it is there: it held
/// case codes as text, in the clear even in an encrypted library.
pub fn remove_old_cache(sessions_dir: &Path) {
    let _ = fs::remove_file(sessions_dir.join(OLD_FIGURES_NAME));
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
    // Files are looked at relative to the open folder: a stat then walks no path.
    let dir = open_dir(sessions_dir)?;
    // The cache is read on another thread while this one lists the folder.
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
    // cache has a row for it, and a read where it has none or its stamp differs.
    // Parsing is most of a rebuild's work, and stats are most of a warm run's.
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let chunk = files.len().div_ceil(threads).max(1);
    let ctx = &Ctx {
        dir: &dir,
        stamps: &stamps,
        level,
        index,
    };
    let at = &at;
    // Each thread gathers the labels of the files it read; they are merged in the order
    // of the list, so the first file to name a payer or domain names it, as before.
    let mut looked: Vec<Looked> = Vec::with_capacity(files.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut found = Labels::default();
                    let mut buf = Vec::new();
                    let looked = part
                        .iter()
                        .map(|(name, path)| {
                            let row = at.get(name.as_str()).copied();
                            look(ctx, name, path, row, &mut found, &mut buf)
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
    // Rewritten when files were read, or rows are of files that are gone.
    let changed = out.read > 0 || taken.iter().any(Option::is_some);
    drop(taken);
    keep.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if changed {
        out.cache_write = CacheWrite::start(sessions_dir, cache_path, encode(&key, &labels, &keep));
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

/// What became of one listed file: its cache row (by place) still holds, or it was read.
enum Looked {
    Cached(usize, Stamp),
    Read(Box<Result<(Stamp, SessionFigures), String>>),
}

/// What every worker looks at files with.
struct Ctx<'a> {
    /// The sessions folder, open.
    dir: &'a OwnedFd,
    /// The stamps of the cache's rows, by place.
    stamps: &'a [[i64; 3]],
    level: PriceLevel,
    index: &'a [IndexSeries],
}

/// Uses the cache row `row` when its stamp is the file's now; reads the file otherwise.
fn look(
    ctx: &Ctx,
    name: &str,
    path: &Path,
    row: Option<usize>,
    labels: &mut Labels,
    buf: &mut Vec<u8>,
) -> Looked {
    if let Some(i) = row
        // Not following a symlink: one is read below, and refused there.
        && let Some(stamp) = Stamp::at(ctx.dir.as_fd(), name)
        && ctx.stamps[i] == stamp_row(stamp)
    {
        return Looked::Cached(i, stamp);
    }
    Looked::Read(Box::new(read_one(path, ctx.level, ctx.index, labels, buf)))
}

/// The sessions folder, opened to look at its files by name.
fn open_dir(sessions_dir: &Path) -> io::Result<OwnedFd> {
    use rustix::fs::{Mode, OFlags};
    Ok(rustix::fs::open(
        sessions_dir,
        OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
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

/// Reads one file (into `buf`, the worker's buffer) as [`super::load`] reads it.
fn read_one(
    path: &Path,
    level: PriceLevel,
    index: &[IndexSeries],
    labels: &mut Labels,
    buf: &mut Vec<u8>,
) -> Result<(Stamp, SessionFigures), String> {
    let meta = super::read_raw_into(path, buf).map_err(|e| e.reason())?;
    let opened;
    let bytes: &[u8] = if super::vault::is_sealed(buf) {
        opened = super::vault::open(buf.clone()).map_err(|error| {
            super::LoadError::Sealed {
                path: path.into(),
                error,
            }
            .reason()
        })?;
        &opened
    } else {
        buf
    };
    let loaded = super::parse(path, bytes).map_err(|e| e.reason())?;
    labels.add(&loaded.session);
    Ok((
        Stamp::of(&meta),
        SessionFigures::of_owned(loaded.session, Some(level), index),
    ))
}

/// A cached file: its name, stamp and figures.
type Cached = (String, [i64; 3], SessionFigures);

/// The cache's labels and rows at `key`; nothing when it is missing, damaged, of another
/// version or of another price level.
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
    decode(&bytes, key).unwrap_or_default()
}

/// The header of a cache of this version and session format.
fn header() -> Vec<u8> {
    let mut head = MAGIC.to_vec();
    head.extend_from_slice(&VERSION.to_le_bytes());
    head.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    head
}

/// A cache's labels and rows, when it is of this version, session format and `key`.
/// Rows that do not make sense (an id out of range, a day out of range) are left out:
/// their files are read again.
fn decode(bytes: &[u8], key: &str) -> Option<(Labels, Vec<Cached>)> {
    let body = bytes.strip_prefix(header().as_slice())?;
    let cache: Cache = postcard::from_bytes(body).ok()?;
    if cache.level != key {
        return None;
    }
    let ids: Vec<Arc<str>> = cache.ids.iter().map(|i| Arc::from(i.as_str())).collect();
    let rows = cache
        .rows
        .into_iter()
        .filter_map(|r| r.into_figures(&ids))
        .collect();
    Some((cache.labels, rows))
}

/// The bytes of a cache of `lines` at `key`.
fn encode(key: &str, labels: &Labels, lines: &[(String, Stamp, SessionFigures)]) -> Vec<u8> {
    // Ids get their places in the order of the rows.
    let mut ids = Ids::default();
    let mut rows: Vec<Row<&str>> = Vec::with_capacity(lines.len());
    for (file, stamp, figures) in lines {
        let row = Row::new(file, *stamp, figures, &mut ids, rows.last());
        rows.push(row);
    }
    let cache = CacheRef {
        level: key,
        labels,
        ids: ids.list,
        rows,
    };
    // About 200 bytes a row.
    let head = header();
    let mut bytes = Vec::with_capacity(head.len() + lines.len() * 256);
    bytes.extend_from_slice(&head);
    // Serialising plain data into a Vec cannot fail. (Not `to_io`: it writes byte by
    // byte through `io::Write`, ten times slower.)
    postcard::to_extend(&cache, bytes).expect("postcard writes into a Vec")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(id: Uuid) -> SessionFigures {
        let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        SessionFigures {
            session_id: id,
            series_id: Uuid::new_v4(),
            project: "Project".into(),
            case_code: "GR-01".into(),
            wave: 2,
            date: Some(at(2026, 3, 4)),
            updated_at: DateTime::parse_from_rfc3339("2026-03-04T10:11:12.345+01:00").unwrap(),
            consent: true,
            follow_up_due: None,
            series_end: Some((EndReason::MovedAway, Some(at(-40, 1, 1)))),
            price_year: Some(2025),
            payers: vec![PayerFigures {
                payer_id: Arc::from("gemeente_wmo"),
                intervention: Cents(-5),
                alternative: Cents(i64::MAX),
                alternative_range: Range {
                    high: Cents(1),
                    high_medium: Cents(2),
                    all: Cents(i64::MIN),
                },
            }],
            intervention: Cents(7),
            alternative: Cents(8),
            alternative_range: Range::default(),
            domains: vec![DomainFigures {
                domain_id: Arc::from("wonen"),
                start: Some(3),
                now: None,
            }],
        }
    }

    #[test]
    fn rows_read_back_as_written() {
        let stamp = Stamp {
            len: 123,
            mtime_ns: -4,
            ino: 99,
        };
        let a = figures(Uuid::new_v4());
        let mut b = figures(Uuid::new_v4());
        b.updated_at = DateTime::parse_from_rfc3339("1969-12-31T23:59:59.999999999-11:30").unwrap();
        b.date = None;
        b.series_end = None;
        let lines = vec![
            ("a.json".to_string(), stamp, a.clone()),
            ("b.json".to_string(), stamp, b.clone()),
        ];
        let mut labels = Labels::default();
        labels.payers.insert(
            "gemeente_wmo".into(),
            crate::model::Localized::new("Wmo", "Wmo"),
        );
        let bytes = encode("2025", &labels, &lines);
        let (back_labels, rows) = decode(&bytes, "2025").unwrap();
        assert_eq!(back_labels, labels);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, "a.json");
        assert_eq!(rows[0].1, stamp_row(stamp));
        assert_eq!(rows[0].2, a);
        assert_eq!(rows[0].2.updated_at.offset(), a.updated_at.offset());
        assert_eq!(rows[1].2, b);
        assert_eq!(rows[1].2.updated_at.offset(), b.updated_at.offset());
        // Another level, version or session format is not read; neither is a cut-off or
        // damaged cache.
        assert!(decode(&bytes, "nominal").is_none());
        let mut other = bytes.clone();
        other[8] ^= 1;
        assert!(decode(&other, "2025").is_none());
        let mut other = bytes.clone();
        other[12] ^= 1;
        assert!(decode(&other, "2025").is_none());
        for cut in [0, 5, 16, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], "2025").is_none(), "{cut}");
        }
        assert!(decode(b"{not json", "2025").is_none());
    }

    /// A row as written, read back.
    fn owned(r: &Row<&str>) -> Row<String> {
        postcard::from_bytes(&postcard::to_allocvec(r).unwrap()).unwrap()
    }

    #[test]
    fn a_row_out_of_range_is_left_out_not_trusted() {
        let stamp = Stamp {
            len: 1,
            mtime_ns: 2,
            ino: 3,
        };
        let f = figures(Uuid::new_v4());
        let mut ids = Ids::default();
        let row = Row::new("a.json", stamp, &f, &mut ids, None);
        // Places that are not in the cache's list of ids.
        assert!(owned(&row).into_figures(&[]).is_none());
        let places: Vec<Arc<str>> = ids.list.iter().map(|i| Arc::from(i.as_str())).collect();
        let mut bad = owned(&row);
        bad.date = Some(i32::MAX);
        assert!(bad.into_figures(&places).is_none());
        let mut bad = owned(&row);
        bad.updated_at.2 = 100_000; // more than a day
        assert!(bad.into_figures(&places).is_none());
        let mut bad = owned(&row);
        bad.series_end = Some((EndReason::Other, Some(i32::MIN)));
        assert!(bad.into_figures(&places).is_none());
        assert_eq!(owned(&row).into_figures(&places).unwrap().2, f);
    }

    #[test]
    fn ids_get_places_in_order_and_a_wrong_guess_is_only_a_guess() {
        let mut ids = Ids::default();
        assert_eq!(ids.place("a", None), 0);
        assert_eq!(ids.place("b", Some(0)), 1);
        assert_eq!(ids.place("a", Some(1)), 0);
        assert_eq!(ids.place("b", Some(1)), 1);
        assert_eq!(ids.place("c", Some(7)), 2);
        assert_eq!(ids.list, ["a", "b", "c"]);
    }
}
