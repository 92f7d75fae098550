//! `keys.json`: the library's key settings, beside `sessions/`. It names the team's
//! members and whether the library is encrypted. It lies in the shared folder, so
//! anyone who can write there can change it; see [`super`] for what tafel trusts.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::x25519::{Identity, Recipient};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::VaultError;
use crate::store::atomic::write_atomic;

/// The library's key settings, beside `sessions/`.
pub const SETTINGS_NAME: &str = "keys.json";
pub fn settings_path(root: &Path) -> PathBuf {
    root.join(SETTINGS_NAME)
}

/// The version of `keys.json` this tafel writes; a newer one is refused (its rules for
/// who a file is encrypted to are not known here). Version 1 listed the members only,
/// and every file was encrypted to each of them; it is still read (see
/// [`super::trust`]), and `tafel encrypt` converts it.
pub const SETTINGS_VERSION: u32 = 2;

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

/// The library's own key: its public half, which every file is encrypted to, and its
/// secret half wrapped for each member who was given it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryKey {
    /// `age1...`
    pub key: String,
    /// Per member's public key: the library's secret key as an age file encrypted to
    /// that member's key alone (one X25519 stanza), in base64.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub wrapped: BTreeMap<String, String>,
}

/// A member who was removed: tafel no longer takes their word on keys.json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub name: String,
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
}

/// Who wrote this keys.json, and a tag for each member that only that member's key can
/// check (see [`super::signoff`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signoff {
    /// The writer's public key.
    pub by: String,
    /// Per member's public key, in hex.
    pub tags: BTreeMap<String, String>,
}

/// `keys.json`: who is in the team, whether the library is encrypted, and to which key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub version: u32,
    /// New files are written encrypted. Set by `tafel encrypt`, cleared by `tafel decrypt`.
    pub encrypted: bool,
    /// The members (named `recipients` since version 1, when each was a recipient of
    /// every file).
    pub recipients: Vec<Member>,
    /// The key every file is encrypted to (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub library: Option<LibraryKey>,
    /// Library keys that were replaced (a member was removed): never encrypted to again.
    /// While files are still being converted they keep their wraps, so that files not
    /// converted yet still open; afterwards only their public halves stay.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<LibraryKey>,
    /// Members who were removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
    /// Set while files are converted to the keys (or made plain), cleared when all are:
    /// a conversion that was stopped (a kill, a session open elsewhere) is known, and
    /// `tafel encrypt` or `decrypt` finishes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unfinished: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signoff: Option<Signoff>,
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
        if settings.encrypted && settings.library.is_none() {
            settings.recipients().map_err(fail)?;
        }
        if let Some(l) = &settings.library {
            Recipient::from_str(&l.key).map_err(|e| fail(format!("library: {e}")))?;
        }
        Ok(settings)
    }

    /// Writes the settings of the library in `root` (plain: names, public keys, the
    /// wrapped library key and the sign-off).
    pub fn write(&self, root: &Path) -> io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        bytes.push(b'\n');
        write_atomic(&settings_path(root), &bytes)?;
        super::forget_settings_of(root);
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

    /// The member with this key.
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.recipients.iter().find(|m| m.key == key.trim())
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

    /// The settings of a library newly encrypted by `own`: a new library key, wrapped for
    /// `own` and each of `others`, who are listed as members; signed by `own`. What
    /// `tafel encrypt` writes for the members this laptop confirmed (and what tests and
    /// benchmarks build a library with). Returns the library key too.
    pub fn encrypted_by(
        own: (&str, &Identity),
        others: &[(&str, Recipient)],
        today: NaiveDate,
    ) -> Result<(Settings, Identity), VaultError> {
        let mut settings = Settings::default();
        settings.add(own.0, &own.1.to_public(), today);
        for (name, key) in others {
            settings.add(name, key, today);
        }
        let members = settings
            .recipients()
            .map_err(|reason| VaultError::Settings {
                path: PathBuf::from(SETTINGS_NAME),
                reason,
            })?;
        let (identity, key) = LibraryKey::generate(&members)?;
        settings.library = Some(key);
        settings.encrypted = true;
        settings.sign(own.1);
        Ok((settings, identity))
    }

    /// Whether the library's key has been wrapped for `key`.
    pub fn has_wrap(&self, key: &str) -> bool {
        self.library
            .as_ref()
            .is_some_and(|l| l.wrapped.contains_key(key.trim()))
    }

    /// What the sign-off vouches for: everything in the file but the sign-off itself, as
    /// this tafel writes it (so a change in layout or an unknown field changes nothing).
    pub fn digest(&self) -> [u8; 32] {
        let unsigned = Settings {
            signoff: None,
            ..self.clone()
        };
        let mut bytes = b"tafel keys.json\n".to_vec();
        // A struct of strings, numbers and maps always serialises.
        bytes.extend(serde_json::to_vec(&unsigned).unwrap_or_default());
        super::signoff::digest(&bytes)
    }

    /// Signs the settings as `signer`, with a tag for every member (and the signer).
    pub fn sign(&mut self, signer: &Identity) {
        self.version = SETTINGS_VERSION;
        self.signoff = None;
        let digest = self.digest();
        let mut tags = BTreeMap::new();
        let own = signer.to_public();
        let keys = self
            .recipients
            .iter()
            .filter_map(|m| Recipient::from_str(&m.key).ok())
            .chain(std::iter::once(own.clone()));
        for key in keys {
            if let Some(tag) = super::signoff::tag(signer, &key, &digest) {
                tags.insert(key.to_string(), hex(&tag));
            }
        }
        self.signoff = Some(Signoff {
            by: own.to_string(),
            tags,
        });
    }

    /// Who signed these settings, checked with `reader` (this laptop's key): the signer's
    /// key when the tag made for `reader` is right, `None` otherwise (unsigned, no tag
    /// for `reader`, or changed since).
    pub fn signed_by(&self, reader: &Identity) -> Option<Recipient> {
        let signoff = self.signoff.as_ref()?;
        let signer = Recipient::from_str(&signoff.by).ok()?;
        let tag = unhex(signoff.tags.get(&reader.to_public().to_string())?)?;
        super::signoff::check(reader, &signer, &self.digest(), &tag).then_some(signer)
    }
}

