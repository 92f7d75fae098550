//! The library of session files on disk: `<data-dir>/sessions/<id>.json`.
//!
//! Loading never changes a file: a file that cannot be read is reported with its reason
//! and left byte for byte as it is; a file from a newer tafel opens read-only. Saving
//! replaces files atomically (see [`atomic`]); editing takes a lock (see [`lock`]).

pub mod atomic;
pub mod config;
pub mod encode;
pub mod error;
pub mod exports;
pub mod figures;
pub mod fs_time;
pub mod index;
pub mod lock;
pub mod migrate;
pub mod paths;
pub mod remove;
pub mod space;
pub mod vault;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

pub use error::{LoadError, ResolveError, SaveError};
pub use lock::{Beat, Holder, LockError, LockOutcome, SessionLock};
pub use remove::{Found, RemoveError};

use crate::model::{SCHEMA_VERSION, Session};

/// Larger files are refused unread: a session with hours of typing is well under 1 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A session read from disk, and whether it may be changed.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub session: Session,
    /// Set when the file was written by a newer tafel: show it, never save it.
    pub newer_version: Option<u32>,
    /// Set when the file was migrated from an older version on load.
    pub migrated_from: Option<u32>,
}

/// What the library list shows of one session file (also a line of the index).
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
pub struct Summary {
    /// Where the file is; not stored in the index, which is keyed by file name.
    #[serde(skip)]
    pub path: PathBuf,
    pub id: Uuid,
    pub series_id: Uuid,
    pub case_code: String,
    pub project: String,
    pub wave: u32,
    pub date: Option<NaiveDate>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub follow_up_due: Option<NaiveDate>,
    pub retention_until: Option<NaiveDate>,
    pub phases_started: [bool; 6],
    pub newer_version: Option<u32>,
    /// Set when this wave ended its series (why, and when). The series' status is that
    /// of its latest wave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series_end: Option<SeriesEnded>,
}

/// How a series ended, as the library lists it (the note in words stays in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct SeriesEnded {
    pub reason: crate::model::EndReason,
    pub on: Option<NaiveDate>,
}

/// Whether `path` is not named after the session `id` it holds (`<id>.json`).
pub fn is_copy_name(path: &Path, id: Uuid) -> bool {
    let mut buf = Uuid::encode_buffer();
    let want = id.hyphenated().encode_lower(&mut buf);
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".json"))
        != Some(&*want)
}

/// A sync service that left a conflicted copy of a session, recognised by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncConflict {
    /// Dropbox and Nextcloud: `<id> (… conflicted copy …).json`.
    ConflictedCopy,
    /// Syncthing: `<id>.sync-conflict-20261130-101500-ABCDEF1.json`.
    Syncthing,
    /// OneDrive and SharePoint: `<id>-LAPTOP-3.json` (the other machine's name).
    MachineName,
    /// Google Drive, Windows, a second download: `<id> (1).json`.
    Numbered,
}

impl SyncConflict {
    /// The service, as a user knows it.
    pub fn tool(self) -> &'static str {
        match self {
            SyncConflict::ConflictedCopy => "Dropbox/Nextcloud",
            SyncConflict::Syncthing => "Syncthing",
            SyncConflict::MachineName => "OneDrive/SharePoint",
            SyncConflict::Numbered => "(1)",
        }
    }
}

/// Whether `path` is named as a sync service names a conflicted copy of the session whose
/// id its name starts with.
pub fn sync_conflict_name(path: &Path) -> Option<SyncConflict> {
    let name = path.file_name()?.to_str()?;
    let id = name.get(..36).and_then(|s| Uuid::parse_str(s).ok())?;
    sync_conflict(path, id)
}

