//! Converting a library in place: plain to encrypted (`tafel encrypt`, also from a
//! library an older tafel encrypted to every member's key), to a new library key (after
//! `keys remove`), and back to plain (`tafel decrypt`). One file at a time, each replaced atomically, so a kill at any moment leaves
//! every file whole, either as it was or as it is meant to be; running the command again
//! finishes the work. A session open in a running tafel is left alone and named: that
//! tafel writes it in the new form at its next save.
//!
//! A file already in the new form is left alone, not even rewritten: a second `tafel
//! encrypt` changes nothing, and the sync service uploads nothing again. The library's
//! caches (the index and the figures cache) not in the new form are removed, and the
//! index is built again at the end.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use age::x25519::Identity;

use super::{SEALED_EXTENSION, VaultError, is_sealed};
use crate::store::atomic::{self, write_atomic};
use crate::store::exports;
use crate::store::index::INDEX_NAME;
use crate::store::{Library, LockOutcome, SessionLock, figures::FIGURES_NAME};

/// What the library's files become.
#[derive(Clone)]
pub enum Target {
    /// Encrypted to this library key alone.
    Library(Arc<Identity>),
    Plain,
}

impl Target {
    /// Whether `bytes` are in this form already.
    fn holds(&self, bytes: &[u8]) -> bool {
        match self {
            Target::Library(key) => super::sealed_to_only(bytes, key),
            Target::Plain => !is_sealed(bytes),
        }
    }

    /// Whether the file at `path` is in this form already (its first bytes are read: the
    /// header of an age file for one key is a few hundred bytes).
    fn holds_file(&self, path: &Path) -> bool {
        use std::io::Read;
        let mut head = Vec::with_capacity(4096);
        fs::File::open(path)
            .and_then(|f| f.take(4096).read_to_end(&mut head))
            .is_ok_and(|_| self.holds(&head))
    }
}

/// How many files of `lib` are not in the form `target` asks for (the caches and the
/// manifest of exports included): 0 when a conversion would write nothing.
pub fn to_do(lib: &Library, target: &Target) -> usize {
    let sessions = lib.sessions_dir();
    let caches = [INDEX_NAME, FIGURES_NAME]
        .into_iter()
        .map(|c| sessions.join(c))
        .chain(std::iter::once(manifest_path(lib)))
        .filter(|p| p.exists());
    super::library_files(&sessions, true)
        .into_iter()
        .chain(super::library_files(&lib.trash_dir(), true))
        .chain(super::library_files(
            &exports::exports_dir(lib.root()),
            false,
        ))
        .chain(caches)
        .filter(|p| !target.holds_file(p))
        .count()
}

fn manifest_path(lib: &Library) -> PathBuf {
    exports::exports_dir(lib.root()).join(exports::MANIFEST_NAME)
}

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written in the new form.
    pub converted: usize,
    /// Session files left alone because a running tafel has them open.
    pub busy: Vec<PathBuf>,
    /// Files that could not be converted, with the reason (left as they were).
    pub failed: Vec<(PathBuf, Failed)>,
}

/// Why one file was not converted.
#[derive(Debug)]
pub enum Failed {
    Read(crate::store::LoadError),
    Vault(VaultError),
    Write(io::Error),
    Lock(crate::store::LockError),
    /// The new name is taken by a file with other content.
    Exists(PathBuf),
}

impl Failed {
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Failed::Read(e) => e.explain(lang),
            Failed::Vault(e) => e.explain(lang),
            Failed::Write(e) => format!("[{e}]"),
            Failed::Lock(e) => e.explain(lang),
            Failed::Exists(p) => (lang.texts().vault.target_exists)(&p.display()),
        }
    }
}