impl LibraryKey {
    /// A new library key, wrapped for each of `members`.
    pub fn generate(members: &[Recipient]) -> Result<(Identity, LibraryKey), VaultError> {
        let identity = Identity::generate();
        let mut key = LibraryKey {
            key: identity.to_public().to_string(),
            wrapped: BTreeMap::new(),
        };
        for m in members {
            key.wrap_for(&identity, m)?;
        }
        Ok((identity, key))
    }

    /// Wraps the library's secret key (`identity`) for `member`.
    pub fn wrap_for(&mut self, identity: &Identity, member: &Recipient) -> Result<(), VaultError> {
        use age::secrecy::ExposeSecret;
        use base64::Engine;
        let secret = identity.to_string();
        let sealed = super::seal(
            secret.expose_secret().as_bytes(),
            std::slice::from_ref(member),
        )?;
        self.wrapped.insert(
            member.to_string(),
            base64::engine::general_purpose::STANDARD.encode(sealed),
        );
        Ok(())
    }

    /// The library's secret key, unwrapped with `reader`'s key; `None` when there is no
    /// wrap for it, or the wrap does not hold the secret half of [`LibraryKey::key`].
    pub fn unwrap(&self, reader: &Identity) -> Option<Identity> {
        use age::secrecy::ExposeSecret;
        use base64::Engine;
        let wrap = self.wrapped.get(&reader.to_public().to_string())?;
        let sealed = base64::engine::general_purpose::STANDARD
            .decode(wrap.trim())
            .ok()?;
        let plain = age::secrecy::SecretString::from(
            String::from_utf8(super::open_with(reader, &sealed).ok()?).ok()?,
        );
        let identity = Identity::from_str(plain.expose_secret().trim()).ok()?;
        (identity.to_public().to_string() == self.key).then_some(identity)
    }

    /// The public key files are encrypted to.
    pub fn recipient(&self) -> Option<Recipient> {
        Recipient::from_str(&self.key).ok()
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
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

    #[test]
    fn a_signed_keys_file_checks_for_each_member_and_not_once_changed() {
        let (a, b, c) = (
            Identity::generate(),
            Identity::generate(),
            Identity::generate(),
        );
        let mut s = Settings::default();
        s.add("a", &a.to_public(), NaiveDate::MIN);
        s.add("b", &b.to_public(), NaiveDate::MIN);
        let (library, key) = LibraryKey::generate(&[a.to_public(), b.to_public()]).unwrap();
        s.library = Some(key);
        s.encrypted = true;
        s.sign(&a);
        assert_eq!(s.signed_by(&b), Some(a.to_public()));
        assert_eq!(s.signed_by(&a), Some(a.to_public()));
        assert_eq!(s.signed_by(&c), None, "no tag for a stranger");
        // Through the file: the same.
        let dir = tempfile::tempdir().unwrap();
        s.write(dir.path()).unwrap();
        let back = Settings::read(dir.path()).unwrap();
        assert_eq!(back.signed_by(&b), Some(a.to_public()));
        // Each member unwraps the same library key; a stranger nothing.
        let lib = back.library.as_ref().unwrap();
        assert_eq!(
            lib.unwrap(&b).unwrap().to_public(),
            library.to_public(),
            "b opens the library key"
        );
        assert!(lib.unwrap(&c).is_none());
        // A key appended by hand, a member renamed, the library key swapped: no longer
        // signed.
        let mut appended = back.clone();
        appended.add("c", &c.to_public(), NaiveDate::MIN);
        assert_eq!(appended.signed_by(&b), None);
        let mut renamed = back.clone();
        renamed.recipients[1].name = "bram".into();
        assert_eq!(renamed.signed_by(&b), None);
        let mut swapped = back.clone();
        let (_, other) =
            LibraryKey::generate(&[a.to_public(), b.to_public(), c.to_public()]).unwrap();
        swapped.library = Some(other);
        assert_eq!(swapped.signed_by(&b), None);
        // A wrap that holds another key than the library's own is not taken.
        let mut lying = lib.clone();
        let (_, foreign) = LibraryKey::generate(&[b.to_public()]).unwrap();
        lying.wrapped.insert(
            b.to_public().to_string(),
            foreign.wrapped[&b.to_public().to_string()].clone(),
        );
        assert!(lying.unwrap(&b).is_none());
    }
}