/// Whether `path` is named as a sync service names a conflicted copy of session `id`.
pub fn sync_conflict(path: &Path, id: Uuid) -> Option<SyncConflict> {
    let mut buf = Uuid::encode_buffer();
    let own = id.hyphenated().encode_lower(&mut buf);
    let name = path.file_name()?.to_str()?.strip_suffix(".json")?;
    let rest = name
        .get(..own.len())
        .filter(|s| s.eq_ignore_ascii_case(own))?;
    let rest = &name[rest.len()..];
    if rest.starts_with(" (") && rest.ends_with(')') && rest.contains("conflicted copy") {
        return Some(SyncConflict::ConflictedCopy);
    }
    if rest.starts_with(".sync-conflict-") {
        return Some(SyncConflict::Syncthing);
    }
    if let Some(n) = rest.strip_prefix(" (").and_then(|r| r.strip_suffix(')'))
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return Some(SyncConflict::Numbered);
    }
    if let Some(machine) = rest.strip_prefix('-')
        && !machine.is_empty()
        && machine
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Some(SyncConflict::MachineName);
    }
    None
}

impl Summary {
    /// The sync service whose conflicted copy this file is, if its name says so.
    pub fn conflict(&self) -> Option<SyncConflict> {
        sync_conflict(&self.path, self.id)
    }

    /// Whether this file is a copy: a file in the library that holds a session under
    /// another name than `<id>.json` (a backup, "x (1).json", a sync tool's conflicted
    /// copy). It is listed as a copy, opens read-only and is never counted as the
    /// session itself; deleting or purging it removes that file only.
    pub fn is_copy(&self) -> bool {
        is_copy_name(&self.path, self.id)
    }

    pub fn of(loaded: &Loaded) -> Summary {
        Summary::of_session(&loaded.path, &loaded.session, loaded.newer_version)
    }

    pub fn of_session(path: &Path, s: &Session, newer_version: Option<u32>) -> Summary {
        Summary {
            path: path.to_path_buf(),
            id: s.id,
            series_id: s.series_id,
            case_code: s.preparation.case_code.clone(),
            project: s.preparation.project.clone(),
            wave: s.preparation.wave,
            date: s.preparation.date,
            created_at: s.created_at,
            updated_at: s.updated_at,
            follow_up_due: s.follow_up_due(),
            retention_until: s.retention_until,
            phases_started: s.phases_started(),
            newer_version,
            series_end: s.wrap_up.series_end.as_ref().map(|e| SeriesEnded {
                reason: e.reason,
                on: e.on,
            }),
        }
    }
}

/// How each series ended, from the latest wave of each (copies aside): a series whose
/// latest wave did not end it goes on, whatever an earlier wave said.
pub fn series_ends<'a>(
    summaries: impl IntoIterator<Item = &'a Summary>,
) -> std::collections::HashMap<Uuid, SeriesEnded> {
    crate::model::series::latest_ends(
        summaries
            .into_iter()
            .filter(|s| !s.is_copy())
            .map(|s| (s.series_id, s.wave, s.series_end.map(|e| (e.reason, e.on)))),
    )
    .into_iter()
    .map(|(id, (reason, on))| (id, SeriesEnded { reason, on }))
    .collect()
}

/// One entry of the library folder: a session, or a file that could not be read.
#[derive(Debug)]
pub enum Entry {
    Session(Box<Summary>),
    Unreadable { path: PathBuf, error: LoadError },
}

impl Entry {
    pub fn path(&self) -> &Path {
        match self {
            Entry::Session(s) => &s.path,
            Entry::Unreadable { path, .. } => path,
        }
    }

    /// Puts `entry` in the place of the entry with the same path (a file listed from its
    /// head that turned out broken, see [`index::ScanEvent::Replace`]).
    pub fn replace_in(entries: &mut [Entry], entry: Entry) -> bool {
        match entries.iter_mut().find(|e| e.path() == entry.path()) {
            Some(old) => {
                *old = entry;
                true
            }
            None => false,
        }
    }
}

/// The library in one data directory.
#[derive(Debug, Clone)]
pub struct Library {
    root: PathBuf,
}

