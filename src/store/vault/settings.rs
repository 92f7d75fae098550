//! `keys.json`: the library's key settings, beside `sessions/`. It names the team's
//! members and whether the library is encrypted. It lies in the shared folder, so
//! anyone who can write there can change it; see [`super`] for what tafel trusts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use age::x25519::Recipient;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Sealing, VaultError};
use crate::store::atomic::write_atomic;

/// The library's key settings, beside `sessions/`.
pub const SETTINGS_NAME: &str = "keys.json";
pub fn settings_path(root: &Path) -> PathBuf {
    root.join(SETTINGS_NAME)
}

/// The version of `keys.json` this tafel writes; a newer one is refused (its rules for
/// who a file is encrypted to are not known here).
pub const SETTINGS_VERSION: u32 = 1;

/// The lock file that orders changes of the keys on this laptop.
pub fn lock_path(root: &Path) -> PathBuf {
    root.join(".keys.lock")
}

/// Takes the exclusive lock that orders changes of the keys on this laptop
/// (`<root>/.keys.lock`), waiting for another change to end.
pub fn lock_settings(root: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(lock_path(root))?;
    f.lock()?;
    Ok(f)
}

/// One member of the team: a name to know them by, and their public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    /// `age1...`
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<NaiveDate>,
}

/// `keys.json`: who the library's files are encrypted to, and whether they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub version: u32,
    /// New files are written encrypted. Set by `tafel encrypt`, cleared by `tafel decrypt`.
    pub encrypted: bool,
    pub recipients: Vec<Member>,
    /// Set while files are converted to the keys (or made plain), cleared when all are:
    /// a conversion that was stopped (a kill, a session open elsewhere) is known, and
    /// `tafel encrypt` or `decrypt` finishes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unfinished: bool,
}

impl Settings {
    /// The settings of the library in `root`; the default (plain, nobody) when there are
    /// none. A file that cannot be read or parsed is an error, never taken as plain.
    pub fn read(root: &Path) -> Result<Settings, VaultError> {
        let path = settings_path(root);
        let fail = |reason: String| VaultError::Settings {
            path: path.clone(),
            reason,
        };
        let bytes = match crate::store::read_raw(&path) {
            Ok((_, bytes)) => bytes,
            Err(crate::store::LoadError::Io { source, .. })
                if source.kind() == io::ErrorKind::NotFound =>
            {
                return Ok(Settings::default());
            }
            Err(e) => return Err(fail(e.reason())),
        };
        let settings: Settings = serde_json::from_slice(&bytes).map_err(|e| fail(e.to_string()))?;
        if settings.version > SETTINGS_VERSION {
            return Err(VaultError::SettingsNewer {
                path,
                version: settings.version,
            });
        }
        if settings.encrypted {
            settings.recipients().map_err(fail)?;
        }
        Ok(settings)
    }

    /// Writes the settings of the library in `root` (plain: names and public keys only).
    pub fn write(&self, root: &Path) -> io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        bytes.push(b'\n');
        write_atomic(&settings_path(root), &bytes)?;
        super::forget_settings();
        Ok(())
    }

    /// The members' keys, each checked.
    pub fn recipients(&self) -> Result<Vec<Recipient>, String> {
        if self.recipients.is_empty() {
            return Err("no keys to encrypt to".into());
        }
        self.recipients
            .iter()
            .map(|m| Recipient::from_str(m.key.trim()).map_err(|e| format!("{}: {e}", m.name)))
            .collect()
    }

    /// The keys new files are encrypted to; `None` when the library is plain.
    pub(super) fn sealing(&self) -> Sealing {
        if !self.encrypted {
            return None;
        }
        self.recipients().ok().map(Arc::from)
    }

    /// Adds `key` under `name`; `false` when that key is there already.
    pub fn add(&mut self, name: &str, key: &Recipient, today: NaiveDate) -> bool {
        let key = key.to_string();
        if self.recipients.iter().any(|m| m.key == key) {
            return false;
        }
        self.version = self.version.max(1);
        self.recipients.push(Member {
            name: name.trim().to_string(),
            key,
            added: Some(today),
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_change_of_the_keys_at_a_time_waits_for_the_other() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let first = lock_settings(dir.path()).unwrap();
        let got = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                let lock = lock_settings(dir.path()).unwrap();
                got.store(true, Ordering::SeqCst);
                drop(lock);
            });
            std::thread::sleep(std::time::Duration::from_millis(150));
            assert!(
                !got.load(Ordering::SeqCst),
                "waits while the first holds it"
            );
            drop(first);
            second.join().unwrap();
        });
        assert!(got.load(Ordering::SeqCst));
    }

    #[test]
    fn settings_with_a_bad_key_are_refused_not_taken_as_plain() {
        let dir = tempfile::tempdir().unwrap();
        let bad = r#"{"version":1,"encrypted":true,"recipients":[{"name":"x","key":"age1nope"}]}"#;
        fs::write(settings_path(dir.path()), bad).unwrap();
        assert!(matches!(
            Settings::read(dir.path()),
            Err(VaultError::Settings { .. })
        ));
        let none = r#"{"version":1,"encrypted":true,"recipients":[]}"#;
        fs::write(settings_path(dir.path()), none).unwrap();
        assert!(Settings::read(dir.path()).is_err());
    }
}