/// Converts every file of `lib` to `target`; `progress(done, total)` after each file.
pub fn convert(
    lib: &Library,
    target: &Target,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<Report> {
    // What is written here is read back (an export moved, a manifest): with this key.
    if let Target::Library(key) = target {
        super::keep_library_key(key);
    }
    let sessions = lib.sessions_dir();
    // The caches are built again below, in the new form; one in the old form must not
    // stay.
    for cache in [INDEX_NAME, FIGURES_NAME] {
        let path = sessions.join(cache);
        if target.holds_file(&path) {
            continue;
        }
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    let in_sessions = super::library_files(&sessions, true);
    let in_trash = super::library_files(&lib.trash_dir(), true);
    // The manifest of exports first, whole, in the new form: the lines added below for
    // renamed exports are then written in that form too.
    let manifest = if manifest_path(lib).exists() && target.holds_file(&manifest_path(lib)) {
        exports::read(lib.root())
    } else {
        let to = match target {
            Target::Library(key) => Some(vec![key.to_public()]),
            Target::Plain => None,
        };
        exports::rewrite_as(lib.root(), to.as_deref())?
    };
    let in_exports = exports_of(lib, &manifest);
    let total = in_sessions.len() + in_trash.len() + in_exports.len();
    let mut report = Report::default();
    let mut done = 0;
    for path in in_sessions.iter().chain(&in_trash) {
        // A session open in a running tafel is not touched: it would overwrite this.
        // (The trash is nobody's to edit: no lock file is made there.)
        let in_trash = path.parent() == Some(lib.trash_dir().as_path());
        let _held = match (in_trash, SessionLock::for_file(path)) {
            (true, _) => None,
            // Deleted meanwhile (`tafel delete`): nothing to convert, no lock file left.
            (false, Ok(LockOutcome::Acquired(held))) if !path.exists() => {
                held.remove_file();
                done += 1;
                progress(done, total);
                continue;
            }
            (false, Ok(LockOutcome::Acquired(held))) => Some(held),
            (false, Ok(LockOutcome::HeldElsewhere(_))) => {
                report.busy.push(path.clone());
                done += 1;
                progress(done, total);
                continue;
            }
            (false, Err(e)) => {
                report.failed.push((path.clone(), Failed::Lock(e)));
                done += 1;
                progress(done, total);
                continue;
            }
        };
        match convert_file(path, path, target) {
            Ok(true) => report.converted += 1,
            Ok(false) => {}
            // Gone meanwhile (the trash emptied, a session deleted): nothing to convert.
            Err(Failed::Read(crate::store::LoadError::Io { source, .. }))
                if source.kind() == io::ErrorKind::NotFound => {}
            Err(e) => report.failed.push((path.clone(), e)),
        }
        done += 1;
        progress(done, total);
    }
    for (path, owner) in &in_exports {
        let to = export_name(path, owner.as_ref(), target);
        if to != *path && fs::symlink_metadata(&to).is_ok() {
            // A run stopped between writing the new file and removing the old one left
            // both: the old one goes. A file of other content is never written over.
            if same_plain(path, &to) {
                moved(lib, path, &to, owner.as_ref());
                report.converted += 1;
            } else {
                report.failed.push((path.clone(), Failed::Exists(to)));
            }
            done += 1;
            progress(done, total);
            continue;
        }
        // An export tafel noted gets its new form noted before it has a name (also in
        // place: a new stamp that no line names would look changed by the user, and
        // `delete` would leave it).
        let converted = match owner {
            Some(r) => converted_bytes(path, &to, target).and_then(|out| match out {
                Some(out) => exports::rewrite(lib.root(), r, &to, &out)
                    .map(|_| true)
                    .map_err(|e| Failed::Write(io::Error::other(e.to_string()))),
                None => Ok(false),
            }),
            None => convert_file(path, &to, target),
        };
        match converted {
            Ok(changed) => {
                if to != *path {
                    let _ = atomic::remove_durably(path);
                }
                report.converted += usize::from(changed || to != *path);
            }
            Err(e) => report.failed.push((path.clone(), e)),
        }
        done += 1;
        progress(done, total);
    }
    let _ = exports::forget_gone(lib.root());
    // The index again, in the new form (the figures cache follows at the next portfolio).
    lib.scan()?;
    Ok(report)
}

/// An export now at `to` in its new form: the manifest follows it (so a purge still
/// finds it), and the old file goes.
fn moved(lib: &Library, from: &Path, to: &Path, owner: Option<&exports::Record>) {
    if let Some(r) = owner {
        let _ = exports::record(lib.root(), &[to.to_path_buf()], &r.sessions, r.anonymous);
    }
    let _ = atomic::remove_durably(from);
}

/// The exports to convert, each with the manifest's line about it: every file at the top
/// of `exports/` (not hidden), and every file the manifest lists inside the library (a
/// folder of tables, a report written with `-o` into the data folder).
fn exports_of(
    lib: &Library,
    manifest: &[exports::Record],
) -> Vec<(PathBuf, Option<exports::Record>)> {
    let root = fs::canonicalize(lib.root()).unwrap_or_else(|_| lib.root().to_path_buf());
    let mut paths: Vec<PathBuf> = super::library_files(&exports::exports_dir(lib.root()), false)
        .into_iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    for r in manifest {
        if r.path.starts_with(&root)
            && !r.path.starts_with(root.join("sessions"))
            && !r.path.starts_with(root.join("trash"))
            && fs::symlink_metadata(&r.path).is_ok_and(|m| m.is_file())
        {
            paths.push(r.path.clone());
        }
    }
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .map(|p| {
            let owner = manifest.iter().rev().find(|r| r.path == p).cloned();
            (p, owner)
        })
        .collect()
}

/// An export's name in the new form. Encrypted it gets `.age`; a report of one session
/// or a comparison of two, whose name tafel built from the case code, is named after the
/// first session's short id instead, so no case code shows in a file name (tables, a
/// portfolio and anonymous exports keep their names). Made plain again, it loses `.age`.
fn export_name(path: &Path, owner: Option<&exports::Record>, target: &Target) -> PathBuf {
    let sealed_name = path.extension().is_some_and(|e| e == SEALED_EXTENSION);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match (target, sealed_name) {
        (Target::Library(_), false) => {
            let of_a_case = owner.filter(|r| !r.anonymous && (1..=2).contains(&r.sessions.len()));
            let Some(first) = of_a_case.and_then(|r| r.sessions.first()) else {
                return super::with_sealed_extension(path);
            };
            let ext = name.split_once('.').map_or("html", |(_, e)| e);
            let short = crate::model::short_id(first);
            // The first free name, or one an earlier, stopped run already wrote this to.
            (1..100_000u32)
                .map(|n| path.with_file_name(format!("{short}-{n}.{ext}.{SEALED_EXTENSION}")))
                .find(|p| fs::symlink_metadata(p).is_err() || same_plain(path, p))
                .unwrap_or_else(|| path.to_path_buf())
        }
        (Target::Plain, true) => path.with_extension(""),
        _ => path.to_path_buf(),
    }
}

/// Writes the file at `from` in the form `target` asks for, at `to` (atomically). Returns
/// whether anything was written: a plain file stays as it is for [`Target::Plain`].
fn convert_file(from: &Path, to: &Path, target: &Target) -> Result<bool, Failed> {
    match converted_bytes(from, to, target)? {
        Some(out) => {
            write_atomic(to, &out).map_err(Failed::Write)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The file at `from` in the form `target` asks for; `None` when it is in that form and
/// stays where it is.
fn converted_bytes(from: &Path, to: &Path, target: &Target) -> Result<Option<Vec<u8>>, Failed> {
    let (_, bytes) = crate::store::read_raw(from).map_err(Failed::Read)?;
    if from == to && target.holds(&bytes) {
        return Ok(None);
    }
    let plain = super::open(bytes).map_err(Failed::Vault)?;
    Ok(Some(match target {
        Target::Library(key) => super::seal(&plain, &[key.to_public()]).map_err(Failed::Vault)?,
        Target::Plain => plain,
    }))
}

/// Whether two files hold the same text once opened (either may be encrypted).
fn same_plain(a: &Path, b: &Path) -> bool {
    let plain = |p: &Path| {
        crate::store::read_raw(p)
            .ok()
            .and_then(|(_, bytes)| super::open(bytes).ok())
    };
    match (plain(a), plain(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;
    use crate::model::costs::PriceList;

    #[test]
    fn a_session_open_elsewhere_is_skipped_and_named_and_the_rest_converted() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        let open = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        let other = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        let open_path = lib.save(&open).unwrap();
        let other_path = lib.save(&other).unwrap();
        // Held as a running tafel holds it (another open file description).
        let LockOutcome::Acquired(_held) = lib.lock(open.id).unwrap() else {
            panic!("free")
        };
        // What is not a session file is not tafel's to convert: a sync service's file in
        // transfer, a note someone left.
        let foreign = [
            lib.sessions_dir().join(".syncthing.x.json.tmp"),
            lib.sessions_dir().join("notes.txt"),
        ];
        for f in &foreign {
            fs::write(f, "as it was").unwrap();
        }
        let key = age::x25519::Identity::generate();
        let target = Target::Library(Arc::new(key.clone()));
        let report = convert(&lib, &target, &mut |_, _| {}).unwrap();
        for f in &foreign {
            assert_eq!(fs::read_to_string(f).unwrap(), "as it was");
        }
        assert_eq!(report.busy, vec![open_path.clone()]);
        assert_eq!(report.converted, 1);
        assert!(!is_sealed(&fs::read(&open_path).unwrap()));
        let sealed = fs::read(&other_path).unwrap();
        assert!(super::super::open_with(&key, &sealed).is_ok());
    }

    /// A run stopped between writing an export's new file and removing the old one left
    /// both: the next run removes the old one and keeps the new, never a second copy.
    #[test]
    fn a_conversion_stopped_between_writing_and_removing_an_export_is_finished() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        let s = Session::new(
            &crate::model::clock::test_clock(),
            vec![],
            PriceList::default(),
            vec![],
        );
        lib.save(&s).unwrap();
        let out = exports::exports_dir(dir.path());
        fs::create_dir_all(out.join("tables")).unwrap();
        let report = out.join("GR-07-T0.html");
        let table = out.join("tables").join("sessions.csv");
        fs::write(&report, "GR-07 report").unwrap();
        fs::write(&table, "id,case\n1,GR-07\n").unwrap();
        exports::record(dir.path(), std::slice::from_ref(&report), &[s.id], false).unwrap();
        exports::record(
            dir.path(),
            std::slice::from_ref(&table),
            &[s.id, uuid::Uuid::new_v4(), uuid::Uuid::new_v4()],
            false,
        )
        .unwrap();
        // As `tafel encrypt` does: the key unlocked, keys.json saying encrypted.
        let anna = age::x25519::Identity::generate();
        super::super::unlock(anna.clone());
        let (settings, key) = super::super::settings::Settings::encrypted_by(
            ("anna", &anna),
            &[],
            chrono::NaiveDate::MIN,
        )
        .unwrap();
        settings.write(dir.path()).unwrap();
        let to = [key.to_public()];
        // What the stopped run had written already.
        let short = s.id.simple().to_string()[..8].to_string();
        let done_report = out.join(format!("{short}-1.html.age"));
        fs::write(
            &done_report,
            super::super::seal(b"GR-07 report", &to).unwrap(),
        )
        .unwrap();
        let done_table = out.join("tables").join("sessions.csv.age");
        fs::write(
            &done_table,
            super::super::seal(b"id,case\n1,GR-07\n", &to).unwrap(),
        )
        .unwrap();
        let r = convert(
            &lib,
            &Target::Library(Arc::new(key.clone())),
            &mut |_, _| {},
        )
        .unwrap();
        assert!(r.failed.is_empty(), "{:?}", r.failed);
        assert!(!report.exists() && !table.exists(), "the plain ones go");
        assert!(done_report.exists() && done_table.exists());
        assert!(
            !out.join(format!("{short}-2.html.age")).exists(),
            "no second copy"
        );
        // The manifest follows, so deleting the session finds the report.
        let held = exports::holding(dir.path(), &[s.id]);
        let canon = fs::canonicalize(&done_report).unwrap();
        assert!(held.iter().any(|r| r.path == canon), "{held:?}");
    }
}