impl Library {
    /// Opens (and if needed creates, mode 0700) the library in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Library, paths::DirError> {
        let lib = Library {
            root: data_dir.to_path_buf(),
        };
        paths::ensure_private_dir(&lib.root, false)?;
        paths::ensure_private_dir(&lib.sessions_dir(), true)?;
        // The figures cache of earlier versions held case codes as text: it must not stay
        // behind in the clear (`tafel encrypt` converts only today's caches).
        figures::remove_old_cache(&lib.sessions_dir());
        // Leftover temporary files of a crash are removed by the next scan of the folder
        // (see `index::scan`), not here: opening must not list ten thousand files.
        Ok(lib)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    pub fn path_for(&self, id: Uuid) -> PathBuf {
        self.sessions_dir().join(format!("{id}.json"))
    }

    /// Drops the index lines of session `id` that later saves superseded (see
    /// [`index::compact`]). Failures are left for the next library scan.
    pub fn compact_index_for(&self, id: Uuid) {
        let _ = index::compact(&self.sessions_dir(), &format!("{id}.json"));
    }

    pub fn lock_path_for(&self, id: Uuid) -> PathBuf {
        lock::lock_path_of(&self.path_for(id))
    }

    /// Every `.json` file in the sessions folder, sorted by path. Current files come
    /// from the index (see [`index`]); nothing but the index is ever written.
    pub fn scan(&self) -> io::Result<Vec<Entry>> {
        let mut entries = Vec::new();
        self.scan_with(&mut |event| {
            match event {
                index::ScanEvent::Batch(batch) => entries.extend(batch),
                index::ScanEvent::Replace(entry) => {
                    Entry::replace_in(&mut entries, entry);
                }
                index::ScanEvent::Listed | index::ScanEvent::Checked { .. } => {}
            }
            std::ops::ControlFlow::Continue(())
        })?;
        // One folder: comparing the names as bytes gives the path order, much faster.
        entries.sort_unstable_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
        Ok(entries)
    }

    /// Like [`Library::scan`], handing entries over as they become known.
    pub fn scan_with(
        &self,
        sink: &mut dyn FnMut(index::ScanEvent) -> std::ops::ControlFlow<()>,
    ) -> io::Result<index::ScanStats> {
        index::scan(&self.sessions_dir(), sink)
    }

