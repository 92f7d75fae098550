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

/// Creates `dir` (and missing parents) with mode 0700. A folder that already exists is
/// tightened to 0700 only when `tighten` is set: tafel's own subfolders, never a folder the
/// user pointed us at.
pub fn ensure_private_dir(dir: &Path, tighten: bool) -> io::Result<()> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {
            if tighten && meta.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
            }
            Ok(())
        }
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists but is not a folder", dir.display()),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            DirBuilder::new().recursive(true).mode(0o700).create(dir)
        }
        Err(e) => Err(e),
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
