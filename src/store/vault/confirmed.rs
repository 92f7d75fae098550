//! The keys confirmed on this laptop, as SSH's `known_hosts` holds the hosts it knows:
//! `confirmed.json` beside the personal key, outside the shared folder, so nobody who
//! can only write the shared folder can change it.
//!
//! A member's key counts here once this laptop's user confirmed it (`tafel keys add` on
//! this laptop, or `tafel keys confirm NAME` after comparing its words over the phone).
//! tafel wraps the library key only for confirmed keys, and takes a change of
//! `keys.json` only from a confirmed key (see [`super::trust`]). It also remembers what
//! it saw the team do: members removed (their word no longer counts) and library keys
//! replaced (never encrypted to again), so an old keys.json put back is not taken.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::store::atomic::write_atomic;

pub const CONFIRMED_NAME: &str = "confirmed.json";

pub fn confirmed_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join(CONFIRMED_NAME)
}

/// A key with the name it was confirmed (or removed) under, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    pub name: String,
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmed {
    pub version: u32,
    #[serde(default)]
    pub keys: Vec<Known>,
    /// Keys of members this laptop saw removed: no longer confirmed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revoked: Vec<Known>,
    /// Library keys this laptop saw replaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<String>,
    /// Library keys this laptop checked (signed by a key it confirmed): files stay
    /// encrypted to such a key even when keys.json is changed by someone else later, so
    /// the team keeps opening everything and the one who changed it nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub libraries: Vec<String>,
}

impl Confirmed {
    /// The list in `keys_dir`; empty when there is none. A list that cannot be read is
    /// an error: the caller then trusts no key but its own, never more.
    pub fn read(keys_dir: &Path) -> Result<Confirmed, String> {
        let path = confirmed_path(keys_dir);
        match crate::store::read_raw(&path) {
            Ok((_, bytes)) => {
                serde_json::from_slice(&bytes).map_err(|e| format!("{}: [{e}]", path.display()))
            }
            Err(crate::store::LoadError::Io { source, .. })
                if source.kind() == io::ErrorKind::NotFound =>
            {
                Ok(Confirmed::default())
            }
            Err(e) => Err(format!("{}: [{}]", path.display(), e.reason())),
        }
    }

    pub fn write(&self, keys_dir: &Path) -> io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(&Confirmed {
            version: 1,
            ..self.clone()
        })
        .map_err(io::Error::other)?;
        bytes.push(b'\n');
        write_atomic(&confirmed_path(keys_dir), &bytes)
    }

    /// Whether `key` was confirmed here and not removed since.
    pub fn is_confirmed(&self, key: &str) -> bool {
        let key = key.trim();
        self.keys.iter().any(|k| k.key == key) && !self.is_revoked(key)
    }

    /// Whether this laptop saw the member with `key` removed.
    pub fn is_revoked(&self, key: &str) -> bool {
        self.revoked.iter().any(|k| k.key == key.trim())
    }

    /// The key last confirmed under `name`, if any.
    pub fn under_name(&self, name: &str) -> Option<&Known> {
        let name = name.trim();
        self.keys
            .iter()
            .rev()
            .find(|k| k.name == name && !self.is_revoked(&k.key))
    }

    /// Confirms `key` as `name` (again after a removal: a member may come back, once
    /// someone compared their key).
    pub fn confirm(&mut self, name: &str, key: &str, on: NaiveDate) {
        let key = key.trim();
        self.revoked.retain(|k| k.key != key);
        self.keys.retain(|k| k.key != key);
        self.keys.push(Known {
            name: name.trim().to_string(),
            key: key.to_string(),
            on: Some(on),
        });
    }

    /// Notes that `key` was removed from a team: `true` when that is news here.
    pub fn revoke(&mut self, name: &str, key: &str, on: Option<NaiveDate>) -> bool {
        if self.is_revoked(key) {
            return false;
        }
        self.revoked.push(Known {
            name: name.trim().to_string(),
            key: key.trim().to_string(),
            on,
        });
        true
    }

    /// Notes that the library key `key` was replaced: `true` when that is news here.
    pub fn retire(&mut self, key: &str) -> bool {
        if self.retired.iter().any(|k| k == key) {
            return false;
        }
        self.retired.push(key.to_string());
        true
    }

    /// Notes that the library key `key` was checked here: `true` when that is news.
    pub fn pin(&mut self, key: &str) -> bool {
        if self.libraries.iter().any(|k| k == key) {
            return false;
        }
        self.libraries.push(key.to_string());
        true
    }

    /// Whether the library key `key` was checked here and not replaced since.
    pub fn is_pinned(&self, key: &str) -> bool {
        self.libraries.iter().any(|k| k == key) && !self.is_retired(key)
    }

    pub fn is_retired(&self, key: &str) -> bool {
        self.retired.iter().any(|k| k == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmed_key_counts_until_removed_and_again_once_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Confirmed::read(dir.path()).unwrap();
        assert!(!c.is_confirmed("age1b"));
        c.confirm("b", "age1b", NaiveDate::MIN);
        c.write(dir.path()).unwrap();
        let mut c = Confirmed::read(dir.path()).unwrap();
        assert!(c.is_confirmed("age1b"));
        assert_eq!(c.under_name("b").unwrap().key, "age1b");
        assert!(c.revoke("b", "age1b", None));
        assert!(!c.revoke("b", "age1b", None), "once");
        assert!(!c.is_confirmed("age1b"));
        assert!(c.under_name("b").is_none());
        c.confirm("b", "age1b", NaiveDate::MIN);
        assert!(c.is_confirmed("age1b"));
        std::fs::write(confirmed_path(dir.path()), "{ broken").unwrap();
        assert!(Confirmed::read(dir.path()).is_err());
    }
}