    /// Finds a session by a path, a full id or a unique prefix of its id.
    pub fn resolve(&self, given: &str) -> Result<PathBuf, ResolveError> {
        let as_path = Path::new(given);
        if (given.contains('/') || given.ends_with(".json")) && as_path.exists() {
            return Ok(as_path.to_path_buf());
        }
        let wanted = given.trim().to_ascii_lowercase();
        if wanted.is_empty() {
            return Err(ResolveError::NotFound(given.to_string()));
        }
        let dir = self.sessions_dir();
        let read = fs::read_dir(&dir).map_err(|source| ResolveError::Io {
            path: dir.clone(),
            source,
        })?;
        let mut matches: Vec<(String, PathBuf)> = read
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let stem = name.strip_suffix(".json")?.to_string();
                (!atomic::is_temp_name(&name) && stem.to_ascii_lowercase().starts_with(&wanted))
                    .then(|| (stem, e.path()))
            })
            .collect();
        matches.sort();
        // A session and its copies (a backup, a sync conflict) share the id their names
        // start with: the id names the session's own file, `<id>.json`.
        let own = |stem: &str| Uuid::parse_str(stem).is_ok();
        let one_id = matches
            .first()
            .and_then(|(s, _)| s.get(..36))
            .is_some_and(|id| matches.iter().all(|(s, _)| s.get(..36) == Some(id)));
        if matches.len() > 1
            && one_id
            && let Some(i) = matches.iter().position(|(s, _)| own(s))
        {
            return Ok(matches.swap_remove(i).1);
        }
        match matches.len() {
            0 => Err(ResolveError::NotFound(given.to_string())),
            1 => Ok(matches.remove(0).1),
            count => Err(ResolveError::Ambiguous {
                given: given.to_string(),
                count,
                examples: matches
                    .iter()
                    .take(3)
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// Saves `session` as `sessions/<id>.json`, atomically, mode 0600.
    pub fn save(&self, session: &Session) -> Result<PathBuf, SaveError> {
        let path = self.path_for(session.id);
        save_to(&path, session)?;
        Ok(path)
    }

    /// Takes the edit lock of the session `id` in this library.
    pub fn lock(&self, id: Uuid) -> Result<LockOutcome, LockError> {
        SessionLock::for_file(&self.path_for(id))
    }
}

/// Serialises and atomically writes a session to `path`.
pub fn save_to(path: &Path, session: &Session) -> Result<(), SaveError> {
    if session.schema_version > SCHEMA_VERSION {
        return Err(SaveError::ReadOnly {
            path: path.to_path_buf(),
            reason: "the file was made by a newer version of tafel".into(),
        });
    }
    // A file tafel would refuse to load is never written: the text stays in memory.
    if let Some(too) = crate::model::limits::check(session) {
        return Err(SaveError::TooLong {
            path: path.to_path_buf(),
            field: too.field,
            limit: too.kind.limit(),
            in_bytes: too.kind.in_bytes(),
        });
    }
    let bytes = encode::session_bytes(session).map_err(|e| SaveError::Io {
        path: path.to_path_buf(),
        source: io::Error::other(e),
    })?;
    // Encrypted in memory when the library is: only ciphertext reaches the disk.
    let vault_err = |error: vault::VaultError| SaveError::Vault {
        path: path.to_path_buf(),
        error,
    };
    let root = vault::root_of(path);
    let sealing = match root {
        Some(root) => vault::sealing_of(root).map_err(vault_err)?,
        None => None,
    };
    let bytes = match &sealing {
        Some(to) => vault::seal(&bytes, to).map_err(vault_err)?,
        // An encrypted file is never replaced by plain text because `keys.json` is gone
        // (deleted, or not yet delivered by a sync service); only `tafel decrypt`, which
        // says so in it, makes a library plain.
        None if root.is_some_and(|r| !vault::settings::settings_path(r).exists())
            && vault::file_is_sealed(path) =>
        {
            return Err(vault_err(vault::VaultError::SettingsMissing {
                path: root.map(vault::settings::settings_path).unwrap_or_default(),
            }));
        }
        None => bytes,
    };
    let written = atomic::write_atomic_stat(path, &bytes).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // An encrypted library's index is one encrypted file, written whole by the next
    // scan; a line appended here would be plain text.
    if sealing.is_none() {
        index::note_saved(path, &written, &Summary::of_session(path, session, None));
    }
    Ok(())
}

#[derive(Deserialize)]
struct VersionProbe {
    schema_version: Option<serde_json::Value>,
}

/// Reads one session file without changing it. A file whose name is not valid text is
/// refused as the library list refuses it (it could not be named in messages or exports).
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    if path.file_name().is_some_and(|n| n.to_str().is_none()) {
        return Err(LoadError::BadName { path: path.into() });
    }
    let (_, bytes) = read_file(path)?;
    parse(path, &bytes)
}

/// A session file's metadata and plain bytes (decrypted, when it is encrypted, with the
/// key unlocked at start; see [`vault`]). Refused as [`read_raw`] refuses.
pub fn read_file(path: &Path) -> Result<(fs::Metadata, Vec<u8>), LoadError> {
    let (meta, bytes) = read_raw(path)?;
    let bytes = vault::open(bytes).map_err(|error| LoadError::Sealed {
        path: path.into(),
        error,
    })?;
    Ok((meta, bytes))
}

/// A file's metadata and bytes as they are on disk; a symlink, anything but a regular
/// file (a FIFO would block the reader for ever) or a file over [`MAX_FILE_BYTES`] is
/// refused unread. The checks are made on the opened file itself, so the file cannot be
/// swapped for something else between the check and the read.
pub fn read_raw(path: &Path) -> Result<(fs::Metadata, Vec<u8>), LoadError> {
    let mut bytes = Vec::new();
    let meta = read_raw_into(path, &mut bytes)?;
    Ok((meta, bytes))
}

/// [`read_raw`] into `bytes` (emptied first): a reader of thousands of files keeps one
/// buffer instead of allocating one per file.
pub fn read_raw_into(path: &Path, bytes: &mut Vec<u8>) -> Result<fs::Metadata, LoadError> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let io_err = |source| LoadError::Io {
        path: path.into(),
        source,
    };
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                LoadError::Symlink { path: path.into() }
            } else {
                io_err(e)
            }
        })?;
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile { path: path.into() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.into(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    bytes.clear();
    bytes.reserve(meta.len() as usize);
    // A file that grows while it is read still stops at the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.into(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(meta)
}

/// Parses the bytes of a session file; `path` is only used in messages. A session with
/// a text over its limit (see [`crate::model::limits`]) is refused, with the field named.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let loaded = parse_unchecked(path, bytes)?;
    match crate::model::limits::check(&loaded.session) {
        None => Ok(loaded),
        Some(too) => Err(LoadError::TooLong {
            path: path.into(),
            field: too.field,
            limit: too.kind.limit(),
            in_bytes: too.kind.in_bytes(),
        }),
    }
}

