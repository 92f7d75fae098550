//! Where the library lives, and creating its folders private from the start.

use std::fs::{self, DirBuilder};
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory (after `--data-dir`).
pub const DATA_DIR_ENV: &str = "TAFEL_DATA_DIR";

/// `--data-dir`, else `TAFEL_DATA_DIR`, else the platform's local data dir for tafel
/// (`~/.local/share/tafel` on Linux).
pub fn resolve_data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("nl", "", "tafel").map(|d| d.data_local_dir().to_path_buf())
}

/// One of tafel's folders cannot be used.
#[derive(Debug)]
pub enum DirError {
    /// A symbolic link where tafel's own folder should be: never followed.
    Symlink(PathBuf),
    /// Something that is not a folder.
    NotAFolder(PathBuf),
    Io(PathBuf, io::Error),
}

impl DirError {
    /// The reason in the user's language (the system's own words in brackets).
    pub fn explain(&self, lang: crate::i18n::Lang) -> String {
        let t = lang.texts();
        match self {
            DirError::Symlink(p) => (t.dir_symlink)(&p.display()),
            DirError::NotAFolder(p) => (t.dir_not_a_folder)(&p.display()),
            DirError::Io(p, e) => format!("{} [{e}]", (t.dir_io)(&p.display())),
        }
    }
}

impl std::fmt::Display for DirError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explain(crate::i18n::Lang::En))
    }
}

impl std::error::Error for DirError {}

impl From<DirError> for io::Error {
    fn from(e: DirError) -> io::Error {
        match e {
            DirError::Io(_, e) => e,
            other => io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

/// Creates `dir` (and missing parents) with mode 0700. A folder that already exists is
/// tightened to 0700 only when `tighten` is set: tafel's own subfolders (`sessions`,
/// `trash`, `exports`), never a folder the user pointed us at. tafel's own subfolders must
/// be real folders: a symbolic link in their place is refused, so that tafel never
/// changes the mode of, or removes files in, a folder outside the data folder.
pub fn ensure_private_dir(dir: &Path, tighten: bool) -> Result<(), DirError> {
    if tighten {
        refuse_symlink(dir)?;
    }
    let io = |e| DirError::Io(dir.to_path_buf(), e);
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {
            if tighten && meta.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io)?;
            }
            Ok(())
        }
        Ok(_) => Err(DirError::NotAFolder(dir.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_durably(dir).map_err(io),
        Err(e) => Err(io(e)),
    }
}

/// Creates `dir` and its missing parents, mode 0700, each followed by an fsync of the
/// folder it was made in: a new folder's name is then on disk before anything is written
/// into it, also where the file system does not promise that by itself (POSIX does not;
/// ALICE, OSDI 2014). Up to the first folder that already existed.
fn create_durably(dir: &Path) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && fs::symlink_metadata(a).is_err())
        .collect();
    for d in missing.into_iter().rev() {
        match DirBuilder::new().mode(0o700).create(d) {
            Ok(()) => {}
            // Made meanwhile by another process: its own fsync covers it.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => continue,
            Err(e) => return Err(e),
        }
        let parent = d
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// An error when `dir` is a symbolic link.
fn refuse_symlink(dir: &Path) -> Result<(), DirError> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => Err(DirError::Symlink(dir.to_path_buf())),
        _ => Ok(()),
    }
}

/// One of tafel's own subfolders if it exists (`None` if not), refusing a symbolic link.
pub fn existing_private_dir(dir: &Path) -> Result<Option<PathBuf>, DirError> {
    refuse_symlink(dir)?;
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(Some(dir.to_path_buf())),
        Ok(_) => Err(DirError::NotAFolder(dir.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(DirError::Io(dir.to_path_buf(), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment() {
        let p = resolve_data_dir(Some(Path::new("/x"))).unwrap();
        assert_eq!(p, PathBuf::from("/x"));
    }

    #[test]
    fn a_symlinked_own_folder_is_refused_and_its_target_keeps_its_mode() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("elsewhere");
        fs::create_dir(&target).unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o755)).unwrap();
        let link = tmp.path().join("sessions");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = ensure_private_dir(&link, true).unwrap_err();
        assert!(matches!(err, DirError::Symlink(_)), "{err}");
        assert!(existing_private_dir(&link).is_err());
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o755,
            "the link's target is left alone"
        );
        // The data folder itself may be a link: the user chose it.
        ensure_private_dir(&link, false).unwrap();
    }

    #[test]
    fn creates_private_folders_and_tightens_our_own() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("a/b");
        ensure_private_dir(&d, true).unwrap();
        assert_eq!(
            fs::metadata(&d).unwrap().permissions().mode() & 0o777,
            0o700
        );
        fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
        ensure_private_dir(&d, false).unwrap();
        assert_eq!(
            fs::metadata(&d).unwrap().permissions().mode() & 0o777,
            0o755
        );
        ensure_private_dir(&d, true).unwrap();
        assert_eq!(
            fs::metadata(&d).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }
}