fn parse_unchecked(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let parse_err = |e: serde_json::Error| LoadError::Parse {
        path: path.into(),
        line: e.line(),
        column: e.column(),
        message: plain_json_message(&e),
        problem: error::ParseProblem::of(&e),
    };
    let not_object = || LoadError::NotASession {
        path: path.into(),
        message: "this is JSON, but not a tafel session (it is not an object)".into(),
    };
    // The common case in one pass: a well-formed file of this version. Anything else
    // (older, newer, broken) takes the careful path below for its migration or message.
    if let Some(session) = parse_fast(bytes)
        && session.schema_version == SCHEMA_VERSION
    {
        return Ok(Loaded {
            path: path.to_path_buf(),
            session,
            newer_version: None,
            migrated_from: None,
        });
    }
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(
            match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                Ok(_) => not_object(),
                Err(e) => parse_err(e),
            },
        );
    }
    let probe: VersionProbe = serde_json::from_slice(bytes).map_err(parse_err)?;
    let version = match probe.schema_version {
        None => {
            return Err(LoadError::NotASession {
                path: path.into(),
                message: "no schema_version: this is not a tafel session file".into(),
            });
        }
        Some(v) => v
            .as_u64()
            .filter(|v| (1..=u64::from(u32::MAX)).contains(v))
            .ok_or_else(|| LoadError::NotASession {
                path: path.into(),
                message: format!("schema_version {v} is not a version number"),
            })? as u32,
    };
    let loaded = |session, newer_version, migrated_from| Loaded {
        path: path.to_path_buf(),
        session,
        newer_version,
        migrated_from,
    };
    if version == SCHEMA_VERSION {
        let session = serde_json::from_slice(bytes).map_err(parse_err)?;
        Ok(loaded(session, None, None))
    } else if version > SCHEMA_VERSION {
        // Read what we understand; never written back.
        serde_json::from_slice(bytes)
            .map(|s| loaded(s, Some(version), None))
            .map_err(|e| LoadError::TooNew {
                path: path.into(),
                version,
                supported: SCHEMA_VERSION,
                message: plain_json_message(&e),
            })
    } else {
        let mut doc: serde_json::Value = serde_json::from_slice(bytes).map_err(parse_err)?;
        migrate::migrate(&mut doc, version, migrate::STEPS).map_err(|message| {
            LoadError::NotASession {
                path: path.into(),
                message,
            }
        })?;
        let session = serde_json::from_value(doc).map_err(|e| LoadError::NotASession {
            path: path.into(),
            message: format!(
                "after migrating from version {version}: {}",
                plain_json_message(&e)
            ),
        })?;
        Ok(loaded(session, None, Some(version)))
    }
}

/// A session from `bytes` when they are one, read the fast way: with sonic-rs (SIMD), which
/// accepts exactly what serde_json accepts, with one exception that is checked for here
/// first (a `\u` escape must have four hex digits: sonic-rs does not check that in a value
/// it skips, such as a field tafel does not know). `None` for anything else, which is then
/// read by serde_json, for its verdict and its message. `tests/parser_verdicts.rs` holds
/// the two parsers to the same verdicts and the same sessions.
pub fn parse_fast(bytes: &[u8]) -> Option<Session> {
    if !unicode_escapes_are_whole(bytes) {
        return None;
    }
    let mut de = sonic_rs::Deserializer::from_slice(bytes);
    let session = <Session as serde::Deserialize>::deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(session)
}

/// Whether every `\u` escape in `bytes` is followed by four hex digits. (Outside a string
/// a backslash makes the text no JSON at all, for either parser.)
fn unicode_escapes_are_whole(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'\\', &bytes[at..]) {
        let i = at + i;
        match bytes.get(i + 1) {
            Some(b'u') => {
                let hex = bytes.get(i + 2..i + 6);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                at = i + 6;
            }
            // An escaped character: `\\` does not start another escape.
            Some(_) => at = i + 2,
            None => return false,
        }
    }
    true
}

/// serde_json's message without its trailing " at line X column Y" (we show those apart).
fn plain_json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LifeDomain, PriceList};
    use std::os::unix::fs::PermissionsExt;

    fn sample() -> Session {
        let mut s = Session::new(
            &crate::model::clock::test_clock(),
            vec![LifeDomain::new("wonen", "Wonen", "Housing")],
            PriceList::default(),
            vec![],
        );
        s.preparation.case_code = "GR-01".into();
        s
    }

    fn library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("data")).unwrap();
        (dir, lib)
    }

    #[test]
    fn only_a_sync_services_naming_is_a_conflict() {
        let id: Uuid = "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31".parse().unwrap();
        let c = |name: &str| sync_conflict(Path::new(name), id);
        assert_eq!(c("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31.json"), None);
        assert_eq!(c("GR-07 backup.json"), None);
        assert_eq!(c("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31 (copy).json"), None);
        assert_eq!(c("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31-.json"), None);
        assert_eq!(
            c("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31 (conflicted copy 2026-11-30 101500).json"),
            Some(SyncConflict::ConflictedCopy)
        );
        assert_eq!(
            c("4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31 (12).json"),
            Some(SyncConflict::Numbered)
        );
        assert_eq!(
            sync_conflict_name(Path::new(
                "/x/4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31.sync-conflict-20261130-1-A.json"
            )),
            Some(SyncConflict::Syncthing)
        );
    }

    #[test]
    fn saves_and_loads_with_private_modes() {
        let (_d, lib) = library();
        let s = sample();
        let path = lib.save(&s).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::metadata(lib.sessions_dir())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        assert_eq!(
            fs::metadata(lib.root()).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.session, s);
        assert_eq!(loaded.newer_version, None);
    }

    #[test]
    fn truncated_file_reports_line_and_column_and_is_left_alone() {
        let (_d, lib) = library();
        let path = lib.save(&sample()).unwrap();
        let full = fs::read(&path).unwrap();
        let cut = &full[..full.len() / 2];
        fs::write(&path, cut).unwrap();
        match load(&path) {
            Err(LoadError::Parse { line, .. }) => assert!(line > 1),
            other => panic!("expected a parse error, got {other:?}"),
        }
        let entries = lib.scan().unwrap();
        assert!(matches!(entries[0], Entry::Unreadable { .. }));
        assert_eq!(fs::read(&path).unwrap(), cut, "never rewritten");
    }

    #[test]
    fn newer_version_opens_read_only_and_refuses_to_save() {
        let (_d, lib) = library();
        let mut s = sample();
        s.schema_version = SCHEMA_VERSION + 1;
        let mut json = serde_json::to_value(&s).unwrap();
        json["a_field_from_the_future"] = serde_json::json!({"x": 1});
        let path = lib.path_for(s.id);
        fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.newer_version, Some(SCHEMA_VERSION + 1));
        assert!(matches!(
            lib.save(&loaded.session),
            Err(SaveError::ReadOnly { .. })
        ));
    }

    #[test]
    fn wrong_types_and_non_sessions_get_reasons() {
        let (_d, lib) = library();
        let dir = lib.sessions_dir();
        fs::write(dir.join("a.json"), br#"{"schema_version": 2, "id": 5}"#).unwrap();
        fs::write(dir.join("b.json"), b"[1,2]").unwrap();
        fs::write(dir.join("c.json"), br#"{"hello": 1}"#).unwrap();
        fs::write(dir.join("d.json"), br#"{"schema_version": "x"}"#).unwrap();
        std::os::unix::fs::symlink(dir.join("a.json"), dir.join("e.json")).unwrap();
        let reasons: Vec<String> = lib
            .scan()
            .unwrap()
            .into_iter()
            .map(|e| match e {
                Entry::Unreadable { error, .. } => error.reason(),
                Entry::Session(_) => panic!("should not load"),
            })
            .collect();
        assert!(reasons[0].contains("line 1"), "{}", reasons[0]);
        assert!(reasons[1].contains("not an object"), "{}", reasons[1]);
        assert!(reasons[2].contains("schema_version"), "{}", reasons[2]);
        assert!(reasons[3].contains("not a version"), "{}", reasons[3]);
        assert!(reasons[4].contains("symbolic link"), "{}", reasons[4]);
    }

    #[test]
    fn delete_for_good_removes_file_trash_copy_and_lock_and_purge_finds_expired() {
        let (_d, lib) = library();
        let mut s = sample();
        s.retention_until = NaiveDate::from_ymd_opt(2020, 1, 1);
        lib.save(&s).unwrap();
        let other = sample();
        lib.save(&other).unwrap();
        let index = std::fs::read_to_string(index::index_path(&lib.sessions_dir())).unwrap();
        assert!(index.contains(&s.id.to_string()), "saves are indexed");
        lib.move_to_trash(&lib.path_for(s.id)).unwrap();
        let index = std::fs::read_to_string(index::index_path(&lib.sessions_dir())).unwrap();
        assert!(
            !index.contains(&s.id.to_string()) && index.contains(&other.id.to_string()),
            "the index forgets a deleted session at once"
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let expired = lib.expired(today).unwrap();
        assert_eq!(
            expired.len(),
            1,
            "only the expired one, also when it is in the trash"
        );
        assert_eq!(expired[0].id, s.id);
        assert!(expired[0].in_trash);
        let files = lib.files_of(&s.id.to_string()[..8]).unwrap();
        assert_eq!(files.len(), 1);
        assert!(lib.delete_file(&files[0].path).unwrap());
        assert!(!lib.trash_dir().join(format!("{}.json", s.id)).exists());
        assert!(!lib.trash_dir().join(format!("{}.lock", s.id)).exists());
        // Open elsewhere: refused, nothing removed.
        let LockOutcome::Acquired(held) = lib.lock(other.id).unwrap() else {
            panic!()
        };
        assert!(lib.delete_file(&lib.path_for(other.id)).is_err());
        assert!(lib.path_for(other.id).exists());
        drop(held);
    }

    /// Issue 13.1: a copy of a session under another name is a file of its own. Purge
    /// judges each file by its own retention date and removes exactly the files it
    /// listed; the live session never stands in for its copy.
    #[test]
    fn purge_and_delete_act_on_the_listed_file_never_on_its_namesake() {
        let (_d, lib) = library();
        let mut live = sample();
        live.retention_until = NaiveDate::from_ymd_opt(2027, 1, 1);
        let live_path = lib.save(&live).unwrap();
        let mut copy = live.clone();
        copy.retention_until = NaiveDate::from_ymd_opt(2020, 1, 1);
        let copy_path = lib.sessions_dir().join("GR-07 backup.json");
        fs::write(&copy_path, serde_json::to_vec_pretty(&copy).unwrap()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();

        let expired = lib.expired(today).unwrap();
        assert_eq!(expired.len(), 1);
        assert_eq!(expired[0].path, copy_path);
        assert!(expired[0].copy, "listed as a copy");
        for f in &expired {
            lib.delete_file(&f.path).unwrap();
        }
        assert!(live_path.exists(), "the live, unexpired session stays");
        assert!(!copy_path.exists(), "the expired copy is gone");
        assert!(
            lib.expired(today).unwrap().is_empty(),
            "nothing listed again"
        );

        // Deleting by id lists the session and every copy of it, and nothing else.
        fs::write(&copy_path, serde_json::to_vec_pretty(&copy).unwrap()).unwrap();
        let unrelated = sample();
        lib.save(&unrelated).unwrap();
        let files = lib.files_of(&live.id.to_string()).unwrap();
        let mut paths: Vec<_> = files.iter().map(|f| f.path.clone()).collect();
        paths.sort();
        let mut want = vec![copy_path.clone(), live_path.clone()];
        want.sort();
        assert_eq!(paths, want);
        // By path: exactly that file.
        let files = lib.files_of(copy_path.to_str().unwrap()).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, copy_path);
        // Moving the copy to the trash moves the copy, not the session.
        lib.move_to_trash(&copy_path).unwrap();
        assert!(live_path.exists());
        assert!(lib.trash_dir().join("GR-07 backup.json").exists());
    }

    #[test]
    fn odd_names_and_huge_files_are_listed_with_a_reason_and_left_alone() {
        use std::os::unix::ffi::OsStrExt;
        let (_d, lib) = library();
        let dir = lib.sessions_dir();
        let odd = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.json"));
        fs::write(&odd, b"{}").unwrap();
        let huge = dir.join("huge.json");
        let f = fs::File::create(&huge).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no real disk use
        let entries = lib.scan().unwrap();
        let reasons: Vec<String> = entries
            .iter()
            .map(|e| match e {
                Entry::Unreadable { error, .. } => error.reason(),
                Entry::Session(_) => String::new(),
            })
            .collect();
        assert!(
            reasons.iter().any(|r| r.contains("not valid text")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("too large")),
            "{reasons:?}"
        );
        assert_eq!(fs::read(&odd).unwrap(), b"{}");
        assert_eq!(fs::metadata(&huge).unwrap().len(), MAX_FILE_BYTES + 1);
    }

    proptest::proptest! {
        #[test]
        fn the_loader_never_panics_on_garbage(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..4096)) {
            let _ = parse(Path::new("x.json"), &bytes);
        }

        #[test]
        fn every_strict_prefix_of_a_session_is_refused(cut in 0usize..100_000) {
            let mut s = sample();
            s.preparation.starting_question = "Café 😀 日本".repeat(20);
            let bytes = serde_json::to_vec_pretty(&s).unwrap();
            let cut = cut % bytes.len();
            proptest::prop_assert!(parse(Path::new("x.json"), &bytes[..cut]).is_err());
        }
    }

    #[test]
    fn resolves_unique_prefixes_only() {
        let (_d, lib) = library();
        let mut a = sample();
        a.id = Uuid::parse_str("aaaa1111-0000-4000-8000-000000000000").unwrap();
        let mut b = sample();
        b.id = Uuid::parse_str("aaaa2222-0000-4000-8000-000000000000").unwrap();
        lib.save(&a).unwrap();
        lib.save(&b).unwrap();
        assert_eq!(lib.resolve("aaaa1").unwrap(), lib.path_for(a.id));
        assert_eq!(lib.resolve("AAAA2").unwrap(), lib.path_for(b.id));
        assert!(matches!(
            lib.resolve("aaaa"),
            Err(ResolveError::Ambiguous { count: 2, .. })
        ));
        assert!(matches!(lib.resolve("b"), Err(ResolveError::NotFound(_))));
        let p = lib.path_for(a.id);
        assert_eq!(lib.resolve(p.to_str().unwrap()).unwrap(), p);
    }
}
